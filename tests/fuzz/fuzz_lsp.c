/* fuzz_lsp.c: plan-lsp's message reader on arbitrary bytes: every message
 * it takes is at most the limit, framed again by the writer it reads back
 * the same, and classified as JSON-RPC without a crash; the reader always
 * ends, however the headers lie. */
#define _POSIX_C_SOURCE 200809L /* fmemopen, open_memstream */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "plan/buf.h"
#include "plan/lsp.h"

/* Small, so that the fuzzer reaches the refusal of a larger body. */
#define FUZZ_MAX_MESSAGE 4096

/* The writer's frame of `body`, read back: the same bytes. */
static void round_trip(const plan_buf *body)
{
	char *framed = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&framed, &len);
	if (!out)
		return;
	int wrote = plan_lsp_write(out, body->ptr, body->len);
	fclose(out);
	fuzz_check(wrote == 0, "plan_lsp_write failed", framed, len);
	FILE *in = fmemopen(framed, len, "r");
	if (in) {
		plan_buf again = PLAN_BUF_INIT;
		int got = plan_lsp_read(&again, in, FUZZ_MAX_MESSAGE, NULL);
		fuzz_check(got == 0 && again.len == body->len &&
			(body->len == 0 || memcmp(again.ptr, body->ptr, body->len) == 0),
			"a written message does not read back the same", framed, len);
		plan_buf_free(&again);
		fclose(in);
	}
	free(framed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	char *copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	FILE *in = fmemopen(copy, size, "r");
	if (!in) {
		free(copy);
		return 0;
	}
	plan_buf body = PLAN_BUF_INIT;
	plan_buf method = PLAN_BUF_INIT;
	/* Every read consumes at least one byte, so this many always do. */
	for (size_t reads = 0; reads <= size; reads++) {
		plan_error err = PLAN_ERROR_INIT;
		int got = plan_lsp_read(&body, in, FUZZ_MAX_MESSAGE, &err);
		if (got == PLAN_LSP_END || got == PLAN_LSP_BROKEN)
			break;
		fuzz_check(got == 0 || err.message[0] != '\0', "a refusal without a reason",
			err.message, strlen(err.message));
		if (got != 0)
			continue;
		fuzz_check(body.len <= FUZZ_MAX_MESSAGE, "a body over the limit", body.ptr, body.len);
		plan_lsp_kind kind;
		int code;
		int rc = plan_lsp_classify(&kind, &code, &method, body.ptr, body.len);
		fuzz_check((rc == 0) == (kind != PLAN_LSP_INVALID) &&
			(rc == 0 || code == PLAN_LSP_PARSE_ERROR || code == PLAN_LSP_INVALID_REQUEST),
			"classify's result and code disagree", body.ptr, body.len);
		round_trip(&body);
	}
	plan_buf_free(&body);
	plan_buf_free(&method);
	fclose(in);
	free(copy);
	return 0;
}
