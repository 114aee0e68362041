/* plan/suppress.h: suppression directives written in plan files, as
 * linters have them:
 *
 *     owner: ks  # plan-validate: disable-line cross-body-link -- why
 *     # plan-validate: disable-next-line no-trace,goal-without-kpi -- why
 *
 * A directive names one or more rules and gives a reason after " -- ";
 * diagnostics of those rules located on its line (disable-line) or on the
 * line below it (disable-next-line) are taken out of what is reported. A
 * directive that is written wrong is itself reported (suppression-invalid),
 * and so is a rule of a directive that suppressed nothing
 * (unused-suppression, a warning: --strict fails on it). libyaml drops
 * comments, so directives are found in the file's bytes; a '#' inside a
 * quoted or block scalar is text, not a comment, and is never read as one. */
#ifndef PLAN_SUPPRESS_H
#define PLAN_SUPPRESS_H

#include <stddef.h>

#include "plan/diag.h"

/* The directives of one file. */
typedef struct plan_suppressions plan_suppressions;

/* The most rules one directive may name. */
#define PLAN_SUPPRESS_MAX_RULES 16

/* Find the directives in the `len` bytes of `text`, the file `path` (from
 * the plan set root; copied). Each directive written wrong is reported to
 * `diags` as suppression-invalid, in the list's language; whatever it names
 * correctly still suppresses, so that one fault stays one diagnostic.
 * *out is NULL when the file holds no directive (the usual case, found at
 * memchr's speed). Returns 0, or -1 when memory ran out (*out NULL). Free
 * *out with plan_suppressions_free. */
int plan_suppressions_scan(plan_suppressions **out, const char *path,
	const char *text, size_t len, plan_diags *diags);

void plan_suppressions_free(plan_suppressions *suppressions);

/* The directives found (each counted once, whatever it names). */
size_t plan_suppressions_count(const plan_suppressions *suppressions);

/* Apply the directives of `nfiles` files (NULL entries are files without
 * any) to `diags`: every diagnostic a directive covers is moved to
 * `suppressed` (NULL: freed). Then, when `report_unused`, each rule of a
 * directive that covered nothing is reported to `diags` as
 * unused-suppression; a caller passes 0 when the checks across documents
 * did not run, since a directive for one of their rules would then look
 * unused when it is not. Diagnostics of the suppression rules themselves are
 * never covered. Returns 0, or -1 when memory ran out. */
int plan_suppressions_apply(plan_suppressions *const *files, size_t nfiles,
	int report_unused, plan_diags *diags, plan_diags *suppressed);

#endif
