/* start.c: the start page: the municipality and its vision, the newest
 * follow-up's verdict on god ekonomisk hushållning and its count of goals
 * per status per perspective, and every fullmäktigemål under its
 * perspective with its latest status and forecast. */
#include "site_impl.h"

#include <string.h>

#include "plan/lang.h"

/* The newest follow-up's entry on a fullmäktigemål, or NULL. */
static const plan_fu_entry *latest_entry(const site *s, const plan_item *goal)
{
	if (!s->latest || s->latest->status != PLAN_FOLLOWUP_OK)
		return NULL;
	for (size_t i = 0; i < s->latest->ngoals; i++)
		if (s->latest->goals[i].item == goal)
			return &s->latest->goals[i];
	return NULL;
}

static void counts_table(site *s, plan_report_doc *d)
{
	const plan_followup *f = s->latest;
	plan_word head[] = { PLAN_W_PERSPECTIVE, PLAN_W_GOAL_MET, PLAN_W_GOAL_PARTLY_MET, PLAN_W_GOAL_NOT_MET,
		PLAN_W_GOAL_NOT_ASSESSED, PLAN_W_GOAL_UNREPORTED, PLAN_W_TOTAL };
	plan_doc_table_head(d, "lrrrrrr", head, 7);
	for (size_t p = 0; p < f->nperspective_rows; p++) {
		const plan_status_counts *c = &f->status_by_perspective[p];
		if (p == s->m->nperspectives && !c->total)
			continue;
		plan_doc_cell(d);
		if (p < s->m->nperspectives)
			plan_doc_put(d, PLAN_DOC_PLAIN, s->m->perspectives[p].name);
		else
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_NO_PERSPECTIVE);
		for (int k = 0; k < PLAN_GOAL_STATUSES; k++) {
			plan_doc_cell(d);
			plan_doc_putf(d, PLAN_DOC_PLAIN, "%zu", c->n[k]);
		}
		plan_doc_cell(d);
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%zu", c->total);
	}
}

static void latest_summary(site *s, plan_report_doc *d)
{
	const plan_followup *f = s->latest;
	plan_doc_heading(d, 2);
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "How it is going"));
	plan_doc_para(d);
	if (!f || f->status != PLAN_FOLLOWUP_OK) {
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "No follow-up has been published yet."));
		return;
	}
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "From the latest follow-up:"));
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_putf(d, PLAN_DOC_STRONG, "%s %d", plan_word_period(f->period, s->lang), f->year);
	if (f->as_of)
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%s)", f->as_of);
	plan_doc_put(d, PLAN_DOC_PLAIN, ".");
	if (f->has_hushallning) {
		static const plan_word verdict[] = { PLAN_W_VERDICT_MET, PLAN_W_VERDICT_NOT_MET,
			PLAN_W_VERDICT_NOT_ASSESSABLE };
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_HUSHALLNING);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_word(d, PLAN_DOC_PLAIN, verdict[f->hushallning.verdict]);
	}
	plan_doc_heading(d, 3);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_STATUS_BY_PERSPECTIVE);
	counts_table(s, d);
}

/* The fullmäktigemål of a perspective (-1: of none) as a list, or with
 * `d` NULL only their count. */
static size_t goals_of(site *s, plan_report_doc *d, int perspective)
{
	const plan_document *fap = s->m->flerarsplan;
	size_t n = 0;
	for (size_t i = 0; fap && i < fap->nitems; i++) {
		const plan_item *g = fap->items[i];
		if (g->kind != PLAN_ITEM_KF_GOAL || !site_item_published(g) ||
		    plan_report_perspective(s->m, g) != perspective)
			continue;
		n++;
		if (!d)
			continue;
		plan_doc_item(d, 0);
		site_link(d, g, 1);
		const plan_fu_entry *e = latest_entry(s, g);
		plan_doc_put(d, PLAN_DOC_PLAIN, " — ");
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_STATUS);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(e ? e->status : PLAN_GOAL_UNREPORTED, s->lang));
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_FORECAST);
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(e ? e->forecast : PLAN_GOAL_UNREPORTED, s->lang));
	}
	return n;
}

void site_start_page(site *s)
{
	plan_report_doc d;
	if (plan_doc_init(&d, s->lang) < 0) {
		s->failed = 1;
		return;
	}
	const plan_model *m = s->m;
	const char *name = plan_model_municipality_name(m);
	plan_doc_heading(&d, 1);
	plan_doc_put(&d, PLAN_DOC_PLAIN, name ? name : plan_trc(s->lang, "site", "The municipality"));
	plan_doc_put(&d, PLAN_DOC_PLAIN, ": ");
	plan_doc_put(&d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "goals and results"));
	plan_doc_para(&d);
	plan_doc_put(&d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site",
		"What the municipal council has decided to achieve, what the boards and offices do for it, "
		"and how it is going."));
	const plan_node *vision = m->styrmodell ? plan_node_get(m->styrmodell->root, "vision") : NULL;
	if (vision && vision->type == PLAN_NODE_STRING) {
		plan_doc_heading(&d, 2);
		plan_doc_word(&d, PLAN_DOC_PLAIN, PLAN_W_VISION);
		plan_doc_para(&d);
		plan_doc_put(&d, PLAN_DOC_PLAIN, vision->u.text);
	}
	latest_summary(s, &d);
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "The council's goals by perspective"));
	for (size_t p = 0; p <= m->nperspectives; p++) {
		if (p == m->nperspectives && !goals_of(s, NULL, -1))
			break;
		plan_doc_heading(&d, 3);
		if (p < m->nperspectives) {
			plan_doc_put(&d, PLAN_DOC_PLAIN, m->perspectives[p].name);
			const plan_node *desc = plan_node_get(m->perspectives[p].node, "description");
			if (desc && desc->type == PLAN_NODE_STRING) {
				plan_doc_para(&d);
				plan_doc_put(&d, PLAN_DOC_PLAIN, desc->u.text);
			}
		} else {
			plan_doc_word(&d, PLAN_DOC_PLAIN, PLAN_W_NO_PERSPECTIVE);
		}
		goals_of(s, &d, p < m->nperspectives ? (int)p : -1);
	}
	site_page(s, "index.html", &d, NULL);
	plan_doc_free(&d);
}
