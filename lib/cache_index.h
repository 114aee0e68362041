/* cache_index.h (private): what the files of a working tree looked like
 * (their stat) when their blob ids were last computed, kept beside the
 * result cache, so that a run over an unchanged file need not read and hash
 * it to find its result, as git's index spares `git status` the same.
 *
 * A file's stat is trusted only when it was taken two seconds or more after
 * the file was last changed: a change made later moves its modification
 * time past what was recorded, whatever the file system's clock tick, so a
 * recorded stat never stands for bytes other than those hashed ("racy git").
 * The stat is taken before the bytes are read, so a change in between is
 * seen as a change next time. The same goes for a directory and the names
 * in it, which a walk need then not read (plan_dir_memo). */
#ifndef PLAN_CACHE_INDEX_H
#define PLAN_CACHE_INDEX_H

#include <sys/stat.h>

#include "plan/cache.h"
#include "source_impl.h"

typedef struct plan_cache_index plan_cache_index;

/* The index of the working tree at `root` (absolute) in the cache directory
 * `dir`: read from it when there, empty when not or when damaged. Returns
 * 0, or -1 when memory ran out. Threads may share it. */
int plan_cache_index_open(plan_cache_index **out, const char *dir, const char *root);

/* 1 with *blob set when `relpath` (from the root) was recorded with exactly
 * the stat `st`; 0 otherwise. */
int plan_cache_index_find(plan_cache_index *index, const char *relpath,
	const struct stat *st, unsigned char blob[PLAN_CACHE_ID_BYTES]);

/* Record that `relpath`, with the stat `st` taken before its bytes were
 * read, has the blob id `blob` (not kept when the file changed too recently
 * for its stat to tell a later change apart). */
void plan_cache_index_note(plan_cache_index *index, const char *relpath,
	const struct stat *st, const unsigned char blob[PLAN_CACHE_ID_BYTES]);

/* The index as the memo of a directory walk (source_impl.h): a directory's
 * entries are recorded, and trusted, as a file's stat is. The bytes find
 * gives stay valid until the index is closed or the directory noted again. */
void plan_cache_index_dir_memo(plan_cache_index *index, plan_dir_memo *out);

/* Write the index back when it changed (what this run found of each file
 * it looked at; files it did not look at are dropped), then free it.
 * Accepts NULL. */
void plan_cache_index_close(plan_cache_index *index);

#endif
