/* plan/buf.h: the one growable byte buffer, with a maximum size.
 *
 * Every string the library builds goes through a plan_buf. A buffer never
 * grows past `max`; an append that would is refused and the buffer remembers
 * that it failed, so a caller may append many pieces and check once. */
#ifndef PLAN_BUF_H
#define PLAN_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct plan_buf {
	char *ptr;     /* NUL-terminated once anything was added; NULL before */
	size_t len;    /* bytes in use, not counting the NUL */
	size_t cap;    /* bytes allocated */
	size_t max;    /* largest len allowed */
	int failed;    /* set when an append was refused (size or memory) */
} plan_buf;

/* Default maximum: 64 MiB, far above any message or report line. */
#define PLAN_BUF_MAX_DEFAULT ((size_t)64 << 20)
#define PLAN_BUF_INIT { NULL, 0, 0, PLAN_BUF_MAX_DEFAULT, 0 }

/* Append bytes, a C string, one byte, or formatted text. Return 0, or -1
 * (and set `failed`) when the result would exceed `max` or memory ran out. */
int plan_buf_put(plan_buf *buf, const char *data, size_t len);
int plan_buf_puts(plan_buf *buf, const char *str);
int plan_buf_putc(plan_buf *buf, char c);
int plan_buf_printf(plan_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int plan_buf_vprintf(plan_buf *buf, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Length of the valid UTF-8 sequence at `s` (at most `n` bytes) with its code
 * point in *cp, or 0 when the bytes there are not valid UTF-8 (overlong forms
 * and surrogates included). */
size_t plan_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True when plan_buf_put_safe shows code point `cp` as an escape: C0 and C1
 * controls, DEL, the backslash, and the bidirectional controls that could
 * make a terminal show text in another order than it is stored. */
int plan_safe_escapes(uint32_t cp);

/* Text from a plan file, made safe for a terminal: the characters
 * plan_safe_escapes names become visible escapes (\t, \n, \\, \x1b,
 * \u009b, \u202e), invalid UTF-8 bytes become \xNN; everything else is
 * copied as it is. */
int plan_buf_put_safe(plan_buf *buf, const char *data, size_t len);

/* A JSON string literal, quotes included: every control character escaped
 * (C1 and the bidirectional controls plan_safe_escapes names as well, so the
 * literal is safe on a terminal too), invalid UTF-8 replaced by U+FFFD so the
 * output is always valid JSON. */
int plan_buf_put_json(plan_buf *buf, const char *data, size_t len);

/* Empty the buffer, keeping its memory. */
void plan_buf_clear(plan_buf *buf);

/* Hand the string to the caller (who frees it with free()) and reset the
 * buffer. Returns "" copied when the buffer is empty; NULL on failure. */
char *plan_buf_detach(plan_buf *buf);

/* Release the memory; accepts a buffer that was never used. */
void plan_buf_free(plan_buf *buf);

#endif
