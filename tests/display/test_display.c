/* Unit tests for display columns, shortening plan text with an ellipsis, and
 * the terminal width. */
#define _POSIX_C_SOURCE 200809L /* setenv, fileno */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/display.h"

static void test_code_point_widths(void **state)
{
	(void)state;
	assert_int_equal(plan_display_cp_width('a'), 1);
	assert_int_equal(plan_display_cp_width(0xE5), 1);      /* å */
	assert_int_equal(plan_display_cp_width(0x2026), 1);    /* … */
	assert_int_equal(plan_display_cp_width(0x0301), 0);    /* combining acute */
	assert_int_equal(plan_display_cp_width(0x200B), 0);    /* zero width space */
	assert_int_equal(plan_display_cp_width(0xFE0F), 0);    /* variation selector */
	assert_int_equal(plan_display_cp_width(0x1B), 0);      /* ESC */
	assert_int_equal(plan_display_cp_width(0x9B), 0);      /* CSI */
	assert_int_equal(plan_display_cp_width(0x4E2D), 2);    /* 中 */
	assert_int_equal(plan_display_cp_width(0xAC00), 2);    /* 가 */
	assert_int_equal(plan_display_cp_width(0xFF21), 2);    /* fullwidth A */
	assert_int_equal(plan_display_cp_width(0x1F600), 2);   /* 😀 */
	assert_int_equal(plan_display_cp_width(0x20000), 2);
	assert_int_equal(plan_display_cp_width(0x10FFFF), 1);
}

static void test_string_widths(void **state)
{
	(void)state;
	assert_int_equal(plan_display_width("", 0), 0);
	assert_int_equal(plan_display_width("Invånare", strlen("Invånare")), 8);
	/* e + combining acute: one column. */
	assert_int_equal(plan_display_width("e\xcc\x81", 3), 1);
	assert_int_equal(plan_display_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4);   /* 中文 */
	/* An invalid byte counts as one column. */
	assert_int_equal(plan_display_width("a\xffz", 3), 3);
	/* A truncated sequence: each byte one column. */
	assert_int_equal(plan_display_width("a\xe4\xb8", 3), 3);
}

static void expect_put(const char *in, size_t columns, const char *want)
{
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_display_put(&b, in, strlen(in), columns), 0);
	assert_string_equal(b.ptr ? b.ptr : "", want);
	if (columns)
		assert_true(plan_display_width(b.ptr ? b.ptr : "", b.len) <= columns);
	plan_buf_free(&b);
}

static void test_put_fits_unchanged(void **state)
{
	(void)state;
	expect_put("Alla barn lyckas", 0, "Alla barn lyckas");
	expect_put("Alla barn lyckas", 16, "Alla barn lyckas");
	expect_put("Alla barn lyckas", 100, "Alla barn lyckas");
	expect_put("", 5, "");
}

static void test_put_shortens_with_ellipsis(void **state)
{
	(void)state;
	expect_put("Alla barn lyckas", 15, "Alla barn lyck\xe2\x80\xa6");
	expect_put("Alla barn lyckas", 10, "Alla barn\xe2\x80\xa6");
	expect_put("Åäö åäö", 4, "Åäö\xe2\x80\xa6");
	expect_put("abc", 1, "\xe2\x80\xa6");
	expect_put("abc", 2, "a\xe2\x80\xa6");
}

static void test_put_never_splits_a_character(void **state)
{
	(void)state;
	/* 中文字: 6 columns; 4 leave room for one wide character and the ellipsis. */
	expect_put("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, "\xe4\xb8\xad\xe2\x80\xa6");
	expect_put("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5, "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6");
	/* The combining mark stays with its base. */
	expect_put("ae\xcc\x81zzz", 3, "ae\xcc\x81\xe2\x80\xa6");
}

static void test_put_escapes_before_measuring(void **state)
{
	(void)state;
	/* Controls become visible escapes, which take columns too. */
	expect_put("a\x1b[31mb", 0, "a\\x1b[31mb");
	expect_put("a\x1b[31mb", 6, "a\\x1b\xe2\x80\xa6");
	expect_put("x\ny", 0, "x\\ny");
	expect_put("bidi\xe2\x80\xae", 0, "bidi\\u202e");
	expect_put("bad\xff", 0, "bad\\xff");
}

static void test_put_reports_a_full_buffer(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	b.max = 4;
	assert_int_equal(plan_display_put(&b, "abcdefgh", 8, 6), -1);
	assert_true(b.failed);
	plan_buf_free(&b);
}

static void test_columns_from_environment(void **state)
{
	(void)state;
	FILE *file = tmpfile();
	assert_non_null(file);
	int fd = fileno(file);
	/* Not a terminal: COLUMNS when it is a sensible number, else no limit. */
	unsetenv("COLUMNS");
	assert_int_equal(plan_display_columns(fd), 0);
	setenv("COLUMNS", "72", 1);
	assert_int_equal(plan_display_columns(fd), 72);
	setenv("COLUMNS", "0", 1);
	assert_int_equal(plan_display_columns(fd), 0);
	setenv("COLUMNS", "wide", 1);
	assert_int_equal(plan_display_columns(fd), 0);
	setenv("COLUMNS", "99999", 1);
	assert_int_equal(plan_display_columns(fd), 0);
	unsetenv("COLUMNS");
	fclose(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_point_widths),
		cmocka_unit_test(test_string_widths),
		cmocka_unit_test(test_put_fits_unchanged),
		cmocka_unit_test(test_put_shortens_with_ellipsis),
		cmocka_unit_test(test_put_never_splits_a_character),
		cmocka_unit_test(test_put_escapes_before_measuring),
		cmocka_unit_test(test_put_reports_a_full_buffer),
		cmocka_unit_test(test_columns_from_environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
