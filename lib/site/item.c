/* item.c: the parts pages are made of: a link to an item, an item's
 * section (what it is, where it traces up, what contributes to it), the
 * tree below a goal, a KPI's figures over the years and an item's
 * follow-up history. */
#include "site_impl.h"

#include <string.h>

#include "plan/lang.h"

/* A text value of a mapping, or NULL. */
static const char *text(const plan_node *map, const char *key)
{
	const plan_node *n = plan_node_get(map, key);
	return n && n->type == PLAN_NODE_STRING && n->len ? n->u.text : NULL;
}

void site_link(plan_report_doc *d, const plan_item *item, int title)
{
	plan_buf b = PLAN_BUF_INIT;
	plan_buf_puts(&b, item->id);
	if (title && item->title[0]) {
		plan_buf_putc(&b, ' ');
		plan_buf_puts(&b, item->title);
	}
	if (b.failed)
		d->oom = 1;
	else if (site_item_published(item))
		plan_doc_link(d, b.ptr, item->id);
	else
		plan_doc_put(d, PLAN_DOC_PLAIN, b.ptr);
	plan_buf_free(&b);
}

/* "Label: " in bold at the start of a paragraph. */
static void label(plan_report_doc *d, const char *word)
{
	plan_doc_para(d);
	plan_doc_label(d, word);
}

/* A paragraph of plan text, when there is any. */
static void para(plan_report_doc *d, const char *t)
{
	if (!t)
		return;
	plan_doc_para(d);
	plan_doc_put(d, PLAN_DOC_PLAIN, t);
}

/* The x- fields styrmodell's x-publish names, as "key: value". */
static void published_extensions(const site *s, plan_report_doc *d, const plan_node *map)
{
	const plan_node *list = s->publish;
	if (!list || list->type != PLAN_NODE_SEQUENCE || !map || map->type != PLAN_NODE_MAPPING)
		return;
	for (uint32_t i = 0; i < map->len; i++) {
		const plan_node *key = map->u.pairs[i].key, *value = map->u.pairs[i].value;
		if (strncmp(key->u.text, "x-", 2) != 0 || plan_node_is_collection(value))
			continue;
		for (uint32_t k = 0; k < list->len; k++)
			if (plan_node_is_string(list->u.items[k], key->u.text)) {
				label(d, key->u.text + 2);
				plan_doc_put(d, PLAN_DOC_PLAIN, value->u.text);
				break;
			}
	}
}

/* The place of a follow-up: "Delårsrapport 2 2026". */
static void checkpoint(plan_report_doc *d, const plan_document *doc, plan_lang lang)
{
	int period = plan_period_parse(doc->period);
	plan_doc_putf(d, PLAN_DOC_PLAIN, "%s %d", period >= 0 ? plan_word_period((plan_period)period, lang) : "",
		doc->year);
}

/* Status and forecast, or an activity's or assignment's status, of one entry. */
static void entry_status(plan_report_doc *d, const plan_item *item, const plan_node *entry, plan_lang lang)
{
	if (item->kind == PLAN_ITEM_ACTIVITY || item->kind == PLAN_ITEM_ASSIGNMENT) {
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_STATUS);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status(plan_task_status_parse(text(entry, "status")), lang));
		return;
	}
	plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_STATUS);
	plan_doc_put(d, PLAN_DOC_STRONG, ": ");
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(plan_goal_status_parse(text(entry, "status")), lang));
	if (text(entry, "forecast")) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_FORECAST);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN,
			plan_word_goal_status(plan_goal_status_parse(text(entry, "forecast")), lang));
	}
}

const site_fu *site_newest(const site *s, const plan_item *item)
{
	size_t first = s->fu_first[item->index], end = s->fu_first[item->index + 1];
	return end > first ? &s->fu[end - 1] : NULL;
}

/* The ids an item's valid upward links name, as links. */
static void trace_up(plan_report_doc *d, const plan_item *item)
{
	int any = 0;
	for (size_t r = 0; r < item->nrefs; r++) {
		const plan_ref *ref = &item->refs[r];
		if (!ref->valid || !plan_ref_is_upward(ref))
			continue;
		if (!any)
			label(d, plan_word_text(PLAN_W_CONTRIBUTES_TO, d->lang));
		else
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
		site_link(d, ref->target, 1);
		any = 1;
	}
}

/* The items that contribute to `item` directly, one list item each. */
static void contributors(site *s, plan_report_doc *d, const plan_item *item)
{
	if (!item->nchildren)
		return;
	plan_doc_para(d);
	plan_doc_put(d, PLAN_DOC_STRONG, plan_trc(s->lang, "site", "What contributes to it"));
	for (size_t i = 0; i < item->nchildren; i++) {
		const plan_item *child = item->children[i];
		plan_doc_item(d, 0);
		site_link(d, child, 1);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%s)", plan_item_word(child, s->lang));
	}
}

void site_item_section(site *s, plan_report_doc *d, const plan_item *item, int level, int anchor)
{
	plan_doc_heading(d, level);
	if (anchor)
		plan_doc_id(d, item->id);
	site_link(d, item, 1);
	para(d, text(item->node, "description"));
	int p = plan_report_perspective(s->m, item);
	plan_doc_para(d);
	plan_doc_put(d, PLAN_DOC_STRONG, plan_trc(s->lang, "site", "Kind"));
	plan_doc_put(d, PLAN_DOC_STRONG, ": ");
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_item_word(item, s->lang));
	if (p >= 0) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_PERSPECTIVE);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, s->m->perspectives[p].name);
	}
	if (item->owner) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_put(d, PLAN_DOC_STRONG, plan_trc(s->lang, "site", "Responsible"));
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		site_link(d, item->owner, 1);
	}
	trace_up(d, item);
	const site_fu *fu = site_newest(s, item);
	if (fu && item->kind != PLAN_ITEM_KPI) {
		label(d, plan_trc(s->lang, "site", "Latest follow-up"));
		checkpoint(d, fu->doc, s->lang);
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		entry_status(d, item, fu->entry, s->lang);
	}
	published_extensions(s, d, item->node);
	if (item->kind != PLAN_ITEM_KF_GOAL)
		contributors(s, d, item);
}

/* --- the tree below a goal --------------------------------------------------- */

static void walk(site *s, plan_report_doc *d, const plan_item *item, int depth)
{
	/* More than a few activities are counted, not listed: a goal of a
	 * large municipality has thousands, each on its unit's page, and the
	 * tree is there to be read. */
	size_t activities = 0, listed = 0;
	for (size_t i = 0; i < item->nchildren; i++)
		listed += item->children[i]->kind == PLAN_ITEM_ACTIVITY;
	int count_them = listed > 6;
	for (size_t i = 0; i < item->nchildren; i++) {
		const plan_item *child = item->children[i];
		if (child->kind == PLAN_ITEM_ACTIVITY && count_them) {
			activities++;
			continue;
		}
		plan_doc_item(d, depth);
		site_link(d, child, 1);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%s", plan_item_word(child, s->lang));
		if (child->owner && child->owner->title[0])
			plan_doc_putf(d, PLAN_DOC_PLAIN, ", %s", child->owner->title);
		plan_doc_put(d, PLAN_DOC_PLAIN, ")");
		/* Each item once: what contributes to two goals of the tree is
		 * shown under the first, and a tree of shared parts stays small. */
		if (s->seen[child->index] == s->stamp)
			continue;
		s->seen[child->index] = s->stamp;
		if (depth < 7)
			walk(s, d, child, depth + 1);
	}
	if (activities) {
		plan_doc_item(d, depth);
		plan_doc_putf(d, PLAN_DOC_PLAIN, plan_ntr(s->lang, "%zu activity (on the unit's page)",
			"%zu activities (on the units' pages)", activities), activities);
	}
}

void site_tree(site *s, plan_report_doc *d, const plan_item *item)
{
	s->stamp++;
	s->seen[item->index] = s->stamp;
	walk(s, d, item, 0);
}

/* --- a KPI's figures ----------------------------------------------------------- */

void site_kpi_figures(site *s, plan_report_doc *d, const plan_item *kpi)
{
	const plan_kpi_report *r = plan_kpi_table_find(s->kpis, kpi);
	if (!r)
		return;
	plan_lang lang = s->lang;
	plan_doc_para(d);
	if (r->unit) {
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_UNIT_OF_MEASURE);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, r->unit);
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
	}
	plan_doc_word(d, PLAN_DOC_PLAIN, r->lower_is_better ? PLAN_W_LOWER_BETTER : PLAN_W_HIGHER_BETTER);
	if (r->has_baseline) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_BASELINE);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_number(d, PLAN_DOC_PLAIN, r->baseline, -1, 0);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d)", r->baseline_year);
	}
	if (!r->nyears)
		return;
	plan_chart *c = plan_doc_chart(d, PLAN_CHART_TREND, kpi->title[0] ? kpi->title : kpi->id, r->nyears);
	if (c) {
		c->legend = plan_doc_strdup(d, plan_trc(lang, "site",
			"Dashed line and ticks: targets · blue line and dots: outcomes, coloured by assessment · "
			"dotted line: baseline"));
		c->series[0] = plan_doc_strdup(d, plan_trc(lang, "site", "better"));
		c->has_baseline = r->has_baseline;
		c->baseline = r->baseline;
		c->lower_is_better = r->lower_is_better;
		c->nrows = r->nyears;
		for (size_t i = 0; i < r->nyears; i++) {
			const plan_kpi_year *y = &r->years[i];
			plan_chart_row *row = &c->rows[i];
			char year[16];
			snprintf(year, sizeof year, "%d", y->year);
			row->label = plan_doc_strdup(d, year);
			row->v[0] = y->target;
			row->has[0] = (uint8_t)y->has_target;
			row->v[1] = y->outcome;
			row->has[1] = (uint8_t)y->has_outcome;
			row->result = (uint8_t)y->result;
			row->note = y->has_outcome ? plan_doc_number_text(d, y->outcome, -1, 0) : NULL;
		}
	}
	/* The chart's text alternative, and the figures for print. */
	plan_word head[] = { PLAN_W_YEAR, PLAN_W_TARGET, PLAN_W_OUTCOME, PLAN_W_ASSESSMENT_KPI };
	plan_doc_table_head(d, "lrrl", head, 4);
	for (size_t i = 0; i < r->nyears; i++) {
		const plan_kpi_year *y = &r->years[i];
		plan_doc_cell(d);
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%d", y->year);
		plan_doc_cell(d);
		if (y->has_target)
			plan_doc_number(d, PLAN_DOC_PLAIN, y->target, -1, 0);
		else
			plan_doc_dash(d);
		plan_doc_cell(d);
		if (y->has_outcome)
			plan_doc_number(d, PLAN_DOC_PLAIN, y->outcome, -1, 0);
		else
			plan_doc_dash(d);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_kpi_result(y->result, lang));
	}
}

/* --- follow-up history --------------------------------------------------------- */

void site_history(site *s, plan_report_doc *d, const plan_item *item, int level)
{
	static const struct { const char *key; plan_word word; } answers[] = {
		{ "actions", PLAN_W_ACTIONS }, { "results", PLAN_W_RESULTS },
		{ "analysis", PLAN_W_ANALYSIS }, { "improvements", PLAN_W_IMPROVEMENTS } };
	size_t first = s->fu_first[item->index], end = s->fu_first[item->index + 1];
	for (size_t i = end; i > first; i--) {
		const site_fu *fu = &s->fu[i - 1];
		plan_doc_heading(d, level);
		checkpoint(d, fu->doc, s->lang);
		if (fu->doc->owner) {
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
			plan_doc_put(d, PLAN_DOC_PLAIN, fu->doc->owner->title[0] ? fu->doc->owner->title : fu->doc->owner->id);
		}
		plan_doc_para(d);
		entry_status(d, item, fu->entry, s->lang);
		for (size_t a = 0; a < sizeof answers / sizeof answers[0]; a++) {
			const char *t = text(fu->entry, answers[a].key);
			if (!t)
				continue;
			label(d, plan_word_text(answers[a].word, s->lang));
			plan_doc_put(d, PLAN_DOC_PLAIN, t);
		}
		if (text(fu->entry, "report")) {
			label(d, plan_word_text(PLAN_W_REPORT, s->lang));
			plan_doc_put(d, PLAN_DOC_PLAIN, text(fu->entry, "report"));
		}
	}
}
