/* plan/report_calendar.h: the årshjul: a year's planning and follow-up
 * milestones in date order: the DR1 and DR2 checkpoints (styrmodell
 * `calendar`) and the legal deadlines for the delårsrapporter (to
 * fullmäktige within two months of the period), the budget (adopted by the
 * end of November), the årsredovisning (to fullmäktige and the auditors by
 * 15 April the next year), the year's end, school-year starts for bodies
 * that plan by school year, and the plans adopted that year. */
#ifndef PLAN_REPORT_CALENDAR_H
#define PLAN_REPORT_CALENDAR_H

#include <stddef.h>

#include "plan/model.h"

typedef enum plan_milestone_kind {
	PLAN_MILESTONE_AR_DEADLINE,       /* the previous year's årsredovisning due */
	PLAN_MILESTONE_DR1_CHECKPOINT,
	PLAN_MILESTONE_DR1_DEADLINE,
	PLAN_MILESTONE_SCHOOL_YEAR_START,
	PLAN_MILESTONE_DR2_CHECKPOINT,
	PLAN_MILESTONE_DR2_DEADLINE,
	PLAN_MILESTONE_BUDGET_DEADLINE,   /* next year's budget adopted */
	PLAN_MILESTONE_YEAR_END,          /* the årsredovisning's checkpoint */
	PLAN_MILESTONE_PLAN_ADOPTED       /* a flerårsplan or verksamhetsplan adopted */
} plan_milestone_kind;

#define PLAN_MILESTONE_KINDS 9

/* "ar-deadline", "dr1-checkpoint", "dr1-deadline", "school-year-start",
 * "dr2-checkpoint", "dr2-deadline", "budget-deadline", "year-end",
 * "plan-adopted". */
const char *plan_milestone_kind_key(plan_milestone_kind kind);

typedef struct plan_milestone {
	char date[11];                  /* YYYY-MM-DD */
	plan_milestone_kind kind;
	int concerns_year;              /* the year it is about: the previous one for
	                                 * the årsredovisning, the next for the budget */
	const plan_item *body;          /* school-year start: the body */
	const plan_document *plan;      /* plan adopted: the plan */
	char key[96];                   /* unique within the year, stable across runs:
	                                 * the kind's key, then "-ID" for a body or plan */
} plan_milestone;

typedef struct plan_calendar {
	int year;
	plan_milestone *milestones;     /* in date order, then kind, then key */
	size_t n;
	char latest_date[11];           /* the newest date the plan set states
	                                 * (adoption dates, follow-ups' as_of), or
	                                 * YEAR-01-01: a timestamp taken from the
	                                 * data, never from the clock */
} plan_calendar;

/* The year's milestones. A DR1 or DR2 day in the calendar that does not
 * exist in the year (02-30) gives no milestones for that report. Returns 0
 * with *out set (free with plan_calendar_free), or -1 when memory ran out. */
int plan_calendar_build(plan_calendar **out, const plan_model *model, int year);

void plan_calendar_free(plan_calendar *calendar);

/* `date` (YYYY-MM-DD) plus `months`, for deadlines "within N months": the
 * last day of a month gives the last day of the target month, other days the
 * same day or the target month's last, if shorter. Writes YYYY-MM-DD to out
 * (11 bytes); returns 0, or -1 when `date` is not a valid date. */
int plan_date_add_months(char out[11], const char *date, int months);

#endif
