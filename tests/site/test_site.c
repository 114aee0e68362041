/* Unit tests for the website generator (plan/site.h) on tests/report/sets/
 * full: the pages it writes and what is on them, the same bytes twice, the
 * folders it refuses and the marker by which a rebuild knows its own. */
#define _POSIX_C_SOURCE 200809L   /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "plan/site.h"

static plan_set *set;
static char work[64];

/* The whole of a file as a string the caller frees; NULL when missing. */
static char *slurp(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	return text;
}

static int build(const char *name, plan_lang lang)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/%s", work, name);
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	opt.lang = lang;
	opt.root = plan_set_root(set);
	return plan_site_build(set, dir, &opt);
}

static void test_pages_and_links(void **state)
{
	(void)state;
	assert_int_equal(build("sv", PLAN_LANG_SV), PLAN_REPORT_OK);
	char dir[128];
	snprintf(dir, sizeof dir, "%s/sv", work);
	char *index = slurp(dir, "index.html"), *goal = slurp(dir, "mal/KF-1.html");
	assert_non_null(index);
	assert_non_null(goal);
	assert_non_null(strstr(index, "<html lang=\"sv\">"));
	/* Every fullmäktigemål is linked from the start page, with its status. */
	assert_non_null(strstr(index, "<a href=\"mal/KF-1.html\">KF-1 "));
	assert_non_null(strstr(index, "<strong>Status: </strong>"));
	assert_non_null(strstr(index, "<strong>Helårsprognos: </strong>"));
	/* A goal page refers to the root files from its folder, and to the
	 * nämndmål under it by their anchor on their body's page. */
	assert_non_null(strstr(goal, "href=\"../style.css\""));
	assert_non_null(strstr(goal, "href=\"../org/"));
	assert_non_null(strstr(goal, "Uppföljningar"));
	char *marker = slurp(dir, PLAN_SITE_MARKER);
	assert_non_null(marker);
	free(index);
	free(goal);
	free(marker);
}

static void test_english_and_deterministic(void **state)
{
	(void)state;
	assert_int_equal(build("en1", PLAN_LANG_EN), PLAN_REPORT_OK);
	assert_int_equal(build("en2", PLAN_LANG_EN), PLAN_REPORT_OK);
	char a[128], b[128];
	snprintf(a, sizeof a, "%s/en1", work);
	snprintf(b, sizeof b, "%s/en2", work);
	char *x = slurp(a, "mal/KF-1.html"), *y = slurp(b, "mal/KF-1.html");
	assert_non_null(x);
	assert_non_null(y);
	assert_non_null(strstr(x, "<html lang=\"en\">"));
	assert_non_null(strstr(x, "Everything that contributes"));
	assert_string_equal(x, y);
	free(x);
	free(y);
}

static void test_refuses_a_folder_that_is_no_site(void **state)
{
	(void)state;
	char dir[128], file[160];
	snprintf(dir, sizeof dir, "%s/mine", work);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(file, sizeof file, "%s/notes.txt", dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("keep\n", f);
	fclose(f);
	assert_int_equal(build("mine", PLAN_LANG_SV), PLAN_REPORT_TROUBLE);
	char *kept = slurp(dir, "notes.txt");
	assert_string_equal(kept, "keep\n");
	free(kept);
	assert_null(slurp(dir, "index.html"));
}

static void test_refuses_the_plan_set(void **state)
{
	(void)state;
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	char dir[512];
	snprintf(dir, sizeof dir, "%s/site", plan_set_root(set));
	assert_int_equal(plan_site_build(set, dir, &opt), PLAN_REPORT_TROUBLE);
	struct stat st;
	assert_int_not_equal(stat(dir, &st), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(work, sizeof work, "/tmp/plan-site-test-XXXXXX");
	if (!mkdtemp(work))
		return -1;
	plan_set_options opt = PLAN_SET_OPTIONS_INIT;
	plan_error err = PLAN_ERROR_INIT;
	opt.path = PLAN_TEST_DIR "/report/sets/full";
	opt.jobs = 1;
	if (plan_set_load(&set, &opt, &err) < 0) {
		print_error("%s\n", err.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	plan_set_free(set);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_and_links),
		cmocka_unit_test(test_english_and_deterministic),
		cmocka_unit_test(test_refuses_a_folder_that_is_no_site),
		cmocka_unit_test(test_refuses_the_plan_set),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
