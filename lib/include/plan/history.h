/* plan/history.h: which commit last changed an item's meaning, found in the
 * git history between two revisions of a plan set, reading only the versions
 * of the files that hold the items asked about. */
#ifndef PLAN_HISTORY_H
#define PLAN_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "plan/error.h"
#include "plan/load.h"

/* An item to look for, as the newer plan set has it. */
typedef struct plan_history_item {
	const char *id;
	const char *file;          /* its file in the newer plan set, relative to its root */
	const char *old_file;      /* its file in the older plan set, relative to that
	                            * set's root; NULL when it had none (added) */
	const plan_node *node;     /* its mapping in the newer plan set */
} plan_history_item;

/* The two plan sets compared, as plan_set_root and plan_set_revision give
 * them. */
typedef struct plan_history_range {
	const char *root;          /* the newer plan set's root */
	const char *old_root;      /* the older plan set's root */
	const char *since;         /* the older revision's commit id */
	const char *until;         /* the newer revision's commit id; NULL: the working
	                            * tree (whose HEAD is where the walk starts) */
} plan_history_range;

typedef enum plan_history_state {
	PLAN_HISTORY_UNKNOWN,      /* no commit after `since` made it mean what it means
	                            * now (`since` is not an ancestor, or the history
	                            * between them is not there) */
	PLAN_HISTORY_COMMIT,       /* the commit below */
	PLAN_HISTORY_UNCOMMITTED   /* the working tree's version differs from HEAD's */
} plan_history_state;

typedef struct plan_history_change {
	uint8_t state;             /* plan_history_state */
	char commit[41];           /* COMMIT: the full id */
	char short_id[41];         /* COMMIT: abbreviated as git abbreviates it */
	char date[11];             /* COMMIT: the author date, YYYY-MM-DD, in the
	                            * author's time zone */
	char *subject;             /* COMMIT: the message's first line (owned) */
} plan_history_change;

/* For each item, the newest commit in `since`..`until` (reachable from
 * `until`, or from HEAD for the working tree, and not from `since`; newest
 * first in topological order) whose version of the item differs in meaning
 * (plan_node_meaning_equal) from the version in each of the commit's parents
 * (so a merge that only brings a change in is not it). Commits are walked
 * once, and a file's version is parsed only when its blob differs from the
 * parent's. The item is looked for in `file`, then in `old_file` (from the
 * roots' places in the repository), by the `id` of a mapping. The repository
 * is the one that holds `root` (or the nearest existing directory above it);
 * nothing but its objects and HEAD is read.
 * On success *out is an array of `nitems` answers in the order of `items`
 * (free with plan_history_free) and 0 is returned; -1 with `err` set when the
 * repository or a commit or tree on the way cannot be read, or memory ran
 * out. */
int plan_history_find(plan_history_change **out, const plan_history_range *range,
	const plan_history_item *items, size_t nitems, plan_error *err);

/* Free an array plan_history_find returned; accepts NULL. */
void plan_history_free(plan_history_change *changes, size_t nitems);

#endif
