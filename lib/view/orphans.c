/* orphans.c: plan-link orphans: every item that must trace to a
 * fullmäktigemål and does not, or that has no perspective. */
#include "view_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *file_of(const plan_item *item)
{
	return item->doc && item->doc->file ? item->doc->file->path : "";
}

static unsigned line_of(const plan_item *item)
{
	return item->node ? (unsigned)item->node->line : 0u;
}

static int by_position(const void *a, const void *b)
{
	const plan_item *x = *(const plan_item *const *)a, *y = *(const plan_item *const *)b;
	int c = strcmp(file_of(x), file_of(y));
	if (c)
		return c;
	unsigned lx = line_of(x), ly = line_of(y);
	if (lx != ly)
		return lx < ly ? -1 : 1;
	unsigned cx = x->node ? (unsigned)x->node->column : 0u;
	unsigned cy = y->node ? (unsigned)y->node->column : 0u;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static void print_text(plan_out *out, const plan_item *item, size_t width)
{
	char line[32];
	snprintf(line, sizeof line, ":%u: ", line_of(item));
	out_text(out, file_of(item), 0);
	plan_buf_puts(&out->buf, line);
	out_text(out, item->id, 0);
	out_title(out, item->title, width ? out_text_columns(file_of(item)) + strlen(line) +
		out_text_columns(item->id) : 0, width);
	plan_buf_putc(&out->buf, '\n');
}

static void print_json(plan_out *out, const plan_item *item, int first)
{
	plan_buf_puts(&out->buf, first ? "\n    {\"file\": " : ",\n    {\"file\": ");
	out_json(out, file_of(item));
	plan_buf_printf(&out->buf, ", \"line\": %u, \"column\": %u, \"id\": ", line_of(item),
		item->node ? (unsigned)item->node->column : 0u);
	out_json(out, item->id);
	plan_buf_printf(&out->buf, ", \"kind\": \"%s\", \"title\": ", plan_item_kind_key(item->kind));
	out_json(out, item->title);
	plan_buf_printf(&out->buf, ", \"problem\": \"%s\"}",
		item->traces ? "no-perspective" : "no-trace");
}

int plan_view_orphans(plan_out *out, const plan_model *m, const plan_view_options *opt)
{
	const plan_item **orphans = malloc((m->nitems ? m->nitems : 1) * sizeof *orphans);
	size_t n = 0;
	if (!orphans)
		return PLAN_VIEW_TROUBLE;
	for (size_t i = 0; i < m->nitems; i++)
		if (item_is_orphan(m->items[i]))
			orphans[n++] = m->items[i];
	qsort(orphans, n, sizeof *orphans, by_position);

	int json = opt->format == PLAN_VIEW_FORMAT_JSON;
	if (json) {
		out_json_head(out, opt);
		plan_buf_puts(&out->buf, "  \"orphans\": [");
	}
	for (size_t i = 0; i < n; i++) {
		if (json)
			print_json(out, orphans[i], i == 0);
		else
			print_text(out, orphans[i], opt->width);
		plan_out_maybe_flush(out);
	}
	if (json)
		plan_buf_puts(&out->buf, n ? "\n  ]\n}\n" : "]\n}\n");
	free(orphans);
	return n ? PLAN_VIEW_FOUND : PLAN_VIEW_OK;
}
