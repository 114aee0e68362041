/* test_suppress.c: suppression directives: which comments are directives
 * (not a '#' inside a quoted or block scalar), what a directive written
 * wrong reports, and what applying them moves, keeps and reports unused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "plan/diag.h"
#include "plan/suppress.h"

/* Scan `text` as a.yaml; *out the directives (may be NULL). */
static plan_diags *scan(plan_suppressions **out, const char *text)
{
	plan_diags *diags = plan_diags_new();
	assert_non_null(diags);
	assert_int_equal(plan_suppressions_scan(out, "a.yaml", text, strlen(text), diags), 0);
	return diags;
}

static void add(plan_diags *d, const char *file, uint32_t line, const char *rule)
{
	assert_int_equal(plan_diags_add(d, file, line, 1, rule, NULL, "%s", rule), 0);
}

static void assert_diag(const plan_diags *d, size_t i, uint32_t line, uint32_t column,
	const char *rule, const char *part)
{
	const plan_diag *g = plan_diags_get(d, i);
	assert_non_null(g);
	if (g->line != line || g->column != column || strcmp(g->rule, rule) != 0)
		fail_msg("diagnostic %zu: %u:%u [%s] %s", i, (unsigned)g->line,
			(unsigned)g->column, g->rule, g->message);
	assert_int_equal(g->line, line);
	assert_int_equal(g->column, column);
	assert_string_equal(g->rule, rule);
	if (!strstr(g->message, part))
		fail_msg("message '%s' lacks '%s'", g->message, part);
}

static void test_none(void **state)
{
	(void)state;
	plan_suppressions *s = (plan_suppressions *)1;
	plan_diags *d = scan(&s, "kind: arbetsplan\n# an ordinary comment\n");
	assert_null(s);
	assert_int_equal(plan_diags_count(d), 0);
	assert_int_equal(plan_suppressions_count(NULL), 0);
	plan_diags_free(d);
}

/* Only comments are directives: a '#' in quoted and block scalars, or one
 * not after a space, is text. */
static void test_only_comments(void **state)
{
	(void)state;
	plan_suppressions *s = NULL;
	plan_diags *d = scan(&s,
		"a: \"x # plan-validate: disable-line no-trace -- in a quoted text\"\n"
		"b: 'y # plan-validate: disable-line no-trace -- in single quotes'\n"
		"c: |\n"
		"  # plan-validate: disable-line no-trace -- in a block\n"
		"e: \"multi\n"
		"  line # plan-validate: disable-line bogus -- still in the quotes\"\n"
		/* Not YAML either (': ' in a plain text), so last. */
		"d: z#plan-validate: disable-line no-trace -- not after a space\n");
	assert_null(s);
	assert_int_equal(plan_diags_count(d), 0);
	plan_diags_free(d);

	d = scan(&s,
		"a: 1  # plan-validate: disable-line no-trace -- a comment\n"
		"c: |\n"
		"  text\n"
		"# plan-validate: disable-next-line no-trace -- after the block\n"
		"e: 2\n"
		"f: 3 #plan-validate: disable-line no-trace,schema -- no space after '#'\n");
	assert_int_equal(plan_suppressions_count(s), 3);
	assert_int_equal(plan_diags_count(d), 0);
	plan_suppressions_free(s);
	plan_diags_free(d);
}

static void test_invalid(void **state)
{
	(void)state;
	plan_suppressions *s = NULL;
	plan_diags *d = scan(&s,
		"a: 1  # plan-validate: disable-line no-trace\n"
		"b: 2  # plan-validate: disable-line no-trac -- typo\n"
		"c: 3  # plan-validate: disable-line yaml-syntax, -- fixed\n"
		"# plan-validate: disable-line no-trace -- alone\n"
		"d: 4  # plan-validate: disable-next-line no-trace -- not alone\n"
		"e: 5  # plan-validate: enable no-trace -- no such verb\n"
		"f: 6  # plan-validate: disable-line -- no rule\n"
		"g: 7  # plan-validate: disable-line unused-suppression -- its own\n");
	assert_int_equal(plan_diags_count(d), 8);
	plan_diags_sort(d);
	assert_diag(d, 0, 1, 7, "suppression-invalid", "gives no reason");
	assert_diag(d, 1, 2, 37, "suppression-invalid", "did you mean 'no-trace'?");
	assert_diag(d, 2, 3, 37, "suppression-invalid", "'yaml-syntax' cannot be suppressed");
	assert_diag(d, 3, 4, 1, "suppression-invalid", "use disable-next-line");
	assert_diag(d, 4, 5, 7, "suppression-invalid", "must stand on a line of its own");
	assert_diag(d, 5, 6, 24, "suppression-invalid", "unknown directive 'enable'");
	assert_diag(d, 6, 7, 7, "suppression-invalid", "names no rule");
	assert_diag(d, 7, 8, 37, "suppression-invalid", "'unused-suppression' cannot be suppressed");
	/* Only the first, whose rule is right, still suppresses. */
	assert_int_equal(plan_suppressions_count(s), 1);
	plan_suppressions_free(s);
	plan_diags_free(d);
}

/* Columns count characters, as every diagnostic's do. */
static void test_columns_in_characters(void **state)
{
	(void)state;
	plan_suppressions *s = NULL;
	plan_diags *d = scan(&s, "titel: åäö  # plan-validate: disable-line no-trak -- x\n");
	assert_int_equal(plan_diags_count(d), 1);
	assert_diag(d, 0, 1, 43, "suppression-invalid", "'no-trak'");
	plan_suppressions_free(s);
	plan_diags_free(d);
}

static void test_apply(void **state)
{
	(void)state;
	plan_suppressions *files[3] = { NULL, NULL, NULL };
	plan_diags *d = scan(&files[0],
		"a: 1  # plan-validate: disable-line no-trace, cross-body-link -- both\n"
		"# plan-validate: disable-next-line schema -- the line below\n"
		"b: 2\n"
		"c: 3  # plan-validate: disable-line schema -- covers nothing\n");
	assert_int_equal(plan_diags_count(d), 0);
	add(d, "a.yaml", 1, "no-trace");
	add(d, "a.yaml", 1, "schema");          /* not named on line 1 */
	add(d, "a.yaml", 3, "schema");
	add(d, "a.yaml", 0, "schema");          /* the whole file: never covered */
	add(d, "b.yaml", 1, "no-trace");        /* another file */
	plan_diags *suppressed = plan_diags_new();
	assert_int_equal(plan_suppressions_apply(files, 3, 1, d, suppressed), 0);
	assert_int_equal(plan_diags_count(suppressed), 2);
	assert_diag(suppressed, 0, 1, 1, "no-trace", "no-trace");
	assert_diag(suppressed, 1, 3, 1, "schema", "schema");
	plan_diags_sort(d);
	assert_int_equal(plan_diags_count(d), 5);
	assert_diag(d, 0, 0, 1, "schema", "schema");
	assert_diag(d, 1, 1, 1, "schema", "schema");
	assert_diag(d, 2, 1, 47, "unused-suppression", "no 'cross-body-link' diagnostic on line 1");
	assert_diag(d, 3, 4, 37, "unused-suppression", "no 'schema' diagnostic on line 4");
	assert_diag(d, 4, 1, 1, "no-trace", "no-trace");
	plan_diags_free(suppressed);
	plan_diags_free(d);

	/* Without report_unused (the checks across documents did not run), and
	 * with nowhere to keep them: covered ones are freed, none reported. */
	d = plan_diags_new();
	add(d, "a.yaml", 1, "no-trace");
	assert_int_equal(plan_suppressions_apply(files, 3, 0, d, NULL), 0);
	assert_int_equal(plan_diags_count(d), 0);
	plan_diags_free(d);
	plan_suppressions_free(files[0]);
}

/* Two directives for one fault: both are used, neither reported. */
static void test_two_for_one(void **state)
{
	(void)state;
	plan_suppressions *s = NULL;
	plan_diags *d = scan(&s,
		"# plan-validate: disable-next-line no-trace -- above\n"
		"a: 1  # plan-validate: disable-line no-trace -- here\n");
	add(d, "a.yaml", 2, "no-trace");
	assert_int_equal(plan_suppressions_apply(&s, 1, 1, d, NULL), 0);
	assert_int_equal(plan_diags_count(d), 0);
	plan_suppressions_free(s);
	plan_diags_free(d);
}

/* A file that does not read as YAML still has its directives found. */
static void test_broken_yaml(void **state)
{
	(void)state;
	plan_suppressions *s = NULL;
	plan_diags *d = scan(&s,
		"a: \"open\n"
		"b: 1  # plan-validate: disable-line no-trace -- inside the open quote\n"
		"c: [\n"
		"d: 1  # plan-validate: disable-line no-trace -- after the error\n");
	assert_int_equal(plan_diags_count(d), 0);
	assert_true(plan_suppressions_count(s) >= 1);
	plan_suppressions_free(s);
	plan_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_only_comments),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_columns_in_characters),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_two_for_one),
		cmocka_unit_test(test_broken_yaml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
