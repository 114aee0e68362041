/* Unit tests for the loader: YAML text to a node tree with positions, scalar
 * typing, duplicate keys, aliases, limits and syntax errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/load.h"

#define PATH "plans/test.yaml"

/* Each test gets a fixture; teardown frees whatever the last load left, so a
 * failing assertion leaks nothing under LeakSanitizer. */
typedef struct fixture {
	plan_file *file;
	plan_diags *diags;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	plan_file_free(fx->file);
	plan_diags_free(fx->diags);
	free(fx);
	return 0;
}

/* --- helpers ------------------------------------------------------------- */

/* Load `len` bytes; the previous file and diagnostics of the fixture go. */
static const plan_file *load_bytes(fixture *fx, const char *text, size_t len,
	const plan_limits *limits)
{
	const plan_limits defaults = PLAN_LIMITS_INIT;
	plan_file_free(fx->file);
	fx->file = NULL;
	plan_diags_free(fx->diags);
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	assert_int_equal(plan_file_load(&fx->file, PATH, text, len,
		limits ? limits : &defaults, fx->diags), 0);
	assert_non_null(fx->file);
	assert_string_equal(fx->file->path, PATH);
	assert_int_equal(fx->file->len, len);
	assert_memory_equal(fx->file->text, text, len);
	assert_int_equal(fx->file->text[len], '\0');
	return fx->file;
}

static const plan_file *load_limited(fixture *fx, const char *text, const plan_limits *limits)
{
	return load_bytes(fx, text, strlen(text), limits);
}

static const plan_file *load(fixture *fx, const char *text)
{
	return load_bytes(fx, text, strlen(text), NULL);
}

static void expect_no_diags(const fixture *fx)
{
	size_t n = plan_diags_count(fx->diags);
	for (size_t i = 0; i < n; i++) {
		const plan_diag *d = plan_diags_get(fx->diags, i);
		print_error("unexpected %s at %u:%u: %s\n", d->rule,
			(unsigned)d->line, (unsigned)d->column, d->message);
	}
	assert_int_equal(n, 0);
}

/* The root of a clean one-document file. */
static const plan_node *load_root(fixture *fx, const char *text)
{
	const plan_file *f = load(fx, text);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);
	assert_non_null(f->docs[0].root);
	return f->docs[0].root;
}

static const plan_diag *expect_diag_at(const fixture *fx, size_t index, const char *rule,
	uint32_t line, uint32_t column)
{
	const plan_diag *d = plan_diags_get(fx->diags, index);
	assert_non_null(d);
	assert_string_equal(d->rule, rule);
	assert_string_equal(d->file, PATH);
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
	assert_non_null(d->message);
	return d;
}

static const plan_diag *expect_one_diag(const fixture *fx, const char *rule,
	uint32_t line, uint32_t column)
{
	if (plan_diags_count(fx->diags) != 1) {
		for (size_t i = 0; i < plan_diags_count(fx->diags); i++) {
			const plan_diag *d = plan_diags_get(fx->diags, i);
			print_error("diag %zu: %s at %u:%u: %s\n", i, d->rule,
				(unsigned)d->line, (unsigned)d->column, d->message);
		}
	}
	assert_int_equal(plan_diags_count(fx->diags), 1);
	return expect_diag_at(fx, 0, rule, line, column);
}

static void expect_mentions(const plan_diag *d, const char *part)
{
	if (!strstr(d->message, part))
		fail_msg("message \"%s\" does not mention \"%s\"", d->message, part);
}

static void expect_pos(const plan_node *node, uint32_t line, uint32_t column)
{
	assert_non_null(node);
	assert_int_equal(node->line, line);
	assert_int_equal(node->column, column);
}

/* The key node of `map`'s pair `i`. */
static const plan_node *key_at(const plan_node *map, uint32_t i)
{
	assert_int_equal(map->type, PLAN_NODE_MAPPING);
	assert_true(i < map->len);
	return map->u.pairs[i].key;
}

static const plan_node *item_at(const plan_node *seq, uint32_t i)
{
	assert_int_equal(seq->type, PLAN_NODE_SEQUENCE);
	assert_true(i < seq->len);
	return seq->u.items[i];
}

static const plan_node *get(const plan_node *map, const char *key)
{
	const plan_node *v = plan_node_get(map, key);
	if (!v)
		fail_msg("no key '%s'", key);
	return v;
}

/* The node `value` becomes when written as `v: <value>`. */
static const plan_node *value_of(fixture *fx, const char *value)
{
	plan_buf text = PLAN_BUF_INIT;
	assert_int_equal(plan_buf_printf(&text, "v: %s\n", value), 0);
	const plan_file *f = load(fx, text.ptr);
	plan_buf_free(&text);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);
	const plan_node *v = get(f->docs[0].root, "v");
	expect_pos(v, 1, 4);
	return v;
}

static void check_integer(fixture *fx, const char *value, double number)
{
	const plan_node *v = value_of(fx, value);
	if (v->type != PLAN_NODE_NUMBER)
		fail_msg("'%s' is a %s, not a number", value, plan_node_type_name(v));
	assert_true(v->is_integer);
	assert_true(v->number == number);
	assert_false(v->quoted);
	assert_string_equal(v->u.text, value);
	assert_string_equal(plan_node_type_name(v), "integer");
}

static void check_fraction(fixture *fx, const char *value, double number)
{
	const plan_node *v = value_of(fx, value);
	if (v->type != PLAN_NODE_NUMBER)
		fail_msg("'%s' is a %s, not a number", value, plan_node_type_name(v));
	assert_false(v->is_integer);
	assert_true(v->number == number);
	assert_string_equal(plan_node_type_name(v), "number");
}

/* `value` reads as a string with text `text`. */
static void check_string(fixture *fx, const char *value, const char *text, int quoted)
{
	const plan_node *v = value_of(fx, value);
	if (v->type != PLAN_NODE_STRING)
		fail_msg("'%s' is a %s, not a string", value, plan_node_type_name(v));
	assert_string_equal(v->u.text, text);
	assert_int_equal(v->len, strlen(text));
	assert_int_equal(v->quoted, quoted);
	assert_true(plan_node_is_string(v, text));
	assert_string_equal(plan_node_type_name(v), "string");
}

static void check_plain_string(fixture *fx, const char *value)
{
	check_string(fx, value, value, 0);
}

static void check_bool(fixture *fx, const char *value, int b)
{
	const plan_node *v = value_of(fx, value);
	if (v->type != PLAN_NODE_BOOL)
		fail_msg("'%s' is a %s, not a boolean", value, plan_node_type_name(v));
	assert_int_equal(v->bool_value, b);
	assert_string_equal(plan_node_type_name(v), "boolean");
}

static void check_null(fixture *fx, const char *value)
{
	const plan_node *v = value_of(fx, value);
	if (v->type != PLAN_NODE_NULL)
		fail_msg("'%s' is a %s, not null", value, plan_node_type_name(v));
	assert_string_equal(plan_node_type_name(v), "null");
}

/* --- positions ----------------------------------------------------------- */

static void test_block_positions(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx,
		"title: Plan\n"
		"goals:\n"
		"  - id: G1\n"
		"    tags: [a, b]\n"
		"  - plain\n"
		"owner:\n"
		"  name: Ann\n");
	expect_pos(root, 1, 1);
	assert_int_equal(root->type, PLAN_NODE_MAPPING);
	assert_int_equal(root->len, 3);
	expect_pos(key_at(root, 0), 1, 1);
	assert_true(plan_node_is_string(key_at(root, 0), "title"));
	expect_pos(get(root, "title"), 1, 8);
	expect_pos(key_at(root, 1), 2, 1);

	const plan_node *goals = get(root, "goals");
	assert_int_equal(goals->type, PLAN_NODE_SEQUENCE);
	assert_int_equal(goals->len, 2);
	expect_pos(goals, 3, 3);
	const plan_node *g1 = item_at(goals, 0);
	expect_pos(g1, 3, 5);
	expect_pos(key_at(g1, 0), 3, 5);
	expect_pos(get(g1, "id"), 3, 9);
	expect_pos(key_at(g1, 1), 4, 5);
	const plan_node *tags = get(g1, "tags");
	expect_pos(tags, 4, 11);
	expect_pos(item_at(tags, 0), 4, 12);
	expect_pos(item_at(tags, 1), 4, 15);
	expect_pos(item_at(goals, 1), 5, 5);
	assert_true(plan_node_is_string(item_at(goals, 1), "plain"));

	const plan_node *owner = get(root, "owner");
	expect_pos(owner, 7, 3);
	expect_pos(get(owner, "name"), 7, 9);
}

static void test_flow_positions(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "{a: 1, b: [x, {c: 2}]}\n");
	expect_pos(root, 1, 1);
	expect_pos(key_at(root, 0), 1, 2);
	expect_pos(get(root, "a"), 1, 5);
	expect_pos(key_at(root, 1), 1, 8);
	const plan_node *b = get(root, "b");
	expect_pos(b, 1, 11);
	expect_pos(item_at(b, 0), 1, 12);
	const plan_node *inner = item_at(b, 1);
	expect_pos(inner, 1, 15);
	expect_pos(key_at(inner, 0), 1, 16);
	expect_pos(get(inner, "c"), 1, 19);
}

static void test_top_level_sequence_positions(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "\n- one\n-   two\n- - nested\n");
	assert_int_equal(root->type, PLAN_NODE_SEQUENCE);
	expect_pos(root, 2, 1);
	expect_pos(item_at(root, 0), 2, 3);
	expect_pos(item_at(root, 1), 3, 5);
	const plan_node *nested = item_at(root, 2);
	expect_pos(nested, 4, 3);
	expect_pos(item_at(nested, 0), 4, 5);
}

/* Columns count characters, not bytes. */
static void test_columns_count_characters(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "k: [\xC3\xA9, x]\n\xE2\x98\x83: \xF0\x9F\x98\x80 y\n");
	const plan_node *k = get(root, "k");
	expect_pos(item_at(k, 0), 1, 5);
	expect_pos(item_at(k, 1), 1, 8);
	expect_pos(key_at(root, 1), 2, 1);
	expect_pos(root->u.pairs[1].value, 2, 4);
	assert_true(plan_node_is_string(root->u.pairs[1].value, "\xF0\x9F\x98\x80 y"));
}

static void test_anchor_and_tag_positions(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: &x [1]\nb: !!str 2\n");
	expect_pos(get(root, "a"), 1, 4);
	expect_pos(get(root, "b"), 2, 4);
}

/* --- scalar typing ------------------------------------------------------- */

static void test_integers(void **state)
{
	fixture *fx = *state;
	check_integer(fx, "2026", 2026);
	check_integer(fx, "0", 0);
	check_integer(fx, "-0", 0);
	check_integer(fx, "+12", 12);
	check_integer(fx, "-7", -7);
	check_integer(fx, "1e3", 1000);
	check_integer(fx, "2.0", 2);
}

static void test_numbers(void **state)
{
	fixture *fx = *state;
	check_fraction(fx, "78.5", 78.5);
	check_fraction(fx, "-0.25", -0.25);
	check_fraction(fx, "0.5", 0.5);
	check_fraction(fx, "2.5e-1", 0.25);
	check_fraction(fx, ".5", 0.5);
}

static void test_strings_that_look_like_other_things(void **state)
{
	fixture *fx = *state;
	check_plain_string(fx, "0486");
	check_plain_string(fx, "-0486");
	check_plain_string(fx, "00");
	check_string(fx, "\"0486\"", "0486", 1);
	check_string(fx, "'2026'", "2026", 1);
	check_string(fx, "\"true\"", "true", 1);
	check_string(fx, "\"\"", "", 1);
	check_plain_string(fx, "2026-01-15");
	check_plain_string(fx, "yes");
	check_plain_string(fx, "no");
	check_plain_string(fx, "on");
	check_plain_string(fx, "off");
	check_plain_string(fx, "Yes");
	check_plain_string(fx, ".inf");
	check_plain_string(fx, "-.inf");
	check_plain_string(fx, ".nan");
	check_plain_string(fx, "0x1F");
	check_plain_string(fx, "0o17");
	check_plain_string(fx, "1_000");
	check_plain_string(fx, "1e");
	check_plain_string(fx, "+");
	check_plain_string(fx, "-x");
	check_plain_string(fx, "12 monkeys");
	check_plain_string(fx, "v1.2.3");
}

static void test_bools_and_nulls(void **state)
{
	fixture *fx = *state;
	check_bool(fx, "true", 1);
	check_bool(fx, "True", 1);
	check_bool(fx, "false", 0);
	check_bool(fx, "FALSE", 0);
	check_null(fx, "~");
	check_null(fx, "null");
	check_null(fx, "Null");

	/* An empty value is null too; its position is right after the colon. */
	const plan_node *root = load_root(fx, "a:\nb: 1\n");
	const plan_node *a = get(root, "a");
	assert_int_equal(a->type, PLAN_NODE_NULL);
	assert_string_equal(a->u.text, "");
	assert_int_equal(a->len, 0);
	expect_pos(a, 1, 3);
}

static void test_block_scalars_are_quoted_strings(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx,
		"lit: |\n"
		"  2026\n"
		"  line two\n"
		"fold: >\n"
		"  one\n"
		"  two\n"
		"num: |\n"
		"  12\n");
	const plan_node *lit = get(root, "lit");
	assert_int_equal(lit->type, PLAN_NODE_STRING);
	assert_int_equal(lit->quoted, 1);
	assert_string_equal(lit->u.text, "2026\nline two\n");
	expect_pos(lit, 1, 6);
	const plan_node *fold = get(root, "fold");
	assert_int_equal(fold->type, PLAN_NODE_STRING);
	assert_int_equal(fold->quoted, 1);
	assert_string_equal(fold->u.text, "one two\n");
	const plan_node *num = get(root, "num");
	assert_int_equal(num->type, PLAN_NODE_STRING);
	assert_string_equal(num->u.text, "12\n");
}

static void test_explicit_tags(void **state)
{
	fixture *fx = *state;
	check_string(fx, "!!str 12", "12", 0);
	check_string(fx, "!!str true", "true", 0);
	check_string(fx, "! 12", "12", 0);
	const plan_node *v = value_of(fx, "!!int 12");
	assert_int_equal(v->type, PLAN_NODE_NUMBER);
	assert_true(v->is_integer);
	assert_true(v->number == 12);
	v = value_of(fx, "!!float 1.5");
	assert_int_equal(v->type, PLAN_NODE_NUMBER);
	assert_true(v->number == 1.5);
	v = value_of(fx, "!!bool true");
	assert_int_equal(v->type, PLAN_NODE_BOOL);
	assert_int_equal(v->bool_value, 1);
	v = value_of(fx, "!!bool false");
	assert_int_equal(v->type, PLAN_NODE_BOOL);
	assert_int_equal(v->bool_value, 0);
	v = value_of(fx, "!!null ~");
	assert_int_equal(v->type, PLAN_NODE_NULL);
	v = value_of(fx, "!<tag:yaml.org,2002:int> 7");
	assert_int_equal(v->type, PLAN_NODE_NUMBER);
	assert_true(v->number == 7);
}

static void test_unknown_tag_is_reported_and_kept_as_string(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: 1\nv: !python/object foo\n");
	const plan_diag *d = expect_one_diag(fx, "yaml-syntax", 2, 4);
	expect_mentions(d, "!python/object");
	assert_int_equal(f->ndocs, 1);
	const plan_node *v = get(f->docs[0].root, "v");
	assert_int_equal(v->type, PLAN_NODE_STRING);
	assert_string_equal(v->u.text, "foo");
	assert_true(get(f->docs[0].root, "a")->is_integer);
}

static void test_tag_with_wrong_value_is_reported(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "v: !!int 1.5\nw: !!bool yes\n");
	assert_int_equal(plan_diags_count(fx->diags), 2);
	expect_mentions(expect_diag_at(fx, 0, "yaml-syntax", 1, 4), "int");
	expect_mentions(expect_diag_at(fx, 1, "yaml-syntax", 2, 4), "bool");
	assert_int_equal(f->ndocs, 1);
	assert_int_equal(get(f->docs[0].root, "v")->type, PLAN_NODE_STRING);
	assert_int_equal(get(f->docs[0].root, "w")->type, PLAN_NODE_STRING);
}

/* A tag on a collection is not understood either, and says so. */
static void test_unknown_tag_on_collection_is_reported(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "v: !python/object {a: 1}\nw: !!map {b: 2}\ns: !!seq [1]\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 1, 4), "!python/object");
	assert_int_equal(f->ndocs, 1);
	assert_int_equal(get(f->docs[0].root, "v")->type, PLAN_NODE_MAPPING);
	assert_int_equal(get(f->docs[0].root, "w")->type, PLAN_NODE_MAPPING);

	load(fx, "!!str [1]\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 1, 1), "str");
}

/* --- documents ----------------------------------------------------------- */

static void test_several_documents(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx,
		"a: 1\n"
		"---\n"
		"b: 2\n"
		"...\n"
		"# between\n"
		"--- \n"
		"- x\n");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 3);
	expect_pos(f->docs[0].root, 1, 1);
	assert_int_equal(f->docs[0].line, 1);
	assert_int_equal(f->docs[0].column, 1);
	assert_int_equal(f->docs[1].line, 2);
	assert_int_equal(f->docs[1].column, 1);
	expect_pos(f->docs[1].root, 3, 1);
	assert_true(get(f->docs[1].root, "b")->number == 2);
	assert_int_equal(f->docs[2].line, 6);
	assert_int_equal(f->docs[2].root->type, PLAN_NODE_SEQUENCE);
	expect_pos(f->docs[2].root, 7, 1);
}

static void test_implicit_document_starts_at_content(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "# heading\n\n  a: 1\n");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);
	assert_int_equal(f->docs[0].line, 3);
	assert_int_equal(f->docs[0].column, 3);
	expect_pos(f->docs[0].root, 3, 3);
}

static void test_empty_file_has_no_documents(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 0);
	f = load(fx, "\n\n   \n");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 0);
}

static void test_comment_only_file_has_no_documents(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "# just\n   # comments\n#\n");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 0);
}

/* An explicit document with nothing in it has a null root (or none). */
static void test_empty_explicit_document(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "---\n# nothing\n---\na: 1\n");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 2);
	assert_true(!f->docs[0].root || f->docs[0].root->type == PLAN_NODE_NULL);
	assert_non_null(get(f->docs[1].root, "a"));
}

/* --- duplicate keys ------------------------------------------------------ */

static void test_duplicate_key(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: 1\nb: 2\na: 3\n");
	const plan_diag *d = expect_one_diag(fx, "duplicate-key", 3, 1);
	expect_mentions(d, "'a'");
	expect_mentions(d, "line 1, column 1");
	assert_string_equal(d->key, "a");
	/* The document is still read. */
	assert_int_equal(f->ndocs, 1);
	assert_int_equal(f->docs[0].root->len, 3);
}

static void test_duplicate_key_nested_and_flow(void **state)
{
	fixture *fx = *state;
	load(fx, "top:\n  x: 1\n  y: 2\n  x: 3\n");
	expect_mentions(expect_one_diag(fx, "duplicate-key", 4, 3), "line 2, column 3");

	load(fx, "- {k: 1, j: 2, k: 3}\n");
	expect_mentions(expect_one_diag(fx, "duplicate-key", 1, 16), "line 1, column 4");
}

static void test_duplicate_key_three_times(void **state)
{
	fixture *fx = *state;
	load(fx, "a: 1\na: 2\na: 3\n");
	assert_int_equal(plan_diags_count(fx->diags), 2);
	expect_mentions(expect_diag_at(fx, 0, "duplicate-key", 2, 1), "line 1, column 1");
	expect_mentions(expect_diag_at(fx, 1, "duplicate-key", 3, 1), "line 1, column 1");
}

static void test_number_and_string_keys_are_the_same_key(void **state)
{
	fixture *fx = *state;
	load(fx, "2026: a\n\"2026\": b\n");
	expect_mentions(expect_one_diag(fx, "duplicate-key", 2, 1), "line 1, column 1");
	load(fx, "'x': 1\nx: 2\n");
	expect_one_diag(fx, "duplicate-key", 2, 1);
}

static void test_no_duplicate_for_distinct_keys(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: 1\nab: 2\nA: 3\n\"a \": 4\n");
	assert_int_equal(root->len, 4);
}

/* Append `count` lines "<prefix><i>: <i>" (i from `from`). */
static void put_keys(plan_buf *b, const char *prefix, int from, int count)
{
	for (int i = from; i < from + count; i++)
		assert_int_equal(plan_buf_printf(b, "%s%d: %d\n", prefix, i, i), 0);
}

/* Over 16 keys the loader sorts; it must report the same things. */
static void test_duplicate_among_many_keys(void **state)
{
	fixture *fx = *state;
	plan_buf b = PLAN_BUF_INIT;
	put_keys(&b, "k", 0, 20);                                  /* lines 1..20 */
	assert_int_equal(plan_buf_puts(&b, "k7: again\n"), 0);     /* line 21 */
	put_keys(&b, "z", 0, 5);                                   /* lines 22..26 */
	assert_int_equal(plan_buf_puts(&b, "k7: thrice\n"), 0);    /* line 27 */
	assert_int_equal(plan_buf_puts(&b, "\"k0\": last\n"), 0); /* line 28 */
	const plan_file *f = load(fx, b.ptr);
	plan_buf_free(&b);
	assert_int_equal(f->ndocs, 1);
	assert_int_equal(f->docs[0].root->len, 28);
	assert_int_equal(plan_diags_count(fx->diags), 3);
	/* Reported in key order: "k0" (line 28), then "k7" twice. */
	int seen_k0 = 0, seen_k7 = 0;
	for (size_t i = 0; i < 3; i++) {
		const plan_diag *d = plan_diags_get(fx->diags, i);
		assert_string_equal(d->rule, "duplicate-key");
		assert_int_equal(d->column, 1);
		if (strcmp(d->key, "k0") == 0) {
			assert_int_equal(d->line, 28);
			expect_mentions(d, "line 1, column 1");
			seen_k0++;
		} else {
			assert_string_equal(d->key, "k7");
			assert_true(d->line == 21 || d->line == 27);
			expect_mentions(d, "line 8, column 1");
			seen_k7++;
		}
	}
	assert_int_equal(seen_k0, 1);
	assert_int_equal(seen_k7, 2);
}

static void test_many_keys_number_and_string_key(void **state)
{
	fixture *fx = *state;
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_buf_puts(&b, "2026: a\n"), 0);
	put_keys(&b, "k", 0, 20);
	assert_int_equal(plan_buf_puts(&b, "\"2026\": b\n"), 0);
	load(fx, b.ptr);
	plan_buf_free(&b);
	const plan_diag *d = expect_one_diag(fx, "duplicate-key", 22, 1);
	expect_mentions(d, "line 1, column 1");
	assert_string_equal(d->key, "2026");
}

static void test_forty_distinct_keys(void **state)
{
	fixture *fx = *state;
	plan_buf b = PLAN_BUF_INIT;
	/* Prefixes of each other and keys that differ only in length. */
	assert_int_equal(plan_buf_puts(&b, "k: x\nk1: x\n\"\": x\n"), 0);
	put_keys(&b, "k", 10, 37);
	const plan_node *root = load_root(fx, b.ptr);
	plan_buf_free(&b);
	assert_int_equal(root->len, 40);
	assert_true(get(root, "k46")->number == 46);
	assert_true(plan_node_is_string(get(root, "k"), "x"));
	assert_true(plan_node_is_string(get(root, ""), "x"));
}

/* --- aliases ------------------------------------------------------------- */

static void test_alias_shares_the_anchored_node(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx,
		"base: &b {x: 1, y: [2, 3]}\n"
		"use: *b\n"
		"list: [*b, *b]\n"
		"s: &s text\n"
		"t: *s\n");
	const plan_node *base = get(root, "base");
	assert_ptr_equal(get(root, "use"), base);
	assert_ptr_equal(item_at(get(root, "list"), 0), base);
	assert_ptr_equal(item_at(get(root, "list"), 1), base);
	assert_ptr_equal(get(root, "t"), get(root, "s"));
	assert_true(plan_node_is_string(get(root, "t"), "text"));
	/* The alias keeps the anchor's position: that is where the value is. */
	expect_pos(get(root, "use"), 1, 7);
}

static void test_anchor_redefined_later(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
	assert_true(get(root, "b")->number == 1);
	assert_true(get(root, "d")->number == 2);
}

static void test_undefined_alias(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: 1\nb: *nope\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 4), "nope");
	assert_int_equal(f->ndocs, 0);
}

static void test_anchors_do_not_cross_documents(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: &x 1\n---\nb: *x\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 3, 4), "x");
	assert_int_equal(f->ndocs, 1);
}

static void test_alias_inside_its_own_anchor_is_refused(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: &s [1, *s]\n");
	expect_one_diag(fx, "yaml-syntax", 1, 11);
	assert_int_equal(f->ndocs, 0);

	f = load(fx, "&m {k: {j: *m}}\n");
	expect_one_diag(fx, "yaml-syntax", 1, 12);
	assert_int_equal(f->ndocs, 0);
}

/* The alias refers to the earlier anchor of that name, not to the enclosing
 * collection being defined: still no cycle. */
static void test_redefined_anchor_inside_its_collection(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: &x 1\nb: &x [*x]\n");
	const plan_node *b = get(root, "b");
	assert_ptr_equal(item_at(b, 0), get(root, "a"));
	assert_int_equal(b->size, 2);
}

static void test_alias_bomb(void **state)
{
	fixture *fx = *state;
	const char *bomb =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	clock_t start = clock();
	const plan_file *f = load(fx, bomb);
	double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
	const plan_diag *d = plan_diags_get(fx->diags, 0);
	assert_int_equal(plan_diags_count(fx->diags), 1);
	assert_string_equal(d->rule, "limit");
	/* a: 10 nodes, b: 91, c: 820, d: 7381, e: 66430; the aliases of b to e
	 * reach 74718, and the first *e on line 6 passes 100000. */
	assert_int_equal(d->line, 6);
	assert_int_equal(d->column, 8);
	expect_mentions(d, "100000");
	assert_int_equal(f->ndocs, 0);
	assert_true(seconds < 1.0);
	assert_true(plan_diags_input_failed(fx->diags));
}

static void test_alias_limit_is_configurable(void **state)
{
	fixture *fx = *state;
	plan_limits limits = PLAN_LIMITS_INIT;
	const char *text = "a: &x [1, 2, 3]\nb: *x\nc: *x\n";
	limits.alias_nodes = 8;  /* two aliases of 4 nodes: exactly at the limit */
	const plan_file *f = load_limited(fx, text, &limits);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);

	limits.alias_nodes = 7;
	f = load_limited(fx, text, &limits);
	expect_mentions(expect_one_diag(fx, "limit", 3, 4), "7");
	assert_int_equal(f->ndocs, 0);
}

/* The budget is per document. */
static void test_alias_budget_resets_per_document(void **state)
{
	fixture *fx = *state;
	plan_limits limits = PLAN_LIMITS_INIT;
	limits.alias_nodes = 4;
	const plan_file *f = load_limited(fx,
		"a: &x [1, 2, 3]\nb: *x\n---\na: &x [1, 2, 3]\nb: *x\n", &limits);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 2);
}

/* --- limits -------------------------------------------------------------- */

static char *nested(int depth)
{
	char *s = malloc((size_t)depth * 2 + 2);
	assert_non_null(s);
	for (int i = 0; i < depth; i++) {
		s[i] = '[';
		s[depth + i] = ']';
	}
	s[2 * depth] = '\n';
	s[2 * depth + 1] = '\0';
	return s;
}

static void test_depth_limit(void **state)
{
	fixture *fx = *state;
	char *text = nested(100);
	const plan_file *f = load(fx, text);
	free(text);
	/* The 65th '[' opens one level too many. */
	expect_mentions(expect_one_diag(fx, "limit", 1, 65), "64");
	assert_int_equal(f->ndocs, 0);

	text = nested(64);
	f = load(fx, text);
	free(text);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);
	assert_int_equal(f->docs[0].root->size, 64);
}

static void test_depth_limit_block_style(void **state)
{
	fixture *fx = *state;
	plan_limits limits = PLAN_LIMITS_INIT;
	limits.depth = 2;
	load_limited(fx, "a:\n  b:\n    c: 1\n", &limits);
	/* root (1), the mapping under a (2), the one under b (3) */
	expect_one_diag(fx, "limit", 3, 5);
	load_limited(fx, "a:\n  b: 1\n", &limits);
	expect_no_diags(fx);
}

static void test_deep_nesting_far_beyond_libyaml(void **state)
{
	fixture *fx = *state;
	char *text = nested(20000);
	const plan_file *f = load(fx, text);
	free(text);
	assert_int_equal(plan_diags_count(fx->diags), 1);
	assert_int_equal(f->ndocs, 0);
}

static void test_scalar_limit(void **state)
{
	fixture *fx = *state;
	plan_limits limits = PLAN_LIMITS_INIT;
	limits.scalar_bytes = 8;
	const plan_file *f = load_limited(fx, "a: 12345678\nb: \"123456789\"\n", &limits);
	expect_mentions(expect_one_diag(fx, "limit", 2, 4), "8");
	assert_int_equal(f->ndocs, 0);

	f = load_limited(fx, "a: 12345678\n", &limits);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);

	/* Keys are scalars too. */
	load_limited(fx, "abcdefghi: 1\n", &limits);
	expect_one_diag(fx, "limit", 1, 1);
}

static void test_document_limit(void **state)
{
	fixture *fx = *state;
	plan_limits limits = PLAN_LIMITS_INIT;
	limits.documents = 2;
	const char *text = "a: 1\n---\nb: 2\n---\nc: 3\n";
	const plan_file *f = load_limited(fx, text, &limits);
	expect_mentions(expect_one_diag(fx, "limit", 4, 1), "2");
	assert_int_equal(f->ndocs, 2);
	assert_non_null(plan_node_get(f->docs[1].root, "b"));

	limits.documents = 3;
	f = load_limited(fx, text, &limits);
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 3);
}

/* --- syntax errors and encodings ----------------------------------------- */

static void test_syntax_error_position(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: 1\nb: c: d\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 5), "mapping values");
	assert_int_equal(f->ndocs, 0);
	assert_true(plan_diags_input_failed(fx->diags) == 0);
}

static void test_syntax_error_keeps_earlier_documents(void **state)
{
	fixture *fx = *state;
	/* Found at the end of the file; the message points back at the '['. */
	const plan_file *f = load(fx, "a: 1\n---\nb: [1, 2\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 4, 1), "line 3, column 4");
	assert_int_equal(f->ndocs, 1);
	assert_true(get(f->docs[0].root, "a")->number == 1);

	f = load(fx, "a: 1\n---\nb: c: d\n");
	expect_one_diag(fx, "yaml-syntax", 3, 5);
	assert_int_equal(f->ndocs, 1);
}

static void test_more_syntax_errors(void **state)
{
	fixture *fx = *state;
	/* A tab cannot indent. */
	const plan_file *f = load(fx, "a:\n\tb: 1\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 1), "YAML indents with spaces");
	assert_int_equal(f->ndocs, 0);

	/* Said in plan terms, with libyaml's words as the detail. */
	f = load(fx, "a:\n  b: 1\n c: 2\n");
	const plan_diag *d = expect_one_diag(fx, "yaml-syntax", 3, 2);
	expect_mentions(d, "'c' is indented less than 'b' above it (line 2)");
	expect_mentions(d, "(YAML: did not find expected key, while parsing a block mapping at line 1, column 1)");
	assert_int_equal(f->ndocs, 0);

	/* Indented more under a key with a value: the caret at the key, not
	 * at the colon libyaml stopped on. */
	load(fx, "a: 1\n  b: 2\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 3), "'b' is indented more than 'a'");
	/* A colon inside a value keeps the quoting advice. */
	load(fx, "a: 1\nb: Möte: plan\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 8), "must be quoted");

	f = load(fx, "a: \"open\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 1), "line 1, column 4");
	assert_int_equal(f->ndocs, 0);
}

static void test_invalid_utf8(void **state)
{
	fixture *fx = *state;
	/* Line 3: c, ':', ' ', 'h', 'é' (two bytes), then the bad byte at
	 * character column 6. */
	const plan_file *f = load(fx, "a: 1\nb: 2\nc: h\xC3\xA9\xFF\n");
	const plan_diag *d = expect_one_diag(fx, "yaml-syntax", 3, 6);
	expect_mentions(d, "UTF-8");
	assert_int_equal(f->ndocs, 0);

	/* Latin-1 text: the caret goes under the broken letter (column 9), not
	 * under the 'r' after it that libyaml stumbled on. */
	load(fx, "a: 1\nb: 2\nc: Felby\xE4r\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 3, 9), "UTF-8");
	load(fx, "x: \xC3\xA9\xE2\x98" "A\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 1, 5), "UTF-8");

	/* A whole file in Windows-1252 is named so, with the remedy; a UTF-8
	 * file with one bad byte is not. */
	load(fx, "a: \xE5r\nb: \x96 \xF6\n");
	d = expect_one_diag(fx, "yaml-syntax", 1, 4);
	expect_mentions(d, "Windows-1252, where that byte is 'å'");
	expect_mentions(d, "iconv -f windows-1252 -t utf-8");
	load(fx, "a: h\xC3\xA9\xE5r\n");
	d = expect_one_diag(fx, "yaml-syntax", 1, 6);
	assert_null(strstr(d->message, "Windows-1252"));
	/* UTF-16 is named as such, not read as Latin-1. */
	load(fx, "\xFF\xFE" "a\0:\0");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 1, 1), "looks like UTF-16");

	/* A truncated sequence at the end of the file. */
	load(fx, "a: 1\nb: \xE2\x98");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 2, 4), "UTF-8");
}

/* A reader error counts lines like libyaml (and diag_print) do: CR, CRLF,
 * NEL, LS and PS end a line too, so both kinds of error agree. */
static void test_reader_error_lines_match_parser_lines(void **state)
{
	fixture *fx = *state;
	load(fx, "a: 1\rb: 2\rc: \xFF\n");
	expect_one_diag(fx, "yaml-syntax", 3, 4);
	load(fx, "a: 1\rb: 2\rc: d: e\n");
	expect_one_diag(fx, "yaml-syntax", 3, 5);

	load(fx, "a: 1\r\nb: 2\r\nc: \xFF\n");
	expect_one_diag(fx, "yaml-syntax", 3, 4);

	load(fx, "a: 1\xC2\x85" "b: \xFF\n");
	expect_one_diag(fx, "yaml-syntax", 2, 4);
	load(fx, "a: 1\xC2\x85" "b: c: d\n");
	expect_one_diag(fx, "yaml-syntax", 2, 5);

	load(fx, "a: 1\xE2\x80\xA8" "b: \xFF\n");
	expect_one_diag(fx, "yaml-syntax", 2, 4);
	load(fx, "a: 1\xE2\x80\xA9" "b: \xFF\n");
	expect_one_diag(fx, "yaml-syntax", 2, 4);
}

/* The offset of a reader error is counted over the whole file, not the
 * chunk libyaml was decoding. */
static void test_reader_error_far_into_the_file(void **state)
{
	fixture *fx = *state;
	plan_buf b = PLAN_BUF_INIT;
	put_keys(&b, "key", 0, 3000);
	assert_int_equal(plan_buf_puts(&b, "last: x\xFF\n"), 0);
	load(fx, b.ptr);
	plan_buf_free(&b);
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 3001, 8), "UTF-8");
}

static void test_nul_byte(void **state)
{
	fixture *fx = *state;
	const char text[] = "a: 1\nb: x\0y\n";
	const plan_file *f = load_bytes(fx, text, sizeof text - 1, NULL);
	const plan_diag *d = expect_one_diag(fx, "yaml-syntax", 2, 5);
	expect_mentions(d, "U+0000");
	assert_int_equal(f->ndocs, 0);
}

static void test_control_character(void **state)
{
	fixture *fx = *state;
	load(fx, "a: \x1b[31m\n");
	expect_mentions(expect_one_diag(fx, "yaml-syntax", 1, 4), "U+001B");
}

static void test_utf8_bom_is_accepted(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "\xEF\xBB\xBF" "a: 1\nb: [x]\n");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 1);
	const plan_node *root = f->docs[0].root;
	expect_pos(root, 1, 1);
	expect_pos(key_at(root, 0), 1, 1);
	expect_pos(get(root, "a"), 1, 4);
	expect_pos(item_at(get(root, "b"), 0), 2, 5);
	assert_int_equal(f->docs[0].line, 1);
	assert_int_equal(f->docs[0].column, 1);

	/* Errors on line 1 are not shifted by the BOM either. */
	load(fx, "\xEF\xBB\xBF" "a: b: c\n");
	expect_one_diag(fx, "yaml-syntax", 1, 5);
	load(fx, "\xEF\xBB\xBF" "a: \xFF\n");
	expect_one_diag(fx, "yaml-syntax", 1, 4);
	/* A BOM alone is an empty file. */
	f = load(fx, "\xEF\xBB\xBF");
	expect_no_diags(fx);
	assert_int_equal(f->ndocs, 0);
}

static void test_utf16_bom_is_refused(void **state)
{
	fixture *fx = *state;
	const char le[] = "\xFF\xFE" "a\0:\0 \0" "1\0\n\0";
	const plan_file *f = load_bytes(fx, le, sizeof le - 1, NULL);
	expect_one_diag(fx, "yaml-syntax", 1, 1);
	assert_int_equal(f->ndocs, 0);

	const char be[] = "\xFE\xFF" "\0a\0:\0 \0" "1\0\n";
	f = load_bytes(fx, be, sizeof be - 1, NULL);
	expect_one_diag(fx, "yaml-syntax", 1, 1);
	assert_int_equal(f->ndocs, 0);
}

/* --- complex keys -------------------------------------------------------- */

static void test_collection_key_is_dropped(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "? {x: 1}\n: v\nk: w\n? [1, 2]\n: u\n");
	assert_int_equal(plan_diags_count(fx->diags), 2);
	expect_mentions(expect_diag_at(fx, 0, "schema", 1, 3), "key");
	expect_diag_at(fx, 1, "schema", 4, 3);
	assert_int_equal(f->ndocs, 1);
	const plan_node *root = f->docs[0].root;
	assert_int_equal(root->len, 1);
	assert_true(plan_node_is_string(key_at(root, 0), "k"));
	assert_true(plan_node_is_string(get(root, "k"), "w"));
}

static void test_alias_of_mapping_as_key_is_dropped(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "a: &m {x: 1}\n*m : v\n");
	expect_one_diag(fx, "schema", 2, 1);
	assert_int_equal(f->docs[0].root->len, 1);
}

/* A key written as an alias is reported where the alias is. */
static void test_alias_as_duplicate_key(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "&k a: 1\n*k : 2\n");
	expect_mentions(expect_one_diag(fx, "duplicate-key", 2, 1), "line 1, column 1");
	assert_int_equal(f->ndocs, 1);

	f = load(fx, "x: &k a\na: 1\n*k : 2\n");
	expect_mentions(expect_one_diag(fx, "duplicate-key", 3, 1), "line 2, column 1");
	const plan_node *root = f->docs[0].root;
	expect_pos(key_at(root, 2), 3, 1);
	assert_true(plan_node_is_string(key_at(root, 2), "a"));
	/* As a value the alias is still the anchored node itself. */
	f = load(fx, "x: &k a\n*k : *k\n");
	expect_no_diags(fx);
	root = f->docs[0].root;
	assert_ptr_equal(root->u.pairs[1].value, get(root, "x"));
}

/* --- accessors ----------------------------------------------------------- */

static void test_node_get(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "ab: 1\na: 2\nlist: [a]\n\"\": 3\n");
	assert_true(get(root, "a")->number == 2);
	assert_true(get(root, "ab")->number == 1);
	assert_true(get(root, "")->number == 3);
	assert_null(plan_node_get(root, "b"));
	assert_null(plan_node_get(root, "abc"));
	assert_null(plan_node_get(root, "A"));
	assert_null(plan_node_get(get(root, "list"), "a"));
	assert_null(plan_node_get(get(root, "a"), "a"));
	assert_null(plan_node_get(NULL, "a"));
}

/* Several keys in one pass: the same nodes plan_node_get gives, each key
 * whatever its place, NULL for one absent, nothing from what is no mapping. */
static void test_node_get_keys(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "ab: 1\na: 2\nlist: [a]\n\"\": 3\n");
	static const char *const keys[] = { "list", "b", "a", "", "ab" };
	const plan_node *v[5];
	plan_node_get_keys(root, keys, 5, v);
	for (int i = 0; i < 5; i++)
		assert_ptr_equal(v[i], plan_node_get(root, keys[i]));
	assert_null(v[1]);
	assert_true(v[2]->number == 2);
	plan_node_get_keys(get(root, "list"), keys, 5, v);
	for (int i = 0; i < 5; i++)
		assert_null(v[i]);
	plan_node_get_keys(NULL, keys, 2, v);
	assert_null(v[0]);
	assert_null(v[1]);
}

static void test_node_is_string(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "n: 12\ns: \"12\"\nb: true\nz: ~\nm: {}\n");
	assert_false(plan_node_is_string(get(root, "n"), "12"));
	assert_true(plan_node_is_string(get(root, "s"), "12"));
	assert_false(plan_node_is_string(get(root, "s"), "1"));
	assert_false(plan_node_is_string(get(root, "s"), "123"));
	assert_false(plan_node_is_string(get(root, "b"), "true"));
	assert_false(plan_node_is_string(get(root, "z"), "~"));
	assert_false(plan_node_is_string(get(root, "m"), ""));
	assert_false(plan_node_is_string(NULL, "12"));
}

/* "\0" in a double-quoted scalar is a NUL inside the text: the node is not
 * the string before it. */
static void test_string_with_nul_inside(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "kind: \"goal\\0x\"\n\"a\\0b\": 1\n\"a\\0c\": 2\n");
	const plan_node *kind = get(root, "kind");
	assert_int_equal(kind->len, 6);
	assert_memory_equal(kind->u.text, "goal\0x", 7);
	assert_false(plan_node_is_string(kind, "goal"));
	assert_int_equal(root->len, 3);
}

static void test_node_type_name(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx,
		"z: ~\nb: false\nn: 78.5\ni: 2026\ns: x\nm: {}\nl: []\n");
	assert_string_equal(plan_node_type_name(get(root, "z")), "null");
	assert_string_equal(plan_node_type_name(get(root, "b")), "boolean");
	assert_string_equal(plan_node_type_name(get(root, "n")), "number");
	assert_string_equal(plan_node_type_name(get(root, "i")), "integer");
	assert_string_equal(plan_node_type_name(get(root, "s")), "string");
	assert_string_equal(plan_node_type_name(get(root, "m")), "mapping");
	assert_string_equal(plan_node_type_name(get(root, "l")), "list");
	assert_int_equal(get(root, "m")->len, 0);
	assert_int_equal(get(root, "l")->len, 0);
	assert_int_equal(get(root, "m")->size, 1);
}

/* --- sizes --------------------------------------------------------------- */

static void test_size_counts_the_subtree(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: [1, 2]\nb: {c: 3}\nd: x\n");
	assert_int_equal(get(root, "a")->size, 3);
	assert_int_equal(get(root, "b")->size, 3);
	assert_int_equal(plan_node_size(get(root, "d")), 1);
	assert_int_equal(plan_node_size(key_at(root, 0)), 1);
	/* root + (key + 3) + (key + 3) + (key + 1) */
	assert_int_equal(root->size, 11);
}

/* A node an alias names is marked shared, so that walks can see it once;
 * nothing else is. */
static void test_alias_targets_are_marked_shared(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: &x [1, [2, 3]]\nb: *x\nc: &y text\nd: [*y]\ne: &z unused\n");
	assert_true(get(root, "a")->shared);
	assert_ptr_equal(get(root, "b"), get(root, "a"));
	assert_false(get(root, "a")->u.items[1]->shared);
	assert_true(get(root, "c")->shared);
	assert_ptr_equal(get(root, "d")->u.items[0], get(root, "c"));
	assert_false(get(root, "e")->shared);
	assert_false(root->shared);
	assert_false(get(root, "d")->shared);
}

static void test_size_counts_alias_targets_in_full(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx, "a: &x [1, [2, 3]]\nb: *x\nc: [*x, *x]\n");
	const plan_node *a = get(root, "a");
	assert_int_equal(a->size, 5);
	assert_int_equal(get(root, "c")->size, 11);
	/* root + (key + 5) + (key + 5) + (key + 11) */
	assert_int_equal(root->size, 25);
}

/* A dropped pair is not part of the tree, so it is not counted. */
static void test_size_without_dropped_pairs(void **state)
{
	fixture *fx = *state;
	const plan_file *f = load(fx, "? [1, 2]\n: v\nk: w\n");
	expect_one_diag(fx, "schema", 1, 3);
	assert_int_equal(f->docs[0].root->size, 3);
}

static void expect_end(const plan_node *node, uint32_t line, uint32_t column)
{
	uint32_t got_line, got_column;
	plan_node_end(&got_line, &got_column, node);
	assert_int_equal(got_line, line);
	assert_int_equal(got_column, column);
}

/* Ends as plan_node_end gives them: just after the text as written. */
static void test_node_end(void **state)
{
	fixture *fx = *state;
	const plan_node *root = load_root(fx,
		"title: Skola\n"
		"quoted: 'a b'\n"
		"n: 2026\n"
		"on: yes\n"
		"list:\n"
		"  - x\n"
		"  - {k: vv}\n"
		"empty: []\n");
	expect_end(plan_node_get(root, "title"), 1, 13);
	expect_end(plan_node_get(root, "quoted"), 2, 14);   /* after the closing quote */
	expect_end(plan_node_get(root, "n"), 3, 8);
	expect_end(plan_node_get(root, "on"), 4, 8);
	expect_end(plan_node_get(root, "list"), 7, 11);   /* the end of its last value, "vv" */
	expect_end(plan_node_get(root, "empty"), 8, 8);    /* where it starts */
}

int main(void)
{

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_block_positions),
		T(test_flow_positions),
		T(test_top_level_sequence_positions),
		T(test_columns_count_characters),
		T(test_anchor_and_tag_positions),
		T(test_integers),
		T(test_numbers),
		T(test_strings_that_look_like_other_things),
		T(test_bools_and_nulls),
		T(test_block_scalars_are_quoted_strings),
		T(test_explicit_tags),
		T(test_unknown_tag_is_reported_and_kept_as_string),
		T(test_tag_with_wrong_value_is_reported),
		T(test_unknown_tag_on_collection_is_reported),
		T(test_several_documents),
		T(test_implicit_document_starts_at_content),
		T(test_empty_file_has_no_documents),
		T(test_comment_only_file_has_no_documents),
		T(test_empty_explicit_document),
		T(test_duplicate_key),
		T(test_duplicate_key_nested_and_flow),
		T(test_duplicate_key_three_times),
		T(test_number_and_string_keys_are_the_same_key),
		T(test_no_duplicate_for_distinct_keys),
		T(test_duplicate_among_many_keys),
		T(test_many_keys_number_and_string_key),
		T(test_forty_distinct_keys),
		T(test_alias_shares_the_anchored_node),
		T(test_anchor_redefined_later),
		T(test_undefined_alias),
		T(test_anchors_do_not_cross_documents),
		T(test_alias_inside_its_own_anchor_is_refused),
		T(test_redefined_anchor_inside_its_collection),
		T(test_alias_bomb),
		T(test_alias_limit_is_configurable),
		T(test_alias_budget_resets_per_document),
		T(test_depth_limit),
		T(test_depth_limit_block_style),
		T(test_deep_nesting_far_beyond_libyaml),
		T(test_scalar_limit),
		T(test_document_limit),
		T(test_syntax_error_position),
		T(test_syntax_error_keeps_earlier_documents),
		T(test_more_syntax_errors),
		T(test_invalid_utf8),
		T(test_reader_error_lines_match_parser_lines),
		T(test_reader_error_far_into_the_file),
		T(test_nul_byte),
		T(test_control_character),
		T(test_utf8_bom_is_accepted),
		T(test_utf16_bom_is_refused),
		T(test_collection_key_is_dropped),
		T(test_alias_of_mapping_as_key_is_dropped),
		T(test_alias_as_duplicate_key),
		T(test_node_get),
		T(test_node_get_keys),
		T(test_node_is_string),
		T(test_string_with_nul_inside),
		T(test_node_type_name),
		T(test_size_counts_the_subtree),
		T(test_alias_targets_are_marked_shared),
		T(test_size_counts_alias_targets_in_full),
		T(test_size_without_dropped_pairs),
		T(test_node_end),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
