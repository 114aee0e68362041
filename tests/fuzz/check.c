/* check.c: the output checks of the fuzz targets, written apart from the
 * library's own escapers so that a fault in those cannot hide itself. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_check(int ok, const char *what, const char *text, size_t len)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz check failed: %s\n--- output (%zu bytes):\n", what, len);
	if (text)
		fwrite(text, 1, len, stderr);
	fprintf(stderr, "\n--- end of output\n");
	abort();
}

/* The code point of the UTF-8 sequence at s[*i], advancing *i; -1 (and *i
 * unchanged) when the bytes there are not valid UTF-8. */
static long utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	size_t at = *i;
	unsigned c = s[at];
	size_t n;
	long cp, min;
	if (c < 0x80) {
		*i = at + 1;
		return (long)c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 1; cp = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return -1;
	}
	if (len - at - 1 < n)
		return -1;
	for (size_t k = 1; k <= n; k++) {
		if ((s[at + k] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[at + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i = at + 1 + n;
	return cp;
}

/* --- terminal safety ------------------------------------------------------ */

static const char *const sgr[] = { "[0m", "[1;31m", "[1;33m", "[2m", "[1;32m" };

int fuzz_terminal_safe(const char *text, size_t len, int color)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		long cp = utf8_next(s, len, &i);
		if (cp < 0)
			return 0;
		if (cp == 0x1B && color) {
			size_t k;
			for (k = 0; k < sizeof sgr / sizeof sgr[0]; k++) {
				size_t n = strlen(sgr[k]);
				if (len - i >= n && memcmp(s + i, sgr[k], n) == 0) {
					i += n;
					break;
				}
			}
			if (k == sizeof sgr / sizeof sgr[0])
				return 0;
			continue;
		}
		if ((cp < 0x20 && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    cp == 0x061C || cp == 0x200E || cp == 0x200F ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return 0;
	}
	return 1;
}

/* --- JSON ------------------------------------------------------------------ */

typedef struct json {
	const unsigned char *s;
	size_t len, i;
	unsigned depth;
} json;

#define JSON_MAX_DEPTH 256

static void ws(json *j)
{
	while (j->i < j->len && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
	       j->s[j->i] == '\n' || j->s[j->i] == '\r'))
		j->i++;
}

static int lit(json *j, const char *word)
{
	size_t n = strlen(word);
	if (j->len - j->i < n || memcmp(j->s + j->i, word, n) != 0)
		return 0;
	j->i += n;
	return 1;
}

static int digits(json *j)
{
	size_t start = j->i;
	while (j->i < j->len && j->s[j->i] >= '0' && j->s[j->i] <= '9')
		j->i++;
	return j->i > start;
}

static int number(json *j)
{
	if (j->i < j->len && j->s[j->i] == '-')
		j->i++;
	if (j->i < j->len && j->s[j->i] == '0')
		j->i++;
	else if (!(j->i < j->len && j->s[j->i] >= '1' && j->s[j->i] <= '9' && digits(j)))
		return 0;
	if (j->i < j->len && j->s[j->i] == '.') {
		j->i++;
		if (!digits(j))
			return 0;
	}
	if (j->i < j->len && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
		j->i++;
		if (j->i < j->len && (j->s[j->i] == '+' || j->s[j->i] == '-'))
			j->i++;
		if (!digits(j))
			return 0;
	}
	return 1;
}

static int hex4(json *j, long *out)
{
	long v = 0;
	if (j->len - j->i < 4)
		return 0;
	for (int k = 0; k < 4; k++) {
		unsigned char c = j->s[j->i++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return 0;
	}
	*out = v;
	return 1;
}

static int string(json *j)
{
	if (j->i >= j->len || j->s[j->i] != '"')
		return 0;
	j->i++;
	while (j->i < j->len) {
		unsigned char c = j->s[j->i];
		if (c == '"') {
			j->i++;
			return 1;
		}
		if (c == '\\') {
			j->i++;
			if (j->i >= j->len)
				return 0;
			c = j->s[j->i++];
			if (c == 'u') {
				long cp;
				if (!hex4(j, &cp))
					return 0;
				/* A surrogate must be half of a pair: a lone one is
				 * not a character, and strict readers refuse it. */
				if (cp >= 0xDC00 && cp <= 0xDFFF)
					return 0;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					long lo;
					if (!lit(j, "\\u") || !hex4(j, &lo) || lo < 0xDC00 || lo > 0xDFFF)
						return 0;
				}
			} else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
				return 0;
			}
			continue;
		}
		if (c < 0x20 || utf8_next(j->s, j->len, &j->i) < 0)
			return 0;
	}
	return 0;
}

static int value(json *j);

static int container(json *j, unsigned char open, unsigned char close, int object)
{
	if (++j->depth > JSON_MAX_DEPTH)
		return 0;
	j->i++; /* open */
	(void)open;
	ws(j);
	if (j->i < j->len && j->s[j->i] == close) {
		j->i++;
		j->depth--;
		return 1;
	}
	for (;;) {
		ws(j);
		if (object) {
			if (!string(j))
				return 0;
			ws(j);
			if (j->i >= j->len || j->s[j->i] != ':')
				return 0;
			j->i++;
			ws(j);
		}
		if (!value(j))
			return 0;
		ws(j);
		if (j->i >= j->len)
			return 0;
		if (j->s[j->i] == ',') {
			j->i++;
			continue;
		}
		if (j->s[j->i] != close)
			return 0;
		j->i++;
		j->depth--;
		return 1;
	}
}

static int value(json *j)
{
	if (j->i >= j->len)
		return 0;
	switch (j->s[j->i]) {
	case '{': return container(j, '{', '}', 1);
	case '[': return container(j, '[', ']', 0);
	case '"': return string(j);
	case 't': return lit(j, "true");
	case 'f': return lit(j, "false");
	case 'n': return lit(j, "null");
	default: return number(j);
	}
}

int fuzz_json_valid(const char *text, size_t len)
{
	json j = { (const unsigned char *)text, len, 0, 0 };
	ws(&j);
	if (!value(&j))
		return 0;
	ws(&j);
	return j.i == len;
}
