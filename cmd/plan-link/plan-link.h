/* plan-link.h: what the commands of plan-link share inside the binary: the
 * parsed options, the buffered output, and small readings of the model. */
#ifndef PLAN_LINK_H
#define PLAN_LINK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/set.h"

#define EXIT_CLEAN 0
#define EXIT_FOUND 1     /* an item does not trace, orphans exist, an id names nothing */
#define EXIT_TROUBLE 2   /* usage, unreadable input, output failed, a limit hit */

typedef enum link_format {
	FORMAT_DEFAULT,
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_MD,
	FORMAT_CSV,
	FORMAT_DOT,
	FORMAT_MERMAID
} link_format;

typedef struct link_options {
	link_format format;       /* resolved: never FORMAT_DEFAULT in a command */
	char **ids;               /* trace: the ids; tree: at most one */
	size_t nids;
	const char *from;         /* graph --from */
	size_t width;             /* text: columns titles are shortened to; 0: never */
	size_t max_chains;        /* trace: chains shown per item; 0: all */
	const char *root;         /* the plan set root, for JSON */
} link_options;

/* Output is built in a buffer and written out in chunks, so that no command
 * holds its whole result in memory and a write failure is seen once. */
/* Where a command writes: chunked, failures remembered (plan/output.h). */
typedef plan_out link_out;

/* Plan text for a text format: trailing white space dropped, escaped for a
 * terminal, shortened to `columns` (0: not shortened). */
void out_text(link_out *out, const char *text, size_t columns);
/* Columns plan text takes as out_text prints it (not shortened). */
size_t out_text_columns(const char *text);
/* "  title" at the end of a text line whose first `used` columns are taken,
 * the title shortened so the line fits `width` columns (0: never shortened;
 * at least 10 columns are left for it); nothing for an empty title. */
void out_title(link_out *out, const char *title, size_t used, size_t width);
/* A JSON string literal of plan text; NULL prints null. */
void out_json(link_out *out, const char *text);
/* The perspective with this index as {"id": ..., "name": ...}, or null. */
void out_json_perspective(link_out *out, const plan_model *m, int index);
/* "root": ..., "revision": ..., : the head every JSON result starts with. */
void out_json_head(link_out *out, const link_options *opt);
/* The commit id out_json_head prints as "revision" (NULL, the default,
 * prints null): set once by main when a revision was read. */
void out_set_revision(const char *revision);
/* The language of messages and of the text formats (English, the default,
 * until main sets it once, before anything is printed). */
void link_set_lang(plan_lang lang);
plan_lang link_lang(void);

/* Kinds of the link graph: fullmäktigemål, särskilda uppdrag, nämndmål,
 * kontorsplan goals, KPIs and activities, in level order (0 to 5); -1 for
 * items that are not part of it (organisation, documents). */
int item_level(const plan_item *item);
#define LEVELS 6


/* A valid upward link (contributes_to, measures, goal): what traces follow. */
int ref_is_link(const plan_ref *ref);

/* The ref at `r` names a target an earlier valid link of the item already
 * names (a list that repeats an id). */
int ref_repeats(const plan_item *item, size_t r);

/* An item that must trace and does not, or that has no perspective. */
int item_is_orphan(const plan_item *item);

/* The first perspective of the item's effective set, or -1. */
int item_first_perspective(const plan_model *m, const plan_item *item);

/* The item named `id`, or NULL after telling stderr so (in `lang`), with the
 * closest id of the plan set as a suggestion. */
plan_item *find_item_or_say(const plan_model *m, const char *id, plan_lang lang);

/* "a body", "an office": the kind of an item that is not part of the link
 * graph (organisation, documents) with its article, in `lang`. */
const char *item_kind_with_article(plan_item_kind kind, plan_lang lang);

/* The closest item id to `id`, or NULL. */
const char *closest_id(const plan_model *m, const char *id);

/* Commands: each prints its result to `out` and returns the exit status. */
int link_trace(link_out *out, const plan_model *m, const link_options *opt);
int link_tree(link_out *out, const plan_model *m, const link_options *opt);
int link_orphans(link_out *out, const plan_model *m, const link_options *opt);
int link_matrix(link_out *out, const plan_model *m, const link_options *opt);
int link_graph(link_out *out, const plan_model *m, const link_options *opt);

/* Commands that compare `set`, read with `options` (options->rev: NEW as
 * given, NULL for the working tree), with the plan set at `old_rev` (diff's
 * OLD, suspect's --since), which they read with the same options. */
int link_diff(link_out *out, const plan_set *set, const plan_set_options *options,
	const char *old_rev, const link_options *opt);
int link_suspect(link_out *out, const plan_set *set, const plan_set_options *options,
	const char *old_rev, const link_options *opt);

/* Read the plan set at `rev` with `options` otherwise, for comparing with
 * `set`: 0 with *out set, or -1 after saying why on stderr (`what` names the
 * option or argument the revision came from). Files of either set that could
 * not be read in full get a note on stderr. */
int load_older(plan_set **out, const plan_set *set, const plan_set_options *options,
	const char *rev, const char *what);

#endif
