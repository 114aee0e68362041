/* report_impl.h: what the parts of the library's reports share: the
 * pieces JSON is made of, small readings of the model, and the lines a
 * report says on opt->messages. */
#ifndef PLAN_REPORT_IMPL_H
#define PLAN_REPORT_IMPL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plan/arena.h"
#include "plan/buf.h"
#include "plan/doc.h"
#include "plan/kolada.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/render.h"
#include "plan/report.h"
#include "plan/report_doc.h"
#include "plan/report_followup.h"
#include "plan/report_kpis.h"
#include "plan/report_words.h"

/* A line on opt->messages: "program: ", `fmt` (already in the report's
 * language) filled in, and a line end. Nothing when opt->messages is NULL. */
void report_say(const plan_report_options *opt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Out of memory: said, and PLAN_REPORT_TROUBLE returned. */
int report_oom(const plan_report_options *opt);

/* The colophon's heading ("About this report"), once per document: what
 * a reader of the first page need not see (the files and document ids a
 * report was made from) goes under it, at the end. A builder adds its
 * paragraphs after it, then calls report_doc_done. */
void report_colophon(plan_report_doc *d);

/* The end of every document builder: the colophon with the provenance
 * (unless opt->provenance_elsewhere), then PLAN_REPORT_TROUBLE (said) when
 * something was lost for want of memory. */
int report_doc_done(plan_report_doc *d, const plan_report_options *opt);

/* JSON pieces: a string literal of plan text (NULL: null), a number (as
 * JSON writes it: no exponent for plan figures, at most 10 decimals), and
 * "key": with the indentation of `depth` levels. */
void json_str(plan_out *out, const char *text);
void json_num(plan_out *out, double value);
void json_key(plan_out *out, int depth, const char *key, int first);
/* {"id": ..., "name": ...} for a perspective index, or null. */
void json_perspective(plan_out *out, const plan_model *m, int index);
/* {"id": ..., "kind": ..., "name": ...} for an organisational item; NULL
 * gives the municipality: {"id": "kommun", "kind": "kommun", "name": ...}. */
void json_owner(plan_out *out, const plan_model *m, const plan_item *owner);
/* The head of every JSON result: {"root", "revision", "command",
 * "municipality"; the caller goes on with ",\n" and its own keys. */
/* {"name": ..., "code": ...} of the styrmodell's municipality. */
void json_municipality(plan_out *out, const plan_model *m);

void json_head(plan_out *out, const plan_report_options *opt, const plan_model *m,
	const char *command);

/* --- small readings of the model ------------------------------------------------ */

/* A string node's text, or NULL (absent, or not a string). */
const char *text_value(const plan_node *n);

/* A text value of an item's or document's mapping, or NULL. */
const char *node_text(const plan_node *map, const char *key);

/* The name a report gives an owner: the municipality's name for NULL. */
const char *owner_name(const plan_model *m, const plan_item *owner);
/* The item `id` names as an owner (body, office or unit), or NULL after
 * saying why (report_say), with the closest id. */
const plan_item *find_owner_or_say(const plan_model *m, const char *id, const plan_report_options *opt);

/* "Utfall 75 (2026) · Mål 76 · Utgångsvärde 74,5": a KPI's figures in one
 * line, for charts; owned by the document. */
const char *kpi_note(plan_report_doc *d, const plan_kpi_report *report, const plan_kpi_year *row);
/* A KPI chart's row of `report` at `row`: labelled by id and name, with its
 * baseline, target, outcome, assessment and note. */
void kpi_chart_row(plan_report_doc *d, plan_chart_row *cr, const plan_kpi_report *report,
	const plan_kpi_year *row);

/* The cells every KPI table row opens with: id, name, unit, which way is
 * better, and the baseline with its year (or a dash). */
void kpi_row_start(plan_report_doc *d, const plan_kpi_report *report);

/* "target": ..., "outcome": {...}|null, "result": ..., "margin": ...: the
 * keys of one KPI year in JSON (followup_json.c). */
void kpi_year_json(plan_out *out, const plan_kpi_year *row);

/* The JSON of a follow-up (followup_json.c). */
void followup_json(plan_out *out, const plan_model *m, const plan_followup *f,
	const plan_report_options *opt);

#endif
