/* tree.c: plan-link tree: the items that link to an item, level by level
 * down, from one item or from every fullmäktigemål by perspective. */
#include "view_impl.h"

#include <stdlib.h>
#include <string.h>

enum {
	MAX_DEPTH = 64,             /* links go down five levels at most */
	MAX_LINES = 1000000         /* shared subtrees repeat; never without end */
};

typedef struct frame {
	const plan_item *item;
	int level;                  /* level of the children being visited */
	size_t next;                /* next child to look at on that level */
	size_t shown;               /* children visited */
} frame;

typedef struct treeview {
	plan_out *out;
	const plan_model *m;
	const plan_view_options *opt;
	int json;
	size_t lines;
	int stopped;                /* MAX_LINES reached */
	frame *path;
} treeview;

static void indent(plan_out *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		plan_buf_putc(&out->buf, ' ');
}

static void enter_text(treeview *tv, const plan_item *item, size_t depth)
{
	plan_out *out = tv->out;
	indent(out, 2 * depth);
	out_text(out, item->id, 0);
	out_title(out, item->title,
		tv->opt->width ? 2 * depth + out_text_columns(item->id) : 0, tv->opt->width);
	plan_buf_putc(&out->buf, '\n');
}

/* JSON nodes: one line per node, nested by indentation. `depth` counts from
 * the array the node sits in, `base` is that array's indentation; `first`
 * is 1 for an array's first node, 0 for the others, and 2 for a node that
 * is a value of its own (it starts where the caller left off). */
static void enter_json(treeview *tv, const plan_item *item, size_t base, size_t depth, int first)
{
	plan_out *out = tv->out;
	if (first != 2) {
		plan_buf_puts(&out->buf, first ? "\n" : ",\n");
		indent(out, base + 2 * depth);
	}
	plan_buf_puts(&out->buf, "{\"id\": ");
	out_json(out, item->id);
	plan_buf_printf(&out->buf, ", \"kind\": \"%s\", \"title\": ", plan_item_kind_key(item->kind));
	out_json(out, item->title);
	plan_buf_puts(&out->buf, ", \"file\": ");
	out_json(out, item->doc && item->doc->file ? item->doc->file->path : NULL);
	plan_buf_printf(&out->buf, ", \"line\": %u, \"children\": [",
		item->node ? (unsigned)item->node->line : 0u);
}

static void leave_json(treeview *tv, size_t base, size_t depth, size_t shown)
{
	if (shown) {
		plan_buf_putc(&tv->out->buf, '\n');
		indent(tv->out, base + 2 * depth);
	}
	plan_buf_puts(&tv->out->buf, "]}");
}

static int on_path(const frame *path, size_t depth, const plan_item *item)
{
	for (size_t i = 0; i < depth; i++)
		if (path[i].item == item)
			return 1;
	return 0;
}

/* The next child of the frame to visit, level by level (särskilda uppdrag,
 * nämndmål, kontorsplan goals, KPIs, activities), each level in plan order.
 * A child listed twice (a link list that repeats an id puts it there twice,
 * side by side) is visited once. */
static const plan_item *next_child(frame *f, const frame *path, size_t depth)
{
	const plan_item *item = f->item;
	while (f->level < LEVELS) {
		while (f->next < item->nchildren) {
			size_t j = f->next++;
			const plan_item *child = item->children[j];
			if (plan_view_level(child) != f->level || plan_child_repeated(item, j))
				continue;
			if (depth <= MAX_DEPTH && !on_path(path, depth, child))
				return child;
		}
		f->level++;
		f->next = 0;
	}
	return NULL;
}

/* Print the tree below `root`, its top at `level` (text: indentation steps;
 * JSON: `base` is the enclosing array's indentation). */
static void walk(treeview *tv, const plan_item *root, size_t level, size_t base, int first)
{
	size_t depth = 0;
	frame *path = tv->path;
	if (tv->stopped)
		return;
	if (tv->json)
		enter_json(tv, root, base, 0, first);
	else
		enter_text(tv, root, level);
	tv->lines++;
	path[depth++] = (frame){ root, 0, 0, 0 };
	while (depth > 0) {
		frame *f = &path[depth - 1];
		const plan_item *child = tv->stopped ? NULL : next_child(f, path, depth);
		if (child) {
			if (tv->lines >= MAX_LINES) {
				tv->stopped = 1;
				continue;
			}
			if (tv->json)
				enter_json(tv, child, base, depth, f->shown == 0);
			else
				enter_text(tv, child, level + depth);
			f->shown++;
			tv->lines++;
			path[depth++] = (frame){ child, 0, 0, 0 };
			plan_out_maybe_flush(tv->out);
			continue;
		}
		if (tv->json)
			leave_json(tv, base, depth - 1, f->shown);
		depth--;
	}
}

static int has_links(const plan_item *item)
{
	for (size_t r = 0; r < item->nrefs; r++)
		if (ref_is_link(&item->refs[r]))
			return 1;
	return 0;
}

static int kf_in_group(const plan_model *m, const plan_item *item, long group)
{
	if (item->kind != PLAN_ITEM_KF_GOAL)
		return 0;
	int p = item->perspective_index;
	if (p < 0 || (size_t)p >= m->nperspectives)
		return group < 0;
	return group == p;
}

static void group_heading_text(treeview *tv, const char *heading, int first)
{
	if (!first)
		plan_buf_putc(&tv->out->buf, '\n');
	out_text(tv->out, heading, 0);
	plan_buf_putc(&tv->out->buf, '\n');
}

/* Every fullmäktigemål under its perspective (those with none last), then
 * the särskilda uppdrag no fullmäktigemål carries. */
static void print_all(treeview *tv)
{
	const plan_model *m = tv->m;
	plan_out *out = tv->out;
	int any_without = 0, any_unled = 0;
	for (size_t i = 0; i < m->nitems; i++) {
		any_without |= kf_in_group(m, m->items[i], -1);
		any_unled |= m->items[i]->kind == PLAN_ITEM_ASSIGNMENT && !has_links(m->items[i]);
	}
	if (tv->json)
		plan_buf_puts(&out->buf, "  \"from\": null,\n  \"groups\": [");
	size_t ngroups = m->nperspectives + (any_without ? 1 : 0);
	for (size_t g = 0; g < ngroups; g++) {
		long group = g < m->nperspectives ? (long)g : -1;
		if (tv->json) {
			plan_buf_puts(&out->buf, g ? ",\n    {\"perspective\": " : "\n    {\"perspective\": ");
			out_json_perspective(out, m, (int)group);
			plan_buf_puts(&out->buf, ", \"items\": [");
		} else {
			group_heading_text(tv, group >= 0 ? m->perspectives[group].name :
				plan_tr(tv->opt->lang, "(no perspective)"), g == 0);
		}
		size_t shown = 0;
		for (size_t i = 0; i < m->nitems; i++)
			if (kf_in_group(m, m->items[i], group))
				walk(tv, m->items[i], 1, 6, shown++ == 0);
		if (tv->json)
			plan_buf_puts(&out->buf, shown ? "\n    ]}" : "]}");
		plan_out_maybe_flush(out);
	}
	if (tv->json)
		plan_buf_puts(&out->buf, ngroups ? "\n  ],\n  \"assignments_without_goal\": [" :
			"],\n  \"assignments_without_goal\": [");
	else if (any_unled)
		group_heading_text(tv, plan_tr(tv->opt->lang, "(särskilda uppdrag without a "
			"fullmäktigemål)"), ngroups == 0);
	size_t shown = 0;
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->kind == PLAN_ITEM_ASSIGNMENT && !has_links(m->items[i]))
			walk(tv, m->items[i], 1, 4, shown++ == 0);
	if (tv->json)
		plan_buf_puts(&out->buf, shown ? "\n  ]\n}\n" : "]\n}\n");
}

int plan_view_tree(plan_out *out, const plan_model *m, const plan_view_options *opt)
{
	treeview tv = { out, m, opt, opt->format == PLAN_VIEW_FORMAT_JSON, 0, 0,
	                malloc((MAX_DEPTH + 2) * sizeof(frame)) };
	int status = PLAN_VIEW_OK;
	if (!tv.path)
		return PLAN_VIEW_TROUBLE;
	if (opt->nids > 0) {
		const plan_item *item = find_item_or_say(m, opt->ids[0], opt);
		if (!item) {
			status = PLAN_VIEW_FOUND;
			goto cleanup;
		}
		if (plan_view_level(item) < 0) {
			view_print(opt, plan_tr(opt->lang, "plan-link: '%s' is %s; a tree starts at a goal, "
				"KPI, activity or särskilt uppdrag\n"), item->id,
				item_kind_with_article((plan_item_kind)item->kind, opt->lang));
			status = PLAN_VIEW_FOUND;
			goto cleanup;
		}
		if (tv.json) {
			out_json_head(out, opt);
			plan_buf_puts(&out->buf, "  \"from\": ");
			out_json(out, item->id);
			plan_buf_puts(&out->buf, ",\n  \"tree\": ");
			walk(&tv, item, 0, 2, 2);
			plan_buf_puts(&out->buf, "\n}\n");
		} else {
			walk(&tv, item, 0, 0, 1);
		}
	} else {
		if (tv.json)
			out_json_head(out, opt);
		print_all(&tv);
	}
	if (tv.stopped) {
		view_print(opt, plan_tr(opt->lang, "plan-link: the tree has more than %d lines; "
			"stopped there (give an ID for a part of it)\n"), MAX_LINES);
		status = PLAN_VIEW_TROUBLE;
	}
cleanup:
	free(tv.path);
	return status;
}
