/* hash.h (private): the string hash behind the library's hash tables (YAML
 * anchors, the id index). FNV-1a: short keys, no attacker-chosen seed needed
 * since tables use open addressing with a load factor of at most 1/2. */
#ifndef PLAN_HASH_H
#define PLAN_HASH_H

#include <stdint.h>

#include <stddef.h>

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

#endif
