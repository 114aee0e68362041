/* plan/render.h: a report document (plan/doc.h) written as Markdown, plain
 * text or one self-contained HTML file. Plan text is escaped for each
 * format: Markdown shows it as written, HTML never runs it, text never sends
 * control characters to a terminal. */
#ifndef PLAN_RENDER_H
#define PLAN_RENDER_H

#include "plan/doc.h"
#include "plan/output.h"

/* The formats of a report: the three a document renders to, and the two
 * that reports write themselves (plan/report_doc.h). */
typedef enum plan_format {
	PLAN_FORMAT_MD,
	PLAN_FORMAT_TEXT,
	PLAN_FORMAT_JSON,
	PLAN_FORMAT_HTML,
	PLAN_FORMAT_ICS
} plan_format;

/* Markdown for the forges and pandoc: ATX headings, nested lists, pipe
 * tables; charts are left out (their figures are in tables). */
void plan_render_md(plan_out *out, const plan_report_doc *d);
/* Plain text: underlined headings, wrapped paragraphs and list items,
 * tables with aligned columns. */
void plan_render_text(plan_out *out, const plan_report_doc *d);
/* One HTML file: inline CSS, inline SVG charts, no scripts; block ids as
 * id= and links as <a href="#id">. */
void plan_render_html(plan_out *out, const plan_report_doc *d);
/* The one of the three that `format` names; -1 (writing nothing) for JSON
 * and ICS, which are no document's formats. */
int plan_render(plan_out *out, const plan_report_doc *d, plan_format format);

#endif
