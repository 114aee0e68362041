/* hash.h (private): the string hash behind the library's hash tables (YAML
 * anchors, the id index). FNV-1a: short keys, no attacker-chosen seed needed
 * since tables use open addressing with a load factor of at most 1/2. */
#ifndef PLAN_HASH_H
#define PLAN_HASH_H

#include <stdint.h>

#include <stddef.h>
#include <string.h>

#define PLAN_HASH_START 1469598103934665603ULL

/* FNV-1a over `n` bytes, continued from `h` (PLAN_HASH_START to begin). */
static inline uint64_t plan_hash_bytes(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static inline uint64_t plan_hash_string(const char *s)
{
	uint64_t h = PLAN_HASH_START;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* A checksum of stored bytes (the result cache's packs, megabytes read back
 * on every run): eight bytes a step, six times FNV's speed, the same on any
 * machine (the words are read little-endian). Not for short keys. */
static inline uint64_t plan_checksum(const void *data, size_t n)
{
	const unsigned char *p = data;
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	uint64_t h = PLAN_HASH_START ^ ((uint64_t)n * k);
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w = 0;
		for (int i = 0; i < 8; i++)
			w |= (uint64_t)p[i] << (8 * i);
		h = (h ^ w) * k;
		h ^= h >> 31;
	}
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)p[i] << (8 * i);
	h = (h ^ w) * k;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

#endif
