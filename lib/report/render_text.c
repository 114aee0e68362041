/* render_text.c: the report document as plain text for a terminal or a
 * mail: underlined headings, paragraphs and list items wrapped to 78
 * columns, tables with aligned columns. Plan text is escaped exactly as the
 * other tools escape it for a terminal (plan_buf_put_safe). */
#include "plan/render.h"

#include <stdlib.h>
#include <string.h>

#include "plan/display.h"

#define WIDTH 78

/* A block's text, escaped, with '\n' where the plan text has a blank line
 * (a paragraph break). */
static void collect(void *ctx, const char *text, size_t len, plan_doc_style style, const char *ref)
{
	(void)style;
	(void)ref;
	plan_buf *buf = ctx;
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;
		plan_buf_put_safe(buf, text, n);
		if (!nl)
			break;
		plan_buf_putc(buf, '\n');
		while (n < len && text[n] == '\n')
			n++;
		text += n;
		len -= n;
	}
}

static size_t columns_of(const char *s, size_t len)
{
	return plan_display_width(s, len);
}

/* Words of `text` (escaped, '\n' between paragraphs) filled into lines of
 * WIDTH columns: the first line after `first`, the others after `rest`.
 * `breaks` keeps paragraph breaks as blank lines; else they are spaces. */
static void wrap(plan_buf *out, const char *text, size_t len, const char *first,
	const char *rest, int breaks)
{
	size_t indent = strlen(rest);
	plan_buf_puts(out, first);
	size_t col = columns_of(first, strlen(first));
	int line_empty = 1;
	for (size_t i = 0; i < len;) {
		if (text[i] == '\n') {
			i++;
			if (breaks) {
				plan_buf_puts(out, "\n\n");
				plan_buf_puts(out, rest);
				col = indent;
				line_empty = 1;
				continue;
			}
		}
		if (text[i] == ' ' || text[i] == '\n') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && text[j] != ' ' && text[j] != '\n')
			j++;
		size_t w = columns_of(text + i, j - i);
		if (!line_empty && col + 1 + w > WIDTH) {
			plan_buf_putc(out, '\n');
			plan_buf_puts(out, rest);
			col = indent;
			line_empty = 1;
		}
		if (!line_empty) {
			plan_buf_putc(out, ' ');
			col++;
		}
		plan_buf_put(out, text + i, j - i);
		col += w;
		line_empty = 0;
		i = j;
	}
	plan_buf_putc(out, '\n');
}

static void heading(plan_buf *out, const char *text, size_t len, int level)
{
	for (size_t i = 0; i < len; i++)
		plan_buf_putc(out, text[i] == '\n' ? ' ' : text[i]);
	plan_buf_putc(out, '\n');
	if (level <= 2) {
		size_t w = columns_of(text, len);
		for (size_t i = 0; i < w; i++)
			plan_buf_putc(out, level == 1 ? '=' : '-');
		plan_buf_putc(out, '\n');
	}
	plan_buf_putc(out, '\n');
}

static void pad(plan_buf *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		plan_buf_putc(out, ' ');
}

static void table(plan_buf *out, const plan_report_doc *d, const plan_doc_block *b)
{
	size_t ncols = b->ncols, ncells = b->n;
	if (!ncols || !ncells)
		return;
	plan_buf *texts = calloc(ncells, sizeof *texts);
	size_t *widths = calloc(ncols, sizeof *widths);
	if (!texts || !widths) {
		out->failed = 1;
		free(texts);
		free(widths);
		return;
	}
	for (size_t c = 0; c < ncells; c++) {
		texts[c] = (plan_buf)PLAN_BUF_INIT;
		const plan_doc_table_cell *cl = &d->cells[b->first + c];
		plan_doc_spans_each(d, cl->first, cl->n, collect, &texts[c]);
		/* no paragraphs in a cell */
		for (size_t k = 0; k < texts[c].len; k++)
			if (texts[c].ptr[k] == '\n')
				texts[c].ptr[k] = ' ';
		size_t w = texts[c].len ? columns_of(texts[c].ptr, texts[c].len) : 0;
		if (w > widths[c % ncols])
			widths[c % ncols] = w;
	}
	for (size_t c = 0; c < ncells; c++) {
		size_t col = c % ncols;
		size_t w = texts[c].len ? columns_of(texts[c].ptr, texts[c].len) : 0;
		int last = col == ncols - 1;
		if (col)
			plan_buf_puts(out, "  ");
		if (b->align[col] == 'r')
			pad(out, widths[col] - w);
		if (texts[c].len)
			plan_buf_put(out, texts[c].ptr, texts[c].len);
		if (b->align[col] != 'r' && !last)
			pad(out, widths[col] - w);
		if (last) {
			plan_buf_putc(out, '\n');
			if (c == ncols - 1) {
				for (size_t k = 0; k < ncols; k++) {
					if (k)
						plan_buf_puts(out, "  ");
					for (size_t i = 0; i < widths[k]; i++)
						plan_buf_putc(out, '-');
				}
				plan_buf_putc(out, '\n');
			}
		}
	}
	plan_buf_putc(out, '\n');
	for (size_t c = 0; c < ncells; c++)
		plan_buf_free(&texts[c]);
	free(texts);
	free(widths);
}

void plan_render_text(plan_out *out, const plan_report_doc *d)
{
	plan_buf text = PLAN_BUF_INIT;
	char first[48], rest[48];
	for (size_t i = 0; i < d->nblocks; i++) {
		const plan_doc_block *b = &d->blocks[i];
		plan_buf_clear(&text);
		switch (b->kind) {
		case PLAN_BLOCK_HEADING:
			plan_doc_spans_each(d, b->first, b->n, collect, &text);
			heading(&out->buf, text.ptr ? text.ptr : "", text.len, b->level);
			break;
		case PLAN_BLOCK_PARA:
			plan_doc_spans_each(d, b->first, b->n, collect, &text);
			wrap(&out->buf, text.ptr ? text.ptr : "", text.len, "", "", 1);
			plan_buf_putc(&out->buf, '\n');
			break;
		case PLAN_BLOCK_ITEM: {
			size_t indent = (size_t)b->level * 2;
			memset(first, ' ', indent);
			memcpy(first + indent, "- ", 3);
			memset(rest, ' ', indent + 2);
			rest[indent + 2] = '\0';
			plan_doc_spans_each(d, b->first, b->n, collect, &text);
			wrap(&out->buf, text.ptr ? text.ptr : "", text.len, first, rest, 0);
			if (i + 1 == d->nblocks || d->blocks[i + 1].kind != PLAN_BLOCK_ITEM)
				plan_buf_putc(&out->buf, '\n');
			break;
		}
		case PLAN_BLOCK_TABLE:
			table(&out->buf, d, b);
			break;
		default:
			break;
		}
		if (text.failed)
			out->failed = 1;
		plan_out_maybe_flush(out);
	}
	plan_buf_free(&text);
}
