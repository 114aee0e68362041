/* Unit tests for the byte buffer, its escapers and the arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/arena.h"
#include "plan/buf.h"

static void test_append_and_printf(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_buf_puts(&b, "abc"), 0);
	assert_int_equal(plan_buf_printf(&b, "-%d-%s", 42, "x"), 0);
	assert_int_equal(plan_buf_putc(&b, '!'), 0);
	assert_string_equal(b.ptr, "abc-42-x!");
	assert_int_equal(b.len, 9);
	plan_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	plan_buf_free(&b);
}

static void test_maximum_size_is_enforced(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	b.max = 4;
	assert_int_equal(plan_buf_puts(&b, "abcd"), 0);
	assert_int_equal(plan_buf_putc(&b, 'e'), -1);
	assert_true(b.failed);
	/* Once failed, every later append is refused too. */
	assert_int_equal(plan_buf_puts(&b, ""), -1);
	assert_null(plan_buf_detach(&b));
	plan_buf_free(&b);
}

static void test_detach_empty_gives_empty_string(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	char *s = plan_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void expect_safe(const char *in, size_t len, const char *want)
{
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_buf_put_safe(&b, in, len), 0);
	assert_string_equal(b.ptr ? b.ptr : "", want);
	plan_buf_free(&b);
}

static void test_safe_escapes_terminal_controls(void **state)
{
	(void)state;
	expect_safe("plain text", 10, "plain text");
	expect_safe("Strängnäs", strlen("Strängnäs"), "Strängnäs");
	expect_safe("\x1b[31mred", 8, "\\x1b[31mred");
	expect_safe("a\tb\nc\r", 6, "a\\tb\\nc\\r");
	expect_safe("nul\0x", 5, "nul\\x00x");
	expect_safe("\x7f", 1, "\\x7f");
	expect_safe("\xc2\x9b" "2J", 4, "\\u009b2J");      /* C1 CSI */
	expect_safe("bad\xff\xfe", 5, "bad\\xff\\xfe");
	expect_safe("\xe2\x82", 2, "\\xe2\\x82");          /* truncated sequence */
	expect_safe("\xed\xa0\x80", 3, "\\xed\\xa0\\x80");  /* surrogate */
	expect_safe("back\\slash", 10, "back\\\\slash");
	expect_safe("a\xe2\x80\xae" "b", 5, "a\\u202eb");      /* RIGHT-TO-LEFT OVERRIDE */
}

static void expect_json(const char *in, size_t len, const char *want)
{
	plan_buf b = PLAN_BUF_INIT;
	assert_int_equal(plan_buf_put_json(&b, in, len), 0);
	assert_string_equal(b.ptr, want);
	plan_buf_free(&b);
}

static void test_json_strings_are_always_valid(void **state)
{
	(void)state;
	expect_json("", 0, "\"\"");
	expect_json("say \"hi\"\\", 9, "\"say \\\"hi\\\"\\\\\"");
	expect_json("a\nb\x01", 4, "\"a\\nb\\u0001\"");
	expect_json("Ö", 2, "\"Ö\"");
	expect_json("x\xff", 2, "\"x\\ufffd\"");
	expect_json("\xe2\x80\xa8", 3, "\"\\u2028\"");
}

static void test_arena_alignment_and_large_blocks(void **state)
{
	(void)state;
	plan_arena *a = plan_arena_new();
	assert_non_null(a);
	for (int i = 0; i < 10000; i++) {
		void *p = plan_arena_alloc(a, (size_t)(i % 13) + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % PLAN_ARENA_ALIGN, 0);
		assert_true(PLAN_ARENA_ALIGN >= _Alignof(double) && PLAN_ARENA_ALIGN >= _Alignof(void *));
	}
	char *big = plan_arena_alloc(a, 1 << 20);
	assert_non_null(big);
	big[(1 << 20) - 1] = 1;
	char *s = plan_arena_strndup(a, "hello world", 5);
	assert_string_equal(s, "hello");
	assert_true(plan_arena_used(a) >= (1 << 20));
	plan_arena_free(a);
	plan_arena_free(NULL);
}

/* A large arena maps blocks of two megabytes: small allocations share one,
 * what asks for more than a quarter of one gets its own, a request larger
 * than a block gets a block its size, and everything it hands out is
 * zeroed, aligned and writable to its last byte. */
static void test_arena_large(void **state)
{
	(void)state;
	const size_t mb2 = (size_t)2 << 20;
	plan_arena *a = plan_arena_new_large();
	assert_non_null(a);
	char *first = plan_arena_alloc(a, 100);
	assert_non_null(first);
	assert_true(plan_arena_reserved(a) >= mb2 - 64 && plan_arena_reserved(a) < mb2);
	for (int i = 0; i < 10000; i++) {
		unsigned char *p = plan_arena_alloc(a, (size_t)(i % 29) + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % PLAN_ARENA_ALIGN, 0);
		for (int k = 0; k < i % 29 + 1; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xff, (size_t)(i % 29) + 1);
	}
	assert_true(plan_arena_reserved(a) < mb2);     /* all in the first block */
	char *fits = plan_arena_alloc(a, mb2 / 4 * 3);  /* still the first block */
	assert_non_null(fits);
	assert_true(plan_arena_reserved(a) < mb2);
	char *own = plan_arena_alloc(a, mb2 / 2);       /* no room: a block of its own */
	assert_non_null(own);
	own[mb2 / 2 - 1] = 1;
	assert_true(plan_arena_reserved(a) >= 2 * (mb2 - 64));
	char *huge = plan_arena_alloc(a, 3 * mb2);      /* larger than a block */
	assert_non_null(huge);
	huge[3 * mb2 - 1] = 1;
	assert_true(plan_arena_reserved(a) >= 5 * mb2);
	/* The first block still has room: small allocations go on there. */
	size_t reserved = plan_arena_reserved(a);
	assert_non_null(plan_arena_alloc(a, 64));
	assert_int_equal(plan_arena_reserved(a), reserved);
	assert_true(plan_arena_used(a) >= 3 * mb2 + mb2 / 2 + mb2 / 4 * 3);
	plan_arena_free(a);
}

/* A sized arena's first block holds exactly what was asked for: filling it
 * takes no second block, one byte more does. Zeroed and dirty allocations
 * come from the same blocks. */
static void test_arena_sized_first_block(void **state)
{
	(void)state;
	assert_int_equal(plan_arena_cost(0), PLAN_ARENA_ALIGN);
	assert_int_equal(plan_arena_cost(1), PLAN_ARENA_ALIGN);
	assert_int_equal(plan_arena_cost(PLAN_ARENA_ALIGN + 1), 2 * PLAN_ARENA_ALIGN);
	assert_int_equal(plan_arena_cost(SIZE_MAX), SIZE_MAX);
	plan_arena *a = plan_arena_new_sized(100);   /* rounded up to 104 */
	assert_non_null(a);
	unsigned char *zeroed = plan_arena_alloc(a, 40);
	assert_non_null(zeroed);
	for (size_t i = 0; i < 40; i++)
		assert_int_equal(zeroed[i], 0);
	char *dirty = plan_arena_alloc_dirty(a, 60);
	assert_non_null(dirty);
	memset(dirty, 'x', 60);
	assert_int_equal(plan_arena_used(a), 104);
	assert_int_equal(plan_arena_reserved(a), 104);
	assert_non_null(plan_arena_alloc(a, 1));
	assert_true(plan_arena_reserved(a) > 104);
	assert_int_equal(plan_arena_used(a), 112);
	plan_arena_free(a);
}

/* putc appends in place while there is room, and refuses at the maximum
 * just as put does. */
static void test_putc_fast_path_keeps_limits(void **state)
{
	(void)state;
	plan_buf b = PLAN_BUF_INIT;
	b.max = 100;
	for (int i = 0; i < 100; i++)
		assert_int_equal(plan_buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 100);
	assert_int_equal(b.ptr[100], '\0');
	assert_int_equal(b.ptr[99], 'a' + 99 % 26);
	assert_int_equal(plan_buf_putc(&b, 'z'), -1);
	assert_true(b.failed);
	assert_int_equal(b.len, 100);
	plan_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_printf),
		cmocka_unit_test(test_maximum_size_is_enforced),
		cmocka_unit_test(test_detach_empty_gives_empty_string),
		cmocka_unit_test(test_safe_escapes_terminal_controls),
		cmocka_unit_test(test_json_strings_are_always_valid),
		cmocka_unit_test(test_arena_alignment_and_large_blocks),
		cmocka_unit_test(test_arena_sized_first_block),
		cmocka_unit_test(test_arena_large),
		cmocka_unit_test(test_putc_fast_path_keeps_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
