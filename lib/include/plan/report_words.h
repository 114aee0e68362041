/* plan/report_words.h: the words and phrases of the reports, in Swedish and
 * English. The phrases live in one table (lib/report_words.c, with the
 * Swedish in the catalogue lib/catalogue/sv/report.po);
 * code names them by these ids and never spells report text itself. */
#ifndef PLAN_REPORT_WORDS_H
#define PLAN_REPORT_WORDS_H

#include <stddef.h>

#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/report.h"
#include "plan/report_calendar.h"

typedef enum plan_word {
	PLAN_W_TOTAL,
	PLAN_W_PERSPECTIVE,
	PLAN_W_NO_PERSPECTIVE,
	PLAN_W_SUMMARY,
	PLAN_W_STATUS_BY_PERSPECTIVE,
	PLAN_W_FORECAST_BY_PERSPECTIVE,
	PLAN_W_STATUS,
	PLAN_W_FORECAST,
	PLAN_W_ACTIONS,
	PLAN_W_RESULTS,
	PLAN_W_ANALYSIS,
	PLAN_W_IMPROVEMENTS,
	PLAN_W_NOT_IN_FOLLOWUP,
	PLAN_W_FOLLOWUP_INTRO,
	PLAN_W_BELOW_KOMMUN,
	PLAN_W_BELOW_BODY,
	PLAN_W_BELOW_OFFICE,
	PLAN_W_NO_CONTRIBUTIONS,
	PLAN_W_HUSHALLNING,
	PLAN_W_VERDICT_MET,
	PLAN_W_VERDICT_NOT_MET,
	PLAN_W_VERDICT_NOT_ASSESSABLE,
	PLAN_W_BASIS_FORECAST,
	PLAN_W_BASIS_STATUS,
	PLAN_W_SHARE_LINE,
	PLAN_W_WEIGHT_LINE,
	PLAN_W_FULLY_MET_LINE,
	PLAN_W_EACH_LINE,
	PLAN_W_UNKNOWN_PERSPECTIVE_LINE,
	PLAN_W_NO_GOALS_LINE,
	PLAN_W_GOALS,
	PLAN_W_WEIGHTED_SHARE,
	PLAN_W_REQUIREMENT,
	PLAN_W_REQUIREMENT_MET,
	PLAN_W_ALL_GOALS_MET,
	PLAN_W_AT_LEAST,
	PLAN_W_YES,
	PLAN_W_NO,
	PLAN_W_ASSESSMENT,
	PLAN_W_ASSIGNMENTS,
	PLAN_W_NO_ASSIGNMENTS,
	PLAN_W_TILLSKOTT,
	PLAN_W_INOM_RAM,
	PLAN_W_REPORTED_BY,
	PLAN_W_REPORT,
	PLAN_W_KPIS,
	PLAN_W_KPI,
	PLAN_W_NAME,
	PLAN_W_UNIT_OF_MEASURE,
	PLAN_W_BETTER,
	PLAN_W_HIGHER,
	PLAN_W_LOWER,
	PLAN_W_BASELINE,
	PLAN_W_TARGET,
	PLAN_W_TARGET_YEAR,
	PLAN_W_OUTCOME,
	PLAN_W_ASSESSMENT_KPI,
	PLAN_W_NO_KPIS,
	PLAN_W_ACTIVITIES,
	PLAN_W_ACTIVITY,
	PLAN_W_TITLE,
	PLAN_W_ORG_UNIT,
	PLAN_W_RESPONSIBLE,
	PLAN_W_DUE,
	PLAN_W_COUNT,
	PLAN_W_NO_ACTIVITIES,
	PLAN_W_ECONOMY,
	PLAN_W_BUDGET_TKR,
	PLAN_W_OUTCOME_TKR,
	PLAN_W_FORECAST_TKR,
	PLAN_W_DEVIATION_TKR,
	PLAN_W_DEVIATION_PCT,
	PLAN_W_SUM,
	PLAN_W_DEVIATION_NOTE_INTERIM,
	PLAN_W_DEVIATION_NOTE_YEAR,
	PLAN_W_NO_ECONOMY,
	PLAN_W_DEVIATIONS,
	PLAN_W_DEVIATIONS_INTRO,
	PLAN_W_NO_DEVIATIONS,
	PLAN_W_NO_IMPROVEMENTS,
	PLAN_W_FEARED,
	PLAN_W_FEARED_INTRO,
	PLAN_W_NO_FEARED,
	PLAN_W_NO_ACTIONS,
	PLAN_W_FEARED_ECONOMY,
	PLAN_W_PROGNOS_SHORT,
	PLAN_W_ORGANISATION,
	PLAN_W_PLAN_ADOPTED_LINE,
	PLAN_W_PLAN_NOT_ADOPTED,
	PLAN_W_VISION,
	PLAN_W_STRATEGIES,
	PLAN_W_AGENDA2030,
	PLAN_W_CHAIN,
	PLAN_W_NO_CHAIN,
	PLAN_W_ASSIGNMENT,
	PLAN_W_KPI_TARGETS,
	PLAN_W_BUDGET_FRAMES,
	PLAN_W_BUDGET_AREAS,
	PLAN_W_AREA,
	PLAN_W_AMOUNT_TKR,
	PLAN_W_BODY,
	PLAN_W_FLERARSPLAN,
	PLAN_W_VERKSAMHETSPLAN,
	PLAN_W_KONTORSPLAN,
	PLAN_W_ARBETSPLAN,
	PLAN_W_GOALS_OF_PLAN,
	PLAN_W_NO_PLAN,
	PLAN_W_KPIS_TITLE,
	PLAN_W_KPIS_INTRO,
	PLAN_W_KPIS_INTRO_KOLADA,
	PLAN_W_MEASURES,
	PLAN_W_ASPECT,
	PLAN_W_KOLADA,
	PLAN_W_OFFICE,
	PLAN_W_YEAR,
	PLAN_W_WOMEN,
	PLAN_W_MEN,
	PLAN_W_SOURCE,
	PLAN_W_LATEST_OUTCOME,
	PLAN_W_OVERVIEW,
	PLAN_W_CALENDAR_TITLE,
	PLAN_W_CALENDAR_INTRO,
	PLAN_W_SOURCE_COMMIT,
	PLAN_W_SOURCE_DIRTY,
	PLAN_W_SOURCE_WORKTREE,
	PLAN_W_DATE,
	PLAN_W_EVENT,
	PLAN_W_MS_AR_DEADLINE,
	PLAN_W_MS_DR1_CHECKPOINT,
	PLAN_W_MS_DR1_DEADLINE,
	PLAN_W_MS_SCHOOL_YEAR_START,
	PLAN_W_MS_DR2_CHECKPOINT,
	PLAN_W_MS_DR2_DEADLINE,
	PLAN_W_MS_BUDGET_DEADLINE,
	PLAN_W_MS_YEAR_END,
	PLAN_W_MS_PLAN_ADOPTED,
	PLAN_W_PERIOD_DR1,
	PLAN_W_PERIOD_DR2,
	PLAN_W_PERIOD_AR,
	PLAN_W_GOAL_MET,
	PLAN_W_GOAL_PARTLY_MET,
	PLAN_W_GOAL_NOT_MET,
	PLAN_W_GOAL_NOT_ASSESSED,
	PLAN_W_GOAL_UNREPORTED,
	PLAN_W_TASK_NOT_STARTED,
	PLAN_W_TASK_ONGOING,
	PLAN_W_TASK_DONE,
	PLAN_W_TASK_LATE,
	PLAN_W_TASK_CANCELLED,
	PLAN_W_TASK_UNREPORTED,
	PLAN_W_KPI_MET,
	PLAN_W_KPI_IMPROVED,
	PLAN_W_KPI_NOT_MET,
	PLAN_W_KPI_NO_TARGET,
	PLAN_W_KPI_NO_OUTCOME,
	PLAN_W_CHART_STATUS,
	PLAN_W_CHART_KPI,
	PLAN_W_CHART_KPI_LEGEND,
	PLAN_W_SCORE,
	PLAN_W_CHART_FORECAST,
	PLAN_W_CONTRIBUTES_TO,
	PLAN_W_HIGHER_BETTER,
	PLAN_W_LOWER_BETTER,
	PLAN_W_START,
	PLAN_W_FOLLOWED_KPIS,
	PLAN_W_KPIS_OF_OFFICE,
	PLAN_W_PLAN_BY,
	PLAN_W_TKR,
	PLAN_W_COLOPHON,
	PLAN_W_COLOPHON_FOLLOWUP,
	PLAN_W_COLOPHON_FOLLOWUP_FILE,
	PLAN_W_COLOPHON_KOLADA,
	PLAN_W_CONTENTS,
	PLAN_WORDS
} plan_word;

/* The phrase in the language (UTF-8, static storage). Phrases may hold the
 * placeholders {1} to {9}; plan_word_fill puts values in their place. */
const char *plan_word_text(plan_word word, plan_lang lang);

/* Append `template` with each {N} (1 to 9) replaced by args[N-1] (nothing
 * when N > nargs); other text is copied as it is. Returns 0, or -1 when the
 * buffer refused the append. */
int plan_word_fill(plan_buf *buf, const char *template, const char *const *args, size_t nargs);

/* The phrase for a status, result, period or milestone kind. */
const char *plan_word_goal_status(plan_goal_status status, plan_lang lang);
const char *plan_word_task_status(plan_task_status status, plan_lang lang);
const char *plan_word_kpi_result(plan_kpi_result result, plan_lang lang);
const char *plan_word_period(plan_period period, plan_lang lang);
const char *plan_word_milestone(plan_milestone_kind kind, plan_lang lang);

/* A number as the language writes it: Swedish with a decimal comma and a
 * no-break space (U+00A0) between thousands (1\u00a0234,5), English with a
 * decimal point and commas (1,234.5). `decimals` >= 0 rounds to that many
 * places; -1 writes as many as the value needs, up to 6. `sign` puts a '+'
 * before positive numbers. Negative numbers start with '-'. Returns 0, or -1
 * when the buffer refused the append. */
int plan_number_format(plan_buf *buf, double value, int decimals, int sign, plan_lang lang);

#endif
