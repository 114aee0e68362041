/* Unit tests for comparing two models (plan-link diff): values compared as
 * JSON, meaning, items, links and documents added, removed and changed; and
 * the suspect links a change of meaning leaves below it (plan-link suspect). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/model_diff.h"

/* --- building models ------------------------------------------------------------ */

typedef struct side {
	plan_file *files[8];
	size_t nfiles;
	plan_diags *diags;
	plan_model *model;
} side;

typedef struct fixture {
	side old, new;
	plan_model_diff *diff;
	plan_suspects *suspects;
	plan_file *loose[64];         /* files parsed for node tests */
	size_t nloose;
} fixture;

static fixture *fx;

static int setup(void **state)
{
	(void)state;
	fx = test_calloc(1, sizeof *fx);
	fx->old.diags = plan_diags_new();
	fx->new.diags = plan_diags_new();
	return 0;
}

static void side_free(side *s)
{
	plan_model_free(s->model);
	for (size_t i = 0; i < s->nfiles; i++)
		plan_file_free(s->files[i]);
	plan_diags_free(s->diags);
}

static int teardown(void **state)
{
	(void)state;
	plan_suspects_free(fx->suspects);
	plan_model_diff_free(fx->diff);
	side_free(&fx->old);
	side_free(&fx->new);
	for (size_t i = 0; i < fx->nloose; i++)
		plan_file_free(fx->loose[i]);
	test_free(fx);
	return 0;
}

static const char styrmodell[] =
	"kind: styrmodell\n"
	"municipality: {name: T, code: '0001'}\n"
	"vision: V\n"
	"perspectives:\n"
	"  - {id: inv, name: Invånare}\n"
	"  - {id: eko, name: Ekonomi}\n";

static const char organisation[] =
	"kind: organisation\n"
	"bodies: [{id: b1, name: B1, type: namnd}]\n"
	"offices: [{id: o1, name: O1, body: b1}]\n"
	"units: [{id: u1, name: U1, office: o1, type: enhet}]\n";

static const char flerarsplan[] =
	"kind: flerarsplan\n"
	"id: FAP\n"
	"title: F\n"
	"period: {from: 2026, to: 2028}\n"
	"adopted: {date: 2025-11-24, by: kf}\n"
	"goals:\n"
	"  - {id: KF-1, title: Alla lyckas, perspective: inv}\n"
	"  - {id: KF-2, title: God ekonomi, perspective: eko}\n"
	"assignments:\n"
	"  - {id: SU-1, title: Pröva, assigned_to: [b1], goal: KF-1, from: 2026, to: 2027}\n";

static const char vp[] =
	"kind: verksamhetsplan\nid: VP\nowner: b1\nperiod: {from: 2026, to: 2028}\n"
	"goals:\n"
	"  - {id: BUN-1, title: Fler når målen, contributes_to: [KF-1]}\n"
	"  - {id: BUN-2, title: Ramen håller, contributes_to: [KF-2]}\n";

static const char kp[] =
	"kind: kontorsplan\nid: KP\nowner: o1\nperiod: {from: 2026, to: 2028}\n"
	"goals:\n"
	"  - {id: O-1, title: Stöd i tid, contributes_to: [BUN-1]}\n"
	"  - {id: O-2, title: Uppföljning, contributes_to: [BUN-1, BUN-2]}\n"
	"kpis:\n"
	"  - {id: NT-1, name: Andel, measures: [BUN-1], aspect: kvalitet, unit: procent,\n"
	"     direction: higher, targets: {2026: 76, 2027: 78}}\n";

static const char ap[] =
	"kind: arbetsplan\nid: AP\nowner: u1\nyear: 2026\n"
	"activities:\n"
	"  - {id: A-1, title: Kartlägga, contributes_to: [O-1], responsible: R, due: 2026-10-30}\n"
	"  - {id: A-2, title: Följa upp, contributes_to: [O-2], responsible: R, due: 2026-11-30}\n"
	"  - {id: A-3, title: Pröva modellen, contributes_to: [SU-1], responsible: R, due: 2026-12-01}\n";

static void add(side *s, const char *path, const char *text)
{
	plan_limits limits = PLAN_LIMITS_INIT;
	assert_int_equal(plan_file_load(&s->files[s->nfiles], path, text, strlen(text), &limits,
		s->diags), 0);
	s->nfiles++;
}

/* A side from the base documents, each replaced when given. */
static void build_side(side *s, const char *fap, const char *vp_text, const char *kp_text,
	const char *ap_text)
{
	add(s, "styrmodell.yaml", styrmodell);
	add(s, "organisation.yaml", organisation);
	add(s, "flerarsplan.yaml", fap ? fap : flerarsplan);
	if (vp_text[0])
		add(s, "planer/vp.yaml", vp_text);
	if (kp_text[0])
		add(s, "planer/kp.yaml", kp_text);
	if (ap_text[0])
		add(s, "planer/ap.yaml", ap_text);
	assert_int_equal(plan_model_build(&s->model, (const plan_file *const *)s->files, s->nfiles,
		s->diags), 0);
	assert_int_equal(plan_model_link(s->model, s->diags), 0);
}

/* The base as the old side, and the base with the given documents replaced
 * (NULL: as in the base) as the new side; then diff and suspects. */
static void compare(const char *fap, const char *vp_text, const char *kp_text, const char *ap_text)
{
	build_side(&fx->old, NULL, vp, kp, ap);
	build_side(&fx->new, fap, vp_text ? vp_text : vp, kp_text ? kp_text : kp,
		ap_text ? ap_text : ap);
	assert_int_equal(plan_model_diff_build(&fx->diff, fx->old.model, fx->new.model), 0);
	assert_int_equal(plan_suspects_find(&fx->suspects, fx->diff, fx->new.model), 0);
}

/* `text` with the first `from` replaced by `to` (free() it). */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t head = (size_t)(at - text), nto = strlen(to), tail = strlen(at + strlen(from));
	char *out = malloc(head + nto + tail + 1);
	assert_non_null(out);
	memcpy(out, text, head);
	memcpy(out + head, to, nto);
	memcpy(out + head + nto, at + strlen(from), tail + 1);
	return out;
}

/* Append `s` to the string in buf[size], or fail the test. */
static void append(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf), m = strlen(s);
	assert_true(n + m < size);
	memcpy(buf + n, s, m + 1);
}

static const plan_item_change *item_change(const char *id)
{
	for (size_t i = 0; i < fx->diff->nitems; i++) {
		const plan_item_change *c = &fx->diff->items[i];
		const plan_item *item = c->new_item ? c->new_item : c->old_item;
		if (strcmp(item->id, id) == 0)
			return c;
	}
	return NULL;
}

/* The fields of a change as "a,b,c". */
static const char *field_names(const plan_field_change *fields, size_t n)
{
	static char buf[256];
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			append(buf, sizeof buf, ",");
		append(buf, sizeof buf, fields[i].path);
	}
	return buf;
}

/* The suspects as "from>to@changed" lines joined by ' '. */
static const char *suspect_list(void)
{
	static char buf[1024];
	buf[0] = '\0';
	for (size_t i = 0; i < fx->suspects->count; i++) {
		const plan_suspect *s = &fx->suspects->items[i];
		if (i)
			append(buf, sizeof buf, " ");
		append(buf, sizeof buf, s->chain[0]->id);
		append(buf, sizeof buf, ">");
		append(buf, sizeof buf, s->chain[1]->id);
		append(buf, sizeof buf, "@");
		append(buf, sizeof buf, s->chain[s->nchain - 1]->id);
	}
	return buf;
}

/* The first document's root of a YAML text. */
static const plan_node *yaml(const char *text)
{
	plan_limits limits = PLAN_LIMITS_INIT;
	plan_diags *diags = plan_diags_new();
	plan_file *f = NULL;
	assert_int_equal(plan_file_load(&f, "t.yaml", text, strlen(text), &limits, diags), 0);
	assert_int_equal(plan_diags_count(diags), 0);
	plan_diags_free(diags);
	fx->loose[fx->nloose++] = f;
	assert_true(f->ndocs > 0);
	return f->docs[0].root;
}

/* --- values --------------------------------------------------------------------------- */

static void test_equal_as_json(void **state)
{
	(void)state;
	/* Style, key order and number spelling do not count; types do. */
	assert_true(plan_node_equal(yaml("a: 76\nb: [x, y]\nc: {d: 1, e: 2}\n"),
		yaml("{c: {e: 2.0, d: 1}, a: 7.6e1, b: [\"x\", 'y']}\n")));
	assert_false(plan_node_equal(yaml("a: 2026\n"), yaml("a: '2026'\n")));
	assert_false(plan_node_equal(yaml("a: [x, y]\n"), yaml("a: [y, x]\n")));
	assert_false(plan_node_equal(yaml("a: 1\n"), yaml("a: 1\nb: 2\n")));
	assert_false(plan_node_equal(yaml("a: true\n"), yaml("a: false\n")));
	assert_true(plan_node_equal(yaml("a: ~\n"), yaml("a: null\n")));
	assert_false(plan_node_equal(yaml("a: ~\n"), NULL));
	assert_true(plan_node_equal(NULL, NULL));
	/* A NUL inside a scalar counts. */
	assert_false(plan_node_equal(yaml("a: \"x\\0y\"\n"), yaml("a: \"x\\0z\"\n")));

	/* Large mappings are looked up through a sorted index: the same answers. */
	char a[2048] = "", b[2048] = "";
	for (int i = 0; i < 40; i++) {
		char pair[32];
		snprintf(pair, sizeof pair, "k%02d: %d\n", i, i);
		append(a, sizeof a, pair);
		snprintf(pair, sizeof pair, "k%02d: %d\n", 39 - i, 39 - i);
		append(b, sizeof b, pair);
	}
	assert_true(plan_node_equal(yaml(a), yaml(b)));
	char *c = edit(b, "k17: 17", "k17: 18");
	assert_false(plan_node_equal(yaml(a), yaml(c)));
	free(c);
	c = edit(b, "k17: 17", "kx7: 17");
	assert_false(plan_node_equal(yaml(a), yaml(c)));
	free(c);
}

static void test_meaning(void **state)
{
	(void)state;
	const plan_node *base = yaml("{id: A, title: T, contributes_to: [X, Y], due: 2026-10-30}\n");
	/* Dates, order of links and a repeated link do not change the meaning. */
	assert_true(plan_node_meaning_equal(base,
		yaml("{id: A, title: T, contributes_to: [Y, X, Y], due: 2026-12-30, status: klar}\n")));
	assert_true(plan_node_meaning_equal(yaml("{id: A, title: T, description: ~}\n"),
		yaml("{id: A, title: T}\n")));
	assert_true(plan_node_meaning_equal(yaml("{id: S, title: T, goal: KF-1}\n"),
		yaml("{id: S, title: T, goal: [KF-1]}\n")));
	/* Title, name, description, perspective and links do. */
	assert_false(plan_node_meaning_equal(base,
		yaml("{id: A, title: T2, contributes_to: [X, Y]}\n")));
	assert_false(plan_node_meaning_equal(base,
		yaml("{id: A, title: T, contributes_to: [X]}\n")));
	assert_false(plan_node_meaning_equal(base,
		yaml("{id: A, title: T, contributes_to: [X, Y], perspective: inv}\n")));
	assert_false(plan_node_meaning_equal(yaml("{id: K, name: N, measures: [G]}\n"),
		yaml("{id: K, name: M, measures: [G]}\n")));
	assert_false(plan_node_meaning_equal(yaml("{id: K, name: N, measures: [G]}\n"),
		yaml("{id: K, name: N, measures: [H]}\n")));
	assert_false(plan_node_meaning_equal(yaml("{id: G, title: T, description: a}\n"),
		yaml("{id: G, title: T, description: b}\n")));
}

static void test_put_value(void **state)
{
	(void)state;
	const plan_node *n = yaml("a: [1, +5, 2.50, \"x\\ty\", true, ~, {k: \"\\u202e\"}]\n");
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_node_put_value(&buf, plan_node_get(n, "a"), 1), 0);
	assert_string_equal(buf.ptr, "[1, 5, 2.50, \"x\\ty\", true, null, {\"k\": \"\\u202e\"}]");
	plan_buf_clear(&buf);
	assert_int_equal(plan_node_put_value(&buf, plan_node_get(n, "a"), 0), 0);
	assert_string_equal(buf.ptr, "[1, +5, 2.50, \"x\\ty\", true, null, {k: \"\\u202e\"}]");
	plan_buf_free(&buf);
}

/* --- items, links, documents ------------------------------------------------------------ */

static void test_no_changes(void **state)
{
	(void)state;
	compare(NULL, NULL, NULL, NULL);
	assert_int_equal(fx->diff->nitems, 0);
	assert_int_equal(fx->diff->nlinks, 0);
	assert_int_equal(fx->diff->ndocuments, 0);
	assert_int_equal(fx->suspects->count, 0);
}

static void test_items_changed(void **state)
{
	(void)state;
	char *k1 = edit(kp, "targets: {2026: 76, 2027: 78}", "targets: {2026: 76.0, 2027: 80}");
	char *k2 = edit(k1, "title: Stöd i tid", "title: Stöd i tid, perspective: inv");
	char *a1 = edit(ap, "due: 2026-10-30", "due: 2026-11-15");
	compare(NULL, NULL, k2, a1);
	const plan_item_change *c = item_change("NT-1");
	assert_non_null(c);
	assert_int_equal(c->change, PLAN_CHANGE_CHANGED);
	assert_string_equal(field_names(c->fields, c->nfields), "targets.2027");
	assert_false(c->meaning);
	assert_int_equal(c->fields[0].old_value->number, 78);
	assert_int_equal(c->fields[0].new_value->number, 80);
	c = item_change("O-1");
	assert_string_equal(field_names(c->fields, c->nfields), "perspective");
	assert_null(c->fields[0].old_value);
	assert_true(c->meaning);
	c = item_change("A-1");
	assert_string_equal(field_names(c->fields, c->nfields), "due");
	assert_false(c->meaning);
	assert_int_equal(fx->diff->items_changed, 3);
	assert_int_equal(fx->diff->items_added + fx->diff->items_removed, 0);
	/* By level: the kontorsplan goal, the KPI, then the activity. */
	assert_string_equal(fx->diff->items[0].new_item->id, "O-1");
	assert_string_equal(fx->diff->items[1].new_item->id, "NT-1");
	assert_string_equal(fx->diff->items[2].new_item->id, "A-1");
	assert_int_equal(fx->diff->nlinks, 0);
	assert_int_equal(fx->diff->ndocuments, 0);
	free(k1);
	free(k2);
	free(a1);
}

static void test_items_added_removed_moved(void **state)
{
	(void)state;
	/* A-3 leaves, A-4 arrives, and A-2 moves to a new arbetsplan file. */
	char *a1 = edit(ap, "  - {id: A-3, title: Pröva modellen, contributes_to: [SU-1], responsible: R, due: 2026-12-01}\n",
		"  - {id: A-4, title: Nytt, contributes_to: [O-1], responsible: R, due: 2026-12-01}\n");
	char *a2 = edit(a1, "  - {id: A-2, title: Följa upp, contributes_to: [O-2], responsible: R, due: 2026-11-30}\n", "");
	build_side(&fx->old, NULL, vp, kp, ap);
	add(&fx->new, "planer/ap2.yaml",
		"kind: arbetsplan\nid: AP2\nowner: u1\nyear: 2027\n"
		"activities:\n"
		"  - {id: A-2, title: Följa upp, contributes_to: [O-2], responsible: R, due: 2027-11-30}\n");
	build_side(&fx->new, NULL, vp, kp, a2);
	assert_int_equal(plan_model_diff_build(&fx->diff, fx->old.model, fx->new.model), 0);

	assert_int_equal(fx->diff->items_added, 1);
	assert_int_equal(fx->diff->items_removed, 1);
	assert_int_equal(fx->diff->items_changed, 1);
	const plan_item_change *c = item_change("A-4");
	assert_int_equal(c->change, PLAN_CHANGE_ADDED);
	assert_null(c->old_item);
	c = item_change("A-3");
	assert_int_equal(c->change, PLAN_CHANGE_REMOVED);
	assert_null(c->new_item);
	c = item_change("A-2");
	assert_int_equal(c->change, PLAN_CHANGE_CHANGED);
	assert_true(c->moved);
	assert_false(c->meaning);
	assert_string_equal(field_names(c->fields, c->nfields), "due");
	/* Added and changed in the new order, the removed one last. */
	assert_string_equal(fx->diff->items[fx->diff->nitems - 1].old_item->id, "A-3");

	/* The links of the items that came and went. */
	assert_int_equal(fx->diff->links_added, 1);
	assert_int_equal(fx->diff->links_removed, 1);
	assert_string_equal(fx->diff->links[0].from->id, "A-3");
	assert_int_equal(fx->diff->links[0].change, PLAN_CHANGE_REMOVED);
	assert_string_equal(fx->diff->links[0].ref->id, "SU-1");
	assert_string_equal(fx->diff->links[1].from->id, "A-4");
	assert_int_equal(fx->diff->links[1].role, PLAN_REF_CONTRIBUTES_TO);

	/* The new file is a document added; the old one's lists of items are
	 * not fields of it. */
	assert_int_equal(fx->diff->documents_added, 1);
	assert_int_equal(fx->diff->documents_changed, 0);
	assert_string_equal(fx->diff->documents[0].new_doc->id, "AP2");
	free(a1);
	free(a2);
}

static void test_links_changed(void **state)
{
	(void)state;
	/* O-2 swaps BUN-2 for BUN-1 twice over and reorders: one link less. */
	char *k1 = edit(kp, "contributes_to: [BUN-1, BUN-2]", "contributes_to: [BUN-1, BUN-1]");
	char *v1 = edit(vp, "contributes_to: [KF-2]}", "contributes_to: [KF-2, KF-1]}");
	compare(NULL, v1, k1, NULL);
	assert_int_equal(fx->diff->links_removed, 1);
	assert_int_equal(fx->diff->links_added, 1);
	/* Nämndmål before kontorsplan goals. */
	assert_string_equal(fx->diff->links[0].from->id, "BUN-2");
	assert_string_equal(fx->diff->links[0].ref->id, "KF-1");
	assert_int_equal(fx->diff->links[0].change, PLAN_CHANGE_ADDED);
	assert_string_equal(fx->diff->links[1].from->id, "O-2");
	assert_string_equal(fx->diff->links[1].ref->id, "BUN-2");
	assert_int_equal(fx->diff->links[1].change, PLAN_CHANGE_REMOVED);
	assert_true(item_change("O-2")->meaning);
	assert_true(item_change("BUN-2")->meaning);
	free(k1);
	free(v1);
}

static void test_documents_changed(void **state)
{
	(void)state;
	char *f1 = edit(flerarsplan, "adopted: {date: 2025-11-24, by: kf}", "adopted: {date: 2025-12-01, by: kf}");
	char *f2 = edit(f1, "title: Alla lyckas", "title: Alla ska lyckas");
	compare(f2, NULL, NULL, "");
	assert_int_equal(fx->diff->documents_changed, 1);
	assert_int_equal(fx->diff->documents_removed, 1);
	const plan_document_change *c = &fx->diff->documents[0];
	assert_int_equal(c->change, PLAN_CHANGE_CHANGED);
	assert_string_equal(c->new_doc->id, "FAP");
	/* The goal's title is the goal's change, not the document's. */
	assert_string_equal(field_names(c->fields, c->nfields), "adopted.date");
	assert_int_equal(fx->diff->documents[1].change, PLAN_CHANGE_REMOVED);
	assert_string_equal(fx->diff->documents[1].old_doc->id, "AP");
	assert_int_equal(fx->diff->items_removed, 3);
	assert_int_equal(item_change("KF-1")->change, PLAN_CHANGE_CHANGED);
	free(f1);
	free(f2);
}

static void test_duplicate_ids(void **state)
{
	(void)state;
	/* An id defined twice is matched in order: the second copy's change is
	 * seen. */
	char *a1 = edit(ap, "  - {id: A-3,", "  - {id: A-1, title: Dubblett, contributes_to: [O-1], responsible: R, due: 2026-12-01}\n  - {id: A-3,");
	char *a2 = edit(ap, "  - {id: A-3,", "  - {id: A-1, title: Dubblett 2, contributes_to: [O-1], responsible: R, due: 2026-12-01}\n  - {id: A-3,");
	build_side(&fx->old, NULL, vp, kp, a1);
	build_side(&fx->new, NULL, vp, kp, a2);
	assert_int_equal(plan_model_diff_build(&fx->diff, fx->old.model, fx->new.model), 0);
	assert_int_equal(fx->diff->nitems, 1);
	assert_string_equal(fx->diff->items[0].new_item->title, "Dubblett 2");
	free(a1);
	free(a2);
}

/* --- suspects --------------------------------------------------------------------------- */

static void test_suspect_from_the_top(void **state)
{
	(void)state;
	/* A fullmäktigemål's new title: everything below it is suspect, through
	 * the unchanged goals, down to the activities. */
	char *f1 = edit(flerarsplan, "title: Alla lyckas", "title: Alla ska lyckas");
	compare(f1, NULL, NULL, NULL);
	assert_string_equal(suspect_list(),
		"SU-1>KF-1@KF-1 BUN-1>KF-1@KF-1 A-3>SU-1@KF-1 O-1>BUN-1@KF-1 O-2>BUN-1@KF-1 "
		"NT-1>BUN-1@KF-1 A-1>O-1@KF-1 A-2>O-2@KF-1");
	assert_int_equal(fx->suspects->links, 8);
	const plan_suspect *s = &fx->suspects->items[6];
	assert_int_equal(s->nchain, 4);
	assert_string_equal(s->chain[2]->id, "BUN-1");
	assert_int_equal(s->ref->role, PLAN_REF_CONTRIBUTES_TO);
	assert_ptr_equal(s->origin, item_change("KF-1"));
	free(f1);
}

static void test_suspect_stops_at_changed(void **state)
{
	(void)state;
	/* BUN-1 changed too: its own link up is not suspect (it was reviewed with
	 * its change), and what lies below it is suspect because of BUN-1. */
	char *f1 = edit(flerarsplan, "title: Alla lyckas", "title: Alla ska lyckas");
	char *v1 = edit(vp, "title: Fler når målen", "title: Fler når kunskapsmålen");
	compare(f1, v1, NULL, NULL);
	assert_string_equal(suspect_list(),
		"SU-1>KF-1@KF-1 A-3>SU-1@KF-1 O-1>BUN-1@BUN-1 O-2>BUN-1@BUN-1 NT-1>BUN-1@BUN-1 "
		"A-1>O-1@BUN-1 A-2>O-2@BUN-1");
	free(f1);
	free(v1);
}

static void test_suspect_diamond(void **state)
{
	(void)state;
	/* O-2 reaches the changed KF-2 and, through BUN-1, nothing changed: only
	 * its link to BUN-2 and A-2's link are suspect, once each. */
	char *f1 = edit(flerarsplan, "title: God ekonomi", "title: God ekonomisk hushållning");
	compare(f1, NULL, NULL, NULL);
	assert_string_equal(suspect_list(), "BUN-2>KF-2@KF-2 O-2>BUN-2@KF-2 A-2>O-2@KF-2");
	free(f1);
}

static void test_suspect_none(void **state)
{
	(void)state;
	/* Only activities changed, or something that is not the meaning. */
	char *a1 = edit(ap, "title: Kartlägga", "title: Kartlägga läsningen");
	char *k1 = edit(kp, "targets: {2026: 76, 2027: 78}", "targets: {2026: 77, 2027: 79}");
	compare(NULL, NULL, k1, a1);
	assert_int_equal(fx->diff->items_changed, 2);
	assert_int_equal(fx->suspects->count, 0);
	free(a1);
	free(k1);
}

static void test_suspect_added(void **state)
{
	(void)state;
	/* An item that appears under an id a link already named makes that link
	 * suspect; a new link from a changed item does not. */
	char *a1 = edit(ap, "contributes_to: [O-1]", "contributes_to: [O-1, O-3]");
	build_side(&fx->old, NULL, vp, kp, a1);
	char *k1 = edit(kp, "kpis:", "  - {id: O-3, title: Ny, contributes_to: [BUN-2]}\nkpis:");
	build_side(&fx->new, NULL, vp, k1, a1);
	assert_int_equal(plan_model_diff_build(&fx->diff, fx->old.model, fx->new.model), 0);
	assert_int_equal(plan_suspects_find(&fx->suspects, fx->diff, fx->new.model), 0);
	assert_string_equal(suspect_list(), "A-1>O-3@O-3");
	free(a1);
	free(k1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_equal_as_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meaning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_added_removed_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_documents_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspect_from_the_top, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspect_stops_at_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspect_diamond, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspect_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspect_added, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
