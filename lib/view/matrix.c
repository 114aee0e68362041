/* matrix.c: plan-link matrix: for each fullmäktigemål (rows, by perspective)
 * and each body (columns), how many of the body's nämndmål contribute to it
 * through a valid link (a bolag's through its direktivmål too). */
#include "view_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/csv.h"

typedef struct matrix {
	const plan_item **rows;   /* fullmäktigemål: by perspective, then plan order */
	size_t nrows;
	const plan_item **cols;   /* bodies, in organisation order */
	size_t ncols;
	size_t *counts;           /* nrows x ncols */
} matrix;

static void matrix_free(matrix *x)
{
	free(x->rows);
	free(x->cols);
	free(x->counts);
}

static int row_group(const plan_model *m, const plan_item *goal)
{
	int p = goal->perspective_index;
	return p >= 0 && (size_t)p < m->nperspectives ? p : (int)m->nperspectives;
}

static int matrix_build(matrix *x, const plan_model *m)
{
	size_t n = m->nitems ? m->nitems : 1;
	long *row_of = malloc(n * sizeof *row_of), *col_of = malloc(n * sizeof *col_of);
	int rc = -1;
	x->rows = malloc(n * sizeof *x->rows);
	x->cols = malloc(n * sizeof *x->cols);
	if (!row_of || !col_of || !x->rows || !x->cols)
		goto cleanup;
	for (size_t i = 0; i < m->nitems; i++) {
		row_of[i] = col_of[i] = -1;
		if (m->items[i]->kind == PLAN_ITEM_BODY) {
			col_of[i] = (long)x->ncols;
			x->cols[x->ncols++] = m->items[i];
		}
	}
	/* Perspective groups in styrmodell order; goals without one last. */
	for (size_t g = 0; g <= m->nperspectives; g++)
		for (size_t i = 0; i < m->nitems; i++)
			if (m->items[i]->kind == PLAN_ITEM_KF_GOAL && row_group(m, m->items[i]) == (int)g) {
				row_of[i] = (long)x->nrows;
				x->rows[x->nrows++] = m->items[i];
			}
	size_t cells = x->nrows * x->ncols;
	x->counts = calloc(cells > 0 ? cells : 1, sizeof *x->counts);
	if (!x->counts)
		goto cleanup;
	/* A nämndmål counts once in a row, however often it names the
	 * fullmäktigemål, directly or through a bolag's direktivmål: row_of
	 * is free to mark, by goal, the last row it was counted in. */
	for (size_t i = 0; i < m->nitems; i++)
		row_of[i] = -1;
	for (size_t row = 0; row < x->nrows; row++) {
		plan_contributors it = PLAN_CONTRIBUTORS_INIT(x->rows[row]);
		const plan_item *goal, *via;
		while ((goal = plan_contributors_next(&it, &via))) {
			if (!goal->owner || col_of[goal->owner->index] < 0 ||
			    row_of[goal->index] == (long)row)
				continue;
			row_of[goal->index] = (long)row;
			x->counts[row * x->ncols + (size_t)col_of[goal->owner->index]]++;
		}
	}
	rc = 0;
cleanup:
	free(row_of);
	free(col_of);
	return rc;
}

static size_t row_total(const matrix *x, size_t row)
{
	size_t total = 0;
	for (size_t c = 0; c < x->ncols; c++)
		total += x->counts[row * x->ncols + c];
	return total;
}

static const char *perspective_name(const plan_model *m, const plan_item *goal)
{
	int p = goal->perspective_index;
	return p >= 0 && (size_t)p < m->nperspectives ? m->perspectives[p].name : NULL;
}

/* Plan text in a Markdown table cell: safe for a terminal first, then every
 * character Markdown could read as markup backslash-escaped. */
static void md_cell(plan_out *out, const char *text)
{
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	out_text(&tmp, text, 0);
	for (size_t i = 0; i < tmp.buf.len; i++) {
		char ch = tmp.buf.ptr[i];
		if (strchr("\\`*_[]<>|~&!#", ch))
			plan_buf_putc(&out->buf, '\\');
		plan_buf_putc(&out->buf, ch);
	}
	if (tmp.buf.failed)
		out->buf.failed = 1;
	plan_buf_free(&tmp.buf);
}

static void print_md(plan_out *out, const plan_model *m, const matrix *x, plan_lang lang)
{
	plan_buf *b = &out->buf;
	plan_buf_puts(b, plan_tr(lang, "| Perspective | Fullmäktigemål | Title |"));
	for (size_t c = 0; c < x->ncols; c++) {
		plan_buf_putc(b, ' ');
		md_cell(out, x->cols[c]->id);
		plan_buf_puts(b, " |");
	}
	plan_buf_puts(b, plan_tr(lang, " Total |"));
	plan_buf_puts(b, "\n| --- | --- | --- |");
	for (size_t c = 0; c <= x->ncols; c++)
		plan_buf_puts(b, " ---: |");
	plan_buf_putc(b, '\n');
	for (size_t r = 0; r < x->nrows; r++) {
		const char *p = perspective_name(m, x->rows[r]);
		plan_buf_puts(b, "| ");
		if (p)
			md_cell(out, p);
		else
			plan_buf_puts(b, plan_tr(lang, "(no perspective)"));
		plan_buf_puts(b, " | ");
		md_cell(out, x->rows[r]->id);
		plan_buf_puts(b, " | ");
		md_cell(out, x->rows[r]->title);
		plan_buf_puts(b, " |");
		for (size_t c = 0; c < x->ncols; c++)
			plan_buf_printf(b, " %zu |", x->counts[r * x->ncols + c]);
		plan_buf_printf(b, " %zu |\n", row_total(x, r));
		plan_out_maybe_flush(out);
	}
	if (x->ncols) {
		plan_buf_puts(b, plan_tr(lang, "\nBodies:\n\n"));
		for (size_t c = 0; c < x->ncols; c++) {
			plan_buf_puts(b, "- ");
			md_cell(out, x->cols[c]->id);
			plan_buf_puts(b, ": ");
			md_cell(out, x->cols[c]->title);
			plan_buf_putc(b, '\n');
		}
	}
}

/* An RFC 4180 field of text escaped for the terminal first (so no line
 * breaks or control characters are left for plan_csv_field to quote). */
static void csv_field(plan_out *out, const char *text)
{
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	out_text(&tmp, text ? text : "", 0);
	plan_csv_field(&out->buf, tmp.buf.ptr, tmp.buf.len);
	if (tmp.buf.failed)
		out->buf.failed = 1;
	plan_buf_free(&tmp.buf);
}

static void print_csv(plan_out *out, const plan_model *m, const matrix *x)
{
	plan_buf *b = &out->buf;
	plan_buf_puts(b, "perspective,goal,title");
	for (size_t c = 0; c < x->ncols; c++) {
		plan_buf_putc(b, ',');
		csv_field(out, x->cols[c]->id);
	}
	plan_buf_puts(b, ",total\n");
	for (size_t r = 0; r < x->nrows; r++) {
		csv_field(out, perspective_name(m, x->rows[r]));
		plan_buf_putc(b, ',');
		csv_field(out, x->rows[r]->id);
		plan_buf_putc(b, ',');
		csv_field(out, x->rows[r]->title);
		for (size_t c = 0; c < x->ncols; c++)
			plan_buf_printf(b, ",%zu", x->counts[r * x->ncols + c]);
		plan_buf_printf(b, ",%zu\n", row_total(x, r));
		plan_out_maybe_flush(out);
	}
}

static void print_json(plan_out *out, const plan_model *m, const matrix *x,
	const plan_view_options *opt)
{
	plan_buf *b = &out->buf;
	out_json_head(out, opt);
	plan_buf_puts(b, "  \"bodies\": [");
	for (size_t c = 0; c < x->ncols; c++) {
		plan_buf_puts(b, c ? ",\n    {\"id\": " : "\n    {\"id\": ");
		out_json(out, x->cols[c]->id);
		plan_buf_puts(b, ", \"name\": ");
		out_json(out, x->cols[c]->title);
		plan_buf_putc(b, '}');
	}
	plan_buf_puts(b, x->ncols ? "\n  ],\n  \"rows\": [" : "],\n  \"rows\": [");
	for (size_t r = 0; r < x->nrows; r++) {
		plan_buf_puts(b, r ? ",\n    {\"goal\": " : "\n    {\"goal\": ");
		out_json(out, x->rows[r]->id);
		plan_buf_puts(b, ", \"title\": ");
		out_json(out, x->rows[r]->title);
		plan_buf_puts(b, ", \"perspective\": ");
		out_json_perspective(out, m, x->rows[r]->perspective_index);
		plan_buf_puts(b, ", \"counts\": [");
		for (size_t c = 0; c < x->ncols; c++)
			plan_buf_printf(b, c ? ", %zu" : "%zu", x->counts[r * x->ncols + c]);
		plan_buf_printf(b, "], \"total\": %zu}", row_total(x, r));
		plan_out_maybe_flush(out);
	}
	plan_buf_puts(b, x->nrows ? "\n  ]\n}\n" : "]\n}\n");
}

int plan_view_matrix(plan_out *out, const plan_model *m, const plan_view_options *opt)
{
	matrix x = { NULL, 0, NULL, 0, NULL };
	if (matrix_build(&x, m) < 0) {
		matrix_free(&x);
		return PLAN_VIEW_TROUBLE;
	}
	if (opt->format == PLAN_VIEW_FORMAT_CSV)
		print_csv(out, m, &x);
	else if (opt->format == PLAN_VIEW_FORMAT_JSON)
		print_json(out, m, &x, opt);
	else
		print_md(out, m, &x, opt->lang);
	matrix_free(&x);
	return PLAN_VIEW_OK;
}
