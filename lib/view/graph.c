/* graph.c: plan-link graph: the link graph (or the part below one item) as
 * Graphviz DOT, a Mermaid flowchart or JSON: items grouped by level,
 * coloured by perspective, an edge from each item to what it links to. */
#include "view_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LABEL_TITLE_COLUMNS = 40 };

static const char *const level_names[LEVELS] = {
	"Fullmäktigemål", "Särskilda uppdrag", "Direktivmål", "Nämndmål", "Kontorsplan goals", "KPIs",
	"Activities",
};
static const char *const level_keys[LEVELS] = {
	"kf_goal", "assignment", "directive_goal", "body_goal", "office_goal", "kpi", "activity",
};

/* Fill colours by perspective index (styrmodell order), repeating after
 * eight; items without a perspective stay white. */
static const char *const palette[] = {
	"#cfe2f3", "#d9ead3", "#fff2cc", "#f4cccc", "#d9d2e9", "#d0e0e3", "#fce5cd", "#ead1dc",
};
#define NPALETTE (sizeof palette / sizeof palette[0])
#define NO_PERSPECTIVE_FILL "#ffffff"

typedef struct graph {
	const plan_model *m;
	uint8_t *selected;        /* per item index */
	uint64_t used;            /* perspectives of the selected items (legend) */
} graph;

static const char *fill_of(const graph *g, const plan_item *item)
{
	int p = item_first_perspective(g->m, item);
	return p >= 0 ? palette[(size_t)p % NPALETTE] : NO_PERSPECTIVE_FILL;
}

/* The part below `root`: every item whose links lead up to it. */
static int select_below(graph *g, const plan_item *root)
{
	const plan_item **stack = malloc((g->m->nitems ? g->m->nitems : 1) * sizeof *stack);
	size_t depth = 0;
	if (!stack)
		return -1;
	g->selected[root->index] = 1;
	stack[depth++] = root;
	while (depth > 0) {
		const plan_item *item = stack[--depth];
		for (size_t c = 0; c < item->nchildren; c++) {
			const plan_item *child = item->children[c];
			if (!g->selected[child->index]) {
				g->selected[child->index] = 1;
				stack[depth++] = child;
			}
		}
	}
	free(stack);
	return 0;
}

/* The label's text: the title made safe and shortened, as every format
 * starts from it before its own escaping. */
static void label_title(plan_buf *out, const plan_item *item)
{
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	out_text(&tmp, item->title, LABEL_TITLE_COLUMNS);
	if (tmp.buf.ptr)
		plan_buf_put(out, tmp.buf.ptr, tmp.buf.len);
	if (tmp.buf.failed)
		out->failed = 1;
	plan_buf_free(&tmp.buf);
}

/* --- DOT --------------------------------------------------------------------- */

/* A DOT quoted string's inside: quotes and backslashes escaped (the text
 * is already free of line breaks and control characters). */
static void dot_escape(plan_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			plan_buf_putc(out, '\\');
		plan_buf_putc(out, s[i]);
	}
}

static void dot_id(plan_out *out, const plan_item *item)
{
	plan_buf safe = PLAN_BUF_INIT;
	plan_buf_put_safe(&safe, item->id, strlen(item->id));
	plan_buf_putc(&out->buf, '"');
	dot_escape(&out->buf, safe.ptr ? safe.ptr : "", safe.len);
	plan_buf_putc(&out->buf, '"');
	if (safe.failed)
		out->buf.failed = 1;
	plan_buf_free(&safe);
}

static void dot_node(plan_out *out, const graph *g, const plan_item *item)
{
	plan_buf label = PLAN_BUF_INIT;
	plan_buf_put_safe(&label, item->id, strlen(item->id));
	size_t idlen = label.len;
	if (item->title && *item->title)
		label_title(&label, item);
	plan_buf_puts(&out->buf, "    ");
	dot_id(out, item);
	plan_buf_puts(&out->buf, " [label=\"");
	dot_escape(&out->buf, label.ptr ? label.ptr : "", idlen);
	if (label.len > idlen) {
		plan_buf_puts(&out->buf, "\\n");   /* DOT's line break in a label */
		dot_escape(&out->buf, label.ptr + idlen, label.len - idlen);
	}
	plan_buf_printf(&out->buf, "\", fillcolor=\"%s\"", fill_of(g, item));
	if (item_is_orphan(item))
		plan_buf_puts(&out->buf, ", color=\"#cc0000\", penwidth=2, style=\"rounded,filled,dashed\"");
	plan_buf_puts(&out->buf, "];\n");
	if (label.failed)
		out->buf.failed = 1;
	plan_buf_free(&label);
}

/* The plan level JSON names, as before direktivmål came: fullmäktigemål
 * 0, särskilda uppdrag 1, nämndmål 2 and so on to activities 5, so that
 * scripts keep their numbers. A direktivmål is kommunfullmäktige's, as a
 * särskilt uppdrag is: 1. */
static int plan_level(int level)
{
	return level <= 1 ? level : level == 2 ? 1 : level - 1;
}

static void print_dot(plan_out *out, const graph *g)
{
	const plan_model *m = g->m;
	plan_buf *b = &out->buf;
	plan_buf_puts(b, "digraph plan {\n"
		"  graph [rankdir=BT, fontname=\"Helvetica\"];\n"
		"  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fillcolor=\"" NO_PERSPECTIVE_FILL "\"];\n"
		"  edge [color=\"#555555\"];\n");
	for (int level = 0; level < LEVELS; level++) {
		size_t n = 0;
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!g->selected[i] || plan_view_level(item) != level)
				continue;
			if (n++ == 0)
				plan_buf_printf(b, "\n  subgraph cluster_%s {\n    label=\"%s\";\n",
					level_keys[level], level_names[level]);
			dot_node(out, g, item);
			plan_out_maybe_flush(out);
		}
		if (n)
			plan_buf_puts(b, "  }\n");
	}
	if (g->used) {
		plan_buf_puts(b, "\n  subgraph cluster_legend {\n    label=\"Perspectives\";\n");
		for (size_t p = 0; p < m->nperspectives && p < 64; p++) {
			if (!(g->used & ((uint64_t)1 << p)))
				continue;
			plan_buf_printf(b, "    \"legend:%zu\" [label=\"", p);
			plan_buf safe = PLAN_BUF_INIT;
			plan_buf_put_safe(&safe, m->perspectives[p].name, strlen(m->perspectives[p].name));
			dot_escape(b, safe.ptr ? safe.ptr : "", safe.len);
			plan_buf_free(&safe);
			plan_buf_printf(b, "\", fillcolor=\"%s\"];\n", palette[p % NPALETTE]);
		}
		plan_buf_puts(b, "  }\n");
	}
	plan_buf_putc(b, '\n');
	for (int level = LEVELS - 1; level >= 0; level--)
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!g->selected[i] || plan_view_level(item) != level)
				continue;
			for (size_t r = 0; r < item->nrefs; r++) {
				const plan_ref *ref = &item->refs[r];
				if (!ref_is_link(ref) || ref_repeats(item, r) || !g->selected[ref->target->index])
					continue;
				plan_buf_puts(b, "  ");
				dot_id(out, item);
				plan_buf_puts(b, " -> ");
				dot_id(out, ref->target);
				plan_buf_puts(b, ref->role == PLAN_REF_MEASURES ? " [style=dashed];\n" : ";\n");
				plan_out_maybe_flush(out);
			}
		}
	plan_buf_puts(b, "}\n");
}

/* --- Mermaid ----------------------------------------------------------------- */

/* A Mermaid quoted label's inside: the characters Mermaid or the HTML it
 * renders to would read as markup become entity codes (#quot; and the
 * like, which Mermaid turns into the character). */
static void mermaid_escape(plan_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '"': plan_buf_puts(out, "#quot;"); break;
		case '#': plan_buf_puts(out, "#35;"); break;
		case '&': plan_buf_puts(out, "#amp;"); break;
		case '<': plan_buf_puts(out, "#lt;"); break;
		case '>': plan_buf_puts(out, "#gt;"); break;
		case '`': plan_buf_puts(out, "#96;"); break;
		case ':': plan_buf_puts(out, "#58;"); break;   /* no "style ...:#..;" pattern */
		default: plan_buf_putc(out, s[i]); break;
		}
	}
}

static void mermaid_node(plan_out *out, const plan_item *item)
{
	plan_buf label = PLAN_BUF_INIT;
	plan_buf_put_safe(&label, item->id, strlen(item->id));
	size_t idlen = label.len;
	if (item->title && *item->title)
		label_title(&label, item);
	plan_buf_printf(&out->buf, "    n%u[\"", (unsigned)item->index);
	mermaid_escape(&out->buf, label.ptr ? label.ptr : "", idlen);
	if (label.len > idlen) {
		plan_buf_puts(&out->buf, "<br/>");
		mermaid_escape(&out->buf, label.ptr + idlen, label.len - idlen);
	}
	plan_buf_puts(&out->buf, "\"]\n");
	if (label.failed)
		out->buf.failed = 1;
	plan_buf_free(&label);
}

/* "class n1,n4,n9 p0" for every item of one class (perspective `p`, or
 * none when -1; or the orphans), in lines of at most 32 items. */
static void mermaid_class(plan_out *out, const graph *g, int perspective, int orphans)
{
	const plan_model *m = g->m;
	char name[32];
	size_t n = 0;
	if (orphans)
		snprintf(name, sizeof name, "orphan");
	else if (perspective >= 0)
		snprintf(name, sizeof name, "p%d", perspective);
	else
		snprintf(name, sizeof name, "none");
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *item = m->items[i];
		if (!g->selected[i] || plan_view_level(item) < 0)
			continue;
		if (orphans ? !item_is_orphan(item) : item_first_perspective(m, item) != perspective)
			continue;
		plan_buf_printf(&out->buf, "%sn%u", n % 32 == 0 ? "  class " : ",", (unsigned)item->index);
		if (++n % 32 == 0)
			plan_buf_printf(&out->buf, " %s\n", name);
	}
	if (n % 32 != 0)
		plan_buf_printf(&out->buf, " %s\n", name);
}

static void print_mermaid(plan_out *out, const graph *g)
{
	const plan_model *m = g->m;
	plan_buf *b = &out->buf;
	plan_buf_puts(b, "flowchart BT\n");
	for (int level = 0; level < LEVELS; level++) {
		size_t n = 0;
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!g->selected[i] || plan_view_level(item) != level)
				continue;
			if (n++ == 0)
				plan_buf_printf(b, "  subgraph %s[\"%s\"]\n", level_keys[level], level_names[level]);
			mermaid_node(out, item);
			plan_out_maybe_flush(out);
		}
		if (n)
			plan_buf_puts(b, "  end\n");
	}
	if (g->used) {
		plan_buf_puts(b, "  subgraph legend[\"Perspectives\"]\n");
		for (size_t p = 0; p < m->nperspectives && p < 64; p++) {
			if (!(g->used & ((uint64_t)1 << p)))
				continue;
			plan_buf_printf(b, "    legend%zu[\"", p);
			plan_buf safe = PLAN_BUF_INIT;
			plan_buf_put_safe(&safe, m->perspectives[p].name, strlen(m->perspectives[p].name));
			mermaid_escape(b, safe.ptr ? safe.ptr : "", safe.len);
			plan_buf_free(&safe);
			plan_buf_puts(b, "\"]\n");
		}
		plan_buf_puts(b, "  end\n");
	}
	for (int level = LEVELS - 1; level >= 0; level--)
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!g->selected[i] || plan_view_level(item) != level)
				continue;
			for (size_t r = 0; r < item->nrefs; r++) {
				const plan_ref *ref = &item->refs[r];
				if (!ref_is_link(ref) || ref_repeats(item, r) || !g->selected[ref->target->index])
					continue;
				plan_buf_printf(b, "  n%u %s n%u\n", (unsigned)item->index,
					ref->role == PLAN_REF_MEASURES ? "-.->" : "-->",
					(unsigned)ref->target->index);
				plan_out_maybe_flush(out);
			}
		}
	for (size_t p = 0; p < m->nperspectives && p < 64; p++)
		if (g->used & ((uint64_t)1 << p))
			plan_buf_printf(b, "  classDef p%zu fill:%s,stroke:#555555\n", p, palette[p % NPALETTE]);
	plan_buf_puts(b, "  classDef none fill:" NO_PERSPECTIVE_FILL ",stroke:#555555\n"
		"  classDef orphan stroke:#cc0000,stroke-width:2px,stroke-dasharray:5 3\n");
	for (size_t p = 0; p < m->nperspectives && p < 64; p++)
		if (g->used & ((uint64_t)1 << p))
			mermaid_class(out, g, (int)p, 0);
	mermaid_class(out, g, -1, 0);
	mermaid_class(out, g, -1, 1);
	for (size_t p = 0; p < m->nperspectives && p < 64; p++)
		if (g->used & ((uint64_t)1 << p))
			plan_buf_printf(b, "  class legend%zu p%zu\n", p, p);
}

/* --- JSON -------------------------------------------------------------------- */

static void print_json(plan_out *out, const graph *g, const plan_view_options *opt)
{
	const plan_model *m = g->m;
	plan_buf *b = &out->buf;
	out_json_head(out, opt);
	plan_buf_puts(b, "  \"from\": ");
	out_json(out, opt->from);
	plan_buf_puts(b, ",\n  \"nodes\": [");
	size_t n = 0;
	for (int level = 0; level < LEVELS; level++)
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!g->selected[i] || plan_view_level(item) != level)
				continue;
			plan_buf_puts(b, n++ ? ",\n    {\"id\": " : "\n    {\"id\": ");
			out_json(out, item->id);
			plan_buf_printf(b, ", \"kind\": \"%s\", \"level\": %d, \"title\": ",
				plan_item_kind_key(item->kind), plan_level(level));
			out_json(out, item->title);
			plan_buf_puts(b, ", \"perspective\": ");
			out_json_perspective(out, m, item_first_perspective(m, item));
			plan_buf_printf(b, ", \"orphan\": %s, \"file\": ", item_is_orphan(item) ? "true" : "false");
			out_json(out, item->doc && item->doc->file ? item->doc->file->path : NULL);
			plan_buf_printf(b, ", \"line\": %u}", item->node ? (unsigned)item->node->line : 0u);
			plan_out_maybe_flush(out);
		}
	plan_buf_puts(b, n ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [");
	size_t e = 0;
	for (int level = LEVELS - 1; level >= 0; level--)
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!g->selected[i] || plan_view_level(item) != level)
				continue;
			for (size_t r = 0; r < item->nrefs; r++) {
				const plan_ref *ref = &item->refs[r];
				if (!ref_is_link(ref) || ref_repeats(item, r) || !g->selected[ref->target->index])
					continue;
				plan_buf_puts(b, e++ ? ",\n    {\"from\": " : "\n    {\"from\": ");
				out_json(out, item->id);
				plan_buf_puts(b, ", \"to\": ");
				out_json(out, ref->target->id);
				plan_buf_printf(b, ", \"role\": \"%s\"}", plan_ref_role_key(ref->role));
				plan_out_maybe_flush(out);
			}
		}
	plan_buf_puts(b, e ? "\n  ]\n}\n" : "]\n}\n");
}

int plan_view_graph(plan_out *out, const plan_model *m, const plan_view_options *opt)
{
	graph g = { m, calloc(m->nitems ? m->nitems : 1, 1), 0 };
	int status = PLAN_VIEW_OK;
	if (!g.selected)
		return PLAN_VIEW_TROUBLE;
	if (opt->from) {
		const plan_item *root = find_item_or_say(m, opt->from, opt);
		if (!root) {
			status = PLAN_VIEW_FOUND;
			goto cleanup;
		}
		if (plan_view_level(root) < 0) {
			view_print(opt, plan_tr(opt->lang, "plan-link: '%s' is %s; --from takes a goal, "
				"KPI, activity or särskilt uppdrag\n"), root->id,
				item_kind_with_article((plan_item_kind)root->kind, opt->lang));
			status = PLAN_VIEW_FOUND;
			goto cleanup;
		}
		if (select_below(&g, root) < 0) {
			status = PLAN_VIEW_TROUBLE;
			goto cleanup;
		}
	} else {
		for (size_t i = 0; i < m->nitems; i++)
			g.selected[i] = plan_view_level(m->items[i]) >= 0;
	}
	for (size_t i = 0; i < m->nitems; i++) {
		int p = g.selected[i] ? item_first_perspective(m, m->items[i]) : -1;
		if (p >= 0)
			g.used |= (uint64_t)1 << p;
	}
	if (opt->format == PLAN_VIEW_FORMAT_MERMAID)
		print_mermaid(out, &g);
	else if (opt->format == PLAN_VIEW_FORMAT_JSON)
		print_json(out, &g, opt);
	else
		print_dot(out, &g);
cleanup:
	free(g.selected);
	return status;
}
