/* set_pool.h: the workers that load a plan set's files while the listing
 * is still walking its directories (private to lib/).
 *
 * Listing ten thousand directories is a tenth of a second of system calls
 * on one thread; loading waited for all of it before. Now the listing tells
 * the pool of each file as it finds it (plan_source_list_found), workers
 * load it at once, and the thread that lists joins them when the listing is
 * done. Each result is kept with its path and put in the listing's sorted
 * order at the end, so what a plan set holds is the same whatever the
 * number of threads and the order the walk took. */
#ifndef PLAN_SET_POOL_H
#define PLAN_SET_POOL_H

#include <stddef.h>

#include "plan/diag.h"
#include "plan/lang.h"
#include "plan/arena.h"
#include "plan/load.h"
#include "plan/model.h"
#include "plan/suppress.h"

/* Load and check the file `path`: its diagnostics to `diags` (given empty),
 * its suppression directives to *sup, and its part of the model to *part
 * (plan_model_part_build, from `arena`: the calling thread's own, which no
 * other thread touches). NULL when it could not be loaded. */
typedef plan_file *set_pool_load(void *ctx, plan_arena *arena, const char *path,
	plan_diags *diags, plan_suppressions **sup, plan_model_part **part);

typedef struct set_pool set_pool;

/* A pool of `jobs` threads in all, the caller's own counted: jobs - 1
 * threads start now, and the caller joins them in set_pool_finish. The
 * file `skip` (loaded apart, before the listing) is never loaded. Returns
 * 0, or -1 when memory ran out. */
int set_pool_start(set_pool **out, unsigned jobs, plan_lang lang, set_pool_load *load,
	void *ctx, const char *skip);

/* A plan_source_found: `ctx` is the pool. The path is copied. */
void set_pool_found(void *ctx, const char *relpath);

/* The listing is done and is `paths` (sorted): load what is left, and any
 * of `paths` never told of, then put each result in place: files[i],
 * diags[i], sups[i] and parts[i] for paths[i] (all NULL for `skip`).
 * Results told of but not in `paths` are freed. Returns 0, or -1 when
 * memory ran out. */
int set_pool_finish(set_pool *pool, const char *const *paths, size_t n, plan_file **files,
	plan_diags **diags, plan_suppressions **sups, plan_model_part **parts);

/* The threads' arenas, which the parts live in, now the caller's: *out
 * gets a malloc'd array of them (NULL when there are none). Returns how
 * many, or -1 when memory ran out (the arenas are then freed with the
 * pool). Only once set_pool_finish has returned. */
long set_pool_take_arenas(set_pool *pool, plan_arena ***out);

/* Stop (waiting for the workers, if set_pool_finish was not called) and
 * free what is left; accepts NULL. */
void set_pool_free(set_pool *pool);

#endif
