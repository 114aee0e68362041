/* plan/personal_data.h: finding Swedish personal identity numbers
 * (personnummer) in plan text, for the catalogue rule personal-data. */
#ifndef PLAN_PERSONAL_DATA_H
#define PLAN_PERSONAL_DATA_H

#include <stddef.h>

#include "plan/diag.h"
#include "plan/load.h"

/* Look for the first personnummer or samordningsnummer (coordination number)
 * in `len` bytes of `text`. Recognised forms: YYMMDDNNNC, YYYYMMDDNNNC, and
 * either of them with one '-' or '+' before the last four digits
 * (YYMMDD-NNNC, YYMMDD+NNNC, YYYYMMDD-NNNC). A candidate counts only when
 *   - its digits are a whole run: no digit touches it on either side;
 *   - the month is 01-12 and the day exists in that month, or is that day
 *     plus 60 (a samordningsnummer); 29 February needs a leap year in the
 *     12-digit form and is always accepted in the 10-digit form, whose
 *     century is unknown;
 *   - in the 12-digit form, the year is 1800-2099;
 *   - the Luhn check digit C is right for YYMMDDNNN.
 * Returns 1 and the span in *offset and *length (the separator included),
 * or 0 when there is none. Either out pointer may be NULL. Linear in `len`;
 * `text` need not be NUL-terminated. */
int plan_personnummer_find(const char *text, size_t len, size_t *offset, size_t *length);

/* Rule personal-data: add one diagnostic to `diags` for every scalar of the
 * tree under `root` (keys, strings and numbers as written) that contains a
 * personnummer, at the scalar's line and column in `file`, keyed by its path
 * ("goals[0].title"; NULL when the path would itself show the number). The
 * message never quotes the number. A node that aliases make appear more than
 * once is reported once, where it is first reached. Running out of memory is
 * reported as a `limit` diagnostic, since the check is then incomplete.
 * `root` may be NULL (an empty document). */
void plan_rules_personal_data(const char *file, const plan_node *root, plan_diags *diags);

#endif
