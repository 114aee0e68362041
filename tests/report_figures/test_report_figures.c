/* Unit tests for the figures reports rest on: statuses and counts, economy
 * deviations in tkr and per cent, KPI outcomes judged by direction, numbers
 * as each language writes them, and the words table. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/buf.h"
#include "plan/report.h"
#include "plan/report_words.h"

/* cmocka 1.1.5 compares floats only; figures need doubles. */
static void near(double a, double b, double eps, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%.15g != %.15g (within %g)\n", a, b, eps);
		_fail(file, line);
	}
}
#define assert_double_equal(a, b, eps) near((a), (b), (eps), __FILE__, __LINE__)

static void test_statuses(void **state)
{
	(void)state;
	assert_int_equal(plan_goal_status_parse("uppfylld"), PLAN_GOAL_MET);
	assert_int_equal(plan_goal_status_parse("delvis_uppfylld"), PLAN_GOAL_PARTLY_MET);
	assert_int_equal(plan_goal_status_parse("ej_uppfylld"), PLAN_GOAL_NOT_MET);
	assert_int_equal(plan_goal_status_parse("ej_bedomd"), PLAN_GOAL_NOT_ASSESSED);
	assert_int_equal(plan_goal_status_parse(NULL), PLAN_GOAL_UNREPORTED);
	assert_int_equal(plan_goal_status_parse("ej_rapporterad"), PLAN_GOAL_UNREPORTED);
	assert_int_equal(plan_goal_status_parse("Uppfylld"), PLAN_GOAL_UNREPORTED);
	assert_string_equal(plan_goal_status_key(PLAN_GOAL_PARTLY_MET), "delvis_uppfylld");
	assert_string_equal(plan_goal_status_key(PLAN_GOAL_UNREPORTED), "ej_rapporterad");
	assert_true(plan_goal_status_below_met(PLAN_GOAL_PARTLY_MET));
	assert_true(plan_goal_status_below_met(PLAN_GOAL_NOT_MET));
	assert_false(plan_goal_status_below_met(PLAN_GOAL_MET));
	assert_false(plan_goal_status_below_met(PLAN_GOAL_NOT_ASSESSED));
	assert_false(plan_goal_status_below_met(PLAN_GOAL_UNREPORTED));

	assert_int_equal(plan_task_status_parse("forsenad"), PLAN_TASK_LATE);
	assert_int_equal(plan_task_status_parse("pagar"), PLAN_TASK_ONGOING);
	assert_int_equal(plan_task_status_parse("nej"), PLAN_TASK_UNREPORTED);
	assert_string_equal(plan_task_status_key(PLAN_TASK_NOT_STARTED), "ej_paborjad");

	assert_int_equal(plan_period_parse("dr1"), PLAN_PERIOD_DR1);
	assert_int_equal(plan_period_parse("ar"), PLAN_PERIOD_AR);
	assert_int_equal(plan_period_parse("AR"), -1);
	assert_int_equal(plan_period_parse(NULL), -1);
	assert_string_equal(plan_period_monthday(NULL, PLAN_PERIOD_DR2), "08-31");
	assert_string_equal(plan_period_monthday(NULL, PLAN_PERIOD_AR), "12-31");
}

static void test_counts(void **state)
{
	(void)state;
	plan_status_counts c = { { 0 }, 0 };
	plan_goal_status s[] = { PLAN_GOAL_MET, PLAN_GOAL_MET, PLAN_GOAL_PARTLY_MET, PLAN_GOAL_NOT_MET,
		PLAN_GOAL_NOT_ASSESSED, PLAN_GOAL_UNREPORTED, (plan_goal_status)99 };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		plan_status_counts_add(&c, s[i]);
	assert_int_equal(c.total, 7);
	assert_int_equal(c.n[PLAN_GOAL_MET], 2);
	assert_int_equal(c.n[PLAN_GOAL_PARTLY_MET], 1);
	assert_int_equal(c.n[PLAN_GOAL_NOT_MET], 1);
	assert_int_equal(c.n[PLAN_GOAL_NOT_ASSESSED], 1);
	/* an out-of-range status counts as not reported */
	assert_int_equal(c.n[PLAN_GOAL_UNREPORTED], 2);
}

static plan_economy economy(int hb, double b, int ho, double o, int hf, double f)
{
	plan_economy e;
	memset(&e, 0, sizeof e);
	e.has_budget = hb;
	e.budget_tkr = b;
	e.has_outcome = ho;
	e.outcome_tkr = o;
	e.has_forecast = hf;
	e.forecast_tkr = f;
	return e;
}

static void test_economy_interim(void **state)
{
	(void)state;
	/* DR1: budget 245 000, forecast 244 600: a surplus of 400, 0.163 %. */
	plan_economy e = economy(1, 245000, 1, 80900, 1, 244600);
	plan_economy_compute(&e, 0);
	assert_int_equal(e.basis, PLAN_ECONOMY_FORECAST);
	assert_true(e.has_deviation);
	assert_double_equal(e.deviation_tkr, 400, 1e-9);
	assert_true(e.has_deviation_pct);
	assert_double_equal(e.deviation_pct, 400.0 / 245000.0 * 100.0, 1e-9);

	/* An overspend is negative. */
	e = economy(1, 2000000, 1, 640000, 1, 2010000);
	plan_economy_compute(&e, 0);
	assert_double_equal(e.deviation_tkr, -10000, 1e-9);
	assert_double_equal(e.deviation_pct, -0.5, 1e-12);

	/* In DR1 and DR2 the outcome so far is no basis. */
	e = economy(1, 1000, 1, 300, 0, 0);
	plan_economy_compute(&e, 0);
	assert_int_equal(e.basis, PLAN_ECONOMY_NO_BASIS);
	assert_false(e.has_deviation);
	assert_false(e.has_deviation_pct);

	/* No budget: no deviation. */
	e = economy(0, 0, 0, 0, 1, 500);
	plan_economy_compute(&e, 0);
	assert_false(e.has_deviation);

	/* A budget of 0: a deviation in tkr, none in per cent. */
	e = economy(1, 0, 0, 0, 1, 50);
	plan_economy_compute(&e, 0);
	assert_true(e.has_deviation);
	assert_double_equal(e.deviation_tkr, -50, 1e-9);
	assert_false(e.has_deviation_pct);

	/* A negative (income) budget: per cent of its absolute value. */
	e = economy(1, -1000, 0, 0, 1, -1100);
	plan_economy_compute(&e, 0);
	assert_double_equal(e.deviation_tkr, 100, 1e-9);
	assert_double_equal(e.deviation_pct, 10, 1e-9);
}

static void test_economy_year_end(void **state)
{
	(void)state;
	/* ÅR: the outcome is the basis, even when a forecast is given. */
	plan_economy e = economy(1, 245000, 1, 246225, 1, 244000);
	plan_economy_compute(&e, 1);
	assert_int_equal(e.basis, PLAN_ECONOMY_OUTCOME);
	assert_double_equal(e.deviation_tkr, -1225, 1e-9);
	assert_double_equal(e.deviation_pct, -0.5, 1e-12);
	/* ... and the forecast where there is no outcome. */
	e = economy(1, 1000, 0, 0, 1, 900);
	plan_economy_compute(&e, 1);
	assert_int_equal(e.basis, PLAN_ECONOMY_FORECAST);
	assert_double_equal(e.deviation_tkr, 100, 1e-9);
}

static void test_economy_sum(void **state)
{
	(void)state;
	plan_economy rows[4] = {
		economy(1, 300000, 1, 101000, 1, 303000),
		economy(1, 245000, 1, 80900, 1, 244600),
		economy(1, 150000, 1, 48000, 1, 149000),
		economy(1, 50000, 1, 1000, 0, 0),      /* no forecast: no deviation */
	};
	for (int i = 0; i < 4; i++)
		plan_economy_compute(&rows[i], 0);
	plan_economy sum;
	plan_economy_sum(&sum, rows, 4);
	assert_double_equal(sum.budget_tkr, 745000, 1e-9);
	assert_double_equal(sum.outcome_tkr, 230900, 1e-9);
	assert_double_equal(sum.forecast_tkr, 696600, 1e-9);
	assert_true(sum.has_deviation);
	assert_double_equal(sum.deviation_tkr, -1600, 1e-9);
	/* per cent of the budgets of the rows with a deviation (695 000) */
	assert_double_equal(sum.deviation_pct, -1600.0 / 695000.0 * 100.0, 1e-9);
	assert_int_equal(sum.basis, PLAN_ECONOMY_FORECAST);
	assert_null(sum.comment);

	plan_economy_sum(&sum, rows, 0);
	assert_false(sum.has_budget);
	assert_false(sum.has_deviation);
}

static plan_kpi_result judge(int lower, int ho, double o, int ht, double t, int hb, double b)
{
	plan_kpi_values v = { lower, ho, ht, hb, o, t, b };
	return plan_kpi_judge(&v);
}

static void test_kpi_higher(void **state)
{
	(void)state;
	assert_int_equal(judge(0, 1, 77.1, 1, 76, 1, 74.5), PLAN_KPI_MET);
	assert_int_equal(judge(0, 1, 76, 1, 76, 1, 74.5), PLAN_KPI_MET);     /* reaching is meeting */
	assert_int_equal(judge(0, 1, 75, 1, 76, 1, 74.5), PLAN_KPI_IMPROVED);
	assert_int_equal(judge(0, 1, 74.5, 1, 76, 1, 74.5), PLAN_KPI_NOT_MET); /* no better than baseline */
	assert_int_equal(judge(0, 1, 70, 1, 76, 1, 74.5), PLAN_KPI_NOT_MET);
	assert_int_equal(judge(0, 1, 75, 1, 76, 0, 0), PLAN_KPI_NOT_MET);    /* no baseline to improve on */
	assert_int_equal(judge(0, 1, 75, 0, 0, 1, 74.5), PLAN_KPI_NO_TARGET);
	assert_int_equal(judge(0, 0, 0, 1, 76, 1, 74.5), PLAN_KPI_NO_OUTCOME);
	/* Negative values: a budget deviation target of 0 from -1.2. */
	assert_int_equal(judge(0, 1, -0.4, 1, 0, 1, -1.2), PLAN_KPI_IMPROVED);
	assert_int_equal(judge(0, 1, 0.1, 1, 0, 1, -1.2), PLAN_KPI_MET);
	/* Rounding: 79.9999999 reaches 80. */
	assert_int_equal(judge(0, 1, 79.9999999, 1, 80, 1, 70), PLAN_KPI_MET);
	assert_int_equal(judge(0, 1, 79.99, 1, 80, 1, 70), PLAN_KPI_IMPROVED);
}

static void test_kpi_lower(void **state)
{
	(void)state;
	assert_int_equal(judge(1, 1, 37, 1, 38, 1, 42), PLAN_KPI_MET);
	assert_int_equal(judge(1, 1, 38, 1, 38, 1, 42), PLAN_KPI_MET);
	assert_int_equal(judge(1, 1, 39, 1, 38, 1, 42), PLAN_KPI_IMPROVED);
	assert_int_equal(judge(1, 1, 42, 1, 38, 1, 42), PLAN_KPI_NOT_MET);
	assert_int_equal(judge(1, 1, 45, 1, 38, 1, 42), PLAN_KPI_NOT_MET);
	assert_int_equal(judge(1, 1, 31, 1, 30, 1, 31), PLAN_KPI_NOT_MET);
	assert_int_equal(judge(1, 1, 1150, 1, 1100, 1, 1200), PLAN_KPI_IMPROVED);

	plan_kpi_values v = { 1, 1, 1, 1, 37, 38, 42 };
	assert_double_equal(plan_kpi_margin(&v), 1, 1e-12);     /* 1 gram better than the target */
	v.lower_is_better = 0;
	assert_double_equal(plan_kpi_margin(&v), -1, 1e-12);
	v.has_target = 0;
	assert_double_equal(plan_kpi_margin(&v), 0, 1e-12);
	assert_string_equal(plan_kpi_result_key(PLAN_KPI_IMPROVED), "improved");
	assert_string_equal(plan_kpi_result_key(PLAN_KPI_NO_OUTCOME), "no_outcome");
}

static void number_is(double v, int decimals, int sign, plan_lang lang, const char *want)
{
	plan_buf buf = PLAN_BUF_INIT;
	assert_int_equal(plan_number_format(&buf, v, decimals, sign, lang), 0);
	assert_string_equal(buf.ptr, want);
	plan_buf_free(&buf);
}

static void test_numbers(void **state)
{
	(void)state;
	number_is(2010000, -1, 0, PLAN_LANG_SV, "2\xc2\xa0" "010\xc2\xa0" "000");
	number_is(2010000, -1, 0, PLAN_LANG_EN, "2,010,000");
	number_is(74.5, -1, 0, PLAN_LANG_SV, "74,5");
	number_is(74.5, -1, 0, PLAN_LANG_EN, "74.5");
	number_is(76, -1, 0, PLAN_LANG_SV, "76");
	number_is(-1.2, -1, 0, PLAN_LANG_SV, "-1,2");
	number_is(400, -1, 1, PLAN_LANG_SV, "+400");
	number_is(-1600, -1, 1, PLAN_LANG_SV, "-1\xc2\xa0" "600");
	number_is(0.16326530612, 1, 1, PLAN_LANG_SV, "+0,2");
	number_is(83.33333333, 1, 0, PLAN_LANG_EN, "83.3");
	number_is(-0.01, 1, 1, PLAN_LANG_SV, "0,0");          /* rounds to zero: no sign */
	number_is(-0.0, -1, 0, PLAN_LANG_SV, "0");
	number_is(999.5, 0, 0, PLAN_LANG_EN, "1,000");
	number_is(0.25, 1, 1, PLAN_LANG_SV, "+0,3");           /* half away from zero */
	number_is(-0.25, 1, 1, PLAN_LANG_SV, "-0,3");
	number_is(2.675, 2, 0, PLAN_LANG_EN, "2.68");
	number_is(1234567.891, 2, 0, PLAN_LANG_SV, "1\xc2\xa0" "234\xc2\xa0" "567,89");
	number_is(0.1234567, -1, 0, PLAN_LANG_EN, "0.123457");
}

static void test_words(void **state)
{
	(void)state;
	for (int w = 0; w < PLAN_WORDS; w++) {
		assert_true(strlen(plan_word_text((plan_word)w, PLAN_LANG_SV)) > 0);
		assert_true(strlen(plan_word_text((plan_word)w, PLAN_LANG_EN)) > 0);
	}
	assert_string_equal(plan_word_goal_status(PLAN_GOAL_PARTLY_MET, PLAN_LANG_SV), "Delvis uppfyllt");
	assert_string_equal(plan_word_goal_status(PLAN_GOAL_PARTLY_MET, PLAN_LANG_EN), "Partly met");
	assert_string_equal(plan_word_task_status(PLAN_TASK_ONGOING, PLAN_LANG_SV), "Pågår");
	assert_string_equal(plan_word_period(PLAN_PERIOD_AR, PLAN_LANG_SV), "Årsredovisning");
	assert_int_equal(plan_lang_parse("en"), PLAN_LANG_EN);
	assert_int_equal(plan_lang_parse("de"), -1);

	plan_buf buf = PLAN_BUF_INIT;
	const char *args[] = { "A", "B" };
	plan_word_fill(&buf, "{2} och {1}, {3}{x} {", args, 2);
	assert_string_equal(buf.ptr, "B och A, {x} {");
	plan_buf_free(&buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_economy_interim),
		cmocka_unit_test(test_economy_year_end),
		cmocka_unit_test(test_economy_sum),
		cmocka_unit_test(test_kpi_higher),
		cmocka_unit_test(test_kpi_lower),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
