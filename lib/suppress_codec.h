/* suppress_codec.h (private): a file's suppression directives written into
 * and read back from a result cache entry (cache_entry.c), in suppress.c
 * since only it knows what a directive holds. */
#ifndef PLAN_SUPPRESS_CODEC_H
#define PLAN_SUPPRESS_CODEC_H

#include "codec.h"
#include "plan/buf.h"
#include "plan/suppress.h"

/* Append the directives (NULL: a file without any) to `out`. */
void plan_suppressions_encode(plan_buf *out, const plan_suppressions *suppressions);

/* Read what plan_suppressions_encode wrote for the file `path` (copied).
 * *out is NULL when the file had no directive. Returns 0, or -1 when the
 * bytes are not such a record (r->bad set) or memory ran out. */
int plan_suppressions_decode(plan_suppressions **out, const char *path, plan_codec_reader *r);

#endif
