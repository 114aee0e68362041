/* Unit tests for the follow-up report: the figures of tests/report/sets/full
 * (the plan set the end-to-end tests render), whose statuses are known. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/report_followup.h"
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
	if (plan_set_load(&set, &opt, &err) < 0) {
		print_error("%s\n", err.message);
		return -1;
	}
	/* the set is clean: every figure below is about what it says */
	return plan_diags_count(plan_set_diags(set)) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	plan_set_free(set);
	return 0;
}

static plan_followup *build(const char *owner, int year, plan_period period)
{
	plan_followup_options opt = { year, period, owner, NULL };
	plan_followup *f = NULL;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_followup_build(&f, plan_set_model(set), &opt, &err), 0);
	assert_non_null(f);
	return f;
}

static const plan_fu_entry *goal(const plan_followup *f, const char *id)
{
	for (size_t g = 0; g < f->ngoals; g++)
		if (strcmp(f->goals[g].item->id, id) == 0)
			return &f->goals[g];
	fail_msg("no goal %s", id);
	return NULL;
}

static void test_kommun_dr1(void **state)
{
	(void)state;
	plan_followup *f = build(NULL, 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->status, PLAN_FOLLOWUP_OK);
	assert_true(f->kommun);
	assert_string_equal(f->doc->id, "DR1-2026-KOMMUN");
	assert_string_equal(f->as_of, "2026-04-30");

	/* goals in perspective order */
	assert_int_equal(f->ngoals, 6);
	const char *order[] = { "KF-1", "KF-2", "KF-3", "KF-4", "KF-5", "KF-6" };
	for (size_t g = 0; g < 6; g++)
		assert_string_equal(f->goals[g].item->id, order[g]);

	/* counts per status per perspective: invånare, samhälle, medarbetare,
	 * ekonomi, and the row for goals without one */
	assert_int_equal(f->nperspective_rows, 5);
	assert_int_equal(f->status_by_perspective[0].n[PLAN_GOAL_MET], 1);
	assert_int_equal(f->status_by_perspective[0].n[PLAN_GOAL_PARTLY_MET], 1);
	assert_int_equal(f->status_by_perspective[1].n[PLAN_GOAL_NOT_MET], 1);
	assert_int_equal(f->status_by_perspective[3].n[PLAN_GOAL_NOT_ASSESSED], 1);
	assert_int_equal(f->status_by_perspective[4].total, 0);
	assert_int_equal(f->status_all.n[PLAN_GOAL_MET], 3);
	assert_int_equal(f->status_all.total, 6);
	assert_int_equal(f->forecast_all.n[PLAN_GOAL_MET], 4);
	assert_int_equal(f->forecast_all.n[PLAN_GOAL_PARTLY_MET], 2);
	assert_int_equal(f->forecast_by_perspective[3].n[PLAN_GOAL_PARTLY_MET], 1);

	/* the four answers, and what the bodies reported beneath */
	const plan_fu_entry *kf3 = goal(f, "KF-3");
	assert_int_equal(kf3->status, PLAN_GOAL_NOT_MET);
	assert_int_equal(kf3->forecast, PLAN_GOAL_PARTLY_MET);
	assert_string_equal(kf3->improvements, "Tidigarelägga upphandlingen av fordon.");
	assert_int_equal(kf3->nbelow, 4);
	/* The bolag's goal, through the direktivmål of its ägardirektiv (the
	 * ägardirektiv's file comes first in the set). */
	assert_string_equal(kf3->below[0].item->id, "SBO-1");
	assert_string_equal(kf3->below[0].via->id, "AD-SBO-1");
	assert_int_equal(kf3->below[0].status, PLAN_GOAL_NOT_MET);
	assert_string_equal(kf3->below[1].item->id, "BUN-2");
	assert_null(kf3->below[1].via);
	assert_string_equal(kf3->below[1].doc->id, "DR1-2026-BUN");
	assert_int_equal(kf3->below[1].status, PLAN_GOAL_PARTLY_MET);
	assert_string_equal(kf3->below[3].item->id, "SBN-1");
	assert_int_equal(kf3->below[3].status, PLAN_GOAL_NOT_MET);
	assert_null(goal(f, "KF-4")->actions);
	assert_int_equal(plan_report_perspective(plan_set_model(set), kf3->item), 1);
	assert_true(plan_report_defines(plan_set_model(set), kf3->item));

	/* god ekonomisk hushållning by the set's rules: 5 of 6 by forecast,
	 * but ekonomi (KF-6 partly met) must be fully met */
	assert_true(f->has_hushallning);
	assert_double_equal(f->hushallning.all.score, 5, 1e-12);
	assert_true(f->hushallning.share_ok);
	assert_true(f->hushallning.perspectives[3].must_be_fully_met);
	assert_false(f->hushallning.perspectives[3].fully_met);
	assert_int_equal(f->hushallning.verdict, PLAN_HUSHALLNING_NOT_MET);
	assert_non_null(f->hushallning_assessment);

	/* särskilda uppdrag: SU-2026-2 is not in the municipality's follow-up,
	 * so the body's word counts */
	assert_int_equal(f->nassignments, 3);
	assert_string_equal(f->assignments[0].assignment->id, "SU-2026-1");
	assert_int_equal(f->assignments[0].status, PLAN_TASK_ONGOING);
	assert_null(f->assignments[0].reporter);
	assert_string_equal(f->assignments[1].reporter->id, "sbn");
	assert_int_equal(f->assignments[1].status, PLAN_TASK_DONE);
	assert_int_equal(f->assignments[2].status, PLAN_TASK_NOT_STARTED);
	assert_int_equal(f->assignment_counts[PLAN_TASK_ONGOING], 1);

	/* KPIs as of DR1: no outcome from the årsredovisning yet */
	assert_int_equal(f->nkpis, 16);
	assert_int_equal(f->kpi_counts[PLAN_KPI_IMPROVED], 4);
	assert_int_equal(f->kpi_counts[PLAN_KPI_NOT_MET], 1);
	assert_int_equal(f->kpi_counts[PLAN_KPI_NO_OUTCOME], 11);
	assert_string_equal(f->kpis[0]->kpi->id, "NT-UTBK-1");
	assert_double_equal(f->kpi_rows[0].outcome, 75, 0);
	assert_int_equal(f->kpi_rows[0].result, PLAN_KPI_IMPROVED);

	/* activities of the arbetsplaner in force from 1 January to 30 April */
	assert_int_equal(f->nactivities, 9);
	assert_int_equal(f->activity_counts[PLAN_TASK_DONE], 2);
	assert_int_equal(f->activity_counts[PLAN_TASK_LATE], 2);
	assert_int_equal(f->activity_counts[PLAN_TASK_UNREPORTED], 2);

	/* economy: the bodies, their sum, the municipality */
	assert_int_equal(f->neconomy, 5);
	assert_string_equal(f->economy[0].owner->id, "ks");
	assert_double_equal(f->economy[0].economy.deviation_tkr, -3000, 1e-9);
	assert_double_equal(f->economy[0].economy.deviation_pct, -1, 1e-9);
	assert_true(f->economy[3].is_sum);
	assert_double_equal(f->economy[3].economy.budget_tkr, 695000, 1e-9);
	assert_double_equal(f->economy[3].economy.deviation_tkr, -1600, 1e-9);
	assert_null(f->economy[4].owner);
	assert_double_equal(f->economy[4].economy.deviation_tkr, -10000, 1e-9);
	assert_double_equal(f->economy[4].economy.deviation_pct, -0.5, 1e-9);

	/* deviations: the fullmäktigemål first, then the bodies' goals, once each */
	assert_int_equal(f->ndeviations, 9);
	const char *devs[] = { "KF-1", "KF-3", "KF-6", "BUN-1", "SBO-1", "BUN-2", "SBN-1", "KS-2",
		"SBN-4" };
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(f->deviations[i]->item->id, devs[i]);
	plan_followup_free(f);
}

static void test_kommun_ar(void **state)
{
	(void)state;
	plan_followup *f = build("kommun", 2026, PLAN_PERIOD_AR);
	assert_int_equal(f->status, PLAN_FOLLOWUP_OK);
	/* judged by status: 5 met, 1 partly: 5.5 of 6, ekonomi fully met */
	assert_double_equal(f->hushallning.all.share, 5.5 / 6.0, 1e-12);
	assert_true(f->hushallning.perspectives[3].fully_met);
	assert_int_equal(f->hushallning.verdict, PLAN_HUSHALLNING_MET);
	assert_null(f->hushallning_assessment);
	/* the year's KPI outcomes: NT-UTBK-1 77.1 meets 76 */
	assert_double_equal(f->kpi_rows[0].outcome, 77.1, 1e-12);
	assert_int_equal(f->kpi_rows[0].result, PLAN_KPI_MET);
	/* at year end the outcome is the basis: bun overspent 1 225 */
	assert_string_equal(f->economy[0].owner->id, "bun");
	assert_int_equal(f->economy[0].economy.basis, PLAN_ECONOMY_OUTCOME);
	assert_double_equal(f->economy[0].economy.deviation_tkr, -1225, 1e-9);
	assert_double_equal(f->economy[f->neconomy - 1].economy.deviation_tkr, 5000, 1e-9);
	plan_followup_free(f);
}

static void test_owner(void **state)
{
	(void)state;
	plan_followup *f = build("bun", 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->status, PLAN_FOLLOWUP_OK);
	assert_false(f->kommun);
	assert_false(f->has_hushallning);
	assert_int_equal(f->ngoals, 4);
	assert_string_equal(f->goals[1].item->id, "BUN-2");
	assert_int_equal(f->goals[1].nbelow, 1);
	assert_string_equal(f->goals[1].below[0].item->id, "UTBK-2");
	assert_string_equal(f->goals[1].below[0].doc->id, "DR1-2026-UTBK");
	assert_int_equal(f->nassignments, 1);
	assert_string_equal(f->assignments[0].reporter->id, "bun");
	assert_int_equal(f->nkpis, 4);
	assert_int_equal(f->nactivities, 5);
	/* utbk below, no sum for one row, then bun itself */
	assert_int_equal(f->neconomy, 2);
	assert_string_equal(f->economy[0].owner->id, "utbk");
	assert_string_equal(f->economy[1].owner->id, "bun");
	assert_int_equal(f->ndeviations, 3);
	plan_followup_free(f);

	/* an office: its goals with the activities beneath */
	f = build("utbk", 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->ngoals, 4);
	assert_int_equal(f->goals[0].nbelow, 1);
	assert_string_equal(f->goals[0].below[0].item->id, "BJV-A1");
	assert_int_equal(f->goals[0].below[0].task, PLAN_TASK_DONE);
	assert_int_equal(f->neconomy, 2);   /* bjorkvall, utbk */
	plan_followup_free(f);

	/* a unit: no goals; its activities and the KPIs its arbetsplan follows */
	f = build("bjorkvall", 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->ngoals, 0);
	assert_int_equal(f->nactivities, 5);
	assert_int_equal(f->nkpis, 1);
	assert_string_equal(f->kpis[0]->kpi->id, "NT-UTBK-1");
	assert_int_equal(f->nassignments, 1);
	plan_followup_free(f);
}

static void test_nothing_found(void **state)
{
	(void)state;
	plan_followup *f = build("bn", 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->status, PLAN_FOLLOWUP_UNKNOWN_OWNER);
	assert_string_equal(f->suggestion, "bun");
	plan_followup_free(f);
	f = build("KF-1", 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->status, PLAN_FOLLOWUP_NOT_AN_OWNER);
	plan_followup_free(f);
	f = build(NULL, 2025, PLAN_PERIOD_DR1);
	assert_int_equal(f->status, PLAN_FOLLOWUP_NO_DOCUMENT);
	plan_followup_free(f);
	f = build("gata", 2026, PLAN_PERIOD_DR1);
	assert_int_equal(f->status, PLAN_FOLLOWUP_NO_DOCUMENT);
	plan_followup_free(f);
}

static void test_in_force(void **state)
{
	(void)state;
	plan_document ap;
	memset(&ap, 0, sizeof ap);
	ap.kind = PLAN_DOC_ARBETSPLAN;
	ap.school_year = 2025;          /* 2025-08-01 to 2026-06-30 */
	assert_true(plan_arbetsplan_in_force(&ap, 2026, "04-30"));
	assert_false(plan_arbetsplan_in_force(&ap, 2027, "04-30"));
	ap.school_year = 2026;          /* starts 1 August 2026 */
	assert_false(plan_arbetsplan_in_force(&ap, 2026, "04-30"));
	assert_true(plan_arbetsplan_in_force(&ap, 2026, "08-31"));
	ap.school_year = 0;
	ap.year = 2026;
	assert_true(plan_arbetsplan_in_force(&ap, 2026, "04-30"));
	assert_false(plan_arbetsplan_in_force(&ap, 2025, "12-31"));
	ap.kind = PLAN_DOC_KONTORSPLAN;
	assert_false(plan_arbetsplan_in_force(&ap, 2026, "12-31"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kommun_dr1),
		cmocka_unit_test(test_kommun_ar),
		cmocka_unit_test(test_owner),
		cmocka_unit_test(test_nothing_found),
		cmocka_unit_test(test_in_force),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
