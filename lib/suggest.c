/* suggest.c: edit distance and the closest candidate for "did you mean". */
#include "plan/suggest.h"

#include <string.h>

size_t plan_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void plan_suggest_add(plan_suggest *suggest, const char *candidate)
{
	size_t d = plan_edit_distance(suggest->word, candidate);
	if (d == (size_t)-1 || d == 0 || d > strlen(suggest->word) / 3 + 1)
		return;
	if (d < suggest->best_distance) {
		suggest->best_distance = d;
		suggest->best = candidate;
	}
}
