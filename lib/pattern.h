/* pattern.h (private): the regular expressions of JSON Schema's `pattern`
 * and `patternProperties`, written in ECMA 262 syntax. */
#ifndef PLAN_PATTERN_H
#define PLAN_PATTERN_H

#include <stddef.h>

typedef struct plan_pattern plan_pattern;

/* Compile `source` (len bytes). Returns the pattern (free with
 * plan_pattern_free), or NULL with *why completing the sentence "pattern
 * 'X' ..." (unsupported syntax, too complex, invalid, out of memory). */
plan_pattern *plan_pattern_compile(const char *source, size_t len, const char **why);

/* True when `text` (len bytes, NUL-terminated) contains a match, as ECMA
 * 262's RegExp.test would say. Safe from any thread. */
int plan_pattern_match(const plan_pattern *pattern, const char *text, size_t len);

void plan_pattern_free(plan_pattern *pattern);

#endif
