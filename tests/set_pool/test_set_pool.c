/* Unit tests for the pool that loads files while the listing walks: every
 * file of the listing loaded once, placed in the listing's order, whatever
 * was told of and in what order; the file loaded apart never loaded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/diag.h"
#include "plan/load.h"
#include "../../lib/set_pool.h"

/* How often each path was loaded, by its number ("f/NNN.yaml"). */
enum { FILES = 500 };
typedef struct counts {
	pthread_mutex_t lock;
	int loaded[FILES + 1];
} counts;

static int number_of(const char *path)
{
	int n = FILES;
	if (sscanf(path, "f/%d.yaml", &n) != 1 || n < 0 || n >= FILES)
		n = FILES;
	return n;
}

/* A file of one document whose id is its path, and one diagnostic; its
 * part of the model from the thread's arena. */
static plan_file *load(void *ctx, plan_arena *arena, const char *path, plan_diags *diags,
	plan_suppressions **sup, plan_model_part **part)
{
	counts *c = ctx;
	pthread_mutex_lock(&c->lock);
	c->loaded[number_of(path)]++;
	pthread_mutex_unlock(&c->lock);
	*sup = NULL;
	char text[64];
	snprintf(text, sizeof text, "id: %s\n", path);
	plan_limits limits = PLAN_LIMITS_INIT;
	plan_file *file = NULL;
	if (plan_file_load(&file, path, text, strlen(text), &limits, diags) < 0)
		return NULL;
	plan_diags_add(diags, path, 1, 1, "test", NULL, "loaded %s", path);
	assert_non_null(arena);
	assert_int_equal(plan_model_part_build(part, file, arena), 0);
	return file;
}

static void path_of(char *out, size_t size, int n)
{
	snprintf(out, size, "f/%03d.yaml", n);
}

/* Tell of the files from `first` on (every `step`th, from the end down:
 * not the sorted order), then finish with all of them, sorted. */
static void run(unsigned jobs, int first, int step, int extra)
{
	static char names[FILES + 1][16];
	const char *paths[FILES];
	for (int i = 0; i < FILES; i++) {
		path_of(names[i], sizeof names[i], i);
		paths[i] = names[i];
	}
	counts c = { .lock = PTHREAD_MUTEX_INITIALIZER };
	set_pool *pool = NULL;
	assert_int_equal(set_pool_start(&pool, jobs, PLAN_LANG_EN, load, &c, "f/007.yaml"), 0);
	for (int i = FILES - 1 - first; i >= 0; i -= step)
		set_pool_found(pool, paths[i]);
	if (extra)   /* told of, yet not in the listing: loaded, then freed */
		set_pool_found(pool, "f/999.yaml");
	plan_file *files[FILES];
	plan_diags *diags[FILES];
	plan_suppressions *sups[FILES];
	plan_model_part *parts[FILES];
	assert_int_equal(set_pool_finish(pool, paths, FILES, files, diags, sups, parts), 0);
	for (int i = 0; i < FILES; i++) {
		if (i == 7) {
			/* loaded apart: never loaded here */
			assert_int_equal(c.loaded[i], 0);
			assert_null(files[i]);
			assert_null(diags[i]);
			assert_null(parts[i]);
			continue;
		}
		assert_int_equal(c.loaded[i], 1);
		assert_non_null(files[i]);
		assert_non_null(parts[i]);
		assert_string_equal(files[i]->path, paths[i]);
		assert_int_equal(plan_diags_count(diags[i]), 1);
		assert_string_equal(plan_diags_get(diags[i], 0)->file, paths[i]);
		plan_file_free(files[i]);
		plan_diags_free(diags[i]);
	}
	/* One arena for each thread that loaded a file: at least one, and
	 * never more than `jobs`; taken once, the pool has none left. */
	plan_arena **arenas = NULL;
	long n = set_pool_take_arenas(pool, &arenas);
	assert_true(n >= 1 && n <= (long)jobs);
	for (long i = 0; i < n; i++)
		plan_arena_free(arenas[i]);
	free(arenas);
	assert_int_equal(set_pool_take_arenas(pool, &arenas), 0);
	assert_null(arenas);
	set_pool_free(pool);
}

static void test_every_file_told_of(void **state)
{
	(void)state;
	run(1, 0, 1, 0);
	run(2, 0, 1, 0);
	run(8, 0, 1, 0);
}

static void test_files_never_told_of_are_loaded_after(void **state)
{
	(void)state;
	run(1, 0, 3, 0);   /* two of three missed */
	run(4, 0, 3, 0);
	run(4, FILES, 1, 0);   /* none told of: a source that tells nothing */
}

static void test_told_of_but_not_listed_is_dropped(void **state)
{
	(void)state;
	run(1, 0, 2, 1);
	run(3, 0, 2, 1);
}

static void test_freed_without_finishing(void **state)
{
	(void)state;
	counts c = { .lock = PTHREAD_MUTEX_INITIALIZER };
	set_pool *pool = NULL;
	assert_int_equal(set_pool_start(&pool, 4, PLAN_LANG_EN, load, &c, "-"), 0);
	for (int i = 0; i < 50; i++) {
		char path[16];
		path_of(path, sizeof path, i);
		set_pool_found(pool, path);
	}
	/* A failure between listing and finishing: the workers stop, and
	 * whatever they loaded is freed (ASan would see a leak). */
	set_pool_free(pool);
	set_pool_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_file_told_of),
		cmocka_unit_test(test_files_never_told_of_are_loaded_after),
		cmocka_unit_test(test_told_of_but_not_listed_is_dropped),
		cmocka_unit_test(test_freed_without_finishing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
