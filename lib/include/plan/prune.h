/* plan/prune.h: a copy of a file's node trees that keeps only the mapping
 * keys a later stage reads.
 *
 * A plan set's node trees are about three times the size of its text, and
 * most of that is free text (descriptions, x- extensions) that the checks
 * across documents never read. Once a file's own checks have run on the
 * whole tree, a copy that keeps only the listed keys lets a plan set of
 * 10,000 documents be held in a fraction of the memory. */
#ifndef PLAN_PRUNE_H
#define PLAN_PRUNE_H

#include <stddef.h>

#include "plan/load.h"

/* Which pairs of a mapping a pruned copy keeps, at any depth. A list keeps
 * all its items; a scalar is kept as it is. */
typedef struct plan_keys {
	const char *const *keys;    /* kept, and their values
	                             * pruned in turn by the same lists */
	size_t nkeys;
	const char *const *whole;   /* kept with everything
	                             * under them (mappings whose keys are data) */
	size_t nwhole;
	const struct plan_keys *next;   /* further lists, or NULL: a key is kept
	                                 * when any list in the chain keeps it */
} plan_keys;

/* The lists compiled for the walk: one hash table of every key they name.
 * Read-only once made, so threads may share one. Returns 0, or -1 when
 * memory ran out. Free with plan_keep_free. */
typedef struct plan_keep plan_keep;
int plan_keep_new(plan_keep **out, const plan_keys *keys);
void plan_keep_free(plan_keep *keep);

/* 1 when `keep` keeps `key` and its value pruned in turn, 2 when it keeps it
 * whole, 0 when it drops it. When lists disagree, the first in the chain
 * decides; within one, `whole` before `keys`. */
int plan_keep_find(const plan_keep *keep, const char *key);

/* The lists' own copy of the `len` bytes of `key` when `keep` names it (a
 * static string, so a tree may point at it instead of a copy of its own),
 * else NULL; NULL too for a NULL `keep`. */
const char *plan_keep_text(const plan_keep *keep, const char *key, size_t len);

/* A copy of `file` whose mappings keep only the pairs `keep` lists, with
 * positions, scalar text and types as they were, in an arena of its own and
 * exactly its size. `file` is left as it is (free it when done).
 *   - The copy has no text (file->text is NULL; len stays the file's size).
 *   - Kept keys' text is the lists' own strings: the lists must outlive the
 *     copy (static lists always do).
 *   - A node an alias shares is copied once for each way it is kept (pruned,
 *     or whole under a key kept whole), and shared again in the copy.
 *   - Collections nested 256 levels deep are copied empty: no later stage
 *     reads that deep, and the walk must fit a thread's stack however high
 *     `--limit depth=` is set.
 * Returns 0 with *out set (free with plan_file_free), or -1 when memory ran
 * out. */
int plan_file_prune(plan_file **out, const plan_file *file, const plan_keep *keep);

/* The same copy with every key kept: the whole trees, in one block of
 * exactly their size. A loader's arena grows by doubling blocks, and the
 * last one is half empty on average; ten thousand files kept whole for a
 * report waste a third of their memory so. Returns 0 with *out set (free
 * with plan_file_free), 1 when a collection nests 256 levels deep or more
 * (*out NULL: a copy would be cut there, so keep `file` as it is), or -1 when
 * memory ran out. */
int plan_file_compact(plan_file **out, const plan_file *file);

#endif
