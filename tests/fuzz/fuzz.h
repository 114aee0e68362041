/* fuzz.h: what the fuzz targets share: libFuzzer's entry point (declared
 * here so that -Wmissing-prototypes is satisfied) and the output checks. */
#ifndef PLAN_FUZZ_H
#define PLAN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point; the replay driver calls it for each corpus file.
 * Always returns 0; a fault is a crash (abort, sanitizer report). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when `len` bytes are exactly one JSON value (RFC 8259: UTF-8, no
 * control characters in strings, whitespace around), else 0. */
int fuzz_json_valid(const char *text, size_t len);

/* 1 when `len` bytes are safe to show on a terminal: valid UTF-8, no C0
 * control but '\n' (and ESC only to start one of plan-validate's SGR colour
 * sequences when `color`), no DEL, no C1 control, no bidirectional control. */
int fuzz_terminal_safe(const char *text, size_t len, int color);

/* abort() with a message on stderr, and the offending output, when `ok` is 0. */
void fuzz_check(int ok, const char *what, const char *text, size_t len);

#endif
