/* plan/view.h: the views of a plan set's links that plan-link prints:
 * every upward chain from an item to a fullmäktigemål (trace), the tree of
 * the items below one (tree), what does not trace (orphans), how many
 * nämndmål of each body contribute to each fullmäktigemål (matrix), the
 * link graph (graph), and between two revisions what changed (diff) and
 * which links that puts in doubt (suspect). Each writes its result to a
 * plan_out (plan/output.h) in the format asked for, says on opt->messages
 * why it found nothing, and returns plan-link's exit status. */
#ifndef PLAN_VIEW_H
#define PLAN_VIEW_H

#include <stddef.h>
#include <stdio.h>

#include "plan/lang.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/set.h"

/* What a view returns (the exit status of plan-link). */
typedef enum plan_view_status {
	PLAN_VIEW_OK = 0,
	PLAN_VIEW_FOUND = 1,     /* an item does not trace, orphans exist, an id names nothing */
	PLAN_VIEW_TROUBLE = 2    /* out of memory, a limit hit, a revision that cannot be read */
} plan_view_status;

/* The formats of the views; which ones a view takes is in its comment
 * below. PLAN_VIEW_FORMAT_DEFAULT is for a caller's "not given yet": a view
 * given it writes its first format. */
typedef enum plan_view_format {
	PLAN_VIEW_FORMAT_DEFAULT,
	PLAN_VIEW_FORMAT_TEXT,
	PLAN_VIEW_FORMAT_JSON,
	PLAN_VIEW_FORMAT_MD,
	PLAN_VIEW_FORMAT_CSV,
	PLAN_VIEW_FORMAT_DOT,
	PLAN_VIEW_FORMAT_MERMAID
} plan_view_format;

typedef struct plan_view_options {
	plan_view_format format;
	const char *const *ids;   /* trace: the ids; tree: at most one (none: every
	                           * fullmäktigemål) */
	size_t nids;
	const char *from;         /* graph: only this item and those below it; NULL: all */
	size_t width;             /* text: columns titles are shortened to; 0: never */
	size_t max_chains;        /* trace: chains shown per item; 0: all */
	const char *root;         /* the plan set root, for JSON */
	const char *revision;     /* the commit read, JSON's "revision"; NULL: null */
	plan_lang lang;           /* the language of messages and of the text formats */
	FILE *messages;           /* where a view says why it found nothing, and its
	                           * notes, one line each; NULL: nowhere */
	const char *program;      /* the name those lines start with ("plan-link") */
} plan_view_options;

#define PLAN_VIEW_OPTIONS_INIT { PLAN_VIEW_FORMAT_DEFAULT, NULL, 0, NULL, 0, 1000, NULL, \
	NULL, PLAN_LANG_EN, NULL, "plan-link" }

/* A view of the model of a plan set. */
typedef int (*plan_view_fn)(plan_out *out, const plan_model *m, const plan_view_options *opt);
/* A view that compares `set`, read with `options` (options->rev: NEW as
 * given, NULL for the working tree), with the plan set at `old_rev` (diff's
 * OLD, suspect's --since), which it reads with the same options otherwise. */
typedef int (*plan_view_compare_fn)(plan_out *out, const plan_set *set,
	const plan_set_options *options, const char *old_rev, const plan_view_options *opt);

/* Every chain of valid links up from each of opt->ids, at most
 * opt->max_chains per item; text or json. PLAN_VIEW_FOUND when an item does
 * not trace (or has no perspective) or an id names no item. */
int plan_view_trace(plan_out *out, const plan_model *m, const plan_view_options *opt);
/* The tree below opt->ids[0], or with no id below every fullmäktigemål by
 * perspective; text or json. PLAN_VIEW_FOUND when the id names no item of
 * the link graph. */
int plan_view_tree(plan_out *out, const plan_model *m, const plan_view_options *opt);
/* Every item that must trace and does not, or has no perspective, by file
 * and line; text or json. PLAN_VIEW_FOUND when there are any. */
int plan_view_orphans(plan_out *out, const plan_model *m, const plan_view_options *opt);
/* Fullmäktigemål x bodies; md (text is the same), csv or json. */
int plan_view_matrix(plan_out *out, const plan_model *m, const plan_view_options *opt);
/* The link graph (below opt->from); dot, mermaid or json. PLAN_VIEW_FOUND
 * when opt->from names no item of the link graph. */
int plan_view_graph(plan_out *out, const plan_model *m, const plan_view_options *opt);
/* Items, links and documents changed from `old_rev` to `set`; text, md or
 * json. */
int plan_view_diff(plan_out *out, const plan_set *set, const plan_set_options *options,
	const char *old_rev, const plan_view_options *opt);
/* The links to review since `old_rev`, each with the commit that changed
 * what it points to; text or json. PLAN_VIEW_FOUND when there are any. */
int plan_view_suspect(plan_out *out, const plan_set *set, const plan_set_options *options,
	const char *old_rev, const plan_view_options *opt);

/* The level of an item in the link graph, in the order views list them:
 * fullmäktigemål, särskilda uppdrag, direktivmål, nämndmål, kontorsplan
 * goals, KPIs and activities are 0 to 6; -1 for items that are not part
 * of it (organisation, documents). */
int plan_view_level(const plan_item *item);

/* plan-link's help in `lang`: the whole binary's for `command` NULL, else
 * that command's; NULL for a command it does not know. */
const char *plan_view_help(const char *command, plan_lang lang);

#endif
