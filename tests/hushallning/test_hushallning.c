/* Unit tests for god ekonomisk hushållning: the rule set read from
 * styrmodell.yaml and the verdict under the default and custom rules. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/hushallning.h"
#include "plan/load.h"
#include "plan/model.h"

static void near(double a, double b, double eps, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%.15g != %.15g (within %g)\n", a, b, eps);
		_fail(file, line);
	}
}
#define assert_double_equal(a, b, eps) near((a), (b), (eps), __FILE__, __LINE__)

static const plan_perspective four[] = {
	{ "invanare", "Invånare", NULL }, { "samhalle", "Samhälle", NULL },
	{ "medarbetare", "Medarbetare", NULL }, { "ekonomi", "Ekonomi", NULL },
};

#define M PLAN_GOAL_MET
#define P PLAN_GOAL_PARTLY_MET
#define N PLAN_GOAL_NOT_MET
#define A PLAN_GOAL_NOT_ASSESSED
#define U PLAN_GOAL_UNREPORTED

/* DR1 2026 of the test plan set (forecasts): 4 met, 2 partly met, one of
 * them in ekonomi. */
static const plan_hushallning_goal dr1[] = {
	{ 0, M }, { 0, M }, { 1, P }, { 2, M }, { 3, M }, { 3, P },
};

static void test_defaults(void **state)
{
	(void)state;
	plan_hushallning_rules rules = PLAN_HUSHALLNING_RULES_INIT;
	assert_double_equal(rules.min_share_met, 0.75, 0);
	assert_double_equal(rules.partly_met_counts_as, 0.5, 0);
	assert_double_equal(rules.min_share_each_perspective, 0, 0);
	assert_int_equal(rules.nfully_met, 0);
	assert_true(rules.interim_by_forecast);

	plan_hushallning h;
	plan_hushallning_judge(&h, &rules, four, 4, dr1, 6);
	/* 4 + 2 x 0.5 = 5 of 6: 83.3 % >= 75 % */
	assert_double_equal(h.all.score, 5, 1e-12);
	assert_double_equal(h.all.share, 5.0 / 6.0, 1e-12);
	assert_int_equal(h.all.counts.total, 6);
	assert_int_equal(h.all.counts.n[PLAN_GOAL_PARTLY_MET], 2);
	assert_true(h.share_ok);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_MET);
	assert_double_equal(h.perspectives[3].share, 0.75, 1e-12);
	assert_false(h.perspectives[3].fully_met);
	assert_false(h.perspectives[3].must_be_fully_met);
	assert_true(h.perspectives[0].fully_met);
	assert_int_equal(h.nperspectives, 4);
	assert_null(h.unknown_perspective);
	assert_string_equal(plan_hushallning_verdict_key(h.verdict), "met");
}

static void test_threshold(void **state)
{
	(void)state;
	plan_hushallning_rules rules = PLAN_HUSHALLNING_RULES_INIT;
	plan_hushallning h;
	/* exactly 3 of 4: reaches 75 % */
	const plan_hushallning_goal exact[] = { { 0, M }, { 1, M }, { 2, M }, { 3, N } };
	plan_hushallning_judge(&h, &rules, four, 4, exact, 4);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_MET);
	/* 2 met + 2 partly = 3 of 4 */
	const plan_hushallning_goal partly[] = { { 0, M }, { 1, P }, { 2, M }, { 3, P } };
	plan_hushallning_judge(&h, &rules, four, 4, partly, 4);
	assert_double_equal(h.all.score, 3, 1e-12);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_MET);
	/* not assessed and not reported count as not met: 2 of 4 */
	const plan_hushallning_goal missing[] = { { 0, M }, { 1, A }, { 2, M }, { 3, U } };
	plan_hushallning_judge(&h, &rules, four, 4, missing, 4);
	assert_double_equal(h.all.share, 0.5, 1e-12);
	assert_false(h.share_ok);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_NOT_MET);
}

static void test_custom_rules(void **state)
{
	(void)state;
	plan_hushallning_rules rules = PLAN_HUSHALLNING_RULES_INIT;
	plan_hushallning h;
	/* ekonomi must be fully met: one partly met goal there fails it */
	rules.fully_met[0] = "ekonomi";
	rules.nfully_met = 1;
	plan_hushallning_judge(&h, &rules, four, 4, dr1, 6);
	assert_true(h.share_ok);
	assert_true(h.perspectives[3].must_be_fully_met);
	assert_false(h.perspectives[3].fully_met);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_NOT_MET);

	/* a partly met goal counting for nothing: 4 of 6 = 66.7 % */
	rules = (plan_hushallning_rules)PLAN_HUSHALLNING_RULES_INIT;
	rules.partly_met_counts_as = 0;
	plan_hushallning_judge(&h, &rules, four, 4, dr1, 6);
	assert_double_equal(h.all.share, 4.0 / 6.0, 1e-12);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_NOT_MET);

	/* every perspective at least 60 %: samhälle has 50 % */
	rules = (plan_hushallning_rules)PLAN_HUSHALLNING_RULES_INIT;
	rules.min_share_each_perspective = 0.6;
	plan_hushallning_judge(&h, &rules, four, 4, dr1, 6);
	assert_false(h.perspectives[1].share_ok);
	assert_true(h.perspectives[3].share_ok);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_NOT_MET);

	/* a lower overall threshold passes a weaker year */
	rules = (plan_hushallning_rules)PLAN_HUSHALLNING_RULES_INIT;
	rules.min_share_met = 0.5;
	const plan_hushallning_goal weak[] = { { 0, M }, { 1, N }, { 2, P }, { 3, P } };
	plan_hushallning_judge(&h, &rules, four, 4, weak, 4);
	assert_double_equal(h.all.share, 0.5, 1e-12);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_MET);
}

static void test_not_assessable(void **state)
{
	(void)state;
	plan_hushallning_rules rules = PLAN_HUSHALLNING_RULES_INIT;
	plan_hushallning h;
	plan_hushallning_judge(&h, &rules, four, 4, NULL, 0);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_NOT_ASSESSABLE);
	assert_false(h.share_ok);

	rules.fully_met[0] = "ekonomi";
	rules.fully_met[1] = "ekonmi";
	rules.nfully_met = 2;
	plan_hushallning_judge(&h, &rules, four, 4, dr1, 6);
	assert_string_equal(h.unknown_perspective, "ekonmi");
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_NOT_ASSESSABLE);

	/* a perspective that must be fully met but has no goals is vacuously met */
	rules.nfully_met = 1;
	const plan_hushallning_goal none_in_ekonomi[] = { { 0, M }, { 1, M }, { 2, M }, { -1, M } };
	plan_hushallning_judge(&h, &rules, four, 4, none_in_ekonomi, 4);
	assert_true(h.perspectives[3].fully_met);
	assert_int_equal(h.unplaced.counts.total, 1);
	assert_int_equal(h.verdict, PLAN_HUSHALLNING_MET);
}

static plan_model *model_of(const char *styrmodell, plan_file **file, plan_diags **diags)
{
	plan_limits limits = PLAN_LIMITS_INIT;
	*diags = plan_diags_new();
	assert_int_equal(plan_file_load(file, "styrmodell.yaml", styrmodell, strlen(styrmodell), &limits,
		*diags), 0);
	plan_model *m = NULL;
	const plan_file *files[] = { *file };
	assert_int_equal(plan_model_build(&m, files, 1, *diags), 0);
	return m;
}

static void test_rules_read(void **state)
{
	(void)state;
	plan_file *file = NULL;
	plan_diags *diags = NULL;
	plan_model *m = model_of(
		"kind: styrmodell\n"
		"municipality: {name: T, code: '0001'}\n"
		"vision: V\n"
		"perspectives: [{id: inv, name: I}, {id: eko, name: E}]\n"
		"hushallning:\n"
		"  min_share_met: 0.6\n"
		"  partly_met_counts_as: 0.25\n"
		"  min_share_each_perspective: 0.5\n"
		"  perspectives_fully_met: [eko, inv]\n"
		"  interim_basis: status\n", &file, &diags);
	plan_hushallning_rules rules;
	plan_hushallning_rules_read(&rules, m);
	assert_double_equal(rules.min_share_met, 0.6, 1e-12);
	assert_double_equal(rules.partly_met_counts_as, 0.25, 1e-12);
	assert_double_equal(rules.min_share_each_perspective, 0.5, 1e-12);
	assert_int_equal(rules.nfully_met, 2);
	assert_string_equal(rules.fully_met[0], "eko");
	assert_string_equal(rules.fully_met[1], "inv");
	assert_false(rules.interim_by_forecast);
	plan_model_free(m);
	plan_file_free(file);
	plan_diags_free(diags);

	/* Nothing written: the defaults; a value out of range keeps its default. */
	m = model_of(
		"kind: styrmodell\n"
		"municipality: {name: T, code: '0001'}\n"
		"vision: V\n"
		"perspectives: [{id: inv, name: I}]\n"
		"hushallning: {min_share_met: 1.5}\n", &file, &diags);
	plan_hushallning_rules_read(&rules, m);
	assert_double_equal(rules.min_share_met, 0.75, 1e-12);
	assert_double_equal(rules.partly_met_counts_as, 0.5, 1e-12);
	assert_int_equal(rules.nfully_met, 0);
	assert_true(rules.interim_by_forecast);
	plan_model_free(m);
	plan_file_free(file);
	plan_diags_free(diags);

	plan_hushallning_rules_read(&rules, NULL);
	assert_double_equal(rules.min_share_met, 0.75, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_threshold),
		cmocka_unit_test(test_custom_rules),
		cmocka_unit_test(test_not_assessable),
		cmocka_unit_test(test_rules_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
