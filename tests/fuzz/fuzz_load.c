/* fuzz_load.c: the loader (plan_file_load) on arbitrary bytes, with the
 * default limits and with tight ones, checking what the node tree and the
 * diagnostics promise: positions inside the file, scalars NUL-terminated,
 * keys that are scalars, depth and document counts within the limits. The
 * same bytes go through the suppression directives' scan (plan/suppress.h),
 * which reads every file's text too. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "plan/diag.h"
#include "plan/arena.h"
#include "plan/load.h"
#include "plan/model.h"
#include "plan/prune.h"
#include "plan/suppress.h"

typedef struct walk {
	uint32_t lines;         /* line breaks in the file, plus one */
	uint32_t max_depth;
	size_t visits;
} walk;

/* Line breaks as libyaml counts them: LF, CR, CRLF, NEL, LS, PS. */
static uint32_t count_lines(const unsigned char *s, size_t len)
{
	uint32_t n = 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n') {
			n++;
		} else if (s[i] == '\r') {
			n++;
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85) {
			n++;
			i++;
		} else if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		           (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
			n++;
			i += 2;
		}
	}
	return n;
}

static void visit(walk *w, const plan_node *n, uint32_t depth)
{
	/* Aliases share subtrees; the alias limit bounds the total, and this
	 * bound keeps a fault in it from turning into a slow walk. */
	if (++w->visits > 4000000)
		return;
	fuzz_check(n->line >= 1 && n->line <= w->lines, "node line inside the file", NULL, 0);
	fuzz_check(n->column >= 1, "node column from 1", NULL, 0);
	fuzz_check(plan_node_size(n) >= 1, "node size counts itself", NULL, 0);
	fuzz_check(plan_node_type_name(n) != NULL, "node type has a name", NULL, 0);
	switch (n->type) {
	case PLAN_NODE_MAPPING:
		fuzz_check(depth + 1 <= w->max_depth, "mapping within the depth limit", NULL, 0);
		for (uint32_t i = 0; i < n->len; i++) {
			const plan_node *k = n->u.pairs[i].key;
			fuzz_check(k->type != PLAN_NODE_MAPPING && k->type != PLAN_NODE_SEQUENCE,
				"mapping keys are scalars", NULL, 0);
			visit(w, k, depth + 1);
			visit(w, n->u.pairs[i].value, depth + 1);
			/* Looking a key up must find a pair with that key. */
			if (strlen(k->u.text) == k->len)
				fuzz_check(plan_node_get(n, k->u.text) != NULL, "plan_node_get finds a key",
					NULL, 0);
		}
		break;
	case PLAN_NODE_SEQUENCE:
		fuzz_check(depth + 1 <= w->max_depth, "list within the depth limit", NULL, 0);
		for (uint32_t i = 0; i < n->len; i++)
			visit(w, n->u.items[i], depth + 1);
		break;
	default:
		fuzz_check(n->u.text != NULL && n->u.text[n->len] == '\0',
			"scalar text is NUL-terminated at its length", NULL, 0);
		(void)plan_node_is_string(n, "kind");
		break;
	}
}

/* The file pruned to the model's keys: the same documents, a tree that
 * passes the same checks, and one block of exactly the copy's size. */
static void prune(const plan_file *file, walk *w)
{
	static plan_keep *keep;
	if (!keep && plan_keep_new(&keep, &plan_model_keys) < 0)
		return;
	plan_file *pruned = NULL;
	if (plan_file_prune(&pruned, file, keep) < 0)
		return;
	fuzz_check(pruned->ndocs == file->ndocs, "pruning keeps every document", NULL, 0);
	fuzz_check(plan_arena_used(pruned->arena) == plan_arena_reserved(pruned->arena),
		"a pruned copy fills its one block", NULL, 0);
	w->visits = 0;
	for (size_t i = 0; i < pruned->ndocs; i++) {
		fuzz_check((pruned->docs[i].root == NULL) == (file->docs[i].root == NULL),
			"pruning keeps every root", NULL, 0);
		if (pruned->docs[i].root)
			visit(w, pruned->docs[i].root, 0);
	}
	plan_file_free(pruned);
}

static void load(const uint8_t *data, size_t size, const plan_limits *limits)
{
	plan_diags *diags = plan_diags_new();
	if (!diags)
		return;
	plan_file *file = NULL;
	if (plan_file_load(&file, "fuzz.yaml", (const char *)data, size, limits, diags) == 0) {
		fuzz_check(file->len == size && memcmp(file->text, data, size) == 0 &&
			file->text[size] == '\0', "the file keeps its text", NULL, 0);
		fuzz_check(file->ndocs <= limits->documents, "documents within the limit", NULL, 0);
		walk w = { count_lines(data, size), limits->depth, 0 };
		for (size_t i = 0; i < file->ndocs; i++) {
			fuzz_check(file->docs[i].line >= 1 && file->docs[i].line <= w.lines,
				"document line inside the file", NULL, 0);
			if (file->docs[i].root)
				visit(&w, file->docs[i].root, 0);
		}
		for (size_t i = 0; i < plan_diags_count(diags); i++) {
			const plan_diag *d = plan_diags_get(diags, i);
			fuzz_check(strcmp(d->file, "fuzz.yaml") == 0, "diagnostics name the file", NULL, 0);
			fuzz_check(d->line >= 1 && d->line <= w.lines && d->column >= 1,
				"diagnostic position inside the file", d->message, strlen(d->message));
			fuzz_check(d->message[0] != '\0', "diagnostics say something", NULL, 0);
		}
		/* A file with a fault that stopped reading says so. */
		if (file->truncated)
			fuzz_check(plan_diags_count(diags) > 0, "a cut-short file has a diagnostic", NULL, 0);
		prune(file, &w);
	}
	plan_file_free(file);
	plan_diags_free(diags);
}

/* The directives of the bytes: their faults inside the file, and applying
 * them to a diagnostic on every line they could name leaves a sane list. */
static void suppress(const uint8_t *data, size_t size)
{
	plan_diags *diags = plan_diags_new();
	if (!diags)
		return;
	plan_suppressions *sup = NULL;
	if (plan_suppressions_scan(&sup, "fuzz.yaml", (const char *)data, size, diags) == 0) {
		uint32_t lines = count_lines(data, size);
		for (size_t i = 0; i < plan_diags_count(diags); i++) {
			const plan_diag *d = plan_diags_get(diags, i);
			fuzz_check(d->line >= 1 && d->line <= lines && d->column >= 1,
				"directive fault inside the file", d->message, strlen(d->message));
		}
		size_t before = plan_diags_count(diags);
		for (uint32_t line = 1; line <= lines && line <= 64; line++)
			plan_diags_add(diags, "fuzz.yaml", line, 1, "no-trace", NULL, "x");
		plan_diags *covered = plan_diags_new();
		if (covered && plan_suppressions_apply(&sup, 1, 1, diags, covered) == 0)
			fuzz_check(plan_diags_count(covered) <= 64 &&
				plan_diags_count(diags) >= before, "applying moves only what it covers",
				NULL, 0);
		plan_diags_free(covered);
	}
	plan_suppressions_free(sup);
	plan_diags_free(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	suppress(data, size);
	const plan_limits defaults = PLAN_LIMITS_INIT;
	load(data, size, &defaults);
	/* Tight limits reach every limit's code path with small inputs. */
	plan_limits tight = defaults;
	tight.scalar_bytes = 64;
	tight.depth = 4;
	tight.alias_nodes = 32;
	tight.documents = 3;
	load(data, size, &tight);
	return 0;
}
