/* Unit tests for plan-link's views (plan/view.h), called directly on the
 * models of tests/link/sets/links (every kind of link, two orphans, errors
 * on purpose) and tests/link/sets/clean (no errors), the sets the
 * end-to-end link tests run the binary on: results are compared with their
 * goldens under tests/link/expected/, and what a view says goes to a
 * memory stream instead of stderr. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/set.h"
#include "plan/view.h"

#define EXPECTED PLAN_TEST_DIR "/link/expected/"

static plan_set *links, *clean;

/* A view's result and what it said. */
typedef struct run {
	int status;
	char *out;         /* the result, NUL-terminated */
	char *said;        /* opt->messages */
} run;

static void run_free(run *r)
{
	free(r->out);
	free(r->said);
}

/* The view `fn` of `set` with `opt` (its messages caught). */
static run view(plan_view_fn fn, const plan_set *set, plan_view_options opt)
{
	run r = { 0, NULL, NULL };
	size_t said_len = 0;
	opt.messages = open_memstream(&r.said, &said_len);
	assert_non_null(opt.messages);
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	out.buf.max = (size_t)1 << 30;
	r.status = fn(&out, plan_set_model(set), &opt);
	assert_false(out.failed);
	assert_false(out.buf.failed);
	plan_buf_putc(&out.buf, 0);
	r.out = plan_buf_detach(&out.buf);
	assert_int_equal(fclose(opt.messages), 0);
	return r;
}

/* A golden file of the end-to-end tests, as a string the caller frees. */
static char *golden(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, EXPECTED "%s", name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *text = malloc(1 << 20);
	assert_non_null(text);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void assert_golden(const char *text, const char *name)
{
	char *expected = golden(name);
	assert_string_equal(text, expected);
	free(expected);
}

static void test_trace_known_item(void **state)
{
	(void)state;
	const char *ids[] = { "EKB-A1" };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.ids = ids;
	opt.nids = 1;
	run r = view(plan_view_trace, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_OK);
	assert_string_equal(r.out, "EKB-A1 -> UTBK-1 -> BUN-1 -> KF-1 [Invånare]\n");
	assert_string_equal(r.said, "");
	run_free(&r);
}

static void test_trace_unknown_item_says_why(void **state)
{
	(void)state;
	const char *ids[] = { "EKB-A9" };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.ids = ids;
	opt.nids = 1;
	run r = view(plan_view_trace, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_FOUND);
	assert_string_equal(r.out, "");
	assert_string_equal(r.said, "plan-link: no item has the id 'EKB-A9'; did you mean 'EKB-A1'?\n");
	run_free(&r);
}

/* The language is an option: the same items in Swedish, as the golden of
 * 'plan-link trace --lang sv' has them. */
static void test_trace_not_tracing_in_swedish(void **state)
{
	(void)state;
	const char *ids[] = { "EKB-A1", "EKB-A6", "UTBK-9", "bun" };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.ids = ids;
	opt.nids = 4;
	opt.lang = PLAN_LANG_SV;
	run r = view(plan_view_trace, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_FOUND);
	assert_golden(r.out, "trace-not-tracing-sv.txt");
	opt.lang = PLAN_LANG_EN;
	run e = view(plan_view_trace, links, opt);
	assert_golden(e.out, "trace-not-tracing.txt");
	run_free(&r);
	run_free(&e);
}

/* The root and the revision of the JSON head come from the options. */
static void test_trace_json_head(void **state)
{
	(void)state;
	const char *ids[] = { "KF-1" };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.ids = ids;
	opt.nids = 1;
	opt.format = PLAN_VIEW_FORMAT_JSON;
	opt.root = "/plan";
	opt.revision = "0123456789abcdef";
	run r = view(plan_view_trace, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_OK);
	const char head[] = "{\n  \"root\": \"/plan\",\n  \"revision\": \"0123456789abcdef\",\n  \"items\": [";
	assert_memory_equal(r.out, head, sizeof head - 1);
	assert_non_null(strstr(r.out, "\"traces\": true"));
	run_free(&r);
}

static void test_orphans_found(void **state)
{
	(void)state;
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.format = PLAN_VIEW_FORMAT_TEXT;
	run r = view(plan_view_orphans, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_FOUND);
	assert_golden(r.out, "orphans.txt");
	run_free(&r);
}

static void test_orphans_none(void **state)
{
	(void)state;
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	run r = view(plan_view_orphans, clean, opt);
	assert_int_equal(r.status, PLAN_VIEW_OK);
	assert_string_equal(r.out, "");
	assert_string_equal(r.said, "");
	opt.format = PLAN_VIEW_FORMAT_JSON;
	run j = view(plan_view_orphans, clean, opt);
	assert_int_equal(j.status, PLAN_VIEW_OK);
	assert_non_null(strstr(j.out, "\"orphans\": []\n}\n"));
	run_free(&r);
	run_free(&j);
}

static void test_tree_of_one_item(void **state)
{
	(void)state;
	const char *ids[] = { "KF-1" };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.ids = ids;
	opt.nids = 1;
	run r = view(plan_view_tree, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_OK);
	assert_golden(r.out, "tree-kf1.txt");
	run_free(&r);
}

/* An item outside the link graph has no tree; said, with nothing written,
 * and nothing said at all without a stream for messages. */
static void test_tree_of_a_body_is_refused(void **state)
{
	(void)state;
	const char *ids[] = { "bun" };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.ids = ids;
	opt.nids = 1;
	run r = view(plan_view_tree, links, opt);
	assert_int_equal(r.status, PLAN_VIEW_FOUND);
	assert_string_equal(r.out, "");
	assert_string_equal(r.said, "plan-link: 'bun' is a body; a tree starts at a goal, KPI, "
		"activity or särskilt uppdrag\n");
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	assert_int_equal(plan_view_tree(&out, plan_set_model(links), &opt), PLAN_VIEW_FOUND);
	assert_int_equal(out.buf.len, 0);
	plan_buf_free(&out.buf);
	run_free(&r);
}

static void test_matrix_csv_and_md(void **state)
{
	(void)state;
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.format = PLAN_VIEW_FORMAT_CSV;
	run csv = view(plan_view_matrix, links, opt);
	assert_int_equal(csv.status, PLAN_VIEW_OK);
	assert_golden(csv.out, "matrix.csv");
	/* text is the same as md */
	opt.format = PLAN_VIEW_FORMAT_TEXT;
	run md = view(plan_view_matrix, links, opt);
	assert_golden(md.out, "matrix.md");
	opt.lang = PLAN_LANG_SV;
	run sv = view(plan_view_matrix, links, opt);
	assert_golden(sv.out, "matrix-sv.md");
	run_free(&csv);
	run_free(&md);
	run_free(&sv);
}

static void test_graph_dot(void **state)
{
	(void)state;
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.format = PLAN_VIEW_FORMAT_DOT;
	run all = view(plan_view_graph, links, opt);
	assert_int_equal(all.status, PLAN_VIEW_OK);
	assert_golden(all.out, "graph.dot");
	opt.from = "KF-1";
	run from = view(plan_view_graph, links, opt);
	assert_int_equal(from.status, PLAN_VIEW_OK);
	assert_golden(from.out, "graph-from-kf1.dot");
	opt.from = "KF-9";
	run unknown = view(plan_view_graph, links, opt);
	assert_int_equal(unknown.status, PLAN_VIEW_FOUND);
	assert_string_equal(unknown.out, "");
	assert_non_null(strstr(unknown.said, "no item has the id 'KF-9'"));
	run_free(&all);
	run_free(&from);
	run_free(&unknown);
}

/* A revision that cannot be read: diff says so, starting with opt->program. */
static void test_diff_bad_revision_says_why(void **state)
{
	(void)state;
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.program = "test-view";
	char *said = NULL;
	size_t len = 0;
	opt.messages = open_memstream(&said, &len);
	assert_non_null(opt.messages);
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = PLAN_TEST_DIR "/link/sets/clean";
	options.jobs = 1;
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	assert_int_equal(plan_view_diff(&out, clean, &options, "no-such-revision-13", &opt),
		PLAN_VIEW_TROUBLE);
	assert_int_equal(fclose(opt.messages), 0);
	assert_int_equal(out.buf.len, 0);
	assert_non_null(said);
	assert_memory_equal(said, "test-view: OLD: ", strlen("test-view: OLD: "));
	assert_int_equal(said[strlen(said) - 1], '\n');
	plan_buf_free(&out.buf);
	free(said);
}

static void test_help(void **state)
{
	(void)state;
	assert_golden(plan_view_help(NULL, PLAN_LANG_SV), "help-sv.txt");
	assert_golden(plan_view_help("trace", PLAN_LANG_SV), "help-trace-sv.txt");
	const char *en = plan_view_help(NULL, PLAN_LANG_EN);
	assert_memory_equal(en, "Usage: plan-link COMMAND", strlen("Usage: plan-link COMMAND"));
	const char *commands[] = { "trace", "tree", "orphans", "matrix", "graph", "diff", "suspect" };
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		char usage[64];
		snprintf(usage, sizeof usage, "Usage: plan-link %s ", commands[i]);
		const char *text = plan_view_help(commands[i], PLAN_LANG_EN);
		assert_non_null(text);
		assert_memory_equal(text, usage, strlen(usage));
		assert_string_not_equal(plan_view_help(commands[i], PLAN_LANG_SV), text);
	}
	assert_null(plan_view_help("report", PLAN_LANG_EN));
	assert_null(plan_view_help("", PLAN_LANG_SV));
}

static int load(plan_set **set, const char *path)
{
	plan_set_options opt = PLAN_SET_OPTIONS_INIT;
	plan_error err = PLAN_ERROR_INIT;
	opt.path = path;
	opt.jobs = 1;
	if (plan_set_load(set, &opt, &err) < 0) {
		print_error("%s\n", err.message);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return load(&links, PLAN_TEST_DIR "/link/sets/links") < 0 ||
	       load(&clean, PLAN_TEST_DIR "/link/sets/clean") < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	plan_set_free(links);
	plan_set_free(clean);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trace_known_item),
		cmocka_unit_test(test_trace_unknown_item_says_why),
		cmocka_unit_test(test_trace_not_tracing_in_swedish),
		cmocka_unit_test(test_trace_json_head),
		cmocka_unit_test(test_orphans_found),
		cmocka_unit_test(test_orphans_none),
		cmocka_unit_test(test_tree_of_one_item),
		cmocka_unit_test(test_tree_of_a_body_is_refused),
		cmocka_unit_test(test_matrix_csv_and_md),
		cmocka_unit_test(test_graph_dot),
		cmocka_unit_test(test_diff_bad_revision_says_why),
		cmocka_unit_test(test_help),
	};
	return cmocka_run_group_tests_name("view", tests, setup, teardown);
}
