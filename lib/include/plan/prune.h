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
	const char *const *keys;    /* sorted by strcmp: kept, and their values
	                             * pruned in turn by the same lists */
	size_t nkeys;
	const char *const *whole;   /* sorted by strcmp: kept with everything
	                             * under them (mappings whose keys are data) */
	size_t nwhole;
	const struct plan_keys *next;   /* further lists, or NULL: a key is kept
	                                 * when any list in the chain keeps it */
} plan_keys;

/* A copy of `file` whose mappings keep only the pairs `keep` lists, with
 * positions, scalar text and types as they were, in an arena of its own and
 * exactly its size. `file` is left as it is (free it when done). Returns 0
 * with *out set (free with plan_file_free), or -1 when memory ran out. */
int plan_file_prune(plan_file **out, const plan_file *file, const plan_keys *keep);

/* 1 when `keep` keeps `key` and its value pruned in turn, 2 when it keeps it
 * whole, 0 when it drops it. */
int plan_keys_find(const plan_keys *keep, const char *key);

#endif
