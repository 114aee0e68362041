/* csv.c: RFC 4180 fields for the open-data export (plan/csv.h). */
#include "plan/csv.h"

#include <stdint.h>
#include <string.h>

/* True when the field must be quoted. */
static int needs_quotes(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == ',' || c < 0x20 || c == 0x7f)
			return 1;
	}
	return 0;
}

int plan_csv_field(plan_buf *buf, const char *data, size_t len)
{
	if (!data)
		len = 0;
	int quote = len && needs_quotes(data, len);
	if (quote)
		plan_buf_putc(buf, '"');
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = plan_utf8_decode(data + i, len - i, &cp);
		if (n == 0) {
			plan_buf_puts(buf, "\xef\xbf\xbd");   /* U+FFFD */
			i++;
			continue;
		}
		if (n == 1 && data[i] == '"')
			plan_buf_putc(buf, '"');
		plan_buf_put(buf, data + i, n);
		i += n;
	}
	if (quote)
		plan_buf_putc(buf, '"');
	return buf->failed ? -1 : 0;
}

int plan_csv_field_str(plan_buf *buf, const char *text)
{
	return plan_csv_field(buf, text, text ? strlen(text) : 0);
}

int plan_csv_end_record(plan_buf *buf)
{
	return plan_buf_put(buf, "\r\n", 2);
}
