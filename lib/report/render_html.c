/* render_html.c: the report document as one self-contained HTML file that
 * prints well: inline CSS, inline SVG charts, no scripts and nothing loaded
 * from the network. Every piece of plan text is escaped, so that markup in
 * a plan (<script>) is shown, never run. */
#include "plan/render.h"

#include <math.h>
#include <string.h>

#include "plan/report_kpis.h"   /* the results a KPI chart colours */

static const char css[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;"
	"color:#1a1a1a;line-height:1.45;max-width:58em;margin:2em auto;padding:0 1.5em}\n"
	"h1{font-size:1.7em;border-bottom:2px solid #1a1a1a;padding-bottom:.2em}\n"
	"h2{font-size:1.35em;margin-top:1.8em;border-bottom:1px solid #999}\n"
	"h3{font-size:1.15em;margin-top:1.4em}\n"
	"h4{font-size:1em;margin-bottom:.3em}\n"
	"table{border-collapse:collapse;margin:.8em 0 1.2em;font-size:.92em}\n"
	"th,td{border:1px solid #bbb;padding:.25em .55em;text-align:left;vertical-align:top}\n"
	"th{background:#eee}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"ul{padding-left:1.4em}\n"
	"li{margin:.15em 0}\n"
	"figure{margin:1em 0}\n"
	"figcaption{font-weight:600;margin-bottom:.3em}\n"
	"svg{max-width:100%;height:auto;display:block}\n"
	"td.nw,span.nw{white-space:nowrap}\n"
	"@media print,(min-width:40em){.wide{min-width:18em}}\n"
	"nav.toc{margin:1.2em 0 1.6em}\n"
	"nav.toc h2{font-size:1.1em;border:0;margin:0 0 .3em}\n"
	"nav.toc ol{margin:0;padding-left:1.6em;columns:2 16em;column-gap:2em}\n"
	"@media print{body{margin:0;padding:0;max-width:none;font-size:10pt}"
	"table{font-size:8pt}th,td{padding:.2em .4em}"
	"h1,h2,h3,h4,figcaption{break-after:avoid}tr,li,svg,figcaption{break-inside:avoid}"
	/* The colophon's few lines stay on one page, the last. */
	"#_colophon~p{break-before:avoid}"
	"a{color:inherit;text-decoration:none}}\n"
	/* A4 with the page number at the foot of each page. A margin box of
	 * our own also keeps Chromium from printing its date and title there. */
	"@page{size:A4;margin:18mm 16mm 20mm;"
	"@top-left{content:\"\"}"
	"@bottom-right{content:counter(page) \" / \" counter(pages);"
	"font-family:system-ui,sans-serif;font-size:8.5pt;color:#555}}\n";

/* Plan text as HTML: & < > " ' escaped; controls and invalid UTF-8 become
 * U+FFFD. `para`: a blank line closes the paragraph and opens another. */
static int plain_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
}

static void html_text(plan_buf *buf, const char *s, size_t len, int para)
{
	for (size_t i = 0; i < len;) {
		/* Most text needs nothing: put each such run at once. */
		size_t run = i;
		while (run < len && plain_ascii((unsigned char)s[run]))
			run++;
		if (run > i) {
			plan_buf_put(buf, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			while (i < len && s[i] == '\n')
				i++;
			plan_buf_puts(buf, para ? "</p>\n<p>" : " ");
			continue;
		}
		if (c < 0x80) {
			switch (c) {
			case '&': plan_buf_puts(buf, "&amp;"); break;
			case '<': plan_buf_puts(buf, "&lt;"); break;
			case '>': plan_buf_puts(buf, "&gt;"); break;
			case '"': plan_buf_puts(buf, "&quot;"); break;
			case '\'': plan_buf_puts(buf, "&#39;"); break;
			default:
				if (c < 0x20 || c == 0x7f)
					plan_buf_puts(buf, "\xef\xbf\xbd");
				else
					plan_buf_putc(buf, (char)c);
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = plan_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || (cp >= 0x80 && cp < 0xa0)) {
			plan_buf_puts(buf, "\xef\xbf\xbd");
			i += n ? n : 1;
			continue;
		}
		plan_buf_put(buf, s + i, n);
		i += n;
	}
}

static void html_str(plan_buf *buf, const char *s)
{
	if (s)
		html_text(buf, s, strlen(s), 0);
}

typedef struct html {
	plan_buf *buf;
	int para;
	const plan_html_links *links;   /* NULL: links are "#id" */
	int keep_paren;   /* a figure's cell: a short "(...)" is not wrapped */
} html;

/* Text with each short "(...)" in it kept on one line: "72 (jan–aug
 * 2026)" may wrap before the parenthesis, never inside it; a long one,
 * "(sep 2025–aug 2026)", may, or its column would take the room of the
 * text beside it. */
#define PAREN_MAX 18   /* bytes, "(jan–aug 2026)" and its en dash fit */

static void paren_text(html *h, const char *s, size_t len)
{
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		const char *close = s[i] == '(' ? memchr(s + i, ')', len - i) : NULL;
		if (!close || (size_t)(close - (s + i)) + 1 > PAREN_MAX)
			continue;
		size_t n = (size_t)(close - (s + i)) + 1;
		html_text(h->buf, s + from, i - from, 0);
		plan_buf_puts(h->buf, "<span class=\"nw\">");
		html_text(h->buf, s + i, n, 0);
		plan_buf_puts(h->buf, "</span>");
		i += n - 1;
		from = i + 1;
	}
	html_text(h->buf, s + from, len - from, 0);
}

/* <a href="PREFIX HREF">text</a>, both escaped. */
static void anchor(plan_buf *buf, const char *prefix, const char *href, const char *text, size_t len)
{
	plan_buf_puts(buf, "<a href=\"");
	plan_buf_puts(buf, prefix);
	html_str(buf, href);
	plan_buf_puts(buf, "\">");
	html_text(buf, text, len, 0);
	plan_buf_puts(buf, "</a>");
}

static void piece(void *ctx, const char *text, size_t len, plan_doc_style style, const char *ref)
{
	html *h = ctx;
	if (style == PLAN_DOC_LINK) {
		const char *href = h->links ? h->links->href(h->links->ctx, ref) : NULL;
		anchor(h->buf, href ? "" : "#", href ? href : ref, text, len);
		return;
	}
	if (style == PLAN_DOC_PLAIN && h->links && h->links->autolink && len && len < 128) {
		char id[128];
		memcpy(id, text, len);
		id[len] = '\0';
		const char *href = memchr(id, ' ', len) ? NULL : h->links->href(h->links->ctx, id);
		if (href) {
			anchor(h->buf, "", href, text, len);
			return;
		}
	}
	const char *open = style == PLAN_DOC_STRONG ? "<strong>" : style == PLAN_DOC_EM ? "<em>" : "";
	const char *close = style == PLAN_DOC_STRONG ? "</strong>" : style == PLAN_DOC_EM ? "</em>" : "";
	plan_buf_puts(h->buf, open);
	if (h->keep_paren)
		paren_text(h, text, len);
	else
		html_text(h->buf, text, len, h->para && style == PLAN_DOC_PLAIN);
	plan_buf_puts(h->buf, close);
}

/* ' id="..."' for a block that has an id. */
static void id_attr(plan_buf *buf, const plan_doc_block *b)
{
	if (!b->id)
		return;
	plan_buf_puts(buf, " id=\"");
	html_str(buf, b->id);
	plan_buf_putc(buf, '"');
}

static void run(html *h, const plan_report_doc *d, size_t first, size_t n, int para)
{
	h->para = para;
	plan_doc_spans_each(d, first, n, piece, h);
}

/* A cell's length in bytes, and whether it is one word (no space). */
static size_t cell_len(const plan_report_doc *d, const plan_doc_table_cell *cl, int *one_word)
{
	size_t len = 0;
	for (size_t k = 0; k < cl->n; k++) {
		const plan_doc_span *sp = &d->spans[cl->first + k];
		if (memchr(d->text.ptr + sp->off, ' ', sp->len))
			*one_word = 0;
		len += sp->len;
	}
	return len;
}

/* What each column of a table is, for its class: "num" (figures, right
 * aligned), "nw" (never wrapped: every cell a short figure, or one short
 * word such as an id or a date, which would otherwise break at its
 * hyphens), "wide" (the running text that most needs room: its longest
 * cell the longest of all, and long enough to wrap; it gets a minimum
 * width, so that a name is not squeezed into four lines by the figures
 * beside it), or NULL. Of the first MAX_CLASSED columns; a report's tables
 * have fewer, and past them only "num" is given. */
#define MAX_CLASSED 16

static void column_classes(const plan_report_doc *d, const plan_doc_block *b, const char *cls[MAX_CLASSED])
{
	size_t ncols = b->ncols < MAX_CLASSED ? b->ncols : MAX_CLASSED;
	size_t wide = ncols, wide_len = 30;
	for (size_t col = 0; col < ncols; col++) {
		int num = b->align[col] == 'r', short_ = b->n > b->ncols;
		size_t col_len = 0;
		for (size_t c = b->ncols + col; c < b->n; c += b->ncols) {
			int word = 1;
			size_t len = cell_len(d, &d->cells[b->first + c], &word);
			short_ &= num ? len <= 16 : word && len <= 24;
			col_len = len > col_len ? len : col_len;
		}
		cls[col] = num ? (short_ ? "num nw" : "num") : short_ ? "nw" : NULL;
		if (!num && col_len > wide_len) {
			wide = col;
			wide_len = col_len;
		}
	}
	if (wide < ncols)
		cls[wide] = "wide";
}

static void table(html *h, const plan_report_doc *d, const plan_doc_block *b)
{
	size_t ncols = b->ncols;
	if (!ncols)
		return;
	const char *cls[MAX_CLASSED];
	column_classes(d, b, cls);
	plan_buf_puts(h->buf, "<table");
	id_attr(h->buf, b);
	plan_buf_puts(h->buf, ">\n<thead>\n");
	for (size_t c = 0; c < b->n; c++) {
		const plan_doc_table_cell *cl = &d->cells[b->first + c];
		int header = c < ncols;
		if (c % ncols == 0)
			plan_buf_puts(h->buf, "<tr>");
		plan_buf_puts(h->buf, header ? "<th" : "<td");
		size_t col = c % ncols;
		const char *cname = col < MAX_CLASSED ? cls[col] : b->align[col] == 'r' ? "num" : NULL;
		if (cname)
			plan_buf_printf(h->buf, " class=\"%s\"", cname);
		plan_buf_putc(h->buf, '>');
		h->keep_paren = !header && cname && strcmp(cname, "num") == 0;
		run(h, d, cl->first, cl->n, 0);
		h->keep_paren = 0;
		plan_buf_puts(h->buf, header ? "</th>" : "</td>");
		if (c % ncols == ncols - 1) {
			plan_buf_puts(h->buf, "</tr>\n");
			if (c == ncols - 1)
				plan_buf_puts(h->buf, "</thead>\n<tbody>\n");
		}
	}
	plan_buf_puts(h->buf, "</tbody>\n</table>\n");
}

/* --- charts ------------------------------------------------------------------- */

static const char *const status_fill[PLAN_CHART_SERIES] = {
	"#2e7d32", "#f9a825", "#c62828", "#757575", "#cfcfcf"
};
static const char *const status_ink[PLAN_CHART_SERIES] = {
	"#ffffff", "#1a1a1a", "#ffffff", "#ffffff", "#1a1a1a"
};
static const char *const result_fill[PLAN_KPI_RESULTS] = {
	"#2e7d32", "#f9a825", "#c62828", "#757575", "#cfcfcf"
};

#define LABEL_W 170
#define ROW_H 28
#define BAR_H 18

/* Columns a legend or label text takes, roughly, at 12px: 7px a character. */
static int text_px(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n * 7;
}

/* The opening tag every chart's SVG has, named by its title for screen readers. */
static void svg_open(plan_buf *buf, int width, int height, const char *title)
{
	plan_buf_printf(buf, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		"width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"", width, height, width, height);
	html_str(buf, title);
	plan_buf_puts(buf, "\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n");
}

/* A value range widened by 15 % each way (10 % of the value, or 1, when
 * it is a single value), so that no mark sits on the chart's edge. */
static void widen(double *lo, double *hi)
{
	double pad = (*hi - *lo) * 0.15;
	if (pad <= 0)
		pad = fabs(*hi) > 0 ? fabs(*hi) * 0.1 : 1;
	*lo -= pad;
	*hi += pad;
}

static void status_chart(plan_buf *buf, const plan_chart *c)
{
	const double bar_w = 440;
	const int width = 680;
	double max = 0;
	for (size_t r = 0; r < c->nrows; r++) {
		double total = 0;
		for (int s = 0; s < PLAN_CHART_SERIES; s++)
			total += c->rows[r].v[s];
		if (total > max)
			max = total;
	}
	if (max <= 0)
		max = 1;
	/* The legend wraps to as many lines as it needs. */
	int legend_lines = 1, lx = LABEL_W;
	for (int s = 0; s < PLAN_CHART_SERIES; s++) {
		int w = 16 + text_px(c->series[s]) + 18;
		if (lx + w > width && lx > LABEL_W) {
			legend_lines++;
			lx = LABEL_W;
		}
		lx += w;
	}
	int height = 10 + (int)c->nrows * ROW_H + 8 + legend_lines * 18;
	svg_open(buf, width, height, c->title);
	for (size_t r = 0; r < c->nrows; r++) {
		const plan_chart_row *row = &c->rows[r];
		int y = 10 + (int)r * ROW_H;
		plan_buf_printf(buf, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 8, y + 13);
		html_str(buf, row->label);
		plan_buf_puts(buf, "</text>\n");
		double x = LABEL_W, total = 0;
		for (int s = 0; s < PLAN_CHART_SERIES; s++) {
			double v = row->v[s];
			total += v;
			if (v <= 0)
				continue;
			double w = v / max * bar_w;
			plan_buf_printf(buf, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
				"<title>", x, y, w, BAR_H, status_fill[s]);
			html_str(buf, row->label);
			plan_buf_puts(buf, ": ");
			html_str(buf, c->series[s]);
			plan_buf_printf(buf, " %.0f</title></rect>\n", v);
			if (w >= 14)
				plan_buf_printf(buf, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%.0f</text>\n",
					x + w / 2, y + 13, status_ink[s], v);
			x += w;
		}
		plan_buf_printf(buf, "<text x=\"%.1f\" y=\"%d\">%.0f</text>\n", x + 6, y + 13, total);
	}
	int y = 10 + (int)c->nrows * ROW_H + 8;
	lx = LABEL_W;
	for (int s = 0; s < PLAN_CHART_SERIES; s++) {
		int w = 16 + text_px(c->series[s]) + 18;
		if (lx + w > width && lx > LABEL_W) {
			y += 18;
			lx = LABEL_W;
		}
		plan_buf_printf(buf, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"%d\">", lx, y, status_fill[s], lx + 16, y + 10);
		html_str(buf, c->series[s]);
		plan_buf_puts(buf, "</text>\n");
		lx += w;
	}
	plan_buf_puts(buf, "</svg>\n");
}

/* The first line of `s` wrapped at `max` characters: its length in
 * bytes, broken at the last space where there is one; *next is where the
 * line after it starts. */
static size_t wrap(const char *s, int max, const char **next)
{
	int chars = 0;
	size_t i = 0, space = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (chars == max)
			break;
		if (s[i] == ' ')
			space = i;
		chars++;
	}
	if (s[i] && s[i] != ' ' && space)
		i = space;
	*next = s + i + (s[i] == ' ');
	return i;
}

#define NAME_LINES 2
#define NAME_CHARS 44   /* of 11px text in KPI_LABEL_W */
#define KPI_LABEL_W 300
#define LINE_H 14

/* A KPI's name in at most NAME_LINES lines; the last ends in "…" when
 * the name is longer. Returns the number of lines. */
static int name_lines(const char *name, const char *line[NAME_LINES], size_t len[NAME_LINES], int *cut)
{
	int n = 0;
	*cut = 0;
	while (name && *name && n < NAME_LINES) {
		line[n] = name;
		len[n] = wrap(name, n == NAME_LINES - 1 ? NAME_CHARS - 1 : NAME_CHARS, &name);
		n++;
	}
	*cut = name && *name;
	return n;
}

/* The height of a KPI chart's row labelled by id and name: the id and the
 * name's lines (two at least: the figures are under the track). */
static int row_h(const char *name)
{
	const char *line[NAME_LINES];
	size_t len[NAME_LINES];
	int cut, nl = name_lines(name, line, len, &cut);
	return (nl < 1 ? 2 : 1 + nl) * LINE_H + 12;
}

/* Rows per picture: a long chart is several pictures, one under another,
 * so that print can break the page between them. */
#define KPI_CHUNK 8

/* One row per KPI on its own scale (each KPI has its own unit): a dot plot
 * from the smallest to the largest of baseline, target and outcome, so that
 * small differences show without bars that would need a zero origin. The
 * baseline is a hollow grey dot, the target a black tick, the outcome a dot
 * coloured by its assessment, joined to the baseline by a line. Each row is
 * labelled by the KPI's id and, under it, its name. */
static void kpi_chart(plan_buf *buf, const plan_chart *c)
{
	/* With names, the figures go under the track (beside it the chart
	 * would be too wide to read when printed); without, beside it. */
	int names = 0, note_w = 0;
	for (size_t r = 0; r < c->nrows; r++) {
		names |= c->rows[r].name != NULL;
		int w = text_px(c->rows[r].note);
		note_w = w > note_w ? w : note_w;
	}
	const int label_w = names ? KPI_LABEL_W : LABEL_W;
	const double track_w = names ? 320 : 280, x0 = label_w + 10;
	const int width = names ? (int)x0 + (note_w > track_w ? note_w : (int)track_w) + 10
	                        : (int)(x0 + track_w) + 14 + note_w + 10;
	const char *line[NAME_LINES];
	size_t len[NAME_LINES];
	int cut, y = 10;
	for (size_t r = 0; r < c->nrows; r++) {
		const plan_chart_row *row = &c->rows[r];
		if (r % KPI_CHUNK == 0) {
			if (r)
				plan_buf_puts(buf, "</svg>\n");
			int height = 10 + 4;
			for (size_t k = r; k < c->nrows && k < r + KPI_CHUNK; k++)
				height += names ? row_h(c->rows[k].name) : ROW_H;
			svg_open(buf, width, height, c->title);
			y = 10;
		}
		int nl = names ? name_lines(row->name, line, len, &cut) : 0;
		int box = names ? row_h(row->name) - 12 : BAR_H;
		int mid = names ? y + 8 : y + BAR_H / 2;
		double lo = 0, hi = 0;
		int any = 0;
		for (int k = 0; k < 3; k++)
			if (row->has[k]) {
				lo = any ? fmin(lo, row->v[k]) : row->v[k];
				hi = any ? fmax(hi, row->v[k]) : row->v[k];
				any = 1;
			}
		widen(&lo, &hi);
#define X(v) (x0 + ((v) - lo) / (hi - lo) * track_w)
		plan_buf_printf(buf, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>", label_w - 8, y + 12,
			names ? " font-weight=\"600\"" : "");
		html_str(buf, row->label);
		plan_buf_puts(buf, "</text>\n");
		for (int k = 0; k < nl; k++) {
			plan_buf_printf(buf, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\" "
				"fill=\"#444\">", label_w - 8, y + 12 + (k + 1) * LINE_H);
			html_text(buf, line[k], len[k], 0);
			if (k == nl - 1 && cut) {
				plan_buf_puts(buf, "\xe2\x80\xa6<title>");
				html_str(buf, row->name);
				plan_buf_puts(buf, "</title>");
			}
			plan_buf_puts(buf, "</text>\n");
		}
		plan_buf_printf(buf, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0d0d0\" "
			"stroke-width=\"2\"/>\n", x0, mid, x0 + track_w, mid);
		const char *fill = result_fill[row->result < PLAN_KPI_RESULTS ? row->result : PLAN_KPI_NO_OUTCOME];
		if (row->has[0] && row->has[2])
			plan_buf_printf(buf, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
				"stroke-width=\"3\"/>\n", X(row->v[0]), mid, X(row->v[2]), mid, fill);
		if (row->has[1])
			plan_buf_printf(buf, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1a1a1a\" "
				"stroke-width=\"2.5\"/>\n", X(row->v[1]), mid - BAR_H / 2, X(row->v[1]), mid + BAR_H / 2);
		if (row->has[0])
			plan_buf_printf(buf, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#ffffff\" stroke=\"#757575\" "
				"stroke-width=\"2\"/>\n", X(row->v[0]), mid);
		if (row->has[2]) {
			plan_buf_printf(buf, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\"><title>", X(row->v[2]),
				mid, fill);
			html_str(buf, row->note);
			plan_buf_puts(buf, "</title></circle>\n");
		}
#undef X
		if (names)
			plan_buf_printf(buf, "<text x=\"%.1f\" y=\"%d\">", x0, y + 12 + LINE_H + 2);
		else
			plan_buf_printf(buf, "<text x=\"%.1f\" y=\"%d\">", x0 + track_w + 14, mid + 4);
		html_str(buf, row->note);
		plan_buf_puts(buf, "</text>\n");
		y += names ? box + 12 : ROW_H;
	}
	if (c->nrows)
		plan_buf_puts(buf, "</svg>\n");
}

/* One KPI over the years: the outcomes as dots joined by a line, each
 * coloured by its assessment and labelled with its figures, the targets as
 * black ticks joined by a dashed line, the baseline as a dotted grey line,
 * and an arrow at the side pointing the better way. The figures are also in
 * a table beside the chart (the page's), so nothing rests on the picture. */
static void trend_chart(plan_buf *buf, const plan_chart *c)
{
	const int width = 640, height = 230, left = 24, right = 140, top = 16, bottom = 40;
	double lo = 0, hi = 0;
	int any = 0;
#define SEEN(v) do { lo = any ? fmin(lo, (v)) : (v); hi = any ? fmax(hi, (v)) : (v); any = 1; } while (0)
	if (c->has_baseline)
		SEEN(c->baseline);
	for (size_t r = 0; r < c->nrows; r++)
		for (int k = 0; k < 2; k++)
			if (c->rows[r].has[k])
				SEEN(c->rows[r].v[k]);
#undef SEEN
	widen(&lo, &hi);
	double plot_w = width - left - right, plot_h = height - top - bottom;
	double step = c->nrows > 1 ? plot_w / (double)(c->nrows - 1) : 0;
#define X(r) (left + (c->nrows > 1 ? (double)(r) * step : plot_w / 2))
#define Y(v) (top + (hi - (v)) / (hi - lo) * plot_h)
	svg_open(buf, width, height, c->title);
	plan_buf_printf(buf, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#757575\"/>\n",
		left, height - bottom, width - right, height - bottom);
	if (c->has_baseline)
		plan_buf_printf(buf, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#757575\" "
			"stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>\n", left, Y(c->baseline),
			width - right, Y(c->baseline));
	for (int k = 0; k < 2; k++) {
		int open = 0;
		for (size_t r = 0; r < c->nrows; r++) {
			if (!c->rows[r].has[k])
				continue;
			plan_buf_printf(buf, open ? " %.1f,%.1f" : "<polyline fill=\"none\" points=\"%.1f,%.1f",
				X(r), Y(c->rows[r].v[k]));
			open = 1;
		}
		if (open)
			plan_buf_puts(buf, k == 0 ? "\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
			                          : "\" stroke=\"#1f5fa8\" stroke-width=\"2.5\"/>\n");
	}
	for (size_t r = 0; r < c->nrows; r++) {
		const plan_chart_row *row = &c->rows[r];
		plan_buf_printf(buf, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", X(r), height - bottom + 18);
		html_str(buf, row->label);
		plan_buf_puts(buf, "</text>\n");
		if (row->has[0])
			plan_buf_printf(buf, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\" "
				"stroke-width=\"2.5\"/>\n", X(r) - 9, Y(row->v[0]), X(r) + 9, Y(row->v[0]));
		if (row->has[1]) {
			const char *fill = result_fill[row->result < PLAN_KPI_RESULTS ? row->result : PLAN_KPI_NO_OUTCOME];
			plan_buf_printf(buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" stroke=\"#1a1a1a\">"
				"<title>", X(r), Y(row->v[1]), fill);
			html_str(buf, row->note);
			plan_buf_puts(buf, "</title></circle>\n");
		}
	}
	/* The arrow: up when higher is better. */
	int ax = width - right + 40, y_hi = top + 10, y_lo = height - bottom - 10;
	int from = c->lower_is_better ? y_hi : y_lo, to = c->lower_is_better ? y_lo : y_hi;
	plan_buf_printf(buf, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>\n"
		"<path d=\"M%d %d l-6 %d h12 z\" fill=\"#1a1a1a\"/>\n", ax, from, ax, to, ax, to,
		c->lower_is_better ? -10 : 10);
	plan_buf_printf(buf, "<text x=\"%d\" y=\"%d\">", ax + 10, (y_hi + y_lo) / 2 + 4);
	html_str(buf, c->series[0]);
	plan_buf_puts(buf, "</text>\n</svg>\n");
#undef X
#undef Y
}

static void figure(plan_buf *buf, const plan_doc_block *b)
{
	const plan_chart *c = b->chart;
	plan_buf_puts(buf, "<figure");
	id_attr(buf, b);
	plan_buf_puts(buf, ">\n<figcaption>");
	html_str(buf, c->title);
	if (c->legend) {
		plan_buf_puts(buf, "<br><small>");
		html_str(buf, c->legend);
		plan_buf_puts(buf, "</small>");
	}
	plan_buf_puts(buf, "</figcaption>\n");
	if (c->kind == PLAN_CHART_STATUS)
		status_chart(buf, c);
	else if (c->kind == PLAN_CHART_TREND)
		trend_chart(buf, c);
	else
		kpi_chart(buf, c);
	plan_buf_puts(buf, "</figure>\n");
}

/* --- the document ------------------------------------------------------------- */

static void close_lists(plan_buf *buf, int *depth, int to)
{
	while (*depth > to) {
		plan_buf_puts(buf, "</li>\n</ul>\n");
		(*depth)--;
	}
}

void plan_render_html_text(plan_buf *buf, const char *text)
{
	html_str(buf, text);
}

const char *plan_render_html_css(void)
{
	return css;
}

/* A piece's words alone: <title> holds text, and markup there would be
 * shown as it is written. */
static void title_piece(void *ctx, const char *text, size_t len, plan_doc_style style, const char *ref)
{
	(void)style;
	(void)ref;
	html_text(ctx, text, len, 0);
}

void plan_render_html_title(plan_out *out, const plan_report_doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == PLAN_BLOCK_HEADING) {
			plan_doc_spans_each(d, d->blocks[i].first, d->blocks[i].n, title_piece, &out->buf);
			break;
		}
}

/* The id of the section heading `b`, the `n`th (from 1): its block's, or
 * "_sN" (no plan id starts with '_') for the contents to link to. */
static void section_id(plan_buf *buf, const plan_doc_block *b, size_t n)
{
	if (b->id)
		html_str(buf, b->id);
	else
		plan_buf_printf(buf, "_s%zu", n);
}

/* The contents: a link to each section (level 2 heading), put before the
 * first of them. Print has no page numbers here: Chromium has no
 * target-counter(). Nothing for a document of fewer than two sections. */
static void contents(plan_buf *buf, const plan_report_doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].kind == PLAN_BLOCK_HEADING && d->blocks[i].level == 2;
	if (n < 2)
		return;
	const char *title = plan_word_text(PLAN_W_CONTENTS, d->lang);
	plan_buf_puts(buf, "<nav class=\"toc\" aria-labelledby=\"_contents\">\n<h2 id=\"_contents\">");
	html_str(buf, title);
	plan_buf_puts(buf, "</h2>\n<ol>\n");
	n = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const plan_doc_block *b = &d->blocks[i];
		if (b->kind != PLAN_BLOCK_HEADING || b->level != 2)
			continue;
		plan_buf_puts(buf, "<li><a href=\"#");
		section_id(buf, b, ++n);
		plan_buf_puts(buf, "\">");
		plan_doc_spans_each(d, b->first, b->n, title_piece, buf);
		plan_buf_puts(buf, "</a></li>\n");
	}
	plan_buf_puts(buf, "</ol>\n</nav>\n");
}

/* The blocks; with `toc`, the contents before the first section and an id
 * on each section heading. */
static void body(plan_out *out, const plan_report_doc *d, const plan_html_links *links, int toc)
{
	html h = { &out->buf, 0, links, 0 };
	plan_buf *buf = &out->buf;
	int depth = 0;   /* lists open */
	size_t sections = 0;   /* level 2 headings so far */
	for (size_t i = 0; i < d->nblocks; i++) {
		const plan_doc_block *b = &d->blocks[i];
		if (b->kind != PLAN_BLOCK_ITEM)
			close_lists(buf, &depth, 0);
		switch (b->kind) {
		case PLAN_BLOCK_HEADING:
			if (toc && b->level == 2 && sections++ == 0)
				contents(buf, d);
			plan_buf_printf(buf, "<h%d", b->level);
			if (toc && b->level == 2) {
				plan_buf_puts(buf, " id=\"");
				section_id(buf, b, sections);
				plan_buf_putc(buf, '"');
			} else {
				id_attr(buf, b);
			}
			plan_buf_putc(buf, '>');
			run(&h, d, b->first, b->n, 0);
			plan_buf_printf(buf, "</h%d>\n", b->level);
			break;
		case PLAN_BLOCK_PARA:
			plan_buf_puts(buf, "<p");
			id_attr(buf, b);
			plan_buf_putc(buf, '>');
			run(&h, d, b->first, b->n, 1);
			plan_buf_puts(buf, "</p>\n");
			break;
		case PLAN_BLOCK_ITEM: {
			int want = b->level + 1;
			if (want > depth) {
				while (depth < want) {
					plan_buf_puts(buf, depth ? "\n<ul>\n<li" : "<ul>\n<li");
					depth++;
					if (depth < want)
						plan_buf_putc(buf, '>');
				}
			} else {
				close_lists(buf, &depth, want);
				plan_buf_puts(buf, "</li>\n<li");
			}
			id_attr(buf, b);
			plan_buf_putc(buf, '>');
			run(&h, d, b->first, b->n, 0);
			break;
		}
		case PLAN_BLOCK_TABLE:
			table(&h, d, b);
			break;
		case PLAN_BLOCK_CHART:
			figure(buf, b);
			break;
		}
		plan_out_maybe_flush(out);
	}
	close_lists(buf, &depth, 0);
}

void plan_render_html(plan_out *out, const plan_report_doc *d)
{
	plan_buf *buf = &out->buf;
	plan_buf_printf(buf, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		plan_lang_key(d->lang));
	plan_render_html_title(out, d);
	plan_buf_printf(buf, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	body(out, d, NULL, 1);
	plan_buf_puts(buf, "</body>\n</html>\n");
}

void plan_render_html_body(plan_out *out, const plan_report_doc *d, const plan_html_links *links)
{
	body(out, d, links, 0);
}
