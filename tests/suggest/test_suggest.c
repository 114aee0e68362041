/* Unit tests for "did you mean": the edit distance, the closest candidate,
 * and an id's plain ASCII form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "plan/suggest.h"

static void test_closest_candidate(void **state)
{
	(void)state;
	plan_suggest s = PLAN_SUGGEST_INIT("contribute_to");
	plan_suggest_add(&s, "responsible");
	plan_suggest_add(&s, "contributes_to");
	plan_suggest_add(&s, "measures");
	assert_string_equal(s.best, "contributes_to");
	assert_int_equal(plan_edit_distance("KS-1", "KS-12"), 1);
}

/* What an id with å, ä, ö is written as, and where the first such letter is. */
static void expect_ascii(const char *text, const char *want, int replaced, size_t first,
	size_t width)
{
	plan_buf out = PLAN_BUF_INIT;
	size_t at = 99, len = 99;
	assert_int_equal(plan_suggest_ascii(text, strlen(text), &out, &at, &len), replaced);
	assert_string_equal(out.ptr ? out.ptr : "", want);
	if (replaced) {
		assert_int_equal(at, first);
		assert_int_equal(len, width);
	}
	plan_buf_free(&out);
}

static void test_ascii_form(void **state)
{
	(void)state;
	expect_ascii("SOL-Å1", "SOL-A1", 1, 4, 2);
	expect_ascii("Ärende öst", "Arende-ost", 3, 0, 2);
	expect_ascii("Müller-Straße", "Muller-Strasse", 2, 1, 2);
	expect_ascii("KS-1", "KS-1", 0, 0, 0);
	/* Letters with no plain form (here Greek) are kept as they are. */
	expect_ascii("KS-\xCE\xB1", "KS-\xCE\xB1", 0, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_closest_candidate),
		cmocka_unit_test(test_ascii_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
