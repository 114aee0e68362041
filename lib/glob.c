/* glob.c: the ignore globs of styrmodell.yaml: `*`, `**`, `?`, `[...]` over
 * '/'-separated paths, in time polynomial in the lengths, whatever the pattern. */
#include "plan/source.h"

#include <stdint.h>
#include <string.h>

#include "source_impl.h"

/* Decode the character at s (s < end). Bytes that are not valid UTF-8 count
 * as one character each, mapped to a surrogate (never a valid code point) so
 * that they compare equal only to the same invalid byte. */
static size_t next_char(const char *s, const char *end, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t avail = (size_t)(end - s);
	size_t len;
	uint32_t c, min;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2; min = 0x80; c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3; min = 0x800; c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4; min = 0x10000; c = u[0] & 0x07;
	} else {
		goto invalid;
	}
	if (avail < len)
		goto invalid;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return len;
invalid:
	*cp = 0xDC00 + u[0];
	return 1;
}

/* Match the character class starting at p ('[') against `c`. Returns 1 or 0
 * and sets *after past the closing ']'; returns -1 when there is no closing
 * ']', and the '[' is then an ordinary character. */
static int class_match(const char *p, const char *pe, uint32_t c, const char **after)
{
	const char *q = p + 1;
	int negate = 0;
	if (q < pe && (*q == '!' || *q == '^')) {
		negate = 1;
		q++;
	}
	int found = 0;
	int first = 1;
	/* A ']' right after the opening (or after '!') is a member, as in fnmatch. */
	while (q < pe && (*q != ']' || first)) {
		first = 0;
		uint32_t lo, hi;
		q += next_char(q, pe, &lo);
		hi = lo;
		if (q + 1 < pe && *q == '-' && q[1] != ']')
			q += 1 + next_char(q + 1, pe, &hi);
		if (c >= lo && c <= hi)
			found = 1;
	}
	if (q >= pe)
		return -1;
	*after = q + 1;
	return found != negate;
}

/* One segment: `*` any run of characters, `?` one character, classes, the
 * rest literal. The classic single-backtrack-point algorithm: a later `*`
 * can absorb anything an earlier one could, so only the last `*` seen needs
 * retrying, which bounds the work by len(pattern) * len(segment). */
static int segment_match(const char *p, const char *pe, const char *s, const char *se)
{
	const char *star_p = NULL, *star_s = NULL;
	for (;;) {
		if (p < pe && *p == '*') {
			while (p < pe && *p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		}
		if (p == pe && s == se)
			return 1;
		if (p < pe && s < se) {
			uint32_t c, pc;
			size_t n = next_char(s, se, &c);
			if (*p == '?') {
				p++;
				s += n;
				continue;
			}
			const char *after = NULL;
			int r = *p == '[' ? class_match(p, pe, c, &after) : -1;
			if (r == 1) {
				p = after;
				s += n;
				continue;
			}
			if (r < 0) {
				size_t pn = next_char(p, pe, &pc);
				if (pc == c) {
					p += pn;
					s += n;
					continue;
				}
			}
		}
		/* Mismatch: let the last `*` take one more character, if any. */
		if (!star_p || star_s == se)
			return 0;
		uint32_t skipped;
		star_s += next_char(star_s, se, &skipped);
		s = star_s;
		p = star_p;
	}
}

static const char *segment_end(const char *s, const char *end)
{
	const char *slash = memchr(s, '/', (size_t)(end - s));
	return slash ? slash : end;
}

/* The start of the segment after the one ending at `seg_end`, or NULL when
 * that was the last one. */
static const char *segment_next(const char *seg_end, const char *end)
{
	return seg_end < end ? seg_end + 1 : NULL;
}

/* The whole path against pattern [pat, pe). The same algorithm as
 * segment_match one level up: a `**` segment is the star, every other
 * pattern segment matches exactly one path segment. An unanchored pattern
 * behaves as if it began with `**` then '/'. */
static int path_match(const char *pat, const char *pe, int anchored, const char *path)
{
	const char *se = path + strlen(path);
	const char *p = pat, *s = path;
	const char *star_p = NULL, *star_s = NULL;
	int have_star = 0;
	if (!anchored) {
		have_star = 1;
		star_p = p;
		star_s = s;
	}
	for (;;) {
		if (!p && !s)
			return 1;
		if (p) {
			const char *p_end = segment_end(p, pe);
			if (p_end - p == 2 && p[0] == '*' && p[1] == '*') {
				const char *rest = segment_next(p_end, pe);
				if (!rest) {
					/* A final `**` is "everything below": it needs at
					 * least one segment, as in .gitignore. */
					if (s)
						return 1;
					goto backtrack;
				}
				have_star = 1;
				star_p = rest;
				star_s = s;
				p = rest;
				continue;
			}
			if (s) {
				const char *s_end = segment_end(s, se);
				if (segment_match(p, p_end, s, s_end)) {
					p = segment_next(p_end, pe);
					s = segment_next(s_end, se);
					continue;
				}
			}
		}
backtrack:
		if (!have_star || !star_s)
			return 0;
		star_s = segment_next(segment_end(star_s, se), se);
		s = star_s;
		p = star_p;
	}
}

/* A leading '/' only anchors; a trailing '/' (directories only) is not part
 * of what is matched and does not anchor. */
static void split(const char *pattern, const char **pat, const char **pe,
	int *anchored, int *dir_only)
{
	const char *p = pattern, *e = pattern + strlen(pattern);
	*anchored = 0;
	*dir_only = 0;
	if (p < e && *p == '/') {
		*anchored = 1;
		p++;
	}
	if (e > p && e[-1] == '/') {
		*dir_only = 1;
		e--;
	}
	if (memchr(p, '/', (size_t)(e - p)))
		*anchored = 1;
	*pat = p;
	*pe = e;
}

int plan_glob_match(const char *pattern, const char *path)
{
	const char *p, *pe;
	int anchored, dir_only;
	split(pattern, &p, &pe, &anchored, &dir_only);
	if (dir_only)
		return 0;
	return path_match(p, pe, anchored, path);
}

int plan_glob_match_dir(const char *pattern, const char *dirpath)
{
	const char *p, *pe;
	int anchored, dir_only;
	split(pattern, &p, &pe, &anchored, &dir_only);
	if (path_match(p, pe, anchored, dirpath))
		return 1;
	/* `d/` then `**` matches everything below d, so d can be pruned; the
	 * anchoring is that of the whole pattern, not of the shortened one. */
	if (!dir_only && pe - p >= 3 && memcmp(pe - 3, "/**", 3) == 0)
		return path_match(p, pe - 3, anchored, dirpath);
	return 0;
}
