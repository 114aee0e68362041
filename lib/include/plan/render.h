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
/* How HTML links a PLAN_DOC_LINK run when its block may be on another
 * page: href() gives the URL for the id `ref` (valid until its next call),
 * or NULL for "#ref". */
typedef struct plan_html_links {
	const char *(*href)(void *ctx, const char *ref);
	void *ctx;
	int autolink;             /* plain text that is exactly an id href()
	                           * knows becomes a link too (an id in a table) */
} plan_html_links;

/* The parts of plan_render_html, for pages that wrap a document in their
 * own frame (plan/site.h): the blocks alone, with links through `links`
 * (NULL: "#id"); the text of the first heading, escaped; the style sheet. */
void plan_render_html_body(plan_out *out, const plan_report_doc *d, const plan_html_links *links);
void plan_render_html_title(plan_out *out, const plan_report_doc *d);
const char *plan_render_html_css(void);
/* Plan text escaped for HTML text and attribute values (controls and
 * invalid UTF-8 become U+FFFD). */
void plan_render_html_text(plan_buf *buf, const char *text);

/* The one of the three that `format` names; -1 (writing nothing) for JSON
 * and ICS, which are no document's formats. */
int plan_render(plan_out *out, const plan_report_doc *d, plan_format format);

#endif
