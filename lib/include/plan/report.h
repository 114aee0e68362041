/* plan/report.h: the figures reports rest on, as pure functions: goal and
 * task statuses and their counts, economy deviations in tkr and per cent,
 * and a KPI's outcome judged against its target and baseline by the KPI's
 * direction. The reports (report_followup.h, report_kpis.h, ...) build on
 * these; a binary only renders what they compute. */
#ifndef PLAN_REPORT_H
#define PLAN_REPORT_H

#include <stddef.h>

#include "plan/model.h"

/* --- readings of the model every report shares -------------------------------- */

/* The first perspective, in the styrmodell's order, of an item's effective
 * set (plan_item.perspectives), or -1 when it has none. */
int plan_report_perspective(const plan_model *model, const plan_item *item);

/* True when `item` is the definition its id names: an id defined twice is a
 * duplicate-id fault, and reports show the first definition only. */
int plan_report_defines(const plan_model *model, const plan_item *item);

/* A follow-up checkpoint, in the order of the year. */
typedef enum plan_period {
	PLAN_PERIOD_DR1,      /* delårsrapport 1 (per 30 April by default) */
	PLAN_PERIOD_DR2,      /* delårsrapport 2 (per 31 August by default) */
	PLAN_PERIOD_AR        /* årsredovisning (per 31 December) */
} plan_period;

#define PLAN_PERIODS 3

/* "dr1", "dr2" or "ar" to a period; -1 for anything else (NULL included). */
int plan_period_parse(const char *text);

/* "dr1", "dr2", "ar": the key the plan format uses. */
const char *plan_period_key(plan_period period);

/* The period's as-of day as "MM-DD": the model's calendar for DR1 and DR2
 * (default 04-30 and 08-31), "12-31" for the årsredovisning. */
const char *plan_period_monthday(const plan_model *model, plan_period period);

/* A goal's fulfilment as a follow-up states it (status or forecast). The last
 * value is this toolkit's: the follow-up says nothing about the goal. */
typedef enum plan_goal_status {
	PLAN_GOAL_MET,            /* uppfylld */
	PLAN_GOAL_PARTLY_MET,     /* delvis_uppfylld */
	PLAN_GOAL_NOT_MET,        /* ej_uppfylld */
	PLAN_GOAL_NOT_ASSESSED,   /* ej_bedomd */
	PLAN_GOAL_UNREPORTED      /* no entry, or no such field */
} plan_goal_status;

#define PLAN_GOAL_STATUSES 5

/* The plan format's word to a status; PLAN_GOAL_UNREPORTED for NULL or any
 * other text. */
plan_goal_status plan_goal_status_parse(const char *text);

/* "uppfylld", "delvis_uppfylld", "ej_uppfylld", "ej_bedomd", "ej_rapporterad":
 * the key JSON output uses. */
const char *plan_goal_status_key(plan_goal_status status);

/* True for the statuses below uppfylld that call for improvement:
 * delvis_uppfylld and ej_uppfylld. */
int plan_goal_status_below_met(plan_goal_status status);

/* The status of a särskilt uppdrag or an activity. */
typedef enum plan_task_status {
	PLAN_TASK_NOT_STARTED,    /* ej_paborjad */
	PLAN_TASK_ONGOING,        /* pagar */
	PLAN_TASK_DONE,           /* klar */
	PLAN_TASK_LATE,           /* forsenad (activities only) */
	PLAN_TASK_CANCELLED,      /* avbruten */
	PLAN_TASK_UNREPORTED      /* no entry */
} plan_task_status;

#define PLAN_TASK_STATUSES 6

plan_task_status plan_task_status_parse(const char *text);

/* "ej_paborjad", "pagar", "klar", "forsenad", "avbruten", "ej_rapporterad". */
const char *plan_task_status_key(plan_task_status status);

/* How many goals have each status. */
typedef struct plan_status_counts {
	size_t n[PLAN_GOAL_STATUSES];
	size_t total;
} plan_status_counts;

void plan_status_counts_add(plan_status_counts *counts, plan_goal_status status);

/* --- economy -------------------------------------------------------------- */

/* What a deviation is measured against. */
typedef enum plan_economy_basis {
	PLAN_ECONOMY_NO_BASIS,    /* nothing to compare the budget with */
	PLAN_ECONOMY_FORECAST,    /* helårsprognos: DR1, DR2 (and ÅR without outcome) */
	PLAN_ECONOMY_OUTCOME      /* utfall: the årsredovisning */
} plan_economy_basis;

/* Budget, outcome and forecast in tkr, and the deviation computed from them:
 * deviation_tkr = budget - basis, so a positive deviation is a surplus
 * (överskott) against a cost budget, and deviation_pct is that deviation in
 * per cent of the budget's absolute value. */
typedef struct plan_economy {
	int has_budget, has_outcome, has_forecast;
	double budget_tkr, outcome_tkr, forecast_tkr;
	const char *comment;          /* as written, or NULL */
	const char *actions;          /* what is done about a feared deviation, or NULL */

	plan_economy_basis basis;     /* computed */
	int has_deviation;
	double deviation_tkr;
	int has_deviation_pct;        /* needs a budget other than 0 */
	double deviation_pct;
} plan_economy;

/* Fill basis and the deviation from the figures present. At year end (ÅR)
 * the outcome is the basis, else the forecast; in DR1 and DR2 only the
 * forecast (the outcome so far is not comparable with a full-year budget). */
void plan_economy_compute(plan_economy *economy, int year_end);

/* The sum of `n` rows: each figure summed over the rows that have it; the
 * deviation is the sum of the rows' deviations and its per cent is taken of
 * the budgets of the rows that have a deviation, so rows without a basis do
 * not distort it. `out->comment` is NULL. */
void plan_economy_sum(plan_economy *out, const plan_economy *rows, size_t n);

/* Read an `economy` mapping of a follow-up (NULL gives an empty economy),
 * and compute its deviation. */
void plan_economy_read(plan_economy *out, const plan_node *economy, int year_end);

/* A feared deviation of the economy (befarad avvikelse): its full-year
 * forecast exceeds its budget by more than `threshold_tkr`, the
 * styrmodell's deviations.economy_tkr. deviation-without-action asks such
 * an economy for its actions, and the follow-up lists it. */
int plan_economy_feared(const plan_economy *economy, double threshold_tkr);

/* --- KPIs ----------------------------------------------------------------- */

/* A KPI's outcome judged by its direction (higher or lower is better). */
typedef enum plan_kpi_result {
	PLAN_KPI_MET,           /* the outcome reaches the target */
	PLAN_KPI_IMPROVED,      /* short of the target, but better than the baseline */
	PLAN_KPI_NOT_MET,       /* short of the target and no better than the baseline */
	PLAN_KPI_NO_TARGET,     /* an outcome, but no target for its year */
	PLAN_KPI_NO_OUTCOME     /* nothing measured */
} plan_kpi_result;

#define PLAN_KPI_RESULTS 5

/* "met", "improved", "not_met", "no_target", "no_outcome". */
const char *plan_kpi_result_key(plan_kpi_result result);

typedef struct plan_kpi_values {
	int lower_is_better;      /* direction: lower */
	int has_outcome, has_target, has_baseline;
	double outcome, target, baseline;
} plan_kpi_values;

/* Judge an outcome. "Reaches" allows for rounding: values that differ by
 * less than one millionth of their size count as equal. Without a baseline,
 * an outcome short of its target is PLAN_KPI_NOT_MET. */
plan_kpi_result plan_kpi_judge(const plan_kpi_values *values);

/* How far the outcome is past the target, signed so that a positive number
 * is better (outcome - target when higher is better, target - outcome when
 * lower is); 0 when either is missing. */
double plan_kpi_margin(const plan_kpi_values *values);

#endif
