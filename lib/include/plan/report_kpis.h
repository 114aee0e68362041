/* plan/report_kpis.h: every KPI (nyckeltal) of a plan set with its baseline,
 * its yearly targets and its outcomes, each outcome judged against the
 * year's target by the KPI's direction. Outcomes come from the follow-ups
 * (`kpis:` entries) and, optionally, from a Kolada file; a follow-up's value
 * wins over Kolada's for the same year. */
#ifndef PLAN_REPORT_KPIS_H
#define PLAN_REPORT_KPIS_H

#include <stddef.h>

#include "plan/arena.h"
#include "plan/kolada.h"
#include "plan/model.h"
#include "plan/report.h"

/* One year of a KPI. */
typedef struct plan_kpi_year {
	int year;                     /* the target's year */
	int has_target;
	double target;
	int has_outcome;
	int outcome_year;             /* the outcome's year: `year`, or earlier in
	                               * plan_kpi_report_at */
	double outcome;
	int has_women, has_men;       /* Kolada's K and M */
	double women, men;
	const char *period;           /* the follow-up entry's period as written
	                               * ("2026", "2026-T1"); NULL otherwise */
	const plan_document *doc;     /* the follow-up the outcome comes from */
	int from_kolada;              /* the outcome comes from the Kolada file */
	plan_kpi_result result;       /* the outcome against this year's target */
	double margin;                /* plan_kpi_margin: > 0 is better than the target */
} plan_kpi_year;

typedef struct plan_kpi_report {
	const plan_item *kpi;
	const char *unit, *aspect, *kolada;   /* as written; NULL when absent */
	int lower_is_better;
	int has_baseline;
	int baseline_year;
	double baseline;
	plan_kpi_year *years;         /* ascending; every year with a target or an outcome */
	size_t nyears;
} plan_kpi_report;

typedef struct plan_kpi_options {
	const plan_kolada *kolada;    /* NULL: no Kolada file */
	const char *municipality;     /* the code Kolada rows must have; NULL: the
	                               * styrmodell's municipality code */
	int upto_year;                /* 0: every follow-up counts; else only those */
	plan_period upto_period;      /* up to this checkpoint of upto_year */
} plan_kpi_options;

#define PLAN_KPI_OPTIONS_INIT { NULL, NULL, 0, PLAN_PERIOD_AR }

typedef struct plan_kpi_table {
	plan_kpi_report *kpis;        /* in the order the plan set defines them */
	size_t nkpis;
	size_t kolada_outcomes;       /* years whose outcome is Kolada's */
	size_t kolada_overridden;     /* Kolada values a follow-up's value replaced */
	plan_arena *arena;            /* owns the arrays above */
	const plan_kpi_report **by_index; /* by item index: the KPI's report, or
	                               * NULL (plan_kpi_table_find) */
	size_t nitems;                /* the model's items when it was built */
} plan_kpi_table;

/* Every KPI of the model (a KPI id defined twice counts once, as defined
 * first). Kolada years before the baseline year are left out. Returns 0
 * with *out set (free with plan_kpi_table_free), or -1 when memory ran out. */
int plan_kpi_table_build(plan_kpi_table **out, const plan_model *model,
	const plan_kpi_options *options);

void plan_kpi_table_free(plan_kpi_table *table);

/* The report of `kpi` (an item of the model the table was built from), or
 * NULL when the table has none for it (not a KPI, or a second definition). */
const plan_kpi_report *plan_kpi_table_find(const plan_kpi_table *table, const plan_item *kpi);

/* The KPI as of `year`: that year's target, and the latest outcome of a year
 * up to `year` (outcome_year says which), judged against that target. */
void plan_kpi_report_at(const plan_kpi_report *report, int year, plan_kpi_year *out);

/* The municipality code of the model's styrmodell, or NULL. */
const char *plan_model_municipality_code(const plan_model *model);

/* The municipality name of the model's styrmodell, or NULL. */
const char *plan_model_municipality_name(const plan_model *model);

#endif
