/* trace.c: plan-link trace: every upward chain of valid links from an item
 * to a fullmäktigemål (or to a särskilt uppdrag that has none). */
#include "view_impl.h"

#include <stdlib.h>
#include <string.h>

/* Chains a link set can multiply (an item linking to two goals of one
 * fullmäktigemål is two chains). They are counted first, on the acyclic
 * link graph, so that the walk only enters branches that end somewhere and
 * the note on a capped item can say how many there are. */
typedef struct tracer {
	const plan_model *m;
	uint64_t *count;          /* chains from each item; saturates */
	uint8_t *state;           /* 0 not counted, 1 counting, 2 counted */
} tracer;

enum { MAX_DEPTH = 64 };      /* links go up five levels at most */

static uint64_t add_saturating(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static int has_links(const plan_item *item)
{
	for (size_t r = 0; r < item->nrefs; r++)
		if (ref_is_link(&item->refs[r]))
			return 1;
	return 0;
}

/* A chain ends at a fullmäktigemål, or at a särskilt uppdrag whose goal is
 * not set (or names nothing valid). */
static int chain_ends_at(const plan_item *item)
{
	return item->kind == PLAN_ITEM_KF_GOAL ||
	       (item->kind == PLAN_ITEM_ASSIGNMENT && !has_links(item));
}

static uint64_t count_chains(tracer *t, const plan_item *item, unsigned depth)
{
	uint32_t i = item->index;
	if (t->state[i] == 2)
		return t->count[i];
	if (t->state[i] == 1 || depth > MAX_DEPTH)
		return 0;      /* a cycle the link stage let through: never followed */
	t->state[i] = 1;
	uint64_t n = 0;
	if (chain_ends_at(item)) {
		n = 1;
	} else {
		for (size_t r = 0; r < item->nrefs; r++)
			if (ref_is_link(&item->refs[r]) && !ref_repeats(item, r))
				n = add_saturating(n, count_chains(t, item->refs[r].target, depth + 1));
	}
	t->count[i] = n;
	t->state[i] = 2;
	return n;
}

typedef struct frame {
	const plan_item *item;
	size_t next;
} frame;

static int on_path(const frame *path, size_t depth, const plan_item *item)
{
	for (size_t i = 0; i < depth; i++)
		if (path[i].item == item)
			return 1;
	return 0;
}

static void print_chain_text(plan_out *out, const plan_model *m, const frame *path, size_t depth,
	plan_lang lang)
{
	for (size_t i = 0; i < depth; i++) {
		if (i)
			plan_buf_puts(&out->buf, " -> ");
		out_text(out, path[i].item->id, 0);
	}
	const plan_item *end = path[depth - 1].item;
	if (end->kind == PLAN_ITEM_ASSIGNMENT) {
		plan_buf_puts(&out->buf, plan_tr(lang, " [no fullmäktigemål]\n"));
	} else if (end->perspective_index >= 0 && (size_t)end->perspective_index < m->nperspectives) {
		plan_buf_puts(&out->buf, " [");
		out_text(out, m->perspectives[end->perspective_index].name, 0);
		plan_buf_puts(&out->buf, "]\n");
	} else {
		plan_buf_puts(&out->buf, plan_tr(lang, " [no perspective]\n"));
	}
	plan_out_maybe_flush(out);
}

static void print_chain_json(plan_out *out, const plan_model *m, const frame *path,
	size_t depth, int first)
{
	plan_buf_puts(&out->buf, first ? "\n      {\"path\": [" : ",\n      {\"path\": [");
	for (size_t i = 0; i < depth; i++) {
		if (i)
			plan_buf_puts(&out->buf, ", ");
		out_json(out, path[i].item->id);
	}
	const plan_item *end = path[depth - 1].item;
	plan_buf_puts(&out->buf, "], \"end\": \"");
	plan_buf_puts(&out->buf, plan_item_kind_key(end->kind));
	plan_buf_puts(&out->buf, "\", \"perspective\": ");
	out_json_perspective(out, m, end->kind == PLAN_ITEM_KF_GOAL ? end->perspective_index : -1);
	plan_buf_puts(&out->buf, "}");
	plan_out_maybe_flush(out);
}

/* Walk every chain from `item` (only into branches that have one), printing
 * at most `max` (0: all). Returns the number printed, or -1 when memory ran
 * out. */
static long long walk_chains(tracer *t, plan_out *out, const plan_item *item, size_t max, int json,
	plan_lang lang)
{
	frame *path = malloc((MAX_DEPTH + 1) * sizeof *path);
	long long shown = 0;
	size_t depth = 0;
	if (!path)
		return -1;
	if (count_chains(t, item, 0) == 0) {
		free(path);
		return 0;
	}
	path[depth++] = (frame){ item, 0 };
	while (depth > 0 && (max == 0 || (size_t)shown < max)) {
		frame *f = &path[depth - 1];
		if (chain_ends_at(f->item)) {
			if (json)
				print_chain_json(out, t->m, path, depth, shown == 0);
			else
				print_chain_text(out, t->m, path, depth, lang);
			shown++;
			depth--;
			continue;
		}
		const plan_item *next = NULL;
		while (f->next < f->item->nrefs && !next) {
			size_t r = f->next++;
			const plan_ref *ref = &f->item->refs[r];
			if (ref_is_link(ref) && !ref_repeats(f->item, r) && depth <= MAX_DEPTH &&
			    count_chains(t, ref->target, depth) > 0 && !on_path(path, depth, ref->target))
				next = ref->target;
		}
		if (next)
			path[depth++] = (frame){ next, 0 };
		else
			depth--;
	}
	free(path);
	return shown;
}

typedef enum problem {
	PROBLEM_NONE,
	PROBLEM_NO_TRACE,
	PROBLEM_NO_PERSPECTIVE,
	PROBLEM_NOT_LINKED     /* organisation or a document: no links upward */
} problem;

static problem problem_of(const plan_item *item, uint64_t chains)
{
	if (plan_view_level(item) < 0)
		return PROBLEM_NOT_LINKED;
	if (plan_item_must_trace(item)) {
		if (!item->traces || chains == 0)
			return PROBLEM_NO_TRACE;
		if (!item->perspectives)
			return PROBLEM_NO_PERSPECTIVE;
	}
	return PROBLEM_NONE;
}

static const char *problem_key(problem p)
{
	switch (p) {
	case PROBLEM_NO_TRACE: return "no-trace";
	case PROBLEM_NO_PERSPECTIVE: return "no-perspective";
	case PROBLEM_NOT_LINKED: return "not-linked";
	default: return NULL;
	}
}

static void print_problem_text(plan_out *out, const plan_item *item, problem p, plan_lang lang)
{
	out_text(out, item->id, 0);
	switch (p) {
	case PROBLEM_NO_TRACE:
		plan_buf_puts(&out->buf, plan_tr(lang, ": does not trace to a fullmäktigemål\n"));
		break;
	case PROBLEM_NO_PERSPECTIVE:
		plan_buf_puts(&out->buf, plan_tr(lang, ": has no perspective (it reaches only "
			"särskilda uppdrag without a fullmäktigemål; declare one)\n"));
		break;
	default:
		plan_buf_printf(&out->buf, plan_tr(lang, ": does not trace to a fullmäktigemål (it is "
			"%s; only goals, KPIs, activities and särskilda uppdrag link upward)\n"),
			item_kind_with_article((plan_item_kind)item->kind, lang));
		break;
	}
}

static void print_perspectives_json(plan_out *out, const plan_model *m, const plan_item *item)
{
	plan_buf_putc(&out->buf, '[');
	size_t n = 0;
	for (size_t p = 0; p < m->nperspectives && p < 64; p++) {
		if (!(item->perspectives & ((uint64_t)1 << p)))
			continue;
		if (n++)
			plan_buf_puts(&out->buf, ", ");
		out_json_perspective(out, m, (int)p);
	}
	plan_buf_putc(&out->buf, ']');
}

int plan_view_trace(plan_out *out, const plan_model *m, const plan_view_options *opt)
{
	tracer t = { m, calloc(m->nitems ? m->nitems : 1, sizeof *t.count),
	             calloc(m->nitems ? m->nitems : 1, 1) };
	int json = opt->format == PLAN_VIEW_FORMAT_JSON;
	int status = PLAN_VIEW_OK;
	size_t nitems_printed = 0;
	char *is_unknown = calloc(opt->nids ? opt->nids : 1, 1);   /* per id given */
	if (!t.count || !t.state || !is_unknown) {
		status = PLAN_VIEW_TROUBLE;
		goto cleanup;
	}
	if (json) {
		out_json_head(out, opt);
		plan_buf_puts(&out->buf, "  \"items\": [");
	}
	for (size_t k = 0; k < opt->nids; k++) {
		const plan_item *item = find_item_or_say(m, opt->ids[k], opt);
		if (!item) {
			is_unknown[k] = 1;
			status = PLAN_VIEW_FOUND;
			continue;
		}
		uint64_t total = count_chains(&t, item, 0);
		problem p = problem_of(item, total);
		if (json) {
			plan_buf_puts(&out->buf, nitems_printed ? ",\n    {\"id\": " : "\n    {\"id\": ");
			out_json(out, item->id);
			plan_buf_printf(&out->buf, ", \"kind\": \"%s\", \"title\": ", plan_item_kind_key(item->kind));
			out_json(out, item->title);
			plan_buf_puts(&out->buf, ", \"file\": ");
			out_json(out, item->doc && item->doc->file ? item->doc->file->path : NULL);
			plan_buf_printf(&out->buf, ", \"line\": %u, \"traces\": %s, \"problem\": ",
				item->node ? (unsigned)item->node->line : 0u, p == PROBLEM_NONE ? "true" : "false");
			out_json(out, problem_key(p));
			plan_buf_puts(&out->buf, ", \"perspectives\": ");
			print_perspectives_json(out, m, item);
			plan_buf_puts(&out->buf, ", \"chains\": [");
		}
		long long shown = walk_chains(&t, out, item, opt->max_chains, json, opt->lang);
		if (shown < 0) {
			status = PLAN_VIEW_TROUBLE;
			goto cleanup;
		}
		int truncated = (uint64_t)shown < total;
		if (json) {
			plan_buf_printf(&out->buf, "%s], \"chain_count\": %llu, \"truncated\": %s}",
				shown ? "\n    " : "", (unsigned long long)total, truncated ? "true" : "false");
		} else if (truncated) {
			out_text(out, item->id, 0);
			if (total == UINT64_MAX)
				plan_buf_printf(&out->buf, plan_tr(opt->lang, ": the first %lld chains of "
					"more than %llu shown (--max-chains)\n"), shown, (unsigned long long)total - 1);
			else
				plan_buf_printf(&out->buf, plan_tr(opt->lang, ": %lld of %llu chains shown "
					"(--max-chains)\n"), shown, (unsigned long long)total);
		}
		if (p != PROBLEM_NONE) {
			status = PLAN_VIEW_FOUND;
			if (!json)
				print_problem_text(out, item, p, opt->lang);
		}
		nitems_printed++;
		plan_out_maybe_flush(out);
	}
	if (json) {
		plan_buf_puts(&out->buf, nitems_printed ? "\n  ],\n  \"unknown\": [" : "],\n  \"unknown\": [");
		size_t n = 0;
		for (size_t k = 0; k < opt->nids; k++) {
			if (!is_unknown[k])
				continue;
			plan_buf_puts(&out->buf, n++ ? ",\n    {\"id\": " : "\n    {\"id\": ");
			out_json(out, opt->ids[k]);
			plan_buf_puts(&out->buf, ", \"suggestion\": ");
			out_json(out, closest_id(m, opt->ids[k]));
			plan_buf_putc(&out->buf, '}');
		}
		plan_buf_puts(&out->buf, n ? "\n  ]\n}\n" : "]\n}\n");
	}
cleanup:
	free(t.count);
	free(t.state);
	free(is_unknown);
	return status;
}
