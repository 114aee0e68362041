/* Unit tests for agenda2030.c: exactly the 17 goals and 169 targets of UN
 * resolution A/RES/70/1 are valid ids, and the goals' short names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "plan/agenda2030.h"

/* Per goal, the numbered targets (g.1 to g.N) and the lettered ones (g.a
 * onwards), written out here independently of the library's table. */
static const int numbered[17] = { 5, 5, 9, 7, 6, 6, 3, 10, 5, 7, 7, 8, 3, 7, 9, 10, 19 };
static const int lettered[17] = { 2, 3, 4, 3, 3, 2, 2, 2, 3, 3, 3, 3, 2, 3, 3, 2, 0 };

static void test_target_total(void **state)
{
	(void)state;
	int total = 0;
	for (int g = 1; g <= 17; g++) {
		assert_int_equal(plan_agenda2030_target_count(g), numbered[g - 1] + lettered[g - 1]);
		total += plan_agenda2030_target_count(g);
	}
	assert_int_equal(total, 169);
	assert_int_equal(plan_agenda2030_target_count(1), 7);
	assert_int_equal(plan_agenda2030_target_count(17), 19);
	assert_int_equal(plan_agenda2030_target_count(0), 0);
	assert_int_equal(plan_agenda2030_target_count(18), 0);
	assert_int_equal(plan_agenda2030_target_count(-1), 0);
}

/* Every id of the form g.N (N 0-99) or g.x (any ASCII letter) for goals 0-20:
 * exactly the 169 expected ones are valid. */
static void test_every_target(void **state)
{
	(void)state;
	int valid = 0;
	char id[16];
	for (int g = 0; g <= 20; g++) {
		int known = g >= 1 && g <= 17;
		for (int n = 0; n <= 99; n++) {
			snprintf(id, sizeof id, "%d.%d", g, n);
			int expect = known && n >= 1 && n <= numbered[g - 1];
			if (plan_agenda2030_valid(id) != expect)
				fail_msg("'%s' should be %s", id, expect ? "valid" : "invalid");
			valid += expect;
		}
		for (int c = 0; c < 26; c++) {
			snprintf(id, sizeof id, "%d.%c", g, 'a' + c);
			int expect = known && c < lettered[g - 1];
			if (plan_agenda2030_valid(id) != expect)
				fail_msg("'%s' should be %s", id, expect ? "valid" : "invalid");
			valid += expect;
			snprintf(id, sizeof id, "%d.%c", g, 'A' + c);
			assert_false(plan_agenda2030_valid(id));
		}
	}
	assert_int_equal(valid, 169);
}

static void test_goals_valid(void **state)
{
	(void)state;
	char id[8];
	for (int g = 1; g <= 17; g++) {
		snprintf(id, sizeof id, "%d", g);
		assert_true(plan_agenda2030_valid(id));
	}
	assert_true(plan_agenda2030_valid("4.1"));
	assert_true(plan_agenda2030_valid("4.a"));
	assert_true(plan_agenda2030_valid("8.10"));
	assert_true(plan_agenda2030_valid("16.10"));
	assert_true(plan_agenda2030_valid("17.19"));
}

static void test_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "0", "18", "19", "99", "170", "100", "04", "017", "+4", "-4", "4a",
		"4.", "4.0", "4.00", "4.01", "4.8", "4.11", "4.d", "4.A", "17.20", "17.a",
		"8.11", "16.11", "1.c", " 4", "4 ", "4.1 ", " 4.1", "4..1", "4.1.1",
		"4.a1", "4,1", "4.1\n", "4/1", "SDG4", "Mål 4",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (plan_agenda2030_valid(bad[i]))
			fail_msg("'%s' should be invalid", bad[i]);
	assert_false(plan_agenda2030_valid(NULL));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(plan_agenda2030_goal_name(1, 1), "Ingen fattigdom");
	assert_string_equal(plan_agenda2030_goal_name(1, 0), "No poverty");
	assert_string_equal(plan_agenda2030_goal_name(4, 1), "God utbildning för alla");
	assert_string_equal(plan_agenda2030_goal_name(4, 0), "Quality education");
	assert_string_equal(plan_agenda2030_goal_name(17, 1), "Genomförande och globalt partnerskap");
	assert_string_equal(plan_agenda2030_goal_name(17, 0), "Partnerships for the goals");
	/* Any non-zero `swedish` means Swedish. */
	assert_string_equal(plan_agenda2030_goal_name(13, 2), "Bekämpa klimatförändringarna");
	for (int g = 1; g <= 17; g++) {
		const char *sv = plan_agenda2030_goal_name(g, 1);
		const char *en = plan_agenda2030_goal_name(g, 0);
		assert_non_null(sv);
		assert_non_null(en);
		assert_true(strlen(sv) > 0 && strlen(en) > 0);
		assert_true(strcmp(sv, en) != 0);
	}
	assert_null(plan_agenda2030_goal_name(0, 1));
	assert_null(plan_agenda2030_goal_name(18, 0));
	assert_null(plan_agenda2030_goal_name(-3, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_total),
		cmocka_unit_test(test_every_target),
		cmocka_unit_test(test_goals_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
