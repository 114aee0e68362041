/* yaml_hint.c: a YAML syntax error said in plan terms. libyaml names what
 * its grammar expected ("did not find expected key"); the planner's slip
 * behind it is most often one of a few, each visible in the lines around
 * the error: a tab in the indentation, or a key indented more or less than
 * the key above it. And a file that is not UTF-8 is most often one saved
 * by an older Windows editor, in Windows-1252. */
#include "yaml_hint.h"

#include <string.h>

typedef struct line_view {
	const char *s;
	size_t n;
} line_view;

/* Line `number` (1-based, LF-separated, a CR before the LF dropped). */
static int line_at(const char *text, size_t len, uint32_t number, line_view *out)
{
	const char *p = text, *end = text + len;
	for (uint32_t l = 1; l < number; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return 0;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	out->s = p;
	out->n = (size_t)((nl ? nl : end) - p);
	if (out->n && out->s[out->n - 1] == '\r')
		out->n--;
	return 1;
}

/* The length of the leading spaces and tabs; *tab_column is the column of
 * the first tab among them (1-based), or 0. */
static size_t indent_of(line_view l, size_t *tab_column)
{
	size_t i = 0;
	*tab_column = 0;
	for (; i < l.n && (l.s[i] == ' ' || l.s[i] == '\t'); i++)
		if (l.s[i] == '\t' && !*tab_column)
			*tab_column = i + 1;
	return i;
}

static int is_key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_' || c == '-' || c >= 0x80;
}

/* A block line that reads `key:` or `key: value` (after its indentation
 * and any "- " of sequence entries): the key's length, with its start and
 * whether a value follows on the line; 0 for any other line. */
static size_t key_of(line_view l, size_t *start, int *has_value)
{
	size_t tab, i = indent_of(l, &tab);
	while (i + 1 < l.n && l.s[i] == '-' && l.s[i + 1] == ' ')
		for (i += 2; i < l.n && l.s[i] == ' '; i++)
			;
	size_t k = i;
	while (k < l.n && is_key_char((unsigned char)l.s[k]))
		k++;
	if (k == i || k >= l.n || l.s[k] != ':' || (k + 1 < l.n && l.s[k + 1] != ' '))
		return 0;
	size_t v = k + 1;
	while (v < l.n && l.s[v] == ' ')
		v++;
	*start = i;
	*has_value = v < l.n && l.s[v] != '#';
	return k - i;
}

/* The nearest line above `number` with content (not blank, not a comment). */
static int line_above(const char *text, size_t len, uint32_t number, line_view *out,
	uint32_t *at)
{
	for (uint32_t n = number - 1; n >= 1; n--) {
		if (!line_at(text, len, n, out))
			return 0;
		size_t tab, i = indent_of(*out, &tab);
		if (i < out->n && out->s[i] != '#') {
			*at = n;
			return 1;
		}
	}
	return 0;
}

int plan_yaml_hint(const char *text, size_t len, const char *problem, plan_lang lang,
	plan_buf *msg, uint32_t *line, uint32_t *column)
{
	line_view here, above;
	size_t tab;
	if (*line < 1 || !line_at(text, len, *line, &here))
		return 0;
	indent_of(here, &tab);
	if (tab) {
		plan_buf_puts(msg, plan_tr(lang,
			"a tab indents this line, but YAML indents with spaces only: replace the tab with spaces"));
		*column = (uint32_t)tab;
		return 1;
	}
	uint32_t above_line;
	size_t key, key_above;
	int value, value_above;
	size_t n = key_of(here, &key, &value);
	if (!n || *line < 2 || !line_above(text, len, *line, &above, &above_line))
		return 0;
	size_t n_above = key_of(above, &key_above, &value_above);
	if (!n_above)
		return 0;
	if (key < key_above && strncmp(problem, "did not find expected ", 22) == 0) {
		plan_buf_printf(msg, plan_tr(lang,
			"'%.*s' is indented less than '%.*s' above it (line %u): the keys of one mapping start in the same column, so indent '%.*s' as far as the key it belongs with"),
			(int)n, here.s + key, (int)n_above, above.s + key_above, (unsigned)above_line,
			(int)n, here.s + key);
	} else if (key > key_above && value_above &&
	           strcmp(problem, "mapping values are not allowed in this context") == 0) {
		plan_buf_printf(msg, plan_tr(lang,
			"'%.*s' is indented more than '%.*s' above it (line %u), which already has a value: the keys of one mapping start in the same column, so indent '%.*s' as far as the key it belongs with"),
			(int)n, here.s + key, (int)n_above, above.s + key_above, (unsigned)above_line,
			(int)n, here.s + key);
	} else {
		return 0;
	}
	*column = (uint32_t)key + 1;
	return 1;
}

/* --- UTF-16, Latin-1 and Windows-1252 ----------------------------------------- */

/* Windows-1252's characters at 0x80 to 0x9F (0: undefined there); from 0xA0
 * on it is Latin-1, whose code points are the bytes. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The character byte `b` is in Windows-1252, as UTF-8 in out (4 bytes and
 * a NUL); 0 when it has none. */
static int cp1252_char(unsigned char b, char out[5])
{
	unsigned cp = b >= 0xA0 ? b : cp1252_high[b - 0x80];
	if (!cp)
		return 0;
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		out[2] = '\0';
	} else {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		out[3] = '\0';
	}
	return 1;
}

/* Some well-formed UTF-8 character of two bytes or more is in text: then
 * the file is UTF-8 with a bad spot, not a file in another encoding. */
static int has_utf8_sequence(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t need = s[i] >= 0xC2 && s[i] <= 0xDF ? 1 : s[i] >= 0xE0 && s[i] <= 0xEF ? 2 :
			s[i] >= 0xF0 && s[i] <= 0xF4 ? 3 : 0;
		if (!need)
			continue;
		size_t k = 1;
		while (k <= need && i + k < len && (s[i + k] & 0xC0) == 0x80)
			k++;
		if (k > need)
			return 1;
	}
	return 0;
}

int plan_latin1_hint(const char *text, size_t len, size_t offset, plan_lang lang,
	plan_buf *msg)
{
	const unsigned char *s = (const unsigned char *)text;
	char shown[5];
	/* UTF-16 (Windows' "Unicode") has a byte order mark or a NUL beside
	 * every ASCII letter; its bytes would read as Latin-1 nonsense. */
	if ((len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) ||
	    memchr(text, '\0', len)) {
		plan_buf_printf(msg, plan_tr(lang,
			"invalid UTF-8 starting at byte 0x%02x: the file looks like UTF-16; plan files are UTF-8: convert it, e.g. iconv -f utf-16 -t utf-8 FILE > NEW"),
			offset < len ? s[offset] : 0);
		return 1;
	}
	if (offset >= len || s[offset] < 0x80 || !cp1252_char(s[offset], shown) ||
	    has_utf8_sequence(s, len))
		return 0;
	plan_buf_printf(msg, plan_tr(lang,
		"invalid UTF-8 starting at byte 0x%02x: the file looks like Latin-1 or Windows-1252, where that byte is '%s'; plan files are UTF-8: convert it, e.g. iconv -f windows-1252 -t utf-8 FILE > NEW"),
		s[offset], shown);
	return 1;
}
