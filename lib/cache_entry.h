/* cache_entry.h (private): one file's result (plan/cache.h) as bytes and
 * back, without the header that cache.c puts before them. */
#ifndef PLAN_CACHE_ENTRY_H
#define PLAN_CACHE_ENTRY_H

#include <stddef.h>

#include "plan/buf.h"
#include "plan/cache.h"

/* Raised when what an entry holds changes shape: part of every key. */
#define PLAN_CACHE_FORMAT 2

/* Append `result` to `out`. Returns 0, or -1 when it cannot be kept (a tree
 * deeper than a reader would follow, memory, the buffer's bound). */
int plan_result_encode(plan_buf *out, const plan_file_result *result, const plan_keep *keep);

/* With `keep` (the lists the cache prunes to, or NULL), a mapping key the
 * lists name is read back as their own string, as plan_file_prune leaves it,
 * not as a copy: `keep` must be the same for writing and reading.
 *
 * Read `len` bytes that plan_result_encode wrote for the file `path`, the
 * diagnostics into a list in `lang`. Returns 0 with *out filled in (free its
 * members), or -1 when the bytes are not such a result (whatever they hold)
 * or memory ran out (*out zeroed). */
int plan_result_decode(plan_file_result *out, const char *path,
	const unsigned char *data, size_t len, plan_lang lang, const plan_keep *keep);

/* The same with the trees allocated from `into` (NULL: an arena of the
 * file's own): the file then owns no arena (plan_file_free frees nothing of
 * it), and lives as long as `into`. What a failed decoding took of `into`
 * stays there until it goes. */
int plan_result_decode_into(plan_file_result *out, const char *path,
	const unsigned char *data, size_t len, plan_lang lang, const plan_keep *keep,
	plan_arena *into);

#endif
