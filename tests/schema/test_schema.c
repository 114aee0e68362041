/* Unit tests for the schema engine: keywords, messages, positions, and the
 * embedded schemas of the seven kinds. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/schema.h"

#define MAX_SEEN 16

typedef struct seen {
	size_t count;
	char *path[MAX_SEEN];
	char *message[MAX_SEEN];
	char *suggestion[MAX_SEEN];   /* NULL when none */
	char *presumed[MAX_SEEN];     /* NULL when none */
	uint32_t line[MAX_SEEN], column[MAX_SEEN];
	uint32_t mapping_line[MAX_SEEN], mapping_column[MAX_SEEN];
} seen;

static void collect(void *ctx, const plan_schema_violation *v)
{
	seen *s = ctx;
	if (s->count < MAX_SEEN) {
		s->path[s->count] = strdup(v->path);
		s->message[s->count] = strdup(v->message);
		s->suggestion[s->count] = v->suggestion ? strdup(v->suggestion) : NULL;
		s->presumed[s->count] = v->presumed ? strdup(v->presumed) : NULL;
		s->line[s->count] = v->node->line;
		s->column[s->count] = v->node->column;
		/* A presumed key always comes with its mapping. */
		assert_true(!v->presumed == !v->mapping);
		s->mapping_line[s->count] = v->mapping ? v->mapping->line : 0;
		s->mapping_column[s->count] = v->mapping ? v->mapping->column : 0;
	}
	s->count++;
}

static void seen_free(seen *s)
{
	for (size_t i = 0; i < s->count && i < MAX_SEEN; i++) {
		free(s->path[i]);
		free(s->message[i]);
		free(s->suggestion[i]);
		free(s->presumed[i]);
	}
}

static plan_file *load(const char *text)
{
	plan_limits limits = PLAN_LIMITS_INIT;
	plan_diags *diags = plan_diags_new();
	plan_file *file = NULL;
	assert_int_equal(plan_file_load(&file, "t.yaml", text, strlen(text), &limits, diags), 0);
	assert_int_equal(plan_diags_count(diags), 0);
	plan_diags_free(diags);
	return file;
}

/* Validate YAML `instance` against YAML/JSON `schema_text`; fills `out`. */
static int check(const char *schema_text, const char *instance, seen *out)
{
	plan_file *sf = load(schema_text);
	plan_file *inf = load(instance);
	plan_schema *schema = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_schema_compile(&schema, sf->docs[0].root, "s", &err), 0);
	memset(out, 0, sizeof *out);
	int n = plan_schema_validate(schema, inf->docs[0].root, PLAN_LANG_EN, collect, out);
	plan_schema_free(schema);
	plan_file_free(sf);
	plan_file_free(inf);
	return n;
}

static void expect_message(const char *schema, const char *instance,
	const char *path, const char *needle, uint32_t line, uint32_t column)
{
	seen s;
	int n = check(schema, instance, &s);
	assert_int_equal(n, 1);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.path[0], path);
	if (!strstr(s.message[0], needle))
		fail_msg("message '%s' lacks '%s'", s.message[0], needle);
	assert_int_equal(s.line[0], line);
	assert_int_equal(s.column[0], column);
	seen_free(&s);
}

static void test_unknown_key_points_at_key_and_suggests(void **state)
{
	(void)state;
	const char *schema = "{type: object, additionalProperties: false,"
		" patternProperties: {'^x-': {}},"
		" properties: {goals: {type: array, items: {type: object,"
		" additionalProperties: false, properties: {title: {type: string}, id: {}}}}}}";
	expect_message(schema, "goals:\n  - id: A\n    titel: x\n", "goals[0].titel",
		"did you mean 'title'?", 3, 5);
	/* Extension keys pass. */
	seen s;
	assert_int_equal(check(schema, "x-note: anything\ngoals: []\n", &s), 0);
	seen_free(&s);
}

/* An object of goals whose items lack `contributes_to`, titled in Swedish. */
static const char pairing_schema[] =
	"{type: object, properties: {goals: {type: array, items: {type: object,"
	" additionalProperties: false, required: [id, title, contributes_to],"
	" properties: {id: {title: 'Id (identifier)'}, title: {title: 'Rubrik (title)'},"
	" contributes_to: {title: 'Bidrar till (contributes to)', type: array},"
	" responsible: {title: 'Ansvarig (responsible)'}, due: {title: 'Klart (due)'}}}}}}";

/* One fault, one violation: a misspelt required key is the unknown key,
 * presumed to be the key it was meant to be, and not also the missing key. */
static void test_misspelt_required_key_is_one_violation(void **state)
{
	(void)state;
	seen s;
	assert_int_equal(check(pairing_schema,
		"goals:\n  - id: A\n    title: T\n    contribute_to: [B]\n", &s), 1);
	assert_string_equal(s.path[0], "goals[0].contribute_to");
	assert_string_equal(s.message[0],
		"unknown key 'contribute_to' in 'goals[0]'; did you mean 'contributes_to'?");
	assert_string_equal(s.suggestion[0], "contributes_to");
	assert_string_equal(s.presumed[0], "contributes_to");
	assert_int_equal(s.line[0], 4);
	assert_int_equal(s.column[0], 5);
	/* The mapping is the goal, where the rules look for the key. */
	assert_int_equal(s.mapping_line[0], 2);
	assert_int_equal(s.mapping_column[0], 5);
	seen_free(&s);
}

/* A key written as its Swedish title says (case, spaces, å ä ö folded). */
static void test_swedish_title_names_the_key(void **state)
{
	(void)state;
	seen s;
	assert_int_equal(check(pairing_schema,
		"goals:\n  - {id: A, title: T, bidrar_till: [B], ansvarig: R, Klart: 2026-01-01}\n", &s), 3);
	assert_string_equal(s.presumed[0], "contributes_to");
	assert_string_equal(s.presumed[1], "responsible");
	assert_string_equal(s.presumed[2], "due");
	assert_non_null(strstr(s.message[1], "did you mean 'responsible'?"));
	seen_free(&s);
}

/* An optional key is presumed too: the rules on its absence read it. */
static void test_misspelt_optional_key_is_presumed(void **state)
{
	(void)state;
	seen s;
	assert_int_equal(check(pairing_schema,
		"goals:\n  - {id: A, title: T, contributes_to: [], responsibel: R}\n", &s), 1);
	assert_string_equal(s.presumed[0], "responsible");
	seen_free(&s);
}

/* Two faults stay two: a key close to one that is written, and a key close
 * to none, leave the missing key missing. */
static void test_unknown_key_not_meant_leaves_missing_key(void **state)
{
	(void)state;
	seen s;
	assert_int_equal(check(pairing_schema,
		"goals:\n  - {id: A, title: T, titel: U}\n", &s), 2);
	assert_string_equal(s.message[0], "missing required key 'contributes_to' in 'goals[0]'");
	assert_null(s.presumed[0]);
	assert_string_equal(s.suggestion[1], "title");
	assert_null(s.presumed[1]);
	seen_free(&s);
	assert_int_equal(check(pairing_schema,
		"goals:\n  - {id: A, title: T, lankar: [B]}\n", &s), 2);
	assert_string_equal(s.message[0], "missing required key 'contributes_to' in 'goals[0]'");
	assert_null(s.presumed[1]);
	assert_null(s.suggestion[1]);
	assert_non_null(strstr(s.message[1], "(expected 'id', 'title', 'contributes_to', "));
	seen_free(&s);
}

static void test_missing_required_key(void **state)
{
	(void)state;
	expect_message("{properties: {a: {required: [title]}}}", "a:\n  id: 1\n",
		"a", "missing required key 'title' in 'a'", 2, 3);
}

static void test_type_messages_explain_yaml(void **state)
{
	(void)state;
	expect_message("{properties: {flag: {type: boolean}}}", "flag: yes\n", "flag",
		"write true or false", 1, 7);
	expect_message("{properties: {year: {type: integer}}}", "year: \"2026\"\n", "year",
		"remove the quotes", 1, 7);
	expect_message("{properties: {code: {type: string}}}", "code: 486\n", "code",
		"put it in quotes", 1, 7);
	expect_message("{properties: {n: {type: integer}}}", "n: 1.5\n", "n",
		"must be a whole number", 1, 4);
}

static void test_enum_suggests_closest(void **state)
{
	(void)state;
	expect_message("{properties: {status: {enum: [uppfylld, delvis_uppfylld]}}}",
		"status: uppfyld\n", "status", "did you mean 'uppfylld'?", 1, 9);
}

static void test_date_format(void **state)
{
	(void)state;
	const char *schema = "{properties: {due: {type: string, format: date}}}";
	expect_message(schema, "due: 2026-02-30\n", "due", "date YYYY-MM-DD", 1, 6);
	seen s;
	assert_int_equal(check(schema, "due: 2028-02-29\n", &s), 0);
	seen_free(&s);
	expect_message(schema, "due: 2026-1-05\n", "due", "date", 1, 6);
}

static void test_pattern_translation(void **state)
{
	(void)state;
	const char *schema = "{properties: {id: {pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'},"
		" sy: {pattern: '^\\d{4}/\\d{2}$'}}}";
	seen s;
	assert_int_equal(check(schema, "id: KF-1.a_b\nsy: 2026/27\n", &s), 0);
	seen_free(&s);
	/* A character with an allowed form is named, with the id written so. */
	expect_message(schema, "id: 'has space'\n", "id", "holds ' ', which is not allowed here", 1, 5);
	expect_message(schema, "id: 'SOL-Å1'\n", "id", "holds 'Å', which is not allowed here (^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$); write it 'SOL-A1'", 1, 5);
	expect_message(schema, "id: '-x'\n", "id", "does not match", 1, 5);
	expect_message(schema, "sy: 2026/2027\n", "sy", "does not match", 1, 5);
}

static void test_unsupported_keyword_is_refused(void **state)
{
	(void)state;
	const char *bad[] = {
		"{type: object, propertyNames: {maxLength: 3}}",
		"{properties: {a: {contains: {}}}}",
		"{format: email}",
		"{pattern: '(?=a)b'}",
		"{$ref: 'http://example.invalid/s.json'}",
		"{items: [{}, {multipleOf: 2}]}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		plan_file *f = load(bad[i]);
		plan_schema *schema = NULL;
		plan_error err = PLAN_ERROR_INIT;
		assert_int_equal(plan_schema_compile(&schema, f->docs[0].root, "s", &err), -1);
		assert_null(schema);
		assert_true(strlen(err.message) > 0);
		assert_non_null(strstr(err.message, "s:1:"));
		plan_file_free(f);
	}
}

static void test_one_of_required_names_the_keys(void **state)
{
	(void)state;
	const char *schema = "{oneOf: [{required: [year]}, {required: [school_year]}]}";
	expect_message(schema, "id: a\n", "", "needs exactly one of 'year' or 'school_year'", 1, 1);
	expect_message(schema, "year: 2026\nschool_year: x\n", "", "only one of", 2, 1);
}

static void test_unique_items_and_counts(void **state)
{
	(void)state;
	const char *schema = "{properties: {l: {uniqueItems: true, maxItems: 3, minItems: 1}}}";
	expect_message(schema, "l: [a, b, a]\n", "l", "lists 'a' twice (items 1 and 3)", 1, 11);
	expect_message(schema, "l: []\n", "l", "at least 1 item", 1, 4);
	expect_message(schema, "l: [a, b, c, d]\n", "l", "at most 3 items", 1, 14);
}

static void test_ref_recursion_terminates(void **state)
{
	(void)state;
	const char *schema = "{definitions: {node: {type: object, properties:"
		" {kids: {type: array, items: {$ref: '#/definitions/node'}}}}},"
		" $ref: '#/definitions/node'}";
	seen s;
	assert_int_equal(check(schema, "kids: [{kids: [{kids: []}]}]\n", &s), 0);
	seen_free(&s);
	expect_message(schema, "kids: [{kids: [5]}]\n", "kids[0].kids[0]", "must be a mapping", 1, 16);
	/* A $ref loop that never consumes the instance is stopped, not followed forever. */
	expect_message("{definitions: {a: {$ref: '#/definitions/a'}}, $ref: '#/definitions/a'}",
		"x: 1\n", "", "recurses too deeply", 1, 1);
}

static void test_embedded_schemas_compile(void **state)
{
	(void)state;
	for (size_t i = 0; plan_kinds[i]; i++) {
		size_t len = 0;
		assert_non_null(plan_schema_text(plan_kinds[i], &len));
		assert_true(len > 100);
		/* Compiling refuses any unsupported keyword: a schema that used one
		 * would have no compiled form here. */
		assert_non_null(plan_schema_for_kind(plan_kinds[i]));
	}
	assert_null(plan_schema_for_kind("nope"));
	assert_null(plan_schema_text("nope", NULL));
}

static void test_embedded_schema_rejects_unknown_top_key(void **state)
{
	(void)state;
	plan_file *f = load("kind: styrmodell\nmunicipality: {name: X, code: '0486'}\n"
		"vision: V\nperspectives: [{id: a, name: A}]\nvisoin: typo\n");
	seen s;
	memset(&s, 0, sizeof s);
	int n = plan_schema_validate(plan_schema_for_kind("styrmodell"), f->docs[0].root, PLAN_LANG_EN, collect, &s);
	assert_int_equal(n, 1);
	assert_string_equal(s.path[0], "visoin");
	assert_int_equal(s.line[0], 5);
	seen_free(&s);
	plan_file_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_key_points_at_key_and_suggests),
		cmocka_unit_test(test_missing_required_key),
		cmocka_unit_test(test_misspelt_required_key_is_one_violation),
		cmocka_unit_test(test_swedish_title_names_the_key),
		cmocka_unit_test(test_misspelt_optional_key_is_presumed),
		cmocka_unit_test(test_unknown_key_not_meant_leaves_missing_key),
		cmocka_unit_test(test_type_messages_explain_yaml),
		cmocka_unit_test(test_enum_suggests_closest),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_pattern_translation),
		cmocka_unit_test(test_unsupported_keyword_is_refused),
		cmocka_unit_test(test_one_of_required_names_the_keys),
		cmocka_unit_test(test_unique_items_and_counts),
		cmocka_unit_test(test_ref_recursion_terminates),
		cmocka_unit_test(test_embedded_schemas_compile),
		cmocka_unit_test(test_embedded_schema_rejects_unknown_top_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
