/* Unit tests for chunked output (plan_out): pieces reach the stream whole
 * and in order, and a failed append is remembered, not written. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/output.h"

static void test_chunks_reach_the_stream_in_order(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	plan_out out = { f, PLAN_BUF_INIT, 0 };
	for (int i = 0; i < 20000; i++) {
		plan_buf_printf(&out.buf, "%05d\n", i);
		plan_out_maybe_flush(&out);
		/* never more than a chunk and one piece held back */
		assert_true(out.buf.len < ((size_t)64 << 10) + 6);
	}
	plan_out_flush(&out);
	assert_int_equal(out.buf.len, 0);
	assert_false(out.failed);
	assert_int_equal(ftell(f), 20000 * 6);
	rewind(f);
	char line[16];
	for (int i = 0; i < 20000; i++) {
		assert_non_null(fgets(line, sizeof line, f));
		char want[16];
		snprintf(want, sizeof want, "%05d\n", i);
		assert_string_equal(line, want);
	}
	plan_buf_free(&out.buf);
	fclose(f);
}

static void test_a_failed_append_is_remembered(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	plan_out out = { f, PLAN_BUF_INIT, 0 };
	out.buf.max = 4;
	plan_buf_puts(&out.buf, "abcdef");
	plan_out_maybe_flush(&out);
	assert_true(out.failed);
	plan_buf_puts(&out.buf, "ab");
	plan_out_flush(&out);
	assert_true(out.failed);
	assert_int_equal(ftell(f), 0);   /* nothing after a failure is written */
	plan_buf_free(&out.buf);
	fclose(f);
}

/* Write `text` to `path` through plan_output; the mode it ends with. */
static mode_t write_through(const char *path, const char *text)
{
	plan_output *o = NULL;
	plan_error err = { 0 };
	assert_int_equal(plan_output_open(&o, path, NULL, &err), 0);
	assert_true(fputs(text, plan_output_stream(o)) >= 0);
	assert_int_equal(plan_output_commit(o, &err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* A new file gets 0666 less the umask, as a shell redirection gives; a
 * replaced file keeps its mode. */
static void test_mode_follows_umask_and_is_kept(void **state)
{
	(void)state;
	char dir[] = "/tmp/test-output-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/report.md", dir);
	mode_t old = umask(027);
	assert_int_equal(write_through(path, "one\n"), 0640);
	umask(022);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(write_through(path, "two\n"), 0644);
	assert_int_equal(chmod(path, 0604), 0);
	assert_int_equal(write_through(path, "three\n"), 0604);
	umask(old);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunks_reach_the_stream_in_order),
		cmocka_unit_test(test_a_failed_append_is_remembered),
		cmocka_unit_test(test_mode_follows_umask_and_is_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
