/* plan-report.h: what the parts of plan-report share inside the binary: the
 * parsed options, the buffered output, the report document that every
 * command builds and every text format renders, and the commands. */
#ifndef PLAN_REPORT_BIN_H
#define PLAN_REPORT_BIN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plan/arena.h"
#include "plan/buf.h"
#include "plan/kolada.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/report.h"
#include "plan/report_followup.h"
#include "plan/report_kpis.h"
#include "plan/report_words.h"

#define EXIT_CLEAN 0
#define EXIT_FOUND 1     /* the query found nothing: no follow-up, an unknown owner */
#define EXIT_TROUBLE 2   /* usage, unreadable input, output failed */

typedef enum report_format {
	FORMAT_MD,
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_HTML,
	FORMAT_ICS
} report_format;

typedef struct report_options {
	report_format format;
	plan_lang lang;
	int year;                 /* followup, calendar; 0 when not given */
	plan_period period;       /* followup */
	const char *owner;        /* followup, plan: NULL for kommun */
	const plan_kolada *kolada;/* kpis --kolada */
	const char *kolada_name;  /* the file as given */
	const char *root;         /* the plan set root, for JSON */
	const char *revision;     /* the commit read (--rev), or NULL */
	long long revision_time;  /* that commit's time (seconds since 1970) */
	int worktree_dirty;       /* without --rev: 1 uncommitted changes, 0 none,
	                           * -1 not in a git repository */
} report_options;

/* --- output ---------------------------------------------------------------- */

/* Output is built in a buffer and written in chunks, so that a write
 * failure is seen once. */
/* Where a command writes: chunked, failures remembered (plan/output.h). */
typedef plan_out report_out;

/* JSON pieces: a string literal of plan text (NULL: null), a number (as
 * JSON writes it: no exponent for plan figures, at most 10 decimals), and
 * "key": with the indentation of `depth` levels. */
void json_str(report_out *out, const char *text);
void json_num(report_out *out, double value);
void json_key(report_out *out, int depth, const char *key, int first);
/* {"id": ..., "name": ...} for a perspective index, or null. */
void json_perspective(report_out *out, const plan_model *m, int index);
/* {"id": ..., "kind": ..., "name": ...} for an organisational item; NULL
 * gives the municipality: {"id": "kommun", "kind": "kommun", "name": ...}. */
void json_owner(report_out *out, const plan_model *m, const plan_item *owner);
/* The head of every JSON result: {"root", "revision", "command",
 * "municipality"; the caller goes on with ",\n" and its own keys. */
void json_head(report_out *out, const report_options *opt, const plan_model *m,
	const char *command);

/* --- the report document ------------------------------------------------------ */

/* How a run of text is shown. */
typedef enum span_style {
	ST_PLAIN,
	ST_STRONG,
	ST_EM
} span_style;

typedef struct span {
	size_t off, len;          /* its text in the document's text buffer */
	uint8_t style;
} span;

typedef enum block_kind {
	BK_HEADING,               /* level 1 to 4 */
	BK_PARA,                  /* a paragraph; a blank line in plan text starts another */
	BK_ITEM,                  /* a list item at depth `level` (0 is the outermost) */
	BK_TABLE,                 /* cells row by row, the first row the header */
	BK_CHART                  /* HTML only: the other formats have the table */
} block_kind;

typedef enum chart_kind {
	CHART_STATUS,             /* stacked bars: goals per status per perspective */
	CHART_KPI                 /* one bar per KPI: outcome against target and baseline */
} chart_kind;

#define CHART_SERIES 5

typedef struct chart_row {
	const char *label;
	double v[CHART_SERIES];   /* STATUS: a count per goal status; KPI: baseline,
	                           * target, outcome */
	uint8_t has[CHART_SERIES];/* KPI: which of v are known */
	uint8_t result;           /* KPI: plan_kpi_result */
	const char *note;         /* KPI: the figures as text, shown beside the bar */
} chart_row;

typedef struct chart {
	chart_kind kind;
	const char *title;
	const char *legend;       /* a line under the title, or NULL */
	const char *series[CHART_SERIES];  /* STATUS: the status names */
	chart_row *rows;
	size_t nrows;
} chart;

typedef struct cell {
	size_t first, n;          /* spans */
} cell;

typedef struct block {
	uint8_t kind;
	uint8_t level;
	size_t first, n;          /* spans (heading, para, item); cells (table) */
	size_t ncols;             /* table */
	const char *align;        /* table: 'l' or 'r' per column */
	chart *chart;             /* chart */
} block;

typedef struct doc {
	plan_lang lang;
	plan_arena *arena;        /* owns every chart and its strings */
	plan_buf text;            /* every span's text, one after another */
	block *blocks;
	size_t nblocks, capblocks;
	span *spans;
	size_t nspans, capspans;
	cell *cells;
	size_t ncells, capcells;
	int in_cell;              /* spans go to the last cell */
	int oom;
} doc;

int doc_init(doc *d, plan_lang lang);
void doc_free(doc *d);

/* Start a block; the spans added next belong to it. */
void doc_heading(doc *d, int level);
void doc_para(doc *d);
void doc_item(doc *d, int depth);
/* A table with one column per character of `align` ('l' or 'r', static
 * storage); then doc_cell for each cell, row by row, header first. */
void doc_table(doc *d, const char *align);
void doc_cell(doc *d);
/* A table and its header row of `n` words, in one go. */
void doc_table_head(doc *d, const char *align, const plan_word *words, size_t n);
/* A chart block; rows are added to the returned chart (NULL: out of memory). */
chart *doc_chart(doc *d, chart_kind kind, const char *title, size_t nrows);

/* Add text to the current block (or cell). */
void doc_put(doc *d, span_style style, const char *text);
void doc_putf(doc *d, span_style style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void doc_word(doc *d, span_style style, plan_word word);
/* A phrase with {1}... filled from `args`. */
void doc_fill(doc *d, span_style style, plan_word word, const char *const *args, size_t nargs);
void doc_number(doc *d, span_style style, double value, int decimals, int sign);
/* "–" for something unknown. */
void doc_dash(doc *d);

/* A copy of `text` owned by the document (for chart labels). */
const char *doc_strdup(doc *d, const char *text);
/* A number as text, owned by the document. */
const char *doc_number_text(doc *d, double value, int decimals, int sign);
/* A phrase filled with args, owned by the document. */
const char *doc_fill_text(doc *d, plan_word word, const char *const *args, size_t nargs);

/* Each span of spans[first, first + n) with the white space at the ends of
 * the whole run trimmed off, in order; empty pieces are skipped. */
typedef void (*piece_fn)(void *ctx, const char *text, size_t len, span_style style);
void spans_each(const doc *d, size_t first, size_t n, piece_fn fn, void *ctx);

/* Render the document: Markdown, plain text, or one HTML file. */
void render_md(report_out *out, const doc *d);
void render_text(report_out *out, const doc *d);
void render_html(report_out *out, const doc *d);
/* The one of the three that `format` names. */
void render(report_out *out, const doc *d, report_format format);

/* A closing paragraph saying what the report was made from: a commit (id
 * and date), or the working tree, with a note when its git repository has
 * uncommitted changes under the plan set. */
void doc_provenance(doc *d, const report_options *opt);

/* --- small readings of the model ------------------------------------------------ */

/* A text value of an item's or document's mapping, or NULL. */
const char *node_text(const plan_node *map, const char *key);
/* The name a report gives an owner: the municipality's name for NULL. */
const char *owner_name(const plan_model *m, const plan_item *owner);
/* The item `id` names as an owner (body, office or unit), or NULL after
 * telling stderr why (in `lang`), with the closest id. */
const plan_item *find_owner_or_say(const plan_model *m, const char *id, plan_lang lang);

/* "Utfall 75 (2026) · Mål 76 · Utgångsvärde 74,5": a KPI's figures in one
 * line, for charts; owned by the document. */
const char *kpi_note(doc *d, const plan_kpi_report *report, const plan_kpi_year *row);

/* The cells every KPI table row opens with: id, name, unit, which way is
 * better, and the baseline with its year (or a dash). */
void kpi_row_start(doc *d, const plan_kpi_report *report);

/* "target": ..., "outcome": {...}|null, "result": ..., "margin": ...: the
 * keys of one KPI year in JSON (followup_json.c). */
void kpi_year_json(report_out *out, const plan_kpi_year *row);

/* The JSON of a follow-up (followup_json.c). */
void followup_json(report_out *out, const plan_model *m, const plan_followup *f,
	const report_options *opt);

/* --- the commands ------------------------------------------------------------------ */

int report_followup(report_out *out, const plan_model *m, const report_options *opt);
int report_plan(report_out *out, const plan_model *m, const report_options *opt);
int report_kpis(report_out *out, const plan_model *m, const report_options *opt);
int report_calendar(report_out *out, const plan_model *m, const report_options *opt);

#endif
