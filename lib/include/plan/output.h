/* plan/output.h: where a binary writes its result: standard output, or a
 * file (-o) replaced atomically, so a failure never leaves half a file. */
#ifndef PLAN_OUTPUT_H
#define PLAN_OUTPUT_H

#include <stdarg.h>
#include <stdio.h>

#include "plan/buf.h"
#include "plan/error.h"

typedef struct plan_output plan_output;

/* Open the destination: NULL or "-" is standard output; otherwise a temporary
 * file beside `path`. A `path` inside `forbidden_root` (the plan set being
 * read; may be NULL) that the plan set would read (a *.yaml or *.yml file)
 * is refused: the tools never change what they read. Any other file there
 * (a .sarif, .md or .html) is written. Returns 0 with *out set, or -1 with
 * `err` set. */
int plan_output_open(plan_output **out, const char *path,
	const char *forbidden_root, plan_error *err);

/* The stream to write to. */
FILE *plan_output_stream(plan_output *output);

/* True when the destination is a terminal (for colour and source quotes). */
int plan_output_is_terminal(const plan_output *output);

/* Flush and, for a file, rename the temporary over `path`. Frees `output`.
 * Returns 0, or -1 with `err` set (the temporary is removed). */
int plan_output_commit(plan_output *output, plan_error *err);

/* Discard: remove the temporary file. Frees `output`; accepts NULL. */
void plan_output_abort(plan_output *output);

/* A result written in chunks: pieces are appended to `buf`, and the buffer
 * goes to `stream` once it holds a chunk's worth. A failed write or append
 * is remembered in `failed`, so a binary checks once at the end. Without a
 * stream (NULL), plan_out_maybe_flush keeps everything in `buf`. */
typedef struct plan_out {
	FILE *stream;
	plan_buf buf;
	int failed;
} plan_out;

/* Write the buffer out now (plan_out_flush), or when it holds a chunk
 * (plan_out_maybe_flush); both record failures in out->failed. */
void plan_out_flush(plan_out *out);
void plan_out_maybe_flush(plan_out *out);

/* A line a part of the library says to its caller's stream `to`:
 * "program: " and `fmt` filled in, then a line end. Nothing when `to` is
 * NULL. */
void plan_vsay(FILE *to, const char *program, const char *fmt, va_list ap);

#endif
