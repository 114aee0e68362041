/* Unit tests for the result cache: a file's result written and read back
 * as it was (trees, sharing, presumed keys, diagnostics with their details,
 * directives), every damaged entry a miss and never a crash, keys that keep
 * settings apart, the size bound, and a plan set loaded twice on one cache
 * giving the same diagnostics from cached results. */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/buf.h"
#include "plan/arena.h"
#include "plan/cache.h"
#include "plan/diag.h"
#include "plan/load.h"
#include "plan/model.h"
#include "plan/set.h"
#include "plan/suppress.h"

/* The codec is private to the library; its two functions are all a test
 * of it needs. */
#include "../../lib/cache_entry.h"
#include "../../lib/cache_index.h"

static const char text[] =
	"kind: arbetsplan  # plan-validate: disable-line schema -- test\n"
	"id: A-1\n"
	"base: &base\n"
	"  owner: ks\n"
	"  list: [1, 2.5, -3e2, true, null, \"q\\u0000z\"]\n"
	"copy: *base\n"
	"again: *base\n"
	"empty: {}\n"
	"block: |\n"
	"  two\n"
	"  lines\n"
	"---\n"
	"---\n"
	"- a\n";

static plan_file_result make_result(void)
{
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_file_result r = { NULL, plan_diags_new(), NULL };
	assert_non_null(r.diags);
	assert_int_equal(plan_suppressions_scan(&r.suppressions, "a/b.yaml", text, strlen(text),
	                                        r.diags), 0);
	assert_int_equal(plan_file_parse(&r.file, "a/b.yaml", text, strlen(text), &limits, r.diags), 0);
	assert_int_equal(plan_file_presume(r.file, r.file->docs[0].root, "responsible"), 0);
	assert_int_equal(plan_diags_add(r.diags, "a/b.yaml", 2, 5, "schema", "goals[id=X].title",
	                                "a message with \"quotes\" and åäö"), 0);
	plan_diag_detail detail = PLAN_DIAG_DETAIL_INIT;
	detail.pointer = "/goals/0/title";
	detail.item = "X";
	detail.suggestion = "title";
	detail.end_line = 2;
	detail.end_column = 9;
	assert_int_equal(plan_diags_detail(r.diags, &detail), 0);
	assert_int_equal(plan_diags_add(r.diags, "a/b.yaml", 0, 0, "not-a-plan-document", NULL,
	                                "whole file"), 0);
	return r;
}

static void assert_same_node(const plan_node *a, const plan_node *b)
{
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->is_integer, b->is_integer);
	assert_int_equal(a->quoted, b->quoted);
	assert_int_equal(a->bool_value, b->bool_value);
	assert_int_equal(a->shared, b->shared);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->column, b->column);
	assert_int_equal(a->len, b->len);
	if (a->type == PLAN_NODE_MAPPING) {
		assert_int_equal(a->size, b->size);
		for (uint32_t i = 0; i < a->len; i++) {
			assert_same_node(a->u.pairs[i].key, b->u.pairs[i].key);
			assert_same_node(a->u.pairs[i].value, b->u.pairs[i].value);
		}
	} else if (a->type == PLAN_NODE_SEQUENCE) {
		assert_int_equal(a->size, b->size);
		for (uint32_t i = 0; i < a->len; i++)
			assert_same_node(a->u.items[i], b->u.items[i]);
	} else {
		assert_memory_equal(a->u.text, b->u.text, a->len);
		assert_int_equal(b->u.text[b->len], '\0');
		if (a->type == PLAN_NODE_NUMBER) {
			assert_true(a->number == b->number);
		} else {
			assert_int_equal(a->end.line, b->end.line);
			assert_int_equal(a->end.column, b->end.column);
		}
	}
}

static void assert_same_string(const char *a, const char *b)
{
	if (!a)
		assert_null(b);
	else
		assert_string_equal(a, b);
}

static void assert_same_result(const plan_file_result *a, const plan_file_result *b)
{
	assert_string_equal(a->file->path, b->file->path);
	assert_null(b->file->text);
	assert_int_equal(a->file->len, b->file->len);
	assert_int_equal(a->file->truncated, b->file->truncated);
	assert_int_equal(a->file->ndocs, b->file->ndocs);
	for (size_t i = 0; i < a->file->ndocs; i++) {
		assert_int_equal(a->file->docs[i].line, b->file->docs[i].line);
		assert_int_equal(a->file->docs[i].column, b->file->docs[i].column);
		if (!a->file->docs[i].root)
			assert_null(b->file->docs[i].root);
		else
			assert_same_node(a->file->docs[i].root, b->file->docs[i].root);
	}
	assert_int_equal(a->file->npresumed, b->file->npresumed);
	for (size_t i = 0; i < a->file->npresumed; i++)
		assert_true(plan_file_presumes(b->file, a->file->docs[0].root,
		                               a->file->presumed[i].key));
	assert_int_equal(plan_diags_count(a->diags), plan_diags_count(b->diags));
	for (size_t i = 0; i < plan_diags_count(a->diags); i++) {
		const plan_diag *x = plan_diags_get(a->diags, i), *y = plan_diags_get(b->diags, i);
		assert_string_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->column, y->column);
		assert_int_equal(x->severity, y->severity);
		assert_ptr_equal(x->rule, y->rule);   /* the catalogue's own string */
		assert_same_string(x->key, y->key);
		assert_string_equal(x->message, y->message);
		assert_same_string(x->item, y->item);
		assert_same_string(x->pointer, y->pointer);
		assert_same_string(x->suggestion, y->suggestion);
		assert_int_equal(x->end_line, y->end_line);
		assert_int_equal(x->end_column, y->end_column);
	}
	assert_int_equal(plan_suppressions_count(a->suppressions),
	                 plan_suppressions_count(b->suppressions));
}

static void round_trip(void **state)
{
	(void)state;
	plan_file_result r = make_result();
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_result_encode(&buf, &r, NULL), 0);
	plan_file_result back;
	assert_int_equal(plan_result_decode(&back, "a/b.yaml", (const unsigned char *)buf.ptr,
	                                    buf.len, PLAN_LANG_EN, NULL), 0);
	assert_same_result(&r, &back);
	/* Read back into one block of exactly the trees' size. */
	assert_int_equal(plan_arena_used(back.file->arena), plan_arena_reserved(back.file->arena));
	/* The aliases name one node, as in the file. */
	const plan_node *root = back.file->docs[0].root;
	assert_ptr_equal(plan_node_get(root, "copy"), plan_node_get(root, "base"));
	assert_ptr_equal(plan_node_get(root, "again"), plan_node_get(root, "base"));
	/* The scalar with a NUL in it keeps its length. */
	const plan_node *list = plan_node_get(plan_node_get(root, "base"), "list");
	assert_int_equal(list->u.items[5]->len, 3);
	plan_file_result_release(&back);
	plan_file_result_release(&r);
	plan_buf_free(&buf);
}

/* Every prefix of an entry, and every entry with one byte changed, reads
 * back as nothing or as something whole: never a crash (ASan watches). */
/* With the lists a cache prunes to, keys they name read back as the lists'
 * own strings (as a pruned copy has them), others as copies; the block is
 * still exactly the trees' size. */
static void round_trip_with_lists(void **state)
{
	(void)state;
	static const char *const keys[] = { "kind", "owner", "ks" };
	static const plan_keys lists = { keys, 3, NULL, 0, NULL };
	plan_keep *keep = NULL;
	assert_int_equal(plan_keep_new(&keep, &lists), 0);
	plan_file_result r = make_result();
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_result_encode(&buf, &r, keep), 0);
	plan_file_result back;
	assert_int_equal(plan_result_decode(&back, "a/b.yaml", (const unsigned char *)buf.ptr,
	                                    buf.len, PLAN_LANG_EN, keep), 0);
	assert_same_result(&r, &back);
	assert_int_equal(plan_arena_used(back.file->arena), plan_arena_reserved(back.file->arena));
	const plan_node *root = back.file->docs[0].root;
	assert_ptr_equal(root->u.pairs[0].key->u.text, plan_keep_text(keep, "kind", 4));
	assert_ptr_equal(plan_node_get(root, "base")->u.pairs[0].key->u.text,
		plan_keep_text(keep, "owner", 5));
	assert_string_equal(root->u.pairs[1].key->u.text, "id");
	assert_null(plan_keep_text(keep, "id", 2));
	/* A value that reads like a listed key is still a copy of its own. */
	assert_ptr_not_equal(plan_node_get(plan_node_get(root, "base"), "owner")->u.text,
		plan_keep_text(keep, "ks", 2));
	plan_file_result_release(&back);
	plan_file_result_release(&r);
	plan_buf_free(&buf);
	plan_keep_free(keep);
}

static void damaged_bytes(void **state)
{
	(void)state;
	plan_file_result r = make_result();
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_result_encode(&buf, &r, NULL), 0);
	unsigned char *copy = malloc(buf.len);
	assert_non_null(copy);
	for (size_t n = 0; n < buf.len; n++) {
		plan_file_result back;
		assert_int_equal(plan_result_decode(&back, "a/b.yaml", (const unsigned char *)buf.ptr,
		                                    n, PLAN_LANG_EN, NULL), -1);
		assert_null(back.file);
	}
	static const unsigned char values[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
	for (size_t i = 0; i < buf.len; i++)
		for (size_t v = 0; v < sizeof values; v++) {
			memcpy(copy, buf.ptr, buf.len);
			copy[i] = values[v];
			plan_file_result back;
			if (plan_result_decode(&back, "a/b.yaml", copy, buf.len, PLAN_LANG_EN, NULL) == 0)
				plan_file_result_release(&back);
		}
	free(copy);
	plan_file_result_release(&r);
	plan_buf_free(&buf);
}

/* --- the store ----------------------------------------------------------------- */

static char dir[64];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return remove(path);
}

static int make_dir(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/plan-cache-test.XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static const unsigned char blob[PLAN_CACHE_ID_BYTES] = { 1, 2, 3 };

/* The entry's file for `key`, as cache.c names it. */
static void entry_file(char *out, size_t size, const plan_cache_key *key)
{
	char hex[41];
	for (int i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", key->id[i]);
	snprintf(out, size, "%s/cache/%.2s/%s", dir, hex, hex + 2);
}

static plan_cache *open_cache(plan_lang lang, const plan_keys *keep)
{
	char path[128];
	snprintf(path, sizeof path, "%s/cache", dir);
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_cache *cache = NULL;
	assert_int_equal(plan_cache_open(&cache, path, lang, &limits, keep, 0), 0);
	return cache;
}

static void put_and_get(void **state)
{
	(void)state;
	plan_cache *cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	plan_file_result r = make_result();
	plan_cache_key key, other;
	plan_cache_key_make(&key, cache, 1, "a/b.yaml", blob);
	plan_file_result got;
	assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 0);
	plan_cache_put(cache, &key, &r);
	assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 1);
	assert_same_result(&r, &got);
	plan_file_result_release(&got);

	/* Another path, blob, pruning or language: another key. */
	plan_cache_key_make(&other, cache, 1, "a/c.yaml", blob);
	assert_memory_not_equal(key.id, other.id, 20);
	plan_cache_key_make(&other, cache, 0, "a/b.yaml", blob);
	assert_memory_not_equal(key.id, other.id, 20);
	unsigned char blob2[PLAN_CACHE_ID_BYTES] = { 1, 2, 4 };
	plan_cache_key_make(&other, cache, 1, "a/b.yaml", blob2);
	assert_memory_not_equal(key.id, other.id, 20);
	plan_cache *sv = open_cache(PLAN_LANG_SV, &plan_model_keys);
	plan_cache_key_make(&other, sv, 1, "a/b.yaml", blob);
	assert_memory_not_equal(key.id, other.id, 20);
	assert_int_equal(plan_cache_get(sv, &other, "a/b.yaml", &got), 0);
	/* With other lists of keys, whole trees are still whole trees. */
	plan_cache *whole = open_cache(PLAN_LANG_EN, NULL);
	plan_cache_key_make(&other, whole, 1, "a/b.yaml", blob);
	assert_memory_equal(key.id, other.id, 20);
	plan_cache_key_make(&other, whole, 0, "a/b.yaml", blob);
	assert_memory_equal(key.id, other.id, 20);
	plan_cache_close(whole);
	plan_cache_close(sv);

	plan_cache_stats stats = plan_cache_get_stats(cache);
	assert_int_equal(stats.hits, 1);
	assert_int_equal(stats.misses, 1);
	assert_int_equal(stats.written, 1);
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

/* Overwrite the entry's file with `bytes` (or cut it to `cut` bytes). */
static void spoil(const plan_cache_key *key, long cut, const char *bytes, long at)
{
	char path[160];
	entry_file(path, sizeof path, key);
	if (cut >= 0)
		assert_int_equal(truncate(path, cut), 0);
	if (bytes) {
		int fd = open(path, O_WRONLY);
		assert_true(fd >= 0);
		assert_int_equal(pwrite(fd, bytes, strlen(bytes), at), (ssize_t)strlen(bytes));
		close(fd);
	}
}

static void damaged_entries(void **state)
{
	(void)state;
	plan_cache *cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	plan_file_result r = make_result(), got;
	plan_cache_key key;
	plan_cache_key_make(&key, cache, 0, "a/b.yaml", blob);
	struct {
		long cut;
		const char *bytes;
		long at;
	} cases[] = {
		{ 30, NULL, 0 },          /* cut inside the header */
		{ 60, NULL, 0 },          /* cut inside the body */
		{ 0, NULL, 0 },           /* empty */
		{ -1, "XXXX", 0 },        /* another magic */
		{ -1, "\x01\x02\x03\x04", 10 }, /* another key in the header */
		{ -1, "\xff\xff", 70 },   /* the body changed */
		{ 0, "not an entry at all, a file someone left here\n", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		plan_cache_put(cache, &key, &r);
		spoil(&key, cases[i].cut, cases[i].bytes, cases[i].at);
		assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 0);
		/* ...and written anew. */
		plan_cache_put(cache, &key, &r);
		assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 1);
		plan_file_result_release(&got);
	}
	/* A directory where the entry should be: a miss, and nothing kept. */
	char path[160];
	entry_file(path, sizeof path, &key);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 0);
	plan_cache_put(cache, &key, &r);
	assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 0);
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

static void size_bound(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/cache", dir);
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_cache *cache = NULL;
	assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, 20000), 0);
	plan_file_result r = make_result();
	unsigned char b[PLAN_CACHE_ID_BYTES] = { 0 };
	size_t one = 0;
	for (int i = 0; i < 200; i++) {
		b[0] = (unsigned char)i;
		plan_cache_key key;
		plan_cache_key_make(&key, cache, 1, "a/b.yaml", b);
		plan_cache_put(cache, &key, &r);
		if (i == 0) {
			char file[160];
			struct stat st;
			entry_file(file, sizeof file, &key);
			assert_int_equal(stat(file, &st), 0);
			one = (size_t)st.st_size;
		}
	}
	/* A foreign file in the directory is left alone. */
	char foreign[160];
	snprintf(foreign, sizeof foreign, "%s/00", path);
	mkdir(foreign, 0700);
	snprintf(foreign, sizeof foreign, "%s/00/README", path);
	FILE *f = fopen(foreign, "w");
	assert_non_null(f);
	fclose(f);
	plan_cache_trim(cache);
	size_t left = 0, total = 0;
	for (int i = 0; i < 200; i++) {
		b[0] = (unsigned char)i;
		plan_cache_key key;
		plan_cache_key_make(&key, cache, 1, "a/b.yaml", b);
		plan_file_result got;
		if (plan_cache_get(cache, &key, "a/b.yaml", &got)) {
			left++;
			plan_file_result_release(&got);
		}
	}
	total = left * one;
	assert_true(left > 0);
	assert_true(total <= 20000);
	struct stat st;
	assert_int_equal(stat(foreign, &st), 0);
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

static void inside(void **state)
{
	(void)state;
	char root[128], sub[256], link[160];
	snprintf(root, sizeof root, "%s", dir);
	snprintf(sub, sizeof sub, "%s/not/made/yet", dir);
	assert_int_equal(plan_cache_inside(sub, root), 1);
	assert_int_equal(plan_cache_inside(root, root), 1);
	snprintf(sub, sizeof sub, "%sx/cache", dir);
	assert_int_equal(plan_cache_inside(sub, root), 0);
	assert_int_equal(plan_cache_inside("/", root), 0);
	/* Through a link from outside. */
	snprintf(link, sizeof link, "%s-link", dir);
	unlink(link);
	assert_int_equal(symlink(dir, link), 0);
	snprintf(sub, sizeof sub, "%s/c", link);
	assert_int_equal(plan_cache_inside(sub, root), 1);
	unlink(link);
}

static void unusable(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "%s/file", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_cache *cache = NULL;
	assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, 0), -1);
	snprintf(path, sizeof path, "%s/file/below", dir);
	assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, 0), -1);
	assert_null(cache);
	/* Anyone may write it: not used. */
	snprintf(path, sizeof path, "%s/open", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(chmod(path, 0777), 0);
	assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, 0), -1);
	assert_int_equal(chmod(path, 0755), 0);
	assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, 0), 0);
	plan_cache_close(cache);
}

/* --- the working tree's index ---------------------------------------------------- */

static struct stat settled_stat(long age)
{
	struct stat st;
	memset(&st, 0, sizeof st);
	st.st_mode = S_IFREG | 0644;
	st.st_size = 100;
	st.st_ino = 7;
	st.st_mtim.tv_sec = time(NULL) - age;
	st.st_ctim.tv_sec = time(NULL) - age;
	return st;
}

static void index_kept(void **state)
{
	(void)state;
	plan_cache_index *index = NULL;
	unsigned char got[PLAN_CACHE_ID_BYTES];
	struct stat old = settled_stat(60), fresh = settled_stat(0);
	assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
	assert_int_equal(plan_cache_index_find(index, "a.yaml", &old, got), 0);
	plan_cache_index_note(index, "a.yaml", &old, blob);
	/* Changed a moment ago: a change to come could keep this stat. */
	plan_cache_index_note(index, "b.yaml", &fresh, blob);
	assert_int_equal(plan_cache_index_find(index, "a.yaml", &old, got), 1);
	assert_int_equal(plan_cache_index_find(index, "b.yaml", &fresh, got), 0);
	plan_cache_index_close(index);

	assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
	memset(got, 0, sizeof got);
	assert_int_equal(plan_cache_index_find(index, "a.yaml", &old, got), 1);
	assert_memory_equal(got, blob, sizeof got);
	struct stat changed = old;
	changed.st_size = 101;
	assert_int_equal(plan_cache_index_find(index, "a.yaml", &changed, got), 0);
	changed = old;
	changed.st_mtim.tv_nsec = 1;
	assert_int_equal(plan_cache_index_find(index, "a.yaml", &changed, got), 0);
	plan_cache_index_close(index);

	/* Another root, another index. */
	assert_int_equal(plan_cache_index_open(&index, dir, "/other"), 0);
	assert_int_equal(plan_cache_index_find(index, "a.yaml", &old, got), 0);
	plan_cache_index_close(index);
}

static void index_damaged(void **state)
{
	(void)state;
	plan_cache_index *index = NULL;
	unsigned char got[PLAN_CACHE_ID_BYTES];
	struct stat old = settled_stat(60);
	assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
	plan_cache_index_note(index, "a.yaml", &old, blob);
	plan_cache_index_close(index);
	char trees[160];
	snprintf(trees, sizeof trees, "%s/trees", dir);
	DIR *d = opendir(trees);
	assert_non_null(d);
	struct dirent *de;
	char file[512] = "";
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			snprintf(file, sizeof file, "%s/%s", trees, de->d_name);
	closedir(d);
	assert_true(file[0]);
	struct stat st;
	assert_int_equal(stat(file, &st), 0);
	for (off_t at = 0; at < st.st_size; at += 3) {
		assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
		plan_cache_index_note(index, "a.yaml", &old, blob);
		plan_cache_index_close(index);
		/* One byte changed, whatever it was. */
		int fd = open(file, O_RDWR);
		assert_true(fd >= 0);
		unsigned char c;
		assert_int_equal(pread(fd, &c, 1, at), 1);
		c ^= 0x55;
		assert_int_equal(pwrite(fd, &c, 1, at), 1);
		close(fd);
		assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
		assert_int_equal(plan_cache_index_find(index, "a.yaml", &old, got), 0);
		plan_cache_index_close(index);
	}
}

/* --- a plan set on a cache ---------------------------------------------------------- */

static plan_set *load(const char *cache, const plan_keys *keep)
{
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = PLAN_TEST_DIR "/../examples/broken";
	options.cache = cache;
	options.keep = keep;
	options.jobs = 2;
	plan_error err = PLAN_ERROR_INIT;
	plan_set *set = NULL;
	assert_int_equal(plan_set_load(&set, &options, &err), 0);
	return set;
}

static void assert_same_diags(plan_diags *a, plan_diags *b)
{
	assert_int_equal(plan_diags_count(a), plan_diags_count(b));
	for (size_t i = 0; i < plan_diags_count(a); i++) {
		const plan_diag *x = plan_diags_get(a, i), *y = plan_diags_get(b, i);
		assert_string_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_string_equal(x->message, y->message);
		assert_same_string(x->key, y->key);
		assert_same_string(x->item, y->item);
		assert_same_string(x->pointer, y->pointer);
	}
}

static void set_twice(void **state)
{
	(void)state;
	const plan_keys *keeps[] = { &plan_model_keys, NULL };
	for (size_t k = 0; k < 2; k++) {
		/* One cache each: styrmodell.yaml is kept whole either way. */
		char path[128];
		snprintf(path, sizeof path, "%s/cache%zu", dir, k);
		plan_set *none = load(NULL, keeps[k]);
		plan_set *cold = load(path, keeps[k]);
		plan_set *warm = load(path, keeps[k]);
		size_t files = plan_set_file_count(warm);
		assert_true(files > 1);
		assert_int_equal(plan_set_cache_stats(none).hits, 0);
		assert_int_equal(plan_set_cache_stats(cold).hits, 0);
		assert_int_equal(plan_set_cache_stats(cold).written, files);
		assert_int_equal(plan_set_cache_stats(warm).hits, files);
		assert_int_equal(plan_set_cache_stats(warm).written, 0);
		assert_same_diags(plan_set_diags(none), plan_set_diags(warm));
		assert_same_diags(plan_set_suppressed(none), plan_set_suppressed(warm));
		assert_int_equal(plan_set_document_count(none), plan_set_document_count(warm));
		plan_set_free(none);
		plan_set_free(cold);
		plan_set_free(warm);
	}
}

/* A cache directory named inside the plan set is refused; the default
 * place there is quietly not used. */
static void set_inside(void **state)
{
	(void)state;
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = PLAN_TEST_DIR "/../examples/broken";
	options.cache = PLAN_TEST_DIR "/../examples/broken/.cache";
	plan_error err = PLAN_ERROR_INIT;
	plan_set *set = NULL;
	assert_int_equal(plan_set_load(&set, &options, &err), -1);
	assert_non_null(strstr(err.message, "inside the plan set"));
	struct stat st;
	assert_int_equal(stat(PLAN_TEST_DIR "/../examples/broken/.cache", &st), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(round_trip_with_lists),
		cmocka_unit_test(damaged_bytes),
		cmocka_unit_test_setup_teardown(put_and_get, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(damaged_entries, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(size_bound, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(inside, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(unusable, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(index_kept, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(index_damaged, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(set_twice, make_dir, remove_dir),
		cmocka_unit_test(set_inside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
