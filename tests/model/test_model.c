/* Unit tests for the model (typed items, the id index, references) and the
 * link stage (levels, owners, cycles, traces, perspectives). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/model.h"

static const char styrmodell[] =
	"kind: styrmodell\n"
	"municipality: {name: T, code: '0001'}\n"
	"vision: V\n"
	"perspectives:\n"
	"  - {id: inv, name: Invånare}\n"
	"  - {id: eko, name: Ekonomi}\n";

static const char organisation[] =
	"kind: organisation\n"
	"bodies: [{id: b1, name: B1, type: namnd}, {id: b2, name: B2, type: namnd}]\n"
	"offices: [{id: o1, name: O1, body: b1}, {id: o2, name: O2, body: b2}]\n"
	"units: [{id: u1, name: U1, office: o1, type: enhet}]\n";

static const char flerarsplan[] =
	"kind: flerarsplan\n"
	"id: FAP\n"
	"title: F\n"
	"period: {from: 2026, to: 2028}\n"
	"goals:\n"
	"  - {id: KF-1, title: K1, perspective: inv}\n"
	"  - {id: KF-2, title: K2, perspective: eko}\n"
	"assignments:\n"
	"  - {id: SU-1, title: S, assigned_to: [b1], goal: KF-2, from: 2026, to: 2027}\n"
	"  - {id: SU-2, title: S2, assigned_to: [b1], from: 2026, to: 2026}\n";

typedef struct fixture {
	plan_file *files[8];
	size_t nfiles;
	plan_diags *diags;
	plan_model *model;
} fixture;

static fixture *fx;

static int setup(void **state)
{
	(void)state;
	fx = test_calloc(1, sizeof *fx);
	fx->diags = plan_diags_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	plan_model_free(fx->model);
	for (size_t i = 0; i < fx->nfiles; i++)
		plan_file_free(fx->files[i]);
	plan_diags_free(fx->diags);
	test_free(fx);
	return 0;
}

static void add(const char *path, const char *text)
{
	plan_limits limits = PLAN_LIMITS_INIT;
	assert_int_equal(plan_file_load(&fx->files[fx->nfiles], path, text, strlen(text),
		&limits, fx->diags), 0);
	fx->nfiles++;
}

/* The level-1 documents plus `vp`, `kp`, `ap` (any may be NULL). */
static void build(const char *vp, const char *kp, const char *ap)
{
	add("styrmodell.yaml", styrmodell);
	add("organisation.yaml", organisation);
	add("flerarsplan.yaml", flerarsplan);
	if (vp)
		add("vp.yaml", vp);
	if (kp)
		add("kp.yaml", kp);
	if (ap)
		add("ap.yaml", ap);
	assert_int_equal(plan_model_build(&fx->model, (const plan_file *const *)fx->files,
		fx->nfiles, fx->diags), 0);
	assert_int_equal(plan_model_link(fx->model, fx->diags), 0);
}

static const plan_diag *only_diag(const char *rule)
{
	const plan_diag *found = NULL;
	for (size_t i = 0; i < plan_diags_count(fx->diags); i++) {
		const plan_diag *d = plan_diags_get(fx->diags, i);
		if (strcmp(d->rule, rule) != 0)
			fail_msg("unexpected %s diagnostic: %s", d->rule, d->message);
		assert_null(found);
		found = d;
	}
	if (!found)
		fail_msg("no %s diagnostic", rule);
	return found;
}

static const char vp_ok[] =
	"kind: verksamhetsplan\nid: VP\nowner: b1\nperiod: {from: 2026, to: 2028}\n"
	"goals:\n"
	"  - {id: G1, title: T, contributes_to: [KF-1]}\n"
	"  - {id: G2, title: T, contributes_to: [KF-1, KF-2]}\n";

static const char kp_ok[] =
	"kind: kontorsplan\nid: KP\nowner: o1\nperiod: {from: 2026, to: 2028}\n"
	"goals:\n"
	"  - {id: O1-1, title: T, contributes_to: [G1]}\n";

static void test_resolves_and_traces(void **state)
{
	(void)state;
	build(vp_ok, kp_ok,
		"kind: arbetsplan\nid: AP\nowner: u1\nyear: 2026\n"
		"activities:\n"
		"  - {id: A1, title: T, contributes_to: [O1-1], responsible: R, due: 2026-05-01}\n"
		"  - {id: A2, title: T, contributes_to: [SU-1], responsible: R, due: 2026-05-01}\n");
	assert_int_equal(plan_diags_count(fx->diags), 0);
	const plan_model *m = fx->model;
	assert_int_equal(m->nperspectives, 2);
	assert_string_equal(m->perspectives[0].name, "Invånare");

	plan_item *a1 = plan_model_find(m, "A1");
	assert_non_null(a1);
	assert_int_equal(a1->kind, PLAN_ITEM_ACTIVITY);
	assert_true(a1->traces);
	assert_int_equal(a1->perspectives, 1u << 0);
	assert_string_equal(a1->owner->id, "u1");
	assert_string_equal(a1->owner->parent->id, "o1");
	assert_int_equal(a1->node->line, 6);

	/* Through the särskilt uppdrag to its fullmäktigemål. */
	plan_item *a2 = plan_model_find(m, "A2");
	assert_true(a2->traces);
	assert_int_equal(a2->perspectives, 1u << 1);

	plan_item *g2 = plan_model_find(m, "G2");
	assert_int_equal(g2->perspectives, 3);

	/* Children are the reverse of valid upward links. */
	plan_item *kf1 = plan_model_find(m, "KF-1");
	assert_int_equal(kf1->nchildren, 2);
	plan_item *su1 = plan_model_find(m, "SU-1");
	assert_int_equal(su1->nchildren, 1);
	assert_ptr_equal(su1->children[0], a2);
	assert_null(plan_model_find(m, "nope"));
	assert_non_null(plan_model_find(m, "FAP"));
}

static void test_unknown_reference_suggests(void **state)
{
	(void)state;
	build("kind: verksamhetsplan\nid: VP\nowner: b1\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n  - {id: G1, title: T, contributes_to: [KF-l]}\n", NULL, NULL);
	const plan_diag *d = only_diag("unknown-reference");
	assert_string_equal(d->file, "vp.yaml");
	assert_int_equal(d->line, 6);
	assert_int_equal(d->column, 41);
	assert_non_null(strstr(d->message, "did you mean 'KF-1'?"));
	/* What --base matches on: who refers, and to what. */
	assert_string_equal(d->key, "G1->KF-l");
	assert_false(plan_model_find(fx->model, "G1")->traces);
}

static void test_duplicate_id_names_both(void **state)
{
	(void)state;
	build("kind: verksamhetsplan\nid: VP\nowner: b1\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n  - {id: KF-1, title: T, contributes_to: [KF-2]}\n", NULL, NULL);
	const plan_diag *d = only_diag("duplicate-id");
	assert_string_equal(d->file, "vp.yaml");
	assert_non_null(strstr(d->message, "flerarsplan.yaml:6:10"));
}

static void test_wrong_level_says_what_is_allowed(void **state)
{
	(void)state;
	build(vp_ok, "kind: kontorsplan\nid: KP\nowner: o1\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n  - {id: O1-1, title: T, contributes_to: [KF-1]}\n", NULL);
	const plan_diag *d = only_diag("wrong-level-link");
	assert_int_equal(d->line, 6);
	assert_non_null(strstr(d->message, "'KF-1' is a fullmäktigemål"));
	assert_non_null(strstr(d->message, "only a nämndmål"));
	assert_false(plan_model_find(fx->model, "O1-1")->traces);
}

static void test_cross_body_link_is_a_warning_and_followed(void **state)
{
	(void)state;
	build(vp_ok, NULL,
		"kind: arbetsplan\nid: AP\nowner: u1\nyear: 2026\n"
		"activities:\n"
		"  - {id: A1, title: T, contributes_to: [SU-2], responsible: R, due: 2026-05-01, perspective: inv}\n"
		"---\n"
		"kind: kontorsplan\nid: KP2\nowner: o2\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n  - {id: O2-1, title: T, contributes_to: [G1]}\n");
	const plan_diag *d = only_diag("cross-body-link");
	assert_int_equal(d->severity, PLAN_SEVERITY_WARNING);
	assert_non_null(strstr(d->message, "'G1' in the plan of body 'b1', not of its own body 'b2'"));
	/* The link still counts for the trace. */
	assert_true(plan_model_find(fx->model, "O2-1")->traces);
	/* SU-2 has no goal: A1 traces, with its declared perspective. */
	assert_true(plan_model_find(fx->model, "A1")->traces);
}

/* Links point strictly upward, so a cycle is a wrong-level-link at each
 * link within the level, and nothing else: no link-cycle, no trace. */
static void test_cycle_is_wrong_level(void **state)
{
	(void)state;
	build(vp_ok, "kind: kontorsplan\nid: KP\nowner: o1\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n"
		"  - {id: O1-1, title: T, contributes_to: [O1-2]}\n"
		"  - {id: O1-2, title: T, contributes_to: [O1-1]}\n", NULL);
	assert_int_equal(plan_diags_count(fx->diags), 2);
	for (size_t i = 0; i < 2; i++) {
		const plan_diag *d = plan_diags_get(fx->diags, i);
		assert_string_equal(d->rule, "wrong-level-link");
		assert_int_equal(d->line, 6 + i);
		assert_non_null(strstr(d->message, i ? "'O1-1' is a kontorsplan goal" : "'O1-2' is a kontorsplan goal"));
	}
	assert_false(plan_model_find(fx->model, "O1-1")->traces);
	assert_false(plan_model_find(fx->model, "O1-2")->traces);
}

static void test_self_link_is_wrong_level(void **state)
{
	(void)state;
	build(vp_ok, "kind: kontorsplan\nid: KP\nowner: o1\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n"
		"  - {id: O1-1, title: T, contributes_to: [O1-1]}\n", NULL);
	const plan_diag *d = only_diag("wrong-level-link");
	assert_int_equal(d->column, 43);
	assert_false(plan_model_find(fx->model, "O1-1")->traces);
}

static void test_perspectives(void **state)
{
	(void)state;
	build("kind: verksamhetsplan\nid: VP\nowner: b1\nperiod: {from: 2026, to: 2028}\n"
		"goals:\n"
		"  - {id: G1, title: T, contributes_to: [KF-1], perspective: eko}\n"
		"  - {id: G2, title: T, contributes_to: [KF-1], perspective: invx}\n", NULL, NULL);
	size_t mismatch = 0, unknown = 0;
	for (size_t i = 0; i < plan_diags_count(fx->diags); i++) {
		const plan_diag *d = plan_diags_get(fx->diags, i);
		if (strcmp(d->rule, "perspective-mismatch") == 0) {
			mismatch++;
			assert_int_equal(d->line, 6);
			assert_non_null(strstr(d->message, "declares the perspective Ekonomi"));
			assert_non_null(strstr(d->message, "are in Invånare"));
		} else if (strcmp(d->rule, "perspective-unknown") == 0) {
			unknown++;
			assert_non_null(strstr(d->message, "did you mean 'inv'?"));
		} else {
			fail_msg("unexpected %s", d->rule);
		}
	}
	assert_int_equal(mismatch, 1);
	assert_int_equal(unknown, 1);
	/* The declared perspective wins. */
	assert_int_equal(plan_model_find(fx->model, "G1")->perspectives, 1u << 1);
}

static void test_trace_without_perspective(void **state)
{
	(void)state;
	build(vp_ok, NULL,
		"kind: arbetsplan\nid: AP\nowner: u1\nyear: 2026\n"
		"activities:\n"
		"  - {id: A1, title: T, contributes_to: [SU-2], responsible: R, due: 2026-05-01}\n");
	const plan_diag *d = only_diag("no-trace");
	assert_non_null(strstr(d->message, "has no perspective"));
}

static void test_long_chain_needs_no_recursion(void **state)
{
	(void)state;
	/* Same-level links are wrong-level, but the cycle walk still follows
	 * them: a long chain must not exhaust the stack. */
	static char kp[1 << 20];
	size_t n = 0;
	n += (size_t)snprintf(kp + n, sizeof kp - n,
		"kind: kontorsplan\nid: KP\nowner: o1\nperiod: {from: 2026, to: 2028}\ngoals:\n");
	for (int i = 0; i < 20000; i++)
		n += (size_t)snprintf(kp + n, sizeof kp - n,
			"  - {id: C%d, title: T, contributes_to: [C%d]}\n", i, i + 1);
	n += (size_t)snprintf(kp + n, sizeof kp - n, "  - {id: C20000, title: T, contributes_to: [G1]}\n");
	build(vp_ok, kp, NULL);
	assert_int_equal(plan_diags_count_severity(fx->diags, PLAN_SEVERITY_ERROR), 20000);
}

/* Every kind has the key JSON output names it by; anything else is a
 * document. */
/* A bolag's goal traces through its ägardirektiv's direktivmål to the
 * fullmäktigemål, and counts among the goals contributing to it. */
static void test_directive_goal_between(void **state)
{
	(void)state;
	add("styrmodell.yaml", styrmodell);
	add("organisation.yaml",
		"kind: organisation\n"
		"bodies: [{id: b1, name: B1, type: namnd}, {id: ab, name: AB, type: bolag}]\n");
	add("flerarsplan.yaml", flerarsplan);
	add("ad.yaml",
		"kind: agardirektiv\nid: AD\nowner: ab\npurpose: P\ndirection: R\n"
		"goals: [{id: D1, title: T, contributes_to: [KF-2]}]\n");
	add("vp-ab.yaml",
		"kind: verksamhetsplan\nid: VPAB\nowner: ab\nperiod: {from: 2026, to: 2028}\n"
		"goals: [{id: A1, title: T, contributes_to: [D1]}, {id: A2, title: T, contributes_to: [KF-2]}]\n");
	add("vp-b1.yaml",
		"kind: verksamhetsplan\nid: VPB1\nowner: b1\nperiod: {from: 2026, to: 2028}\n"
		"goals: [{id: G1, title: T, contributes_to: [D1]}]\n");
	assert_int_equal(plan_model_build(&fx->model, (const plan_file *const *)fx->files,
		fx->nfiles, fx->diags), 0);
	assert_int_equal(plan_model_link(fx->model, fx->diags), 0);
	/* Only the nämnd's link into the bolag's directive is a fault. */
	const plan_diag *d = only_diag("cross-body-link");
	assert_string_equal(d->key, "G1");
	const plan_item *d1 = plan_model_find(fx->model, "D1");
	const plan_item *a1 = plan_model_find(fx->model, "A1");
	assert_int_equal(d1->kind, PLAN_ITEM_DIRECTIVE_GOAL);
	assert_ptr_equal(d1->owner, plan_model_find(fx->model, "ab"));
	assert_true(d1->traces && a1->traces);
	assert_int_equal(a1->perspectives, 2);   /* eko, reached through D1 */
	plan_contributors it = PLAN_CONTRIBUTORS_INIT(plan_model_find(fx->model, "KF-2"));
	const plan_item *via = NULL, *goal;
	const char *seen[4];
	const plan_item *vias[4];
	size_t n = 0;
	while ((goal = plan_contributors_next(&it, &via)) && n < 4) {
		vias[n] = via;
		seen[n++] = goal->id;
	}
	/* D1's children (A1 and the nämnd's G1, followed although cross-body)
	 * and A2, in the order of KF-2's children. */
	assert_int_equal(n, 3);
	size_t through = 0;
	for (size_t i = 0; i < n; i++)
		if (vias[i]) {
			assert_ptr_equal(vias[i], d1);
			through++;
		} else {
			assert_string_equal(seen[i], "A2");
		}
	assert_int_equal(through, 2);
}

/* An ägardirektiv is given to a bolag only. */
static void test_directive_owner_is_a_bolag(void **state)
{
	(void)state;
	add("styrmodell.yaml", styrmodell);
	add("organisation.yaml", organisation);
	add("flerarsplan.yaml", flerarsplan);
	add("ad.yaml",
		"kind: agardirektiv\nid: AD\nowner: b1\npurpose: P\ndirection: R\n"
		"goals: [{id: D1, title: T, contributes_to: [KF-1]}]\n");
	assert_int_equal(plan_model_build(&fx->model, (const plan_file *const *)fx->files,
		fx->nfiles, fx->diags), 0);
	assert_int_equal(plan_model_link(fx->model, fx->diags), 0);
	const plan_diag *d = only_diag("wrong-level-link");
	assert_non_null(strstr(d->message, "not a bolag"));
}

/* Parts built apart, in arenas of their own and some not at all, give the
 * model plan_model_build gives: the same documents and items in the same
 * order and numbering, the root's styrmodell first though it sorts last,
 * the same references resolved and the same faults. */
static void test_parts_built_apart(void **state)
{
	(void)state;
	add("organisation.yaml", organisation);
	add("flerarsplan.yaml", flerarsplan);
	add("sub/styrmodell.yaml", "kind: styrmodell\nperspectives: [{id: x, name: X}]\n");
	add("vp.yaml", vp_ok);
	add("vp2.yaml", "kind: verksamhetsplan\nid: VP2\nowner: b2\n"
	    "goals: [{id: G1, title: T, contributes_to: [KF-9]}]\n");
	add("styrmodell.yaml", styrmodell);
	const plan_file *const *files = (const plan_file *const *)fx->files;
	assert_int_equal(plan_model_build(&fx->model, files, fx->nfiles, fx->diags), 0);

	plan_arena *arenas[2] = { plan_arena_new(), plan_arena_new() };
	plan_model_part *parts[8] = { NULL };
	for (size_t f = 0; f < fx->nfiles; f++)
		if (f != 2)   /* that one is left to the model to build */
			assert_int_equal(plan_model_part_build(&parts[f], fx->files[f], arenas[f % 2]), 0);
	plan_diags *diags = plan_diags_new();
	plan_model *m = NULL;
	assert_int_equal(plan_model_build_parts(&m, files, parts, fx->nfiles, arenas, 2, diags), 0);

	const plan_model *want = fx->model;
	assert_int_equal(m->ndocs, want->ndocs);
	assert_int_equal(m->nitems, want->nitems);
	assert_string_equal(m->docs[0]->file->path, "styrmodell.yaml");
	assert_ptr_equal(m->styrmodell, m->docs[0]);
	assert_int_equal(m->nperspectives, 2);
	assert_string_equal(m->organisation->file->path, "organisation.yaml");
	assert_string_equal(m->flerarsplan->file->path, "flerarsplan.yaml");
	for (size_t d = 0; d < m->ndocs; d++) {
		assert_int_equal(m->docs[d]->index, d);
		assert_ptr_equal(m->docs[d]->file, want->docs[d]->file);
		assert_int_equal(m->docs[d]->nitems, want->docs[d]->nitems);
	}
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *a = m->items[i], *b = want->items[i];
		assert_string_equal(a->id, b->id);
		assert_int_equal(a->index, i);
		assert_int_equal(a->redefined, b->redefined);
		assert_ptr_equal(plan_model_find(m, a->id)->node, plan_model_find(want, b->id)->node);
		assert_int_equal(a->nrefs, b->nrefs);
		for (size_t r = 0; r < a->nrefs; r++)
			assert_true((a->refs[r].target == NULL) == (b->refs[r].target == NULL));
	}
	assert_int_equal(plan_diags_count(diags), plan_diags_count(fx->diags));
	for (size_t i = 0; i < plan_diags_count(diags); i++)
		assert_string_equal(plan_diags_get(diags, i)->message,
		                    plan_diags_get(fx->diags, i)->message);
	assert_true(plan_diags_count(diags) >= 2);   /* duplicate-id G1, unknown KF-9 */
	plan_model_free(m);
	plan_diags_free(diags);
}

static void test_kind_keys(void **state)
{
	(void)state;
	static const char *const keys[PLAN_ITEM_KINDS] = {
		"body", "office", "unit", "kf_goal", "assignment", "body_goal",
		"office_goal", "kpi", "activity", "document", "directive_goal",
	};
	for (int k = 0; k < PLAN_ITEM_KINDS; k++)
		assert_string_equal(plan_item_kind_key((plan_item_kind)k), keys[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resolves_and_traces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_reference_suggests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_id_names_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_level_says_what_is_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cross_body_link_is_a_warning_and_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cycle_is_wrong_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_self_link_is_wrong_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_perspectives, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_without_perspective, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_chain_needs_no_recursion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directive_goal_between, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directive_owner_is_a_bolag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parts_built_apart, setup, teardown),
		cmocka_unit_test(test_kind_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
