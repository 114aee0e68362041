/* codec.h (private): the few primitives of the result cache's entries
 * (cache_entry.c, suppress.c): unsigned integers as LEB128 varints, strings
 * as a length and their bytes. Reading is bounds-checked throughout, since
 * an entry is a file anyone could have written over: a reader that runs out
 * or meets nonsense sets `bad` and yields zeros from then on. */
#ifndef PLAN_CODEC_H
#define PLAN_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "plan/buf.h"

static inline void plan_codec_put_uint(plan_buf *out, uint64_t v)
{
	char bytes[10];
	size_t n = 0;
	do {
		unsigned char b = v & 0x7f;
		v >>= 7;
		bytes[n++] = (char)(v ? b | 0x80 : b);
	} while (v);
	plan_buf_put(out, bytes, n);
}

/* `len` bytes, which may hold NULs. */
static inline void plan_codec_put_bytes(plan_buf *out, const char *s, size_t len)
{
	plan_codec_put_uint(out, len);
	if (len)
		plan_buf_put(out, s, len);
}

static inline void plan_codec_put_string(plan_buf *out, const char *s)
{
	plan_codec_put_bytes(out, s, strlen(s));
}

typedef struct plan_codec_reader {
	const unsigned char *p;
	const unsigned char *end;
	int bad;
} plan_codec_reader;

static inline uint64_t plan_codec_get_uint(plan_codec_reader *r)
{
	uint64_t v = 0;
	for (unsigned shift = 0; !r->bad; shift += 7) {
		if (r->p == r->end || shift > 63) {
			r->bad = 1;
			break;
		}
		unsigned char b = *r->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	return 0;
}

/* A value that must fit in 32 bits (a line, a column, a count). */
static inline uint32_t plan_codec_get_u32(plan_codec_reader *r)
{
	uint64_t v = plan_codec_get_uint(r);
	if (v > UINT32_MAX) {
		r->bad = 1;
		return 0;
	}
	return (uint32_t)v;
}

static inline int plan_codec_get_byte(plan_codec_reader *r)
{
	if (r->bad || r->p == r->end) {
		r->bad = 1;
		return 0;
	}
	return *r->p++;
}

/* The next string's bytes in place (not NUL-terminated), *len set. */
static inline const char *plan_codec_get_bytes(plan_codec_reader *r, size_t *len)
{
	uint64_t n = plan_codec_get_uint(r);
	*len = 0;
	if (r->bad || n > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	const char *s = (const char *)r->p;
	r->p += n;
	*len = (size_t)n;
	return s;
}

#endif
