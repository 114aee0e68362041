/* followup.c: plan-report followup: the follow-up at one checkpoint as a
 * document (Markdown, text, HTML): summary counts, god ekonomisk
 * hushållning, each goal with its four answers and what the level below
 * reported, särskilda uppdrag, KPIs, activities, economy and deviations. */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/report_followup.h"

typedef struct ctx {
	plan_report_doc *d;
	const plan_model *m;
	const plan_followup *f;
	int interim;              /* DR1 or DR2: forecasts are part of it */
} ctx;

static const char *perspective_name(const ctx *c, int p)
{
	if (p < 0 || (size_t)p >= c->m->nperspectives)
		return plan_word_text(PLAN_W_NO_PERSPECTIVE, c->d->lang);
	return c->m->perspectives[p].name;
}

static void item_title(plan_report_doc *d, const plan_item *item)
{
	plan_doc_put(d, PLAN_DOC_STRONG, item->id);
	if (item->title && *item->title) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_put(d, PLAN_DOC_PLAIN, item->title);
	}
}

static void goal_state(const ctx *c, const plan_fu_entry *e)
{
	plan_report_doc *d = c->d;
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(e->status, d->lang));
	if (c->interim) {
		plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_PROGNOS_SHORT);
		plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(e->forecast, d->lang));
	}
}

/* --- the summary --------------------------------------------------------------- */

static void counts_row(plan_report_doc *d, const char *label, const plan_status_counts *counts, int strong)
{
	plan_doc_cell(d);
	plan_doc_put(d, strong ? PLAN_DOC_STRONG : PLAN_DOC_PLAIN, label);
	for (int s = 0; s < PLAN_GOAL_STATUSES; s++) {
		plan_doc_cell(d);
		plan_doc_putf(d, strong ? PLAN_DOC_STRONG : PLAN_DOC_PLAIN, "%zu", counts->n[s]);
	}
	plan_doc_cell(d);
	plan_doc_putf(d, strong ? PLAN_DOC_STRONG : PLAN_DOC_PLAIN, "%zu", counts->total);
}

/* A table of status counts: `first` heads the label column. */
static void counts_head(plan_report_doc *d, plan_word first)
{
	plan_doc_table(d, "lrrrrrr");
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, first);
	for (int s = 0; s < PLAN_GOAL_STATUSES; s++) {
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status((plan_goal_status)s, d->lang));
	}
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_TOTAL);
}

static void counts_table(const ctx *c, const plan_status_counts *rows, const plan_status_counts *all)
{
	plan_report_doc *d = c->d;
	counts_head(d, PLAN_W_PERSPECTIVE);
	for (size_t p = 0; p < c->f->nperspective_rows; p++) {
		int last = p + 1 == c->f->nperspective_rows;
		if (last && rows[p].total == 0)
			continue;
		counts_row(d, perspective_name(c, last ? -1 : (int)p), &rows[p], 0);
	}
	counts_row(d, plan_word_text(PLAN_W_TOTAL, d->lang), all, 1);
}

static void status_chart(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	size_t n = 0;
	for (size_t p = 0; p < f->nperspective_rows; p++)
		n += p + 1 < f->nperspective_rows || f->status_by_perspective[p].total;
	plan_chart *ch = plan_doc_chart(d, PLAN_CHART_STATUS, plan_word_text(PLAN_W_CHART_STATUS, d->lang), n);
	if (!ch)
		return;
	for (int s = 0; s < PLAN_CHART_SERIES; s++)
		ch->series[s] = plan_word_goal_status((plan_goal_status)s, d->lang);
	for (size_t p = 0; p < f->nperspective_rows; p++) {
		int last = p + 1 == f->nperspective_rows;
		if (last && f->status_by_perspective[p].total == 0)
			continue;
		plan_chart_row *row = &ch->rows[ch->nrows++];
		/* The chart shows what the assessment rests on: the forecast in
		 * DR1 and DR2, the status in the årsredovisning. */
		const plan_status_counts *counts = c->interim ? &f->forecast_by_perspective[p] :
			&f->status_by_perspective[p];
		row->label = plan_doc_strdup(d, perspective_name(c, last ? -1 : (int)p));
		for (int s = 0; s < PLAN_CHART_SERIES; s++)
			row->v[s] = (double)counts->n[s];
	}
	if (c->interim)
		ch->title = plan_doc_strdup(d, plan_word_text(PLAN_W_CHART_FORECAST, d->lang));
}

static void summary(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	if (!f->ngoals)
		return;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_SUMMARY);
	plan_doc_heading(d, 3);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_STATUS_BY_PERSPECTIVE);
	counts_table(c, f->status_by_perspective, &f->status_all);
	if (c->interim) {
		plan_doc_heading(d, 3);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_FORECAST_BY_PERSPECTIVE);
		counts_table(c, f->forecast_by_perspective, &f->forecast_all);
	}
	status_chart(c);
}

/* --- god ekonomisk hushållning ------------------------------------------------------ */

static const char *percent(plan_report_doc *d, double share)
{
	return plan_doc_number_text(d, share * 100.0, 1, 0);
}

static const char *percent_rule(plan_report_doc *d, double share)
{
	return plan_doc_number_text(d, share * 100.0, -1, 0);
}

static void requirement(const ctx *c, const plan_hushallning *h, const plan_hushallning_part *part,
	int total)
{
	plan_report_doc *d = c->d;
	int any = 0;
	plan_doc_cell(d);
	if (total) {
		const char *args[] = { percent_rule(d, h->rules.min_share_met) };
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_AT_LEAST, args, 1);
		any = 1;
	} else {
		if (part->must_be_fully_met) {
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ALL_GOALS_MET);
			any = 1;
		}
		if (h->rules.min_share_each_perspective > 0) {
			const char *args[] = { percent_rule(d, h->rules.min_share_each_perspective) };
			if (any)
				plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
			plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_AT_LEAST, args, 1);
			any = 1;
		}
	}
	if (!any)
		plan_doc_dash(d);
	plan_doc_cell(d);
	if (!any)
		plan_doc_dash(d);
	else if (total)
		plan_doc_word(d, PLAN_DOC_PLAIN, h->share_ok ? PLAN_W_YES : PLAN_W_NO);
	else
		plan_doc_word(d, PLAN_DOC_PLAIN, (!part->must_be_fully_met || part->fully_met) && part->share_ok ?
			PLAN_W_YES : PLAN_W_NO);
}

static void part_row(const ctx *c, const plan_hushallning *h, const char *label,
	const plan_hushallning_part *part, int total)
{
	plan_report_doc *d = c->d;
	plan_doc_style st = total ? PLAN_DOC_STRONG : PLAN_DOC_PLAIN;
	plan_doc_cell(d);
	plan_doc_put(d, st, label);
	plan_doc_cell(d);
	plan_doc_putf(d, st, "%zu", part->counts.total);
	plan_doc_cell(d);
	plan_doc_number(d, st, part->score, -1, 0);
	plan_doc_cell(d);
	if (part->counts.total) {
		plan_doc_put(d, st, percent(d, part->share));
		plan_doc_put(d, st, " %");
	} else {
		plan_doc_dash(d);
	}
	requirement(c, h, part, total);
}

static void hushallning(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	if (!f->has_hushallning)
		return;
	const plan_hushallning *h = &f->hushallning;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_HUSHALLNING);
	plan_doc_para(d);
	plan_doc_word(d, PLAN_DOC_STRONG, h->verdict == PLAN_HUSHALLNING_MET ? PLAN_W_VERDICT_MET :
		h->verdict == PLAN_HUSHALLNING_NOT_MET ? PLAN_W_VERDICT_NOT_MET : PLAN_W_VERDICT_NOT_ASSESSABLE);
	plan_doc_para(d);
	if (c->interim && h->rules.interim_by_forecast) {
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_BASIS_FORECAST);
	} else {
		const char *args[] = { f->as_of ? f->as_of : "" };
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_BASIS_STATUS, args, 1);
	}
	if (h->all.counts.total == 0) {
		plan_doc_item(d, 0);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_NO_GOALS_LINE);
	} else {
		const char *args[] = {
			plan_doc_number_text(d, h->all.score, -1, 0),
			plan_doc_number_text(d, (double)h->all.counts.total, 0, 0),
			percent(d, h->all.share),
			percent_rule(d, h->rules.min_share_met),
		};
		plan_doc_item(d, 0);
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_SHARE_LINE, args, 4);
	}
	plan_doc_item(d, 0);
	const char *weight[] = { plan_doc_number_text(d, h->rules.partly_met_counts_as, -1, 0) };
	plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_WEIGHT_LINE, weight, 1);
	if (h->rules.nfully_met) {
		plan_buf names = PLAN_BUF_INIT;
		for (size_t i = 0; i < h->rules.nfully_met; i++) {
			int p = plan_model_perspective(c->m, h->rules.fully_met[i]);
			if (i)
				plan_buf_puts(&names, ", ");
			plan_buf_puts(&names, p >= 0 ? c->m->perspectives[p].name : h->rules.fully_met[i]);
		}
		const char *args[] = { names.ptr ? names.ptr : "" };
		plan_doc_item(d, 0);
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_FULLY_MET_LINE, args, 1);
		plan_buf_free(&names);
	}
	if (h->rules.min_share_each_perspective > 0) {
		const char *args[] = { percent_rule(d, h->rules.min_share_each_perspective) };
		plan_doc_item(d, 0);
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_EACH_LINE, args, 1);
	}
	if (h->unknown_perspective) {
		const char *args[] = { h->unknown_perspective };
		plan_doc_item(d, 0);
		plan_doc_fill(d, PLAN_DOC_STRONG, PLAN_W_UNKNOWN_PERSPECTIVE_LINE, args, 1);
	}
	const plan_word head[] = { PLAN_W_PERSPECTIVE, PLAN_W_GOALS, PLAN_W_SCORE, PLAN_W_WEIGHTED_SHARE,
		PLAN_W_REQUIREMENT, PLAN_W_REQUIREMENT_MET };
	plan_doc_table_head(d, "lrrrll", head, sizeof head / sizeof head[0]);
	for (size_t p = 0; p < h->nperspectives; p++)
		part_row(c, h, c->m->perspectives[p].name, &h->perspectives[p], 0);
	if (h->unplaced.counts.total)
		part_row(c, h, plan_word_text(PLAN_W_NO_PERSPECTIVE, d->lang), &h->unplaced, 0);
	part_row(c, h, plan_word_text(PLAN_W_TOTAL, d->lang), &h->all, 1);
	if (f->hushallning_assessment) {
		plan_doc_heading(d, 3);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ASSESSMENT);
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, f->hushallning_assessment);
	}
}

/* --- the goals ----------------------------------------------------------------------- */

static plan_word below_heading(const ctx *c)
{
	if (c->f->kommun)
		return PLAN_W_BELOW_KOMMUN;
	return c->f->owner->kind == PLAN_ITEM_BODY ? PLAN_W_BELOW_BODY : PLAN_W_BELOW_OFFICE;
}

static void below_item(const ctx *c, const plan_fu_entry *e)
{
	plan_report_doc *d = c->d;
	plan_doc_item(d, 0);
	item_title(d, e->item);
	plan_doc_put(d, PLAN_DOC_PLAIN, " (");
	plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(c->m, e->item->owner));
	if (e->via) {
		/* A bolag's goal, through its ägardirektiv. */
		plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_THROUGH);
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_put(d, PLAN_DOC_PLAIN, e->via->id);
	}
	plan_doc_put(d, PLAN_DOC_PLAIN, "): ");
	if (e->item->kind == PLAN_ITEM_ACTIVITY) {
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status(e->task, d->lang));
		if (e->responsible) {
			plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
			plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_text(PLAN_W_RESPONSIBLE, d->lang));
			plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
			plan_doc_put(d, PLAN_DOC_PLAIN, e->responsible);
		}
		if (e->due) {
			plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
			plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_text(PLAN_W_DUE, d->lang));
			plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
			plan_doc_put(d, PLAN_DOC_PLAIN, e->due);
		}
		plan_doc_put(d, PLAN_DOC_PLAIN, ".");
		return;
	}
	goal_state(c, e);
	plan_doc_put(d, PLAN_DOC_PLAIN, ".");
	if (e->results) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_word(d, PLAN_DOC_EM, PLAN_W_RESULTS);
		plan_doc_put(d, PLAN_DOC_EM, ":");
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_put(d, PLAN_DOC_PLAIN, e->results);
	}
}

/* kommun: the statuses the bodies report on the nämndmål that contribute
 * to a fullmäktigemål, counted per body in the order they first appear:
 * what the verdict rests on (followup-inconsistent checks it). */
static void counts_by_body(const ctx *c, const plan_fu_entry *e)
{
	plan_report_doc *d = c->d;
	const plan_item **bodies = calloc(e->nbelow, sizeof *bodies);
	plan_status_counts *counts = calloc(e->nbelow, sizeof *counts);
	size_t n = 0;
	if (!bodies || !counts) {
		d->oom = 1;
		goto done;
	}
	for (size_t k = 0; k < e->nbelow; k++) {
		const plan_item *body = e->below[k].item->owner;
		size_t b = 0;
		while (b < n && bodies[b] != body)
			b++;
		if (b == n)
			bodies[n++] = body;
		plan_status_counts_add(&counts[b], e->below[k].status);
	}
	counts_head(d, PLAN_W_BODY);
	for (size_t b = 0; b < n; b++)
		counts_row(d, owner_name(c->m, bodies[b]), &counts[b], 0);
done:
	free(bodies);
	free(counts);
}

static void goal(const ctx *c, const plan_fu_entry *e)
{
	plan_report_doc *d = c->d;
	plan_doc_heading(d, 3);
	plan_doc_put(d, PLAN_DOC_PLAIN, e->item->id);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_PLAIN, e->item->title);
	plan_doc_para(d);
	plan_doc_label_word(d, PLAN_W_STATUS);
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(e->status, d->lang));
	if (c->interim) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_label_word(d, PLAN_W_FORECAST);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_goal_status(e->forecast, d->lang));
	}
	if (!e->doc) {
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_EM, PLAN_W_NOT_IN_FOLLOWUP);
	}
	plan_doc_labelled(d, PLAN_W_ACTIONS, e->actions);
	plan_doc_labelled(d, PLAN_W_RESULTS, e->results);
	plan_doc_labelled(d, PLAN_W_ANALYSIS, e->analysis);
	plan_doc_labelled(d, PLAN_W_IMPROVEMENTS, e->improvements);
	plan_doc_heading(d, 4);
	plan_doc_word(d, PLAN_DOC_PLAIN, below_heading(c));
	if (!e->nbelow) {
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_EM, PLAN_W_NO_CONTRIBUTIONS);
	} else if (c->f->kommun) {
		counts_by_body(c, e);
	}
	for (size_t k = 0; k < e->nbelow; k++)
		below_item(c, &e->below[k]);
}

static void goals(const ctx *c)
{
	const plan_followup *f = c->f;
	for (size_t g = 0; g < f->ngoals; g++) {
		if (g == 0 || f->goals[g].perspective != f->goals[g - 1].perspective) {
			plan_doc_heading(c->d, 2);
			plan_doc_put(c->d, PLAN_DOC_PLAIN, perspective_name(c, f->goals[g].perspective));
		}
		goal(c, &f->goals[g]);
	}
}

/* --- särskilda uppdrag ------------------------------------------------------------- */

static void task_counts(plan_report_doc *d, const size_t *counts)
{
	int first = 1;
	plan_doc_para(d);
	for (int s = 0; s < PLAN_TASK_STATUSES; s++) {
		if (!counts[s])
			continue;
		if (!first)
			plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status((plan_task_status)s, d->lang));
		plan_doc_putf(d, PLAN_DOC_PLAIN, ": %zu", counts[s]);
		first = 0;
	}
}

static void assigned_bodies(const ctx *c, const plan_item *a)
{
	int first = 1;
	for (size_t r = 0; r < a->nrefs; r++) {
		const plan_ref *ref = &a->refs[r];
		if (ref->role != PLAN_REF_ASSIGNED_TO)
			continue;
		if (!first)
			plan_doc_put(c->d, PLAN_DOC_PLAIN, ", ");
		plan_doc_put(c->d, PLAN_DOC_PLAIN, ref->target ? owner_name(c->m, ref->target) : ref->id);
		first = 0;
	}
}

static void assignments(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ASSIGNMENTS);
	if (!f->nassignments) {
		char year[16];
		snprintf(year, sizeof year, "%d", f->year);
		const char *args[] = { year };
		plan_doc_para(d);
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_NO_ASSIGNMENTS, args, 1);
		return;
	}
	task_counts(d, f->assignment_counts);
	for (size_t i = 0; i < f->nassignments; i++) {
		const plan_fu_assignment *row = &f->assignments[i];
		const plan_item *a = row->assignment;
		plan_doc_item(d, 0);
		item_title(d, a);
		plan_doc_put(d, PLAN_DOC_PLAIN, " (");
		assigned_bodies(c, a);
		if (a->from_year && a->to_year && a->from_year != a->to_year)
			plan_doc_putf(d, PLAN_DOC_PLAIN, "; %d–%d", a->from_year, a->to_year);
		else if (a->from_year || a->to_year)
			plan_doc_putf(d, PLAN_DOC_PLAIN, "; %d", a->from_year ? a->from_year : a->to_year);
		if (row->funding != PLAN_FUNDING_NONE) {
			plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
			plan_doc_word(d, PLAN_DOC_PLAIN, row->funding == PLAN_FUNDING_TILLSKOTT ? PLAN_W_TILLSKOTT : PLAN_W_INOM_RAM);
			if (row->has_amount) {
				plan_doc_put(d, PLAN_DOC_PLAIN, " ");
				plan_doc_number(d, PLAN_DOC_PLAIN, row->amount_tkr, -1, 0);
				plan_doc_put(d, PLAN_DOC_PLAIN, " ");
				plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_TKR);
			}
		}
		plan_doc_put(d, PLAN_DOC_PLAIN, "): ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status(row->status, d->lang));
		if (row->doc) {
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
			plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_REPORTED_BY);
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(c->m, row->reporter));
		}
		plan_doc_put(d, PLAN_DOC_PLAIN, ".");
		if (row->report) {
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			plan_doc_word(d, PLAN_DOC_EM, PLAN_W_REPORT);
			plan_doc_put(d, PLAN_DOC_EM, ":");
			plan_doc_put(d, PLAN_DOC_PLAIN, " ");
			plan_doc_put(d, PLAN_DOC_PLAIN, row->report);
		}
	}
}

/* --- KPIs ------------------------------------------------------------------------------ */

/* "75,0 (2026)": a value with its year or period, and Kolada when it is the source. */
/* "; Kvinnor 79" */
static void gender_value(plan_report_doc *d, plan_word label, int has, double value)
{
	if (!has)
		return;
	plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
	plan_doc_word(d, PLAN_DOC_PLAIN, label);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_number(d, PLAN_DOC_PLAIN, value, -1, 0);
}

static void outcome_text(plan_report_doc *d, const plan_kpi_year *row)
{
	if (!row->has_outcome) {
		plan_doc_dash(d);
		return;
	}
	plan_doc_number(d, PLAN_DOC_PLAIN, row->outcome, -1, 0);
	if (row->period)
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%s)", row->period);
	else if (row->from_kolada)
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d, Kolada)", row->outcome_year);
	else
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d)", row->outcome_year);
	/* The gender breakdown, where the data has it (Kolada's K and M). */
	gender_value(d, PLAN_W_WOMEN, row->has_women, row->women);
	gender_value(d, PLAN_W_MEN, row->has_men, row->men);
}

static void kpis(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KPIS);
	if (!f->nkpis) {
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_NO_KPIS);
		return;
	}
	plan_doc_para(d);
	int first = 1;
	for (int r = 0; r < PLAN_KPI_RESULTS; r++) {
		if (!f->kpi_counts[r])
			continue;
		if (!first)
			plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_kpi_result((plan_kpi_result)r, d->lang));
		plan_doc_putf(d, PLAN_DOC_PLAIN, ": %zu", f->kpi_counts[r]);
		first = 0;
	}
	char year[16];
	snprintf(year, sizeof year, "%d", f->year);
	const char *args[] = { year };
	const plan_word head[] = { PLAN_W_KPI, PLAN_W_NAME, PLAN_W_UNIT_OF_MEASURE, PLAN_W_BETTER,
		PLAN_W_BASELINE };
	plan_doc_table_head(d, "llllrrrl", head, sizeof head / sizeof head[0]);
	plan_doc_cell(d);
	plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_TARGET_YEAR, args, 1);
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_OUTCOME);
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ASSESSMENT_KPI);
	for (size_t i = 0; i < f->nkpis; i++) {
		const plan_kpi_report *r = f->kpis[i];
		const plan_kpi_year *row = &f->kpi_rows[i];
		kpi_row_start(d, r);
		plan_doc_cell(d);
		if (row->has_target)
			plan_doc_number(d, PLAN_DOC_PLAIN, row->target, -1, 0);
		else
			plan_doc_dash(d);
		plan_doc_cell(d);
		outcome_text(d, row);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_kpi_result(row->result, d->lang));
	}
	size_t measured = 0;
	for (size_t i = 0; i < f->nkpis; i++)
		measured += f->kpi_rows[i].has_outcome;
	if (!measured)
		return;
	plan_chart *ch = plan_doc_chart(d, PLAN_CHART_KPI, plan_word_text(PLAN_W_CHART_KPI, d->lang), measured);
	if (!ch)
		return;
	ch->legend = plan_doc_strdup(d, plan_word_text(PLAN_W_CHART_KPI_LEGEND, d->lang));
	for (size_t i = 0; i < f->nkpis; i++) {
		const plan_kpi_report *r = f->kpis[i];
		const plan_kpi_year *row = &f->kpi_rows[i];
		if (!row->has_outcome)
			continue;
		kpi_chart_row(d, &ch->rows[ch->nrows++], r, row);
	}
}

/* --- activities ---------------------------------------------------------------------- */

static void activities(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ACTIVITIES);
	if (!f->nactivities) {
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_NO_ACTIVITIES);
		return;
	}
	if (f->kommun) {
		/* Every unit's activities would drown the report: their counts. */
		plan_doc_table(d, "lr");
		plan_doc_cell(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_STATUS);
		plan_doc_cell(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_COUNT);
		for (int s = 0; s < PLAN_TASK_STATUSES; s++) {
			if (!f->activity_counts[s])
				continue;
			plan_doc_cell(d);
			plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status((plan_task_status)s, d->lang));
			plan_doc_cell(d);
			plan_doc_putf(d, PLAN_DOC_PLAIN, "%zu", f->activity_counts[s]);
		}
		plan_doc_cell(d);
		plan_doc_word(d, PLAN_DOC_STRONG, PLAN_W_TOTAL);
		plan_doc_cell(d);
		plan_doc_putf(d, PLAN_DOC_STRONG, "%zu", f->nactivities);
		return;
	}
	task_counts(d, f->activity_counts);
	const plan_word head[] = { PLAN_W_ACTIVITY, PLAN_W_TITLE, PLAN_W_ORG_UNIT, PLAN_W_RESPONSIBLE,
		PLAN_W_DUE, PLAN_W_STATUS };
	plan_doc_table_head(d, "llllll", head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < f->nactivities; i++) {
		const plan_fu_entry *e = &f->activities[i];
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, e->item->id);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, e->item->title);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(c->m, e->item->owner));
		plan_doc_cell(d);
		if (e->responsible)
			plan_doc_put(d, PLAN_DOC_PLAIN, e->responsible);
		else
			plan_doc_dash(d);
		plan_doc_cell(d);
		if (e->due)
			plan_doc_put(d, PLAN_DOC_PLAIN, e->due);
		else
			plan_doc_dash(d);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status(e->task, d->lang));
	}
}

/* --- economy --------------------------------------------------------------------------- */

static void money(plan_report_doc *d, plan_doc_style st, int has, double value, int sign)
{
	plan_doc_cell(d);
	if (has)
		plan_doc_number(d, st, value, -1, sign);
	else
		plan_doc_dash(d);
}

static void economy(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_ECONOMY);
	if (!f->neconomy) {
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_NO_ECONOMY);
		return;
	}
	const plan_word head[] = { PLAN_W_ORGANISATION, PLAN_W_BUDGET_TKR, PLAN_W_OUTCOME_TKR,
		PLAN_W_FORECAST_TKR, PLAN_W_DEVIATION_TKR, PLAN_W_DEVIATION_PCT };
	plan_doc_table_head(d, "lrrrrr", head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < f->neconomy; i++) {
		const plan_fu_economy *row = &f->economy[i];
		const plan_economy *e = &row->economy;
		plan_doc_style st = row->is_sum ? PLAN_DOC_STRONG : PLAN_DOC_PLAIN;
		plan_doc_cell(d);
		if (row->is_sum)
			plan_doc_word(d, st, PLAN_W_SUM);
		else
			plan_doc_put(d, st, owner_name(c->m, row->owner));
		money(d, st, e->has_budget, e->budget_tkr, 0);
		money(d, st, e->has_outcome, e->outcome_tkr, 0);
		money(d, st, e->has_forecast, e->forecast_tkr, 0);
		money(d, st, e->has_deviation, e->deviation_tkr, 1);
		plan_doc_cell(d);
		if (e->has_deviation_pct)
			plan_doc_number(d, st, e->deviation_pct, 1, 1);
		else
			plan_doc_dash(d);
	}
	plan_doc_para(d);
	plan_doc_word(d, PLAN_DOC_EM, c->interim ? PLAN_W_DEVIATION_NOTE_INTERIM : PLAN_W_DEVIATION_NOTE_YEAR);
	for (size_t i = 0; i < f->neconomy; i++) {
		const plan_fu_economy *row = &f->economy[i];
		if (!row->economy.comment)
			continue;
		plan_doc_item(d, 0);
		plan_doc_label(d, owner_name(c->m, row->owner));
		plan_doc_put(d, PLAN_DOC_PLAIN, row->economy.comment);
	}
}

/* --- deviations ------------------------------------------------------------------------ */

/* " *Label:* text" or " *None stated.*" */
static void stated(plan_report_doc *d, plan_word label, plan_word none, const char *text)
{
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	if (!text) {
		plan_doc_word(d, PLAN_DOC_EM, none);
		return;
	}
	plan_doc_word(d, PLAN_DOC_EM, label);
	plan_doc_put(d, PLAN_DOC_EM, ":");
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_PLAIN, text);
}

static void owned_by(const ctx *c, const plan_item *owner)
{
	if (!owner)
		return;
	plan_doc_put(c->d, PLAN_DOC_PLAIN, " (");
	plan_doc_put(c->d, PLAN_DOC_PLAIN, owner_name(c->m, owner));
	plan_doc_put(c->d, PLAN_DOC_PLAIN, ")");
}

/* A list item "ID Title (Owner): status; prognos: forecast." */
static void goal_line(const ctx *c, const plan_fu_entry *e)
{
	plan_doc_item(c->d, 0);
	item_title(c->d, e->item);
	owned_by(c, e->item->owner);
	plan_doc_put(c->d, PLAN_DOC_PLAIN, ": ");
	goal_state(c, e);
	plan_doc_put(c->d, PLAN_DOC_PLAIN, ".");
}

static void deviations(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_DEVIATIONS);
	plan_doc_para(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, f->ndeviations ? PLAN_W_DEVIATIONS_INTRO : PLAN_W_NO_DEVIATIONS);
	for (size_t i = 0; i < f->ndeviations; i++) {
		const plan_fu_entry *e = f->deviations[i];
		goal_line(c, e);
		stated(d, PLAN_W_IMPROVEMENTS, PLAN_W_NO_IMPROVEMENTS, e->improvements);
	}
}

/* --- feared deviations ----------------------------------------------------------------
 * DR1 and DR2 open with them: "Om och när avvikelser under innevarande år
 * befaras ska omedelbara åtgärder vidtas". Each with what is done. */

static void feared(const ctx *c)
{
	plan_report_doc *d = c->d;
	const plan_followup *f = c->f;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_FEARED);
	plan_doc_para(d);
	int any = f->nfeared_goals || f->nfeared_assignments || f->nfeared_economy;
	plan_doc_word(d, PLAN_DOC_PLAIN, any ? PLAN_W_FEARED_INTRO : PLAN_W_NO_FEARED);
	for (size_t i = 0; i < f->nfeared_goals; i++) {
		const plan_fu_entry *e = f->feared_goals[i];
		goal_line(c, e);
		stated(d, PLAN_W_ACTIONS, PLAN_W_NO_ACTIONS, e->actions);
		stated(d, PLAN_W_IMPROVEMENTS, PLAN_W_NO_IMPROVEMENTS, e->improvements);
	}
	for (size_t i = 0; i < f->nfeared_assignments; i++) {
		const plan_fu_assignment *a = f->feared_assignments[i];
		plan_doc_item(d, 0);
		item_title(d, a->assignment);
		owned_by(c, a->reporter);
		plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status(a->status, d->lang));
		plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_PROGNOS_SHORT);
		plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_task_status(a->forecast, d->lang));
		plan_doc_put(d, PLAN_DOC_PLAIN, ".");
		stated(d, PLAN_W_ACTIONS, PLAN_W_NO_ACTIONS, a->actions);
		stated(d, PLAN_W_IMPROVEMENTS, PLAN_W_NO_IMPROVEMENTS, a->improvements);
	}
	for (size_t i = 0; i < f->nfeared_economy; i++) {
		const plan_fu_economy *row = f->feared_economy[i];
		const plan_economy *e = &row->economy;
		const char *args[] = {
			plan_doc_number_text(d, e->forecast_tkr, -1, 0),
			plan_doc_number_text(d, e->budget_tkr, -1, 0),
			plan_doc_number_text(d, e->forecast_tkr - e->budget_tkr, -1, 0),
		};
		plan_doc_item(d, 0);
		plan_doc_label(d, owner_name(c->m, row->owner));
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_FEARED_ECONOMY, args, 3);
		stated(d, PLAN_W_ACTIONS, PLAN_W_NO_ACTIONS, e->actions);
	}
}

/* --- the whole --------------------------------------------------------------------- */

static void followup_doc(plan_report_doc *d, const plan_model *m, const plan_followup *f,
	const plan_report_options *opt)
{
	ctx c = { d, m, f, f->period != PLAN_PERIOD_AR };
	plan_doc_heading(d, 1);
	plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_period(f->period, d->lang));
	plan_doc_putf(d, PLAN_DOC_PLAIN, " %d – ", f->year);
	plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(m, f->owner));
	const char *as_of = f->as_of ? f->as_of : "";
	plan_doc_para(d);
	plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_FOLLOWUP_INTRO, &as_of, 1);
	if (c.interim)
		feared(&c);
	summary(&c);
	hushallning(&c);
	goals(&c);
	assignments(&c);
	kpis(&c);
	activities(&c);
	economy(&c);
	if (f->owner == NULL || f->owner->kind != PLAN_ITEM_UNIT)
		deviations(&c);
	/* The document and its file, for whoever checks the figures. */
	const char *args[] = { f->doc->id, f->doc->file->path };
	report_colophon(d);
	plan_doc_para(d);
	if (f->doc->id)
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_COLOPHON_FOLLOWUP, args, 2);
	else
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_COLOPHON_FOLLOWUP_FILE, args + 1, 1);
	if (opt->kolada && opt->kolada_name) {
		plan_doc_put(d, PLAN_DOC_PLAIN, " ");
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_COLOPHON_KOLADA, &opt->kolada_name, 1);
	}
}

/* The follow-up the options ask for, or a status after saying why there is
 * none. */
static int find_followup(plan_followup **out, const plan_model *m, const plan_report_options *opt)
{
	plan_followup_options fo = { opt->year, opt->period, opt->owner, opt->kolada };
	plan_followup *f = NULL;
	plan_error err = PLAN_ERROR_INIT;
	err.lang = opt->lang;
	*out = NULL;
	if (plan_followup_build(&f, m, &fo, &err) < 0) {
		report_say(opt, "%s", err.message);
		return PLAN_REPORT_TROUBLE;
	}
	switch (f->status) {
	case PLAN_FOLLOWUP_UNKNOWN_OWNER:
	case PLAN_FOLLOWUP_NOT_AN_OWNER:
		find_owner_or_say(m, opt->owner, opt);
		break;
	case PLAN_FOLLOWUP_NO_DOCUMENT: {
		plan_buf who = PLAN_BUF_INIT;
		const char *owner = opt->owner ? opt->owner : "kommun";
		plan_buf_put_safe(&who, owner, strlen(owner));
		report_say(opt, plan_tr(opt->lang, "no follow-up of %s for %s %d: no uppfoljning has owner: %s, "
			"year: %d, period: %s"), who.ptr ? who.ptr : "", plan_period_key(opt->period),
			opt->year, who.ptr ? who.ptr : "", opt->year, plan_period_key(opt->period));
		plan_buf_free(&who);
		break;
	}
	default:
		*out = f;
		return PLAN_REPORT_OK;
	}
	plan_followup_free(f);
	return PLAN_REPORT_NOTHING;
}

int plan_report_followup_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt)
{
	plan_followup *f;
	int status = find_followup(&f, m, opt);
	if (status != PLAN_REPORT_OK)
		return status;
	followup_doc(d, m, f, opt);
	plan_followup_free(f);
	return report_doc_done(d, opt);
}

int plan_report_followup_doc_of(plan_report_doc *d, const plan_model *m, const plan_followup *f,
	const plan_report_options *opt)
{
	followup_doc(d, m, f, opt);
	return report_doc_done(d, opt);
}

int plan_report_followup_json(plan_out *out, const plan_model *m, const plan_report_options *opt)
{
	plan_followup *f;
	int status = find_followup(&f, m, opt);
	if (status != PLAN_REPORT_OK)
		return status;
	followup_json(out, m, f, opt);
	plan_followup_free(f);
	return PLAN_REPORT_OK;
}
