/* plan/error.h: an error object for failures that are not about a plan file
 * (a usage problem, a missing root, an out-of-memory). Faults in plan files are
 * diagnostics instead (plan/diag.h). */
#ifndef PLAN_ERROR_H
#define PLAN_ERROR_H

#include "plan/lang.h"

typedef struct plan_error {
	char message[1024];
	plan_lang lang;        /* the language plan_error_set writes in */
} plan_error;

#define PLAN_ERROR_INIT { { 0 }, PLAN_LANG_EN }

/* Record a message (truncated to fit); `err` may be NULL. `fmt` is English,
 * the catalogue's key: the message is written in err->lang. Returns -1 so
 * that callers can write `return plan_error_set(err, ...)`. */
int plan_error_set(plan_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
