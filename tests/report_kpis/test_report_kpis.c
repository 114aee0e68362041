/* Unit tests for the KPI table: targets, outcomes from the follow-ups (the
 * latest checkpoint wins), outcomes from a Kolada file (the follow-ups win),
 * each judged by direction; and reading Kolada files. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/kolada.h"
#include "plan/report_kpis.h"
#include "plan/set.h"

static void near(double a, double b, double eps, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%.15g != %.15g (within %g)\n", a, b, eps);
		_fail(file, line);
	}
}
#define assert_double_equal(a, b, eps) near((a), (b), (eps), __FILE__, __LINE__)

static plan_set *set;

static int setup(void **state)
{
	(void)state;
	plan_set_options opt = PLAN_SET_OPTIONS_INIT;
	plan_error err = PLAN_ERROR_INIT;
	opt.path = PLAN_TEST_DIR "/report/sets/full";
	opt.jobs = 1;
	return plan_set_load(&set, &opt, &err);
}

static int teardown(void **state)
{
	(void)state;
	plan_set_free(set);
	return 0;
}

static const plan_kpi_report *kpi(const plan_kpi_table *t, const char *id)
{
	for (size_t i = 0; i < t->nkpis; i++)
		if (strcmp(t->kpis[i].kpi->id, id) == 0)
			return &t->kpis[i];
	fail_msg("no KPI %s", id);
	return NULL;
}

static const plan_kpi_year *year(const plan_kpi_report *r, int y)
{
	for (size_t i = 0; i < r->nyears; i++)
		if (r->years[i].year == y)
			return &r->years[i];
	fail_msg("%s has no year %d", r->kpi->id, y);
	return NULL;
}

static plan_kolada *load_kolada(const char *text, plan_error *err)
{
	plan_limits limits = PLAN_LIMITS_INIT;
	plan_kolada *k = NULL;
	if (plan_kolada_load(&k, "kolada.json", text, strlen(text), &limits, err) < 0)
		return NULL;
	return k;
}

static void test_followups(void **state)
{
	(void)state;
	plan_kpi_table *t = NULL;
	assert_int_equal(plan_kpi_table_build(&t, plan_set_model(set), NULL), 0);
	assert_int_equal(t->nkpis, 16);
	const plan_kpi_report *r = kpi(t, "NT-UTBK-1");
	assert_false(r->lower_is_better);
	assert_string_equal(r->unit, "procent");
	assert_string_equal(r->kolada, "N15419");
	assert_true(r->has_baseline);
	assert_int_equal(r->baseline_year, 2025);
	assert_double_equal(r->baseline, 74.5, 0);
	assert_int_equal(r->nyears, 3);
	/* DR1 said 75, the årsredovisning 77.1: the later checkpoint wins */
	const plan_kpi_year *y = year(r, 2026);
	assert_double_equal(y->target, 76, 0);
	assert_double_equal(y->outcome, 77.1, 1e-12);
	assert_string_equal(y->doc->id, "AR-2026-BUN");
	assert_int_equal(y->result, PLAN_KPI_MET);
	assert_double_equal(y->margin, 1.1, 1e-9);
	assert_int_equal(year(r, 2027)->result, PLAN_KPI_NO_OUTCOME);

	/* lower is better: 37 g against 38 */
	r = kpi(t, "NT-UTBK-2");
	assert_true(r->lower_is_better);
	assert_int_equal(year(r, 2026)->result, PLAN_KPI_MET);
	assert_double_equal(year(r, 2026)->margin, 1, 1e-12);

	/* an outcome of a year without a target: 2025 of NT-SBK-1 */
	r = kpi(t, "NT-SBK-1");
	y = year(r, 2025);
	assert_false(y->has_target);
	assert_double_equal(y->outcome, 1150, 0);
	assert_int_equal(y->result, PLAN_KPI_NO_TARGET);
	/* as of 2026: the 2026 target against the latest outcome (2025) */
	plan_kpi_year at;
	plan_kpi_report_at(r, 2026, &at);
	assert_double_equal(at.target, 1100, 0);
	assert_int_equal(at.outcome_year, 2025);
	assert_int_equal(at.result, PLAN_KPI_IMPROVED);

	/* a period "2026-T1" counts for 2026 and keeps its text */
	y = year(kpi(t, "NT-SBK-3"), 2026);
	assert_string_equal(y->period, "2026-T1");
	assert_int_equal(y->result, PLAN_KPI_IMPROVED);
	plan_kpi_table_free(t);

	/* up to DR1 2026 only */
	plan_kpi_options opt = PLAN_KPI_OPTIONS_INIT;
	opt.upto_year = 2026;
	opt.upto_period = PLAN_PERIOD_DR1;
	assert_int_equal(plan_kpi_table_build(&t, plan_set_model(set), &opt), 0);
	y = year(kpi(t, "NT-UTBK-1"), 2026);
	assert_double_equal(y->outcome, 75, 0);
	assert_string_equal(y->doc->id, "DR1-2026-UTBK");
	assert_int_equal(y->result, PLAN_KPI_IMPROVED);
	plan_kpi_table_free(t);
}

/* Every KPI's report is found by its item, and nothing else has one. */
static void test_find(void **state)
{
	(void)state;
	const plan_model *m = plan_set_model(set);
	plan_kpi_table *t = NULL;
	assert_int_equal(plan_kpi_table_build(&t, m, NULL), 0);
	size_t found = 0;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_kpi_report *r = plan_kpi_table_find(t, m->items[i]);
		if (m->items[i]->kind != PLAN_ITEM_KPI) {
			assert_null(r);
			continue;
		}
		assert_non_null(r);
		assert_ptr_equal(r->kpi, m->items[i]);
		found++;
	}
	assert_int_equal(found, t->nkpis);
	assert_ptr_equal(plan_kpi_table_find(t, t->kpis[3].kpi), &t->kpis[3]);
	plan_kpi_table_free(t);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void test_kolada_merge(void **state)
{
	(void)state;
	plan_error err = PLAN_ERROR_INIT;
	plan_kolada *k = load_kolada(read_all(PLAN_TEST_DIR "/report/kolada.json"), &err);
	assert_non_null(k);
	assert_int_equal(plan_kolada_rows(k), 6);
	assert_int_equal(plan_kolada_skipped(k), 1);   /* a row without a period */
	plan_kolada_value v;
	assert_int_equal(plan_kolada_find(k, "N15419", "9999", 2025, &v), 1);
	assert_double_equal(v.total, 74.6, 1e-12);
	assert_true(v.has_women);
	assert_double_equal(v.women, 77, 0);
	assert_double_equal(v.men, 72, 0);
	assert_int_equal(plan_kolada_find(k, "N15419", "0486", 2025, &v), 0);
	assert_int_equal(plan_kolada_find(k, "N00401", "9999", 2026, &v), 0);   /* value null */
	int years[8];
	assert_int_equal(plan_kolada_years(k, "N15419", "9999", years, 8), 3);
	assert_int_equal(years[0], 2024);
	assert_int_equal(years[2], 2026);

	plan_kpi_options opt = PLAN_KPI_OPTIONS_INIT;
	opt.kolada = k;
	plan_kpi_table *t = NULL;
	assert_int_equal(plan_kpi_table_build(&t, plan_set_model(set), &opt), 0);
	const plan_kpi_report *r = kpi(t, "NT-UTBK-1");
	/* 2024 lies before the baseline year: left out */
	assert_int_equal(r->nyears, 4);
	assert_int_equal(r->years[0].year, 2025);
	assert_true(r->years[0].from_kolada);
	assert_double_equal(r->years[0].outcome, 74.6, 1e-12);
	assert_double_equal(r->years[0].women, 77, 0);
	/* 2026: the follow-up's 77.1 wins over Kolada's 76.4 */
	assert_false(r->years[1].from_kolada);
	assert_double_equal(r->years[1].outcome, 77.1, 1e-12);
	assert_false(r->years[1].has_women);
	/* NT-SBK-1 2025: the follow-up's 1150 wins over Kolada's 1180 */
	assert_double_equal(year(kpi(t, "NT-SBK-1"), 2025)->outcome, 1150, 0);
	assert_int_equal(t->kolada_outcomes, 1);
	assert_int_equal(t->kolada_overridden, 2);
	plan_kpi_table_free(t);

	/* another municipality's code matches other rows */
	opt.municipality = "0486";
	assert_int_equal(plan_kpi_table_build(&t, plan_set_model(set), &opt), 0);
	assert_double_equal(year(kpi(t, "NT-UTBK-1"), 2026)->outcome, 77.1, 1e-12);
	assert_int_equal(t->kolada_outcomes, 0);
	assert_int_equal(t->kolada_overridden, 1);
	plan_kpi_table_free(t);
	plan_kolada_free(k);
}

static void test_kolada_errors(void **state)
{
	(void)state;
	plan_error err = PLAN_ERROR_INIT;
	assert_null(load_kolada("{\"values\": [\n", &err));
	assert_non_null(strstr(err.message, "kolada.json:2:1:"));
	assert_null(load_kolada("{\"count\": 0}", &err));
	assert_non_null(strstr(err.message, "'values' list"));
	assert_null(load_kolada("[1, 2]", &err));
	/* compact JSON, as the API sends it, and an empty list */
	plan_kolada *k = load_kolada("{\"values\":[{\"kpi\":\"N1\",\"municipality\":\"0001\",\"period\":2026,"
		"\"values\":[{\"gender\":\"T\",\"value\":1.5}]}]}", &err);
	assert_non_null(k);
	plan_kolada_value v;
	assert_int_equal(plan_kolada_find(k, "N1", "0001", 2026, &v), 1);
	assert_double_equal(v.total, 1.5, 0);
	plan_kolada_free(k);
	k = load_kolada("{\"values\": []}", &err);
	assert_non_null(k);
	assert_int_equal(plan_kolada_rows(k), 0);
	plan_kolada_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_followups),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_kolada_merge),
		cmocka_unit_test(test_kolada_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
