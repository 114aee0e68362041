/* array.c: growing a malloc'd array. */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>

int plan_array_reserve(void **items, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (elem && n > SIZE_MAX / elem)
		return -1;
	void *p = realloc(*items, n * elem);
	if (!p)
		return -1;
	*items = p;
	*cap = n;
	return 0;
}
