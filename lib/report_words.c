/* report_words.c: every word and phrase of the reports in Swedish and
 * English, in one table, and how each language writes numbers. */
#include "plan/report_words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct phrase {
	const char *sv, *en;
} phrase;

static const phrase table[PLAN_WORDS] = {
	[PLAN_W_TOTAL] = { "Totalt", "Total" },
	[PLAN_W_PERSPECTIVE] = { "Perspektiv", "Perspective" },
	[PLAN_W_NO_PERSPECTIVE] = { "Utan perspektiv", "No perspective" },
	[PLAN_W_SUMMARY] = { "Sammanfattning", "Summary" },
	[PLAN_W_STATUS_BY_PERSPECTIVE] = { "Måluppfyllelse per perspektiv", "Goal fulfilment by perspective" },
	[PLAN_W_FORECAST_BY_PERSPECTIVE] = { "Helårsprognos per perspektiv", "Full-year forecast by perspective" },
	[PLAN_W_STATUS] = { "Status", "Status" },
	[PLAN_W_FORECAST] = { "Helårsprognos", "Full-year forecast" },
	[PLAN_W_ACTIONS] = { "Åtgärder", "Actions" },
	[PLAN_W_RESULTS] = { "Resultat", "Results" },
	[PLAN_W_ANALYSIS] = { "Analys", "Analysis" },
	[PLAN_W_IMPROVEMENTS] = { "Förbättringsåtgärder", "Improvements" },
	[PLAN_W_NOT_IN_FOLLOWUP] = { "Ej rapporterat i uppföljningen.", "Not reported in the follow-up." },
	[PLAN_W_FOLLOWUP_INTRO] = { "Uppföljning per {1} ({2}, {3}).", "Follow-up as of {1} ({2}, {3})." },
	[PLAN_W_BELOW_KOMMUN] = { "Nämndernas mål som bidrar", "Body goals that contribute" },
	[PLAN_W_BELOW_BODY] = { "Kontorens mål och aktiviteter som bidrar", "Office goals and activities that contribute" },
	[PLAN_W_BELOW_OFFICE] = { "Aktiviteter som bidrar", "Activities that contribute" },
	[PLAN_W_NO_CONTRIBUTIONS] = { "Inget på nivån under bidrar till målet.", "Nothing on the level below contributes to this goal." },
	[PLAN_W_HUSHALLNING] = { "God ekonomisk hushållning", "Sound financial management (god ekonomisk hushållning)" },
	[PLAN_W_VERDICT_MET] = { "Bedömningen är att god ekonomisk hushållning uppnås.", "The assessment is that sound financial management is achieved." },
	[PLAN_W_VERDICT_NOT_MET] = { "Bedömningen är att god ekonomisk hushållning inte uppnås.", "The assessment is that sound financial management is not achieved." },
	[PLAN_W_VERDICT_NOT_ASSESSABLE] = { "God ekonomisk hushållning kan inte bedömas.", "Sound financial management cannot be assessed." },
	[PLAN_W_BASIS_FORECAST] = { "Bedömningen bygger på fullmäktigemålens helårsprognos (status där prognos saknas).", "The assessment rests on the council goals' full-year forecast (the status where a forecast is missing)." },
	[PLAN_W_BASIS_STATUS] = { "Bedömningen bygger på fullmäktigemålens måluppfyllelse per {1}.", "The assessment rests on the council goals' fulfilment as of {1}." },
	[PLAN_W_SHARE_LINE] = { "Viktad andel uppfyllda fullmäktigemål: {1} av {2} mål, {3} %; kravet är minst {4} %.", "Weighted share of council goals met: {1} of {2} goals, {3} %; at least {4} % is required." },
	[PLAN_W_WEIGHT_LINE] = { "Ett delvis uppfyllt mål räknas som {1}; mål som inte är bedömda eller rapporterade räknas som ej uppfyllda.", "A partly met goal counts as {1}; goals not assessed or not reported count as not met." },
	[PLAN_W_FULLY_MET_LINE] = { "Perspektiv där alla mål ska vara uppfyllda: {1}.", "Perspectives whose goals must all be met: {1}." },
	[PLAN_W_EACH_LINE] = { "Varje perspektiv med mål ska nå minst {1} %.", "Every perspective with goals must reach at least {1} %." },
	[PLAN_W_UNKNOWN_PERSPECTIVE_LINE] = { "Regeln perspectives_fully_met nämner perspektivet '{1}', som styrmodellen inte har.", "The rule perspectives_fully_met names the perspective '{1}', which the styrmodell does not define." },
	[PLAN_W_NO_GOALS_LINE] = { "Det finns inga fullmäktigemål att bedöma.", "There are no council goals to assess." },
	[PLAN_W_GOALS] = { "Mål", "Goals" },
	[PLAN_W_WEIGHTED_SHARE] = { "Viktad andel", "Weighted share" },
	[PLAN_W_REQUIREMENT] = { "Krav", "Requirement" },
	[PLAN_W_REQUIREMENT_MET] = { "Uppfyllt", "Met" },
	[PLAN_W_ALL_GOALS_MET] = { "Alla mål uppfyllda", "All goals met" },
	[PLAN_W_AT_LEAST] = { "Minst {1} %", "At least {1} %" },
	[PLAN_W_YES] = { "Ja", "Yes" },
	[PLAN_W_NO] = { "Nej", "No" },
	[PLAN_W_ASSESSMENT] = { "Kommunens bedömning", "The municipality's assessment" },
	[PLAN_W_ASSIGNMENTS] = { "Särskilda uppdrag", "Special assignments (särskilda uppdrag)" },
	[PLAN_W_NO_ASSIGNMENTS] = { "Inga särskilda uppdrag gäller {1}.", "No special assignments apply in {1}." },
	[PLAN_W_TILLSKOTT] = { "tillskott", "extra funding (tillskott)" },
	[PLAN_W_INOM_RAM] = { "inom ram", "within the frame (inom ram)" },
	[PLAN_W_REPORTED_BY] = { "rapporterat av", "reported by" },
	[PLAN_W_REPORT] = { "Redovisning", "Report" },
	[PLAN_W_KPIS] = { "Nyckeltal", "Key performance indicators" },
	[PLAN_W_KPI] = { "Nyckeltal", "KPI" },
	[PLAN_W_NAME] = { "Namn", "Name" },
	[PLAN_W_UNIT_OF_MEASURE] = { "Enhet", "Unit" },
	[PLAN_W_BETTER] = { "Bättre", "Better" },
	[PLAN_W_HIGHER] = { "högre", "higher" },
	[PLAN_W_LOWER] = { "lägre", "lower" },
	[PLAN_W_BASELINE] = { "Utgångsvärde", "Baseline" },
	[PLAN_W_TARGET] = { "Mål", "Target" },
	[PLAN_W_TARGET_YEAR] = { "Mål {1}", "Target {1}" },
	[PLAN_W_OUTCOME] = { "Utfall", "Outcome" },
	[PLAN_W_ASSESSMENT_KPI] = { "Bedömning", "Assessment" },
	[PLAN_W_NO_KPIS] = { "Inga nyckeltal.", "No KPIs." },
	[PLAN_W_ACTIVITIES] = { "Aktiviteter", "Activities" },
	[PLAN_W_ACTIVITY] = { "Aktivitet", "Activity" },
	[PLAN_W_TITLE] = { "Titel", "Title" },
	[PLAN_W_ORG_UNIT] = { "Enhet", "Unit" },
	[PLAN_W_RESPONSIBLE] = { "Ansvarig", "Responsible" },
	[PLAN_W_DUE] = { "Senast", "Due" },
	[PLAN_W_COUNT] = { "Antal", "Count" },
	[PLAN_W_NO_ACTIVITIES] = { "Inga aktiviteter i arbetsplaner som gäller under perioden.", "No activities in work plans in force during the period." },
	[PLAN_W_ECONOMY] = { "Ekonomi", "Economy" },
	[PLAN_W_BUDGET_TKR] = { "Budget (tkr)", "Budget (kSEK)" },
	[PLAN_W_OUTCOME_TKR] = { "Utfall (tkr)", "Outcome (kSEK)" },
	[PLAN_W_FORECAST_TKR] = { "Helårsprognos (tkr)", "Forecast (kSEK)" },
	[PLAN_W_DEVIATION_TKR] = { "Avvikelse (tkr)", "Deviation (kSEK)" },
	[PLAN_W_DEVIATION_PCT] = { "Avvikelse (%)", "Deviation (%)" },
	[PLAN_W_SUM] = { "Summa", "Sum" },
	[PLAN_W_DEVIATION_NOTE_INTERIM] = { "Avvikelse = budget − helårsprognos; ett positivt tal är ett överskott.", "Deviation = budget − full-year forecast; a positive number is a surplus." },
	[PLAN_W_DEVIATION_NOTE_YEAR] = { "Avvikelse = budget − utfall (helårsprognos där utfall saknas); ett positivt tal är ett överskott.", "Deviation = budget − outcome (the forecast where the outcome is missing); a positive number is a surplus." },
	[PLAN_W_NO_ECONOMY] = { "Ingen ekonomi är rapporterad.", "No economy is reported." },
	[PLAN_W_DEVIATIONS] = { "Avvikelser och förbättringsåtgärder", "Deviations and improvements" },
	[PLAN_W_DEVIATIONS_INTRO] = { "Mål vars status eller helårsprognos är lägre än uppfylld.", "Goals whose status or full-year forecast is below met." },
	[PLAN_W_NO_DEVIATIONS] = { "Inga avvikelser.", "No deviations." },
	[PLAN_W_NO_IMPROVEMENTS] = { "Förbättringsåtgärder saknas.", "No improvements are stated." },
	[PLAN_W_PROGNOS_SHORT] = { "prognos", "forecast" },
	[PLAN_W_ORGANISATION] = { "Organisation", "Organisation" },
	[PLAN_W_PLAN_ADOPTED_LINE] = { "Antagen {1} av {2}{3}.", "Adopted {1} by {2}{3}." },
	[PLAN_W_PLAN_NOT_ADOPTED] = { "Ännu inte antagen.", "Not yet adopted." },
	[PLAN_W_VISION] = { "Vision", "Vision" },
	[PLAN_W_STRATEGIES] = { "Strategier", "Strategies" },
	[PLAN_W_AGENDA2030] = { "Agenda 2030", "Agenda 2030" },
	[PLAN_W_CHAIN] = { "Kedjan under målet", "The chain below the goal" },
	[PLAN_W_NO_CHAIN] = { "Inget på lägre nivåer bidrar till målet.", "Nothing on lower levels contributes to this goal." },
	[PLAN_W_ASSIGNMENT] = { "Särskilt uppdrag", "Special assignment" },
	[PLAN_W_KPI_TARGETS] = { "mål {1}", "targets {1}" },
	[PLAN_W_BUDGET_FRAMES] = { "Budgetramar (tkr)", "Budget frames (kSEK)" },
	[PLAN_W_BUDGET_AREAS] = { "Budget per verksamhetsområde", "Budget by area of operations" },
	[PLAN_W_AREA] = { "Verksamhetsområde", "Area" },
	[PLAN_W_AMOUNT_TKR] = { "Belopp (tkr)", "Amount (kSEK)" },
	[PLAN_W_BODY] = { "Nämnd", "Body" },
	[PLAN_W_FLERARSPLAN] = { "Flerårsplan", "Multi-year plan (flerårsplan)" },
	[PLAN_W_VERKSAMHETSPLAN] = { "Verksamhetsplan", "Operational plan (verksamhetsplan)" },
	[PLAN_W_KONTORSPLAN] = { "Kontorsplan", "Office plan (kontorsplan)" },
	[PLAN_W_ARBETSPLAN] = { "Arbetsplan", "Work plan (arbetsplan)" },
	[PLAN_W_GOALS_OF_PLAN] = { "Mål", "Goals" },
	[PLAN_W_NO_PLAN] = { "Ingen plan hittades.", "No plan was found." },
	[PLAN_W_KPIS_TITLE] = { "Nyckeltal – {1}", "Key performance indicators – {1}" },
	[PLAN_W_KPIS_INTRO] = { "Utfall från uppföljningarna.", "Outcomes from the follow-ups." },
	[PLAN_W_KPIS_INTRO_KOLADA] = { "Utfall från uppföljningarna och från Kolada ({1}, kommun {2}); uppföljningarnas värden går före Koladas.", "Outcomes from the follow-ups and from Kolada ({1}, municipality {2}); the follow-ups' values win over Kolada's." },
	[PLAN_W_MEASURES] = { "Mäter", "Measures" },
	[PLAN_W_ASPECT] = { "Aspekt", "Aspect" },
	[PLAN_W_KOLADA] = { "Kolada", "Kolada" },
	[PLAN_W_OFFICE] = { "Kontor", "Office" },
	[PLAN_W_YEAR] = { "År", "Year" },
	[PLAN_W_WOMEN] = { "Kvinnor", "Women" },
	[PLAN_W_MEN] = { "Män", "Men" },
	[PLAN_W_SOURCE] = { "Källa", "Source" },
	[PLAN_W_LATEST_OUTCOME] = { "Senaste utfall", "Latest outcome" },
	[PLAN_W_OVERVIEW] = { "Översikt", "Overview" },
	[PLAN_W_CALENDAR_TITLE] = { "Årshjul {1} – {2}", "Planning and follow-up calendar (årshjul) {1} – {2}" },
	[PLAN_W_CALENDAR_INTRO] = { "Planerings- och uppföljningsdatum i datumordning, med lagens sista dagar.", "Planning and follow-up dates in date order, with the legal deadlines." },
	[PLAN_W_SOURCE_COMMIT] = { "Underlag: planerna i commit {1} ({2}).", "Source: the plans as of commit {1} ({2})." },
	[PLAN_W_SOURCE_DIRTY] = { "Underlag: arbetskopian, med ändringar som ännu inte är incheckade.", "Source: the working tree, with changes not yet committed." },
	[PLAN_W_SOURCE_WORKTREE] = { "Underlag: arbetskopian.", "Source: the working tree." },
	[PLAN_W_DATE] = { "Datum", "Date" },
	[PLAN_W_EVENT] = { "Händelse", "Event" },
	[PLAN_W_MS_AR_DEADLINE] = { "Årsredovisning {1} till fullmäktige och revisorerna senast", "Annual report {1} due to the council and the auditors" },
	[PLAN_W_MS_DR1_CHECKPOINT] = { "Delårsrapport 1 {1}: avstämningsdag", "Interim report 1 {1}: as-of date" },
	[PLAN_W_MS_DR1_DEADLINE] = { "Delårsrapport 1 {1} till fullmäktige senast (inom två månader)", "Interim report 1 {1} due to the council (within two months)" },
	[PLAN_W_MS_SCHOOL_YEAR_START] = { "Läsåret {1} börjar: arbetsplaner per läsår, {2}", "School year {1} starts: work plans by school year, {2}" },
	[PLAN_W_MS_DR2_CHECKPOINT] = { "Delårsrapport 2 {1} (delårsbokslut): avstämningsdag", "Interim report 2 {1} (interim accounts): as-of date" },
	[PLAN_W_MS_DR2_DEADLINE] = { "Delårsrapport 2 {1} till fullmäktige senast (inom två månader)", "Interim report 2 {1} due to the council (within two months)" },
	[PLAN_W_MS_BUDGET_DEADLINE] = { "Budget {1} fastställd av fullmäktige senast", "Budget {1} adopted by the council at the latest" },
	[PLAN_W_MS_YEAR_END] = { "Årets slut: avstämningsdag för årsredovisning {1}", "Year end: as-of date of the annual report {1}" },
	[PLAN_W_MS_PLAN_ADOPTED] = { "{1} antagen av {2}", "{1} adopted by {2}" },
	[PLAN_W_PERIOD_DR1] = { "Delårsrapport 1", "Interim report 1" },
	[PLAN_W_PERIOD_DR2] = { "Delårsrapport 2", "Interim report 2" },
	[PLAN_W_PERIOD_AR] = { "Årsredovisning", "Annual report" },
	[PLAN_W_GOAL_MET] = { "Uppfylld", "Met" },
	[PLAN_W_GOAL_PARTLY_MET] = { "Delvis uppfylld", "Partly met" },
	[PLAN_W_GOAL_NOT_MET] = { "Ej uppfylld", "Not met" },
	[PLAN_W_GOAL_NOT_ASSESSED] = { "Ej bedömd", "Not assessed" },
	[PLAN_W_GOAL_UNREPORTED] = { "Ej rapporterad", "Not reported" },
	[PLAN_W_TASK_NOT_STARTED] = { "Ej påbörjad", "Not started" },
	[PLAN_W_TASK_ONGOING] = { "Pågår", "Ongoing" },
	[PLAN_W_TASK_DONE] = { "Klar", "Done" },
	[PLAN_W_TASK_LATE] = { "Försenad", "Late" },
	[PLAN_W_TASK_CANCELLED] = { "Avbruten", "Cancelled" },
	[PLAN_W_TASK_UNREPORTED] = { "Ej rapporterad", "Not reported" },
	[PLAN_W_KPI_MET] = { "Uppnått", "Met" },
	[PLAN_W_KPI_IMPROVED] = { "Förbättrat, ej uppnått", "Improved, not met" },
	[PLAN_W_KPI_NOT_MET] = { "Ej uppnått", "Not met" },
	[PLAN_W_KPI_NO_TARGET] = { "Mål saknas", "No target" },
	[PLAN_W_KPI_NO_OUTCOME] = { "Utfall saknas", "No outcome" },
	[PLAN_W_CHART_STATUS] = { "Måluppfyllelse per perspektiv (antal mål)", "Goal fulfilment by perspective (number of goals)" },
	[PLAN_W_CHART_KPI] = { "Nyckeltal: utfall mot mål", "KPIs: outcome against target" },
	[PLAN_W_CHART_KPI_LEGEND] = { "Punkt: utfall, färgad efter bedömningen · ring: utgångsvärde · svart streck: mål. Varje nyckeltal har sin egen skala.", "Dot: outcome, coloured by its assessment · ring: baseline · black line: target. Each KPI has its own scale." },
	[PLAN_W_SCORE] = { "Poäng", "Score" },
	[PLAN_W_CHART_FORECAST] = { "Helårsprognos per perspektiv (antal mål)", "Full-year forecast by perspective (number of goals)" },
	[PLAN_W_CONTRIBUTES_TO] = { "Bidrar till", "Contributes to" },
	[PLAN_W_HIGHER_BETTER] = { "högre är bättre", "higher is better" },
	[PLAN_W_LOWER_BETTER] = { "lägre är bättre", "lower is better" },
	[PLAN_W_START] = { "Start", "Start" },
	[PLAN_W_FOLLOWED_KPIS] = { "Nyckeltal som enheten följer", "KPIs the unit follows" },
	[PLAN_W_KPIS_OF_OFFICE] = { "Kontorets nyckeltal", "The office's KPIs" },
	[PLAN_W_PLAN_BY] = { "Planering", "Plan" },
	[PLAN_W_TKR] = { "tkr", "kSEK" },
};

const char *plan_word_text(plan_word word, plan_lang lang)
{
	if ((unsigned)word >= PLAN_WORDS)
		return "";
	const phrase *p = &table[word];
	const char *text = lang == PLAN_LANG_EN ? p->en : p->sv;
	return text ? text : "";
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
