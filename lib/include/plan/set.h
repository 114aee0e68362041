/* plan/set.h: a plan set read and checked: every file listed by a source,
 * loaded, every document checked against its kind's schema, the model built
 * and linked, and the rule catalogue run. */
#ifndef PLAN_SET_H
#define PLAN_SET_H

#include <stddef.h>

#include "plan/cache.h"
#include "plan/diag.h"
#include "plan/error.h"
#include "plan/load.h"
#include "plan/model.h"
#include "plan/source.h"

typedef struct plan_set_options {
	const char *path;        /* a directory in the plan set; NULL means "." */
	unsigned jobs;           /* worker threads; 0: one per processor */
	plan_limits limits;
	const char *rev;         /* a git revision to read the plan set from (any
	                          * form git accepts), from the repository that
	                          * holds `path`; NULL: the working tree */
	const plan_keys *keep;   /* NULL: every file's trees are kept whole, for
	                          * callers that read any field. Otherwise each
	                          * file's trees, once its own checks have run,
	                          * keep only these keys (plan_file_prune);
	                          * styrmodell.yaml is always kept whole.
	                          * &plan_model_keys holds what the checks
	                          * across documents read, in a fraction of the
	                          * memory. */
	plan_lang lang;          /* the language of the diagnostics' messages */
	const plan_overlay_file *overlay; /* texts read in place of these files
	                          * (plan_source_open_overlay), e.g. an editor's
	                          * unsaved documents; copied while loading */
	size_t noverlay;
	const char *cache;       /* the result cache's directory (plan/cache.h):
	                          * each file's own checks are taken from it when
	                          * it holds them, and kept in it when not; NULL:
	                          * no cache. A directory named so is refused
	                          * (an error) when it is inside the plan set;
	                          * PLAN_SET_CACHE_DEFAULT, the user's cache
	                          * directory (plan_cache_default_dir), is then
	                          * quietly not used. Overlay texts are never
	                          * kept. */
} plan_set_options;

/* options.cache: the default place, whatever the environment makes it. */
extern const char plan_set_cache_default[];
#define PLAN_SET_CACHE_DEFAULT plan_set_cache_default

#define PLAN_SET_OPTIONS_INIT { NULL, 0, PLAN_LIMITS_INIT, NULL, NULL, PLAN_LANG_EN, NULL, 0, NULL }

typedef struct plan_set plan_set;

/* Find the root from options->path, list and load every file, check each
 * document's shape, and apply styrmodell.yaml's severity overrides. With
 * options->rev, all of it is read from that revision (plan_source_open_git)
 * instead of the working tree. With options->cache, each file's own checks
 * come from the result cache where it has them; the checks across documents
 * always run, and the result is the same either way. Faults in plan files
 * are diagnostics of the set; -1 with `err` set only when there is no plan
 * set to speak of (no root found, a bad revision, a repository that cannot
 * be read, out of memory) or a named cache directory is inside it. */
int plan_set_load(plan_set **out, const plan_set_options *options, plan_error *err);

void plan_set_free(plan_set *set);

/* What the result cache did while the set was loaded: files whose results
 * it had (hits) and had not (misses), and entries written. All 0 without a
 * cache, or when it could not be used. */
plan_cache_stats plan_set_cache_stats(const plan_set *set);

/* The root as an absolute path; for a revision, where it is (or would be)
 * in the repository's working tree. */
const char *plan_set_root(const plan_set *set);

/* The full commit id (40 hex digits) of the revision read, or NULL when the
 * set was read from the working tree. Owned by the set. */
const char *plan_set_revision(const plan_set *set);
size_t plan_set_document_count(const plan_set *set);

/* True when the checks across documents (links, traces, the plan-set rules)
 * ran: they are skipped while a file cannot be read in full, since their
 * results would be guesses. */
int plan_set_checked_across(const plan_set *set);
size_t plan_set_file_count(const plan_set *set);

/* True when the listing of the set holds `relpath` (a path from the root):
 * a file the set read, or tried to. False for a file that is no plan file,
 * hidden, or under styrmodell.yaml's ignore:. */
int plan_set_lists(const plan_set *set, const char *relpath);
const plan_file *plan_set_file(const plan_set *set, size_t index);

/* The path from the root of the listing's file at `index` (< the file
 * count; sorted by path), read or not; NULL past the end. Owned by the set. */
const char *plan_set_path(const plan_set *set, size_t index);
plan_diags *plan_set_diags(plan_set *set);

/* The diagnostics that the files' suppression directives took out of
 * plan_set_diags (plan/suppress.h), after styrmodell.yaml's overrides:
 * counted in the summary, never printed. Owned by the set. */
plan_diags *plan_set_suppressed(plan_set *set);

/* Where the plan set was read from, for a report's reader. With --rev:
 * *commit_time gets the commit's time (seconds since 1970, UTC) and 0 is
 * returned. From the working tree: *commit_time is 0, and the result is 1
 * when its repository has uncommitted changes under the root, 0 when it has
 * none, -1 when the root is in no git repository. */
int plan_set_provenance(const plan_set *set, long long *commit_time);

/* The severity `rule` has in this plan set: its default, or what
 * styrmodell.yaml's `rules:` makes it (configurable rules only). */
plan_severity plan_set_rule_severity(const plan_set *set, const plan_rule *rule);

/* The linked model of the plan set (owned by the set). */
const plan_model *plan_set_model(const plan_set *set);

/* The text of a loaded file, for quoting source lines (a plan_source_text_fn
 * with the set as its context). */
const char *plan_set_file_text(void *set, const char *file, size_t *len);

#endif
