/* plan/doc.h: the report document: headings, paragraphs, list items,
 * tables and charts made of styled runs of text, built once per report and
 * rendered to Markdown, plain text or HTML (plan/render.h). Any block may
 * carry an id (plan_doc_id) and a run of text may link to one
 * (plan_doc_link), so that items of a report are addressable. */
#ifndef PLAN_DOC_H
#define PLAN_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "plan/arena.h"
#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/report_words.h"

/* How a run of text is shown. */
typedef enum plan_doc_style {
	PLAN_DOC_PLAIN,
	PLAN_DOC_STRONG,
	PLAN_DOC_EM,
	PLAN_DOC_LINK             /* plain text that refers to the block with id `ref` */
} plan_doc_style;

typedef struct plan_doc_span {
	size_t off, len;          /* its text in the document's text buffer */
	uint8_t style;
	const char *ref;          /* PLAN_DOC_LINK: the id it refers to */
} plan_doc_span;

typedef enum plan_doc_block_kind {
	PLAN_BLOCK_HEADING,       /* level 1 to 4 */
	PLAN_BLOCK_PARA,          /* a paragraph; a blank line in plan text starts another */
	PLAN_BLOCK_ITEM,          /* a list item at depth `level` (0 is the outermost) */
	PLAN_BLOCK_TABLE,         /* cells row by row, the first row the header */
	PLAN_BLOCK_CHART          /* HTML only: the other formats have the table */
} plan_doc_block_kind;

typedef enum plan_doc_chart_kind {
	PLAN_CHART_STATUS,        /* stacked bars: goals per status per perspective */
	PLAN_CHART_KPI,           /* one bar per KPI: outcome against target and baseline */
	PLAN_CHART_TREND          /* one KPI over the years: a row per year */
} plan_doc_chart_kind;

#define PLAN_CHART_SERIES 5

typedef struct plan_chart_row {
	const char *label;
	const char *name;              /* KPI: the KPI's name, shown under the
	                                * label (its id); NULL for none */
	double v[PLAN_CHART_SERIES];   /* STATUS: a count per goal status; KPI:
	                                * baseline, target, outcome; TREND:
	                                * target, outcome */
	uint8_t has[PLAN_CHART_SERIES];/* KPI, TREND: which of v are known */
	uint8_t result;                /* KPI: plan_kpi_result */
	const char *note;              /* KPI: the figures as text, shown beside the bar */
} plan_chart_row;

typedef struct plan_chart {
	plan_doc_chart_kind kind;
	const char *title;
	const char *legend;       /* a line under the title, or NULL */
	const char *series[PLAN_CHART_SERIES];  /* STATUS: the status names; TREND:
	                                         * "better" words for the arrow */
	int has_baseline;         /* TREND: the KPI's baseline, drawn as a line */
	double baseline;
	int lower_is_better;      /* TREND: the arrow points down */
	plan_chart_row *rows;
	size_t nrows;
} plan_chart;

typedef struct plan_doc_table_cell {
	size_t first, n;          /* spans */
} plan_doc_table_cell;

typedef struct plan_doc_block {
	uint8_t kind;
	uint8_t level;
	size_t first, n;          /* spans (heading, para, item); cells (table) */
	size_t ncols;             /* table */
	const char *align;        /* table: 'l' or 'r' per column */
	plan_chart *chart;        /* chart */
	const char *id;           /* the block's id (plan_doc_id), or NULL */
} plan_doc_block;

typedef struct plan_report_doc {
	plan_lang lang;
	plan_arena *arena;        /* owns every chart and its strings */
	plan_buf text;            /* every span's text, one after another */
	plan_doc_block *blocks;
	size_t nblocks, capblocks;
	plan_doc_span *spans;
	size_t nspans, capspans;
	plan_doc_table_cell *cells;
	size_t ncells, capcells;
	int in_cell;              /* spans go to the last cell */
	int oom;                  /* something was lost for want of memory */
} plan_report_doc;

/* An empty document whose words are in `lang`; -1 when out of memory. */
int plan_doc_init(plan_report_doc *d, plan_lang lang);
void plan_doc_free(plan_report_doc *d);

/* Start a block; the spans added next belong to it. */
void plan_doc_heading(plan_report_doc *d, int level);
void plan_doc_para(plan_report_doc *d);
void plan_doc_item(plan_report_doc *d, int depth);
/* A table with one column per character of `align` ('l' or 'r', static
 * storage); then plan_doc_cell for each cell, row by row, header first. */
void plan_doc_table(plan_report_doc *d, const char *align);
void plan_doc_cell(plan_report_doc *d);
/* A table and its header row of `n` words, in one go. */
void plan_doc_table_head(plan_report_doc *d, const char *align, const plan_word *words, size_t n);
/* A chart block; rows are added to the returned chart (NULL: out of memory). */
plan_chart *plan_doc_chart(plan_report_doc *d, plan_doc_chart_kind kind, const char *title, size_t nrows);

/* Give the current block (the last started) the id `id` (copied), by which
 * links refer to it; HTML writes it as the element's id. */
void plan_doc_id(plan_report_doc *d, const char *id);

/* Add text to the current block (or cell). */
void plan_doc_put(plan_report_doc *d, plan_doc_style style, const char *text);
void plan_doc_putf(plan_report_doc *d, plan_doc_style style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void plan_doc_word(plan_report_doc *d, plan_doc_style style, plan_word word);
/* "Label: " at the current place: the label and its colon in bold, then a
 * plain space, as every labelled line of a report begins. */
void plan_doc_label(plan_report_doc *d, const char *label);
void plan_doc_label_word(plan_report_doc *d, plan_word word);
/* A paragraph "Label: text"; nothing when `text` is NULL. */
void plan_doc_labelled(plan_report_doc *d, plan_word word, const char *text);
/* `text` as a link to the block with id `ref` (copied). */
void plan_doc_link(plan_report_doc *d, const char *text, const char *ref);
/* A phrase with {1}... filled from `args`. */
void plan_doc_fill(plan_report_doc *d, plan_doc_style style, plan_word word, const char *const *args, size_t nargs);
void plan_doc_number(plan_report_doc *d, plan_doc_style style, double value, int decimals, int sign);
/* "–" for something unknown. */
void plan_doc_dash(plan_report_doc *d);

/* A copy of `text` owned by the document (for chart labels). */
const char *plan_doc_strdup(plan_report_doc *d, const char *text);
/* A number as text, owned by the document. */
const char *plan_doc_number_text(plan_report_doc *d, double value, int decimals, int sign);
/* A phrase filled with args, owned by the document. */
const char *plan_doc_fill_text(plan_report_doc *d, plan_word word, const char *const *args, size_t nargs);

/* The block with id `id`, or NULL. */
const plan_doc_block *plan_doc_find(const plan_report_doc *d, const char *id);

/* Each span of spans[first, first + n) with the white space at the ends of
 * the whole run trimmed off, in order; empty pieces are skipped. `ref` is
 * the id a link refers to, NULL for other styles. */
typedef void (*plan_doc_piece_fn)(void *ctx, const char *text, size_t len, plan_doc_style style,
	const char *ref);
void plan_doc_spans_each(const plan_report_doc *d, size_t first, size_t n, plan_doc_piece_fn fn, void *ctx);

#endif
