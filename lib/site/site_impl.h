/* site_impl.h: what the parts of the website generator share: the state of
 * one build, the pages' addresses, the page frame and the item sections. */
#ifndef PLAN_SITE_IMPL_H
#define PLAN_SITE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "plan/buf.h"
#include "plan/doc.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/render.h"
#include "plan/report.h"
#include "plan/report_doc.h"
#include "plan/report_followup.h"
#include "plan/report_kpis.h"
#include "plan/report_words.h"
#include "plan/site.h"

/* One follow-up entry on an item: the document and the entry's mapping. */
typedef struct site_fu {
	const plan_document *doc;
	const plan_node *entry;
	size_t order;                 /* in the plan set's order, to sort stably */
} site_fu;

typedef struct site {
	const plan_model *m;
	const plan_report_options *opt;
	plan_lang lang;
	const char *dir;              /* the temporary folder pages are written to */
	int dirfd;                    /* that folder, open */
	plan_kpi_table *kpis;         /* every KPI, outcomes from every follow-up */
	plan_followup *latest;        /* the municipality's newest follow-up, or NULL */
	/* Follow-up entries by item index: fu[fu_first[i] .. fu_first[i + 1]),
	 * oldest first. */
	site_fu *fu;
	size_t *fu_first;
	const plan_node *publish;     /* styrmodell x-publish: the x- keys shown */
	uint32_t *seen;               /* by item index: the tree walk's stamp */
	uint32_t stamp;
	const char *page;             /* the page being built, from the root */
	plan_buf target;              /* an address from the root, before site_href_path */
	plan_buf href;                /* the last address site_href made */
	plan_buf footer;              /* every page's footer (site_footer), shared */
	size_t pages, bytes;          /* written so far */
	int failed;                   /* a page could not be written (said) */
} site;

/* --- addresses (links.c) ------------------------------------------------------- */

/* True when the item has a page or a place on one: goals, assignments,
 * KPIs, activities and organisational items. */
int site_item_published(const plan_item *item);
/* The body an office or unit belongs to, whose folder its page is in;
 * NULL for a body, or an office or unit whose body is not known. */
const plan_item *site_owner_body(const plan_item *owner);
/* The page an item is on, from the site's root ("mal/KF-1.html",
 * "org/BUN.html", "org/BUN/BUN-K1.html"), into `buf`; the anchor after '#'
 * for items that are a part of a page. */
void site_item_path(plan_buf *buf, const plan_item *item, int with_anchor);
/* A file name for an id: the id when it is plain (letters, digits, '-',
 * '_', '.', not first), else "_" and its bytes in hex. */
void site_file_name(plan_buf *buf, const char *id);
/* The address of `path` (from the root, perhaps with "#fragment") as the
 * current page refers to it: from the page's folder, and only the fragment
 * on the page itself. */
const char *site_href_path(site *s, const char *path);
/* plan_html_links' href: the address of the item with id `ref`, or NULL. */
const char *site_href(void *ctx, const char *ref);

/* --- pages (page.c) ------------------------------------------------------------ */

/* Write the document `d` as the page `path` (from the root) in the site's
 * frame: header, navigation, search, the document, then `extra` (HTML, or
 * NULL), the footer. Sets s->failed (said) when it cannot be written. */
void site_page(site *s, const char *path, const plan_report_doc *d, const char *extra);
/* Make the footer every page ends with (what the site was made from). */
void site_footer(site *s);
/* Write a file of the site that is no page (style sheet, scripts). */
void site_file(site *s, const char *path, const char *data, size_t len);
/* A line on opt->messages (already in the site's language). */
void site_say(const site *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- parts of pages (item.c) --------------------------------------------------- */

/* A link to the item: "ID" (or "ID Title" with `title`). */
void site_link(plan_report_doc *d, const plan_item *item, int title);
/* The section of an item: heading at `level` (with its id as anchor when
 * `anchor`), description, perspective, what it contributes to and what
 * contributes to it, the published x- fields and its newest follow-up. */
void site_item_section(site *s, plan_report_doc *d, const plan_item *item, int level, int anchor);
/* What contributes to `item`, as a nested list of links, each item once. */
void site_tree(site *s, plan_report_doc *d, const plan_item *item);
/* A KPI's figures: a table of the years and a chart over them. */
void site_kpi_figures(site *s, plan_report_doc *d, const plan_item *kpi);
/* Every follow-up of an item, oldest first, with status, forecast and
 * the four answers. */
void site_history(site *s, plan_report_doc *d, const plan_item *item, int level);
/* The newest follow-up entry of the item, or NULL. */
const site_fu *site_newest(const site *s, const plan_item *item);

/* --- the pages (start.c, goal.c, owner.c, search.c) ----------------------------- */

void site_start_page(site *s);
void site_goal_pages(site *s);
void site_item_pages(site *s);
/* The pages of every `nparts`-th organisational item from the `part`-th
 * (0 also writes organisation.html): two threads share the work. */
void site_owner_pages(site *s, size_t part, size_t nparts);
void site_report_pages(site *s);
void site_search(site *s);
void site_assets(site *s);

#endif
