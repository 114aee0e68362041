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
#include "../../lib/cache_pack.h"
#include "../../lib/hash.h"

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

/* Read back into a borrowed arena: the same result, the trees in that
 * arena, and a file that owns none of them, so that freeing it frees
 * nothing and the arena can go after it. A failed decoding leaves the
 * arena as it was, to be freed whole. */
static void round_trip_into(void **state)
{
	(void)state;
	plan_file_result r = make_result();
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_result_encode(&buf, &r, NULL), 0);
	plan_arena *into = plan_arena_new_large();
	assert_non_null(into);
	plan_file_result back;
	assert_int_equal(plan_result_decode_into(&back, "a/b.yaml", (const unsigned char *)buf.ptr,
	                                         buf.len, PLAN_LANG_EN, NULL, into), 0);
	assert_same_result(&r, &back);
	assert_null(back.file->arena);
	size_t used = plan_arena_used(into);
	assert_true(used > 0);
	plan_file_result_release(&back);   /* frees the diagnostics, not the trees */
	assert_int_equal(plan_arena_used(into), used);
	plan_file_result cut;
	assert_int_equal(plan_result_decode_into(&cut, "a/b.yaml", (const unsigned char *)buf.ptr,
	                                         buf.len - 3, PLAN_LANG_EN, NULL, into), -1);
	assert_null(cut.file);
	plan_file_result again;
	assert_int_equal(plan_result_decode_into(&again, "a/b.yaml", (const unsigned char *)buf.ptr,
	                                         buf.len, PLAN_LANG_EN, NULL, into), 0);
	assert_same_result(&r, &again);
	plan_file_result_release(&again);
	plan_arena_free(into);
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

static struct stat settled_stat(long age);

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

static plan_cache *open_cache(plan_lang lang, const plan_keys *keep)
{
	char path[128];
	snprintf(path, sizeof path, "%s/cache", dir);
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_cache *cache = NULL;
	assert_int_equal(plan_cache_open(&cache, path, lang, &limits, keep, 0), 0);
	assert_int_equal(plan_cache_set_root(cache, "/plans"), 0);
	return cache;
}

/* The one pack under the cache's trees/ (with "/plans" as its root), or
 * "" when there is none. */
static void pack_file(char *out, size_t size)
{
	char trees[160];
	snprintf(trees, sizeof trees, "%s/cache/trees", dir);
	out[0] = '\0';
	DIR *d = opendir(trees);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n > 5 && strcmp(de->d_name + n - 5, ".pack") == 0)
			snprintf(out, size, "%s/%s", trees, de->d_name);
	}
	if (d)
		closedir(d);
}

static int get(plan_cache *cache, const plan_cache_key *key)
{
	plan_file_result got;
	int hit = plan_cache_get(cache, key, "a/b.yaml", &got);
	if (hit)
		plan_file_result_release(&got);
	return hit;
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
	plan_cache_stats stats = plan_cache_get_stats(cache);
	assert_int_equal(stats.misses, 1);
	assert_int_equal(stats.written, 1);
	assert_int_equal(stats.reads, 1);
	/* Written into the pack when the cache is closed. */
	plan_cache_close(cache);
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	assert_int_equal(plan_cache_get(cache, &key, "a/b.yaml", &got), 1);
	assert_same_result(&r, &got);
	plan_file_result_release(&got);
	assert_int_equal(get(cache, &key), 1);

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

	/* Another root: another pack. */
	const plan_limits limits = PLAN_LIMITS_INIT;
	char path[128];
	snprintf(path, sizeof path, "%s/cache", dir);
	plan_cache *elsewhere = NULL;
	assert_int_equal(plan_cache_open(&elsewhere, path, PLAN_LANG_EN, &limits,
	                                 &plan_model_keys, 0), 0);
	assert_int_equal(plan_cache_set_root(elsewhere, "/other"), 0);
	assert_int_equal(get(elsewhere, &key), 0);
	/* Too late to name the root once the pack was read. */
	assert_int_equal(plan_cache_set_root(elsewhere, "/plans"), -1);
	plan_cache_close(elsewhere);

	stats = plan_cache_get_stats(cache);
	assert_int_equal(stats.hits, 2);
	assert_int_equal(stats.misses, 0);
	assert_int_equal(stats.written, 0);
	assert_int_equal(stats.reads, 1);
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

/* --- the pack ---------------------------------------------------------------------- */

static plan_pack_entry pack_entry(unsigned char first, const char *bytes)
{
	plan_pack_entry e;
	memset(&e, 0, sizeof e);
	e.id[0] = first;
	e.bytes = (const unsigned char *)bytes;
	e.len = strlen(bytes);
	e.hash = plan_checksum(bytes, e.len);
	return e;
}

static void parse_copy(plan_pack *pack, const char *bytes, size_t len)
{
	unsigned char *data = malloc(len ? len : 1);
	assert_non_null(data);
	memcpy(data, bytes, len);
	plan_pack_parse(pack, data, len);
}

/* Read back as written: sorted, one entry per id (the first given), each
 * checked; and any prefix or byte changed gives entries that are whole or
 * none, never a crash (ASan watches). */
static void pack_bytes(void **state)
{
	(void)state;
	plan_pack_entry in[] = {
		pack_entry(9, "nine"), pack_entry(3, "three"), pack_entry(9, "nine again"),
		pack_entry(5, ""), pack_entry(7, "seven"),
	};
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_pack_encode(&buf, in, 5), 4);
	plan_pack pack;
	parse_copy(&pack, buf.ptr, buf.len);
	assert_int_equal(pack.count, 4);
	const char *want[] = { "three", "", "seven", "nine" };
	for (size_t i = 0; i < 4; i++) {
		plan_pack_entry e;
		size_t at;
		unsigned char id[PLAN_CACHE_ID_BYTES] = { (unsigned char)(3 + 2 * i) };
		assert_int_equal(plan_pack_find(&pack, id, &at), 0);
		assert_int_equal(at, i);
		assert_int_equal(plan_pack_entry_at(&pack, at, 1, &e), 0);
		assert_int_equal(e.len, strlen(want[i]));
		assert_memory_equal(e.bytes, want[i], e.len);
	}
	unsigned char absent[PLAN_CACHE_ID_BYTES] = { 4 };
	size_t at;
	assert_int_equal(plan_pack_find(&pack, absent, &at), -1);
	plan_pack_free(&pack);

	/* An empty pack. */
	plan_buf none = PLAN_BUF_INIT;
	assert_int_equal(plan_pack_encode(&none, in, 0), 0);
	parse_copy(&pack, none.ptr, none.len);
	assert_int_equal(pack.count, 0);
	assert_int_equal(plan_pack_find(&pack, absent, &at), -1);
	plan_pack_free(&pack);
	plan_buf_free(&none);

	/* Every prefix: the table whole or no pack; entries whole or missing. */
	for (size_t n = 0; n < buf.len; n++) {
		parse_copy(&pack, buf.ptr, n);
		size_t whole = 0;
		for (size_t i = 0; i < pack.count; i++) {
			plan_pack_entry e;
			whole += plan_pack_entry_at(&pack, i, 1, &e) == 0;
		}
		assert_true(whole < 4 || n == buf.len);
		plan_pack_free(&pack);
	}
	/* Every byte changed: only the entry it lies in is lost, or the table. */
	char *copy = malloc(buf.len);
	assert_non_null(copy);
	for (size_t i = 0; i < buf.len; i++) {
		memcpy(copy, buf.ptr, buf.len);
		copy[i] ^= 0x5a;
		parse_copy(&pack, copy, buf.len);
		size_t whole = 0;
		for (size_t k = 0; k < pack.count; k++) {
			plan_pack_entry e;
			whole += plan_pack_entry_at(&pack, k, 1, &e) == 0;
		}
		assert_true(whole == 3 || pack.count == 0);
		plan_pack_free(&pack);
	}
	free(copy);
	plan_buf_free(&buf);
}

/* Three results kept in a pack, for the tests below to spoil. */
/* A pack of three entries, made afresh (with no additions beside it). */
static void fill(plan_cache_key keys[3])
{
	char file[512], add[520];
	pack_file(file, sizeof file);
	if (file[0]) {
		snprintf(add, sizeof add, "%s.add", file);
		unlink(file);
		unlink(add);
	}
	plan_cache *cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	plan_file_result r = make_result();
	for (unsigned char i = 0; i < 3; i++) {
		unsigned char b[PLAN_CACHE_ID_BYTES] = { i };
		plan_cache_key_make(&keys[i], cache, 0, "a/b.yaml", b);
		plan_cache_put(cache, &keys[i], &r);
	}
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

/* Where the entry of `key` lies in the pack's file. */
static void entry_place(const char *file, const plan_cache_key *key, size_t *offset, size_t *len)
{
	plan_pack pack;
	plan_pack_read(&pack, AT_FDCWD, file);
	size_t at;
	plan_pack_entry e;
	assert_int_equal(plan_pack_find(&pack, key->id, &at), 0);
	assert_int_equal(plan_pack_entry_at(&pack, at, 1, &e), 0);
	*offset = (size_t)(e.bytes - pack.data);
	*len = e.len;
	plan_pack_free(&pack);
}

/* How many of the three are found, on a cache opened anew. */
static int hits(const plan_cache_key keys[3], int which[3])
{
	plan_cache *cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	int n = 0;
	for (int i = 0; i < 3; i++)
		n += which[i] = get(cache, &keys[i]);
	plan_cache_close(cache);
	return n;
}

static void damaged_pack(void **state)
{
	(void)state;
	plan_cache_key keys[3];
	int which[3];
	char file[512];
	fill(keys);
	pack_file(file, sizeof file);
	assert_true(file[0]);
	assert_int_equal(hits(keys, which), 3);

	/* A byte of one entry changed: that entry is a miss, the others hit. */
	size_t offset, len;
	entry_place(file, &keys[1], &offset, &len);
	int fd = open(file, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "\xff", 1, (off_t)(offset + len / 2)), 1);
	close(fd);
	assert_int_equal(hits(keys, which), 2);
	assert_int_equal(which[1], 0);

	/* Cut short inside the last entry: the ones before it still hit. */
	fill(keys);
	plan_cache_key last = keys[0];
	for (int i = 1; i < 3; i++)
		if (memcmp(keys[i].id, last.id, PLAN_CACHE_ID_BYTES) > 0)
			last = keys[i];
	entry_place(file, &last, &offset, &len);
	assert_int_equal(truncate(file, (off_t)(offset + len / 2)), 0);
	assert_int_equal(hits(keys, which), 2);
	/* ...and inside its table: no pack. */
	assert_int_equal(truncate(file, 30), 0);
	assert_int_equal(hits(keys, which), 0);
	/* Empty. */
	assert_int_equal(truncate(file, 0), 0);
	assert_int_equal(hits(keys, which), 0);

	/* Foreign files in its place: text, a directory, a FIFO (which must
	 * not hang), a link to a pack elsewhere. None is read as a pack. */
	fill(keys);
	char elsewhere[600];
	snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere", dir);
	assert_int_equal(rename(file, elsewhere), 0);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("kind: organisation\nid: X\n", f);
	fclose(f);
	assert_int_equal(hits(keys, which), 0);
	assert_int_equal(unlink(file), 0);
	assert_int_equal(mkfifo(file, 0600), 0);
	assert_int_equal(hits(keys, which), 0);
	assert_int_equal(unlink(file), 0);
	assert_int_equal(symlink(elsewhere, file), 0);
	assert_int_equal(hits(keys, which), 0);
	assert_int_equal(unlink(file), 0);
	assert_int_equal(mkdir(file, 0700), 0);
	assert_int_equal(hits(keys, which), 0);
	/* Nothing can be written there: still silent, still a miss. */
	fill(keys);
	assert_int_equal(hits(keys, which), 0);
	assert_int_equal(rmdir(file), 0);
	/* A damaged pack is written anew by the run that found it so. */
	fill(keys);
	assert_int_equal(hits(keys, which), 3);
}

/* A pack keeps what runs use: what a run did not use goes once there are
 * many of those, and stays while they are few (another revision's). */
static void pack_kept(void **state)
{
	(void)state;
	plan_file_result r = make_result();
	plan_cache_key keys[40];
	plan_cache *cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (unsigned char i = 0; i < 40; i++) {
		unsigned char b[PLAN_CACHE_ID_BYTES] = { i };
		plan_cache_key_make(&keys[i], cache, 0, "a/b.yaml", b);
		plan_cache_put(cache, &keys[i], &r);
	}
	plan_cache_close(cache);
	char file[512];
	struct stat before, after;
	pack_file(file, sizeof file);
	assert_int_equal(stat(file, &before), 0);
	/* 39 of 40 used, nothing put: the pack is left as it is. */
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (int i = 1; i < 40; i++)
		assert_int_equal(get(cache, &keys[i]), 1);
	plan_cache_close(cache);
	assert_int_equal(stat(file, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	/* One put: into the pack's additions, the pack left as it is. */
	char add[520];
	snprintf(add, sizeof add, "%s.add", file);
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (int i = 1; i < 40; i++)
		assert_int_equal(get(cache, &keys[i]), 1);
	plan_cache_key fresh;
	unsigned char b[PLAN_CACHE_ID_BYTES] = { 200 };
	plan_cache_key_make(&fresh, cache, 0, "a/b.yaml", b);
	plan_cache_put(cache, &fresh, &r);
	plan_cache_close(cache);
	assert_int_equal(stat(file, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(stat(add, &after), 0);
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	assert_int_equal(get(cache, &keys[0]), 1);
	assert_int_equal(get(cache, &fresh), 1);
	assert_int_equal(plan_cache_get_stats(cache).reads, 2);
	/* Only two used: the other 39 go, the pack written anew with the
	 * additions in it, and their file gone. */
	plan_cache_close(cache);
	assert_int_equal(stat(file, &after), 0);
	assert_int_not_equal(before.st_ino, after.st_ino);
	assert_int_equal(stat(add, &after), -1);
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (int i = 1; i < 40; i++)
		assert_int_equal(get(cache, &keys[i]), 0);
	assert_int_equal(get(cache, &keys[0]), 1);
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

/* Runs that each use the whole pack and put a few entries add them to the
 * pack's additions, until those pass an eighth of the pack (and 16): then
 * the pack is written anew with them. Damaged additions cost only their own
 * entries. */
static void additions(void **state)
{
	(void)state;
	plan_file_result r = make_result();
	plan_cache_key keys[70];
	size_t nkeys = 0;
	plan_cache *cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (unsigned char i = 0; i < 40; i++) {
		unsigned char b[PLAN_CACHE_ID_BYTES] = { i };
		plan_cache_key_make(&keys[nkeys], cache, 0, "a/b.yaml", b);
		plan_cache_put(cache, &keys[nkeys++], &r);
	}
	plan_cache_close(cache);
	char file[512], add[520];
	pack_file(file, sizeof file);
	snprintf(add, sizeof add, "%s.add", file);
	struct stat first, now;
	assert_int_equal(stat(file, &first), 0);
	for (int run = 1; run <= 5; run++) {
		cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
		for (size_t i = 0; i < nkeys; i++)
			assert_int_equal(get(cache, &keys[i]), 1);
		for (unsigned char i = 0; i < 5; i++) {
			unsigned char b[PLAN_CACHE_ID_BYTES] = { (unsigned char)(100 + run * 5 + i) };
			plan_cache_key_make(&keys[nkeys], cache, 0, "a/b.yaml", b);
			plan_cache_put(cache, &keys[nkeys++], &r);
		}
		plan_cache_close(cache);
		assert_int_equal(stat(file, &now), 0);
		if (run < 5) {
			/* 5, 10, 15, 20 added: at most 40 / 8 + 16 = 21 */
			assert_int_equal(now.st_ino, first.st_ino);
			assert_int_equal(stat(add, &now), 0);
		} else {
			assert_int_not_equal(now.st_ino, first.st_ino);
			assert_int_equal(stat(add, &now), -1);
		}
	}
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (size_t i = 0; i < nkeys; i++)
		assert_int_equal(get(cache, &keys[i]), 1);
	assert_int_equal(plan_cache_get_stats(cache).reads, 1);
	/* Two more added, then their file damaged: those two miss, the pack's
	 * entries still hit, and the next run adds them again. */
	for (unsigned char i = 0; i < 2; i++) {
		unsigned char b[PLAN_CACHE_ID_BYTES] = { (unsigned char)(200 + i) };
		plan_cache_key_make(&keys[nkeys], cache, 0, "a/b.yaml", b);
		plan_cache_put(cache, &keys[nkeys++], &r);
	}
	plan_cache_close(cache);
	assert_int_equal(stat(add, &now), 0);
	FILE *f = fopen(add, "r+");
	assert_non_null(f);
	assert_int_equal(fseek(f, 30, SEEK_SET), 0);
	int c = fgetc(f);
	assert_int_equal(fseek(f, 30, SEEK_SET), 0);
	fputc(c ^ 0xff, f);
	fclose(f);
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (size_t i = 0; i < nkeys; i++)
		assert_int_equal(get(cache, &keys[i]), i < nkeys - 2);
	for (size_t i = nkeys - 2; i < nkeys; i++)
		plan_cache_put(cache, &keys[i], &r);
	plan_cache_close(cache);
	cache = open_cache(PLAN_LANG_EN, &plan_model_keys);
	for (size_t i = 0; i < nkeys; i++)
		assert_int_equal(get(cache, &keys[i]), 1);
	plan_cache_close(cache);
	plan_file_result_release(&r);
}

/* Packs of several plan sets past the bound: the one used longest ago goes,
 * the cache's own stays, stat indexes count, foreign files are left. */
static void size_bound(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/cache", dir);
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_file_result r = make_result();
	plan_cache_key key;
	unsigned char b[PLAN_CACHE_ID_BYTES] = { 0 };
	const char *roots[] = { "/a", "/b", "/c" };
	for (int k = 0; k < 3; k++) {
		plan_cache *cache = NULL;
		assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, 0), 0);
		assert_int_equal(plan_cache_set_root(cache, roots[k]), 0);
		for (int i = 0; i < 30; i++) {
			b[0] = (unsigned char)i;
			plan_cache_key_make(&key, cache, 1, "a/b.yaml", b);
			plan_cache_put(cache, &key, &r);
		}
		plan_cache_close(cache);
	}
	/* A stat index, and a foreign file. */
	plan_cache_index *index = NULL;
	struct stat old = settled_stat(60);
	assert_int_equal(plan_cache_index_open(&index, path, "/a"), 0);
	plan_cache_index_note(index, "a.yaml", &old, blob);
	plan_cache_index_close(index);
	char foreign[160];
	snprintf(foreign, sizeof foreign, "%s/trees/README", path);
	FILE *f = fopen(foreign, "w");
	assert_non_null(f);
	fclose(f);
	/* Their ages: /a's pack the oldest, then the index, /b, /c. */
	char trees[160];
	snprintf(trees, sizeof trees, "%s/trees", path);
	DIR *d = opendir(trees);
	assert_non_null(d);
	struct dirent *de;
	uint64_t total = 0, pack = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "README") == 0)
			continue;
		char file[512];
		snprintf(file, sizeof file, "%s/%s", trees, de->d_name);
		struct stat st;
		assert_int_equal(stat(file, &st), 0);
		total += (uint64_t)st.st_size;
		if (strstr(de->d_name, ".pack"))
			pack = (uint64_t)st.st_size;
	}
	closedir(d);
	/* Room for two packs and the index, not three: with a quarter of the
	 * bound freed, all but one pack (of one size) still fit. */
	plan_cache *cache = NULL;
	size_t bound = (size_t)((total - pack) * 4 / 3 + 4);
	assert_true(bound < total);
	assert_int_equal(plan_cache_open(&cache, path, PLAN_LANG_EN, &limits, NULL, bound), 0);
	assert_int_equal(plan_cache_set_root(cache, "/a"), 0);
	plan_cache *probe[3];
	for (int k = 0; k < 3; k++) {
		assert_int_equal(plan_cache_open(&probe[k], path, PLAN_LANG_EN, &limits, NULL, 0), 0);
		assert_int_equal(plan_cache_set_root(probe[k], roots[k]), 0);
	}
	/* Every file of the cache used a while ago... */
	d = opendir(trees);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char file[512];
		snprintf(file, sizeof file, "%s/%s", trees, de->d_name);
		struct timespec times[2];
		clock_gettime(CLOCK_REALTIME, &times[0]);
		times[0].tv_sec -= 100;
		times[1] = times[0];
		utimensat(AT_FDCWD, file, times, 0);
	}
	closedir(d);
	/* ...and /b's pack longest ago. (A cache that looked nothing up
	 * leaves its pack alone.) */
	plan_cache_close(probe[1]);
	d = opendir(trees);
	while ((de = readdir(d))) {
		if (!strstr(de->d_name, ".pack"))
			continue;
		char file[512];
		snprintf(file, sizeof file, "%s/%s", trees, de->d_name);
		/* /b's pack is the one /b's cache reads: tell by its root's id. */
		unsigned char id[PLAN_CACHE_ID_BYTES];
		char hex[41];
		assert_int_equal(plan_cache_blob_id(id, "/b", 2), 0);
		for (int i = 0; i < 20; i++)
			snprintf(hex + 2 * i, 3, "%02x", id[i]);
		if (strncmp(de->d_name, hex, 40) == 0) {
			struct timespec times[2] = { { 1000, 0 }, { 1000, 0 } };
			assert_int_equal(utimensat(AT_FDCWD, file, times, 0), 0);
		}
	}
	closedir(d);
	plan_cache_trim(cache);
	b[0] = 0;
	plan_cache_key_make(&key, probe[0], 1, "a/b.yaml", b);
	assert_int_equal(get(probe[0], &key), 1);
	plan_cache_key_make(&key, probe[2], 1, "a/b.yaml", b);
	assert_int_equal(get(probe[2], &key), 1);
	plan_cache *again = NULL;
	assert_int_equal(plan_cache_open(&again, path, PLAN_LANG_EN, &limits, NULL, 0), 0);
	assert_int_equal(plan_cache_set_root(again, "/b"), 0);
	plan_cache_key_make(&key, again, 1, "a/b.yaml", b);
	assert_int_equal(get(again, &key), 0);
	plan_cache_close(again);
	struct stat st;
	assert_int_equal(stat(foreign, &st), 0);
	/* The cache's own pack is never trimmed, however small the bound. */
	plan_cache *tiny = NULL;
	assert_int_equal(plan_cache_open(&tiny, path, PLAN_LANG_EN, &limits, NULL, 1), 0);
	assert_int_equal(plan_cache_set_root(tiny, "/c"), 0);
	plan_cache_trim(tiny);
	plan_cache_key_make(&key, tiny, 1, "a/b.yaml", b);
	assert_int_equal(get(tiny, &key), 1);
	plan_cache_close(tiny);
	plan_cache_close(probe[0]);
	plan_cache_close(probe[2]);
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

/* Directories' entries: kept and trusted as a file's stat is, under keys
 * that no file's path can take, and read back from the index's file. */
static void index_dirs(void **state)
{
	(void)state;
	plan_cache_index *index = NULL;
	plan_dir_memo memo;
	unsigned char got[PLAN_CACHE_ID_BYTES];
	struct stat old = settled_stat(60), fresh = settled_stat(0);
	old.st_mode = fresh.st_mode = S_IFDIR | 0755;
	static const char names[] = "\x08" "a.yaml\0" "\x04" "sub";
	const char *entries = NULL;
	size_t len = 0;

	assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
	plan_cache_index_dir_memo(index, &memo);
	assert_int_equal(memo.find(memo.ctx, "d", &old, &entries, &len), 0);
	memo.note(memo.ctx, "d", &old, names, sizeof names);
	memo.note(memo.ctx, "", &old, "", 0);
	memo.note(memo.ctx, "new", &fresh, names, sizeof names);
	/* A file "d" beside the directory "d": two records. */
	struct stat file = settled_stat(60);
	plan_cache_index_note(index, "d", &file, blob);
	plan_cache_index_close(index);

	assert_int_equal(plan_cache_index_open(&index, dir, "/plans"), 0);
	plan_cache_index_dir_memo(index, &memo);
	assert_int_equal(memo.find(memo.ctx, "d", &old, &entries, &len), 1);
	assert_int_equal(len, sizeof names);
	assert_memory_equal(entries, names, sizeof names);
	assert_int_equal(memo.find(memo.ctx, "", &old, &entries, &len), 1);
	assert_int_equal(len, 0);
	/* Changed a moment ago: not kept, as a file is not. */
	assert_int_equal(memo.find(memo.ctx, "new", &fresh, &entries, &len), 0);
	assert_int_equal(plan_cache_index_find(index, "d", &file, got), 1);
	assert_memory_equal(got, blob, sizeof got);
	/* A name added or removed moves the directory's modification time. */
	struct stat moved = old;
	moved.st_mtim.tv_nsec = 5;
	assert_int_equal(memo.find(memo.ctx, "d", &moved, &entries, &len), 0);
	/* Noted anew: the new names replace the old. */
	memo.note(memo.ctx, "d", &moved, "\x08" "b.yaml", sizeof "\x08" "b.yaml");
	assert_int_equal(memo.find(memo.ctx, "d", &moved, &entries, &len), 1);
	assert_string_equal(entries + 1, "b.yaml");
	assert_int_equal(memo.find(memo.ctx, "d", &old, &entries, &len), 0);
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

static plan_set *load_at(const char *path, const char *cache, const plan_keys *keep)
{
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = path;
	options.cache = cache;
	options.keep = keep;
	options.jobs = 2;
	plan_error err = PLAN_ERROR_INIT;
	plan_set *set = NULL;
	assert_int_equal(plan_set_load(&set, &options, &err), 0);
	return set;
}

static plan_set *load(const char *cache, const plan_keys *keep)
{
	return load_at(PLAN_TEST_DIR "/../examples/broken", cache, keep);
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

static size_t diags_of(plan_set *set, const char *file)
{
	size_t n = 0;
	for (size_t i = 0; i < plan_diags_count(plan_set_diags(set)); i++)
		n += strcmp(plan_diags_get(plan_set_diags(set), i)->file, file) == 0;
	return n;
}

/* The index remembers the working tree's directories once they have not
 * changed for a while: a file added to one, or removed, is listed as
 * without the cache all the same. (The wait is the index's: what changed
 * less than two seconds ago is not trusted.) */
static void set_listing_remembered(void **state)
{
	(void)state;
	char tree[128], cache[128], cmd[512], added[192];
	snprintf(tree, sizeof tree, "%s/tree", dir);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	snprintf(added, sizeof added, "%s/planer/added.yaml", tree);
	snprintf(cmd, sizeof cmd, "cp -R '%s/../examples/broken' '%s'", PLAN_TEST_DIR, tree);
	assert_int_equal(system(cmd), 0);
	sleep(3);
	plan_set *none = load_at(tree, NULL, &plan_model_keys);
	size_t files = plan_set_file_count(none);
	for (int round = 0; round < 2; round++) {   /* the directories noted, then recalled */
		plan_set *set = load_at(tree, cache, &plan_model_keys);
		assert_int_equal(plan_set_file_count(set), files);
		assert_same_diags(plan_set_diags(none), plan_set_diags(set));
		plan_set_free(set);
	}
	FILE *f = fopen(added, "w");
	assert_non_null(f);
	fputs("kind: [\n", f);
	assert_int_equal(fclose(f), 0);
	plan_set *more = load_at(tree, cache, &plan_model_keys);
	assert_int_equal(plan_set_file_count(more), files + 1);
	assert_true(diags_of(more, "planer/added.yaml") > 0);
	plan_set_free(more);
	assert_int_equal(unlink(added), 0);
	plan_set *fewer = load_at(tree, cache, &plan_model_keys);
	assert_int_equal(plan_set_file_count(fewer), files);
	assert_same_diags(plan_set_diags(none), plan_set_diags(fewer));
	plan_set_free(fewer);
	plan_set_free(none);
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", tree, cache);
	assert_int_equal(system(cmd), 0);
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
		/* One file read, the pack, and no entry's file of its own. */
		assert_int_equal(plan_set_cache_stats(warm).reads, 1);
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
		cmocka_unit_test(round_trip_into),
		cmocka_unit_test(round_trip_with_lists),
		cmocka_unit_test(damaged_bytes),
		cmocka_unit_test_setup_teardown(put_and_get, make_dir, remove_dir),
		cmocka_unit_test(pack_bytes),
		cmocka_unit_test_setup_teardown(damaged_pack, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(pack_kept, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(additions, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(size_bound, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(inside, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(unusable, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(index_kept, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(index_damaged, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(index_dirs, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(set_listing_remembered, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(set_twice, make_dir, remove_dir),
		cmocka_unit_test(set_inside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
