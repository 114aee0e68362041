/* diag_print_impl.h (private): what the printers of plan_diags_print share,
 * diag_print.c's text, json, sarif and github and diag_ci.c's gitlab, junit
 * and tap. */
#ifndef PLAN_DIAG_PRINT_IMPL_H
#define PLAN_DIAG_PRINT_IMPL_H

#include <stdio.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/diag.h"

static inline int plan_diag_is_warning(const plan_diag *d)
{
	return d->severity == PLAN_SEVERITY_WARNING;
}

/* The machine formats' names of the levels (never translated). */
static inline const char *plan_diag_level_name(const plan_diag *d)
{
	return plan_diag_is_warning(d) ? "warning" : "error";
}

/* True when the diagnostic's end is known (a column to start from, and an
 * end not before it): SARIF's endLine/endColumn, GitLab's positions.end. */
static inline int plan_diag_has_end(const plan_diag *d)
{
	return d->column > 0 &&
	       (d->end_line > d->line || (d->end_line == d->line && d->end_column >= d->column));
}

static inline void plan_diag_put_json_str(plan_buf *buf, const char *s)
{
	plan_buf_put_json(buf, s, strlen(s));
}

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
