/* plan/date.h: calendar dates as plan documents write them (YYYY-MM-DD). */
#ifndef PLAN_DATE_H
#define PLAN_DATE_H

#include <stddef.h>

/* True when `text` (len bytes) is YYYY-MM-DD in ASCII digits and names a day
 * that exists (leap years included). Such dates compare correctly as text. */
int plan_date_valid(const char *text, size_t len);

#endif
