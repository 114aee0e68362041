/* doc.c: the report document: headings, paragraphs, list items, tables and
 * charts made of styled runs of text, built once per command and rendered
 * to Markdown, plain text or HTML (plan/doc.h). */
#include "plan/doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Grow an array to hold one more element. */
static int reserve(plan_report_doc *d, void **items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t want = *cap ? *cap * 2 : 64;
	void *p = want < ((size_t)-1) / size ? realloc(*items, want * size) : NULL;
	if (!p) {
		d->oom = 1;
		return -1;
	}
	*items = p;
	*cap = want;
	return 0;
}

int plan_doc_init(plan_report_doc *d, plan_lang lang)
{
	memset(d, 0, sizeof *d);
	d->lang = lang;
	/* A report's text is as long as its plan set makes it. */
	d->text = (plan_buf)PLAN_BUF_INIT;
	d->text.max = SIZE_MAX / 2;
	d->arena = plan_arena_new();
	return d->arena ? 0 : -1;
}

void plan_doc_free(plan_report_doc *d)
{
	free(d->blocks);
	free(d->spans);
	free(d->cells);
	plan_buf_free(&d->text);
	plan_arena_free(d->arena);
	memset(d, 0, sizeof *d);
}

static plan_doc_block *start(plan_report_doc *d, plan_doc_block_kind kind, int level)
{
	d->in_cell = 0;
	if (reserve(d, (void **)&d->blocks, &d->capblocks, d->nblocks, sizeof *d->blocks) < 0)
		return NULL;
	plan_doc_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = (uint8_t)kind;
	b->level = (uint8_t)level;
	b->first = kind == PLAN_BLOCK_TABLE ? d->ncells : d->nspans;
	return b;
}

void plan_doc_heading(plan_report_doc *d, int level)
{
	start(d, PLAN_BLOCK_HEADING, level < 1 ? 1 : level > 4 ? 4 : level);
}

void plan_doc_para(plan_report_doc *d)
{
	start(d, PLAN_BLOCK_PARA, 0);
}

void plan_doc_item(plan_report_doc *d, int depth)
{
	start(d, PLAN_BLOCK_ITEM, depth < 0 ? 0 : depth > 9 ? 9 : depth);
}

void plan_doc_table(plan_report_doc *d, const char *align)
{
	plan_doc_block *b = start(d, PLAN_BLOCK_TABLE, 0);
	if (b) {
		b->align = align;
		b->ncols = strlen(align);
	}
}

void plan_doc_cell(plan_report_doc *d)
{
	if (!d->nblocks || d->blocks[d->nblocks - 1].kind != PLAN_BLOCK_TABLE)
		return;
	if (reserve(d, (void **)&d->cells, &d->capcells, d->ncells, sizeof *d->cells) < 0)
		return;
	d->cells[d->ncells++] = (plan_doc_table_cell){ d->nspans, 0 };
	d->blocks[d->nblocks - 1].n++;
	d->in_cell = 1;
}

void plan_doc_table_head(plan_report_doc *d, const char *align, const plan_word *words, size_t n)
{
	plan_doc_table(d, align);
	for (size_t i = 0; i < n; i++) {
		plan_doc_cell(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, words[i]);
	}
}

plan_chart *plan_doc_chart(plan_report_doc *d, plan_doc_chart_kind kind, const char *title, size_t nrows)
{
	plan_doc_block *b = start(d, PLAN_BLOCK_CHART, 0);
	plan_chart *c = b ? plan_arena_alloc(d->arena, sizeof *c) : NULL;
	plan_chart_row *rows = nrows ? plan_arena_alloc(d->arena, nrows * sizeof *rows) : NULL;
	if (!c || (nrows && !rows)) {
		d->oom = 1;
		if (b)
			d->nblocks--;
		return NULL;
	}
	c->kind = kind;
	c->title = plan_doc_strdup(d, title);
	c->rows = rows;
	b->chart = c;
	return c;
}

const char *plan_doc_strdup(plan_report_doc *d, const char *text)
{
	if (!text)
		text = "";
	char *copy = plan_arena_strndup(d->arena, text, strlen(text));
	if (!copy)
		d->oom = 1;
	return copy ? copy : "";
}

/* Append `text` to the document's text with its white space as reports show
 * it: line ends and tabs become spaces, except that a blank line (two or
 * more line ends in one run of white space) stays as "\n\n", where a
 * paragraph may break. Runs without white space are copied whole. */
static void put_normalised(plan_report_doc *d, const char *text)
{
	plan_buf *out = &d->text;
	size_t off = out->len, n = strlen(text);
	/* Appended as it is, then squeezed in place: the result is never
	 * longer, since "\n\n" stands for at least two white-space bytes. */
	if (plan_buf_put(out, text, n) < 0) {
		d->oom = 1;
		return;
	}
	char *p = out->ptr + off;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		char c = p[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			p[o++] = c;
			i++;
			continue;
		}
		size_t breaks = 0, j = i;
		for (; j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\n' || p[j] == '\r'); j++)
			if (p[j] == '\n' || (p[j] == '\r' && (j + 1 >= n || p[j + 1] != '\n')))
				breaks++;
		if (breaks >= 2) {
			p[o++] = '\n';
			p[o++] = '\n';
		} else {
			p[o++] = ' ';
		}
		i = j;
	}
	out->len = off + o;
	out->ptr[out->len] = '\0';
}

static void put_span(plan_report_doc *d, plan_doc_style style, const char *text, const char *ref)
{
	if (!text || !*text || !d->nblocks)
		return;
	plan_doc_block *b = &d->blocks[d->nblocks - 1];
	if (b->kind == PLAN_BLOCK_TABLE && !d->in_cell)
		return;
	if (reserve(d, (void **)&d->spans, &d->capspans, d->nspans, sizeof *d->spans) < 0)
		return;
	size_t off = d->text.len;
	put_normalised(d, text);
	size_t len = d->text.len - off;
	if (d->oom || len == 0)
		return;
	/* Runs of one style in one block or cell become one span, so that
	 * "Status" and ":" are one piece of emphasis, not two. The last span's
	 * text always ends where this one starts: joining costs nothing. */
	size_t in_block = b->kind == PLAN_BLOCK_TABLE ? d->cells[d->ncells - 1].n : b->n;
	plan_doc_span *last = d->nspans ? &d->spans[d->nspans - 1] : NULL;
	if (in_block && last->style == style && style != PLAN_DOC_LINK && last->off + last->len == off) {
		last->len += len;
		return;
	}
	d->spans[d->nspans++] = (plan_doc_span){ off, len, (uint8_t)style, ref };
	if (b->kind == PLAN_BLOCK_TABLE)
		d->cells[d->ncells - 1].n++;
	else
		b->n++;
}

void plan_doc_put(plan_report_doc *d, plan_doc_style style, const char *text)
{
	put_span(d, style == PLAN_DOC_LINK ? PLAN_DOC_PLAIN : style, text, NULL);
}

void plan_doc_link(plan_report_doc *d, const char *text, const char *ref)
{
	if (!ref || !*ref) {
		plan_doc_put(d, PLAN_DOC_PLAIN, text);
		return;
	}
	put_span(d, PLAN_DOC_LINK, text, plan_doc_strdup(d, ref));
}

void plan_doc_id(plan_report_doc *d, const char *id)
{
	if (d->nblocks && id && *id)
		d->blocks[d->nblocks - 1].id = plan_doc_strdup(d, id);
}

const plan_doc_block *plan_doc_find(const plan_report_doc *d, const char *id)
{
	for (size_t i = 0; id && i < d->nblocks; i++)
		if (d->blocks[i].id && strcmp(d->blocks[i].id, id) == 0)
			return &d->blocks[i];
	return NULL;
}

void plan_doc_putf(plan_report_doc *d, plan_doc_style style, const char *fmt, ...)
{
	plan_buf buf = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&buf, fmt, ap);
	va_end(ap);
	if (buf.failed)
		d->oom = 1;
	plan_doc_put(d, style, buf.ptr);
	plan_buf_free(&buf);
}

void plan_doc_word(plan_report_doc *d, plan_doc_style style, plan_word word)
{
	plan_doc_put(d, style, plan_word_text(word, d->lang));
}

void plan_doc_label(plan_report_doc *d, const char *label)
{
	plan_doc_put(d, PLAN_DOC_STRONG, label);
	plan_doc_put(d, PLAN_DOC_STRONG, ":");
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
}

void plan_doc_label_word(plan_report_doc *d, plan_word word)
{
	plan_doc_label(d, plan_word_text(word, d->lang));
}

void plan_doc_labelled(plan_report_doc *d, plan_word word, const char *text)
{
	if (!text)
		return;
	plan_doc_para(d);
	plan_doc_label_word(d, word);
	plan_doc_put(d, PLAN_DOC_PLAIN, text);
}

const char *plan_doc_fill_text(plan_report_doc *d, plan_word word, const char *const *args, size_t nargs)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_word_fill(&buf, plan_word_text(word, d->lang), args, nargs);
	if (buf.failed)
		d->oom = 1;
	const char *text = plan_doc_strdup(d, buf.ptr);
	plan_buf_free(&buf);
	return text;
}

void plan_doc_fill(plan_report_doc *d, plan_doc_style style, plan_word word, const char *const *args, size_t nargs)
{
	plan_doc_put(d, style, plan_doc_fill_text(d, word, args, nargs));
}

const char *plan_doc_number_text(plan_report_doc *d, double value, int decimals, int sign)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_number_format(&buf, value, decimals, sign, d->lang);
	if (buf.failed)
		d->oom = 1;
	const char *text = plan_doc_strdup(d, buf.ptr);
	plan_buf_free(&buf);
	return text;
}

void plan_doc_number(plan_report_doc *d, plan_doc_style style, double value, int decimals, int sign)
{
	plan_doc_put(d, style, plan_doc_number_text(d, value, decimals, sign));
}

void plan_doc_dash(plan_report_doc *d)
{
	plan_doc_put(d, PLAN_DOC_PLAIN, "–");
}

static int blank(char c)
{
	return c == ' ' || c == '\n';
}

void plan_doc_spans_each(const plan_report_doc *d, size_t first, size_t n, plan_doc_piece_fn fn, void *ctx)
{
	/* The first and last non-blank byte over the whole run. */
	const char *text = d->text.ptr;
	size_t a = first, ai = 0, b = first + n, bi = 0;
	for (; a < first + n; a++) {
		const plan_doc_span *s = &d->spans[a];
		for (ai = 0; ai < s->len && blank(text[s->off + ai]); ai++)
			;
		if (ai < s->len)
			break;
	}
	if (a == first + n)
		return;
	for (b = first + n; b-- > a;) {
		const plan_doc_span *s = &d->spans[b];
		size_t len = s->len;
		while (len > (b == a ? ai : 0) && blank(text[s->off + len - 1]))
			len--;
		if (len > (b == a ? ai : 0)) {
			bi = len;
			break;
		}
	}
	for (size_t i = a; i <= b; i++) {
		const plan_doc_span *s = &d->spans[i];
		size_t from = i == a ? ai : 0;
		size_t to = i == b ? bi : s->len;
		if (to > from)
			fn(ctx, text + s->off + from, to - from, (plan_doc_style)s->style, s->ref);
	}
}
