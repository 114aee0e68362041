/* plan/report_followup.h: the follow-up at one checkpoint (DR1, DR2 or the
 * årsredovisning) for the whole municipality (`kommun`: the fullmäktigemål)
 * or for one owner (a body, an office or a unit), assembled from the
 * follow-up documents of that year and checkpoint: each goal's status,
 * forecast and four answers with what the level below reported on the items
 * that contribute to it, counts per status per perspective, särskilda
 * uppdrag, KPI outcomes, activities, economy, the deviations and, for the
 * municipality, the god ekonomisk hushållning verdict. */
#ifndef PLAN_REPORT_FOLLOWUP_H
#define PLAN_REPORT_FOLLOWUP_H

#include <stddef.h>

#include "plan/arena.h"
#include "plan/error.h"
#include "plan/hushallning.h"
#include "plan/model.h"
#include "plan/report.h"
#include "plan/report_kpis.h"

/* A goal or an activity as a follow-up reports it. */
typedef struct plan_fu_entry {
	const plan_item *item;          /* the goal or activity */
	int perspective;                /* its (first) perspective, or -1 */
	const plan_document *doc;       /* the follow-up that reports it, or NULL */
	plan_goal_status status;        /* goals: status and forecast */
	plan_goal_status forecast;
	plan_task_status task;          /* activities: their status */
	const char *actions;            /* the four answers, NULL when absent */
	const char *results;
	const char *analysis;
	const char *improvements;
	const char *responsible;        /* activities, NULL when absent */
	const char *due;
	struct plan_fu_entry *below;    /* what the level below reported on the
	                                 * items that contribute to this one */
	size_t nbelow;
	const plan_item *via;           /* below a fullmäktigemål: the direktivmål a
	                                 * bolag's goal contributes through, or NULL */
} plan_fu_entry;

typedef enum plan_funding {
	PLAN_FUNDING_NONE,
	PLAN_FUNDING_TILLSKOTT,
	PLAN_FUNDING_INOM_RAM
} plan_funding;

/* A särskilt uppdrag as one follow-up reports it. */
typedef struct plan_fu_assignment {
	const plan_item *assignment;
	const plan_document *doc;       /* the follow-up that reports it, or NULL */
	const plan_item *reporter;      /* that follow-up's owner; NULL for kommun or none */
	plan_task_status status;
	plan_task_status forecast;      /* klar, forsenad or avbruten; UNREPORTED when absent */
	const char *report;             /* redovisning, or NULL */
	const char *actions;            /* NULL when absent */
	const char *improvements;
	plan_funding funding;
	int has_amount;
	double amount_tkr;
} plan_fu_assignment;

/* The economy one follow-up reports. */
typedef struct plan_fu_economy {
	const plan_item *owner;         /* NULL: the municipality (or the sum row) */
	const plan_document *doc;       /* NULL for the sum row */
	int is_sum;                     /* the sum of the rows before it */
	plan_economy economy;
} plan_fu_economy;

typedef struct plan_followup_options {
	int year;
	plan_period period;
	const char *owner;              /* "kommun" (or NULL) or a body, office or unit id */
	const plan_kolada *kolada;      /* KPI outcomes from Kolada, or NULL (a
	                                 * follow-up's own value wins) */
} plan_followup_options;

typedef enum plan_followup_status {
	PLAN_FOLLOWUP_OK,
	PLAN_FOLLOWUP_UNKNOWN_OWNER,    /* no item has the owner id */
	PLAN_FOLLOWUP_NOT_AN_OWNER,     /* the id names an item that owns no plans */
	PLAN_FOLLOWUP_NO_DOCUMENT       /* no follow-up for that owner, year and period */
} plan_followup_status;

typedef struct plan_followup {
	plan_followup_status status;
	int year;
	plan_period period;
	int kommun;                     /* the municipality's follow-up */
	const plan_item *owner;         /* the body, office or unit; NULL for kommun */
	const char *suggestion;         /* UNKNOWN_OWNER: the closest id, or NULL */
	const plan_document *doc;       /* the follow-up document */
	const char *as_of;              /* as written, or NULL */

	/* The owner's goals (fullmäktigemål, nämndmål or kontorsplan goals;
	 * none for a unit), by perspective in the styrmodell's order, goals
	 * without one last; each in its plan's order. */
	plan_fu_entry *goals;
	size_t ngoals;
	/* Status and forecast counts of those goals: one row per perspective
	 * of the model, then one for goals without a perspective. */
	plan_status_counts *status_by_perspective;
	plan_status_counts *forecast_by_perspective;
	size_t nperspective_rows;       /* the model's perspectives + 1 */
	plan_status_counts status_all, forecast_all;

	plan_fu_assignment *assignments;   /* särskilda uppdrag active in the year */
	size_t nassignments;
	size_t assignment_counts[PLAN_TASK_STATUSES];

	plan_kpi_year *kpi_rows;        /* the owner's KPIs as of the year (see
	                                 * plan_kpi_report_at), parallel to kpis */
	const plan_kpi_report **kpis;
	size_t nkpis;
	size_t kpi_counts[PLAN_KPI_RESULTS];

	/* Activities of the arbetsplaner in force from 1 January to the
	 * checkpoint, under the owner (every unit for kommun). */
	plan_fu_entry *activities;
	size_t nactivities;
	size_t activity_counts[PLAN_TASK_STATUSES];

	/* The organisational items right below the owner that reported an
	 * economy (kommun: bodies; a body: its offices; an office: its units),
	 * then their sum when there are any, then the owner's own economy when
	 * its follow-up has one. */
	plan_fu_economy *economy;
	size_t neconomy;

	/* Goals whose status or forecast is delvis_uppfylld or ej_uppfylld:
	 * the owner's goals first, then the level below's, each once. */
	const plan_fu_entry **deviations;
	size_t ndeviations;

	/* DR1 and DR2: the feared deviations ("befarade avvikelser"), those
	 * deviation-without-action asks actions of. Goals of `deviations` whose
	 * forecast is delvis_uppfylld or ej_uppfylld; särskilda uppdrag whose
	 * forecast is forsenad or avbruten; economy rows (not the sum) whose
	 * forecast exceeds the budget by more than the styrmodell's
	 * deviations.economy_tkr. Empty at year end. */
	const plan_fu_entry **feared_goals;
	size_t nfeared_goals;
	const plan_fu_assignment **feared_assignments;
	size_t nfeared_assignments;
	const plan_fu_economy **feared_economy;
	size_t nfeared_economy;

	/* kommun only. */
	int has_hushallning;
	plan_hushallning hushallning;
	const char *hushallning_assessment;   /* the follow-up's written assessment */

	plan_kpi_table *kpi_table;      /* owns what kpis point to */
	plan_arena *arena;              /* owns the arrays above */
} plan_followup;

/* Assemble the follow-up. Returns 0 with *out set (free with
 * plan_followup_free) and (*out)->status saying whether there was one to
 * assemble; -1 with `err` set when memory ran out. */
int plan_followup_build(plan_followup **out, const plan_model *model,
	const plan_followup_options *options, plan_error *err);

void plan_followup_free(plan_followup *followup);

/* The follow-up document of an owner (NULL: kommun), year and period; the
 * first when there are several. */
const plan_document *plan_followup_find(const plan_model *model, const plan_item *owner,
	int year, plan_period period);

/* True when the arbetsplan `ap` is in force at some time from 1 January of
 * `year` to the checkpoint's day "MM-DD" (a school-year plan from 1 August
 * to 30 June). */
int plan_arbetsplan_in_force(const plan_document *ap, int year, const char *monthday);

#endif
