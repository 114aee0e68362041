/* plan.c: plan-report plan: a plan as a readable document: the flerårsplan
 * (fullmäktigemål by perspective with strategies and Agenda 2030, and the
 * chain of goals, KPIs and activities below each, then the ägardirektiv to
 * the companies), or one body's, office's or unit's plan (a bolag's with
 * its ägardirektiv first); and the same as JSON. */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/agenda2030.h"

/* How deep a chain is followed (fullmäktigemål, nämndmål, kontorsplan goal,
 * activity: four levels; more means a broken plan). */
#define MAX_DEPTH 8

typedef struct ctx {
	plan_report_doc *d;
	plan_out *out;          /* JSON */
	const plan_model *m;
	const plan_kpi_table *kpis;
} ctx;

/* What the chain below an item shows. */
static int in_chain(const plan_item *parent, const plan_item *child)
{
	switch (parent->kind) {
	case PLAN_ITEM_KF_GOAL:
		return child->kind == PLAN_ITEM_BODY_GOAL || child->kind == PLAN_ITEM_ASSIGNMENT ||
		       child->kind == PLAN_ITEM_DIRECTIVE_GOAL;
	case PLAN_ITEM_DIRECTIVE_GOAL: return child->kind == PLAN_ITEM_BODY_GOAL;
	case PLAN_ITEM_ASSIGNMENT: return child->kind == PLAN_ITEM_ACTIVITY;
	case PLAN_ITEM_BODY_GOAL:
	case PLAN_ITEM_OFFICE_GOAL:
		return child->kind == PLAN_ITEM_OFFICE_GOAL || child->kind == PLAN_ITEM_KPI ||
		       child->kind == PLAN_ITEM_ACTIVITY;
	default: return 0;
	}
}

/* --- the document ---------------------------------------------------------------- */

static void kpi_line(const ctx *c, const plan_item *kpi)
{
	plan_report_doc *d = c->d;
	const plan_kpi_report *r = plan_kpi_table_find(c->kpis, kpi);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KPI);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_STRONG, kpi->id);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_PLAIN, kpi->title);
	if (!r)
		return;
	plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_BASELINE);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	if (r->has_baseline) {
		plan_doc_number(d, PLAN_DOC_PLAIN, r->baseline, -1, 0);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d)", r->baseline_year);
	} else {
		plan_doc_dash(d);
	}
	int first = 1;
	for (size_t i = 0; i < r->nyears; i++) {
		if (!r->years[i].has_target)
			continue;
		if (first) {
			plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_TARGET);
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		} else {
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
		}
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%d: ", r->years[i].year);
		plan_doc_number(d, PLAN_DOC_PLAIN, r->years[i].target, -1, 0);
		first = 0;
	}
	plan_doc_put(d, PLAN_DOC_PLAIN, " (");
	if (r->unit) {
		plan_doc_put(d, PLAN_DOC_PLAIN, r->unit);
		plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
	}
	plan_doc_word(d, PLAN_DOC_PLAIN, r->lower_is_better ? PLAN_W_LOWER_BETTER : PLAN_W_HIGHER_BETTER);
	plan_doc_put(d, PLAN_DOC_PLAIN, ")");
}

static void activity_line(const ctx *c, const plan_item *a)
{
	plan_report_doc *d = c->d;
	static const char *const keys[] = { "responsible", "start", "due" };
	const plan_node *v[3];
	plan_node_get_keys(a->node, keys, 3, v);
	const char *responsible = text_value(v[0]), *start = text_value(v[1]), *due = text_value(v[2]);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ACTIVITY);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_STRONG, a->id);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_PLAIN, a->title);
	plan_doc_put(d, PLAN_DOC_PLAIN, " (");
	plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(c->m, a->owner));
	plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_RESPONSIBLE);
	plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
	if (responsible)
		plan_doc_put(d, PLAN_DOC_PLAIN, responsible);
	else
		plan_doc_dash(d);
	if (start) {
		plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_START);
		plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, start);
	}
	plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_DUE);
	plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
	if (due)
		plan_doc_put(d, PLAN_DOC_PLAIN, due);
	else
		plan_doc_dash(d);
	plan_doc_put(d, PLAN_DOC_PLAIN, ")");
}

static void years_of(plan_report_doc *d, const plan_item *a)
{
	if (a->from_year && a->to_year && a->from_year != a->to_year)
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%d–%d", a->from_year, a->to_year);
	else if (a->from_year || a->to_year)
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%d", a->from_year ? a->from_year : a->to_year);
}

static void funding_of(plan_report_doc *d, const plan_item *a)
{
	const plan_node *funding = plan_node_get(a->node, "funding");
	const char *type = node_text(funding, "type");
	const plan_node *amount = plan_node_get(funding, "amount_tkr");
	if (!type)
		return;
	plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
	plan_doc_word(d, PLAN_DOC_PLAIN, strcmp(type, "tillskott") == 0 ? PLAN_W_TILLSKOTT : PLAN_W_INOM_RAM);
	if (amount && amount->type == PLAN_NODE_NUMBER) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_number(d, PLAN_DOC_PLAIN, amount->number, -1, 0);
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_TKR);
	}
}

static void assigned_to(const ctx *c, const plan_item *a)
{
	int first = 1;
	for (size_t r = 0; r < a->nrefs; r++) {
		if (a->refs[r].role != PLAN_REF_ASSIGNED_TO)
			continue;
		if (!first)
			plan_doc_put(c->d, PLAN_DOC_PLAIN, ", ");
		plan_doc_put(c->d, PLAN_DOC_PLAIN, a->refs[r].target ? owner_name(c->m, a->refs[r].target) : a->refs[r].id);
		first = 0;
	}
}

static void assignment_line(const ctx *c, const plan_item *a)
{
	plan_report_doc *d = c->d;
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ASSIGNMENT);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_STRONG, a->id);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_PLAIN, a->title);
	plan_doc_put(d, PLAN_DOC_PLAIN, " (");
	assigned_to(c, a);
	plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
	years_of(d, a);
	funding_of(d, a);
	plan_doc_put(d, PLAN_DOC_PLAIN, ")");
}

static void item_line(const ctx *c, const plan_item *item, int depth)
{
	plan_report_doc *d = c->d;
	plan_doc_item(d, depth);
	switch (item->kind) {
	case PLAN_ITEM_KPI: kpi_line(c, item); break;
	case PLAN_ITEM_ACTIVITY: activity_line(c, item); break;
	case PLAN_ITEM_ASSIGNMENT: assignment_line(c, item); break;
	case PLAN_ITEM_DIRECTIVE_GOAL:
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_DIRECTIVE_GOAL);
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		/* fall through */
	default:
		plan_doc_put(d, PLAN_DOC_STRONG, item->id);
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_put(d, PLAN_DOC_PLAIN, item->title);
		if (item->owner) {
			plan_doc_put(d, PLAN_DOC_PLAIN, " (");
			plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(c->m, item->owner));
			plan_doc_put(d, PLAN_DOC_PLAIN, ")");
		}
	}
}

/* The items below `item`, depth first, each list level one deeper. */
static size_t chain(const ctx *c, const plan_item *item, int depth)
{
	size_t n = 0;
	if (depth >= MAX_DEPTH)
		return 0;
	for (size_t k = 0; k < item->nchildren; k++) {
		const plan_item *child = item->children[k];
		if (!in_chain(item, child) || !plan_report_defines(c->m, child))
			continue;
		if (plan_child_repeated(item, k))
			continue;
		item_line(c, child, depth);
		n++;
		chain(c, child, depth + 1);
	}
	return n;
}

static void adopted_line(const ctx *c, const plan_document *plan)
{
	plan_report_doc *d = c->d;
	const plan_node *adopted = plan_node_get(plan->root, "adopted");
	plan_doc_para(d);
	if (!adopted) {
		plan_doc_word(d, PLAN_DOC_EM, PLAN_W_PLAN_NOT_ADOPTED);
		return;
	}
	const char *by = node_text(adopted, "by");
	const plan_item *body = by ? plan_model_find(c->m, by) : NULL;
	const char *ref = node_text(adopted, "reference");
	plan_buf reference = PLAN_BUF_INIT;
	if (ref)
		plan_buf_printf(&reference, " (%s)", ref);
	const char *args[] = {
		node_text(adopted, "date"),
		body && body->kind == PLAN_ITEM_BODY ? owner_name(c->m, body) : by,
		reference.ptr,
	};
	plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_PLAN_ADOPTED_LINE, args, 3);
	plan_buf_free(&reference);
}

static void text_list(plan_report_doc *d, const plan_node *list)
{
	for (uint32_t i = 0; list && list->type == PLAN_NODE_SEQUENCE && i < list->len; i++) {
		const plan_node *n = list->u.items[i];
		if (n->type != PLAN_NODE_STRING)
			continue;
		plan_doc_item(d, 0);
		plan_doc_put(d, PLAN_DOC_PLAIN, n->u.text);
	}
}

static void agenda2030(const ctx *c, const plan_node *list)
{
	plan_report_doc *d = c->d;
	if (!list || list->type != PLAN_NODE_SEQUENCE || !list->len)
		return;
	plan_doc_para(d);
	plan_doc_label_word(d, PLAN_W_AGENDA2030);
	for (uint32_t i = 0; i < list->len; i++) {
		const plan_node *n = list->u.items[i];
		const char *id = n->type == PLAN_NODE_STRING || n->type == PLAN_NODE_NUMBER ? n->u.text : NULL;
		if (!id)
			continue;
		if (i)
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
		plan_doc_put(d, PLAN_DOC_PLAIN, id);
		/* A goal (not a target) gets its name: "4 God utbildning för alla". */
		if (!strchr(id, '.') && plan_agenda2030_valid(id)) {
			int goal = (int)strtol(id, NULL, 10);
			const char *name = plan_agenda2030_goal_name(goal, c->d->lang == PLAN_LANG_SV);
			if (name) {
				plan_doc_put(d, PLAN_DOC_PLAIN, " ");
				plan_doc_put(d, PLAN_DOC_EM, name);
			}
		}
	}
}

static void perspective_heading(const ctx *c, int p)
{
	plan_report_doc *d = c->d;
	plan_doc_heading(d, 2);
	if (p < 0) {
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_NO_PERSPECTIVE);
		return;
	}
	plan_doc_put(d, PLAN_DOC_PLAIN, c->m->perspectives[p].name);
	const char *description = node_text(c->m->perspectives[p].node, "description");
	if (description) {
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_EM, description);
	}
}

/* The goals of `plan` of `kind`, grouped by perspective, each with what it
 * contributes to (not for fullmäktigemål) and its chain. */
static void goals_by_perspective(const ctx *c, const plan_document *plan, plan_item_kind kind)
{
	plan_report_doc *d = c->d;
	const plan_model *m = c->m;
	for (size_t p = 0; p <= m->nperspectives; p++) {
		int want = p < m->nperspectives ? (int)p : -1, headed = 0;
		for (size_t i = 0; i < plan->nitems; i++) {
			const plan_item *g = plan->items[i];
			if (g->kind != kind || !plan_report_defines(m, g) || plan_report_perspective(m, g) != want)
				continue;
			if (!headed)
				perspective_heading(c, want);
			headed = 1;
			plan_doc_heading(d, 3);
			plan_doc_put(d, PLAN_DOC_PLAIN, g->id);
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			plan_doc_put(d, PLAN_DOC_PLAIN, g->title);
			const char *description = node_text(g->node, "description");
			if (description) {
				plan_doc_para(d);
				plan_doc_put(d, PLAN_DOC_PLAIN, description);
			}
			if (kind == PLAN_ITEM_KF_GOAL) {
				const plan_node *strategies = plan_node_get(g->node, "strategies");
				if (strategies && strategies->type == PLAN_NODE_SEQUENCE && strategies->len) {
					plan_doc_para(d);
					plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_STRATEGIES);
					text_list(d, strategies);
				}
				agenda2030(c, plan_node_get(g->node, "agenda2030"));
			} else {
				plan_doc_para(d);
				plan_doc_label_word(d, PLAN_W_CONTRIBUTES_TO);
				int first = 1;
				for (size_t r = 0; r < g->nrefs; r++) {
					const plan_ref *ref = &g->refs[r];
					if (!plan_ref_is_upward(ref))
						continue;
					if (!first)
						plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
					plan_doc_put(d, PLAN_DOC_PLAIN, ref->id);
					if (ref->target && ref->target->title && *ref->target->title) {
						plan_doc_put(d, PLAN_DOC_PLAIN, " ");
						plan_doc_put(d, PLAN_DOC_PLAIN, ref->target->title);
					}
					first = 0;
				}
				if (first)
					plan_doc_dash(d);
			}
			plan_doc_heading(d, 4);
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_CHAIN);
			if (!chain(c, g, 0)) {
				plan_doc_para(d);
				plan_doc_word(d, PLAN_DOC_EM, PLAN_W_NO_CHAIN);
			}
		}
	}
}

static void year_amounts_table(const ctx *c, const plan_node *frames)
{
	plan_report_doc *d = c->d;
	/* The years of every frame, ascending. */
	int years[16];
	size_t ny = 0;
	for (uint32_t i = 0; frames && frames->type == PLAN_NODE_SEQUENCE && i < frames->len; i++) {
		const plan_node *amounts = plan_node_get(frames->u.items[i], "amounts_tkr");
		for (uint32_t k = 0; amounts && amounts->type == PLAN_NODE_MAPPING && k < amounts->len; k++) {
			int y = (int)strtol(amounts->u.pairs[k].key->u.text, NULL, 10);
			size_t at = 0;
			while (at < ny && years[at] < y)
				at++;
			if ((at < ny && years[at] == y) || ny == 16)
				continue;
			memmove(&years[at + 1], &years[at], (ny - at) * sizeof years[0]);
			years[at] = y;
			ny++;
		}
	}
	if (!ny)
		return;
	static const char *const aligns[] = { "l", "lr", "lrr", "lrrr", "lrrrr", "lrrrrr", "lrrrrrr",
		"lrrrrrrr", "lrrrrrrrr", "lrrrrrrrrr", "lrrrrrrrrrr", "lrrrrrrrrrrr", "lrrrrrrrrrrrr",
		"lrrrrrrrrrrrrr", "lrrrrrrrrrrrrrr", "lrrrrrrrrrrrrrrr", "lrrrrrrrrrrrrrrrr" };
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_BUDGET_FRAMES);
	plan_doc_table(d, aligns[ny]);
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_BODY);
	for (size_t k = 0; k < ny; k++) {
		plan_doc_cell(d);
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%d", years[k]);
	}
	for (uint32_t i = 0; i < frames->len; i++) {
		const plan_node *f = frames->u.items[i];
		const char *body = node_text(f, "body");
		const plan_item *item = body ? plan_model_find(c->m, body) : NULL;
		const plan_node *amounts = plan_node_get(f, "amounts_tkr");
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, item ? owner_name(c->m, item) : body);
		for (size_t k = 0; k < ny; k++) {
			char key[16];
			snprintf(key, sizeof key, "%d", years[k]);
			const plan_node *v = plan_node_get(amounts, key);
			plan_doc_cell(d);
			if (v && v->type == PLAN_NODE_NUMBER)
				plan_doc_number(d, PLAN_DOC_PLAIN, v->number, -1, 0);
			else
				plan_doc_dash(d);
		}
	}
}

void plan_report_directive_text(plan_report_doc *d, const plan_document *ad)
{
	static const struct { const char *key; plan_word label; } parts[] = {
		{ "purpose", PLAN_W_PURPOSE }, { "direction", PLAN_W_DIRECTION },
	};
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
		plan_doc_labelled(d, parts[k].label, node_text(ad->root, parts[k].key));
	const plan_node *directives = plan_node_get(ad->root, "directives");
	if (directives && directives->type == PLAN_NODE_SEQUENCE && directives->len) {
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_DIRECTIVES);
		text_list(d, directives);
	}
}

/* The flerårsplan's last part: each company's ägardirektiv in short, its
 * direktivmål with the fullmäktigemål they serve (the chains under the
 * fullmäktigemål show what the companies plan for them). */
static void directives_of_companies(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_model *m = c->m;
	int any = 0;
	for (size_t i = 0; i < m->ndocs; i++) {
		const plan_document *ad = m->docs[i];
		if (ad->kind != PLAN_DOC_AGARDIREKTIV || !ad->owner)
			continue;
		if (!any) {
			plan_doc_heading(d, 2);
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_AGARDIREKTIV_ALL);
		}
		any = 1;
		plan_doc_heading(d, 3);
		plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(m, ad->owner));
		adopted_line(c, ad);
		plan_report_directive_text(d, ad);
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_DIRECTIVE_GOALS);
		for (size_t k = 0; k < ad->nitems; k++) {
			const plan_item *g = ad->items[k];
			if (g->kind != PLAN_ITEM_DIRECTIVE_GOAL || !plan_report_defines(m, g))
				continue;
			plan_doc_item(d, 0);
			plan_doc_put(d, PLAN_DOC_STRONG, g->id);
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			plan_doc_put(d, PLAN_DOC_PLAIN, g->title);
			int first = 1;
			for (size_t r = 0; r < g->nrefs; r++) {
				if (!plan_ref_is_upward(&g->refs[r]) || !g->refs[r].valid)
					continue;
				plan_doc_put(d, PLAN_DOC_PLAIN, first ? " → " : ", ");
				plan_doc_put(d, PLAN_DOC_PLAIN, g->refs[r].id);
				first = 0;
			}
		}
	}
}

static void kommun_doc(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_model *m = c->m;
	const plan_document *fap = m->flerarsplan;
	const char *title = node_text(fap->root, "title");
	plan_doc_heading(d, 1);
	if (title) {
		plan_doc_put(d, PLAN_DOC_PLAIN, title);
	} else {
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_FLERARSPLAN);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " %d–%d", fap->period_from, fap->period_to);
	}
	plan_doc_put(d, PLAN_DOC_PLAIN, " – ");
	plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(m, NULL));
	adopted_line(c, fap);
	plan_doc_labelled(d, PLAN_W_VISION,
		m->styrmodell ? node_text(m->styrmodell->root, "vision") : NULL);
	goals_by_perspective(c, fap, PLAN_ITEM_KF_GOAL);
	int any = 0;
	for (size_t i = 0; i < fap->nitems; i++) {
		const plan_item *a = fap->items[i];
		if (a->kind != PLAN_ITEM_ASSIGNMENT || !plan_report_defines(m, a))
			continue;
		if (!any) {
			plan_doc_heading(d, 2);
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ASSIGNMENTS);
		}
		any = 1;
		plan_doc_item(d, 0);
		plan_doc_put(d, PLAN_DOC_STRONG, a->id);
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_put(d, PLAN_DOC_PLAIN, a->title);
		plan_doc_put(d, PLAN_DOC_PLAIN, " (");
		assigned_to(c, a);
		plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
		years_of(d, a);
		funding_of(d, a);
		for (size_t r = 0; r < a->nrefs; r++)
			if (a->refs[r].role == PLAN_REF_GOAL) {
				plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
				plan_doc_put(d, PLAN_DOC_PLAIN, a->refs[r].id);
			}
		plan_doc_put(d, PLAN_DOC_PLAIN, ")");
		chain(c, a, 1);
	}
	directives_of_companies(c);
	year_amounts_table(c, plan_node_get(fap->root, "frames"));
}

/* The plans `owner` owns of `kind` (one per body and office; per year or
 * school year for a unit). */
static int owns(const plan_document *plan, const plan_item *owner)
{
	return plan->owner == owner && (plan->kind == PLAN_DOC_VERKSAMHETSPLAN ||
		plan->kind == PLAN_DOC_KONTORSPLAN || plan->kind == PLAN_DOC_ARBETSPLAN ||
		plan->kind == PLAN_DOC_AGARDIREKTIV);
}

static void plan_title(const ctx *c, const plan_document *plan)
{
	plan_report_doc *d = c->d;
	plan_doc_heading(d, 1);
	switch (plan->kind) {
	case PLAN_DOC_VERKSAMHETSPLAN: plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_VERKSAMHETSPLAN); break;
	case PLAN_DOC_KONTORSPLAN: plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KONTORSPLAN); break;
	case PLAN_DOC_AGARDIREKTIV: plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_AGARDIREKTIV); break;
	default: plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ARBETSPLAN); break;
	}
	if (plan->period_from)
		plan_doc_putf(d, PLAN_DOC_PLAIN, " %d–%d", plan->period_from, plan->period_to);
	else if (plan->year)
		plan_doc_putf(d, PLAN_DOC_PLAIN, " %d", plan->year);
	else if (plan->school_year)
		plan_doc_putf(d, PLAN_DOC_PLAIN, " %d/%02d", plan->school_year, (plan->school_year + 1) % 100);
	plan_doc_put(d, PLAN_DOC_PLAIN, " – ");
	plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(c->m, plan->owner));
	if (plan->kind != PLAN_DOC_ARBETSPLAN)
		adopted_line(c, plan);
}

static void planned_assignments(const ctx *c, const plan_document *plan)
{
	plan_report_doc *d = c->d;
	int any = 0;
	for (size_t r = 0; r < plan->nrefs; r++) {
		const plan_ref *ref = &plan->refs[r];
		if (ref->role != PLAN_REF_PLANNED)
			continue;
		if (!any) {
			plan_doc_heading(d, 2);
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ASSIGNMENTS);
		}
		any = 1;
		plan_doc_item(d, 0);
		plan_doc_put(d, PLAN_DOC_STRONG, ref->id);
		if (ref->target) {
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			plan_doc_put(d, PLAN_DOC_PLAIN, ref->target->title);
		}
		const char *how = node_text(ref->entry, "plan");
		if (how) {
			plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
			plan_doc_put(d, PLAN_DOC_PLAIN, how);
		}
	}
}

static void budget_areas(const ctx *c, const plan_document *plan)
{
	plan_report_doc *d = c->d;
	const plan_node *budget = plan_node_get(plan->root, "budget");
	if (!budget || budget->type != PLAN_NODE_SEQUENCE || !budget->len)
		return;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_BUDGET_AREAS);
	plan_doc_table(d, "lr");
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_AREA);
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_AMOUNT_TKR);
	double sum = 0;
	for (uint32_t i = 0; i < budget->len; i++) {
		const plan_node *amount = plan_node_get(budget->u.items[i], "amount_tkr");
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, node_text(budget->u.items[i], "area"));
		plan_doc_cell(d);
		if (amount && amount->type == PLAN_NODE_NUMBER) {
			plan_doc_number(d, PLAN_DOC_PLAIN, amount->number, -1, 0);
			sum += amount->number;
		} else {
			plan_doc_dash(d);
		}
	}
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_SUM);
	plan_doc_cell(d);
	plan_doc_number(d, PLAN_DOC_STRONG, sum, -1, 0);
}

static void unit_doc(const ctx *c, const plan_document *plan)
{
	plan_report_doc *d = c->d;
	const plan_word head[] = { PLAN_W_ACTIVITY, PLAN_W_TITLE, PLAN_W_CONTRIBUTES_TO, PLAN_W_RESPONSIBLE,
		PLAN_W_START, PLAN_W_DUE };
	plan_doc_table_head(d, "llllll", head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < plan->nitems; i++) {
		const plan_item *a = plan->items[i];
		if (a->kind != PLAN_ITEM_ACTIVITY || !plan_report_defines(c->m, a))
			continue;
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, a->id);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, a->title);
		plan_doc_cell(d);
		int first = 1;
		for (size_t r = 0; r < a->nrefs; r++)
			if (plan_ref_is_upward(&a->refs[r])) {
				if (!first)
					plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
				plan_doc_put(d, PLAN_DOC_PLAIN, a->refs[r].id);
				first = 0;
			}
		const char *fields[] = { "responsible", "start", "due" };
		for (size_t k = 0; k < 3; k++) {
			const char *v = node_text(a->node, fields[k]);
			plan_doc_cell(d);
			if (v)
				plan_doc_put(d, PLAN_DOC_PLAIN, v);
			else
				plan_doc_dash(d);
		}
	}
	int any = 0;
	for (size_t r = 0; r < plan->nrefs; r++) {
		const plan_ref *ref = &plan->refs[r];
		if (ref->role != PLAN_REF_FOLLOWED_KPI)
			continue;
		if (!any) {
			plan_doc_heading(d, 2);
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_FOLLOWED_KPIS);
		}
		any = 1;
		if (ref->target) {
			plan_doc_item(d, 0);
			kpi_line(c, ref->target);
		}
	}
}

static int owner_doc(const ctx *c, const plan_item *owner)
{
	int found = 0;
	/* A bolag's ägardirektiv first (pass 0): it steers the plans. */
	for (size_t at = 0; at < 2 * c->m->ndocs; at++) {
		const plan_document *plan = c->m->docs[at % c->m->ndocs];
		int pass = at >= c->m->ndocs;
		if (!owns(plan, owner) || (plan->kind == PLAN_DOC_AGARDIREKTIV) != (pass == 0))
			continue;
		found = 1;
		plan_title(c, plan);
		if (plan->kind == PLAN_DOC_ARBETSPLAN) {
			unit_doc(c, plan);
			continue;
		}
		if (plan->kind == PLAN_DOC_AGARDIREKTIV) {
			plan_report_directive_text(c->d, plan);
			goals_by_perspective(c, plan, PLAN_ITEM_DIRECTIVE_GOAL);
			continue;
		}
		goals_by_perspective(c, plan, plan->kind == PLAN_DOC_VERKSAMHETSPLAN ?
			PLAN_ITEM_BODY_GOAL : PLAN_ITEM_OFFICE_GOAL);
		if (plan->kind == PLAN_DOC_KONTORSPLAN) {
			int any = 0;
			for (size_t k = 0; k < plan->nitems; k++) {
				if (plan->items[k]->kind != PLAN_ITEM_KPI)
					continue;
				if (!any) {
					plan_doc_heading(c->d, 2);
					plan_doc_word(c->d, PLAN_DOC_PLAIN, PLAN_W_KPIS_OF_OFFICE);
				}
				any = 1;
				plan_doc_item(c->d, 0);
				kpi_line(c, plan->items[k]);
			}
		}
		planned_assignments(c, plan);
		budget_areas(c, plan);
	}
	return found;
}

/* --- JSON ------------------------------------------------------------------------- */

static void json_list_of_refs(plan_out *out, const plan_item *item, int upward_only, plan_ref_role role)
{
	plan_buf_putc(&out->buf, '[');
	size_t n = 0;
	for (size_t r = 0; r < item->nrefs; r++) {
		const plan_ref *ref = &item->refs[r];
		if (upward_only ? !plan_ref_is_upward(ref) : ref->role != role)
			continue;
		if (n++)
			plan_buf_puts(&out->buf, ", ");
		json_str(out, ref->id);
	}
	plan_buf_putc(&out->buf, ']');
}

static void json_text_list(plan_out *out, const plan_node *list)
{
	plan_buf_putc(&out->buf, '[');
	size_t n = 0;
	for (uint32_t i = 0; list && list->type == PLAN_NODE_SEQUENCE && i < list->len; i++) {
		const plan_node *v = list->u.items[i];
		if (v->type != PLAN_NODE_STRING && v->type != PLAN_NODE_NUMBER)
			continue;
		if (n++)
			plan_buf_puts(&out->buf, ", ");
		json_str(out, v->u.text);
	}
	plan_buf_putc(&out->buf, ']');
}

static void json_item(const ctx *c, const plan_item *item, int depth)
{
	plan_out *out = c->out;
	const plan_model *m = c->m;
	plan_buf_putc(&out->buf, '{');
	json_key(out, depth + 1, "id", 1);
	json_str(out, item->id);
	json_key(out, depth + 1, "kind", 0);
	json_str(out, plan_item_kind_key(item->kind));
	json_key(out, depth + 1, "title", 0);
	json_str(out, item->title);
	json_key(out, depth + 1, "owner", 0);
	if (item->owner)
		json_owner(out, m, item->owner);
	else
		plan_buf_puts(&out->buf, "null");
	json_key(out, depth + 1, "perspective", 0);
	json_perspective(out, m, plan_report_perspective(m, item));
	switch (item->kind) {
	case PLAN_ITEM_KF_GOAL:
		json_key(out, depth + 1, "description", 0);
		json_str(out, node_text(item->node, "description"));
		json_key(out, depth + 1, "strategies", 0);
		json_text_list(out, plan_node_get(item->node, "strategies"));
		json_key(out, depth + 1, "agenda2030", 0);
		json_text_list(out, plan_node_get(item->node, "agenda2030"));
		break;
	case PLAN_ITEM_BODY_GOAL:
	case PLAN_ITEM_OFFICE_GOAL:
		json_key(out, depth + 1, "description", 0);
		json_str(out, node_text(item->node, "description"));
		json_key(out, depth + 1, "contributes_to", 0);
		json_list_of_refs(out, item, 1, PLAN_REF_CONTRIBUTES_TO);
		break;
	case PLAN_ITEM_ASSIGNMENT: {
		const plan_node *funding = plan_node_get(item->node, "funding");
		const plan_node *amount = plan_node_get(funding, "amount_tkr");
		json_key(out, depth + 1, "assigned_to", 0);
		json_list_of_refs(out, item, 0, PLAN_REF_ASSIGNED_TO);
		json_key(out, depth + 1, "from", 0);
		plan_buf_printf(&out->buf, item->from_year ? "%d" : "null", item->from_year);
		json_key(out, depth + 1, "to", 0);
		plan_buf_printf(&out->buf, item->to_year ? "%d" : "null", item->to_year);
		json_key(out, depth + 1, "funding", 0);
		plan_buf_puts(&out->buf, "{\"type\": ");
		json_str(out, node_text(funding, "type"));
		plan_buf_puts(&out->buf, ", \"amount_tkr\": ");
		if (amount && amount->type == PLAN_NODE_NUMBER)
			json_num(out, amount->number);
		else
			plan_buf_puts(&out->buf, "null");
		plan_buf_putc(&out->buf, '}');
		json_key(out, depth + 1, "goal", 0);
		json_list_of_refs(out, item, 0, PLAN_REF_GOAL);
		break;
	}
	case PLAN_ITEM_KPI: {
		const plan_kpi_report *r = plan_kpi_table_find(c->kpis, item);
		json_key(out, depth + 1, "unit", 0);
		json_str(out, r ? r->unit : NULL);
		json_key(out, depth + 1, "direction", 0);
		json_str(out, r && r->lower_is_better ? "lower" : "higher");
		json_key(out, depth + 1, "baseline", 0);
		if (r && r->has_baseline) {
			plan_buf_printf(&out->buf, "{\"year\": %d, \"value\": ", r->baseline_year);
			json_num(out, r->baseline);
			plan_buf_putc(&out->buf, '}');
		} else {
			plan_buf_puts(&out->buf, "null");
		}
		json_key(out, depth + 1, "targets", 0);
		plan_buf_putc(&out->buf, '{');
		size_t n = 0;
		for (size_t i = 0; r && i < r->nyears; i++) {
			if (!r->years[i].has_target)
				continue;
			plan_buf_printf(&out->buf, "%s\"%d\": ", n++ ? ", " : "", r->years[i].year);
			json_num(out, r->years[i].target);
		}
		plan_buf_putc(&out->buf, '}');
		break;
	}
	case PLAN_ITEM_ACTIVITY:
		json_key(out, depth + 1, "contributes_to", 0);
		json_list_of_refs(out, item, 1, PLAN_REF_CONTRIBUTES_TO);
		json_key(out, depth + 1, "responsible", 0);
		json_str(out, node_text(item->node, "responsible"));
		json_key(out, depth + 1, "start", 0);
		json_str(out, node_text(item->node, "start"));
		json_key(out, depth + 1, "due", 0);
		json_str(out, node_text(item->node, "due"));
		break;
	default:
		break;
	}
	json_key(out, depth + 1, "below", 0);
	plan_buf_putc(&out->buf, '[');
	size_t n = 0;
	for (size_t k = 0; depth < MAX_DEPTH * 2 && k < item->nchildren; k++) {
		const plan_item *child = item->children[k];
		if (!in_chain(item, child) || !plan_report_defines(m, child))
			continue;
		if (plan_child_repeated(item, k))
			continue;
		plan_buf_puts(&out->buf, n++ ? "," : "");
		plan_buf_putc(&out->buf, '\n');
		for (int i = 0; i < depth + 2; i++)
			plan_buf_puts(&out->buf, "  ");
		json_item(c, child, depth + 2);
	}
	if (n) {
		plan_buf_putc(&out->buf, '\n');
		for (int i = 0; i < depth + 1; i++)
			plan_buf_puts(&out->buf, "  ");
	}
	plan_buf_puts(&out->buf, "]\n");
	for (int i = 0; i < depth; i++)
		plan_buf_puts(&out->buf, "  ");
	plan_buf_putc(&out->buf, '}');
	plan_out_maybe_flush(out);
}

static void json_plans(const ctx *c, const plan_item *owner)
{
	plan_out *out = c->out;
	const plan_model *m = c->m;
	json_key(out, 1, "plans", 0);
	plan_buf_putc(&out->buf, '[');
	size_t np = 0;
	for (size_t i = 0; i < m->ndocs; i++) {
		const plan_document *plan = m->docs[i];
		/* The kommun's plans: the flerårsplan and the ägardirektiv
		 * the council gave the companies. */
		if (owner ? !owns(plan, owner) :
		    plan != m->flerarsplan && (plan->kind != PLAN_DOC_AGARDIREKTIV || !plan->owner))
			continue;
		plan_buf_puts(&out->buf, np++ ? ",\n    {" : "\n    {");
		json_key(out, 3, "id", 1);
		json_str(out, plan->id);
		json_key(out, 3, "kind", 0);
		json_str(out, plan_doc_kind_name((plan_doc_kind)plan->kind));
		json_key(out, 3, "file", 0);
		json_str(out, plan->file->path);
		json_key(out, 3, "title", 0);
		json_str(out, node_text(plan->root, "title"));
		json_key(out, 3, "period", 0);
		if (plan->period_from)
			plan_buf_printf(&out->buf, "{\"from\": %d, \"to\": %d}", plan->period_from, plan->period_to);
		else
			plan_buf_puts(&out->buf, "null");
		json_key(out, 3, "year", 0);
		plan_buf_printf(&out->buf, plan->year ? "%d" : "null", plan->year);
		json_key(out, 3, "school_year", 0);
		if (plan->school_year)
			plan_buf_printf(&out->buf, "\"%d/%02d\"", plan->school_year, (plan->school_year + 1) % 100);
		else
			plan_buf_puts(&out->buf, "null");
		const plan_node *adopted = plan_node_get(plan->root, "adopted");
		json_key(out, 3, "adopted", 0);
		if (adopted) {
			plan_buf_puts(&out->buf, "{\"date\": ");
			json_str(out, node_text(adopted, "date"));
			plan_buf_puts(&out->buf, ", \"by\": ");
			json_str(out, node_text(adopted, "by"));
			plan_buf_puts(&out->buf, ", \"reference\": ");
			json_str(out, node_text(adopted, "reference"));
			plan_buf_putc(&out->buf, '}');
		} else {
			plan_buf_puts(&out->buf, "null");
		}
		if (plan->kind == PLAN_DOC_AGARDIREKTIV) {
			json_key(out, 3, "company", 0);
			json_owner(out, m, plan->owner);
			json_key(out, 3, "purpose", 0);
			json_str(out, node_text(plan->root, "purpose"));
			json_key(out, 3, "direction", 0);
			json_str(out, node_text(plan->root, "direction"));
			json_key(out, 3, "directives", 0);
			json_text_list(out, plan_node_get(plan->root, "directives"));
		}
		json_key(out, 3, "items", 0);
		plan_buf_putc(&out->buf, '[');
		size_t n = 0;
		for (size_t k = 0; k < plan->nitems; k++) {
			const plan_item *item = plan->items[k];
			if (!plan_report_defines(m, item))
				continue;
			/* A kontorsplan's KPIs hang below its goals; listed on their
			 * own too, so that one measuring another body's goal shows. */
			plan_buf_puts(&out->buf, n++ ? ",\n        " : "\n        ");
			json_item(c, item, 4);
		}
		plan_buf_puts(&out->buf, n ? "\n      ]" : "]");
		plan_buf_puts(&out->buf, "\n    }");
	}
	plan_buf_puts(&out->buf, np ? "\n  ]" : "]");
}

/* The owner the options name (NULL: kommun) when it has a plan, or a
 * status after saying why not. */
static int find_plan(const plan_item **out, const plan_model *m, const plan_report_options *opt)
{
	const plan_item *owner = NULL;
	*out = NULL;
	if (opt->owner && !(owner = find_owner_or_say(m, opt->owner, opt)))
		return PLAN_REPORT_NOTHING;
	int found = 0;
	for (size_t i = 0; i < m->ndocs && !found; i++)
		found = owner ? owns(m->docs[i], owner) : m->docs[i] == m->flerarsplan;
	if (!found) {
		if (owner)
			report_say(opt, plan_tr(opt->lang, owner->kind == PLAN_ITEM_BODY ? PLAN_N_("body '%s' has no plan")
				: owner->kind == PLAN_ITEM_OFFICE ? PLAN_N_("office '%s' has no plan")
				: PLAN_N_("unit '%s' has no plan")), owner->id);
		else
			report_say(opt, "%s", plan_tr(opt->lang, "the plan set has no flerårsplan"));
		return PLAN_REPORT_NOTHING;
	}
	*out = owner;
	return PLAN_REPORT_OK;
}

int plan_report_plan_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt)
{
	const plan_item *owner;
	int status = find_plan(&owner, m, opt);
	if (status != PLAN_REPORT_OK)
		return status;
	plan_kpi_table *kpis = NULL;
	if (plan_kpi_table_build(&kpis, m, NULL) < 0)
		return report_oom(opt);
	ctx c = { d, NULL, m, kpis };
	if (owner)
		owner_doc(&c, owner);
	else
		kommun_doc(&c);
	plan_kpi_table_free(kpis);
	return report_doc_done(d, opt);
}

int plan_report_plan_json(plan_out *out, const plan_model *m, const plan_report_options *opt)
{
	const plan_item *owner;
	int status = find_plan(&owner, m, opt);
	if (status != PLAN_REPORT_OK)
		return status;
	plan_kpi_table *kpis = NULL;
	if (plan_kpi_table_build(&kpis, m, NULL) < 0)
		return report_oom(opt);
	ctx c = { NULL, out, m, kpis };
	json_head(out, opt, m, "plan");
	json_key(out, 1, "owner", 0);
	json_owner(out, m, owner);
	json_key(out, 1, "vision", 0);
	json_str(out, owner || !m->styrmodell ? NULL : node_text(m->styrmodell->root, "vision"));
	json_plans(&c, owner);
	plan_buf_puts(&out->buf, "\n}\n");
	plan_kpi_table_free(kpis);
	return PLAN_REPORT_OK;
}
