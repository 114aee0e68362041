/* report_words.c: every word and phrase of the reports, in one table (the
 * English here, the Swedish in the catalogue), and how each language writes
 * numbers. */
#include "plan/report_words.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The English text and its catalogue context; the Swedish is in
 * lib/catalogue/sv/report.po, where a translator edits it. */
typedef struct phrase {
	const char *context, *en;
} phrase;

static const phrase table[PLAN_WORDS] = {
	[PLAN_W_TOTAL] = { "report", PLAN_NC_("report", "Total") },
	[PLAN_W_PERSPECTIVE] = { "report", PLAN_NC_("report", "Perspective") },
	[PLAN_W_NO_PERSPECTIVE] = { "report", PLAN_NC_("report", "No perspective") },
	[PLAN_W_SUMMARY] = { "report", PLAN_NC_("report", "Summary") },
	[PLAN_W_STATUS_BY_PERSPECTIVE] = { "report", PLAN_NC_("report", "Goal fulfilment by perspective") },
	[PLAN_W_FORECAST_BY_PERSPECTIVE] = { "report", PLAN_NC_("report", "Full-year forecast by perspective") },
	[PLAN_W_STATUS] = { "report", PLAN_NC_("report", "Status") },
	[PLAN_W_FORECAST] = { "report", PLAN_NC_("report", "Full-year forecast") },
	[PLAN_W_ACTIONS] = { "report", PLAN_NC_("report", "Actions") },
	[PLAN_W_RESULTS] = { "report", PLAN_NC_("report", "Results") },
	[PLAN_W_ANALYSIS] = { "report", PLAN_NC_("report", "Analysis") },
	[PLAN_W_IMPROVEMENTS] = { "report", PLAN_NC_("report", "Improvements") },
	[PLAN_W_NOT_IN_FOLLOWUP] = { "report", PLAN_NC_("report", "Not reported in the follow-up.") },
	[PLAN_W_FOLLOWUP_INTRO] = { "report", PLAN_NC_("report", "Follow-up as of {1}.") },
	[PLAN_W_BELOW_KOMMUN] = { "report", PLAN_NC_("report", "Body goals that contribute") },
	[PLAN_W_BELOW_BODY] = { "report", PLAN_NC_("report", "Office goals and activities that contribute") },
	[PLAN_W_BELOW_OFFICE] = { "report", PLAN_NC_("report", "Activities that contribute") },
	[PLAN_W_NO_CONTRIBUTIONS] = { "report", PLAN_NC_("report", "Nothing on the level below contributes to this goal.") },
	[PLAN_W_HUSHALLNING] = { "report", PLAN_NC_("report", "Sound financial management (god ekonomisk hushållning)") },
	[PLAN_W_VERDICT_MET] = { "report", PLAN_NC_("report", "The assessment is that sound financial management is achieved.") },
	[PLAN_W_VERDICT_NOT_MET] = { "report", PLAN_NC_("report", "The assessment is that sound financial management is not achieved.") },
	[PLAN_W_VERDICT_NOT_ASSESSABLE] = { "report", PLAN_NC_("report", "Sound financial management cannot be assessed.") },
	[PLAN_W_BASIS_FORECAST] = { "report", PLAN_NC_("report", "The assessment rests on the council goals' full-year forecast (the status where a forecast is missing).") },
	[PLAN_W_BASIS_STATUS] = { "report", PLAN_NC_("report", "The assessment rests on the council goals' fulfilment as of {1}.") },
	[PLAN_W_SHARE_LINE] = { "report", PLAN_NC_("report", "Weighted share of council goals met: {1} of {2} goals, {3} %; at least {4} % is required.") },
	[PLAN_W_WEIGHT_LINE] = { "report", PLAN_NC_("report", "A partly met goal counts as {1}; goals not assessed or not reported count as not met.") },
	[PLAN_W_FULLY_MET_LINE] = { "report", PLAN_NC_("report", "Perspectives whose goals must all be met: {1}.") },
	[PLAN_W_EACH_LINE] = { "report", PLAN_NC_("report", "Every perspective with goals must reach at least {1} %.") },
	[PLAN_W_UNKNOWN_PERSPECTIVE_LINE] = { "report", PLAN_NC_("report", "The rule perspectives_fully_met names the perspective '{1}', which the styrmodell does not define.") },
	[PLAN_W_NO_GOALS_LINE] = { "report", PLAN_NC_("report", "There are no council goals to assess.") },
	[PLAN_W_GOALS] = { "report", PLAN_NC_("report", "Goals") },
	[PLAN_W_WEIGHTED_SHARE] = { "report", PLAN_NC_("report", "Weighted share") },
	[PLAN_W_REQUIREMENT] = { "report", PLAN_NC_("report", "Requirement") },
	[PLAN_W_REQUIREMENT_MET] = { "report: requirement", PLAN_NC_("report: requirement", "Met") },
	[PLAN_W_ALL_GOALS_MET] = { "report", PLAN_NC_("report", "All goals met") },
	[PLAN_W_AT_LEAST] = { "report", PLAN_NC_("report", "At least {1} %") },
	[PLAN_W_YES] = { "report", PLAN_NC_("report", "Yes") },
	[PLAN_W_NO] = { "report", PLAN_NC_("report", "No") },
	[PLAN_W_ASSESSMENT] = { "report", PLAN_NC_("report", "The municipality's assessment") },
	[PLAN_W_ASSIGNMENTS] = { "report", PLAN_NC_("report", "Special assignments (särskilda uppdrag)") },
	[PLAN_W_NO_ASSIGNMENTS] = { "report", PLAN_NC_("report", "No special assignments apply in {1}.") },
	[PLAN_W_TILLSKOTT] = { "report", PLAN_NC_("report", "extra funding (tillskott)") },
	[PLAN_W_INOM_RAM] = { "report", PLAN_NC_("report", "within the frame (inom ram)") },
	[PLAN_W_REPORTED_BY] = { "report", PLAN_NC_("report", "reported by") },
	[PLAN_W_REPORT] = { "report", PLAN_NC_("report", "Report") },
	[PLAN_W_KPIS] = { "report", PLAN_NC_("report", "Key performance indicators") },
	[PLAN_W_KPI] = { "report", PLAN_NC_("report", "KPI") },
	[PLAN_W_NAME] = { "report", PLAN_NC_("report", "Name") },
	[PLAN_W_UNIT_OF_MEASURE] = { "report: unit of measure", PLAN_NC_("report: unit of measure", "Unit") },
	[PLAN_W_BETTER] = { "report", PLAN_NC_("report", "Better") },
	[PLAN_W_HIGHER] = { "report", PLAN_NC_("report", "higher") },
	[PLAN_W_LOWER] = { "report", PLAN_NC_("report", "lower") },
	[PLAN_W_BASELINE] = { "report", PLAN_NC_("report", "Baseline") },
	[PLAN_W_TARGET] = { "report", PLAN_NC_("report", "Target") },
	[PLAN_W_TARGET_YEAR] = { "report", PLAN_NC_("report", "Target {1}") },
	[PLAN_W_OUTCOME] = { "report", PLAN_NC_("report", "Outcome") },
	[PLAN_W_ASSESSMENT_KPI] = { "report", PLAN_NC_("report", "Assessment") },
	[PLAN_W_NO_KPIS] = { "report", PLAN_NC_("report", "No KPIs.") },
	[PLAN_W_ACTIVITIES] = { "report", PLAN_NC_("report", "Activities") },
	[PLAN_W_ACTIVITY] = { "report", PLAN_NC_("report", "Activity") },
	[PLAN_W_TITLE] = { "report", PLAN_NC_("report", "Title") },
	[PLAN_W_ORG_UNIT] = { "report", PLAN_NC_("report", "Unit") },
	[PLAN_W_RESPONSIBLE] = { "report", PLAN_NC_("report", "Responsible") },
	[PLAN_W_DUE] = { "report", PLAN_NC_("report", "Due") },
	[PLAN_W_COUNT] = { "report", PLAN_NC_("report", "Count") },
	[PLAN_W_NO_ACTIVITIES] = { "report", PLAN_NC_("report", "No activities in work plans in force during the period.") },
	[PLAN_W_ECONOMY] = { "report", PLAN_NC_("report", "Economic outcome and forecast") },
	[PLAN_W_BUDGET_TKR] = { "report", PLAN_NC_("report", "Budget (kSEK)") },
	[PLAN_W_OUTCOME_TKR] = { "report", PLAN_NC_("report", "Outcome (kSEK)") },
	[PLAN_W_FORECAST_TKR] = { "report", PLAN_NC_("report", "Forecast (kSEK)") },
	[PLAN_W_DEVIATION_TKR] = { "report", PLAN_NC_("report", "Deviation (kSEK)") },
	[PLAN_W_DEVIATION_PCT] = { "report", PLAN_NC_("report", "Deviation (%)") },
	[PLAN_W_SUM] = { "report", PLAN_NC_("report", "Sum") },
	[PLAN_W_DEVIATION_NOTE_INTERIM] = { "report", PLAN_NC_("report", "Deviation = budget − full-year forecast; a positive number is a surplus.") },
	[PLAN_W_DEVIATION_NOTE_YEAR] = { "report", PLAN_NC_("report", "Deviation = budget − outcome (the forecast where the outcome is missing); a positive number is a surplus.") },
	[PLAN_W_NO_ECONOMY] = { "report", PLAN_NC_("report", "No economy is reported.") },
	[PLAN_W_DEVIATIONS] = { "report", PLAN_NC_("report", "Deviations and improvements") },
	[PLAN_W_DEVIATIONS_INTRO] = { "report", PLAN_NC_("report", "Goals whose status or full-year forecast is below met.") },
	[PLAN_W_NO_DEVIATIONS] = { "report", PLAN_NC_("report", "No deviations.") },
	[PLAN_W_NO_IMPROVEMENTS] = { "report", PLAN_NC_("report", "No improvements are stated.") },
	[PLAN_W_FEARED] = { "report", PLAN_NC_("report", "Feared deviations") },
	[PLAN_W_FEARED_INTRO] = { "report", PLAN_NC_("report", "Goals, special assignments and economies whose full-year forecast is worse than planned. When a deviation is feared, immediate action is to be taken.") },
	[PLAN_W_NO_FEARED] = { "report", PLAN_NC_("report", "No deviations are feared: every full-year forecast is as planned.") },
	[PLAN_W_NO_ACTIONS] = { "report", PLAN_NC_("report", "No actions are stated.") },
	[PLAN_W_FEARED_ECONOMY] = { "report", PLAN_NC_("report", "full-year forecast {1} tkr against a budget of {2} tkr, {3} tkr over.") },
	[PLAN_W_PROGNOS_SHORT] = { "report", PLAN_NC_("report", "forecast") },
	[PLAN_W_ORGANISATION] = { "report", PLAN_NC_("report", "Organisation") },
	[PLAN_W_PLAN_ADOPTED_LINE] = { "report", PLAN_NC_("report", "Adopted {1} by {2}{3}.") },
	[PLAN_W_PLAN_NOT_ADOPTED] = { "report", PLAN_NC_("report", "Not yet adopted.") },
	[PLAN_W_VISION] = { "report", PLAN_NC_("report", "Vision") },
	[PLAN_W_STRATEGIES] = { "report", PLAN_NC_("report", "Strategies") },
	[PLAN_W_AGENDA2030] = { "report", PLAN_NC_("report", "Agenda 2030") },
	[PLAN_W_CHAIN] = { "report", PLAN_NC_("report", "The chain below the goal") },
	[PLAN_W_NO_CHAIN] = { "report", PLAN_NC_("report", "Nothing on lower levels contributes to this goal.") },
	[PLAN_W_ASSIGNMENT] = { "report", PLAN_NC_("report", "Special assignment") },
	[PLAN_W_KPI_TARGETS] = { "report", PLAN_NC_("report", "targets {1}") },
	[PLAN_W_BUDGET_FRAMES] = { "report", PLAN_NC_("report", "Budget frames (kSEK)") },
	[PLAN_W_BUDGET_AREAS] = { "report", PLAN_NC_("report", "Budget by area of operations") },
	[PLAN_W_AREA] = { "report", PLAN_NC_("report", "Area") },
	[PLAN_W_AMOUNT_TKR] = { "report", PLAN_NC_("report", "Amount (kSEK)") },
	[PLAN_W_BODY] = { "report", PLAN_NC_("report", "Body") },
	[PLAN_W_FLERARSPLAN] = { "report", PLAN_NC_("report", "Multi-year plan (flerårsplan)") },
	[PLAN_W_VERKSAMHETSPLAN] = { "report", PLAN_NC_("report", "Operational plan (verksamhetsplan)") },
	[PLAN_W_KONTORSPLAN] = { "report", PLAN_NC_("report", "Office plan (kontorsplan)") },
	[PLAN_W_ARBETSPLAN] = { "report", PLAN_NC_("report", "Work plan (arbetsplan)") },
	[PLAN_W_GOALS_OF_PLAN] = { "report", PLAN_NC_("report", "Goals") },
	[PLAN_W_NO_PLAN] = { "report", PLAN_NC_("report", "No plan was found.") },
	[PLAN_W_KPIS_TITLE] = { "report", PLAN_NC_("report", "Key performance indicators – {1}") },
	[PLAN_W_KPIS_INTRO] = { "report", PLAN_NC_("report", "Outcomes from the follow-ups.") },
	[PLAN_W_KPIS_INTRO_KOLADA] = { "report", PLAN_NC_("report", "Outcomes from the follow-ups and from Kolada (municipality {1}); the follow-ups' values win over Kolada's.") },
	[PLAN_W_MEASURES] = { "report", PLAN_NC_("report", "Measures") },
	[PLAN_W_ASPECT] = { "report", PLAN_NC_("report", "Aspect") },
	[PLAN_W_KOLADA] = { "report", PLAN_NC_("report", "Kolada") },
	[PLAN_W_OFFICE] = { "report", PLAN_NC_("report", "Office") },
	[PLAN_W_YEAR] = { "report", PLAN_NC_("report", "Year") },
	[PLAN_W_WOMEN] = { "report", PLAN_NC_("report", "Women") },
	[PLAN_W_MEN] = { "report", PLAN_NC_("report", "Men") },
	[PLAN_W_SOURCE] = { "report", PLAN_NC_("report", "Source") },
	[PLAN_W_LATEST_OUTCOME] = { "report", PLAN_NC_("report", "Latest outcome") },
	[PLAN_W_OVERVIEW] = { "report", PLAN_NC_("report", "Overview") },
	[PLAN_W_CALENDAR_TITLE] = { "report", PLAN_NC_("report", "Planning and follow-up calendar (årshjul) {1} – {2}") },
	[PLAN_W_CALENDAR_INTRO] = { "report", PLAN_NC_("report", "Planning and follow-up dates in date order, with the legal deadlines.") },
	[PLAN_W_SOURCE_COMMIT] = { "report", PLAN_NC_("report", "Source: the plans as of commit {1} ({2}).") },
	[PLAN_W_SOURCE_DIRTY] = { "report", PLAN_NC_("report", "Source: the working tree, with changes not yet committed.") },
	[PLAN_W_SOURCE_WORKTREE] = { "report", PLAN_NC_("report", "Source: the working tree.") },
	[PLAN_W_DATE] = { "report", PLAN_NC_("report", "Date") },
	[PLAN_W_EVENT] = { "report", PLAN_NC_("report", "Event") },
	[PLAN_W_MS_AR_DEADLINE] = { "report", PLAN_NC_("report", "Annual report {1} due to the council and the auditors") },
	[PLAN_W_MS_DR1_CHECKPOINT] = { "report", PLAN_NC_("report", "Interim report 1 {1}: as-of date") },
	[PLAN_W_MS_DR1_DEADLINE] = { "report", PLAN_NC_("report", "Interim report 1 {1} due to the council (within two months)") },
	[PLAN_W_MS_SCHOOL_YEAR_START] = { "report", PLAN_NC_("report", "School year {1} starts: work plans by school year, {2}") },
	[PLAN_W_MS_DR2_CHECKPOINT] = { "report", PLAN_NC_("report", "Interim report 2 {1} (interim accounts): as-of date") },
	[PLAN_W_MS_DR2_DEADLINE] = { "report", PLAN_NC_("report", "Interim report 2 {1} due to the council (within two months)") },
	[PLAN_W_MS_BUDGET_DEADLINE] = { "report", PLAN_NC_("report", "Budget {1} adopted by the council at the latest") },
	[PLAN_W_MS_YEAR_END] = { "report", PLAN_NC_("report", "Year end: as-of date of the annual report {1}") },
	[PLAN_W_MS_PLAN_ADOPTED] = { "report", PLAN_NC_("report", "{1} adopted by {2}") },
	[PLAN_W_PERIOD_DR1] = { "report", PLAN_NC_("report", "Interim report 1") },
	[PLAN_W_PERIOD_DR2] = { "report", PLAN_NC_("report", "Interim report 2") },
	[PLAN_W_PERIOD_AR] = { "report", PLAN_NC_("report", "Annual report") },
	[PLAN_W_GOAL_MET] = { "report: goal status", PLAN_NC_("report: goal status", "Met") },
	[PLAN_W_GOAL_PARTLY_MET] = { "report: goal status", PLAN_NC_("report: goal status", "Partly met") },
	[PLAN_W_GOAL_NOT_MET] = { "report: goal status", PLAN_NC_("report: goal status", "Not met") },
	[PLAN_W_GOAL_NOT_ASSESSED] = { "report: goal status", PLAN_NC_("report: goal status", "Not assessed") },
	[PLAN_W_GOAL_UNREPORTED] = { "report: goal status", PLAN_NC_("report: goal status", "Not reported") },
	[PLAN_W_TASK_NOT_STARTED] = { "report: uppdrag status", PLAN_NC_("report: uppdrag status", "Not started") },
	[PLAN_W_TASK_ONGOING] = { "report: uppdrag status", PLAN_NC_("report: uppdrag status", "Ongoing") },
	[PLAN_W_TASK_DONE] = { "report: uppdrag status", PLAN_NC_("report: uppdrag status", "Done") },
	[PLAN_W_TASK_LATE] = { "report: uppdrag status", PLAN_NC_("report: uppdrag status", "Late") },
	[PLAN_W_TASK_CANCELLED] = { "report: uppdrag status", PLAN_NC_("report: uppdrag status", "Cancelled") },
	[PLAN_W_TASK_UNREPORTED] = { "report: uppdrag status", PLAN_NC_("report: uppdrag status", "Not reported") },
	[PLAN_W_KPI_MET] = { "report: KPI result", PLAN_NC_("report: KPI result", "Met") },
	[PLAN_W_KPI_IMPROVED] = { "report: KPI result", PLAN_NC_("report: KPI result", "Improved, not met") },
	[PLAN_W_KPI_NOT_MET] = { "report: KPI result", PLAN_NC_("report: KPI result", "Not met") },
	[PLAN_W_KPI_NO_TARGET] = { "report: KPI result", PLAN_NC_("report: KPI result", "No target") },
	[PLAN_W_KPI_NO_OUTCOME] = { "report: KPI result", PLAN_NC_("report: KPI result", "No outcome") },
	[PLAN_W_CHART_STATUS] = { "report", PLAN_NC_("report", "Goal fulfilment by perspective (number of goals)") },
	[PLAN_W_CHART_KPI] = { "report", PLAN_NC_("report", "KPIs: outcome against target") },
	[PLAN_W_CHART_KPI_LEGEND] = { "report", PLAN_NC_("report", "Dot: outcome, coloured by its assessment · ring: baseline · black line: target. Each KPI has its own scale.") },
	[PLAN_W_SCORE] = { "report", PLAN_NC_("report", "Score") },
	[PLAN_W_CHART_FORECAST] = { "report", PLAN_NC_("report", "Full-year forecast by perspective (number of goals)") },
	[PLAN_W_CONTRIBUTES_TO] = { "report", PLAN_NC_("report", "Contributes to") },
	[PLAN_W_HIGHER_BETTER] = { "report", PLAN_NC_("report", "higher is better") },
	[PLAN_W_LOWER_BETTER] = { "report", PLAN_NC_("report", "lower is better") },
	[PLAN_W_START] = { "report", PLAN_NC_("report", "Start") },
	[PLAN_W_FOLLOWED_KPIS] = { "report", PLAN_NC_("report", "KPIs the unit follows") },
	[PLAN_W_KPIS_OF_OFFICE] = { "report", PLAN_NC_("report", "The office's KPIs") },
	[PLAN_W_PLAN_BY] = { "report", PLAN_NC_("report", "Plan") },
	[PLAN_W_TKR] = { "report", PLAN_NC_("report", "kSEK") },
	[PLAN_W_COLOPHON] = { "report", PLAN_NC_("report", "About this report") },
	[PLAN_W_COLOPHON_FOLLOWUP] = { "report", PLAN_NC_("report", "The follow-up is the document {1} in the file {2}.") },
	[PLAN_W_COLOPHON_FOLLOWUP_FILE] = { "report", PLAN_NC_("report", "The follow-up is the file {1}.") },
	[PLAN_W_COLOPHON_KOLADA] = { "report", PLAN_NC_("report", "Kolada's figures were read from {1}.") },
	[PLAN_W_CONTENTS] = { "report", PLAN_NC_("report", "Contents") },
	[PLAN_W_AGARDIREKTIV] = { "report", PLAN_NC_("report", "Owner directive (ägardirektiv)") },
	[PLAN_W_AGARDIREKTIV_ALL] = { "report", PLAN_NC_("report", "Owner directives to the companies (ägardirektiv)") },
	[PLAN_W_PURPOSE] = { "report", PLAN_NC_("report", "Purpose (ändamål)") },
	[PLAN_W_DIRECTION] = { "report", PLAN_NC_("report", "Direction (inriktning)") },
	[PLAN_W_DIRECTIVES] = { "report", PLAN_NC_("report", "Directives for operations and the economy") },
	[PLAN_W_DIRECTIVE_GOALS] = { "report", PLAN_NC_("report", "Directive goals (direktivmål)") },
	[PLAN_W_THROUGH] = { "report", PLAN_NC_("report", "through direktivmål") },
	[PLAN_W_DIRECTIVE_GOAL] = { "report", PLAN_NC_("report", "Directive goal") },
};

/* Each word in Swedish, looked up in the catalogue once: a report asks for
 * the same few words hundreds of thousands of times. */
static const char *swedish[PLAN_WORDS];
static pthread_once_t swedish_once = PTHREAD_ONCE_INIT;

static void look_up_swedish(void)
{
	for (size_t w = 0; w < PLAN_WORDS; w++)
		swedish[w] = table[w].en ? plan_trc(PLAN_LANG_SV, table[w].context, table[w].en) : "";
}

const char *plan_word_text(plan_word word, plan_lang lang)
{
	if ((unsigned)word >= PLAN_WORDS)
		return "";
	if (lang != PLAN_LANG_SV)
		return table[word].en ? table[word].en : "";
	pthread_once(&swedish_once, look_up_swedish);
	return swedish[word];
}

int plan_word_fill(plan_buf *buf, const char *template, const char *const *args, size_t nargs)
{
	const char *s = template;
	while (*s) {
		const char *open = strchr(s, '{');
		if (!open || open[1] < '1' || open[1] > '9' || open[2] != '}') {
			size_t n = open ? (size_t)(open - s) + 1 : strlen(s);
			plan_buf_put(buf, s, n);
			s += n;
			continue;
		}
		plan_buf_put(buf, s, (size_t)(open - s));
		size_t i = (size_t)(open[1] - '1');
		if (i < nargs && args[i])
			plan_buf_puts(buf, args[i]);
		s = open + 3;
	}
	return buf->failed ? -1 : 0;
}

const char *plan_word_goal_status(plan_goal_status status, plan_lang lang)
{
	static const plan_word words[PLAN_GOAL_STATUSES] = {
		PLAN_W_GOAL_MET, PLAN_W_GOAL_PARTLY_MET, PLAN_W_GOAL_NOT_MET,
		PLAN_W_GOAL_NOT_ASSESSED, PLAN_W_GOAL_UNREPORTED,
	};
	return plan_word_text(words[(unsigned)status < PLAN_GOAL_STATUSES ? status : PLAN_GOAL_UNREPORTED], lang);
}

const char *plan_word_task_status(plan_task_status status, plan_lang lang)
{
	static const plan_word words[PLAN_TASK_STATUSES] = {
		PLAN_W_TASK_NOT_STARTED, PLAN_W_TASK_ONGOING, PLAN_W_TASK_DONE,
		PLAN_W_TASK_LATE, PLAN_W_TASK_CANCELLED, PLAN_W_TASK_UNREPORTED,
	};
	return plan_word_text(words[(unsigned)status < PLAN_TASK_STATUSES ? status : PLAN_TASK_UNREPORTED], lang);
}

const char *plan_word_kpi_result(plan_kpi_result result, plan_lang lang)
{
	static const plan_word words[PLAN_KPI_RESULTS] = {
		PLAN_W_KPI_MET, PLAN_W_KPI_IMPROVED, PLAN_W_KPI_NOT_MET,
		PLAN_W_KPI_NO_TARGET, PLAN_W_KPI_NO_OUTCOME,
	};
	return plan_word_text(words[(unsigned)result < PLAN_KPI_RESULTS ? result : PLAN_KPI_NO_OUTCOME], lang);
}

const char *plan_word_period(plan_period period, plan_lang lang)
{
	static const plan_word words[PLAN_PERIODS] = { PLAN_W_PERIOD_DR1, PLAN_W_PERIOD_DR2, PLAN_W_PERIOD_AR };
	return (unsigned)period < PLAN_PERIODS ? plan_word_text(words[period], lang) : "";
}

const char *plan_word_milestone(plan_milestone_kind kind, plan_lang lang)
{
	static const plan_word words[PLAN_MILESTONE_KINDS] = {
		PLAN_W_MS_AR_DEADLINE, PLAN_W_MS_DR1_CHECKPOINT, PLAN_W_MS_DR1_DEADLINE,
		PLAN_W_MS_SCHOOL_YEAR_START, PLAN_W_MS_DR2_CHECKPOINT, PLAN_W_MS_DR2_DEADLINE,
		PLAN_W_MS_BUDGET_DEADLINE, PLAN_W_MS_YEAR_END, PLAN_W_MS_PLAN_ADOPTED,
	};
	return (unsigned)kind < PLAN_MILESTONE_KINDS ? plan_word_text(words[kind], lang) : "";
}

int plan_number_format(plan_buf *buf, double value, int decimals, int sign, plan_lang lang)
{
	if (!isfinite(value))
		return plan_buf_puts(buf, "–");
	char digits[64];
	int places = decimals < 0 ? 6 : decimals > 10 ? 10 : decimals;
	/* Beyond this a plan's figure is not a figure; keep the text bounded. */
	if (fabs(value) >= 1e18)
		places = 0;
	/* Round half away from zero, as reports do (0.25 is 0.3 at one
	 * decimal), not to even as printf does; the nudge keeps values that
	 * are a half but stored a hair below it (2.675) on the intended side. */
	double scale = pow(10.0, places);
	double rounded = floor(fabs(value) * scale + 0.5 + 1e-9) / scale;
	if (fabs(value) >= 1e15)
		rounded = fabs(value);
	snprintf(digits, sizeof digits, "%.*f", places, rounded);
	char *point = strchr(digits, '.');
	if (decimals < 0 && point) {
		char *end = digits + strlen(digits);
		while (end > point + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == point + 1)
			*point = '\0';
	}
	point = strchr(digits, '.');
	size_t int_len = point ? (size_t)(point - digits) : strlen(digits);
	/* -0.0 and values that round to zero have no sign. */
	int zero = strspn(digits, "0.") == strlen(digits);
	if (!zero && value < 0)
		plan_buf_putc(buf, '-');
	else if (!zero && sign && value > 0)
		plan_buf_putc(buf, '+');
	const char *thousands = lang == PLAN_LANG_EN ? "," : "\xc2\xa0";
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			plan_buf_puts(buf, thousands);
		plan_buf_putc(buf, digits[i]);
	}
	if (point) {
		plan_buf_putc(buf, lang == PLAN_LANG_EN ? '.' : ',');
		plan_buf_puts(buf, point + 1);
	}
	return buf->failed ? -1 : 0;
}
