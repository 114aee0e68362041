/* view_impl.h: what the views of the library (plan/view.h) share: plan
 * text written for text and JSON, small readings of the linked model, and
 * the lines a view says on opt->messages. */
#ifndef PLAN_VIEW_IMPL_H
#define PLAN_VIEW_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/set.h"
#include "plan/view.h"

/* A line on opt->messages: "program: ", `fmt` (already in the view's
 * language) filled in, and a line end. Nothing when opt->messages is NULL. */
void view_say(const plan_view_options *opt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* `fmt` filled in on opt->messages as it is, for the messages whose text
 * names the program and ends the line itself. */
void view_print(const plan_view_options *opt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Plan text for a text format: trailing white space dropped, escaped for a
 * terminal, shortened to `columns` (0: not shortened). */
void out_text(plan_out *out, const char *text, size_t columns);
/* Columns plan text takes as out_text prints it (not shortened). */
size_t out_text_columns(const char *text);
/* "  title" at the end of a text line whose first `used` columns are taken,
 * the title shortened so the line fits `width` columns (0: never shortened;
 * at least 10 columns are left for it); nothing for an empty title. */
void out_title(plan_out *out, const char *title, size_t used, size_t width);
/* A JSON string literal of plan text; NULL prints null. */
void out_json(plan_out *out, const char *text);
/* The perspective with this index as {"id": ..., "name": ...}, or null. */
void out_json_perspective(plan_out *out, const plan_model *m, int index);
/* "root": ..., "revision": ..., : the head every JSON result starts with
 * (opt->root, opt->revision). */
void out_json_head(plan_out *out, const plan_view_options *opt);

/* The levels of the link graph (plan_view_level). */
#define LEVELS 7

/* A valid upward link (contributes_to, measures, goal): what traces follow. */
int ref_is_link(const plan_ref *ref);

/* The ref at `r` names a target an earlier valid link of the item already
 * names (a list that repeats an id). */
int ref_repeats(const plan_item *item, size_t r);

/* An item that must trace and does not, or that has no perspective. */
int item_is_orphan(const plan_item *item);

/* The first perspective of the item's effective set, or -1. */
int item_first_perspective(const plan_model *m, const plan_item *item);

/* The item named `id`, or NULL after saying so on opt->messages (in
 * opt->lang), with the closest id of the plan set as a suggestion. */
plan_item *find_item_or_say(const plan_model *m, const char *id, const plan_view_options *opt);

/* "a body", "an office": the kind of an item that is not part of the link
 * graph (organisation, documents) with its article, in `lang`. */
const char *item_kind_with_article(plan_item_kind kind, plan_lang lang);

/* The closest item id to `id`, or NULL. */
const char *closest_id(const plan_model *m, const char *id);

/* Read the plan set at `rev` with `options` otherwise, for comparing with
 * `set`: 0 with *out set, or -1 after saying why on opt->messages (`what`
 * names the option or argument the revision came from). Files of either
 * set that could not be read in full get a note there. */
int load_older(plan_set **out, const plan_set *set, const plan_set_options *options,
	const char *rev, const char *what, const plan_view_options *opt);

#endif
