/* plan/csv.h: fields and records of RFC 4180 CSV, for open-data tables:
 * UTF-8 without a byte order mark, CRLF record ends. */
#ifndef PLAN_CSV_H
#define PLAN_CSV_H

#include <stddef.h>

#include "plan/buf.h"

/* One field of `len` bytes. Quoted (and its quotes doubled) when it holds
 * a quote, a comma, CR or LF, any other control character, or starts or
 * ends with a space; otherwise copied as it is. Control characters stay:
 * they are data, and a quoted field may hold them. Invalid UTF-8 bytes
 * become U+FFFD, so the file is always valid UTF-8. NULL is an empty
 * field. Returns 0, or -1 when `buf` failed. */
int plan_csv_field(plan_buf *buf, const char *data, size_t len);

/* plan_csv_field of a C string (NULL: empty). */
int plan_csv_field_str(plan_buf *buf, const char *text);

/* The end of a record: CRLF. */
int plan_csv_end_record(plan_buf *buf);

#endif
