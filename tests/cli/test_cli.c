/* Unit tests for the options every binary takes (plan/cli.h). */
#include <getopt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/cli.h"

static void test_common_options_are_applied(void **state)
{
	(void)state;
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	plan_buf msg = PLAN_BUF_INIT;
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_ROOT, "plans", &msg), 1);
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_REV, "HEAD~1", &msg), 1);
	assert_int_equal(plan_cli_common_apply(&cli, 'j', "4", &msg), 1);
	assert_int_equal(plan_cli_common_apply(&cli, 'o', "out.txt", &msg), 1);
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_LIMIT, "depth=3", &msg), 1);
	assert_string_equal(cli.root, "plans");
	assert_string_equal(cli.set.rev, "HEAD~1");
	assert_int_equal(cli.set.jobs, 4);
	assert_string_equal(cli.output, "out.txt");
	assert_int_equal(cli.set.limits.depth, 3);
	assert_false(cli.help);
	assert_false(cli.version);
	assert_int_equal(plan_cli_common_apply(&cli, 'h', NULL, &msg), 1);
	assert_true(cli.help);
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_VERSION, NULL, &msg), 1);
	assert_true(cli.version);
	assert_null(msg.ptr);
}

static void test_other_codes_are_left_alone(void **state)
{
	(void)state;
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	plan_buf msg = PLAN_BUF_INIT;
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_OWN, "x", &msg), 0);
	assert_int_equal(plan_cli_common_apply(&cli, 1, "trace", &msg), 0);
	assert_int_equal(plan_cli_common_apply(&cli, '?', NULL, &msg), 0);
	assert_int_equal(plan_cli_common_apply(&cli, ':', NULL, &msg), 0);
	assert_null(cli.root);
	assert_null(cli.output);
	assert_null(cli.set.rev);
	assert_int_equal(cli.set.jobs, 0);
	assert_null(msg.ptr);
}

static void test_bad_values_are_usage_errors(void **state)
{
	(void)state;
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	plan_buf msg = PLAN_BUF_INIT;
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_REV, "", &msg), -1);
	assert_string_equal(msg.ptr, "--rev needs a revision, not ''");
	plan_buf_clear(&msg);
	assert_null(cli.set.rev);
	static const char *const bad_jobs[] = { "0", "1025", "-1", "", "4x", "x", "99999999999999999999" };
	for (size_t i = 0; i < sizeof bad_jobs / sizeof bad_jobs[0]; i++) {
		char want[128];
		snprintf(want, sizeof want, "-j needs a number of threads from 1 to 1024, not '%s'", bad_jobs[i]);
		assert_int_equal(plan_cli_common_apply(&cli, 'j', bad_jobs[i], &msg), -1);
		assert_string_equal(msg.ptr, want);
		plan_buf_clear(&msg);
		assert_int_equal(cli.set.jobs, 0);
	}
	assert_int_equal(plan_cli_common_apply(&cli, 'j', "1024", &msg), 1);
	assert_int_equal(cli.set.jobs, 1024);
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_LIMIT, "depht=3", &msg), -1);
	assert_non_null(strstr(msg.ptr, "unknown limit 'depht=3'"));
	plan_buf_clear(&msg);
	assert_int_equal(plan_cli_common_apply(&cli, PLAN_CLI_OPT_LIMIT, "files=0", &msg), -1);
	assert_non_null(strstr(msg.ptr, "needs a whole number"));
	plan_buf_free(&msg);
}

static void test_getopt_errors(void **state)
{
	(void)state;
	plan_buf msg = PLAN_BUF_INIT;
	assert_int_equal(plan_cli_getopt_error(&msg, PLAN_LANG_EN, ':', "-j"), -1);
	assert_string_equal(msg.ptr, "option '-j' needs a value");
	plan_buf_clear(&msg);
	assert_int_equal(plan_cli_getopt_error(&msg, PLAN_LANG_EN, '?', "--bogus"), -1);
	assert_string_equal(msg.ptr, "unknown option '--bogus'");
	plan_buf_free(&msg);
}

/* A message quotes the user's word whole, however long (no fixed buffer). */
static void test_long_words_are_quoted_whole(void **state)
{
	(void)state;
	char word[5000];
	memset(word, '7', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	plan_buf msg = PLAN_BUF_INIT;
	assert_int_equal(plan_cli_common_apply(&cli, 'j', word, &msg), -1);
	assert_int_equal(msg.len, strlen("-j needs a number of threads from 1 to 1024, not ''") + strlen(word));
	assert_non_null(strstr(msg.ptr, word));
	plan_buf_free(&msg);
}

static void test_path_or_root(void **state)
{
	(void)state;
	plan_buf msg = PLAN_BUF_INIT;
	const char *const paths[] = { "a", "b" };

	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	assert_int_equal(plan_cli_common_path(&cli, paths, 0, &msg), 0);
	assert_null(cli.set.path);
	assert_int_equal(plan_cli_common_path(&cli, paths, 1, &msg), 0);
	assert_string_equal(cli.set.path, "a");
	assert_int_equal(plan_cli_common_path(&cli, paths, 2, &msg), -1);
	assert_string_equal(msg.ptr, "too many paths: 'b' (give one plan set)");
	plan_buf_clear(&msg);

	cli.root = "r";
	assert_int_equal(plan_cli_common_path(&cli, NULL, 0, &msg), 0);
	assert_string_equal(cli.set.path, "r");
	assert_int_equal(plan_cli_common_path(&cli, paths, 1, &msg), -1);
	assert_string_equal(msg.ptr, "give the plan set either as PATH or with --root, not both ('a')");
	plan_buf_free(&msg);
}

static void test_parse_number(void **state)
{
	(void)state;
	long n = 7;
	assert_int_equal(plan_cli_parse_number(&n, "0", 0, 10), 0);
	assert_int_equal(n, 0);
	assert_int_equal(plan_cli_parse_number(&n, "10", 0, 10), 0);
	assert_int_equal(n, 10);
	n = 7;
	assert_int_equal(plan_cli_parse_number(&n, "11", 0, 10), -1);
	assert_int_equal(plan_cli_parse_number(&n, "-1", 0, 10), -1);
	assert_int_equal(plan_cli_parse_number(&n, "", 0, 10), -1);
	assert_int_equal(plan_cli_parse_number(&n, "3 ", 0, 10), -1);
	assert_int_equal(plan_cli_parse_number(&n, "0x3", 0, 10), -1);
	assert_int_equal(n, 7);
}

/* The shared table entries work in a binary's own table. */
static void test_option_table(void **state)
{
	(void)state;
	static const struct option options[] = {
		PLAN_CLI_LONG_OPTIONS,
		{ "format", required_argument, NULL, PLAN_CLI_OPT_OWN },
		{ NULL, 0, NULL, 0 },
	};
	char *argv[] = { "prog", "--root", "d", "--format", "x", "-j", "2", "--version", NULL };
	int argc = 8;
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	plan_buf msg = PLAN_BUF_INIT;
	int own = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":" PLAN_CLI_SHORT_OPTIONS, options, NULL)) != -1) {
		int applied = plan_cli_common_apply(&cli, c, optarg, &msg);
		assert_true(applied >= 0);
		if (!applied && c == PLAN_CLI_OPT_OWN)
			own++;
	}
	assert_int_equal(own, 1);
	assert_string_equal(cli.root, "d");
	assert_int_equal(cli.set.jobs, 2);
	assert_true(cli.version);
}

static void test_commands(void **state)
{
	(void)state;
	static const plan_cli_command table[] = {
		{ "trace", 1, "trace help" }, { "tree", 2, "tree help" }, { "graph", 3, "graph help" },
	};
	const plan_cli_command *c = plan_cli_command_find(table, 3, "tree");
	assert_non_null(c);
	assert_int_equal(c->id, 2);
	assert_string_equal(c->help, "tree help");
	assert_null(plan_cli_command_find(table, 3, "tre"));
	assert_null(plan_cli_command_find(table, 3, ""));
	const plan_cli_command *chosen = table;
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_cli_command_choose(&chosen, PLAN_LANG_EN, table, 3, NULL, 0, &b), 0);
	assert_null(chosen);
	const char *words[] = { "graph", "KF-1" };
	assert_int_equal(plan_cli_command_choose(&chosen, PLAN_LANG_EN, table, 3, words, 2, &b), 0);
	assert_ptr_equal(chosen, &table[2]);
	const char *bad[] = { "grap" };
	assert_int_equal(plan_cli_command_choose(&chosen, PLAN_LANG_EN, table, 3, bad, 1, &b), -1);
	assert_null(chosen);
	assert_string_equal(b.ptr, "unknown command 'grap' (expected trace, tree or graph)");
	plan_buf_clear(&b);
	assert_int_equal(plan_cli_command_missing(&b, PLAN_LANG_EN, table, 1), -1);
	assert_string_equal(b.ptr, "no command (expected trace)");
	plan_buf_free(&b);
}

/* The order every binary with commands keeps after its options: an unknown
 * command, then --help, then --version, then no command at all. */
static void test_command_next(void **state)
{
	(void)state;
	static const plan_cli_command table[] = { { "trace", 1, "trace help" }, { "tree", 2, "tree help" } };
	const char *tree[] = { "tree" }, *bad[] = { "tre" };
	const plan_cli_command *chosen = NULL;
	plan_buf b = PLAN_BUF_INIT;
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	assert_int_equal(plan_cli_command_next(&chosen, table, 2, tree, 1, &cli, &b), PLAN_CLI_RUN);
	assert_ptr_equal(chosen, &table[1]);
	assert_int_equal(plan_cli_command_next(&chosen, table, 2, NULL, 0, &cli, &b), PLAN_CLI_USAGE);
	assert_string_equal(b.ptr, "no command (expected trace or tree)");
	plan_buf_clear(&b);
	cli.version = 1;
	assert_int_equal(plan_cli_command_next(&chosen, table, 2, NULL, 0, &cli, &b), PLAN_CLI_VERSION);
	cli.help = 1;
	assert_int_equal(plan_cli_command_next(&chosen, table, 2, NULL, 0, &cli, &b), PLAN_CLI_HELP);
	assert_null(chosen);
	assert_int_equal(plan_cli_command_next(&chosen, table, 2, tree, 1, &cli, &b), PLAN_CLI_HELP);
	assert_ptr_equal(chosen, &table[1]);
	assert_int_equal(plan_cli_command_next(&chosen, table, 2, bad, 1, &cli, &b), PLAN_CLI_USAGE);
	assert_string_equal(b.ptr, "unknown command 'tre' (expected trace or tree)");
	plan_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_options_are_applied),
		cmocka_unit_test(test_other_codes_are_left_alone),
		cmocka_unit_test(test_bad_values_are_usage_errors),
		cmocka_unit_test(test_getopt_errors),
		cmocka_unit_test(test_long_words_are_quoted_whole),
		cmocka_unit_test(test_path_or_root),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_option_table),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_command_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
