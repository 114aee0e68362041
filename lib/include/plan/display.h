/* plan/display.h: text as a terminal shows it: how many columns a string
 * takes, plan text shortened with an ellipsis to fit a number of columns,
 * and how wide the terminal is. */
#ifndef PLAN_DISPLAY_H
#define PLAN_DISPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "plan/buf.h"

/* Columns a terminal gives code point `cp`: 0 for combining marks,
 * zero-width characters and controls, 2 for East Asian wide and fullwidth
 * characters and emoji, 1 for everything else. */
int plan_display_cp_width(uint32_t cp);

/* Columns `len` bytes of UTF-8 text take; a byte that is not valid UTF-8
 * counts as one column. */
size_t plan_display_width(const char *text, size_t len);

/* Append plan text made safe exactly as plan_buf_put_safe does, shortened
 * when its safe form is wider than `columns` (0: never shortened): cut at a
 * character boundary (a combining mark stays with its base) and ended with
 * "…" (U+2026, one column) so that the whole fits in `columns`. Returns 0,
 * or -1 when the buffer refused the append. */
int plan_display_put(plan_buf *buf, const char *text, size_t len, size_t columns);

/* Columns the text written to file descriptor `fd` should fit in, 0 meaning
 * no limit: the terminal's width when `fd` is a terminal (TIOCGWINSZ; the
 * COLUMNS environment variable, then 80, when the terminal does not say);
 * otherwise COLUMNS when it is set to a number from 1 to 10000, else 0. */
size_t plan_display_columns(int fd);

#endif
