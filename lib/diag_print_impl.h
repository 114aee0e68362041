/* diag_print_impl.h (private): what the printers of plan_diags_print share,
 * diag_print.c's text, json, sarif and github and diag_ci.c's gitlab, junit
 * and tap. */
#ifndef PLAN_DIAG_PRINT_IMPL_H
#define PLAN_DIAG_PRINT_IMPL_H

#include <stdio.h>

#include "plan/buf.h"
#include "plan/diag.h"

/* Write what the buffer holds and empty it; -1 when writing failed or an
 * append was refused since the last flush. */
int plan_diag_flush(FILE *out, plan_buf *buf);

/* The same once the buffer holds enough to be worth a write (or failed), so
 * that any number of diagnostics prints in bounded memory. */
int plan_diag_maybe_flush(FILE *out, plan_buf *buf);

/* True when `d` is printed at all (its severity is not off). */
int plan_diag_printed(const plan_diag *d);

/* `prefix` (with a '/' after it when it lacks one) and `file`, into `path`
 * (emptied first). */
int plan_diag_join_path(plan_buf *path, const char *prefix, const char *file);

/* The text format's last line: the counts of errors, warnings, documents
 * and suppressed faults, in the reader's language, with its newline. */
void plan_diag_put_summary(plan_buf *buf, const plan_diag_print_options *o,
	size_t errors, size_t warnings);

int plan_diag_print_gitlab(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o);
int plan_diag_print_junit(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o);
int plan_diag_print_tap(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o);

#endif
