/* array.h (private): growing a malloc'd array, the one way the library does
 * it. */
#ifndef PLAN_ARRAY_H
#define PLAN_ARRAY_H

#include <stddef.h>

/* Make room for `need` elements of `elem` bytes in *items (capacity *cap),
 * doubling so that appends cost amortised O(1). Returns 0, or -1 when the size
 * would overflow or memory ran out (the array is then left as it was). */
int plan_array_reserve(void **items, size_t *cap, size_t need, size_t elem);

#endif
