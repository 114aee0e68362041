/* yaml_hint.h (private): a YAML syntax error said in plan terms, and a file
 * that is not UTF-8 recognised as Latin-1 or Windows-1252. */
#ifndef PLAN_YAML_HINT_H
#define PLAN_YAML_HINT_H

#include <stddef.h>
#include <stdint.h>

#include "plan/buf.h"
#include "plan/lang.h"

/* libyaml stopped at *line, *column (1-based, in characters) of text with
 * `problem` (libyaml's English). When the slip behind it is one a planner
 * makes (a tab in the indentation, a line indented more or less than the key
 * above it), put what is wrong in `lang` into msg, move *line and *column to
 * the real cause, and return 1; otherwise return 0 and leave all as is. */
int plan_yaml_hint(const char *text, size_t len, const char *problem, plan_lang lang,
	plan_buf *msg, uint32_t *line, uint32_t *column);

/* For a text that is not valid UTF-8, with the first bad byte at `offset`:
 * when the file looks like UTF-16 (a byte order mark, NUL bytes), or holds
 * no valid multi-byte UTF-8 character but bytes that Windows-1252 (a
 * superset of Latin-1's letters) reads as text, put into msg, in `lang`,
 * which encoding it looks like and how to convert it, and return 1;
 * otherwise return 0. */
int plan_latin1_hint(const char *text, size_t len, size_t offset, plan_lang lang,
	plan_buf *msg);

#endif
