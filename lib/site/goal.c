/* goal.c: a page per fullmäktigemål (what it means, its strategies and
 * Agenda 2030 goals, the nämndmål and särskilda uppdrag under it, the whole
 * tree that contributes, the KPIs that measure that tree with their figures,
 * and every follow-up of it), per särskilt uppdrag and per KPI. */
#include "site_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/agenda2030.h"
#include "plan/lang.h"

static void strategies(plan_report_doc *d, const plan_item *goal)
{
	const plan_node *list = plan_node_get(goal->node, "strategies");
	if (!list || list->type != PLAN_NODE_SEQUENCE || !list->len)
		return;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_STRATEGIES);
	for (uint32_t i = 0; i < list->len; i++)
		if (list->u.items[i]->type == PLAN_NODE_STRING) {
			plan_doc_item(d, 0);
			plan_doc_put(d, PLAN_DOC_PLAIN, list->u.items[i]->u.text);
		}
}

/* Each Agenda 2030 goal or target with the goal's name: "4.1 (4 God
 * utbildning för alla)". */
static void agenda2030(site *s, plan_report_doc *d, const plan_item *goal)
{
	const plan_node *list = plan_node_get(goal->node, "agenda2030");
	if (!list || list->type != PLAN_NODE_SEQUENCE || !list->len)
		return;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_AGENDA2030);
	for (uint32_t i = 0; i < list->len; i++) {
		const plan_node *n = list->u.items[i];
		if (n->type != PLAN_NODE_STRING && n->type != PLAN_NODE_NUMBER)
			continue;
		plan_doc_item(d, 0);
		int number = (int)strtol(n->u.text, NULL, 10);
		const char *name = plan_agenda2030_valid(n->u.text)
			? plan_agenda2030_goal_name(number, s->lang == PLAN_LANG_SV) : NULL;
		if (!name) {
			plan_doc_put(d, PLAN_DOC_PLAIN, n->u.text);
		} else if (strchr(n->u.text, '.')) {
			plan_doc_putf(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "target %s (goal %d, %s)"),
				n->u.text, number, name);
		} else {
			plan_doc_putf(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "goal %d, %s"), number, name);
		}
	}
}

/* The goal's direct contributors of one kind, grouped by their owner. */
/* The nämndmål that contribute to a fullmäktigemål, a bolag's through its
 * ägardirektiv's direktivmål too, each once, with their body. */
static void body_goals(site *s, plan_report_doc *d, const plan_item *goal)
{
	plan_doc_heading(d, 2);
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "The boards' goals"));
	plan_contributors it = PLAN_CONTRIBUTORS_INIT(goal);
	const plan_item *c, *via;
	size_t n = 0;
	s->stamp++;
	while ((c = plan_contributors_next(&it, &via))) {
		if (s->seen[c->index] == s->stamp || !site_item_published(c))
			continue;
		s->seen[c->index] = s->stamp;
		plan_doc_item(d, 0);
		site_link(d, c, 1);
		if (c->owner) {
			plan_doc_put(d, PLAN_DOC_PLAIN, " — ");
			site_link(d, c->owner, 1);
		}
		if (via) {
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_THROUGH);
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			site_link(d, via, 0);
		}
		n++;
	}
	if (!n) {
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_EM, plan_trc(s->lang, "site", "No board has a goal for it yet."));
	}
}

static void children_of_kind(plan_report_doc *d, const plan_item *goal, plan_item_kind kind,
	const char *heading, const char *none)
{
	plan_doc_heading(d, 2);
	plan_doc_put(d, PLAN_DOC_PLAIN, heading);
	size_t n = 0;
	for (size_t i = 0; i < goal->nchildren; i++) {
		const plan_item *c = goal->children[i];
		if (c->kind != kind)
			continue;
		plan_doc_item(d, 0);
		site_link(d, c, 1);
		const plan_item *who = c->owner;
		if (kind == PLAN_ITEM_ASSIGNMENT)
			for (size_t r = 0; r < c->nrefs && !who; r++)
				if (c->refs[r].role == PLAN_REF_ASSIGNED_TO && c->refs[r].target)
					who = c->refs[r].target;
		if (who) {
			plan_doc_put(d, PLAN_DOC_PLAIN, " — ");
			site_link(d, who, 1);
		}
		n++;
	}
	if (!n) {
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_EM, none);
	}
}

/* Every KPI in the tree below the goal, with its figures. */
static void kpis_below(site *s, plan_report_doc *d, const plan_item *goal)
{
	/* Breadth first over the tree, each item once. */
	const plan_item **queue = malloc((s->m->nitems + 1) * sizeof *queue);
	if (!queue) {
		d->oom = 1;
		return;
	}
	size_t head = 0, tail = 0, shown = 0;
	s->stamp++;
	s->seen[goal->index] = s->stamp;
	queue[tail++] = goal;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KPIS);
	while (head < tail) {
		const plan_item *it = queue[head++];
		for (size_t i = 0; i < it->nchildren; i++) {
			const plan_item *c = it->children[i];
			if (s->seen[c->index] == s->stamp)
				continue;
			s->seen[c->index] = s->stamp;
			queue[tail++] = c;
			if (c->kind != PLAN_ITEM_KPI)
				continue;
			plan_doc_heading(d, 3);
			site_link(d, c, 1);
			site_kpi_figures(s, d, c);
			shown++;
		}
	}
	free(queue);
	if (!shown) {
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_EM, plan_trc(s->lang, "site", "No KPI measures this goal yet."));
	}
}

static void page_of(site *s, const plan_item *item, plan_report_doc *d)
{
	plan_buf path = PLAN_BUF_INIT;
	site_item_path(&path, item, 0);
	if (path.failed)
		s->failed = 1;
	else
		site_page(s, path.ptr, d, NULL);
	plan_buf_free(&path);
}

static void history(site *s, plan_report_doc *d, const plan_item *item)
{
	plan_doc_heading(d, 2);
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "Follow-ups"));
	if (s->fu_first[item->index] == s->fu_first[item->index + 1]) {
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_EM, plan_trc(s->lang, "site", "Not followed up yet."));
		return;
	}
	site_history(s, d, item, 3);
}

static void goal_page(site *s, const plan_item *goal)
{
	plan_report_doc d;
	if (plan_doc_init(&d, s->lang) < 0) {
		s->failed = 1;
		return;
	}
	site_item_section(s, &d, goal, 1, 0);
	strategies(&d, goal);
	agenda2030(s, &d, goal);
	body_goals(s, &d, goal);
	children_of_kind(&d, goal, PLAN_ITEM_ASSIGNMENT, plan_word_text(PLAN_W_ASSIGNMENTS, s->lang),
		plan_trc(s->lang, "site", "No special assignment serves this goal."));
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "Everything that contributes"));
	if (goal->nchildren)
		site_tree(s, &d, goal);
	else {
		plan_doc_para(&d);
		plan_doc_word(&d, PLAN_DOC_EM, PLAN_W_NO_CONTRIBUTIONS);
	}
	kpis_below(s, &d, goal);
	history(s, &d, goal);
	page_of(s, goal, &d);
	plan_doc_free(&d);
}

void site_goal_pages(site *s)
{
	for (size_t i = 0; i < s->m->nitems && !s->failed; i++) {
		const plan_item *item = s->m->items[i];
		if (item->kind == PLAN_ITEM_KF_GOAL && site_item_published(item))
			goal_page(s, item);
	}
}

void site_item_pages(site *s)
{
	for (size_t i = 0; i < s->m->nitems && !s->failed; i++) {
		const plan_item *item = s->m->items[i];
		if ((item->kind != PLAN_ITEM_ASSIGNMENT && item->kind != PLAN_ITEM_KPI) || !site_item_published(item))
			continue;
		plan_report_doc d;
		if (plan_doc_init(&d, s->lang) < 0) {
			s->failed = 1;
			return;
		}
		site_item_section(s, &d, item, 1, 0);
		if (item->kind == PLAN_ITEM_KPI)
			site_kpi_figures(s, &d, item);
		else
			history(s, &d, item);
		page_of(s, item, &d);
		plan_doc_free(&d);
	}
}
