/* sha1.c: SHA-1 as FIPS 180-4 gives it, and git's blob id. See sha1.h. */
#include "sha1.h"

#include <stdio.h>
#include <string.h>

static uint32_t rotl(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* One round: the schedule kept in a ring of sixteen words, each quarter of
 * the eighty rounds a loop of its own (no test of the round number in
 * each): the cache's keys hash two blocks a file on every run. */
#define ROUND(f, k) do { \
		uint32_t x = w[t & 15]; \
		if (t >= 16) \
			w[t & 15] = x = rotl(w[(t + 13) & 15] ^ w[(t + 8) & 15] ^ w[(t + 2) & 15] ^ x, 1); \
		uint32_t temp = rotl(a, 5) + (f) + e + (k) + x; \
		e = d; \
		d = c; \
		c = rotl(b, 30); \
		b = a; \
		a = temp; \
	} while (0)

static void compress(uint32_t h[5], const unsigned char *block)
{
	uint32_t w[16];
	for (int t = 0; t < 16; t++)
		w[t] = load_be32(block + 4 * t);
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	int t = 0;
	for (; t < 20; t++)
		ROUND((b & c) | (~b & d), 0x5a827999);
	for (; t < 40; t++)
		ROUND(b ^ c ^ d, 0x6ed9eba1);
	for (; t < 60; t++)
		ROUND((b & c) | (b & d) | (c & d), 0x8f1bbcdc);
	for (; t < 80; t++)
		ROUND(b ^ c ^ d, 0xca62c1d6);
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void plan_sha1_init(plan_sha1 *s)
{
	static const uint32_t start[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
	};
	memcpy(s->h, start, sizeof start);
	s->length = 0;
	s->used = 0;
}

void plan_sha1_update(plan_sha1 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->length += len;
	if (s->used) {
		size_t take = 64 - s->used < len ? 64 - s->used : len;
		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		len -= take;
		if (s->used < 64)
			return;
		compress(s->h, s->block);
		s->used = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		compress(s->h, p);
	memcpy(s->block, p, len);
	s->used = len;
}

void plan_sha1_final(plan_sha1 *s, unsigned char out[PLAN_SHA1_BYTES])
{
	uint64_t bits = s->length * 8;
	/* A one bit, zeros up to 56 bytes of the last block, the length. */
	s->block[s->used++] = 0x80;
	if (s->used > 56) {
		memset(s->block + s->used, 0, 64 - s->used);
		compress(s->h, s->block);
		s->used = 0;
	}
	memset(s->block + s->used, 0, 56 - s->used);
	for (int i = 0; i < 8; i++)
		s->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(s->h, s->block);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void plan_git_blob_start(plan_sha1 *s, size_t len)
{
	char header[32];
	int n = snprintf(header, sizeof header, "blob %zu", len);
	plan_sha1_init(s);
	plan_sha1_update(s, header, (size_t)n + 1);   /* with its NUL */
}

void plan_git_blob_id(unsigned char out[PLAN_SHA1_BYTES], const void *data, size_t len)
{
	plan_sha1 s;
	plan_git_blob_start(&s, len);
	plan_sha1_update(&s, data, len);
	plan_sha1_final(&s, out);
}
