/* buf.c: the growable byte buffer with a maximum size, and the two escapers
 * every output path uses (terminal-safe text and JSON strings). */
#include "plan/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(plan_buf *buf, size_t extra)
{
	if (buf->failed)
		return -1;
	if (extra > buf->max || buf->len > buf->max - extra) {
		buf->failed = 1;
		return -1;
	}
	size_t need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 0;
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *ptr = realloc(buf->ptr, cap);
	if (!ptr) {
		buf->failed = 1;
		return -1;
	}
	buf->ptr = ptr;
	buf->cap = cap;
	return 0;
}

int plan_buf_put(plan_buf *buf, const char *data, size_t len)
{
	if (grow(buf, len) < 0)
		return -1;
	if (len)
		memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return 0;
}

int plan_buf_puts(plan_buf *buf, const char *str)
{
	return plan_buf_put(buf, str, strlen(str));
}

int plan_buf_putc(plan_buf *buf, char c)
{
	/* Renderers put text a byte at a time: room for it and the NUL is
	 * the usual case, and needs no call. */
	if (!buf->failed && buf->len + 2 <= buf->cap && buf->len < buf->max) {
		buf->ptr[buf->len++] = c;
		buf->ptr[buf->len] = '\0';
		return 0;
	}
	return plan_buf_put(buf, &c, 1);
}

int plan_buf_vprintf(plan_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || grow(buf, (size_t)n) < 0) {
		buf->failed = 1;
		return -1;
	}
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
	return 0;
}

int plan_buf_printf(plan_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = plan_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return rc;
}

size_t plan_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2; min = 0x80; *cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3; min = 0x800; *cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4; min = 0x10000; *cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return len;
}

int plan_safe_escapes(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == '\\' ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int plan_buf_put_safe(plan_buf *buf, const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;
	while (i < len) {
		/* Copy the longest run that needs no escaping in one go. */
		size_t start = i;
		uint32_t cp = 0;
		size_t n = 0;
		while (i < len && (n = plan_utf8_decode(data + i, len - i, &cp)) > 0 &&
		       !plan_safe_escapes(cp))
			i += n;
		plan_buf_put(buf, data + start, i - start);
		if (i >= len)
			break;
		if (n == 0) {
			plan_buf_printf(buf, "\\x%02x", s[i]);
			i++;
		} else if (cp == '\\') {
			plan_buf_puts(buf, "\\\\");
			i += n;
		} else if (cp == '\t') {
			plan_buf_puts(buf, "\\t");
			i += n;
		} else if (cp == '\n') {
			plan_buf_puts(buf, "\\n");
			i += n;
		} else if (cp == '\r') {
			plan_buf_puts(buf, "\\r");
			i += n;
		} else if (cp < 0x80) {
			plan_buf_printf(buf, "\\x%02x", (unsigned)cp);
			i += n;
		} else {
			plan_buf_printf(buf, "\\u%04x", (unsigned)cp);
			i += n;
		}
	}
	return buf->failed ? -1 : 0;
}

int plan_buf_put_json(plan_buf *buf, const char *data, size_t len)
{
	plan_buf_putc(buf, '"');
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		uint32_t cp = 0;
		size_t n = 0;
		/* Beyond what JSON requires, C1 and bidirectional controls are
		 * escaped too (the value stays the same), so that JSON shown on a
		 * terminal or a web page cannot reorder or hide text either. */
		while (i < len && (n = plan_utf8_decode(data + i, len - i, &cp)) > 0 &&
		       cp >= 0x20 && cp != '"' && cp != '\\' && cp != 0x7F &&
		       !(cp >= 0x80 && plan_safe_escapes(cp)) && cp != 0x2028 && cp != 0x2029)
			i += n;
		plan_buf_put(buf, data + start, i - start);
		if (i >= len)
			break;
		if (n == 0) {
			plan_buf_puts(buf, "\\ufffd");
			i++;
			continue;
		}
		i += n;
		switch (cp) {
		case '"': plan_buf_puts(buf, "\\\""); break;
		case '\\': plan_buf_puts(buf, "\\\\"); break;
		case '\n': plan_buf_puts(buf, "\\n"); break;
		case '\r': plan_buf_puts(buf, "\\r"); break;
		case '\t': plan_buf_puts(buf, "\\t"); break;
		case '\b': plan_buf_puts(buf, "\\b"); break;
		case '\f': plan_buf_puts(buf, "\\f"); break;
		default: plan_buf_printf(buf, "\\u%04x", (unsigned)cp); break;
		}
	}
	plan_buf_putc(buf, '"');
	return buf->failed ? -1 : 0;
}

void plan_buf_clear(plan_buf *buf)
{
	buf->len = 0;
	buf->failed = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

char *plan_buf_detach(plan_buf *buf)
{
	char *ptr = buf->ptr;
	if (buf->failed) {
		free(ptr);
		ptr = NULL;
	} else if (!ptr) {
		ptr = calloc(1, 1);
	}
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
	buf->failed = 0;
	return ptr;
}

void plan_buf_free(plan_buf *buf)
{
	if (!buf)
		return;
	free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
}
