/* test_examples.c: every rule's wrong and right example (rules.yaml, shown
 * by --explain) checked by the real plan-validate. Each example is laid over
 * a fresh copy of tests/rules/base at its file: plan-validate --strict must
 * report the rule, and only it, for the wrong text, and nothing for the
 * right one. A rule without an example must be one that no file text can
 * show (io, link-cycle), so a new rule cannot slip in unexplained.
 *
 * Usage: test_examples PLAN_VALIDATE BASE WORK_DIR */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "plan/buf.h"
#include "plan/rule.h"

static const char *binary, *base, *work;

/* The rules whose examples cannot be one file laid over the base: io is the
 * file system failing; link-cycle is a guard that the level rules leave
 * nothing to find (every cycle is a wrong-level-link first). */
static const char *const without_example[] = { "io", "link-cycle" };

static int may_lack_example(const char *id)
{
	for (size_t i = 0; i < sizeof without_example / sizeof *without_example; i++)
		if (strcmp(id, without_example[i]) == 0)
			return 1;
	return 0;
}

/* Run a shell command made from fmt; its exit status. Paths come from the
 * build and rule ids are [a-z0-9-], so they need no quoting beyond '...'. */
static int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shell(const char *fmt, ...)
{
	char command[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(command, sizeof command, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof command);
	int status = system(command);
	assert_true(status != -1 && WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* A fresh copy of the base set with `text` at `file`; returns its path. */
static const char *lay_over(const char *rule, const char *file, const char *text)
{
	static char set[1024];
	snprintf(set, sizeof set, "%s/%s", work, rule);
	assert_int_equal(shell("rm -rf '%s' && mkdir -p '%s' && cp -R '%s/.' '%s'",
		set, set, base, set), 0);
	char path[2048];
	snprintf(path, sizeof path, "%s/%s", set, file);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return set;
}

/* plan-validate --strict --format json on `set`: its exit status, and in
 * `rules` the rule of every diagnostic, one per line. */
static int validate(const char *set, const char *limits, plan_buf *rules)
{
	char command[4096];
	snprintf(command, sizeof command, "'%s' --strict --format json %s%s '%s'",
		binary, limits ? "--limit " : "", limits ? limits : "", set);
	FILE *p = popen(command, "r");
	assert_non_null(p);
	char line[8192];
	while (fgets(line, sizeof line, p)) {
		const char *key = strstr(line, "\"rule\": \"");
		if (!key)
			continue;
		key += strlen("\"rule\": \"");
		const char *end = strchr(key, '"');
		assert_non_null(end);
		assert_int_equal(plan_buf_put(rules, key, (size_t)(end - key)), 0);
		assert_int_equal(plan_buf_putc(rules, '\n'), 0);
	}
	int status = pclose(p);
	assert_true(status != -1 && WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void check_rule(const plan_rule *rule)
{
	if (!rule->example_wrong) {
		if (!may_lack_example(rule->id))
			fail_msg("rule %s has no example in rules.yaml", rule->id);
		return;
	}
	assert_non_null(rule->example_file);
	assert_non_null(rule->example_right);

	plan_buf rules = PLAN_BUF_INIT;
	const char *set = lay_over(rule->id, rule->example_file, rule->example_wrong);
	int status = validate(set, rule->example_limits, &rules);
	const char *seen = rules.len ? rules.ptr : "";
	if (status == 0 || !rules.len)
		fail_msg("%s: the wrong example reports nothing (exit %d)", rule->id, status);
	for (const char *line = seen; *line; line = strchr(line, '\n') + 1) {
		size_t len = (size_t)(strchr(line, '\n') - line);
		if (len != strlen(rule->id) || strncmp(line, rule->id, len) != 0)
			fail_msg("%s: the wrong example also reports:\n%s", rule->id, seen);
	}

	plan_buf_clear(&rules);
	set = lay_over(rule->id, rule->example_file, rule->example_right);
	status = validate(set, rule->example_limits, &rules);
	if (status != 0 || rules.len)
		fail_msg("%s: the right example is not clean (exit %d):\n%s", rule->id,
			status, rules.len ? rules.ptr : "");
	plan_buf_free(&rules);
	shell("rm -rf '%s/%s'", work, rule->id);
}

static void test_every_example(void **state)
{
	(void)state;
	size_t count = 0;
	const plan_rule *all = plan_rules_all(&count);
	assert_true(count > 0);
	for (size_t i = 0; i < count; i++)
		check_rule(&all[i]);
}

/* Every rule is explained in both languages, in full. */
static void test_every_text(void **state)
{
	(void)state;
	size_t count = 0;
	const plan_rule *all = plan_rules_all(&count);
	for (size_t i = 0; i < count; i++) {
		for (int lang = 0; lang < PLAN_LANGS; lang++) {
			const plan_rule *r = &all[i];
			assert_non_null(r->summary[lang]);
			assert_non_null(r->checks[lang]);
			assert_non_null(r->why[lang]);
			assert_non_null(r->fix[lang]);
			assert_true(r->summary[lang][0] && r->checks[lang][0] &&
				r->why[lang][0] && r->fix[lang][0]);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: test_examples PLAN_VALIDATE BASE WORK_DIR\n");
		return 2;
	}
	binary = argv[1];
	base = argv[2];
	work = argv[3];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_text),
		cmocka_unit_test(test_every_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
