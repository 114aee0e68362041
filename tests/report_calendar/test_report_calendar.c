/* Unit tests for the årshjul: milestones in date order, deadlines two
 * months after a checkpoint, the timestamp taken from the data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/load.h"
#include "plan/report_calendar.h"
#include "plan/set.h"

static void months(const char *date, int n, const char *want)
{
	char out[11];
	assert_int_equal(plan_date_add_months(out, date, n), 0);
	assert_string_equal(out, want);
}

static void test_add_months(void **state)
{
	(void)state;
	months("2026-04-30", 2, "2026-06-30");
	months("2026-08-31", 2, "2026-10-31");   /* the last day stays the last day */
	months("2026-05-31", 2, "2026-07-31");
	months("2026-06-30", 2, "2026-08-31");
	months("2026-09-15", 2, "2026-11-15");
	months("2026-12-15", 2, "2027-02-15");
	months("2027-12-31", 2, "2028-02-29");   /* leap year */
	months("2026-01-30", 1, "2026-02-28");
	months("2026-02-28", 2, "2026-04-30");   /* end of February is an end of month */
	char out[11];
	assert_int_equal(plan_date_add_months(out, "2026-02-30", 2), -1);
	assert_int_equal(plan_date_add_months(out, "26-04-30", 2), -1);
	assert_int_equal(plan_date_add_months(out, NULL, 2), -1);
}

static void test_plan_set(void **state)
{
	(void)state;
	plan_set *set = NULL;
	plan_set_options opt = PLAN_SET_OPTIONS_INIT;
	plan_error err = PLAN_ERROR_INIT;
	opt.path = PLAN_TEST_DIR "/report/sets/full";
	opt.jobs = 1;
	assert_int_equal(plan_set_load(&set, &opt, &err), 0);
	plan_calendar *cal = NULL;
	assert_int_equal(plan_calendar_build(&cal, plan_set_model(set), 2026), 0);
	static const struct { const char *date; plan_milestone_kind kind; int concerns; } want[] = {
		{ "2026-01-28", PLAN_MILESTONE_PLAN_ADOPTED, 2026 },
		{ "2026-04-15", PLAN_MILESTONE_AR_DEADLINE, 2025 },
		{ "2026-04-30", PLAN_MILESTONE_DR1_CHECKPOINT, 2026 },
		{ "2026-06-30", PLAN_MILESTONE_DR1_DEADLINE, 2026 },
		{ "2026-08-01", PLAN_MILESTONE_SCHOOL_YEAR_START, 2026 },
		{ "2026-08-31", PLAN_MILESTONE_DR2_CHECKPOINT, 2026 },
		{ "2026-10-31", PLAN_MILESTONE_DR2_DEADLINE, 2026 },
		{ "2026-11-30", PLAN_MILESTONE_BUDGET_DEADLINE, 2027 },
		{ "2026-12-31", PLAN_MILESTONE_YEAR_END, 2026 },
	};
	assert_int_equal(cal->n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < cal->n; i++) {
		assert_string_equal(cal->milestones[i].date, want[i].date);
		assert_int_equal(cal->milestones[i].kind, want[i].kind);
		assert_int_equal(cal->milestones[i].concerns_year, want[i].concerns);
	}
	assert_string_equal(cal->milestones[0].key, "plan-adopted-VP-KS-2026");
	assert_string_equal(cal->milestones[4].key, "school-year-start-bun");
	assert_string_equal(cal->milestones[4].body->id, "bun");
	/* the newest date in the plan set: the årsredovisning's as_of */
	assert_string_equal(cal->latest_date, "2026-12-31");
	plan_calendar_free(cal);

	/* another year: no plan adopted then, the timestamp is still the data's */
	assert_int_equal(plan_calendar_build(&cal, plan_set_model(set), 2025), 0);
	assert_int_equal(cal->n, 10);  /* the flerårsplan (11-24) and VP-BUN (12-10) adopted */
	assert_string_equal(cal->milestones[7].date, "2025-11-30");
	assert_int_equal(cal->milestones[6].kind, PLAN_MILESTONE_PLAN_ADOPTED);
	assert_string_equal(cal->latest_date, "2026-12-31");
	plan_calendar_free(cal);
	plan_set_free(set);
}

static void test_calendar_days(void **state)
{
	(void)state;
	static const char text[] =
		"kind: styrmodell\n"
		"municipality: {name: T, code: '0001'}\n"
		"vision: V\n"
		"perspectives: [{id: inv, name: I}]\n"
		"calendar: {dr1: '05-31', dr2: '02-30'}\n";
	plan_limits limits = PLAN_LIMITS_INIT;
	plan_diags *diags = plan_diags_new();
	plan_file *file = NULL;
	assert_int_equal(plan_file_load(&file, "styrmodell.yaml", text, strlen(text), &limits, diags), 0);
	const plan_file *files[] = { file };
	plan_model *m = NULL;
	assert_int_equal(plan_model_build(&m, files, 1, diags), 0);
	plan_calendar *cal = NULL;
	assert_int_equal(plan_calendar_build(&cal, m, 2027), 0);
	/* ÅR deadline, DR1 and its deadline, budget, year end; no DR2: 02-30
	 * is no day */
	assert_int_equal(cal->n, 5);
	assert_string_equal(cal->milestones[1].date, "2027-05-31");
	assert_string_equal(cal->milestones[2].date, "2027-07-31");
	assert_int_equal(cal->milestones[2].kind, PLAN_MILESTONE_DR1_DEADLINE);
	assert_string_equal(cal->latest_date, "2027-01-01");
	for (size_t i = 0; i < cal->n; i++)
		assert_int_not_equal(cal->milestones[i].kind, PLAN_MILESTONE_DR2_CHECKPOINT);
	assert_string_equal(plan_milestone_kind_key(PLAN_MILESTONE_BUDGET_DEADLINE), "budget-deadline");
	plan_calendar_free(cal);
	plan_model_free(m);
	plan_file_free(file);
	plan_diags_free(diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_plan_set),
		cmocka_unit_test(test_calendar_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
