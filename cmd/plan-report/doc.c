/* doc.c: the report document: headings, paragraphs, list items, tables and
 * charts made of styled runs of text, built once per command and rendered
 * to Markdown, plain text or HTML. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include "plan-report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Grow an array to hold one more element. */
static int reserve(doc *d, void **items, size_t *cap, size_t n, size_t size)
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

int doc_init(doc *d, plan_lang lang)
{
	memset(d, 0, sizeof *d);
	d->lang = lang;
	d->arena = plan_arena_new();
	return d->arena ? 0 : -1;
}

void doc_free(doc *d)
{
	free(d->blocks);
	free(d->spans);
	free(d->cells);
	plan_arena_free(d->arena);
	memset(d, 0, sizeof *d);
}

static block *start(doc *d, block_kind kind, int level)
{
	d->in_cell = 0;
	if (reserve(d, (void **)&d->blocks, &d->capblocks, d->nblocks, sizeof *d->blocks) < 0)
		return NULL;
	block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = (uint8_t)kind;
	b->level = (uint8_t)level;
	b->first = kind == BK_TABLE ? d->ncells : d->nspans;
	return b;
}

void doc_heading(doc *d, int level)
{
	start(d, BK_HEADING, level < 1 ? 1 : level > 4 ? 4 : level);
}

void doc_para(doc *d)
{
	start(d, BK_PARA, 0);
}

void doc_item(doc *d, int depth)
{
	start(d, BK_ITEM, depth < 0 ? 0 : depth > 9 ? 9 : depth);
}

void doc_table(doc *d, const char *align)
{
	block *b = start(d, BK_TABLE, 0);
	if (b) {
		b->align = align;
		b->ncols = strlen(align);
	}
}

void doc_cell(doc *d)
{
	if (!d->nblocks || d->blocks[d->nblocks - 1].kind != BK_TABLE)
		return;
	if (reserve(d, (void **)&d->cells, &d->capcells, d->ncells, sizeof *d->cells) < 0)
		return;
	d->cells[d->ncells++] = (cell){ d->nspans, 0 };
	d->blocks[d->nblocks - 1].n++;
	d->in_cell = 1;
}

void doc_table_head(doc *d, const char *align, const plan_word *words, size_t n)
{
	doc_table(d, align);
	for (size_t i = 0; i < n; i++) {
		doc_cell(d);
		doc_word(d, ST_PLAIN, words[i]);
	}
}

chart *doc_chart(doc *d, chart_kind kind, const char *title, size_t nrows)
{
	block *b = start(d, BK_CHART, 0);
	chart *c = b ? plan_arena_alloc(d->arena, sizeof *c) : NULL;
	chart_row *rows = nrows ? plan_arena_alloc(d->arena, nrows * sizeof *rows) : NULL;
	if (!c || (nrows && !rows)) {
		d->oom = 1;
		if (b)
			d->nblocks--;
		return NULL;
	}
	c->kind = kind;
	c->title = doc_strdup(d, title);
	c->rows = rows;
	b->chart = c;
	return c;
}

const char *doc_strdup(doc *d, const char *text)
{
	if (!text)
		text = "";
	char *copy = plan_arena_strndup(d->arena, text, strlen(text));
	if (!copy)
		d->oom = 1;
	return copy ? copy : "";
}

/* Plan text's white space as reports show it: line ends and tabs become
 * spaces, except that a blank line (two or more line ends in one run of
 * white space) stays as "\n\n", where a paragraph may break. */
static char *normalise(doc *d, const char *text)
{
	size_t len = strlen(text);
	char *out = plan_arena_alloc(d->arena, len + 1);
	if (!out) {
		d->oom = 1;
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		char c = text[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			out[o++] = c;
			i++;
			continue;
		}
		size_t breaks = 0, j = i;
		for (; j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r'); j++)
			if (text[j] == '\n' || (text[j] == '\r' && (j + 1 >= len || text[j + 1] != '\n')))
				breaks++;
		if (breaks >= 2) {
			out[o++] = '\n';
			out[o++] = '\n';
		} else {
			out[o++] = ' ';
		}
		i = j;
	}
	out[o] = '\0';
	return out;
}

void doc_put(doc *d, span_style style, const char *text)
{
	if (!text || !*text || !d->nblocks)
		return;
	block *b = &d->blocks[d->nblocks - 1];
	if (b->kind == BK_TABLE && !d->in_cell)
		return;
	if (reserve(d, (void **)&d->spans, &d->capspans, d->nspans, sizeof *d->spans) < 0)
		return;
	const char *copy = normalise(d, text);
	if (!copy)
		return;
	/* Runs of one style in one block or cell become one span, so that
	 * "Status" and ":" are one piece of emphasis, not two. */
	size_t in_block = b->kind == BK_TABLE ? d->cells[d->ncells - 1].n : b->n;
	if (in_block && d->spans[d->nspans - 1].style == style) {
		span *last = &d->spans[d->nspans - 1];
		size_t a = strlen(last->text), n = strlen(copy);
		char *joined = plan_arena_alloc(d->arena, a + n + 1);
		if (!joined) {
			d->oom = 1;
			return;
		}
		memcpy(joined, last->text, a);
		memcpy(joined + a, copy, n + 1);
		last->text = joined;
		return;
	}
	d->spans[d->nspans++] = (span){ copy, (uint8_t)style };
	if (b->kind == BK_TABLE)
		d->cells[d->ncells - 1].n++;
	else
		b->n++;
}

void doc_putf(doc *d, span_style style, const char *fmt, ...)
{
	plan_buf buf = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&buf, fmt, ap);
	va_end(ap);
	if (buf.failed)
		d->oom = 1;
	doc_put(d, style, buf.ptr);
	plan_buf_free(&buf);
}

void doc_word(doc *d, span_style style, plan_word word)
{
	doc_put(d, style, plan_word_text(word, d->lang));
}

const char *doc_fill_text(doc *d, plan_word word, const char *const *args, size_t nargs)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_word_fill(&buf, plan_word_text(word, d->lang), args, nargs);
	if (buf.failed)
		d->oom = 1;
	const char *text = doc_strdup(d, buf.ptr);
	plan_buf_free(&buf);
	return text;
}

void doc_fill(doc *d, span_style style, plan_word word, const char *const *args, size_t nargs)
{
	doc_put(d, style, doc_fill_text(d, word, args, nargs));
}

const char *doc_number_text(doc *d, double value, int decimals, int sign)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_number_format(&buf, value, decimals, sign, d->lang);
	if (buf.failed)
		d->oom = 1;
	const char *text = doc_strdup(d, buf.ptr);
	plan_buf_free(&buf);
	return text;
}

void doc_number(doc *d, span_style style, double value, int decimals, int sign)
{
	doc_put(d, style, doc_number_text(d, value, decimals, sign));
}

void doc_dash(doc *d)
{
	doc_put(d, ST_PLAIN, "–");
}

static int blank(char c)
{
	return c == ' ' || c == '\n';
}

void spans_each(const doc *d, size_t first, size_t n, piece_fn fn, void *ctx)
{
	/* The first and last non-blank byte over the whole run. */
	size_t a = first, ai = 0, b = first + n, bi = 0;
	for (; a < first + n; a++) {
		const char *t = d->spans[a].text;
		for (ai = 0; t[ai] && blank(t[ai]); ai++)
			;
		if (t[ai])
			break;
	}
	if (a == first + n)
		return;
	for (b = first + n; b-- > a;) {
		const char *t = d->spans[b].text;
		size_t len = strlen(t);
		while (len > (b == a ? ai : 0) && blank(t[len - 1]))
			len--;
		if (len > (b == a ? ai : 0)) {
			bi = len;
			break;
		}
	}
	for (size_t i = a; i <= b; i++) {
		const char *t = d->spans[i].text;
		size_t from = i == a ? ai : 0;
		size_t to = i == b ? bi : strlen(t);
		if (to > from)
			fn(ctx, t + from, to - from, (span_style)d->spans[i].style);
	}
}

void doc_provenance(doc *d, const report_options *opt)
{
	if (opt->revision) {
		char id[8], date[16];
		snprintf(id, sizeof id, "%.7s", opt->revision);
		time_t t = (time_t)opt->revision_time;
		struct tm tm;
		if (!gmtime_r(&t, &tm) || strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
			snprintf(date, sizeof date, "?");
		const char *args[] = { id, date };
		doc_para(d);
		doc_fill(d, ST_PLAIN, PLAN_W_SOURCE_COMMIT, args, 2);
	} else {
		/* Uncommitted changes are worth a reader's notice: the text may
		 * not be what was decided. */
		doc_para(d);
		doc_word(d, ST_PLAIN, opt->worktree_dirty == 1 ? PLAN_W_SOURCE_DIRTY : PLAN_W_SOURCE_WORKTREE);
	}
}

void render(report_out *out, const doc *d, report_format format)
{
	switch (format) {
	case FORMAT_TEXT: render_text(out, d); break;
	case FORMAT_HTML: render_html(out, d); break;
	default: render_md(out, d); break;
	}
}
