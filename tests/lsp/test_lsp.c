/* test_lsp.c: unit tests of plan-lsp's message reader and writer
 * (plan_lsp_read, plan_lsp_write) and of telling messages apart
 * (plan_lsp_classify), on streams held in memory. */
#define _POSIX_C_SOURCE 200809L /* fmemopen, open_memstream */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/lsp.h"

/* A stream over `len` bytes (a copy, so fmemopen never sees a literal). */
typedef struct input {
	char *bytes;
	FILE *in;
} input;

static input open_input(const char *bytes, size_t len)
{
	input i;
	i.bytes = malloc(len ? len : 1);
	assert_non_null(i.bytes);
	memcpy(i.bytes, bytes, len);
	i.in = fmemopen(i.bytes, len ? len : 1, "r");
	assert_non_null(i.in);
	if (len == 0)
		getc(i.in);   /* fmemopen wants a size of 1 at least: read it away */
	return i;
}

static void close_input(input *i)
{
	fclose(i->in);
	free(i->bytes);
}

#define INPUT(s) open_input((s), sizeof(s) - 1)

static void test_two_messages(void **state)
{
	(void)state;
	input i = INPUT("Content-Length: 2\r\n\r\n{}"
		"content-type: application/vscode-jsonrpc; charset=utf-8\r\n"
		"CONTENT-LENGTH:   5  \r\n\r\n[1,2]");
	plan_buf body = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), 0);
	assert_int_equal(body.len, 2);
	assert_string_equal(body.ptr, "{}");
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), 0);
	assert_string_equal(body.ptr, "[1,2]");
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_END);
	plan_buf_free(&body);
	close_input(&i);
}

static void test_bare_newlines_and_blank_lines(void **state)
{
	(void)state;
	/* Blank lines between messages are noise; "\n" alone ends a line. */
	input i = INPUT("\r\n\nContent-Length: 3\n\nabc");
	plan_buf body = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), 0);
	assert_string_equal(body.ptr, "abc");
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_END);
	plan_buf_free(&body);
	close_input(&i);
}

static void test_empty_body_and_nul(void **state)
{
	(void)state;
	input i = INPUT("Content-Length: 0\r\n\r\nContent-Length: 3\r\n\r\na\0b");
	plan_buf body = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), 0);
	assert_int_equal(body.len, 0);
	assert_non_null(body.ptr);
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), 0);
	assert_int_equal(body.len, 3);
	assert_memory_equal(body.ptr, "a\0b", 3);
	plan_buf_free(&body);
	close_input(&i);
}

/* Each bad header is refused with its reason, and the reader goes on with
 * the message after it. */
static void test_bad_headers_skipped(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		const char *reason;
	} cases[] = {
		{ "Content-Type: x\r\n\r\n", "the message has no Content-Length header" },
		{ "Content-Length: 12abc\r\n\r\n", "the Content-Length header is not one whole number" },
		{ "Content-Length: -1\r\n\r\n", "the Content-Length header is not one whole number" },
		{ "Content-Length: \r\n\r\n", "the Content-Length header is not one whole number" },
		{ "Content-Length: 99999999999999999999999\r\n\r\n",
		  "the Content-Length header is not one whole number" },
		{ "Content-Length: 2\r\nContent-Length: 3\r\n\r\n",
		  "the Content-Length header is not one whole number" },
		{ "no colon here\r\n\r\n", "a header line has no ':'" },
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		plan_buf in = PLAN_BUF_INIT;
		plan_buf_puts(&in, cases[c].header);
		plan_buf_puts(&in, "Content-Length: 4\r\n\r\nnext");
		input i = open_input(in.ptr, in.len);
		plan_buf body = PLAN_BUF_INIT;
		plan_error err = PLAN_ERROR_INIT;
		assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_SKIPPED);
		assert_string_equal(err.message, cases[c].reason);
		assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), 0);
		assert_string_equal(body.ptr, "next");
		plan_buf_free(&body);
		plan_buf_free(&in);
		close_input(&i);
	}
}

static void test_long_header_refused_unheld(void **state)
{
	(void)state;
	plan_buf in = PLAN_BUF_INIT;
	plan_buf_puts(&in, "X-Long: ");
	for (int k = 0; k < 100000; k++)
		plan_buf_putc(&in, 'x');
	plan_buf_puts(&in, "\r\nContent-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\nok");
	input i = open_input(in.ptr, in.len);
	plan_buf body = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_SKIPPED);
	assert_string_equal(err.message, "a header line or the header block is longer than the limit");
	/* The refused message's own body reads as a header: refused in turn;
	 * the "ok" after it then ends inside a header. */
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_SKIPPED);
	assert_string_equal(err.message, "the message has no Content-Length header");
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_BROKEN);
	plan_buf_free(&body);
	plan_buf_free(&in);
	close_input(&i);
}

static void test_too_large_read_past(void **state)
{
	(void)state;
	plan_buf in = PLAN_BUF_INIT;
	plan_buf_puts(&in, "Content-Length: 100001\r\n\r\n");
	for (int k = 0; k < 100001; k++)
		plan_buf_putc(&in, ' ');
	plan_buf_puts(&in, "Content-Length: 2\r\n\r\n{}");
	input i = open_input(in.ptr, in.len);
	plan_buf body = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_lsp_read(&body, i.in, 100000, &err), PLAN_LSP_SKIPPED);
	assert_string_equal(err.message,
		"a message of 100001 bytes is larger than the limit of 100000 bytes");
	assert_null(body.ptr);
	assert_int_equal(plan_lsp_read(&body, i.in, 100000, &err), 0);
	assert_string_equal(body.ptr, "{}");
	plan_buf_free(&body);
	plan_buf_free(&in);
	close_input(&i);
}

static void test_input_ends_inside(void **state)
{
	(void)state;
	static const char *const cuts[] = {
		"Content-Length: 10\r\n\r\nabc",          /* body short */
		"Content-Length: 10\r\n",                 /* no blank line */
		"Content-Len",                            /* inside a header line */
		"Content-Length: 99999999999999\r\n\r\n", /* over the limit, then nothing */
	};
	for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
		input i = open_input(cuts[c], strlen(cuts[c]));
		plan_buf body = PLAN_BUF_INIT;
		plan_error err = PLAN_ERROR_INIT;
		assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_BROKEN);
		assert_true(err.message[0] != '\0');
		plan_buf_free(&body);
		close_input(&i);
	}
	input i = open_input("", 0);
	plan_buf body = PLAN_BUF_INIT;
	assert_int_equal(plan_lsp_read(&body, i.in, 0, NULL), PLAN_LSP_END);
	close_input(&i);
}

static void test_swedish_reason(void **state)
{
	(void)state;
	input i = INPUT("Content-Type: x\r\n\r\n");
	plan_buf body = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	err.lang = PLAN_LANG_SV;
	assert_int_equal(plan_lsp_read(&body, i.in, 0, &err), PLAN_LSP_SKIPPED);
	assert_string_not_equal(err.message, "the message has no Content-Length header");
	close_input(&i);
}

static void test_write_frames(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	/* The length counts bytes: "å" is two. */
	assert_int_equal(plan_lsp_write(out, "{\"a\":\"\xc3\xa5\"}", 10), 0);
	fclose(out);
	assert_string_equal(text, "Content-Length: 10\r\n\r\n{\"a\":\"\xc3\xa5\"}");
	free(text);
}

static void test_classify(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		plan_lsp_kind kind;
		int code;
		const char *method;
	} cases[] = {
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}", PLAN_LSP_REQUEST, 0, "initialize" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"a\"}", PLAN_LSP_REQUEST, 0, "a" },
		{ "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}", PLAN_LSP_NOTIFICATION, 0, "exit" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", PLAN_LSP_RESPONSE, 0, "" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{}}", PLAN_LSP_RESPONSE, 0, "" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"a\"}", PLAN_LSP_INVALID, PLAN_LSP_INVALID_REQUEST, "" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"a\"}", PLAN_LSP_INVALID, PLAN_LSP_INVALID_REQUEST, "" },
		{ "{\"jsonrpc\":\"1.0\",\"method\":\"a\"}", PLAN_LSP_INVALID, PLAN_LSP_INVALID_REQUEST, "" },
		{ "{\"jsonrpc\":\"2.0\",\"method\":3}", PLAN_LSP_INVALID, PLAN_LSP_INVALID_REQUEST, "" },
		{ "{\"jsonrpc\":\"2.0\"}", PLAN_LSP_INVALID, PLAN_LSP_INVALID_REQUEST, "" },
		{ "[1]", PLAN_LSP_INVALID, PLAN_LSP_INVALID_REQUEST, "" },
		{ "{\"jsonrpc\":", PLAN_LSP_INVALID, PLAN_LSP_PARSE_ERROR, "" },
		{ "", PLAN_LSP_INVALID, PLAN_LSP_PARSE_ERROR, "" },
		{ "{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}", PLAN_LSP_INVALID, PLAN_LSP_PARSE_ERROR, "" },
	};
	plan_buf method = PLAN_BUF_INIT;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		plan_lsp_kind kind;
		int code;
		int rc = plan_lsp_classify(&kind, &code, &method, cases[c].body, strlen(cases[c].body));
		assert_int_equal(rc, cases[c].kind == PLAN_LSP_INVALID ? -1 : 0);
		assert_int_equal(kind, cases[c].kind);
		assert_int_equal(code, cases[c].code);
		assert_string_equal(method.ptr ? method.ptr : "", cases[c].method);
	}
	plan_buf_free(&method);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_messages),
		cmocka_unit_test(test_bare_newlines_and_blank_lines),
		cmocka_unit_test(test_empty_body_and_nul),
		cmocka_unit_test(test_bad_headers_skipped),
		cmocka_unit_test(test_long_header_refused_unheld),
		cmocka_unit_test(test_too_large_read_past),
		cmocka_unit_test(test_input_ends_inside),
		cmocka_unit_test(test_swedish_reason),
		cmocka_unit_test(test_write_frames),
		cmocka_unit_test(test_classify),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
