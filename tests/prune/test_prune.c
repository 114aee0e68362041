/* Unit tests for pruning: a copy of a file's trees with only the listed keys,
 * positions and types as they were, shared nodes shared again, and nothing
 * that points into the original. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "plan/arena.h"
#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/load.h"
#include "plan/model.h"
#include "plan/prune.h"
#include "plan/set.h"

static const char *const keys[] = { "activities", "id", "kind", "list", "n" };
static const char *const whole[] = { "rules" };
static const plan_keys lists = { keys, 5, whole, 1, NULL };

typedef struct fixture {
	plan_keep *keep;
	plan_file *file;
	plan_file *pruned;
	plan_diags *diags;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx || !(fx->diags = plan_diags_new()) || plan_keep_new(&fx->keep, &lists) < 0) {
		if (fx)
			plan_diags_free(fx->diags);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	plan_file_free(fx->file);
	plan_file_free(fx->pruned);
	plan_diags_free(fx->diags);
	plan_keep_free(fx->keep);
	free(fx);
	return 0;
}

/* Load `text` and prune it with `with`; the original is freed before the
 * copy is looked at, so a pointer left into it shows under ASan. */
static const plan_node *prune_text(fixture *fx, const char *text)
{
	const plan_limits limits = PLAN_LIMITS_INIT;
	assert_int_equal(plan_file_load(&fx->file, "plans/p.yaml", text, strlen(text),
		&limits, fx->diags), 0);
	assert_int_equal(plan_diags_count(fx->diags), 0);
	assert_int_equal(plan_file_prune(&fx->pruned, fx->file, fx->keep), 0);
	plan_file_free(fx->file);
	fx->file = NULL;
	assert_string_equal(fx->pruned->path, "plans/p.yaml");
	assert_null(fx->pruned->text);
	assert_int_equal(fx->pruned->len, strlen(text));
	assert_int_equal(fx->pruned->ndocs, 1);
	return fx->pruned->docs[0].root;
}

static void test_keeps_listed_keys_at_any_depth(void **state)
{
	fixture *fx = *state;
	const plan_node *root = prune_text(fx,
		"kind: arbetsplan\n"
		"description: long text that no later stage reads\n"
		"activities:\n"
		"  - id: A-1\n"
		"    x-note: dropped\n"
		"    n: 2.5\n"
		"    list: [a, {id: B, gone: 1}]\n");
	assert_int_equal(root->type, PLAN_NODE_MAPPING);
	assert_int_equal(root->len, 2);
	assert_string_equal(root->u.pairs[0].key->u.text, "kind");
	assert_true(plan_node_is_string(plan_node_get(root, "kind"), "arbetsplan"));
	assert_null(plan_node_get(root, "description"));
	const plan_node *acts = plan_node_get(root, "activities");
	assert_int_equal(acts->type, PLAN_NODE_SEQUENCE);
	assert_int_equal(acts->len, 1);
	const plan_node *act = acts->u.items[0];
	assert_int_equal(act->len, 3);
	assert_null(plan_node_get(act, "x-note"));
	const plan_node *n = plan_node_get(act, "n");
	assert_int_equal(n->type, PLAN_NODE_NUMBER);
	assert_false(n->is_integer);
	assert_true(n->number == 2.5);
	assert_string_equal(n->u.text, "2.5");
	/* Lists keep every item; mappings in them are pruned in turn. */
	const plan_node *list = plan_node_get(act, "list");
	assert_int_equal(list->len, 2);
	assert_true(plan_node_is_string(list->u.items[0], "a"));
	assert_int_equal(list->u.items[1]->len, 1);
	assert_true(plan_node_is_string(plan_node_get(list->u.items[1], "id"), "B"));
	/* Sizes count what the copy holds: the list, "a", {id: B} and its pair. */
	assert_int_equal(list->size, 5);
}

static void test_positions_and_flags_are_kept(void **state)
{
	fixture *fx = *state;
	const plan_node *root = prune_text(fx,
		"skip: 1\n"
		"kind: 'quoted'\n"
		"id:\n"
		"  - x\n");
	const plan_pair *kind = &root->u.pairs[0];
	assert_int_equal(kind->key->line, 2);
	assert_int_equal(kind->key->column, 1);
	assert_int_equal(kind->value->line, 2);
	assert_int_equal(kind->value->column, 7);
	assert_true(kind->value->quoted);
	const plan_pair *id = &root->u.pairs[1];
	assert_int_equal(id->key->line, 3);
	assert_int_equal(id->value->line, 4);
	assert_int_equal(id->value->column, 3);
}

static void test_whole_keys_keep_data_keys(void **state)
{
	fixture *fx = *state;
	const plan_node *root = prune_text(fx,
		"rules:\n"
		"  perspective-mismatch: warning\n"
		"  nested: {anything: [1, {deeper: true}]}\n"
		"other: {id: dropped-with-its-parent}\n");
	assert_int_equal(root->len, 1);
	const plan_node *rules = plan_node_get(root, "rules");
	assert_true(plan_node_is_string(plan_node_get(rules, "perspective-mismatch"), "warning"));
	const plan_node *deeper = plan_node_get(
		plan_node_get(plan_node_get(rules, "nested"), "anything")->u.items[1], "deeper");
	assert_int_equal(deeper->type, PLAN_NODE_BOOL);
	assert_true(deeper->bool_value);
}

static void test_shared_nodes_are_copied_once(void **state)
{
	fixture *fx = *state;
	const plan_node *root = prune_text(fx,
		"kind: &k {id: x, gone: y}\n"
		"list: [*k, *k, *k]\n");
	const plan_node *kind = plan_node_get(root, "kind");
	const plan_node *list = plan_node_get(root, "list");
	assert_int_equal(kind->len, 1);
	assert_ptr_equal(list->u.items[0], kind);
	assert_ptr_equal(list->u.items[2], kind);
}

/* An anchor used under a pruned key and again under a key kept whole is
 * kept whole there, whichever comes first. */
static void test_shared_node_kept_whole_where_whole(void **state)
{
	fixture *fx = *state;
	const plan_node *root = prune_text(fx,
		"kind: &m {id: a, note: b}\n"
		"rules: *m\n");
	const plan_node *kind = plan_node_get(root, "kind");
	const plan_node *rules = plan_node_get(root, "rules");
	assert_int_equal(kind->len, 1);
	assert_int_equal(rules->len, 2);
	assert_true(plan_node_is_string(plan_node_get(rules, "note"), "b"));
	plan_file_free(fx->pruned);
	fx->pruned = NULL;
	root = prune_text(fx,
		"rules: &m {id: a, note: b}\n"
		"kind: *m\n");
	assert_int_equal(plan_node_get(root, "rules")->len, 2);
	assert_int_equal(plan_node_get(root, "kind")->len, 1);
}

/* However deep --limit depth= lets a file nest, the copy is made without
 * deep recursion: collections 256 levels down are copied empty. */
/* Load into fx->file a file whose "id" is a list nested `levels` deep. */
static void load_deep(fixture *fx, int levels)
{
	plan_buf text = PLAN_BUF_INIT;
	text.max = (size_t)16 << 20;
	plan_buf_puts(&text, "kind: x\nid:\n");
	for (int i = 0; i < levels; i++)
		plan_buf_puts(&text, "- ");
	plan_buf_puts(&text, "deep\n");
	assert_false(text.failed);
	plan_limits limits = PLAN_LIMITS_INIT;
	limits.depth = (uint32_t)levels + 10;
	assert_int_equal(plan_file_load(&fx->file, "plans/p.yaml", text.ptr, text.len, &limits,
		fx->diags), 0);
	plan_buf_free(&text);
}

static void test_deep_nesting_is_cut_off(void **state)
{
	fixture *fx = *state;
	load_deep(fx, 100000);
	assert_int_equal(plan_diags_count(fx->diags), 0);
	assert_int_equal(plan_file_prune(&fx->pruned, fx->file, fx->keep), 0);
	const plan_node *n = plan_node_get(fx->pruned->docs[0].root, "id");
	uint32_t depth = 1;   /* the root is level 0, "id"'s list level 1 */
	while (n->type == PLAN_NODE_SEQUENCE && n->len == 1) {
		n = n->u.items[0];
		depth++;
	}
	assert_int_equal(n->type, PLAN_NODE_SEQUENCE);
	assert_int_equal(n->len, 0);
	assert_int_equal(depth, 256);
	assert_int_equal(plan_arena_used(fx->pruned->arena), plan_arena_reserved(fx->pruned->arena));
}

static void test_chained_lists_and_lookup(void **state)
{
	static const char *const more[] = { "title" };
	static const char *const rules_too[] = { "rules" };
	/* "rules" is kept whole by the second list, but the first keeps it
	 * pruned: the first decides. */
	const plan_keys chain = { rules_too, 1, NULL, 0, &lists };
	const plan_keys head = { more, 1, NULL, 0, &chain };
	plan_keep *keep = NULL;
	assert_int_equal(plan_keep_new(&keep, &head), 0);
	assert_int_equal(plan_keep_find(keep, "title"), 1);
	assert_int_equal(plan_keep_find(keep, "id"), 1);
	assert_int_equal(plan_keep_find(keep, "rules"), 1);
	assert_int_equal(plan_keep_find(keep, "description"), 0);
	assert_int_equal(plan_keep_find(keep, "i"), 0);
	assert_int_equal(plan_keep_find(keep, "idx"), 0);
	plan_keep_free(keep);
	fixture *fx = *state;
	assert_int_equal(plan_keep_find(fx->keep, "title"), 0);
	assert_int_equal(plan_keep_find(fx->keep, "rules"), 2);
}

/* Every key of the model's lists is found in their table, as the list
 * says: kept pruned or kept whole. */
static void test_model_keys_are_found(void **state)
{
	(void)state;
	for (const plan_keys *k = &plan_model_keys; k; k = k->next) {
		plan_keep *keep = NULL;
		assert_int_equal(plan_keep_new(&keep, k), 0);
		for (size_t i = 0; i < k->nkeys; i++)
			assert_int_equal(plan_keep_find(keep, k->keys[i]), 1);
		for (size_t i = 0; i < k->nwhole; i++)
			assert_int_equal(plan_keep_find(keep, k->whole[i]), 2);
		plan_keep_free(keep);
	}
}

/* The copy fills one block of exactly its size: nothing is left over that
 * a plan set of ten thousand files would pay ten thousand times. */
static void test_copy_is_one_exact_block(void **state)
{
	fixture *fx = *state;
	prune_text(fx,
		"kind: arbetsplan\n"
		"activities:\n"
		"  - {id: A-1, title: dropped}\n"
		"  - {id: A-2222222222222222222222222, title: dropped}\n");
	assert_int_equal(plan_arena_used(fx->pruned->arena),
		plan_arena_reserved(fx->pruned->arena));
}

/* Keys the schema check presumed (written misspelt) stay presumed in the
 * copy, named by their mapping's position, and in the one exact block. */
static void test_presumed_keys_are_copied(void **state)
{
	fixture *fx = *state;
	const char *text =
		"kind: arbetsplan\n"
		"activities:\n"
		"  - {id: A-1, ansvarig: R}\n"
		"  - {id: A-2, responsible: R}\n";
	const plan_limits limits = PLAN_LIMITS_INIT;
	assert_int_equal(plan_file_load(&fx->file, "plans/p.yaml", text, strlen(text),
		&limits, fx->diags), 0);
	const plan_node *list = plan_node_get(fx->file->docs[0].root, "activities");
	assert_int_equal(plan_file_presume(fx->file, list->u.items[0], "responsible"), 0);
	assert_int_equal(plan_file_presume(fx->file, list->u.items[0], "responsible"), 0);
	assert_int_equal(fx->file->npresumed, 1);
	assert_true(plan_file_presumes(fx->file, list->u.items[0], "responsible"));
	assert_false(plan_file_presumes(fx->file, list->u.items[1], "responsible"));
	assert_false(plan_file_presumes(fx->file, list->u.items[0], "due"));
	assert_false(plan_file_presumes(NULL, list->u.items[0], "responsible"));
	assert_int_equal(plan_file_prune(&fx->pruned, fx->file, fx->keep), 0);
	plan_file_free(fx->file);
	fx->file = NULL;
	list = plan_node_get(fx->pruned->docs[0].root, "activities");
	assert_int_equal(fx->pruned->npresumed, 1);
	assert_true(plan_file_presumes(fx->pruned, list->u.items[0], "responsible"));
	assert_false(plan_file_presumes(fx->pruned, list->u.items[1], "responsible"));
	assert_int_equal(plan_arena_used(fx->pruned->arena),
		plan_arena_reserved(fx->pruned->arena));
}

/* The checks across documents find the same faults, at the same places,
 * in trees pruned to plan_model_keys as in whole trees: a key they read that
 * the list lacks would show here as a fault missed. */
static void same_faults(const char *dir)
{
	plan_set *sets[2] = { NULL, NULL };
	for (int i = 0; i < 2; i++) {
		plan_set_options options = PLAN_SET_OPTIONS_INIT;
		options.path = dir;
		options.keep = i ? &plan_model_keys : NULL;
		plan_error err = PLAN_ERROR_INIT;
		assert_int_equal(plan_set_load(&sets[i], &options, &err), 0);
	}
	plan_diags *whole_diags = plan_set_diags(sets[0]);
	plan_diags *pruned_diags = plan_set_diags(sets[1]);
	assert_int_equal(plan_diags_count(whole_diags), plan_diags_count(pruned_diags));
	for (size_t i = 0; i < plan_diags_count(whole_diags); i++) {
		const plan_diag *a = plan_diags_get(whole_diags, i);
		const plan_diag *b = plan_diags_get(pruned_diags, i);
		assert_string_equal(a->file, b->file);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->column, b->column);
		assert_string_equal(a->rule, b->rule);
		assert_string_equal(a->message, b->message);
	}
	assert_int_equal(plan_set_model(sets[0])->nitems, plan_set_model(sets[1])->nitems);
	plan_set_free(sets[0]);
	plan_set_free(sets[1]);
}

static void test_pruned_sets_find_the_same_faults(void **state)
{
	(void)state;
	same_faults(PLAN_TEST_DIR "/../examples/strangnas");
	same_faults(PLAN_TEST_DIR "/../examples/broken");
	same_faults(PLAN_TEST_DIR "/rules/base");
	same_faults(PLAN_TEST_DIR "/e2e/sets/broken");
	same_faults(PLAN_TEST_DIR "/e2e/sets/overrides");
	same_faults(PLAN_TEST_DIR "/e2e/sets/misspelt");
	same_faults(PLAN_TEST_DIR "/link/sets/links");
	same_faults(PLAN_TEST_DIR "/report/sets/full");
}

/* --- compacting: the whole trees, in one block of exactly their size -------- */

/* `a` and `b` alike in every field a reader sees, down to the leaves. */
static void same_tree(const plan_node *a, const plan_node *b)
{
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->column, b->column);
	assert_int_equal(a->len, b->len);
	assert_int_equal(a->quoted, b->quoted);
	assert_int_equal(a->shared, b->shared);
	assert_int_equal(plan_node_size(a), plan_node_size(b));
	uint32_t al, ac, bl, bc;
	plan_node_end(&al, &ac, a);
	plan_node_end(&bl, &bc, b);
	assert_int_equal(al, bl);
	assert_int_equal(ac, bc);
	switch (a->type) {
	case PLAN_NODE_MAPPING:
		for (uint32_t i = 0; i < a->len; i++) {
			same_tree(a->u.pairs[i].key, b->u.pairs[i].key);
			same_tree(a->u.pairs[i].value, b->u.pairs[i].value);
		}
		break;
	case PLAN_NODE_SEQUENCE:
		for (uint32_t i = 0; i < a->len; i++)
			same_tree(a->u.items[i], b->u.items[i]);
		break;
	default:
		assert_memory_equal(a->u.text, b->u.text, a->len + 1);
		assert_int_equal(a->is_integer, b->is_integer);
		assert_int_equal(a->bool_value, b->bool_value);
		if (a->type == PLAN_NODE_NUMBER)
			assert_true(a->number == b->number);
		break;
	}
}

static void test_compact_keeps_everything(void **state)
{
	fixture *fx = *state;
	static const char text[] =
		"kind: x\n"
		"id: \"A-1\"\n"
		"x-note: >-\n  folded\n  text\n"
		"list: &l [1, 2.5, true, null, ~, 'q']\n"
		"again: *l\n"
		"map: {a: {b: [c, {d: e}]}, 2026: 7}\n"
		"---\n"
		"kind: y\n";
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_file *fresh = NULL;
	assert_int_equal(plan_file_load(&fx->file, "plans/p.yaml", text, strlen(text),
		&limits, fx->diags), 0);
	assert_int_equal(plan_file_load(&fresh, "plans/p.yaml", text, strlen(text),
		&limits, fx->diags), 0);
	assert_int_equal(plan_diags_count(fx->diags), 0);
	assert_int_equal(plan_file_compact(&fx->pruned, fx->file), 0);
	/* Nothing may point into the original: freed before the copy is read. */
	plan_file_free(fx->file);
	fx->file = NULL;
	assert_int_equal(fx->pruned->ndocs, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(fx->pruned->docs[i].line, fresh->docs[i].line);
		same_tree(fx->pruned->docs[i].root, fresh->docs[i].root);
	}
	/* The alias's list is one node in the copy too. */
	const plan_node *root = fx->pruned->docs[0].root;
	assert_ptr_equal(plan_node_get(root, "list"), plan_node_get(root, "again"));
	assert_int_equal(plan_arena_used(fx->pruned->arena), plan_arena_reserved(fx->pruned->arena));
	assert_true(plan_arena_reserved(fx->pruned->arena) < plan_arena_reserved(fresh->arena));
	plan_file_free(fresh);
}

static void test_compact_leaves_a_deep_file_as_it_is(void **state)
{
	fixture *fx = *state;
	load_deep(fx, 300);
	/* A copy would be cut at 256 levels: none is made. */
	assert_int_equal(plan_file_compact(&fx->pruned, fx->file), 1);
	assert_null(fx->pruned);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_keeps_listed_keys_at_any_depth),
		T(test_positions_and_flags_are_kept),
		T(test_whole_keys_keep_data_keys),
		T(test_shared_nodes_are_copied_once),
		T(test_shared_node_kept_whole_where_whole),
		T(test_deep_nesting_is_cut_off),
		T(test_chained_lists_and_lookup),
		T(test_model_keys_are_found),
		T(test_copy_is_one_exact_block),
		T(test_presumed_keys_are_copied),
		T(test_pruned_sets_find_the_same_faults),
		T(test_compact_keeps_everything),
		T(test_compact_leaves_a_deep_file_as_it_is),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
