/* test_diag.c: the list of diagnostics (diag.c) and every output format of
 * plan_diags_print (diag_print.c), compared with exact expected text. */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/rule.h"

/* ------------------------------------------------------------------------ */
/* Helpers. */

static plan_diags *new_list(void)
{
	plan_diags *d = plan_diags_new();
	assert_non_null(d);
	return d;
}

static void add(plan_diags *d, const char *file, uint32_t line, uint32_t column,
	const char *rule, const char *message)
{
	assert_int_equal(plan_diags_add(d, file, line, column, rule, NULL, "%s", message), 0);
}

/* Switch a diagnostic off in place, as a rules: override would have left it
 * if it had not removed it: the printers must skip it. */
static void set_off(plan_diags *d, size_t index)
{
	plan_diag *diag = (plan_diag *)plan_diags_get(d, index);
	assert_non_null(diag);
	diag->severity = PLAN_SEVERITY_OFF;
}

/* Everything plan_diags_print writes, as a string to free(). */
static char *print(const plan_diags *diags, const plan_diag_print_options *o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(plan_diags_print(f, diags, o), 0);
	assert_int_equal(fclose(f), 0);
	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	return text;
}

static void assert_prints(const plan_diags *diags, const plan_diag_print_options *o,
	const char *expected)
{
	char *text = print(diags, o);
	assert_string_equal(text, expected);
	free(text);
}

typedef struct source {
	const char *file;
	const char *text;
	size_t len;       /* 0: strlen(text) */
} source;

typedef struct sources {
	const source *files;
	size_t n;
	size_t calls;
} sources;

static const char *source_text(void *ctx, const char *file, size_t *len)
{
	sources *s = ctx;
	s->calls++;
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->files[i].file, file) == 0) {
			*len = s->files[i].len ? s->files[i].len : strlen(s->files[i].text);
			return s->files[i].text;
		}
	}
	return NULL;
}

static plan_diag_print_options text_options(sources *src)
{
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.show_source = 1;
	o.source_text = source_text;
	o.source_ctx = src;
	o.documents = 1;
	return o;
}

/* ------------------------------------------------------------------------ */
/* diag.c */

static void test_add(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	char file[] = "plans/a.yaml";
	char key[] = "goals[2].title";
	assert_int_equal(plan_diags_add(d, file, 3, 5, "schema", key,
		"value %d is not a %s", 7, "string"), 0);
	assert_int_equal(plan_diags_add(d, NULL, 0, 0, "cross-body-link", NULL, "x"), 0);
	file[0] = 'X';
	key[0] = 'X';
	assert_int_equal(plan_diags_count(d), 2);

	const plan_diag *a = plan_diags_get(d, 0);
	assert_string_equal(a->file, "plans/a.yaml");
	assert_int_equal(a->line, 3);
	assert_int_equal(a->column, 5);
	assert_int_equal(a->severity, PLAN_SEVERITY_ERROR);
	assert_ptr_equal(a->rule, plan_rule_find("schema")->id);
	assert_string_equal(a->key, "goals[2].title");
	assert_string_equal(a->message, "value 7 is not a string");

	const plan_diag *b = plan_diags_get(d, 1);
	assert_string_equal(b->file, "");
	assert_null(b->key);
	assert_int_equal(b->severity, PLAN_SEVERITY_WARNING);
	assert_null(plan_diags_get(d, 2));
	assert_int_equal(plan_diags_oom(d), 0);
	plan_diags_free(d);
	plan_diags_free(NULL);
}

static void test_take(void **state)
{
	(void)state;
	plan_diags *dst = new_list(), *src = new_list();
	add(dst, "a.yaml", 1, 1, "schema", "first");
	for (int i = 0; i < 40; i++)
		assert_int_equal(plan_diags_add(src, "b.yaml", (uint32_t)i + 1, 1,
			"duplicate-id", NULL, "moved %d", i), 0);
	assert_int_equal(plan_diags_take(dst, src), 0);
	assert_int_equal(plan_diags_count(dst), 41);
	assert_int_equal(plan_diags_count(src), 0);
	assert_string_equal(plan_diags_get(dst, 0)->message, "first");
	assert_string_equal(plan_diags_get(dst, 1)->message, "moved 0");
	assert_string_equal(plan_diags_get(dst, 40)->message, "moved 39");
	/* The emptied list is still usable, and owns nothing it gave away. */
	add(src, "c.yaml", 1, 1, "schema", "again");
	assert_int_equal(plan_diags_count(src), 1);
	assert_int_equal(plan_diags_take(dst, src), 0);
	assert_int_equal(plan_diags_count(dst), 42);
	assert_int_equal(plan_diags_take(dst, src), 0);
	assert_int_equal(plan_diags_count(dst), 42);
	plan_diags_free(src);
	plan_diags_free(dst);
}

static void test_override(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 1, 1, "cross-body-link", "one");
	add(d, "a.yaml", 2, 1, "schema", "two");
	add(d, "a.yaml", 3, 1, "cross-body-link", "three");
	add(d, "a.yaml", 4, 1, "yaml-syntax", "four");
	add(d, "a.yaml", 5, 1, "io", "five");

	plan_diags_override(d, "cross-body-link", PLAN_SEVERITY_ERROR);
	assert_int_equal(plan_diags_get(d, 0)->severity, PLAN_SEVERITY_ERROR);
	assert_int_equal(plan_diags_get(d, 2)->severity, PLAN_SEVERITY_ERROR);

	plan_diags_override(d, "schema", PLAN_SEVERITY_WARNING);
	assert_int_equal(plan_diags_get(d, 1)->severity, PLAN_SEVERITY_WARNING);

	/* Non-configurable rules and unknown ids are left alone. */
	plan_diags_override(d, "yaml-syntax", PLAN_SEVERITY_OFF);
	plan_diags_override(d, "io", PLAN_SEVERITY_WARNING);
	plan_diags_override(d, "no-such-rule", PLAN_SEVERITY_OFF);
	assert_int_equal(plan_diags_count(d), 5);
	assert_int_equal(plan_diags_get(d, 3)->severity, PLAN_SEVERITY_ERROR);
	assert_int_equal(plan_diags_get(d, 4)->severity, PLAN_SEVERITY_ERROR);

	/* OFF removes, keeping the others in order. */
	plan_diags_override(d, "cross-body-link", PLAN_SEVERITY_OFF);
	assert_int_equal(plan_diags_count(d), 3);
	assert_string_equal(plan_diags_get(d, 0)->message, "two");
	assert_string_equal(plan_diags_get(d, 1)->message, "four");
	assert_string_equal(plan_diags_get(d, 2)->message, "five");
	plan_diags_free(d);
}

static void test_sort(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "b.yaml", 1, 1, "schema", "b1");
	add(d, "a.yaml", 10, 1, "schema", "a10");
	add(d, "a.yaml", 2, 7, "schema", "a2c7");
	add(d, "a.yaml", 2, 3, "schema", "a2c3 z");
	add(d, "a.yaml", 2, 3, "schema", "a2c3 m");
	add(d, "a.yaml", 2, 3, "duplicate-key", "a2c3 dup");
	add(d, "a.yaml", 0, 0, "io", "a0");
	plan_diags_sort(d);
	static const char *const order[] = {
		"a0", "a2c3 dup", "a2c3 m", "a2c3 z", "a2c7", "a10", "b1",
	};
	assert_int_equal(plan_diags_count(d), 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(plan_diags_get(d, i)->message, order[i]);
	plan_diags_free(d);

	plan_diags *empty = new_list();
	plan_diags_sort(empty);
	assert_int_equal(plan_diags_count(empty), 0);
	plan_diags_free(empty);
}

static void test_counts(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	assert_int_equal(plan_diags_count(d), 0);
	assert_int_equal(plan_diags_count_severity(d, PLAN_SEVERITY_ERROR), 0);
	add(d, "a.yaml", 1, 1, "schema", "e");
	add(d, "a.yaml", 1, 1, "duplicate-id", "e");
	add(d, "a.yaml", 1, 1, "cross-body-link", "w");
	assert_int_equal(plan_diags_count(d), 3);
	assert_int_equal(plan_diags_count_severity(d, PLAN_SEVERITY_ERROR), 2);
	assert_int_equal(plan_diags_count_severity(d, PLAN_SEVERITY_WARNING), 1);
	assert_int_equal(plan_diags_count_severity(d, PLAN_SEVERITY_OFF), 0);
	plan_diags_free(d);
}

static void test_input_failed(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	assert_int_equal(plan_diags_input_failed(d), 0);
	add(d, "a.yaml", 1, 1, "schema", "e");
	add(d, "a.yaml", 1, 1, "yaml-syntax", "e");
	assert_int_equal(plan_diags_input_failed(d), 0);
	add(d, "b.yaml", 0, 0, "io", "unreadable");
	assert_int_equal(plan_diags_input_failed(d), 1);
	plan_diags_free(d);

	d = new_list();
	add(d, "c.yaml", 0, 0, "limit", "too big");
	assert_int_equal(plan_diags_input_failed(d), 1);
	plan_diags_free(d);
}

static void test_format_parse(void **state)
{
	(void)state;
	plan_diag_format f = PLAN_DIAG_TEXT;
	assert_int_equal(plan_diag_format_parse(&f, "json"), 0);
	assert_int_equal(f, PLAN_DIAG_JSON);
	assert_int_equal(plan_diag_format_parse(&f, "sarif"), 0);
	assert_int_equal(f, PLAN_DIAG_SARIF);
	assert_int_equal(plan_diag_format_parse(&f, "github"), 0);
	assert_int_equal(f, PLAN_DIAG_GITHUB);
	assert_int_equal(plan_diag_format_parse(&f, "gitlab"), 0);
	assert_int_equal(f, PLAN_DIAG_GITLAB);
	assert_int_equal(plan_diag_format_parse(&f, "junit"), 0);
	assert_int_equal(f, PLAN_DIAG_JUNIT);
	assert_int_equal(plan_diag_format_parse(&f, "tap"), 0);
	assert_int_equal(f, PLAN_DIAG_TAP);
	assert_int_equal(plan_diag_format_parse(&f, "text"), 0);
	assert_int_equal(f, PLAN_DIAG_TEXT);
	assert_int_equal(plan_diag_format_parse(&f, "JSON"), -1);
	assert_int_equal(plan_diag_format_parse(&f, ""), -1);
	assert_int_equal(plan_diag_format_parse(&f, "sarif "), -1);
	assert_int_equal(plan_diag_format_parse(&f, NULL), -1);
	assert_int_equal(f, PLAN_DIAG_TEXT);
}

/* ------------------------------------------------------------------------ */
/* text */

static void test_text_basic(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "bad thing");
	add(d, "a.yaml", 4, 1, "goal-without-kpi", "switched off");
	add(d, "a.yaml", 0, 0, "not-a-plan-document", "no kind");
	add(d, "b.yaml", 1, 1, "cross-body-link", "crosses");
	add(d, "b.yaml", 2, 0, "schema", "no column");
	add(d, NULL, 0, 0, "io", "no file");
	set_off(d, 1);
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.documents = 2;
	assert_prints(d, &o,
		"a.yaml:3:5: error: bad thing [schema]\n"
		"a.yaml: error: no kind [not-a-plan-document]\n"
		"b.yaml:1:1: warning: crosses [cross-body-link]\n"
		"b.yaml:2: error: no column [schema]\n"
		"error: no file [io]\n"
		"4 errors, 1 warning in 2 documents\n");
	/* NULL options: text, no colour, no source. */
	assert_prints(d, NULL,
		"a.yaml:3:5: error: bad thing [schema]\n"
		"a.yaml: error: no kind [not-a-plan-document]\n"
		"b.yaml:1:1: warning: crosses [cross-body-link]\n"
		"b.yaml:2: error: no column [schema]\n"
		"error: no file [io]\n"
		"4 errors, 1 warning in 0 documents\n");
	plan_diags_free(d);
}

static void test_text_summary_plurals(void **state)
{
	(void)state;
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	plan_diags *d = new_list();
	assert_prints(d, &o, "0 errors, 0 warnings in 0 documents\n");

	add(d, "a.yaml", 1, 2, "cross-body-link", "w");
	o.documents = 1;
	assert_prints(d, &o, "a.yaml:1:2: warning: w [cross-body-link]\n"
		"0 errors, 1 warning in 1 document\n");

	add(d, "a.yaml", 1, 3, "schema", "e");
	add(d, "a.yaml", 1, 4, "cross-body-link", "w2");
	o.documents = 3;
	assert_prints(d, &o, "a.yaml:1:2: warning: w [cross-body-link]\n"
		"a.yaml:1:3: error: e [schema]\n"
		"a.yaml:1:4: warning: w2 [cross-body-link]\n"
		"1 error, 2 warnings in 3 documents\n");

	/* Counts are of what was printed. */
	set_off(d, 0);
	set_off(d, 2);
	assert_prints(d, &o, "a.yaml:1:3: error: e [schema]\n"
		"1 error, 0 warnings in 3 documents\n");

	/* Suppressed by directives: said only when there are any. */
	o.suppressed = 2;
	assert_prints(d, &o, "a.yaml:1:3: error: e [schema]\n"
		"1 error, 0 warnings in 3 documents (2 suppressed)\n");
	o.lang = PLAN_LANG_SV;
	o.suppressed = 1;
	assert_prints(d, &o, "a.yaml:1:3: fel: e [schema]\n"
		"1 fel, 0 varningar i 3 dokument (1 undantagen)\n");
	plan_diags_free(d);
}

static int pick_schema(void *ctx, const plan_diag *d)
{
	(void)ctx;
	return strcmp(d->rule, "schema") == 0;
}

/* Moving by a predicate keeps both lists' order; to NULL frees. */
static void test_move_if(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	plan_diags *moved = new_list();
	add(d, "a.yaml", 1, 1, "schema", "s1");
	add(d, "a.yaml", 2, 1, "cross-body-link", "w1");
	add(d, "a.yaml", 3, 1, "schema", "s2");
	add(d, "a.yaml", 4, 1, "no-trace", "n1");
	add(moved, "z.yaml", 1, 1, "schema", "old");
	assert_int_equal(plan_diags_move_if(moved, d, pick_schema, NULL), 0);
	assert_int_equal(plan_diags_count(d), 2);
	assert_string_equal(plan_diags_get(d, 0)->message, "w1");
	assert_string_equal(plan_diags_get(d, 1)->message, "n1");
	assert_int_equal(plan_diags_count(moved), 3);
	assert_string_equal(plan_diags_get(moved, 0)->message, "old");
	assert_string_equal(plan_diags_get(moved, 1)->message, "s1");
	assert_string_equal(plan_diags_get(moved, 2)->message, "s2");
	assert_int_equal(plan_diags_move_if(NULL, moved, pick_schema, NULL), 0);
	assert_int_equal(plan_diags_count(moved), 0);
	plan_diags_free(d);
	plan_diags_free(moved);
}

/* plan-validate FILE...: only the named files' diagnostics stay. */
static void test_keep_files(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 1, 1, "schema", "a1");
	add(d, "b.yaml", 1, 1, "schema", "b1");
	add(d, "c/a.yaml", 1, 1, "schema", "ca");
	add(d, "a.yaml", 2, 1, "no-trace", "a2");
	add(d, "", 0, 0, "limit", "no file");
	const char *files[] = { "a.yaml", "c/a.yaml" };
	plan_diags_keep_files(d, files, 2);
	assert_int_equal(plan_diags_count(d), 3);
	assert_string_equal(plan_diags_get(d, 0)->message, "a1");
	assert_string_equal(plan_diags_get(d, 1)->message, "ca");
	assert_string_equal(plan_diags_get(d, 2)->message, "a2");
	plan_diags_free(d);
}

static void test_text_escapes(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a\tb\x1b.yaml", 1, 1, "schema",
		"title \"\x1b[31mred\x1b[0m\"\nnext\\line \xc2\x9b bad \xff end");
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.documents = 1;
	assert_prints(d, &o,
		"a\\tb\\x1b.yaml:1:1: error: title \"\\x1b[31mred\\x1b[0m\"\\nnext\\\\line "
		"\\u009b bad \\xff end [schema]\n"
		"1 error, 0 warnings in 1 document\n");
	plan_diags_free(d);
}

static void test_text_color(void **state)
{
	(void)state;
	const source files[] = { { "a.yaml", "key: 1\n", 0 } };
	sources src = { files, 1, 0 };
	plan_diags *d = new_list();
	add(d, "a.yaml", 1, 6, "schema", "not a string");
	add(d, "a.yaml", 0, 0, "cross-body-link", "warned");
	plan_diag_print_options o = text_options(&src);
	o.color = 1;
	assert_prints(d, &o,
		"a.yaml:1:6: \033[1;31merror\033[0m: not a string \033[2m[schema]\033[0m\n"
		"    1 | key: 1\n"
		"      |      \033[1;32m^\033[0m\n"
		"a.yaml: \033[1;33mwarning\033[0m: warned \033[2m[cross-body-link]\033[0m\n"
		"1 error, 1 warning in 1 document\n");
	plan_diags_free(d);
}

static void test_text_source(void **state)
{
	(void)state;
	const source files[] = {
		{ "a.yaml", "key: value\n  bad: 1\n", 0 },
		{ "tab.yaml", "\tx: 1\n", 0 },
		{ "sv.yaml", "\xc3\xa5: \xc3\xa4r\n", 0 },
		{ "wide.yaml", "\xe6\x97\xa5\xe6\x9c\xac: x\n", 0 },
		{ "ctl.yaml", "\xff" "a: \x1b[1mX\n", 0 },
		{ "crlf.yaml", "a: 1\r\nb: 2\r\nc\rd\n", 0 },
		{ "bom.yaml", "\xef\xbb\xbf" "a: 1\n", 0 },
		{ "nul.yaml", "a\0b: c", 6 },
	};
	sources src = { files, sizeof files / sizeof files[0], 0 };
	plan_diags *d = new_list();
	add(d, "a.yaml", 2, 3, "schema", "bad key");
	add(d, "a.yaml", 1, 40, "schema", "past the end");
	add(d, "a.yaml", 2, 0, "schema", "no column");
	add(d, "a.yaml", 9, 1, "schema", "past the last line");
	add(d, "a.yaml", 0, 0, "schema", "whole file");
	add(d, "tab.yaml", 1, 2, "schema", "after a tab");
	add(d, "sv.yaml", 1, 4, "schema", "on a-umlaut");
	add(d, "wide.yaml", 1, 4, "schema", "after wide");
	add(d, "ctl.yaml", 1, 6, "schema", "on [");
	add(d, "crlf.yaml", 2, 4, "schema", "crlf");
	add(d, "crlf.yaml", 4, 1, "schema", "lone cr");
	add(d, "bom.yaml", 1, 1, "schema", "bom");
	add(d, "nul.yaml", 1, 3, "schema", "nul");
	add(d, "missing.yaml", 1, 1, "schema", "no text");
	plan_diag_print_options o = text_options(&src);
	assert_prints(d, &o,
		"a.yaml:2:3: error: bad key [schema]\n"
		"    2 |   bad: 1\n"
		"      |   ^\n"
		"a.yaml:1:40: error: past the end [schema]\n"
		"    1 | key: value\n"
		"      |           ^\n"
		"a.yaml:2: error: no column [schema]\n"
		"    2 |   bad: 1\n"
		"a.yaml:9:1: error: past the last line [schema]\n"
		"a.yaml: error: whole file [schema]\n"
		"tab.yaml:1:2: error: after a tab [schema]\n"
		"    1 | \\tx: 1\n"
		"      |   ^\n"
		"sv.yaml:1:4: error: on a-umlaut [schema]\n"
		"    1 | \xc3\xa5: \xc3\xa4r\n"
		"      |    ^\n"
		"wide.yaml:1:4: error: after wide [schema]\n"
		"    1 | \xe6\x97\xa5\xe6\x9c\xac: x\n"
		"      |      ^\n"
		"ctl.yaml:1:6: error: on [ [schema]\n"
		"    1 | \\xffa: \\x1b[1mX\n"
		"      |            ^\n"
		"crlf.yaml:2:4: error: crlf [schema]\n"
		"    2 | b: 2\n"
		"      |    ^\n"
		"crlf.yaml:4:1: error: lone cr [schema]\n"
		"    4 | d\n"
		"      | ^\n"
		"bom.yaml:1:1: error: bom [schema]\n"
		"    1 | a: 1\n"
		"      | ^\n"
		"nul.yaml:1:3: error: nul [schema]\n"
		"    1 | a\\x00b: c\n"
		"      |      ^\n"
		"missing.yaml:1:1: error: no text [schema]\n"
		"14 errors, 0 warnings in 1 document\n");
	/* One look-up per run of diagnostics in the same file. */
	assert_int_equal(src.calls, 9);
	plan_diags_free(d);
}

static void test_text_wide_gutter(void **state)
{
	(void)state;
	const size_t lines = 123456;
	char *text = malloc(lines * 2 + 1);
	assert_non_null(text);
	for (size_t i = 0; i < lines; i++) {
		text[2 * i] = i + 1 == lines ? 'y' : 'x';
		text[2 * i + 1] = '\n';
	}
	text[lines * 2] = '\0';
	const source files[] = { { "big.yaml", text, 0 } };
	sources src = { files, 1, 0 };
	plan_diags *d = new_list();
	add(d, "big.yaml", 9, 1, "schema", "nine");
	add(d, "big.yaml", 123456, 2, "schema", "last");
	add(d, "big.yaml", 123457, 1, "schema", "the empty line after the last break");
	add(d, "big.yaml", 123458, 1, "schema", "beyond");
	plan_diag_print_options o = text_options(&src);
	assert_prints(d, &o,
		"big.yaml:9:1: error: nine [schema]\n"
		"    9 | x\n"
		"      | ^\n"
		"big.yaml:123456:2: error: last [schema]\n"
		"123456 | y\n"
		"       |  ^\n"
		"big.yaml:123457:1: error: the empty line after the last break [schema]\n"
		"123457 | \n"
		"       | ^\n"
		"big.yaml:123458:1: error: beyond [schema]\n"
		"4 errors, 0 warnings in 1 document\n");
	plan_diags_free(d);
	free(text);
}

/* A line of `n` 'a's with an 'X' at 0-based `x`. */
static char *long_line(size_t n, size_t x)
{
	char *s = malloc(n + 2);
	assert_non_null(s);
	memset(s, 'a', n);
	s[x] = 'X';
	s[n] = '\n';
	s[n + 1] = '\0';
	return s;
}

/* "aaa" runs with an X at `x_at` (a 0-based position inside the shown range,
 * or SIZE_MAX), shown from `from` to `to`. */
static void put_run(plan_buf *b, size_t from, size_t to, size_t x_at)
{
	for (size_t i = from; i < to; i++)
		plan_buf_putc(b, i == x_at ? 'X' : 'a');
}

static void test_text_long_line(void **state)
{
	(void)state;
	char *line = long_line(500, 300);
	char *exact = long_line(200, 199);
	const source files[] = { { "long.yaml", line, 0 }, { "exact.yaml", exact, 0 } };
	sources src = { files, 2, 0 };
	plan_diag_print_options o = text_options(&src);
	plan_buf want = PLAN_BUF_INIT;

	/* Caret in the middle: cut on both sides, 99 columns either way. */
	plan_diags *d = new_list();
	add(d, "long.yaml", 1, 301, "schema", "m");
	plan_buf_puts(&want, "long.yaml:1:301: error: m [schema]\n    1 | \xe2\x80\xa6");
	put_run(&want, 201, 399, 300);
	plan_buf_puts(&want, "\xe2\x80\xa6\n      | ");
	for (int i = 0; i < 100; i++)
		plan_buf_putc(&want, ' ');
	plan_buf_puts(&want, "^\n1 error, 0 warnings in 1 document\n");
	assert_prints(d, &o, want.ptr);
	plan_diags_free(d);

	/* Caret near the end: the left side gets the room the right does not use. */
	plan_buf_clear(&want);
	d = new_list();
	add(d, "long.yaml", 1, 495, "schema", "e");
	plan_buf_puts(&want, "long.yaml:1:495: error: e [schema]\n    1 | \xe2\x80\xa6");
	put_run(&want, 302, 500, 300);
	plan_buf_puts(&want, "\n      | ");
	for (int i = 0; i < 193; i++)
		plan_buf_putc(&want, ' ');
	plan_buf_puts(&want, "^\n1 error, 0 warnings in 1 document\n");
	assert_prints(d, &o, want.ptr);
	plan_diags_free(d);

	/* Caret near the start: cut on the right only. */
	plan_buf_clear(&want);
	d = new_list();
	add(d, "long.yaml", 1, 5, "schema", "s");
	plan_buf_puts(&want, "long.yaml:1:5: error: s [schema]\n    1 | ");
	put_run(&want, 0, 198, SIZE_MAX);
	plan_buf_puts(&want, "\xe2\x80\xa6\n      |     ^\n1 error, 0 warnings in 1 document\n");
	assert_prints(d, &o, want.ptr);
	plan_diags_free(d);

	/* Exactly 200 columns: shown whole. */
	plan_buf_clear(&want);
	d = new_list();
	add(d, "exact.yaml", 1, 200, "schema", "x");
	plan_buf_puts(&want, "exact.yaml:1:200: error: x [schema]\n    1 | ");
	put_run(&want, 0, 200, 199);
	plan_buf_puts(&want, "\n      | ");
	for (int i = 0; i < 199; i++)
		plan_buf_putc(&want, ' ');
	plan_buf_puts(&want, "^\n1 error, 0 warnings in 1 document\n");
	assert_prints(d, &o, want.ptr);
	plan_diags_free(d);

	plan_buf_free(&want);
	free(line);
	free(exact);
}

/* The text of one diagnostic printed alone, without the summary. */
static char *print_one(const plan_diag *diag, const plan_diag_print_options *o)
{
	plan_diags *d = new_list();
	assert_int_equal(plan_diags_add(d, diag->file, diag->line, diag->column,
		diag->rule, NULL, "%s", diag->message), 0);
	char *text = print(d, o);
	char *summary = strstr(text, "1 error, 0 warnings");
	assert_non_null(summary);
	*summary = '\0';
	plan_diags_free(d);
	return text;
}

/* Quoting remembers where it was in a file; printing many diagnostics at
 * once must give what printing each alone gives, whatever their order. */
static void test_text_quote_cache(void **state)
{
	(void)state;
	plan_buf text = PLAN_BUF_INIT;
	plan_buf_puts(&text, "short\n");
	for (int i = 0; i < 600; i++)
		plan_buf_puts(&text, i % 7 == 0 ? "\t" : i % 5 == 0 ? "\xc3\xa4" :
			i % 11 == 0 ? "\xe6\x97\xa5" : i % 13 == 0 ? "\xc2\x9b" : "b");
	plan_buf_puts(&text, "\nlast\n");
	const source files[] = { { "c.yaml", text.ptr, 0 }, { "d.yaml", "d\n", 0 } };
	sources src = { files, 2, 0 };
	plan_diag_print_options o = text_options(&src);

	static const uint32_t where[][2] = {
		{ 1, 3 }, { 2, 1 }, { 2, 50 }, { 2, 150 }, { 2, 151 }, { 2, 301 },
		{ 2, 450 }, { 2, 590 }, { 2, 600 }, { 2, 601 }, { 2, 900 },
		{ 2, 100 }, { 1, 1 }, { 3, 2 }, { 2, 400 }, { 3, 1 },
	};
	const size_t n = sizeof where / sizeof where[0];
	plan_diags *d = new_list();
	plan_buf want = PLAN_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		add(d, "c.yaml", where[i][0], where[i][1], "schema", "m");
		char *one = print_one(plan_diags_get(d, plan_diags_count(d) - 1), &o);
		plan_buf_puts(&want, one);
		free(one);
		if (i == 9) {
			/* Another file in between. */
			add(d, "d.yaml", 1, 1, "schema", "m");
			plan_buf_puts(&want, "d.yaml:1:1: error: m [schema]\n    1 | d\n      | ^\n");
		}
	}
	plan_buf_printf(&want, "%zu errors, 0 warnings in 1 document\n", n + 1);
	assert_false(want.failed);
	assert_prints(d, &o, want.ptr);
	plan_diags_free(d);
	plan_buf_free(&want);
	plan_buf_free(&text);
}

/* ------------------------------------------------------------------------ */
/* json */

#define NO_DETAIL ", \"item\": null, \"pointer\": null, \"end_line\": null, " \
	"\"end_column\": null, \"suggestion\": null"

/* The details scripts read instead of the message: JSON carries each as
 * its own field, SARIF the end of the region. */
static void test_detail(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	plan_diag_detail none = PLAN_DIAG_DETAIL_INIT;
	assert_int_equal(plan_diags_detail(d, &none), -1);   /* nothing added yet */
	add(d, "a.yaml", 3, 5, "schema", "unknown key");
	plan_diag_detail detail = { "BUN-1", "/goals/0/descripton", 3, 15, "description" };
	assert_int_equal(plan_diags_detail(d, &detail), 0);
	/* NULLs and a zero end keep what is there. */
	assert_int_equal(plan_diags_detail(d, &none), 0);
	assert_int_equal(plan_diags_detail_at(d, 1, &none), -1);
	assert_int_equal(plan_diags_detail_at(d, 0, &none), 0);
	const plan_diag *got = plan_diags_get(d, 0);
	assert_string_equal(got->item, "BUN-1");
	assert_string_equal(got->pointer, "/goals/0/descripton");
	assert_int_equal(got->end_line, 3);
	assert_int_equal(got->end_column, 15);
	assert_string_equal(got->suggestion, "description");
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_JSON;
	assert_prints(d, &o,
		"{\n"
		"  \"root\": null,\n"
		"  \"revision\": null,\n"
		"  \"documents\": 0,\n"
		"  \"errors\": 1,\n"
		"  \"warnings\": 0,\n"
		"  \"suppressed\": 0,\n"
		"  \"diagnostics\": [\n"
		"    {\"file\": \"a.yaml\", \"line\": 3, \"column\": 5, \"severity\": \"error\", "
		"\"rule\": \"schema\", \"message\": \"unknown key\", \"item\": \"BUN-1\", "
		"\"pointer\": \"/goals/0/descripton\", \"end_line\": 3, \"end_column\": 15, "
		"\"suggestion\": \"description\"}\n"
		"  ]\n"
		"}\n");
	plan_diags_free(d);
}

static void test_json(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "bad \"thing\"\\ \n\t\x01 \xff \xe2\x80\xa8 \xc3\xa5");
	add(d, "a.yaml", 4, 1, "goal-without-kpi", "off");
	add(d, "b \"q\".yaml", 0, 0, "cross-body-link", "w");
	set_off(d, 1);
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_JSON;
	o.root = "/abs/r\xc3\xb6ot";
	o.documents = 7;
	assert_prints(d, &o,
		"{\n"
		"  \"root\": \"/abs/r\xc3\xb6ot\",\n"
		"  \"revision\": null,\n"
		"  \"documents\": 7,\n"
		"  \"errors\": 1,\n"
		"  \"warnings\": 1,\n"
		"  \"suppressed\": 0,\n"
		"  \"diagnostics\": [\n"
		"    {\"file\": \"a.yaml\", \"line\": 3, \"column\": 5, \"severity\": \"error\", "
		"\"rule\": \"schema\", \"message\": \"bad \\\"thing\\\"\\\\ \\n\\t\\u0001 \\ufffd "
		"\\u2028 \xc3\xa5\"" NO_DETAIL "},\n"
		"    {\"file\": \"b \\\"q\\\".yaml\", \"line\": 0, \"column\": 0, "
		"\"severity\": \"warning\", \"rule\": \"cross-body-link\", \"message\": \"w\"" NO_DETAIL "}\n"
		"  ]\n"
		"}\n");
	plan_diags_free(d);
}

static void test_json_empty(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_JSON;
	o.revision = "0123abcd";
	assert_prints(d, &o,
		"{\n"
		"  \"root\": null,\n"
		"  \"revision\": \"0123abcd\",\n"
		"  \"documents\": 0,\n"
		"  \"errors\": 0,\n"
		"  \"warnings\": 0,\n"
		"  \"suppressed\": 0,\n"
		"  \"diagnostics\": []\n"
		"}\n");
	/* Only switched-off diagnostics: still empty; what directives took out
	 * is counted. */
	add(d, "a.yaml", 1, 1, "schema", "x");
	set_off(d, 0);
	o.suppressed = 3;
	assert_prints(d, &o,
		"{\n"
		"  \"root\": null,\n"
		"  \"revision\": \"0123abcd\",\n"
		"  \"documents\": 0,\n"
		"  \"errors\": 0,\n"
		"  \"warnings\": 0,\n"
		"  \"suppressed\": 3,\n"
		"  \"diagnostics\": []\n"
		"}\n");
	plan_diags_free(d);
}

/* ------------------------------------------------------------------------ */
/* sarif */

#define SARIF_HEAD(version) \
	"{\n" \
	"  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n" \
	"  \"version\": \"2.1.0\",\n" \
	"  \"runs\": [\n" \
	"    {\n" \
	"      \"tool\": {\n" \
	"        \"driver\": {\n" \
	"          \"name\": \"plan-validate\",\n" \
	"          \"version\": \"" version "\",\n" \
	"          \"rules\": ["

static void put_json(plan_buf *b, const char *s)
{
	plan_buf_put_json(b, s, strlen(s));
}

/* The catalogue as tool.driver.rules, one rule a line, with the help that
 * plan_rule_explain writes (tested in tests/rule_explain) and, when
 * `help_uri` is set, the README anchor of each rule. */
static void put_sarif_rules_in(plan_buf *b, plan_lang lang, const char *help_uri)
{
	size_t n;
	const plan_rule *rules = plan_rules_all(&n);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		plan_buf text = PLAN_BUF_INIT, md = PLAN_BUF_INIT;
		assert_int_equal(plan_rule_explain(&text, &rules[i], lang, PLAN_EXPLAIN_TEXT), 0);
		assert_int_equal(plan_rule_explain(&md, &rules[i], lang, PLAN_EXPLAIN_MARKDOWN), 0);
		plan_buf_printf(b, "%s\n            {\"id\": \"%s\", \"shortDescription\": {\"text\": ",
			i ? "," : "", rules[i].id);
		put_json(b, rules[i].summary[lang]);
		plan_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
		put_json(b, rules[i].checks[lang]);
		plan_buf_puts(b, "}, \"help\": {\"text\": ");
		put_json(b, text.ptr);
		plan_buf_puts(b, ", \"markdown\": ");
		put_json(b, md.ptr);
		plan_buf_putc(b, '}');
		if (help_uri)
			plan_buf_printf(b, ", \"helpUri\": \"%s#rule-%s\"", help_uri, rules[i].id);
		plan_buf_printf(b, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
			rules[i].severity == PLAN_SEVERITY_WARNING ? "warning" : "error");
		plan_buf_free(&text);
		plan_buf_free(&md);
	}
	plan_buf_puts(b, "\n          ]\n        }\n      },\n");
}

static void put_sarif_rules(plan_buf *b)
{
	put_sarif_rules_in(b, PLAN_LANG_EN, NULL);
}

static void test_sarif(void **state)
{
	(void)state;
	size_t nrules;
	const plan_rule *rules = plan_rules_all(&nrules);
	assert_string_equal(rules[0].id, "yaml-syntax");

	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "bad \"x\"\n");
	add(d, "a.yaml", 4, 1, "goal-without-kpi", "off");
	add(d, "sub/my pl\xc3\xa5n#1.yaml", 0, 0, "cross-body-link", "w");
	add(d, "b.yaml", 2, 0, "io", "no column");
	set_off(d, 1);
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_SARIF;
	o.root = "/home/u/x y/plan";
	o.tool_version = "1.2.3";

	plan_buf want = PLAN_BUF_INIT;
	plan_buf_puts(&want, SARIF_HEAD("1.2.3"));
	put_sarif_rules(&want);
	plan_buf_printf(&want,
		"      \"originalUriBaseIds\": {\n"
		"        \"PLANROOT\": {\"uri\": \"file:///home/u/x%%20y/plan/\"}\n"
		"      },\n"
		"      \"columnKind\": \"unicodeCodePoints\",\n"
		"      \"results\": [\n"
		"        {\"ruleId\": \"schema\", \"ruleIndex\": 1, \"level\": \"error\", "
		"\"message\": {\"text\": \"bad \\\"x\\\"\\n\"}, \"locations\": [{\"physicalLocation\": "
		"{\"artifactLocation\": {\"uri\": \"a.yaml\", \"uriBaseId\": \"PLANROOT\"}, "
		"\"region\": {\"startLine\": 3, \"startColumn\": 5}}}]},\n"
		"        {\"ruleId\": \"cross-body-link\", \"ruleIndex\": 7, \"level\": \"warning\", "
		"\"message\": {\"text\": \"w\"}, \"locations\": [{\"physicalLocation\": "
		"{\"artifactLocation\": {\"uri\": \"sub/my%%20pl%%C3%%A5n%%231.yaml\", "
		"\"uriBaseId\": \"PLANROOT\"}}}]},\n"
		"        {\"ruleId\": \"io\", \"ruleIndex\": %zu, \"level\": \"error\", "
		"\"message\": {\"text\": \"no column\"}, \"locations\": [{\"physicalLocation\": "
		"{\"artifactLocation\": {\"uri\": \"b.yaml\", \"uriBaseId\": \"PLANROOT\"}, "
		"\"region\": {\"startLine\": 2}}}]}\n"
		"      ]\n"
		"    }\n"
		"  ]\n"
		"}\n", (size_t)(plan_rule_find("io") - rules));
	assert_ptr_equal(plan_rule_find("cross-body-link"), &rules[7]);
	assert_prints(d, &o, want.ptr);
	plan_buf_free(&want);
	plan_diags_free(d);
}

static void test_sarif_prefix_no_root(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a b.yaml", 1, 2, "schema", "m");
	add(d, "", 0, 0, "io", "no file");
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_SARIF;
	o.path_prefix = "plans/2026";

	plan_buf want = PLAN_BUF_INIT;
	plan_buf_puts(&want, SARIF_HEAD("0"));
	put_sarif_rules(&want);
	plan_buf_puts(&want,
		"      \"columnKind\": \"unicodeCodePoints\",\n"
		"      \"results\": [\n"
		"        {\"ruleId\": \"schema\", \"ruleIndex\": 1, \"level\": \"error\", "
		"\"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\": "
		"{\"artifactLocation\": {\"uri\": \"plans/2026/a%20b.yaml\"}, "
		"\"region\": {\"startLine\": 1, \"startColumn\": 2}}}]},\n");
	plan_buf_printf(&want,
		"        {\"ruleId\": \"io\", \"ruleIndex\": %zu, \"level\": \"error\", "
		"\"message\": {\"text\": \"no file\"}}\n"
		"      ]\n"
		"    }\n"
		"  ]\n"
		"}\n", plan_rule_find("io") - plan_rules_all(&(size_t){ 0 }));
	assert_prints(d, &o, want.ptr);

	/* With a root, a prefix still wins: the URI is relative to the repository,
	 * not to PLANROOT. A prefix with its own '/' gets no second one. */
	o.root = "/";
	o.path_prefix = "plans/";
	char *text = print(d, &o);
	assert_non_null(strstr(text, "\"PLANROOT\": {\"uri\": \"file:///\"}"));
	assert_non_null(strstr(text, "{\"uri\": \"plans/a%20b.yaml\"}, \"region\""));
	assert_null(strstr(text, "uriBaseId"));
	free(text);
	plan_buf_free(&want);
	plan_diags_free(d);
}

static void test_sarif_empty(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_SARIF;
	plan_buf want = PLAN_BUF_INIT;
	plan_buf_puts(&want, SARIF_HEAD("0"));
	put_sarif_rules(&want);
	plan_buf_puts(&want,
		"      \"columnKind\": \"unicodeCodePoints\",\n"
		"      \"results\": []\n"
		"    }\n"
		"  ]\n"
		"}\n");
	assert_prints(d, &o, want.ptr);
	plan_buf_free(&want);
	plan_diags_free(d);
}

/* Swedish rule help, and a helpUri into the README for each rule. */
static void test_sarif_swedish_help(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_SARIF;
	o.lang = PLAN_LANG_SV;
	o.help_uri = "file:///usr/share/doc/plan-tools/README.md";
	plan_buf want = PLAN_BUF_INIT;
	plan_buf_puts(&want, SARIF_HEAD("0"));
	put_sarif_rules_in(&want, PLAN_LANG_SV, o.help_uri);
	plan_buf_puts(&want,
		"      \"columnKind\": \"unicodeCodePoints\",\n"
		"      \"results\": []\n"
		"    }\n"
		"  ]\n"
		"}\n");
	assert_prints(d, &o, want.ptr);
	char *text = print(d, &o);
	assert_non_null(strstr(text, "\"helpUri\": \"file:///usr/share/doc/plan-tools/README.md#rule-no-trace\""));
	free(text);
	plan_buf_free(&want);
	plan_diags_free(d);
}

/* ------------------------------------------------------------------------ */
/* github */

static void test_github(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "100% sure: a, b\nnext\r\x1b[0m");
	add(d, "a.yaml", 4, 1, "goal-without-kpi", "off");
	add(d, "odd,na:me%.yaml", 0, 0, "cross-body-link", "whole file");
	add(d, "b.yaml", 7, 0, "schema", "no column");
	add(d, NULL, 0, 0, "io", "no file");
	set_off(d, 1);
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_GITHUB;
	assert_prints(d, &o,
		"::error file=a.yaml,line=3,col=5,title=schema::100%25 sure: a, b\\nnext\\r\\x1b[0m\n"
		"::warning file=odd%2Cna%3Ame%25.yaml,title=cross-body-link::whole file\n"
		"::error file=b.yaml,line=7,title=schema::no column\n"
		"::error title=io::no file\n");

	o.path_prefix = "repo/plans";
	assert_prints(d, &o,
		"::error file=repo/plans/a.yaml,line=3,col=5,title=schema::100%25 sure: a, b\\nnext\\r\\x1b[0m\n"
		"::warning file=repo/plans/odd%2Cna%3Ame%25.yaml,title=cross-body-link::whole file\n"
		"::error file=repo/plans/b.yaml,line=7,title=schema::no column\n"
		"::error title=io::no file\n");

	plan_diags *empty = new_list();
	assert_prints(empty, &o, "");
	plan_diags_free(empty);
	plan_diags_free(d);
}

/* ------------------------------------------------------------------------ */
/* gitlab */

/* The fingerprint of the diagnostic at `index` of a gitlab report (the
 * n-th "fingerprint" in the text), copied into `out`. */
static void fingerprint_at(const char *report, size_t index, char out[17])
{
	const char *p = report;
	for (size_t i = 0; i <= index; i++) {
		p = strstr(p, "\"fingerprint\": \"");
		assert_non_null(p);
		p += strlen("\"fingerprint\": \"");
	}
	memcpy(out, p, 16);
	out[16] = '\0';
	assert_int_equal(strspn(out, "0123456789abcdef"), 16);
}

static void test_gitlab(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "say \"hi\" <b> & \x1b[0m\n");
	plan_diag_detail detail = PLAN_DIAG_DETAIL_INIT;
	detail.end_line = 3;
	detail.end_column = 9;
	assert_int_equal(plan_diags_detail(d, &detail), 0);
	add(d, "a.yaml", 4, 1, "goal-without-kpi", "off");
	add(d, "a.yaml", 0, 0, "goal-without-kpi", "whole file");
	add(d, "b c.yaml", 7, 2, "yaml-syntax", "broken");
	add(d, NULL, 0, 0, "io", "no file");
	set_off(d, 1);
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_GITLAB;
	o.path_prefix = "repo/plans";
	char *text = print(d, &o);
	char fp[5][17];
	for (size_t i = 0; i < 4; i++)
		fingerprint_at(text, i, fp[i]);
	char *want = NULL;
	size_t want_len = 0;
	FILE *w = open_memstream(&want, &want_len);
	assert_non_null(w);
	fprintf(w, "[\n"
		"  {\"type\": \"issue\", \"check_name\": \"schema\", \"description\": "
		"\"say \\\"hi\\\" <b> & \\u001b[0m\\n\", \"severity\": \"major\", \"fingerprint\": \"%s\", "
		"\"location\": {\"path\": \"repo/plans/a.yaml\", \"lines\": {\"begin\": 3}, "
		"\"positions\": {\"begin\": {\"line\": 3, \"column\": 5}, \"end\": {\"line\": 3, \"column\": 9}}}},\n"
		"  {\"type\": \"issue\", \"check_name\": \"goal-without-kpi\", \"description\": \"whole file\", "
		"\"severity\": \"minor\", \"fingerprint\": \"%s\", "
		"\"location\": {\"path\": \"repo/plans/a.yaml\", \"lines\": {\"begin\": 1}}},\n"
		"  {\"type\": \"issue\", \"check_name\": \"yaml-syntax\", \"description\": \"broken\", "
		"\"severity\": \"critical\", \"fingerprint\": \"%s\", "
		"\"location\": {\"path\": \"repo/plans/b c.yaml\", \"lines\": {\"begin\": 7}, "
		"\"positions\": {\"begin\": {\"line\": 7, \"column\": 2}}}},\n"
		"  {\"type\": \"issue\", \"check_name\": \"io\", \"description\": \"no file\", "
		"\"severity\": \"critical\", \"fingerprint\": \"%s\", "
		"\"location\": {\"path\": \"repo/plans/.\", \"lines\": {\"begin\": 1}}}\n"
		"]\n", fp[0], fp[1], fp[2], fp[3]);
	fclose(w);
	assert_string_equal(text, want);
	free(want);
	free(text);

	plan_diags *empty = new_list();
	assert_prints(empty, &o, "[]\n");
	plan_diags_free(empty);
	plan_diags_free(d);
}

/* Fingerprints: stable when lines move or numbers in a message change,
 * unique when the same finding occurs twice, independent of the prefix;
 * a key (item id or key path) decides over the message. */
static void test_gitlab_fingerprint(void **state)
{
	(void)state;
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_GITLAB;

	plan_diags *a = new_list();
	add(a, "a.yaml", 3, 5, "duplicate-key", "duplicate key 'unit' (first at line 2)");
	add(a, "a.yaml", 9, 5, "duplicate-key", "duplicate key 'unit' (first at line 2)");
	assert_int_equal(plan_diags_add(a, "a.yaml", 12, 1, "schema", "goals[id=G-1].title",
		"value 'x' is wrong"), 0);
	plan_diags *b = new_list();
	add(b, "a.yaml", 13, 5, "duplicate-key", "duplicate key 'unit' (first at line 12)");
	add(b, "a.yaml", 19, 5, "duplicate-key", "duplicate key 'unit' (first at line 12)");
	assert_int_equal(plan_diags_add(b, "a.yaml", 40, 1, "schema", "goals[id=G-1].title",
		"value 'y' is wrong"), 0);

	char *ta = print(a, &o);
	o.path_prefix = "sub";
	char *tb = print(b, &o);
	char fa[3][17], fb[3][17];
	for (size_t i = 0; i < 3; i++) {
		fingerprint_at(ta, i, fa[i]);
		fingerprint_at(tb, i, fb[i]);
		assert_string_equal(fa[i], fb[i]);
	}
	assert_string_not_equal(fa[0], fa[1]);
	assert_string_not_equal(fa[0], fa[2]);
	assert_string_not_equal(fa[1], fa[2]);
	free(ta);
	free(tb);

	/* Another file, rule or key is another finding. */
	plan_diags *c = new_list();
	add(c, "b.yaml", 3, 5, "duplicate-key", "duplicate key 'unit' (first at line 2)");
	add(c, "a.yaml", 3, 5, "schema", "duplicate key 'unit' (first at line 2)");
	assert_int_equal(plan_diags_add(c, "a.yaml", 12, 1, "schema", "goals[id=G-2].title",
		"value 'x' is wrong"), 0);
	char *tc = print(c, &o);
	char fc[3][17];
	for (size_t i = 0; i < 3; i++) {
		fingerprint_at(tc, i, fc[i]);
		for (size_t j = 0; j < 3; j++)
			assert_string_not_equal(fc[i], fa[j]);
	}
	free(tc);
	plan_diags_free(a);
	plan_diags_free(b);
	plan_diags_free(c);
}

/* ------------------------------------------------------------------------ */
/* junit */

static void test_junit(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "say \"hi\" <b> & 'x' \x01\x1b\t\xef\xbf\xbe end");
	add(d, "a.yaml", 4, 1, "goal-without-kpi", "a warning");
	add(d, "a.yaml", 5, 1, "schema", "off");
	add(d, "b&<.yaml", 0, 0, "not-a-plan-document", "bad \xff byte");
	add(d, NULL, 0, 0, "io", "no file");
	set_off(d, 2);
	static const char *const files[] = { "c.yaml", "a.yaml", "b&<.yaml" };
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_JUNIT;
	o.files = files;
	o.nfiles = 3;
	assert_prints(d, &o,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"plan-validate\" tests=\"5\" failures=\"3\" errors=\"0\">\n"
		"  <testsuite name=\".\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
		"    <testcase classname=\".\" name=\". [io]\">\n"
		"      <failure type=\"io\" message=\"no file\">.: error: no file [io]</failure>\n"
		"    </testcase>\n"
		"  </testsuite>\n"
		"  <testsuite name=\"a.yaml\" tests=\"2\" failures=\"1\" errors=\"0\">\n"
		"    <testcase classname=\"a.yaml\" name=\"a.yaml:3:5 [schema]\">\n"
		"      <failure type=\"schema\" message=\"say &quot;hi&quot; &lt;b&gt; &amp; 'x' \\x01\\x1b\\t\\uFFFE end\">"
		"a.yaml:3:5: error: say &quot;hi&quot; &lt;b&gt; &amp; 'x' \\x01\\x1b\\t\\uFFFE end [schema]</failure>\n"
		"    </testcase>\n"
		"    <testcase classname=\"a.yaml\" name=\"a.yaml:4:1 [goal-without-kpi]\">\n"
		"      <system-out>a.yaml:4:1: warning: a warning [goal-without-kpi]</system-out>\n"
		"    </testcase>\n"
		"  </testsuite>\n"
		"  <testsuite name=\"b&amp;&lt;.yaml\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
		"    <testcase classname=\"b&amp;&lt;.yaml\" name=\"b&amp;&lt;.yaml [not-a-plan-document]\">\n"
		"      <failure type=\"not-a-plan-document\" message=\"bad \\xff byte\">"
		"b&amp;&lt;.yaml: error: bad \\xff byte [not-a-plan-document]</failure>\n"
		"    </testcase>\n"
		"  </testsuite>\n"
		"  <testsuite name=\"c.yaml\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
		"    <testcase classname=\"c.yaml\" name=\"c.yaml\"/>\n"
		"  </testsuite>\n"
		"</testsuites>\n");

	/* Under strict a warning fails as an error does. */
	o.strict = 1;
	char *text = print(d, &o);
	assert_non_null(strstr(text, "tests=\"5\" failures=\"4\""));
	assert_non_null(strstr(text, "<failure type=\"goal-without-kpi\" message=\"a warning\">"
		"a.yaml:4:1: warning: a warning [goal-without-kpi]</failure>"));
	free(text);

	plan_diags *empty = new_list();
	o.files = NULL;
	o.nfiles = 0;
	assert_prints(empty, &o,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"plan-validate\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
		"</testsuites>\n");
	plan_diags_free(empty);
	plan_diags_free(d);
}

/* ------------------------------------------------------------------------ */
/* tap */

static void test_tap(void **state)
{
	(void)state;
	plan_diags *d = new_list();
	add(d, "a.yaml", 3, 5, "schema", "say \"hi\" \\ # not a directive \x1b\n");
	plan_diag_detail detail = PLAN_DIAG_DETAIL_INIT;
	detail.item = "G-1";
	detail.pointer = "/goals/0/title";
	detail.suggestion = "title";
	assert_int_equal(plan_diags_detail(d, &detail), 0);
	add(d, "w#1.yaml", 0, 0, "goal-without-kpi", "a warning");
	static const char *const files[] = { "a.yaml", "c.yaml", "w#1.yaml" };
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = PLAN_DIAG_TAP;
	o.files = files;
	o.nfiles = 3;
	o.documents = 3;
	const char *head =
		"TAP version 13\n"
		"1..3\n"
		"not ok 1 - a.yaml\n"
		"  ---\n"
		"  diagnostics:\n"
		"    - severity: error\n"
		"      rule: \"schema\"\n"
		"      line: 3\n"
		"      column: 5\n"
		"      message: \"say \\\"hi\\\" \\\\\\\\ # not a directive \\\\x1b\\\\n\"\n"
		"      item: \"G-1\"\n"
		"      pointer: \"/goals/0/title\"\n"
		"      suggestion: \"title\"\n"
		"  ...\n"
		"ok 2 - c.yaml\n";
	const char *tail =
		" 3 - w\\#1.yaml\n"
		"  ---\n"
		"  diagnostics:\n"
		"    - severity: warning\n"
		"      rule: \"goal-without-kpi\"\n"
		"      line: 0\n"
		"      column: 0\n"
		"      message: \"a warning\"\n"
		"  ...\n";
	plan_buf want = PLAN_BUF_INIT;
	plan_buf_puts(&want, head);
	plan_buf_puts(&want, "ok");
	plan_buf_puts(&want, tail);
	plan_buf_puts(&want, "# 1 error, 1 warning in 3 documents\n");
	assert_prints(d, &o, want.ptr);

	/* Quiet drops the summary; strict fails the warning's file; the
	 * summary is in the reader's language. */
	o.quiet = 1;
	o.strict = 1;
	plan_buf_clear(&want);
	plan_buf_puts(&want, head);
	plan_buf_puts(&want, "not ok");
	plan_buf_puts(&want, tail);
	assert_prints(d, &o, want.ptr);
	plan_buf_free(&want);
	o.quiet = 0;
	o.lang = PLAN_LANG_SV;
	char *text = print(d, &o);
	assert_non_null(strstr(text, "\n# 1 fel, 1 varning i 3 dokument\n"));
	free(text);

	plan_diags *empty = new_list();
	o.files = NULL;
	o.nfiles = 0;
	o.lang = PLAN_LANG_EN;
	assert_prints(empty, &o, "TAP version 13\n1..0\n# 0 errors, 0 warnings in 3 documents\n");
	plan_diags_free(empty);
	plan_diags_free(d);
}

/* ------------------------------------------------------------------------ */
/* Failures and volume */

static void test_write_failure(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	if (!full) {
		skip();
		return;
	}
	plan_diags *d = new_list();
	add(d, "a.yaml", 1, 1, "schema", "m");
	static const plan_diag_format formats[] = {
		PLAN_DIAG_TEXT, PLAN_DIAG_JSON, PLAN_DIAG_SARIF, PLAN_DIAG_GITHUB,
		PLAN_DIAG_GITLAB, PLAN_DIAG_JUNIT, PLAN_DIAG_TAP,
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
		o.format = formats[i];
		assert_int_equal(plan_diags_print(full, d, &o), -1);
		clearerr(full);
	}
	fclose(full);
	plan_diags_free(d);
}

static void test_buffer_failure(void **state)
{
	(void)state;
	/* A message that fits a buffer until put_safe doubles its backslashes. */
	size_t plain = PLAN_BUF_MAX_DEFAULT / 4 * 3, slashes = PLAN_BUF_MAX_DEFAULT / 8 + 16;
	char *msg = malloc(plain + slashes + 1);
	assert_non_null(msg);
	memset(msg, 'a', plain);
	memset(msg + plain, '\\', slashes);
	msg[plain + slashes] = '\0';
	plan_diags *d = new_list();
	add(d, "a.yaml", 1, 1, "schema", msg);
	free(msg);
	static const plan_diag_format formats[] = {
		PLAN_DIAG_TEXT, PLAN_DIAG_GITHUB, PLAN_DIAG_JUNIT, PLAN_DIAG_TAP,
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		FILE *f = fopen("/dev/null", "w");
		assert_non_null(f);
		plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
		o.format = formats[i];
		assert_int_equal(plan_diags_print(f, d, &o), -1);
		fclose(f);
	}
	plan_diags_free(d);
}

/* 100k diagnostics, many on one long line: linear work, bounded memory. */
static void test_volume(void **state)
{
	(void)state;
	const size_t n = 100000;
	char *line = long_line(300000, 0);
	const source files[] = { { "v.yaml", line, 0 } };
	sources src = { files, 1, 0 };
	plan_diags *d = new_list();
	for (size_t i = 0; i < n; i++)
		assert_int_equal(plan_diags_add(d, "v.yaml", 1, (uint32_t)(i * 3 + 1),
			i % 2 ? "schema" : "cross-body-link", NULL, "message %zu", i), 0);
	static const plan_diag_format formats[] = {
		PLAN_DIAG_TEXT, PLAN_DIAG_JSON, PLAN_DIAG_SARIF, PLAN_DIAG_GITHUB,
		PLAN_DIAG_GITLAB, PLAN_DIAG_JUNIT, PLAN_DIAG_TAP,
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		FILE *f = tmpfile();
		assert_non_null(f);
		plan_diag_print_options o = text_options(&src);
		o.format = formats[i];
		o.root = "/r";
		assert_int_equal(plan_diags_print(f, d, &o), 0);
		assert_true(ftell(f) > (long)(n * 30));
		fclose(f);
	}
	plan_diags_free(d);
	free(line);
}

/* ------------------------------------------------------------------------ */
/* plan_diags_subtract: what --base leaves. */

static void add_keyed(plan_diags *d, const char *file, uint32_t line, const char *rule,
	const char *key, const char *message)
{
	assert_int_equal(plan_diags_add(d, file, line, 1, rule, key, "%s", message), 0);
}

/* The messages left in `d`, in order, joined by '|'. */
static void assert_left(const plan_diags *d, const char *expected)
{
	plan_buf b = PLAN_BUF_INIT;
	for (size_t i = 0; i < plan_diags_count(d); i++) {
		if (i)
			plan_buf_putc(&b, '|');
		plan_buf_puts(&b, plan_diags_get(d, i)->message);
	}
	assert_false(b.failed);
	assert_string_equal(b.ptr ? b.ptr : "", expected);
	plan_buf_free(&b);
}

static void test_subtract_moved(void **state)
{
	(void)state;
	plan_diags *head = new_list(), *base = new_list();
	/* The same faults, lines moved and messages reworded: not new. */
	add_keyed(base, "a.yaml", 10, "no-trace", "BUN-2", "old wording");
	add_keyed(base, "a.yaml", 20, "schema", "goals[id=BUN-2].title", "bad title");
	add_keyed(head, "a.yaml", 14, "no-trace", "BUN-2", "new wording");
	add_keyed(head, "a.yaml", 31, "schema", "goals[id=BUN-2].title", "bad title");
	/* New: another key, another rule, another file. */
	add_keyed(head, "a.yaml", 40, "no-trace", "BUN-3", "other id");
	add_keyed(head, "a.yaml", 14, "activity-undated", "BUN-2", "other rule");
	add_keyed(head, "b.yaml", 14, "no-trace", "BUN-2", "other file");
	assert_int_equal(plan_diags_subtract(head, base), 0);
	assert_left(head, "other id|other rule|other file");
	/* The base is left as it was. */
	assert_int_equal(plan_diags_count(base), 2);
	plan_diags_free(head);
	plan_diags_free(base);
}

static void test_subtract_multiset(void **state)
{
	(void)state;
	plan_diags *head = new_list(), *base = new_list();
	add_keyed(base, "a.yaml", 1, "unknown-reference", "KF-9", "same");
	add_keyed(base, "a.yaml", 2, "unknown-reference", "KF-9", "same");
	add_keyed(head, "a.yaml", 5, "unknown-reference", "KF-9", "same");
	add_keyed(head, "a.yaml", 6, "unknown-reference", "KF-9", "same");
	add_keyed(head, "a.yaml", 7, "unknown-reference", "KF-9", "same");
	assert_int_equal(plan_diags_subtract(head, base), 0);
	assert_int_equal(plan_diags_count(head), 1);
	/* Which of equal ones is left is decided by position: the last. */
	assert_int_equal(plan_diags_get(head, 0)->line, 7);
	/* Fewer in head than in base: nothing is new. */
	plan_diags *fewer = new_list();
	add_keyed(fewer, "a.yaml", 9, "unknown-reference", "KF-9", "same");
	assert_int_equal(plan_diags_subtract(fewer, base), 0);
	assert_int_equal(plan_diags_count(fewer), 0);
	plan_diags_free(fewer);
	plan_diags_free(head);
	plan_diags_free(base);
}

static void test_subtract_prefers_equal_message(void **state)
{
	(void)state;
	plan_diags *head = new_list(), *base = new_list();
	add_keyed(base, "p.yaml", 9, "activity-undated", "EKB-A3", "no due date");
	add_keyed(head, "p.yaml", 3, "activity-undated", "EKB-A3", "starts after it is due");
	add_keyed(head, "p.yaml", 9, "activity-undated", "EKB-A3", "no due date");
	assert_int_equal(plan_diags_subtract(head, base), 0);
	assert_left(head, "starts after it is due");
	plan_diags_free(head);
	plan_diags_free(base);
}

static void test_subtract_no_key(void **state)
{
	(void)state;
	plan_diags *head = new_list(), *base = new_list();
	/* Without a key the message decides; a key never matches no key. */
	add(base, "s.yaml", 5, 1, "yaml-syntax", "mapping values are not allowed");
	add(base, "s.yaml", 1, 1, "not-a-plan-document", "the file holds no YAML document");
	add(head, "s.yaml", 9, 1, "yaml-syntax", "mapping values are not allowed");
	add(head, "s.yaml", 9, 1, "yaml-syntax", "found character that cannot start any token");
	add_keyed(head, "s.yaml", 1, "not-a-plan-document", "the file holds no YAML document",
		"keyed");
	/* Numbers in a message without a key are line numbers that moved. */
	add(base, "s.yaml", 3, 1, "yaml-syntax", "bad (while parsing a block at line 3, column 1)");
	add(head, "s.yaml", 7, 1, "yaml-syntax", "bad (while parsing a block at line 17, column 1)");
	add(head, "s.yaml", 8, 1, "yaml-syntax", "bad (while parsing a flow at line 17, column 1)");
	assert_int_equal(plan_diags_subtract(head, base), 0);
	assert_left(head, "found character that cannot start any token|keyed|"
		"bad (while parsing a flow at line 17, column 1)");
	plan_diags_free(head);
	plan_diags_free(base);
}

static void test_subtract_empty(void **state)
{
	(void)state;
	plan_diags *head = new_list(), *base = new_list();
	assert_int_equal(plan_diags_subtract(head, base), 0);
	add(head, "a.yaml", 1, 1, "schema", "kept");
	assert_int_equal(plan_diags_subtract(head, base), 0);
	assert_left(head, "kept");
	add(base, "a.yaml", 1, 1, "schema", "gone");
	plan_diags *empty = new_list();
	assert_int_equal(plan_diags_subtract(empty, base), 0);
	assert_int_equal(plan_diags_count(empty), 0);
	plan_diags_free(empty);
	plan_diags_free(head);
	plan_diags_free(base);
}

/* Many diagnostics, most of them old: the order of the new ones is kept and
 * the work is sorting, not comparing every pair. */
static void test_subtract_volume(void **state)
{
	(void)state;
	plan_diags *head = new_list(), *base = new_list();
	const size_t n = 20000;
	for (size_t i = 0; i < n; i++) {
		char key[32];
		snprintf(key, sizeof key, "ID-%zu", i);
		assert_int_equal(plan_diags_add(base, "big.yaml", (uint32_t)i + 1, 1, "no-trace",
			key, "m"), 0);
	}
	for (size_t i = n; i-- > 0;) {
		char key[32];
		snprintf(key, sizeof key, "ID-%zu", i % 2 ? i : i + n);
		assert_int_equal(plan_diags_add(head, "big.yaml", (uint32_t)(n - i), 1, "no-trace",
			key, "m"), 0);
	}
	assert_int_equal(plan_diags_subtract(head, base), 0);
	assert_int_equal(plan_diags_count(head), n / 2);
	for (size_t i = 1; i < plan_diags_count(head); i++)
		assert_true(plan_diags_get(head, i - 1)->line < plan_diags_get(head, i)->line);
	plan_diags_free(head);
	plan_diags_free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_input_failed),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_text_basic),
		cmocka_unit_test(test_text_summary_plurals),
		cmocka_unit_test(test_text_escapes),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_text_source),
		cmocka_unit_test(test_text_wide_gutter),
		cmocka_unit_test(test_text_long_line),
		cmocka_unit_test(test_text_quote_cache),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_detail),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_sarif_prefix_no_root),
		cmocka_unit_test(test_sarif_empty),
		cmocka_unit_test(test_sarif_swedish_help),
		cmocka_unit_test(test_github),
		cmocka_unit_test(test_gitlab),
		cmocka_unit_test(test_gitlab_fingerprint),
		cmocka_unit_test(test_junit),
		cmocka_unit_test(test_tap),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_buffer_failure),
		cmocka_unit_test(test_volume),
		cmocka_unit_test(test_subtract_moved),
		cmocka_unit_test(test_subtract_multiset),
		cmocka_unit_test(test_subtract_prefers_equal_message),
		cmocka_unit_test(test_subtract_no_key),
		cmocka_unit_test(test_subtract_empty),
		cmocka_unit_test(test_subtract_volume),
		cmocka_unit_test(test_move_if),
		cmocka_unit_test(test_keep_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
