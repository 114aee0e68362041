/* pattern.c: JSON Schema patterns. Simple anchored patterns, the kind plan
 * schemas use for ids, years and codes, are matched here directly from a
 * table of byte classes; the rest are translated to POSIX extended syntax
 * for glibc's regcomp, after a check that regcomp cannot blow up on them. */
#define _POSIX_C_SOURCE 200809L

#include "pattern.h"

#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/lang.h"

/* --- translation to POSIX -------------------------------------------------
 * Schemas are written in ECMA 262 syntax; glibc compiles POSIX extended
 * syntax. Translate the common subset (\d \w \s and their negations, escaped
 * punctuation, classes) and refuse what POSIX cannot express, so no pattern
 * is silently misread. */

static int class_escape(plan_buf *out, char c, int in_class)
{
	const char *text = NULL;
	switch (c) {
	case 'd': text = in_class ? "0-9" : "[0-9]"; break;
	case 'w': text = in_class ? "A-Za-z0-9_" : "[A-Za-z0-9_]"; break;
	case 's': text = in_class ? "[:space:]" : "[[:space:]]"; break;
	case 'D': text = in_class ? NULL : "[^0-9]"; break;
	case 'W': text = in_class ? NULL : "[^A-Za-z0-9_]"; break;
	case 'S': text = in_class ? NULL : "[^[:space:]]"; break;
	default: return 0;
	}
	if (!text)
		return -1;
	plan_buf_puts(out, text);
	return 1;
}

static int is_punct_escape(char c)
{
	return c && strchr("\\^$.|?*+()[]{}/-", c) != NULL;
}

static int translate_class(const char *p, size_t *i, size_t len, plan_buf *out)
{
	size_t j = *i + 1;
	int negate = 0, has_bracket = 0, has_dash = 0, has_caret = 0;
	plan_buf body = PLAN_BUF_INIT;
	if (j < len && p[j] == '^') {
		negate = 1;
		j++;
	}
	while (j < len && p[j] != ']') {
		char c = p[j];
		if (c == '\\' && j + 1 < len) {
			char e = p[j + 1];
			int r = class_escape(&body, e, 1);
			if (r < 0) {
				plan_buf_free(&body);
				return -1;
			}
			if (r == 0) {
				if (e == ']')
					has_bracket = 1;
				else if (e == '-')
					has_dash = 1;
				else if (e == '^')
					has_caret = 1;
				else if (e == 't')
					plan_buf_putc(&body, '\t');
				else if (e == 'n')
					plan_buf_putc(&body, '\n');
				else if (is_punct_escape(e))
					plan_buf_putc(&body, e);
				else {
					plan_buf_free(&body);
					return -1;
				}
			}
			j += 2;
			continue;
		}
		if (c == '[' && j + 1 < len && p[j + 1] == ':') {
			plan_buf_free(&body);
			return -1;
		}
		/* A '-' first or last is literal; keep it for the end. */
		if (c == '-' && (j + 1 >= len || p[j + 1] == ']' || body.len == 0)) {
			has_dash = 1;
			j++;
			continue;
		}
		if (c == '^') {
			has_caret = 1;
			j++;
			continue;
		}
		plan_buf_putc(&body, c);
		j++;
	}
	if (j >= len) {
		plan_buf_free(&body);
		return -1;
	}
	plan_buf_putc(out, '[');
	if (negate)
		plan_buf_putc(out, '^');
	if (has_bracket)
		plan_buf_putc(out, ']');
	if (body.len)
		plan_buf_put(out, body.ptr, body.len);
	if (has_caret)
		plan_buf_putc(out, '^');
	if (has_dash)
		plan_buf_putc(out, '-');
	plan_buf_putc(out, ']');
	/* "[^]" or "[]" cannot be said in POSIX. */
	int empty = !body.len && !has_bracket && !has_caret && !has_dash;
	plan_buf_free(&body);
	if (empty)
		return -1;
	*i = j + 1;
	return 0;
}

static int translate_regex(const char *p, size_t len, plan_buf *out)
{
	size_t i = 0;
	while (i < len) {
		char c = p[i];
		if (c == '\\') {
			if (i + 1 >= len)
				return -1;
			char e = p[i + 1];
			int r = class_escape(out, e, 0);
			if (r < 0)
				return -1;
			if (r == 0) {
				if (!is_punct_escape(e))
					return -1;   /* \b, \1, \p{..}, \u...: not expressible */
				if (e == '/' || e == '-')
					plan_buf_putc(out, e);
				else {
					plan_buf_putc(out, '\\');
					plan_buf_putc(out, e);
				}
			}
			i += 2;
		} else if (c == '[') {
			if (translate_class(p, &i, len, out) < 0)
				return -1;
		} else if (c == '(' && i + 1 < len && p[i + 1] == '?') {
			return -1;           /* lookaround, non-capturing groups */
		} else if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < len &&
		           p[i + 1] == '?') {
			return -1;           /* lazy quantifiers */
		} else {
			plan_buf_putc(out, c);
			i++;
		}
	}
	return out->failed ? -1 : 0;
}

/* glibc's regcomp makes a copy of a repeated part for each repetition it
 * may need (`a{2,5}` is five copies of `a`, `a+` two), and a quantifier on
 * a quantifier makes it exponential in time and memory. So a pattern is
 * measured first: one whose copies would pass REGEX_MAX_COPIES, that nests
 * groups deeper than REGEX_MAX_GROUPS, or that repeats a quantifier (an
 * error in ECMA 262: `a++`, `a{2}*`) is refused. Plan schemas need a few
 * hundred copies at most. */
#define REGEX_MAX_COPIES 4096
#define REGEX_MAX_GROUPS 32

/* The length of the counted repetition at p[i] ("{m}", "{m,}", "{m,n}")
 * and the copies it makes, or 0 when that '{' is a literal. */
static size_t counted_repetition(const char *p, size_t i, size_t len, size_t *copies)
{
	size_t j = i + 1, m = 0, n, digits = 0;
	while (j < len && p[j] >= '0' && p[j] <= '9' && digits < 6)
		m = m * 10 + (size_t)(p[j++] - '0'), digits++;
	if (digits == 0)
		return 0;
	n = m;
	if (j < len && p[j] == ',') {
		j++;
		n = m + 1;               /* "{m,}": m copies and a loop */
		size_t bound = 0, bdigits = 0;
		while (j < len && p[j] >= '0' && p[j] <= '9' && bdigits < 6)
			bound = bound * 10 + (size_t)(p[j++] - '0'), bdigits++;
		if (bdigits)
			n = bound > m ? bound : m;
	}
	if (j >= len || p[j] != '}')
		return 0;
	*copies = n ? n : 1;
	return j + 1 - i;
}

static int regex_too_big(const char *p, size_t len)
{
	struct { size_t sum, last; } group[REGEX_MAX_GROUPS + 1];
	size_t depth = 0;
	int quantified = 0;
	group[0].sum = group[0].last = 0;
	for (size_t i = 0; i < len;) {
		size_t copies = 1, n = 0;
		if (p[i] == '*' || p[i] == '?')
			n = 1;
		else if (p[i] == '+')
			n = 1, copies = 2;
		else if (p[i] == '{')
			n = counted_repetition(p, i, len, &copies);
		if (n) {
			if (quantified)
				return 1;
			size_t last = group[depth].last;
			size_t grown = last > REGEX_MAX_COPIES / copies ? REGEX_MAX_COPIES + 1 : last * copies;
			group[depth].sum += grown - last;
			group[depth].last = grown;
			quantified = 1;
			i += n;
			/* A lazy `?` after it is refused by the translation. */
			if (i < len && p[i] == '?')
				i++;
		} else {
			quantified = 0;
			size_t atom = 1;
			if (p[i] == '\\') {
				i += 2;
			} else if (p[i] == '[') {
				/* A class is one atom: skip to its end. */
				i++;
				if (i < len && p[i] == '^')
					i++;
				if (i < len && p[i] == ']')
					i++;
				while (i < len && p[i] != ']')
					i += p[i] == '\\' ? 2 : 1;
				i++;
			} else if (p[i] == '(') {
				if (depth == REGEX_MAX_GROUPS)
					return 1;
				depth++;
				group[depth].sum = group[depth].last = 0;
				i++;
				continue;
			} else if (p[i] == ')' && depth > 0) {
				atom = group[depth--].sum;
				i++;
			} else if (p[i] == '|' || p[i] == '^' || p[i] == '$') {
				atom = 0;
				i++;
			} else {
				i++;
			}
			group[depth].sum += atom;
			group[depth].last = atom;
		}
		if (group[depth].sum > REGEX_MAX_COPIES)
			return 1;
	}
	return 0;
}

/* --- the direct matcher ------------------------------------------------------
 * A pattern "^A B C$" where each atom is an ASCII literal or a class of ASCII
 * characters without negation (so a byte is a character), with a quantifier
 * ?, *, +, {m}, {m,} or {m,n}, is matched greedily, atom by atom. Greedy is
 * exact when every atom of variable length is followed by the end or by an
 * atom that shares no byte with it; other patterns go to regcomp. */

#define FAST_MAX_ATOMS 16
#define UNBOUNDED SIZE_MAX

typedef struct atom {
	uint8_t set[32];      /* a bit per byte value */
	size_t min, max;
} atom;

typedef struct fast {
	atom atoms[FAST_MAX_ATOMS];
	size_t count;
	int anchored_end;
} fast;

struct plan_pattern {
	fast *fast;           /* the direct matcher, or NULL */
	regex_t re;           /* otherwise */
};

static void set_add(uint8_t *set, unsigned char c)
{
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int set_has(const uint8_t *set, unsigned char c)
{
	return (set[c >> 3] >> (c & 7)) & 1;
}

static int ascii_literal(char c)
{
	return c > 0x20 && c < 0x7F && !strchr("\\^$.|?*+()[]{}", c);
}

/* One class "[...]" at p[*i]: ASCII characters and ranges, \d, \w and escaped
 * punctuation; anything else (negation, \s, non-ASCII) returns -1. */
static int fast_class(const char *p, size_t *i, size_t len, uint8_t *set)
{
	size_t j = *i + 1;
	if (j < len && p[j] == '^')
		return -1;
	int any = 0;
	while (j < len && p[j] != ']') {
		unsigned char c = (unsigned char)p[j];
		if (c == '\\') {
			if (j + 1 >= len)
				return -1;
			char e = p[j + 1];
			if (e == 'd') {
				for (char d = '0'; d <= '9'; d++)
					set_add(set, (unsigned char)d);
			} else if (e == 'w') {
				for (int k = 0; k < 128; k++)
					if ((k >= '0' && k <= '9') || (k >= 'A' && k <= 'Z') ||
					    (k >= 'a' && k <= 'z') || k == '_')
						set_add(set, (unsigned char)k);
			} else if (is_punct_escape(e)) {
				set_add(set, (unsigned char)e);
			} else {
				return -1;
			}
			j += 2;
			any = 1;
			continue;
		}
		if (c >= 0x80 || c < 0x20)
			return -1;
		if (j + 2 < len && p[j + 1] == '-' && p[j + 2] != ']') {
			unsigned char hi = (unsigned char)p[j + 2];
			if (hi >= 0x80 || hi < c || hi == '\\')
				return -1;
			for (unsigned k = c; k <= hi; k++)
				set_add(set, (unsigned char)k);
			j += 3;
		} else {
			set_add(set, c);
			j++;
		}
		any = 1;
	}
	if (j >= len || !any)
		return -1;
	*i = j + 1;
	return 0;
}

/* The quantifier at p[*i], if any, into *min and *max. */
static int fast_quantifier(const char *p, size_t *i, size_t len, size_t *min, size_t *max)
{
	*min = *max = 1;
	if (*i >= len)
		return 0;
	char q = p[*i];
	if (q == '?' || q == '*' || q == '+') {
		*min = q == '+';
		*max = q == '?' ? 1 : UNBOUNDED;
		(*i)++;
	} else if (q == '{') {
		size_t j = *i + 1, m = 0, n;
		if (j >= len || p[j] < '0' || p[j] > '9')
			return -1;
		while (j < len && p[j] >= '0' && p[j] <= '9' && m < 100000)
			m = m * 10 + (size_t)(p[j++] - '0');
		n = m;
		if (j < len && p[j] == ',') {
			j++;
			n = UNBOUNDED;
			if (j < len && p[j] >= '0' && p[j] <= '9') {
				n = 0;
				while (j < len && p[j] >= '0' && p[j] <= '9' && n < 100000)
					n = n * 10 + (size_t)(p[j++] - '0');
			}
		}
		if (j >= len || p[j] != '}' || n < m)
			return -1;
		*min = m;
		*max = n;
		*i = j + 1;
	}
	if (*i < len && (p[*i] == '?' || p[*i] == '*' || p[*i] == '+' || p[*i] == '{'))
		return -1;    /* lazy or stacked quantifiers: regcomp's business */
	return 0;
}

static fast *fast_compile(const char *p, size_t len)
{
	if (len < 1 || p[0] != '^')
		return NULL;
	fast f;
	memset(&f, 0, sizeof f);
	size_t i = 1;
	while (i < len) {
		if (p[i] == '$' && i + 1 == len) {
			f.anchored_end = 1;
			break;
		}
		if (f.count == FAST_MAX_ATOMS)
			return NULL;
		atom *a = &f.atoms[f.count];
		if (p[i] == '[') {
			if (fast_class(p, &i, len, a->set) < 0)
				return NULL;
		} else if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'd') {
			for (char d = '0'; d <= '9'; d++)
				set_add(a->set, (unsigned char)d);
			i += 2;
		} else if (p[i] == '\\' && i + 1 < len && is_punct_escape(p[i + 1])) {
			set_add(a->set, (unsigned char)p[i + 1]);
			i += 2;
		} else if (ascii_literal(p[i])) {
			set_add(a->set, (unsigned char)p[i]);
			i++;
		} else {
			return NULL;
		}
		if (fast_quantifier(p, &i, len, &a->min, &a->max) < 0)
			return NULL;
		f.count++;
	}
	/* Greedy is exact only if no variable atom could give back characters
	 * the next atom needs. */
	for (size_t k = 0; k < f.count; k++) {
		if (f.atoms[k].min == f.atoms[k].max)
			continue;
		if (k + 1 == f.count)
			continue;   /* followed by the end (or by nothing that needs it) */
		for (size_t b = 0; b < 32; b++)
			if (f.atoms[k].set[b] & f.atoms[k + 1].set[b])
				return NULL;
	}
	fast *out = malloc(sizeof *out);
	if (out)
		*out = f;
	return out;
}

static int fast_match(const fast *f, const unsigned char *s, size_t len)
{
	size_t pos = 0;
	for (size_t k = 0; k < f->count; k++) {
		const atom *a = &f->atoms[k];
		size_t n = 0;
		while (n < a->max && pos < len && set_has(a->set, s[pos])) {
			n++;
			pos++;
		}
		if (n < a->min)
			return 0;
	}
	return !f->anchored_end || pos == len;
}

/* --- the pattern ------------------------------------------------------------------ */

plan_pattern *plan_pattern_compile(const char *source, size_t len, const char **why)
{
	plan_pattern *p = calloc(1, sizeof *p);
	if (!p) {
		*why = PLAN_N_("could not be compiled: out of memory");
		return NULL;
	}
	p->fast = fast_compile(source, len);
	if (p->fast)
		return p;
	if (regex_too_big(source, len)) {
		*why = PLAN_N_("is too complex for this validator (a quantifier on a quantifier, "
			"more than 4096 copies of a repeated part, or groups nested deeper than 32)");
		free(p);
		return NULL;
	}
	plan_buf posix = PLAN_BUF_INIT;
	if (translate_regex(source, len, &posix) < 0) {
		plan_buf_free(&posix);
		*why = PLAN_N_("uses regular-expression syntax this validator does not support");
		free(p);
		return NULL;
	}
	int rc = regcomp(&p->re, posix.ptr ? posix.ptr : "", REG_EXTENDED | REG_NOSUB);
	plan_buf_free(&posix);
	if (rc != 0) {
		*why = PLAN_N_("is not a valid regular expression");
		free(p);
		return NULL;
	}
	return p;
}

int plan_pattern_match(const plan_pattern *p, const char *text, size_t len)
{
	if (p->fast)
		return fast_match(p->fast, (const unsigned char *)text, len);
	return regexec(&p->re, text, 0, NULL, 0) == 0;
}

void plan_pattern_free(plan_pattern *p)
{
	if (!p)
		return;
	if (p->fast)
		free(p->fast);
	else
		regfree(&p->re);
	free(p);
}
