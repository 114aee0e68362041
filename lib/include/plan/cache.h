/* plan/cache.h: the result cache. What checking one file on its own gave
 * (its node trees as pruned, its presumed keys, its own diagnostics and its
 * suppression directives) kept on disk under the file's content hash, so
 * that a later run takes it instead of parsing and checking the file again.
 * The checks across documents are never cached: they run afresh on every
 * file's result, cached or fresh, so output is the same with or without it.
 *
 * An entry is keyed by git's blob id of the file's bytes (taken from the
 * tree for a revision, without reading the blob; computed over the bytes
 * for the working tree: the two share entries), the file's path, and all
 * else that decides the result: the version and build of the library, the
 * built-in schemas, the messages' language, the limits, and whether trees
 * are pruned. The entries a run used are kept together in one file per
 * plan set, a pack, read at the run's first lookup and written anew when
 * the run closes the cache. Every entry is checked when read; one that is
 * corrupt, truncated, foreign or of another key is a miss, written anew. A
 * pack is written to a temporary file and renamed into place, so runs
 * sharing the directory never see half a pack. A failing cache (a directory that
 * cannot be made or written, a full disk) only makes runs slower: nothing
 * the cache does is ever reported. See README, "The result cache". */
#ifndef PLAN_CACHE_H
#define PLAN_CACHE_H

#include <stddef.h>

#include "plan/arena.h"
#include "plan/diag.h"
#include "plan/lang.h"
#include "plan/load.h"
#include "plan/prune.h"
#include "plan/suppress.h"

/* The per-file stage's result for one file: what a plan set keeps of a file
 * until the checks across documents have run. Each member is owned by
 * whoever holds the result. A language server may hold results like these in
 * memory between checks; the cache is their store on disk. */
typedef struct plan_file_result {
	plan_file *file;                  /* as pruned (or whole) */
	plan_diags *diags;                /* the file's own diagnostics */
	plan_suppressions *suppressions;  /* NULL: none */
} plan_file_result;

/* Free the members of a result and zero it; accepts a zeroed one. */
void plan_file_result_release(plan_file_result *result);

/* The bytes of a git object id (SHA-1). */
#define PLAN_CACHE_ID_BYTES 20

typedef struct plan_cache_key {
	unsigned char id[PLAN_CACHE_ID_BYTES];
} plan_cache_key;

/* The size bound when none is given: 256 MiB. */
#define PLAN_CACHE_MAX_DEFAULT ((size_t)256 << 20)

/* Where the cache is unless told: $XDG_CACHE_HOME/plan-tools, else
 * $HOME/.cache/plan-tools (a relative XDG_CACHE_HOME is passed over, as the
 * XDG specification says). *out is NULL when neither variable helps; else
 * free() it. Returns 0, or -1 when memory ran out. */
int plan_cache_default_dir(char **out);

/* 1 when `dir` is `root` or inside it, after following symbolic links as
 * far as the path exists (what does not exist yet is taken as written);
 * 0 when it is not. `root` is absolute and free of links. */
int plan_cache_inside(const char *dir, const char *root);

typedef struct plan_cache plan_cache;

/* The cache in `dir` (made, with its parents, when missing) for results in
 * `lang` under `limits`, pruned to `keep` (NULL: whole trees; a key for
 * whole trees can be made too, plan_cache_key_make), bounded to about
 * `max_bytes` (0: PLAN_CACHE_MAX_DEFAULT). Returns 0, or -1 when there can be
 * no cache (the directory cannot be made, is not the user's own or can be
 * written by anyone, out of memory): the caller then goes without. Free with plan_cache_close. Threads may share it. */
int plan_cache_open(plan_cache **out, const char *dir, plan_lang lang,
	const plan_limits *limits, const plan_keys *keep, size_t max_bytes);

/* The plan set at `root` (absolute) is the one whose results this cache
 * looks up and keeps: they are in that set's pack. Call it before the first
 * plan_cache_get; without it, the pack is that of no root. Returns 0, or -1
 * (after a lookup, or when memory ran out: the pack stays as it was). */
int plan_cache_set_root(plan_cache *cache, const char *root);

/* git's blob id of `len` bytes, the id a revision's tree gives the same
 * content. Returns 0, or -1 when it cannot be computed. */
int plan_cache_blob_id(unsigned char out[PLAN_CACHE_ID_BYTES], const char *data, size_t len);

/* The key of the file `path` with blob id `blob`: its trees pruned as the
 * cache was opened for, or with `whole` kept whole. */
void plan_cache_key_make(plan_cache_key *out, const plan_cache *cache, int whole,
	const char *path, const unsigned char blob[PLAN_CACHE_ID_BYTES]);

/* The result kept under `key` for the file `path`: 1 with *out filled in
 * (its diagnostics in the language the cache was opened for), 0 when there
 * is none that reads back whole (a miss, *out zeroed). */
int plan_cache_get(plan_cache *cache, const plan_cache_key *key, const char *path,
	plan_file_result *out);

/* The same with the result's trees allocated from `into` (NULL: an arena
 * of the file's own, as plan_cache_get): the file then lives as long as
 * `into` and owns no memory (plan_file_free frees none of it). */
int plan_cache_get_into(plan_cache *cache, const plan_cache_key *key, const char *path,
	plan_file_result *out, plan_arena *into);

/* Keep `result` under `key`, replacing what is there: held in memory and
 * written into the pack by plan_cache_close, for the caches opened after
 * that. Silent: a result that cannot be written is simply not kept. */
void plan_cache_put(plan_cache *cache, const plan_cache_key *key,
	const plan_file_result *result);

/* Counts since plan_cache_open, for tests and benchmarks: lookups that
 * found a result and that did not, results put (to be written at close),
 * and files read (the pack, once). */
typedef struct plan_cache_stats {
	size_t hits, misses, written, reads;
} plan_cache_stats;
plan_cache_stats plan_cache_get_stats(const plan_cache *cache);

/* Write the pack anew when this run used or put an entry it does not hold,
 * or it holds many (more than an eighth) that this run did not use; then
 * keep the directory under its bound: when a pack was written and the
 * directory was last trimmed an hour ago or more (or the run wrote an
 * eighth of the bound), the files used longest ago (packs, stat indexes;
 * by access or modification time, the later) are removed until a quarter
 * of the bound is free. Then free the cache; accepts NULL. */
void plan_cache_close(plan_cache *cache);

/* Trim now, whatever the hour: as plan_cache_close does. */
void plan_cache_trim(plan_cache *cache);

#endif
