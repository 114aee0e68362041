/* hash.h (private): the string hash behind the library's hash tables (YAML
 * anchors, the id index). FNV-1a: short keys, no attacker-chosen seed needed
 * since tables use open addressing with a load factor of at most 1/2. */
#ifndef PLAN_HASH_H
#define PLAN_HASH_H

#include <stdint.h>

static inline uint64_t plan_hash_string(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

#endif
