/* render_md.c: the report document as Markdown that renders on the common
 * forges (GitHub, GitLab) and converts cleanly with pandoc: ATX headings,
 * paragraphs, nested lists, pipe tables. Every piece of text is escaped so
 * that it shows as written: no plan text can start a heading, a list, a
 * table cell, emphasis, a link, an HTML tag or a pandoc citation. */
#include "plan/render.h"

#include <stdint.h>

typedef struct md {
	plan_buf *buf;
	int para;            /* a blank line in the text starts a paragraph */
	int line_start;      /* the next character starts a line */
} md;

/* A printable ASCII byte that is no Markdown (or pandoc) syntax anywhere in
 * a line: one bit per byte from 0x20 to 0x7f, set for the punctuation that
 * is always escaped (\ ` * _ [ ] < > | ~ # $ & { } ^ @) and for DEL. */
static int plain_ascii(unsigned char c)
{
#define BIT(ch) ((uint64_t)1 << ((ch) & 63))
	static const uint64_t escaped_low = BIT('#') | BIT('$') | BIT('&') | BIT('*') |
		BIT('<') | BIT('>');
	static const uint64_t escaped_high = BIT('@') | BIT('[') | BIT('\\') | BIT(']') |
		BIT('^') | BIT('_') | BIT('`') | BIT('{') | BIT('|') | BIT('}') | BIT('~') |
		BIT(0x7f);
#undef BIT
	if (c < 0x20 || c > 0x7f)
		return 0;
	return !(((c < 0x40 ? escaped_low : escaped_high) >> (c & 63)) & 1);
}

static void put_replacement(plan_buf *buf)
{
	plan_buf_puts(buf, "\xef\xbf\xbd");   /* U+FFFD */
}

static void md_text(md *m, const char *s, size_t len)
{
	plan_buf *buf = m->buf;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			/* "\n\n": a blank line in the plan text */
			while (i < len && s[i] == '\n')
				i++;
			if (m->para) {
				plan_buf_puts(buf, "\n\n");
				m->line_start = 1;
			} else {
				plan_buf_putc(buf, ' ');
			}
			continue;
		}
		if (m->line_start) {
			m->line_start = 0;
			/* A line that starts a list item, a setext underline or an
			 * ordered list: "- x", "+ x", "= x", "1. x", "1) x". */
			if (c == '-' || c == '+' || c == '=') {
				plan_buf_putc(buf, '\\');
			} else if (c >= '0' && c <= '9') {
				size_t j = i;
				while (j < len && s[j] >= '0' && s[j] <= '9')
					j++;
				if (j < len && (s[j] == '.' || s[j] == ')')) {
					plan_buf_put(buf, s + i, j - i);
					plan_buf_putc(buf, '\\');
					plan_buf_putc(buf, s[j]);
					i = j + 1;
					continue;
				}
			}
		}
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) {
				put_replacement(buf);
				i++;
			} else if (!plain_ascii(c)) {
				/* printable, so Markdown punctuation: escaped */
				plan_buf_putc(buf, '\\');
				plan_buf_putc(buf, (char)c);
				i++;
			} else {
				/* A run of letters, digits and the like goes as it is. */
				size_t j = i + 1;
				while (j < len && plain_ascii((unsigned char)s[j]))
					j++;
				plan_buf_put(buf, s + i, j - i);
				i = j;
			}
			continue;
		}
		uint32_t cp;
		size_t n = plan_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || (cp >= 0x80 && cp < 0xa0)) {
			put_replacement(buf);
			i += n ? n : 1;
			continue;
		}
		plan_buf_put(buf, s + i, n);
		i += n;
	}
}

static void piece(void *ctx, const char *text, size_t len, plan_doc_style style, const char *ref)
{
	md *m = ctx;
	(void)ref;   /* a link shows as its text: Markdown has no anchors of its own */
	if (style == PLAN_DOC_PLAIN || style == PLAN_DOC_LINK) {
		md_text(m, text, len);
		return;
	}
	/* Emphasis must hug its text: spaces go outside the markers. */
	size_t a = 0, b = len;
	while (a < b && text[a] == ' ')
		a++;
	while (b > a && text[b - 1] == ' ')
		b--;
	if (a)
		plan_buf_putc(m->buf, ' ');
	if (b > a) {
		const char *mark = style == PLAN_DOC_STRONG ? "**" : "*";
		plan_buf_puts(m->buf, mark);
		int para = m->para;
		m->para = 0;
		md_text(m, text + a, b - a);
		m->para = para;
		plan_buf_puts(m->buf, mark);
	}
	if (b < len)
		plan_buf_putc(m->buf, ' ');
}

static void inline_run(md *m, const plan_report_doc *d, size_t first, size_t n, int para)
{
	m->para = para;
	m->line_start = 1;
	plan_doc_spans_each(d, first, n, piece, m);
}

static void table(md *m, const plan_report_doc *d, const plan_doc_block *b)
{
	size_t ncols = b->ncols;
	if (!ncols)
		return;
	for (size_t c = 0; c < b->n; c++) {
		const plan_doc_table_cell *cl = &d->cells[b->first + c];
		plan_buf_puts(m->buf, c % ncols == 0 ? "| " : " | ");
		/* A cell is inline text; only its first character could start
		 * something, and a cell never starts a line. */
		m->para = 0;
		m->line_start = 0;
		plan_doc_spans_each(d, cl->first, cl->n, piece, m);
		if (c % ncols == ncols - 1) {
			plan_buf_puts(m->buf, " |\n");
			if (c == ncols - 1) {
				for (size_t k = 0; k < ncols; k++)
					plan_buf_puts(m->buf, b->align[k] == 'r' ? "| ---: " : "| --- ");
				plan_buf_puts(m->buf, "|\n");
			}
		}
	}
	plan_buf_putc(m->buf, '\n');
}

void plan_render_md(plan_out *out, const plan_report_doc *d)
{
	md m = { &out->buf, 0, 1 };
	for (size_t i = 0; i < d->nblocks; i++) {
		const plan_doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case PLAN_BLOCK_HEADING:
			for (int k = 0; k < b->level; k++)
				plan_buf_putc(m.buf, '#');
			plan_buf_putc(m.buf, ' ');
			inline_run(&m, d, b->first, b->n, 0);
			/* '#' is escaped in text, so nothing closes the heading early */
			plan_buf_puts(m.buf, "\n\n");
			break;
		case PLAN_BLOCK_PARA:
			inline_run(&m, d, b->first, b->n, 1);
			plan_buf_puts(m.buf, "\n\n");
			break;
		case PLAN_BLOCK_ITEM:
			for (int k = 0; k < b->level; k++)
				plan_buf_puts(m.buf, "  ");
			plan_buf_puts(m.buf, "- ");
			inline_run(&m, d, b->first, b->n, 0);
			plan_buf_putc(m.buf, '\n');
			if (i + 1 == d->nblocks || d->blocks[i + 1].kind != PLAN_BLOCK_ITEM)
				plan_buf_putc(m.buf, '\n');
			break;
		case PLAN_BLOCK_TABLE:
			table(&m, d, b);
			break;
		default:
			break;
		}
		plan_out_maybe_flush(out);
	}
}
