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

/* Latin letters of U+00C0..U+00FF with their plain form ("" for the few
 * without one: ×, ÷), indexed from U+00C0. */
static const char *const latin1_plain[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

int plan_suggest_ascii(const char *text, size_t len, plan_buf *out, size_t *first,
	size_t *first_len)
{
	int replaced = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i], d = i + 1 < len ? (unsigned char)text[i + 1] : 0;
		const char *plain = NULL;
		size_t width = 1;
		if (c == ' ')
			plain = "-";
		else if (c == 0xC3 && d >= 0x80 && d <= 0xBF && latin1_plain[d - 0x80][0])
			plain = latin1_plain[d - 0x80], width = 2;
		if (!plain) {
			plan_buf_putc(out, (char)c);
			continue;
		}
		if (!replaced++) {
			*first = i;
			*first_len = width;
		}
		plan_buf_puts(out, plain);
		i += width - 1;
	}
	return out->failed ? -1 : replaced;
}
