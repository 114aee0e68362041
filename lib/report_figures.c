/* report_figures.c: the figures every report rests on: statuses and their
 * counts, economy deviations, a KPI outcome judged by its direction. */
#include "plan/report.h"

#include <math.h>
#include <string.h>

int plan_report_perspective(const plan_model *model, const plan_item *item)
{
	for (size_t p = 0; p < model->nperspectives && p < 64; p++)
		if (item->perspectives & ((uint64_t)1 << p))
			return (int)p;
	return -1;
}

int plan_report_defines(const plan_model *model, const plan_item *item)
{
	(void)model;
	return !item->redefined;
}

static const char *const period_keys[PLAN_PERIODS] = { "dr1", "dr2", "ar" };

int plan_period_parse(const char *text)
{
	for (int p = 0; text && p < PLAN_PERIODS; p++)
		if (strcmp(text, period_keys[p]) == 0)
			return p;
	return -1;
}

const char *plan_period_key(plan_period period)
{
	return (unsigned)period < PLAN_PERIODS ? period_keys[period] : "";
}

const char *plan_period_monthday(const plan_model *model, plan_period period)
{
	switch (period) {
	case PLAN_PERIOD_DR1: return model && model->calendar_dr1 ? model->calendar_dr1 : "04-30";
	case PLAN_PERIOD_DR2: return model && model->calendar_dr2 ? model->calendar_dr2 : "08-31";
	default: return "12-31";
	}
}

static const char *const goal_keys[PLAN_GOAL_STATUSES] = {
	"uppfylld", "delvis_uppfylld", "ej_uppfylld", "ej_bedomd", "ej_rapporterad"
};

plan_goal_status plan_goal_status_parse(const char *text)
{
	/* "ej_rapporterad" is not a word of the plan format. */
	for (int s = 0; text && s < PLAN_GOAL_UNREPORTED; s++)
		if (strcmp(text, goal_keys[s]) == 0)
			return (plan_goal_status)s;
	return PLAN_GOAL_UNREPORTED;
}

const char *plan_goal_status_key(plan_goal_status status)
{
	return (unsigned)status < PLAN_GOAL_STATUSES ? goal_keys[status] : goal_keys[PLAN_GOAL_UNREPORTED];
}

int plan_goal_status_below_met(plan_goal_status status)
{
	return status == PLAN_GOAL_PARTLY_MET || status == PLAN_GOAL_NOT_MET;
}

static const char *const task_keys[PLAN_TASK_STATUSES] = {
	"ej_paborjad", "pagar", "klar", "forsenad", "avbruten", "ej_rapporterad"
};

plan_task_status plan_task_status_parse(const char *text)
{
	for (int s = 0; text && s < PLAN_TASK_UNREPORTED; s++)
		if (strcmp(text, task_keys[s]) == 0)
			return (plan_task_status)s;
	return PLAN_TASK_UNREPORTED;
}

const char *plan_task_status_key(plan_task_status status)
{
	return (unsigned)status < PLAN_TASK_STATUSES ? task_keys[status] : task_keys[PLAN_TASK_UNREPORTED];
}

void plan_status_counts_add(plan_status_counts *counts, plan_goal_status status)
{
	if ((unsigned)status >= PLAN_GOAL_STATUSES)
		status = PLAN_GOAL_UNREPORTED;
	counts->n[status]++;
	counts->total++;
}

/* --- economy -------------------------------------------------------------- */

static void set_pct(plan_economy *e, double budget)
{
	e->has_deviation_pct = e->has_deviation && budget != 0.0;
	e->deviation_pct = e->has_deviation_pct ? e->deviation_tkr / fabs(budget) * 100.0 : 0.0;
}

void plan_economy_compute(plan_economy *e, int year_end)
{
	e->basis = PLAN_ECONOMY_NO_BASIS;
	if (year_end && e->has_outcome)
		e->basis = PLAN_ECONOMY_OUTCOME;
	else if (e->has_forecast)
		e->basis = PLAN_ECONOMY_FORECAST;
	e->has_deviation = e->has_budget && e->basis != PLAN_ECONOMY_NO_BASIS;
	e->deviation_tkr = 0.0;
	if (e->has_deviation)
		e->deviation_tkr = e->budget_tkr -
			(e->basis == PLAN_ECONOMY_OUTCOME ? e->outcome_tkr : e->forecast_tkr);
	set_pct(e, e->budget_tkr);
}

void plan_economy_sum(plan_economy *out, const plan_economy *rows, size_t n)
{
	memset(out, 0, sizeof *out);
	double deviation_budget = 0.0;
	int bases = 0;
	for (size_t i = 0; i < n; i++) {
		const plan_economy *r = &rows[i];
		if (r->has_budget) {
			out->has_budget = 1;
			out->budget_tkr += r->budget_tkr;
		}
		if (r->has_outcome) {
			out->has_outcome = 1;
			out->outcome_tkr += r->outcome_tkr;
		}
		if (r->has_forecast) {
			out->has_forecast = 1;
			out->forecast_tkr += r->forecast_tkr;
		}
		if (r->has_deviation) {
			out->has_deviation = 1;
			out->deviation_tkr += r->deviation_tkr;
			deviation_budget += r->budget_tkr;
			bases |= 1 << r->basis;
		}
	}
	/* One basis for all rows is that basis; mixed bases have none to name. */
	if (bases == 1 << PLAN_ECONOMY_FORECAST)
		out->basis = PLAN_ECONOMY_FORECAST;
	else if (bases == 1 << PLAN_ECONOMY_OUTCOME)
		out->basis = PLAN_ECONOMY_OUTCOME;
	else
		out->basis = PLAN_ECONOMY_NO_BASIS;
	set_pct(out, deviation_budget);
}

static int number_of(const plan_node *node, double *out)
{
	if (!node || node->type != PLAN_NODE_NUMBER || !isfinite(node->number))
		return 0;
	*out = node->number;
	return 1;
}

void plan_economy_read(plan_economy *out, const plan_node *economy, int year_end)
{
	memset(out, 0, sizeof *out);
	if (economy && economy->type == PLAN_NODE_MAPPING) {
		out->has_budget = number_of(plan_node_get(economy, "budget_tkr"), &out->budget_tkr);
		out->has_outcome = number_of(plan_node_get(economy, "outcome_tkr"), &out->outcome_tkr);
		out->has_forecast = number_of(plan_node_get(economy, "forecast_tkr"), &out->forecast_tkr);
		const plan_node *comment = plan_node_get(economy, "comment");
		if (comment && comment->type == PLAN_NODE_STRING)
			out->comment = comment->u.text;
		const plan_node *actions = plan_node_get(economy, "actions");
		if (actions && actions->type == PLAN_NODE_STRING)
			out->actions = actions->u.text;
	}
	plan_economy_compute(out, year_end);
}

int plan_economy_feared(const plan_economy *e, double threshold_tkr)
{
	return e->has_budget && e->has_forecast && e->forecast_tkr - e->budget_tkr > threshold_tkr;
}

/* --- KPIs ----------------------------------------------------------------- */

static const char *const kpi_keys[PLAN_KPI_RESULTS] = {
	"met", "improved", "not_met", "no_target", "no_outcome"
};

const char *plan_kpi_result_key(plan_kpi_result result)
{
	return (unsigned)result < PLAN_KPI_RESULTS ? kpi_keys[result] : kpi_keys[PLAN_KPI_NO_OUTCOME];
}

/* a compared with b in the KPI's direction: > 0 better, < 0 worse, 0 equal
 * (within a millionth of their size, so that 80.0 reported as 79.99999999
 * after a unit conversion still reaches 80). */
static int compare(double a, double b, int lower_is_better)
{
	double scale = fmax(fabs(a), fabs(b));
	double tolerance = scale * 1e-6;
	if (tolerance < 1e-12)
		tolerance = 1e-12;
	double d = lower_is_better ? b - a : a - b;
	if (fabs(d) <= tolerance)
		return 0;
	return d > 0 ? 1 : -1;
}

plan_kpi_result plan_kpi_judge(const plan_kpi_values *v)
{
	if (!v->has_outcome || !isfinite(v->outcome))
		return PLAN_KPI_NO_OUTCOME;
	if (!v->has_target || !isfinite(v->target))
		return PLAN_KPI_NO_TARGET;
	if (compare(v->outcome, v->target, v->lower_is_better) >= 0)
		return PLAN_KPI_MET;
	if (v->has_baseline && isfinite(v->baseline) &&
	    compare(v->outcome, v->baseline, v->lower_is_better) > 0)
		return PLAN_KPI_IMPROVED;
	return PLAN_KPI_NOT_MET;
}

double plan_kpi_margin(const plan_kpi_values *v)
{
	if (!v->has_outcome || !v->has_target)
		return 0.0;
	return v->lower_is_better ? v->target - v->outcome : v->outcome - v->target;
}
