/* test_source.c: unit tests of plan/source.h: finding the root, listing and
 * reading a directory tree built under /tmp for each test, and the globs. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, mkfifo, symlink, realpath, clock_gettime, RTLD_NEXT */
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/source.h"
#include "../../lib/source_impl.h"

/* ---- stand-ins for getdents64, readdir and read ----
 * Defined here, they are the ones the library calls (getdents64 with glibc
 * on Linux, readdir elsewhere); each passes on to the
 * C library's own and, when a test asks, changes what the library sees:
 * entries with no type (DT_UNKNOWN, as some file systems give for every
 * entry), or a file that changes between the fstat and the read. */

static int hide_types;          /* every entry's d_type DT_UNKNOWN */
static size_t types_hidden;

/* read: what happens to the file `change_path` before the first read of it
 * (the first read with `change_armed` set). */
static const char *change_path;
static const char *change_append;  /* bytes appended, or NULL */
static off_t change_truncate = -1; /* or a length it is cut to */
static int change_armed;
static size_t reads;               /* read calls while a change is set up */

static void *next_symbol(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f)
		abort();
	return f;
}

struct dirent *readdir(DIR *dir)
{
	static struct dirent *(*real)(DIR *);
	if (!real)
		*(void **)&real = next_symbol("readdir");
	struct dirent *e = real(dir);
	if (e && hide_types) {
		e->d_type = DT_UNKNOWN;
		types_hidden++;
	}
	return e;
}

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
ssize_t getdents64(int fd, void *buf, size_t len)
{
	static ssize_t (*real)(int, void *, size_t);
	if (!real)
		*(void **)&real = next_symbol("getdents64");
	ssize_t n = real(fd, buf, len);
	for (ssize_t pos = 0; hide_types && pos < n;) {
		struct dirent64 *e = (struct dirent64 *)((char *)buf + pos);
		e->d_type = DT_UNKNOWN;
		types_hidden++;
		pos += e->d_reclen;
	}
	return n;
}
#endif

ssize_t read(int fd, void *buf, size_t count)
{
	static ssize_t (*real)(int, void *, size_t);
	if (!real)
		*(void **)&real = next_symbol("read");
	if (change_path) {
		reads++;
		if (change_armed) {
			change_armed = 0;
			if (change_append) {
				FILE *f = fopen(change_path, "ab");
				if (!f || fputs(change_append, f) == EOF || fclose(f) != 0)
					abort();
			}
			if (change_truncate >= 0 && truncate(change_path, change_truncate) != 0)
				abort();
		}
	}
	return real(fd, buf, count);
}

/* ---- a temporary plan set per test ---- */

typedef struct fixture {
	char dir[64];          /* the tree's root, from mkdtemp */
	char *real;            /* its realpath, what the source reports */
	char outside[80];      /* a second tree, next to but not inside dir */
	plan_diags *diags;
	plan_source *src;
} fixture;

/* A path in the test's tree; the string is kept by a small ring so a test
 * can hold a few at once without freeing them. */
static const char *at(const fixture *fx, const char *rel)
{
	static char ring[8][4096];
	static unsigned next;
	char *buf = ring[next++ % 8];
	int n = snprintf(buf, sizeof ring[0], "%s/%s", fx->dir, rel);
	assert_true(n > 0 && (size_t)n < sizeof ring[0]);
	return buf;
}

/* mkdir -p for the directories leading to `path` (not `path` itself). */
static void make_parents(const char *path)
{
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s", path);
	assert_true(n > 0 && (size_t)n < sizeof tmp);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0)
			assert_int_equal(errno, EEXIST);
		*p = '/';
	}
}

static void put_bytes(const fixture *fx, const char *rel, const char *data, size_t len)
{
	const char *path = at(fx, rel);
	make_parents(path);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void put(const fixture *fx, const char *rel)
{
	put_bytes(fx, rel, "kind: x\n", 8);
}

static void make_dir(const fixture *fx, const char *rel)
{
	const char *path = at(fx, rel);
	make_parents(path);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void make_link(const fixture *fx, const char *rel, const char *target)
{
	const char *path = at(fx, rel);
	make_parents(path);
	assert_int_equal(symlink(target, path), 0);
}

/* rm -rf that does not follow links and restores permissions first. */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char child[4096];
			int n = snprintf(child, sizeof child, "%s/%s", path, e->d_name);
			if (n > 0 && (size_t)n < sizeof child)
				remove_tree(child);
		}
		closedir(d);
	}
	rmdir(path);
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "%s", "/tmp/plan-source-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	/* Same name plus a suffix: a naive prefix test would call it inside. */
	snprintf(fx->outside, sizeof fx->outside, "%sbc", fx->dir);
	fx->real = realpath(fx->dir, NULL);
	fx->diags = plan_diags_new();
	if (!fx->real || !fx->diags || mkdir(fx->outside, 0755) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	hide_types = 0;
	change_path = NULL;
	change_append = NULL;
	change_truncate = -1;
	change_armed = 0;
	plan_source_free(fx->src);
	plan_diags_free(fx->diags);
	remove_tree(fx->dir);
	remove_tree(fx->outside);
	free(fx->real);
	free(fx);
	return 0;
}

/* Open the tree as a source (once) and list it. */
static const char *const *list(fixture *fx, const char *const *ignore, size_t nignore,
	size_t max_files, size_t *count)
{
	if (!fx->src) {
		plan_error err = PLAN_ERROR_INIT;
		assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	}
	const char *const *paths = NULL;
	assert_int_equal(plan_source_list(fx->src, ignore, nignore, max_files, &paths,
		count, fx->diags), 0);
	return paths;
}

static void assert_listing(fixture *fx, const char *const *ignore, size_t nignore,
	const char *const *expected, size_t nexpected)
{
	size_t count = 0;
	const char *const *paths = list(fx, ignore, nignore, 1000, &count);
	for (size_t i = 0; i < count && i < nexpected; i++)
		assert_string_equal(paths[i], expected[i]);
	assert_int_equal(count, nexpected);
}

static size_t count_rule(const plan_diags *diags, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++)
		n += strcmp(plan_diags_get(diags, i)->rule, rule) == 0;
	return n;
}

/* The only diagnostic of `rule` on `file`; fails unless there is exactly one. */
static const plan_diag *the_diag(const plan_diags *diags, const char *rule, const char *file)
{
	const plan_diag *found = NULL;
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (strcmp(d->rule, rule) == 0 && strcmp(d->file, file) == 0) {
			assert_null(found);
			found = d;
		}
	}
	assert_non_null(found);
	assert_int_equal(found->line, 0);
	assert_int_equal(found->column, 0);
	return found;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- plan_root_find ---- */

static void test_root_from_subdirectory(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	make_dir(fx, "a/b/c");
	char *root = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_root_find(&root, at(fx, "a/b/c"), &err), 0);
	assert_string_equal(root, fx->real);
	free(root);

	/* A relative spelling with ".." resolves to the same absolute root. */
	assert_int_equal(plan_root_find(&root, at(fx, "a/b/../b/c/"), &err), 0);
	assert_string_equal(root, fx->real);
	free(root);
}

static void test_root_from_file(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "mal/x.yaml");
	char *root = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_root_find(&root, at(fx, "mal/x.yaml"), &err), 0);
	assert_string_equal(root, fx->real);
	free(root);
	/* The marker file itself names its own directory. */
	assert_int_equal(plan_root_find(&root, at(fx, "styrmodell.yaml"), &err), 0);
	assert_string_equal(root, fx->real);
	free(root);
}

static void test_root_nearest_wins(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "inner/styrmodell.yaml");
	make_dir(fx, "inner/deep");
	/* A directory named like the marker is not the marker. */
	make_dir(fx, "inner/deep/sub/styrmodell.yaml");
	char *root = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_root_find(&root, at(fx, "inner/deep/sub"), &err), 0);
	char *expected = realpath(at(fx, "inner"), NULL);
	assert_non_null(expected);
	assert_string_equal(root, expected);
	free(expected);
	free(root);
}

static void test_root_not_found(void **state)
{
	fixture *fx = *state;
	struct stat st;
	if (stat("/tmp/styrmodell.yaml", &st) == 0 || stat("/styrmodell.yaml", &st) == 0)
		skip(); /* this machine's /tmp is itself inside a plan set */
	make_dir(fx, "a");
	put(fx, "a/x.yaml");
	char *root = (char *)"untouched";
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_root_find(&root, at(fx, "a"), &err), -1);
	assert_null(root);
	assert_non_null(strstr(err.message, "no plan set found"));
	char *expected = realpath(at(fx, "a"), NULL);
	assert_non_null(strstr(err.message, expected));
	free(expected);

	/* A path that does not exist says so, naming it. */
	memset(&err, 0, sizeof err);
	assert_int_equal(plan_root_find(&root, at(fx, "missing"), &err), -1);
	assert_non_null(strstr(err.message, "cannot open '"));
	assert_non_null(strstr(err.message, at(fx, "missing")));
	assert_non_null(strstr(err.message, strerror(ENOENT)));
}

/* ---- plan_source_open_dir ---- */

static void test_open_dir_errors(void **state)
{
	fixture *fx = *state;
	put(fx, "file.yaml");
	plan_source *src = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&src, at(fx, "nope"), &err), -1);
	assert_null(src);
	assert_non_null(strstr(err.message, "nope"));
	assert_int_equal(plan_source_open_dir(&src, at(fx, "file.yaml"), &err), -1);
	assert_null(src);
	assert_non_null(strstr(err.message, strerror(ENOTDIR)));

	/* The root is reported resolved, whatever the spelling it was opened by. */
	make_dir(fx, "d");
	assert_int_equal(plan_source_open_dir(&src, at(fx, "d/.."), &err), 0);
	assert_string_equal(plan_source_root(src), fx->real);
	plan_source_free(src);
	plan_source_free(NULL);
}

/* ---- plan_root_find_file ---- */

static void test_root_find_file(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "planer/bun/vp.yaml");
	char *root = NULL, *rel = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_root_find_file(&root, &rel, at(fx, "planer/bun/vp.yaml"), &err), 0);
	assert_string_equal(root, fx->real);
	assert_string_equal(rel, "planer/bun/vp.yaml");
	free(root);
	free(rel);
	/* A file that does not exist yet, through a '..': its directory does. */
	assert_int_equal(plan_root_find_file(&root, &rel, at(fx, "planer/bun/../ny.yaml"), &err), 0);
	assert_string_equal(rel, "planer/ny.yaml");
	free(root);
	free(rel);
	assert_int_equal(plan_root_find_file(&root, &rel, at(fx, "styrmodell.yaml"), &err), 0);
	assert_string_equal(rel, "styrmodell.yaml");
	free(root);
	free(rel);

	/* A directory, a missing directory, and no plan set above. */
	assert_int_equal(plan_root_find_file(&root, &rel, at(fx, "planer/bun"), &err), -1);
	assert_non_null(strstr(err.message, "is a directory"));
	assert_int_equal(plan_root_find_file(&root, &rel, at(fx, "planer/"), &err), -1);
	assert_int_equal(plan_root_find_file(&root, &rel, at(fx, "nej/x.yaml"), &err), -1);
	assert_non_null(strstr(err.message, "cannot open"));
	char outside[128];
	snprintf(outside, sizeof outside, "%s/x.yaml", fx->outside);
	assert_int_equal(plan_root_find_file(&root, &rel, outside, &err), -1);
	assert_non_null(strstr(err.message, "no styrmodell.yaml"));
	assert_null(root);
	assert_null(rel);
}

/* ---- the overlay ---- */

static plan_source *overlay(fixture *fx, const char *rel, const char *text)
{
	plan_source *dir = NULL, *src = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&dir, fx->dir, &err), 0);
	plan_overlay_file file = { rel, text, strlen(text), 1 };   /* as standard input is */
	assert_int_equal(plan_source_open_overlay(&src, dir, &file, 1, &err), 0);
	return src;
}

static void assert_overlay_listing(plan_source *src, const char *const *ignore, size_t nignore,
	const char *const *expected, size_t nexpected, plan_diags *diags)
{
	const char *const *paths = NULL;
	size_t count = 0;
	assert_int_equal(plan_source_list(src, ignore, nignore, 1000, &paths, &count, diags), 0);
	for (size_t i = 0; i < count && i < nexpected; i++)
		assert_string_equal(paths[i], expected[i]);
	assert_int_equal(count, nexpected);
}

static void test_overlay(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "b.yaml");
	put(fx, "d/e.yaml");

	/* Replacing a listed file: listed once, read from the text; the others
	 * are read as they are. */
	plan_source *src = overlay(fx, "b.yaml", "kind: ny\n");
	const char *replaced[] = { "b.yaml", "d/e.yaml", "styrmodell.yaml" };
	assert_overlay_listing(src, NULL, 0, replaced, N(replaced), fx->diags);
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(src, "b.yaml", 100, &text, &len, fx->diags), 0);
	assert_string_equal(text, "kind: ny\n");
	free(text);
	assert_int_equal(plan_source_read(src, "d/e.yaml", 100, &text, &len, fx->diags), 0);
	assert_string_equal(text, "kind: x\n");
	free(text);
	/* Over the limit, as a file would be. */
	assert_int_equal(plan_source_read(src, "b.yaml", 3, &text, &len, fx->diags), -1);
	assert_int_equal(count_rule(fx->diags, "limit"), 1);
	assert_string_equal(plan_source_root(src), fx->real);
	assert_null(plan_source_revision(src));
	plan_source_free(src);

	/* Adding one, in its sorted place; not where the listing would not
	 * have it (ignored, hidden, not a plan file's name). */
	src = overlay(fx, "c/ny.yaml", "kind: ny\n");
	const char *added[] = { "b.yaml", "c/ny.yaml", "d/e.yaml", "styrmodell.yaml" };
	assert_overlay_listing(src, NULL, 0, added, N(added), fx->diags);
	const char *ignore[] = { "c/" };
	const char *without[] = { "b.yaml", "d/e.yaml", "styrmodell.yaml" };
	assert_overlay_listing(src, ignore, 1, without, N(without), fx->diags);
	const char *ignore_file[] = { "ny.yaml" };
	assert_overlay_listing(src, ignore_file, 1, without, N(without), fx->diags);
	plan_source_free(src);
	src = overlay(fx, ".dold/ny.yaml", "x");
	assert_overlay_listing(src, NULL, 0, without, N(without), fx->diags);
	plan_source_free(src);
	src = overlay(fx, "ny.txt", "x");
	assert_overlay_listing(src, NULL, 0, without, N(without), fx->diags);
	plan_source_free(src);
	src = overlay(fx, "zz.yml", "x");
	const char *last[] = { "b.yaml", "d/e.yaml", "styrmodell.yaml", "zz.yml" };
	assert_overlay_listing(src, NULL, 0, last, N(last), fx->diags);
	plan_source_free(src);

	/* A path that is not inside the set is refused (and the source under
	 * it freed). */
	plan_source *dir = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&dir, fx->dir, &err), 0);
	plan_overlay_file outside = { "../x.yaml", "x", 1, 1 };
	assert_int_equal(plan_source_open_overlay(&src, dir, &outside, 1, &err), -1);
	assert_null(src);
}

/* ---- listing ---- */

static void test_list_sorted(void **state)
{
	fixture *fx = *state;
	/* Created out of order; '-' < '.' < '/' bytewise, so a sort by path
	 * segments instead of bytes would give a different order. */
	put(fx, "b.yaml");
	put(fx, "a/z.yaml");
	put(fx, "a/b/c.yaml");
	put(fx, "a.yaml");
	put(fx, "a-b.yaml");
	put(fx, "A.yaml");
	put(fx, "styrmodell.yaml");
	put(fx, "x.yml");
	put(fx, "a/b/d.yml");
	put(fx, "\xc3\xa5r.yaml"); /* "år.yaml": UTF-8 sorts after ASCII */
	/* Not candidates. */
	put(fx, "notes.txt");
	put(fx, "README.md");
	put(fx, "yaml");
	put(fx, "c.yaml.bak");
	put(fx, "d.YAML");
	put(fx, "a/b/e.yamlx");
	make_dir(fx, "empty/deeper");
	const char *expected[] = {
		"A.yaml", "a-b.yaml", "a.yaml", "a/b/c.yaml", "a/b/d.yml", "a/z.yaml",
		"b.yaml", "styrmodell.yaml", "x.yml", "\xc3\xa5r.yaml",
	};
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 0);

	/* Listing again gives the same, and frees the first listing. */
	assert_listing(fx, NULL, 0, expected, N(expected));
}

/* A memo for the walk (plan_dir_memo) that keeps what it is told in memory,
 * and can be made to remember a directory otherwise than it is. */
typedef struct memo_dir {
	char rel[64];
	struct stat st;
	char entries[512];
	size_t len;
} memo_dir;

typedef struct fake_memo {
	memo_dir dirs[8];
	size_t count;
	size_t finds, found, notes;
} fake_memo;

static memo_dir *memo_lookup(fake_memo *m, const char *rel)
{
	for (size_t i = 0; i < m->count; i++)
		if (strcmp(m->dirs[i].rel, rel) == 0)
			return &m->dirs[i];
	return NULL;
}

static int memo_find(void *ctx, const char *reldir, const struct stat *st,
	const char **entries, size_t *len)
{
	fake_memo *m = ctx;
	m->finds++;
	memo_dir *d = memo_lookup(m, reldir);
	if (!d || d->st.st_ino != st->st_ino || d->st.st_mtim.tv_sec != st->st_mtim.tv_sec ||
	    d->st.st_mtim.tv_nsec != st->st_mtim.tv_nsec)
		return 0;
	m->found++;
	*entries = d->entries;
	*len = d->len;
	return 1;
}

static void memo_note(void *ctx, const char *reldir, const struct stat *st,
	const char *entries, size_t len)
{
	fake_memo *m = ctx;
	m->notes++;
	memo_dir *d = memo_lookup(m, reldir);
	if (!d) {
		assert_true(m->count < 8);
		d = &m->dirs[m->count++];
	}
	assert_true(strlen(reldir) < sizeof d->rel && len <= sizeof d->entries);
	strcpy(d->rel, reldir);
	d->st = *st;
	memcpy(d->entries, entries, len);
	d->len = len;
}

/* Add a name to what the memo remembers of `rel`, as a regular file. */
static void memo_add(fake_memo *m, const char *rel, const char *name)
{
	memo_dir *d = memo_lookup(m, rel);
	assert_non_null(d);
	size_t n = strlen(name) + 1;
	assert_true(d->len + 1 + n <= sizeof d->entries);
	d->entries[d->len++] = (char)DT_REG;
	memcpy(d->entries + d->len, name, n);
	d->len += n;
}

/* The walk notes each directory's names, recalls them while the directory
 * keeps its stat (a name remembered but not on disk is then listed: the
 * directory was not read), reads one again once its stat moves, and reads
 * instead of believing a memo whose names could not be a directory's. */
static void test_list_remembers_directories(void **state)
{
	fixture *fx = *state;
	put(fx, "a.yaml");
	put(fx, "d/b.yaml");
	put(fx, "d/.hidden.yaml");
	make_dir(fx, "d/empty");
	fake_memo memo = { 0 };
	plan_dir_memo hooks = { &memo, memo_find, memo_note };
	size_t count = 0;
	list(fx, NULL, 0, 1000, &count);   /* opens the source */
	plan_source_remember_dirs(fx->src, &hooks);

	const char *expected[] = { "a.yaml", "d/b.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(memo.notes, 3);    /* "", "d", "d/empty" */
	assert_int_equal(memo.found, 0);
	memo_dir *d = memo_lookup(&memo, "d");
	assert_non_null(d);
	/* Hidden names are not noted: "d" holds b.yaml and empty. */
	assert_int_equal(d->len, 2 * 1 + sizeof "b.yaml" + sizeof "empty");
	assert_null(memmem(d->entries, d->len, ".hidden", 7));
	assert_int_equal(memo_lookup(&memo, "d/empty")->len, 0);

	memo_add(&memo, "d", "ghost.yaml");
	const char *recalled[] = { "a.yaml", "d/b.yaml", "d/ghost.yaml" };
	assert_listing(fx, NULL, 0, recalled, N(recalled));
	assert_int_equal(memo.found, 3);
	assert_int_equal(memo.notes, 3);

	/* A file added: the directory's stat moves, and it is read again. */
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	put(fx, "d/c.yaml");
	const char *added[] = { "a.yaml", "d/b.yaml", "d/c.yaml" };
	assert_listing(fx, NULL, 0, added, N(added));
	assert_int_equal(memo.notes, 4);

	/* Names no directory holds, remembered: not believed. */
	d = memo_lookup(&memo, "d");
	const char *bad[] = { "x/y.yaml", "..", "" };
	for (size_t i = 0; i < N(bad); i++) {
		d->len = 0;
		memo_add(&memo, "d", bad[i]);
		assert_listing(fx, NULL, 0, added, N(added));
		memo_add(&memo, "d", "ghost.yaml");
	}
	/* Nor bytes without their NUL. */
	d->len = 0;
	memo_add(&memo, "d", "ghost.yaml");
	d->len--;
	assert_listing(fx, NULL, 0, added, N(added));
	assert_int_equal(plan_diags_count(fx->diags), 0);
	plan_source_remember_dirs(fx->src, NULL);
}

/* What plan_source_list_found tells of: the paths found, as the walk finds
 * them (counted here, in any order). */
typedef struct told {
	const char *paths[16];
	size_t count;
} told;

static void note_found(void *ctx, const char *relpath)
{
	told *t = ctx;
	if (t->count < 16)
		t->paths[t->count] = relpath;
	t->count++;
}

static void test_list_found_tells_of_each_path(void **state)
{
	fixture *fx = *state;
	put(fx, "b.yaml");
	put(fx, "a/z.yaml");
	put(fx, "a/b/c.yaml");
	put(fx, "styrmodell.yaml");
	put(fx, "notes.txt");
	put(fx, "skip/x.yaml");
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	const char *ignore[] = { "skip/" };
	told t = { .count = 0 };
	const char *const *paths = NULL;
	size_t count = 0;
	assert_int_equal(plan_source_list_found(fx->src, ignore, 1, 1000, &paths, &count,
		fx->diags, note_found, &t), 0);
	assert_int_equal(count, 4);
	assert_int_equal(t.count, count);
	/* Each path of the listing told of once (the listing's own strings). */
	for (size_t i = 0; i < count; i++) {
		size_t seen = 0;
		for (size_t k = 0; k < t.count; k++)
			seen += t.paths[k] == paths[i];
		assert_int_equal(seen, 1);
	}
	/* A plain listing after it tells no one. */
	t.count = 0;
	assert_int_equal(plan_source_list(fx->src, NULL, 0, 1000, &paths, &count, fx->diags), 0);
	assert_int_equal(t.count, 0);
}

static void test_list_hidden(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, ".hidden/x.yaml");
	put(fx, ".x.yaml");
	put(fx, "a/.git/y.yaml");
	put(fx, "a/.y.yml");
	put(fx, "a/ok.yaml");
	/* Hidden directories are not entered at all: a FIFO in one is silent. */
	assert_int_equal(mkfifo(at(fx, ".hidden/p.yaml"), 0644), 0);
	const char *expected[] = { "a/ok.yaml", "styrmodell.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

static void test_list_ignore(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "keep.yaml");
	put(fx, "utkast/a.yaml");
	put(fx, "utkast/deep/b.yaml");
	put(fx, "x/utkast/kept.yaml");        /* utkast/ then ** is anchored */
	put(fx, "utkastet/kept.yaml");        /* not the directory utkast */
	put(fx, "a.draft.yaml");
	put(fx, "sub/b.draft.yaml");          /* no '/' in the glob: any depth */
	put(fx, "sub/draft.yaml");
	put(fx, "tmp/t.yaml");
	put(fx, "sub/tmp/t.yaml");
	put(fx, "sub/tmp/t.yml");             /* the glob says .yaml */
	put(fx, "sub/tmp/deeper/kept.yaml");  /* * stays within one segment */
	/* The ignored directory is pruned: nothing in it is even looked at, so
	 * neither a FIFO nor a link leading out gives a diagnostic. */
	assert_int_equal(mkfifo(at(fx, "utkast/p.yaml"), 0644), 0);
	make_link(fx, "utkast/out.yaml", "/etc/passwd");
	const char *ignore[] = { "utkast/**", "*.draft.yaml", "**/tmp/*.yaml" };
	const char *expected[] = {
		"keep.yaml", "styrmodell.yaml", "sub/draft.yaml",
		"sub/tmp/deeper/kept.yaml", "sub/tmp/t.yml",
		"utkastet/kept.yaml", "x/utkast/kept.yaml",
	};
	assert_listing(fx, ignore, N(ignore), expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

static void test_list_ignore_directory_forms(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "arkiv/a.yaml");
	put(fx, "x/arkiv/b.yaml");
	put(fx, "gammal/c.yaml");
	put(fx, "x/gammal/d.yaml");
	put(fx, "x/kvar.yaml");
	/* No '/': the directory at any depth, and all below it. A trailing '/':
	 * directories only, also at any depth (as in .gitignore). */
	const char *ignore[] = { "arkiv", "gammal/" };
	const char *expected[] = { "styrmodell.yaml", "x/kvar.yaml" };
	assert_listing(fx, ignore, N(ignore), expected, N(expected));
}

static void test_list_symlink_inside(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "real/x.yaml");
	put(fx, ".shared/s.yaml");
	make_link(fx, "alias.yaml", "real/x.yaml");     /* file link: listed too */
	make_link(fx, "abs.yml", at(fx, "real/x.yaml"));  /* absolute target */
	make_link(fx, "shared", ".shared");             /* the only way in */
	/* Sorts before "real", but real/x.yaml is listed under its real path,
	 * once, not again through the link. */
	make_link(fx, "0link", "real");
	const char *expected[] = {
		"abs.yml", "alias.yaml", "real/x.yaml", "shared/s.yaml", "styrmodell.yaml",
	};
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 0);

	/* A link is read through, to the bytes of its target. */
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "alias.yaml", 1000, &data, &len,
		fx->diags), 0);
	assert_string_equal(data, "kind: x\n");
	free(data);
	assert_int_equal(plan_source_read(fx->src, "shared/s.yaml", 1000, &data, &len,
		fx->diags), 0);
	free(data);
}

static void test_list_symlink_outside(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	char path[256];
	snprintf(path, sizeof path, "%s/o.yaml", fx->outside);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof path, "%s/LICENSE", fx->outside);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);

	/* fx->outside is fx->dir with "bc" added: outside, though a string
	 * prefix test would say inside. */
	snprintf(path, sizeof path, "%s/o.yaml", fx->outside);
	make_link(fx, "out.yaml", path);
	make_link(fx, "outdir", fx->outside);
	make_link(fx, "sub/up.yaml", "../../..");       /* a directory above */
	/* Not a plan file and not a directory: leaving it out needs no word. */
	snprintf(path, sizeof path, "%s/LICENSE", fx->outside);
	make_link(fx, "LICENSE", path);

	const char *expected[] = { "styrmodell.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(count_rule(fx->diags, "io"), 3);
	assert_non_null(strstr(the_diag(fx->diags, "io", "out.yaml")->message, "outside"));
	assert_non_null(strstr(the_diag(fx->diags, "io", "outdir")->message, "outside"));
	assert_non_null(strstr(the_diag(fx->diags, "io", "sub/up.yaml")->message, "outside"));
	assert_int_equal(plan_diags_count(fx->diags), 3);

	/* Reading it by name is refused the same way. */
	plan_diags *diags = plan_diags_new();
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "out.yaml", 1000, &data, &len, diags), -1);
	assert_null(data);
	assert_non_null(strstr(the_diag(diags, "io", "out.yaml")->message, "outside"));
	plan_diags_free(diags);
}

static void test_list_symlink_loop(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "sub/a.yaml");
	make_link(fx, "sub/up", "..");            /* back to the root */
	make_link(fx, "self", ".");
	make_link(fx, "sub/deeper/again", "../../sub");
	const char *expected[] = { "styrmodell.yaml", "sub/a.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

static void test_list_symlink_broken(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	make_link(fx, "l1.yaml", "l2.yaml");      /* a loop of file links */
	make_link(fx, "l2.yaml", "l1.yaml");
	make_link(fx, "gone.yaml", "nowhere.yaml");
	make_link(fx, "gone-dir", "nowhere");      /* not a plan file: silent */
	const char *expected[] = { "styrmodell.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 3);
	the_diag(fx->diags, "io", "l1.yaml");
	the_diag(fx->diags, "io", "l2.yaml");
	assert_non_null(strstr(the_diag(fx->diags, "io", "gone.yaml")->message,
		strerror(ENOENT)));
}

static void test_list_fifo(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	assert_int_equal(mkfifo(at(fx, "x.yaml"), 0644), 0);
	assert_int_equal(mkfifo(at(fx, "pipe"), 0644), 0);     /* not a candidate */
	make_link(fx, "via-link.yaml", "x.yaml");
	/* Opening a FIFO for reading blocks until a writer comes; if the code
	 * ever does, the alarm ends the test instead of hanging it. */
	alarm(10);
	const char *expected[] = { "styrmodell.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 2);
	assert_non_null(strstr(the_diag(fx->diags, "io", "x.yaml")->message,
		"not a regular file"));
	the_diag(fx->diags, "io", "via-link.yaml");

	plan_diags *diags = plan_diags_new();
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "x.yaml", 1000, &data, &len, diags), -1);
	assert_null(data);
	assert_non_null(strstr(the_diag(diags, "io", "x.yaml")->message,
		"not a regular file"));
	plan_diags_free(diags);
	alarm(0);
}

static void test_list_unreadable_dir(void **state)
{
	fixture *fx = *state;
	if (geteuid() == 0)
		skip(); /* root opens directories whatever their mode */
	put(fx, "styrmodell.yaml");
	put(fx, "locked/x.yaml");
	put(fx, "open/y.yaml");
	assert_int_equal(chmod(at(fx, "locked"), 0), 0);
	const char *expected[] = { "open/y.yaml", "styrmodell.yaml" };
	assert_listing(fx, NULL, 0, expected, N(expected));
	assert_non_null(strstr(the_diag(fx->diags, "io", "locked")->message,
		strerror(EACCES)));
	assert_int_equal(plan_diags_count(fx->diags), 1);
}

/* Each message of `diags`, "file: message", one a line, in order. */
static char *messages(const plan_diags *diags)
{
	plan_buf out = PLAN_BUF_INIT;
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		plan_buf_printf(&out, "%s: %s [%s]\n", d->file, d->message, d->rule);
	}
	assert_false(out.failed);
	return out.ptr ? plan_buf_detach(&out) : strdup("");
}

/* A file system that gives no entry's type (DT_UNKNOWN: each entry is then
 * stat'ed) lists the same files, with the same faults, as one that does
 * (entries taken by their type unstat'ed). */
static void test_list_entry_types_unknown(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "a/plan.yaml");
	put(fx, "a/b/c.yml");
	put(fx, "a/README.md");
	put(fx, "ignored/x.yaml");
	put(fx, "skip.yaml");
	make_dir(fx, "empty");
	make_dir(fx, "dir.yaml");                       /* a directory, named as a file */
	assert_int_equal(mkfifo(at(fx, "a/pipe.yaml"), 0644), 0);
	make_link(fx, "a/alias.yaml", "plan.yaml");
	make_link(fx, "linked", "a/b");
	make_link(fx, "gone.yaml", "nowhere.yaml");
	make_link(fx, "out.yaml", "/etc/passwd");
	alarm(10);
	const char *ignore[] = { "ignored/", "skip.yaml" };
	const char *expected[] = {
		"a/alias.yaml", "a/b/c.yml", "a/plan.yaml", "styrmodell.yaml",
	};
	assert_listing(fx, ignore, N(ignore), expected, N(expected));
	assert_int_equal(plan_diags_count(fx->diags), 3);
	char *typed = messages(fx->diags);

	plan_diags_free(fx->diags);
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	hide_types = 1;
	assert_listing(fx, ignore, N(ignore), expected, N(expected));
	hide_types = 0;
	/* Every entry of every directory walked went through the stand-in. */
	assert_true(types_hidden >= 12);
	char *untyped = messages(fx->diags);
	assert_string_equal(untyped, typed);
	free(typed);
	free(untyped);
	alarm(0);
}

static void test_list_max_files(void **state)
{
	fixture *fx = *state;
	put(fx, "styrmodell.yaml");
	put(fx, "a.yaml");
	put(fx, "b/c.yaml");
	put(fx, "b/d.yaml");
	put(fx, "e.yml");
	put(fx, "f/g/h.yaml");

	/* Exactly at the limit: all of them, no diagnostic. */
	size_t count = 0;
	list(fx, NULL, 0, 6, &count);
	assert_int_equal(count, 6);
	assert_int_equal(plan_diags_count(fx->diags), 0);

	const char *const *paths = list(fx, NULL, 0, 3, &count);
	assert_int_equal(count, 3);
	for (size_t i = 1; i < count; i++)
		assert_true(strcmp(paths[i - 1], paths[i]) < 0);
	assert_int_equal(plan_diags_count(fx->diags), 1);
	const plan_diag *d = the_diag(fx->diags, "limit", "");
	assert_non_null(strstr(d->message, "3"));
}

/* ---- reading ---- */

static void test_read_exact(void **state)
{
	fixture *fx = *state;
	/* An embedded NUL and non-ASCII bytes come back as they are. */
	static const char bytes[] = "kind: a\0b \xc3\xa5\xff\n";
	put_bytes(fx, "x.yaml", bytes, sizeof bytes - 1);
	put_bytes(fx, "empty.yaml", "", 0);
	size_t big_len = 200000;
	char *big = malloc(big_len);
	assert_non_null(big);
	for (size_t i = 0; i < big_len; i++)
		big[i] = (char)('a' + i % 26);
	put_bytes(fx, "big/b.yaml", big, big_len);

	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "x.yaml", 1000, &data, &len, fx->diags), 0);
	assert_int_equal(len, sizeof bytes - 1);
	assert_memory_equal(data, bytes, len);
	assert_int_equal(data[len], '\0');
	free(data);

	assert_int_equal(plan_source_read(fx->src, "empty.yaml", 1000, &data, &len,
		fx->diags), 0);
	assert_int_equal(len, 0);
	assert_non_null(data);
	assert_int_equal(data[0], '\0');
	free(data);

	/* Exactly the limit is allowed. */
	assert_int_equal(plan_source_read(fx->src, "big/b.yaml", big_len, &data, &len,
		fx->diags), 0);
	assert_int_equal(len, big_len);
	assert_memory_equal(data, big, big_len);
	assert_int_equal(data[len], '\0');
	free(data);
	free(big);
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

/* Read `rel` with `change` set up to happen before the first read. */
static int read_changing(fixture *fx, const char *rel, size_t max_bytes, char **data,
	size_t *len)
{
	if (!fx->src) {
		plan_error err = PLAN_ERROR_INIT;
		assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	}
	change_path = at(fx, rel);
	change_armed = 1;
	reads = 0;
	int rc = plan_source_read(fx->src, rel, max_bytes, data, len, fx->diags);
	change_path = NULL;
	change_append = NULL;
	change_truncate = -1;
	return rc;
}

static void test_read_changing(void **state)
{
	fixture *fx = *state;
	char *data = NULL;
	size_t len = 0;
	put_bytes(fx, "same.yaml", "kind: x\n", 8);
	put_bytes(fx, "empty.yaml", "", 0);
	put_bytes(fx, "grows.yaml", "kind: x\n", 8);
	put_bytes(fx, "shrinks.yaml", "kind: x\n# a comment\n", 20);
	put_bytes(fx, "to-limit.yaml", "kind: x\n", 8);
	put_bytes(fx, "past-limit.yaml", "kind: x\n", 8);

	/* Unchanged, a file takes one read, not a second to see its end. */
	assert_int_equal(read_changing(fx, "same.yaml", 1000, &data, &len), 0);
	assert_int_equal(len, 8);
	assert_string_equal(data, "kind: x\n");
	assert_int_equal(reads, 1);
	free(data);
	assert_int_equal(read_changing(fx, "empty.yaml", 1000, &data, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(reads, 1);
	free(data);

	/* Grown after the fstat, by more than the buffer's room: all of it. */
	char grown[6000];
	memset(grown, '#', sizeof grown - 2);
	grown[sizeof grown - 2] = '\n';
	grown[sizeof grown - 1] = '\0';
	change_append = grown;
	assert_int_equal(read_changing(fx, "grows.yaml", 100000, &data, &len), 0);
	assert_int_equal(len, 8 + strlen(grown));
	assert_memory_equal(data, "kind: x\n", 8);
	assert_string_equal(data + 8, grown);
	assert_true(reads >= 2);
	free(data);

	/* Cut short after the fstat: what is left, read to its end. */
	change_truncate = 8;
	assert_int_equal(read_changing(fx, "shrinks.yaml", 1000, &data, &len), 0);
	assert_int_equal(len, 8);
	assert_string_equal(data, "kind: x\n");
	free(data);

	/* Grown to exactly the limit: allowed; one byte past it: not. */
	change_append = "# 12345\n";
	assert_int_equal(read_changing(fx, "to-limit.yaml", 16, &data, &len), 0);
	assert_int_equal(len, 16);
	assert_string_equal(data, "kind: x\n# 12345\n");
	free(data);
	assert_int_equal(plan_diags_count(fx->diags), 0);
	change_append = "# 123456\n";
	data = NULL;
	assert_int_equal(read_changing(fx, "past-limit.yaml", 16, &data, &len), -1);
	assert_null(data);
	assert_string_equal(the_diag(fx->diags, "limit", "past-limit.yaml")->message,
		"file is larger than the limit of 16 bytes");
	assert_int_equal(plan_diags_count(fx->diags), 1);
}

static void test_read_too_large(void **state)
{
	fixture *fx = *state;
	char bytes[100];
	memset(bytes, 'x', sizeof bytes);
	put_bytes(fx, "big.yaml", bytes, sizeof bytes);
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "big.yaml", 99, &data, &len, fx->diags), -1);
	assert_null(data);
	const plan_diag *d = the_diag(fx->diags, "limit", "big.yaml");
	assert_string_equal(d->message, "file is larger than the limit of 99 bytes");
	assert_int_equal(count_rule(fx->diags, "io"), 0);
}

static void test_read_unreadable(void **state)
{
	fixture *fx = *state;
	if (geteuid() == 0)
		skip(); /* root reads the file whatever its mode */
	put(fx, "secret.yaml");
	assert_int_equal(chmod(at(fx, "secret.yaml"), 0), 0);
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "secret.yaml", 1000, &data, &len,
		fx->diags), -1);
	assert_null(data);
	const plan_diag *d = the_diag(fx->diags, "io", "secret.yaml");
	assert_non_null(strstr(d->message, strerror(EACCES)));
}

static void test_read_bad_paths(void **state)
{
	fixture *fx = *state;
	put(fx, "sub/x.yaml");
	make_dir(fx, "dir.yaml");
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&fx->src, at(fx, "sub"), &err), 0);
	const char *bad[] = { "../sub/x.yaml", "/etc/passwd", "", "a//b.yaml",
		"missing.yaml", "x.yaml/.." };
	for (size_t i = 0; i < N(bad); i++) {
		char *data = NULL;
		size_t len = 0;
		assert_int_equal(plan_source_read(fx->src, bad[i], 1000, &data, &len,
			fx->diags), -1);
		assert_null(data);
	}
	assert_int_equal(count_rule(fx->diags, "io"), N(bad));
	assert_non_null(strstr(the_diag(fx->diags, "io", "missing.yaml")->message,
		strerror(ENOENT)));

	plan_source_free(fx->src);
	fx->src = NULL;
	assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "dir.yaml", 1000, &data, &len,
		fx->diags), -1);
	assert_non_null(strstr(the_diag(fx->diags, "io", "dir.yaml")->message,
		"not a regular file"));
}

/* ---- plan_glob_match ---- */

typedef struct glob_case {
	const char *pattern;
	const char *path;
} glob_case;

static void test_glob_matches(void **state)
{
	(void)state;
	static const glob_case cases[] = {
		{ "*.yaml", "a.yaml" },
		{ "*.yaml", "x/y/a.yaml" },            /* no '/': last segment, any depth */
		{ "*.draft.yaml", "utkast/a.draft.yaml" },
		{ "a.yaml", "deep/er/a.yaml" },
		{ "*", "anything/at/all" },
		{ "utkast/**", "utkast/a.yaml" },      /* ** at the end */
		{ "utkast/**", "utkast/x/y/z.yaml" },
		{ "**/tmp/*.yaml", "tmp/a.yaml" },      /* ** at the start, zero segments */
		{ "**/tmp/*.yaml", "a/b/tmp/c.yaml" },
		{ "a/**/b.yaml", "a/b.yaml" },          /* ** in the middle, zero segments */
		{ "a/**/b.yaml", "a/x/y/b.yaml" },
		{ "a/**/x/**/b.yaml", "a/x/b.yaml" },
		{ "a/**/x/**/b.yaml", "a/p/x/q/x/r/b.yaml" },
		{ "**", "x.yaml" },
		{ "**", "a/b/c.yaml" },
		{ "**/**/c.yaml", "c.yaml" },
		{ "x/*.yaml", "x/a.yaml" },
		{ "x/*", "x/a.yaml" },
		{ "*/a.yaml", "dir/a.yaml" },
		{ "/top.yaml", "top.yaml" },            /* a leading '/' only anchors */
		{ "?.yaml", "a.yaml" },
		{ "?.yaml", "\xc3\xa5.yaml" },          /* ? is one character, not byte */
		{ "m\xc3\xa5l/*.yaml", "m\xc3\xa5l/x.yaml" },
		{ "[abc].yaml", "b.yaml" },
		{ "[a-c].yaml", "c.yaml" },
		{ "[!a-c].yaml", "d.yaml" },
		{ "[^a-c].yaml", "d.yaml" },
		{ "[]].yaml", "].yaml" },               /* ']' first is a member */
		{ "[!]].yaml", "a.yaml" },
		{ "[a-].yaml", "-.yaml" },              /* '-' last is a member */
		{ "[\xc3\xa5\xc3\xa4\xc3\xb6].yaml", "\xc3\xa4.yaml" },
		{ "[a-\xc3\xb6]x", "\xc3\xa5x" },
		{ "[x", "[x" },                         /* unterminated: literal '[' */
		{ "a*b*c", "abc" },
		{ "a*b*c", "aXXbYYc" },
		{ "a**b", "aXb" },                      /* ** inside a segment is * */
		{ "*a*b", "xxaxxaxxb" },
		{ "2024-*-v??.yaml", "plan/2024-mars-v01.yaml" },
		{ "", "" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		if (plan_glob_match(cases[i].pattern, cases[i].path) != 1)
			fail_msg("'%s' should match '%s'", cases[i].pattern, cases[i].path);
	}
}

static void test_glob_mismatches(void **state)
{
	(void)state;
	static const glob_case cases[] = {
		{ "*.yaml", "a.yml" },
		{ "*.yaml", "a.yaml/b" },
		{ "x/*.yaml", "x/y/a.yaml" },           /* * stays within a segment */
		{ "x/*.yaml", "y/x/a.yaml" },           /* with a '/', anchored */
		{ "*/a.yaml", "a.yaml" },
		{ "*/a.yaml", "p/q/a.yaml" },
		{ "utkast/**", "utkast" },              /* ** at the end: below only */
		{ "utkast/**", "utkastet/a.yaml" },
		{ "utkast/**", "a/utkast/b.yaml" },
		{ "**/tmp/*.yaml", "tmp/x/a.yaml" },
		{ "**/tmp/*.yaml", "tmpx/a.yaml" },
		{ "**/tmp/*.yaml", "a/tmp" },
		{ "a/**/b.yaml", "a/x/c.yaml" },
		{ "a/**/b.yaml", "b.yaml" },
		{ "a/**/b.yaml", "ab.yaml" },
		{ "/top.yaml", "sub/top.yaml" },
		{ "?.yaml", "ab.yaml" },
		{ "?.yaml", ".yaml" },
		{ "a?b", "a/b" },                       /* ? never matches '/' */
		{ "a*b", "a/b" },
		{ "[abc].yaml", "d.yaml" },
		{ "[!a-c].yaml", "b.yaml" },
		{ "[a-c].yaml", "B.yaml" },
		{ "[\xc3\xa5\xc3\xa4].yaml", "\xc3\xb6.yaml" },
		{ "[x", "x" },
		{ "a*b*c", "abx" },
		{ "dir/", "dir" },                      /* directories only */
		{ "dir/", "dir/a.yaml" },
		{ "*.yaml", "" },
		{ "a", "" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		if (plan_glob_match(cases[i].pattern, cases[i].path) != 0)
			fail_msg("'%s' should not match '%s'", cases[i].pattern, cases[i].path);
	}
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void test_glob_pathological(void **state)
{
	(void)state;
	/* A regression to exponential backtracking would not finish at all: the
	 * alarm turns that into a failure instead of a hang. */
	alarm(30);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);

	/* Within one segment: exponential for naive backtracking. */
	plan_buf pat = PLAN_BUF_INIT, path = PLAN_BUF_INIT;
	for (int i = 0; i < 30; i++)
		plan_buf_puts(&pat, "*a");
	plan_buf_puts(&pat, "*b");
	for (int i = 0; i < 20000; i++)
		plan_buf_putc(&path, 'a');
	assert_false(pat.failed || path.failed);
	assert_int_equal(plan_glob_match(pat.ptr, path.ptr), 0);
	plan_buf_putc(&path, 'b');
	assert_int_equal(plan_glob_match(pat.ptr, path.ptr), 1);

	/* Across segments: many `**` against a deep path that almost matches. */
	plan_buf_clear(&pat);
	plan_buf_clear(&path);
	for (int i = 0; i < 30; i++)
		plan_buf_puts(&pat, "**/a*/");
	plan_buf_puts(&pat, "b");
	for (int i = 0; i < 2000; i++)
		plan_buf_puts(&path, "aaaa/");
	plan_buf_puts(&path, "c");
	assert_false(pat.failed || path.failed);
	assert_int_equal(plan_glob_match(pat.ptr, path.ptr), 0);

	/* Classes and ? in place of literals do not change the bound. */
	plan_buf_clear(&pat);
	for (int i = 0; i < 30; i++)
		plan_buf_puts(&pat, "*[a-z]?");
	plan_buf_puts(&pat, "[!a-z]");
	plan_buf_clear(&path);
	for (int i = 0; i < 20000; i++)
		plan_buf_putc(&path, 'q');
	assert_int_equal(plan_glob_match(pat.ptr, path.ptr), 0);

	plan_buf_free(&pat);
	plan_buf_free(&path);
	alarm(0);
	double elapsed = seconds_since(&start);
	if (elapsed > 2.0)
		fail_msg("pathological globs took %.2f s", elapsed);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_root_from_subdirectory),
		T(test_root_from_file),
		T(test_root_nearest_wins),
		T(test_root_not_found),
		T(test_root_find_file),
		T(test_overlay),
		T(test_open_dir_errors),
		T(test_list_sorted),
		T(test_list_remembers_directories),
		T(test_list_found_tells_of_each_path),
		T(test_list_hidden),
		T(test_list_ignore),
		T(test_list_ignore_directory_forms),
		T(test_list_symlink_inside),
		T(test_list_symlink_outside),
		T(test_list_symlink_loop),
		T(test_list_symlink_broken),
		T(test_list_fifo),
		T(test_list_unreadable_dir),
		T(test_list_entry_types_unknown),
		T(test_list_max_files),
		T(test_read_exact),
		T(test_read_changing),
		T(test_read_too_large),
		T(test_read_unreadable),
		T(test_read_bad_paths),
		cmocka_unit_test(test_glob_matches),
		cmocka_unit_test(test_glob_mismatches),
		cmocka_unit_test(test_glob_pathological),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
