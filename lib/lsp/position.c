/* position.c: positions between the library's count (1-based lines and
 * columns in characters) and LSP's (0-based lines, columns in UTF-16 code
 * units, so that 'å' is one and an emoji two). */
#include "lsp_impl.h"

#include <stdint.h>
#include <string.h>

#include "plan/buf.h"

const char *lsp_line(const char *text, size_t len, uint32_t line, size_t *line_len)
{
	*line_len = 0;
	if (!text || line == 0)
		return NULL;
	size_t at = 0;
	for (uint32_t l = 1; l < line; l++) {
		const char *nl = memchr(text + at, '\n', len - at);
		if (!nl)
			return NULL;
		at = (size_t)(nl - text) + 1;
	}
	const char *nl = memchr(text + at, '\n', len - at);
	size_t end = nl ? (size_t)(nl - text) : len;
	if (end > at && text[end - 1] == '\r')
		end--;
	*line_len = end - at;
	return text + at;
}

/* Past the character at byte `i` of a line: its bytes and its UTF-16
 * units (one invalid byte is one character, shown as U+FFFD). */
static size_t step(const char *line, size_t len, size_t i, uint32_t *units)
{
	uint32_t cp;
	size_t n = plan_utf8_decode(line + i, len - i, &cp);
	*units += n && cp >= 0x10000 ? 2 : 1;
	return i + (n ? n : 1);
}

uint32_t lsp_utf16_of_column(const char *line, size_t len, uint32_t column)
{
	uint32_t units = 0;
	size_t i = 0;
	for (uint32_t c = 1; c < column; c++) {
		if (line && i < len)
			i = step(line, len, i, &units);
		else
			units++;
	}
	return units;
}

size_t lsp_byte_of_column(const char *line, size_t len, uint32_t column)
{
	uint32_t units = 0;
	size_t i = 0;
	for (uint32_t c = 1; line && c < column && i < len; c++)
		i = step(line, len, i, &units);
	return i;
}

/* Walk a line's characters up to byte `max_byte` or `max_units` UTF-16
 * units, whichever comes first: the byte reached, the units in *units. */
static size_t walk(const char *line, size_t len, size_t max_byte, uint32_t max_units,
	uint32_t *units)
{
	size_t i = 0;
	*units = 0;
	while (i < len && i < max_byte && *units < max_units)
		i = step(line, len, i, units);
	return i;
}

size_t lsp_byte_of_utf16(const char *line, size_t len, uint32_t units)
{
	uint32_t u;
	return walk(line, len, SIZE_MAX, units, &u);
}

uint32_t lsp_utf16_of_byte(const char *line, size_t len, size_t byte)
{
	uint32_t u;
	walk(line, len, byte, UINT32_MAX, &u);
	return u;
}

json_t *lsp_position(const char *text, size_t len, uint32_t line, uint32_t column)
{
	if (line == 0)
		return json_pack("{s:i,s:i}", "line", 0, "character", 0);
	size_t n = 0;
	const char *l = lsp_line(text, len, line, &n);
	uint32_t character = lsp_utf16_of_column(l, n, column ? column : 1);
	return json_pack("{s:I,s:I}", "line", (json_int_t)(line - 1),
		"character", (json_int_t)character);
}

json_t *lsp_range(const char *text, size_t len, uint32_t line, uint32_t column,
	uint32_t chars)
{
	json_t *start = lsp_position(text, len, line, column);
	json_t *end = lsp_position(text, len, line, line ? column + chars : 0);
	if (!start || !end) {
		json_decref(start);
		json_decref(end);
		return NULL;
	}
	return json_pack("{s:o,s:o}", "start", start, "end", end);
}
