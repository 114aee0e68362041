/* test_model_ref.c: unit tests of plan_ref_fits and plan_ref_suggest on the
 * bundled Strängnäs example: which links the link stage takes without a
 * fault, and the id unknown-reference suggests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "plan/model.h"
#include "plan/set.h"

static plan_set *set;

static int setup(void **state)
{
	(void)state;
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = PLAN_TEST_DIR "/../examples/strangnas";
	options.jobs = 1;
	plan_error err = PLAN_ERROR_INIT;
	return plan_set_load(&set, &options, &err);
}

static int teardown(void **state)
{
	(void)state;
	plan_set_free(set);
	return 0;
}

static const plan_item *item(const char *id)
{
	const plan_item *found = plan_model_find(plan_set_model(set), id);
	assert_non_null(found);
	return found;
}

static void test_fits_levels_and_plans(void **state)
{
	(void)state;
	/* An activity of a unit under utbk (bun): its own office's goals, its
	 * own body's goals and särskilda uppdrag given to its body. */
	const plan_item *a = item("FMF-A1");
	assert_int_equal(a->kind, PLAN_ITEM_ACTIVITY);
	assert_true(plan_ref_fits(a->doc, a, PLAN_REF_CONTRIBUTES_TO, item("UTBK-1")));
	assert_true(plan_ref_fits(a->doc, a, PLAN_REF_CONTRIBUTES_TO, item("BUN-1")));
	assert_true(plan_ref_fits(a->doc, a, PLAN_REF_CONTRIBUTES_TO, item("SU-2026-1")));
	/* A fullmäktigemål is the wrong level; SN-1 and SU-2026-4 are the
	 * socialnämnd's. */
	assert_false(plan_ref_fits(a->doc, a, PLAN_REF_CONTRIBUTES_TO, item("KF-1")));
	assert_false(plan_ref_fits(a->doc, a, PLAN_REF_CONTRIBUTES_TO, item("SN-1")));
	assert_false(plan_ref_fits(a->doc, a, PLAN_REF_CONTRIBUTES_TO, item("SU-2026-4")));
	/* A nämndmål: fullmäktigemål only. */
	const plan_item *g = item("BUN-1");
	assert_true(plan_ref_fits(g->doc, g, PLAN_REF_CONTRIBUTES_TO, item("KF-1")));
	assert_false(plan_ref_fits(g->doc, g, PLAN_REF_CONTRIBUTES_TO, item("UTBK-1")));
	/* A document's own owner: a verksamhetsplan's is a body. */
	assert_true(plan_ref_fits(g->doc, NULL, PLAN_REF_OWNER, item("bun")));
	assert_false(plan_ref_fits(g->doc, NULL, PLAN_REF_OWNER, item("utbk")));
}

static void test_suggest(void **state)
{
	(void)state;
	const plan_item *a = item("FMF-A1");
	plan_ref ref = { 0 };
	ref.id = "UTBK1";
	ref.role = PLAN_REF_CONTRIBUTES_TO;
	const char *guess = plan_ref_suggest(plan_set_model(set), a->doc, a, &ref);
	assert_non_null(guess);
	assert_string_equal(guess, "UTBK-1");
	ref.id = "nothing-like-any-id-at-all";
	assert_null(plan_ref_suggest(plan_set_model(set), a->doc, a, &ref));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fits_levels_and_plans),
		cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
