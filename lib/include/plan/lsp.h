/* plan/lsp.h: plan-lsp, the plan set checked while it is typed: the
 * Language Server Protocol (3.17) over a pair of streams, JSON-RPC messages
 * framed by Content-Length headers, answered from the same pipeline
 * plan-validate and plan-link use. Built as its own library (plan_lsp), the
 * only part of the toolkit that needs jansson. */
#ifndef PLAN_LSP_H
#define PLAN_LSP_H

#include <stddef.h>
#include <stdio.h>

#include "plan/buf.h"
#include "plan/error.h"
#include "plan/lang.h"
#include "plan/load.h"

/* The largest message body taken: a 16 MiB plan file (the file-size limit)
 * is at most a few times that once escaped as JSON. A larger body is read
 * past and answered with an error, never held. */
#define PLAN_LSP_MAX_MESSAGE ((size_t)64 << 20)

/* The largest header block (the lines before the body): real clients send
 * one or two short lines. A longer block is read past, never held. */
#define PLAN_LSP_MAX_HEADER ((size_t)8192)

/* What plan_lsp_read returns besides 0 (one message read). */
enum {
	PLAN_LSP_END = 1,        /* the input ended cleanly, between messages */
	PLAN_LSP_SKIPPED = -1,   /* one message could not be taken and was read
	                          * past (no or a bad Content-Length, a header
	                          * block too long, a body over the limit); `err`
	                          * says why; the next read goes on after it */
	PLAN_LSP_BROKEN = -2     /* the input ended inside a message, or reading
	                          * failed: nothing more can be read */
};

/* Read one message from `in`: header lines ending in "\r\n" (a bare "\n" is
 * taken too) up to an empty line, then exactly Content-Length bytes of
 * body. Header names are matched without case; headers other than
 * Content-Length (Content-Type) are passed over. `out` is cleared, its
 * maximum set to `max_message`, and it gets the body (not checked as JSON
 * here). A body larger than `max_message`
 * (0: PLAN_LSP_MAX_MESSAGE) is read past in small pieces and reported as
 * PLAN_LSP_SKIPPED. Returns 0, PLAN_LSP_END, PLAN_LSP_SKIPPED or
 * PLAN_LSP_BROKEN (the last two with `err` set). */
int plan_lsp_read(plan_buf *out, FILE *in, size_t max_message, plan_error *err);

/* Write one message: its Content-Length header and `len` bytes of body,
 * then flush. Returns 0, or -1 when writing failed. */
int plan_lsp_write(FILE *out, const char *body, size_t len);

/* JSON-RPC's and LSP's error codes that the server answers with. */
enum {
	PLAN_LSP_PARSE_ERROR = -32700,
	PLAN_LSP_INVALID_REQUEST = -32600,
	PLAN_LSP_METHOD_NOT_FOUND = -32601,
	PLAN_LSP_INVALID_PARAMS = -32602,
	PLAN_LSP_INTERNAL_ERROR = -32603,
	PLAN_LSP_SERVER_NOT_INITIALIZED = -32002,
	PLAN_LSP_REQUEST_FAILED = -32803
};

typedef struct plan_lsp_options {
	int lang;                /* a plan_lang, or -1: initialize's `locale`
	                          * decides (sv... Swedish, else English), and
	                          * without one `fallback_lang` */
	plan_lang fallback_lang; /* the environment's (plan_lang_from_env) */
	const char *help_uri;    /* the README's address: each diagnostic's
	                          * codeDescription.href is it and "#rule-ID",
	                          * as SARIF's helpUri (NULL: none) */
	size_t max_message;      /* 0: PLAN_LSP_MAX_MESSAGE */
	plan_limits limits;      /* as plan-validate's --limit */
	unsigned jobs;           /* worker threads loading a set; 0: one per processor */
} plan_lsp_options;

#define PLAN_LSP_OPTIONS_INIT { -1, PLAN_LANG_EN, NULL, 0, PLAN_LIMITS_INIT, 0 }

/* Serve one client: read messages from `in` and write responses and
 * notifications to `out` until the client sends `exit` or the input ends.
 * Never writes anything else to either stream, nor to standard error; a
 * fault in a message is a JSON-RPC error response (or nothing, for a
 * notification). Returns the exit status the protocol asks for: 0 when
 * `exit` came after `shutdown`, 1 otherwise (no shutdown, input ended or
 * broken, memory ran out). */
int plan_lsp_serve(FILE *in, FILE *out, const plan_lsp_options *options);

/* What a message is, as JSON-RPC tells it (plan_lsp_classify). */
typedef enum plan_lsp_kind {
	PLAN_LSP_REQUEST,        /* a method and an id: an answer is due */
	PLAN_LSP_NOTIFICATION,   /* a method, no id */
	PLAN_LSP_RESPONSE,       /* an id, no method: the client answering us */
	PLAN_LSP_INVALID         /* none of these; `code` says how to answer */
} plan_lsp_kind;

/* Classify one message body: 0 with *kind set (and *code 0), or -1 with
 * *kind PLAN_LSP_INVALID and *code PLAN_LSP_PARSE_ERROR (not JSON) or
 * PLAN_LSP_INVALID_REQUEST (JSON, but not a JSON-RPC 2.0 message). The
 * method's name, when there is one, is copied into `method` (cleared
 * first). For the fuzz target and the tests; the server does the same. */
int plan_lsp_classify(plan_lsp_kind *kind, int *code, plan_buf *method,
	const char *body, size_t len);

#endif
