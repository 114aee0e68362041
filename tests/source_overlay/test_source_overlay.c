/* test_source_overlay.c: unit tests of plan_source_open_overlay: texts held
 * in memory read in place of files, the listing left as it is, and a plan
 * set loaded with an unsaved text checked as written. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp */
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/diag.h"
#include "plan/set.h"
#include "plan/source.h"

typedef struct fixture {
	char dir[64];
	plan_diags *diags;
	plan_source *src;
} fixture;

static void put(const fixture *fx, const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", fx->dir, rel);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "%s", "/tmp/plan-overlay-XXXXXX");
	if (!mkdtemp(fx->dir) || !(fx->diags = plan_diags_new()))
		return -1;
	put(fx, "a.yaml", "on disk a\n");
	put(fx, "b.yaml", "on disk b\n");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	plan_source_free(fx->src);
	plan_diags_free(fx->diags);
	char path[256];
	snprintf(path, sizeof path, "%s/a.yaml", fx->dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/b.yaml", fx->dir);
	unlink(path);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static void open_overlay(fixture *fx, const plan_overlay_file *files, size_t n)
{
	plan_error err = PLAN_ERROR_INIT;
	plan_source *dir = NULL;
	assert_int_equal(plan_source_open_dir(&dir, fx->dir, &err), 0);
	assert_int_equal(plan_source_open_overlay(&fx->src, dir, files, n, &err), 0);
}

static void assert_reads(fixture *fx, const char *rel, size_t max, const char *expected)
{
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, rel, max, &data, &len, fx->diags), 0);
	assert_int_equal(len, strlen(expected));
	assert_string_equal(data, expected);
	free(data);
}

static void test_text_replaces_file(void **state)
{
	fixture *fx = *state;
	/* Not NUL-terminated: only `len` bytes count. The caller's copy may
	 * go away at once. */
	char text[] = "in memory aXXX";
	plan_overlay_file files[] = { { "a.yaml", text, 11, 0 } };
	open_overlay(fx, files, 1);
	memset(text, '?', sizeof text - 1);
	assert_reads(fx, "a.yaml", 1000, "in memory a");
	assert_reads(fx, "b.yaml", 1000, "on disk b\n");
	assert_non_null(strstr(plan_source_root(fx->src), "/plan-overlay-"));
	assert_null(plan_source_revision(fx->src));
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

static void test_listing_unchanged(void **state)
{
	fixture *fx = *state;
	/* A text whose file is not on disk (an editor's new, unsaved file) is
	 * not listed: the set reads what the directory holds. */
	plan_overlay_file files[] = { { "a.yaml", "x", 1, 0 }, { "new.yaml", "y", 1, 0 } };
	open_overlay(fx, files, 2);
	const char *const *paths = NULL;
	size_t count = 0;
	assert_int_equal(plan_source_list(fx->src, NULL, 0, 100, &paths, &count, fx->diags), 0);
	assert_int_equal(count, 2);
	assert_string_equal(paths[0], "a.yaml");
	assert_string_equal(paths[1], "b.yaml");
}

static void test_last_of_a_path_counts(void **state)
{
	fixture *fx = *state;
	plan_overlay_file files[] = {
		{ "b.yaml", "first", 5, 0 }, { "a.yaml", "other", 5, 0 }, { "b.yaml", "second", 6, 0 },
	};
	open_overlay(fx, files, 3);
	assert_reads(fx, "b.yaml", 1000, "second");
	assert_reads(fx, "a.yaml", 1000, "other");
}

static void test_text_over_the_limit(void **state)
{
	fixture *fx = *state;
	plan_overlay_file files[] = { { "a.yaml", "0123456789", 10, 0 } };
	open_overlay(fx, files, 1);
	assert_reads(fx, "a.yaml", 10, "0123456789");
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "a.yaml", 9, &data, &len, fx->diags), -1);
	assert_null(data);
	assert_int_equal(plan_diags_count(fx->diags), 1);
	const plan_diag *d = plan_diags_get(fx->diags, 0);
	assert_string_equal(d->rule, "limit");
	assert_string_equal(d->file, "a.yaml");
	assert_string_equal(d->message, "file is larger than the limit of 9 bytes");
}

/* The bundled small example, clean on disk, with one file's text broken. */
static void test_set_checks_the_text(void **state)
{
	(void)state;
	static const char broken[] = "kind: verksamhetsplan\nid: [unclosed\n";
	plan_overlay_file files[] = {
		{ "planer/bun/verksamhetsplan-2026.yaml", broken, sizeof broken - 1, 0 },
	};
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = PLAN_TEST_DIR "/../examples/minimal";
	options.jobs = 1;
	options.overlay = files;
	options.noverlay = 1;
	plan_error err = PLAN_ERROR_INIT;
	plan_set *set = NULL;
	assert_int_equal(plan_set_load(&set, &options, &err), 0);
	plan_diags *diags = plan_set_diags(set);
	size_t syntax = 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (strcmp(d->rule, "yaml-syntax") == 0) {
			assert_string_equal(d->file, files[0].path);
			syntax++;
		}
	}
	assert_int_equal(syntax, 1);
	plan_set_free(set);

	/* Without the text the same set is clean. */
	options.noverlay = 0;
	assert_int_equal(plan_set_load(&set, &options, &err), 0);
	assert_int_equal(plan_diags_count_severity(plan_set_diags(set), PLAN_SEVERITY_ERROR), 0);
	plan_set_free(set);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_text_replaces_file),
		T(test_listing_unchanged),
		T(test_last_of_a_path_counts),
		T(test_text_over_the_limit),
		cmocka_unit_test(test_set_checks_the_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
