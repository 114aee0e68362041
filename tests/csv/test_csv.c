/* Unit tests for RFC 4180 fields: what is quoted, doubled quotes, control
 * characters kept inside quotes, invalid UTF-8 replaced, CRLF records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/csv.h"

/* The field `in` as plan_csv_field writes it, compared with `want`. */
static void field_is(const char *in, size_t len, const char *want)
{
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_csv_field(&b, in, len), 0);
	assert_string_equal(b.ptr ? b.ptr : "", want);
	plan_buf_free(&b);
}
#define FIELD(in, want) field_is((in), sizeof(in) - 1, (want))

static void test_plain_fields_are_copied(void **state)
{
	(void)state;
	FIELD("KF-1", "KF-1");
	FIELD("Måluppfyllelse 5 %", "Måluppfyllelse 5 %");
	FIELD("", "");
	FIELD("a;b", "a;b");
	field_is(NULL, 3, "");
}

static void test_special_characters_are_quoted(void **state)
{
	(void)state;
	FIELD("a,b", "\"a,b\"");
	FIELD("say \"hi\"", "\"say \"\"hi\"\"\"");
	FIELD("\"", "\"\"\"\"");
	FIELD("line\nbreak", "\"line\nbreak\"");
	FIELD("cr\rlf\r\n", "\"cr\rlf\r\n\"");
	FIELD(" lead", "\" lead\"");
	FIELD("trail ", "\"trail \"");
}

static void test_control_characters_stay_as_data(void **state)
{
	(void)state;
	FIELD("tab\there", "\"tab\there\"");
	FIELD("esc\x1b[31m", "\"esc\x1b[31m\"");
	FIELD("del\x7f", "\"del\x7f\"");
}

static void test_invalid_utf8_becomes_replacement(void **state)
{
	(void)state;
	FIELD("a\xff" "b", "a\xef\xbf\xbd" "b");
	FIELD("\xc3", "\xef\xbf\xbd");
	FIELD("\xe2\x80\xae" "rtl", "\xe2\x80\xae" "rtl");   /* valid, kept */
}

static void test_records_end_with_crlf(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	plan_csv_field_str(&b, "id");
	plan_buf_putc(&b, ',');
	plan_csv_field_str(&b, "titel, lång");
	plan_csv_end_record(&b);
	assert_string_equal(b.ptr, "id,\"titel, lång\"\r\n");
	plan_buf_free(&b);
}

static void test_a_full_buffer_fails(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	b.max = 4;
	assert_int_equal(plan_csv_field_str(&b, "a,bcdef"), -1);
	assert_true(b.failed);
	plan_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_fields_are_copied),
		cmocka_unit_test(test_special_characters_are_quoted),
		cmocka_unit_test(test_control_characters_stay_as_data),
		cmocka_unit_test(test_invalid_utf8_becomes_replacement),
		cmocka_unit_test(test_records_end_with_crlf),
		cmocka_unit_test(test_a_full_buffer_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
