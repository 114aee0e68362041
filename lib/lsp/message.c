/* message.c: the base protocol's framing: header lines, an empty line, then
 * Content-Length bytes of body. Whatever arrives, memory stays bounded: a
 * header or body over its limit is read past, never held. */
#include "plan/lsp.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

/* A header line longer than this cannot be one we need (Content-Length
 * with 20 digits is 36 bytes); it is read to its end and refused. */
#define MAX_LINE 1024

/* What reading one header line found. */
enum { LINE_OK, LINE_TOO_LONG, LINE_EOF_EMPTY, LINE_EOF };

/* One line without its "\r\n" or "\n" into `line` (NUL-terminated); a line
 * longer than MAX_LINE is read to its end and LINE_TOO_LONG. `*used` grows
 * by the bytes read. LINE_EOF_EMPTY when the input ended before any byte,
 * LINE_EOF when it ended inside the line. */
static int read_line(char line[MAX_LINE + 1], FILE *in, size_t *used)
{
	size_t n = 0;
	int too_long = 0;
	for (;;) {
		int c = getc(in);
		if (c == EOF)
			return n == 0 && !too_long ? LINE_EOF_EMPTY : LINE_EOF;
		(*used)++;
		if (c == '\n')
			break;
		if (n < MAX_LINE)
			line[n++] = (char)c;
		else
			too_long = 1;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return too_long ? LINE_TOO_LONG : LINE_OK;
}

/* Compare a header's name, without case. */
static int name_is(const char *line, size_t n, const char *name)
{
	if (strlen(name) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)line[i]) != tolower((unsigned char)name[i]))
			return 0;
	return 1;
}

/* Content-Length's value: decimal digits only, with spaces or tabs around.
 * Returns 0 with *out, or -1 (not a number, or past SIZE_MAX). */
static int parse_length(size_t *out, const char *value)
{
	while (*value == ' ' || *value == '\t')
		value++;
	if (!isdigit((unsigned char)*value))
		return -1;
	size_t n = 0;
	for (; isdigit((unsigned char)*value); value++) {
		size_t digit = (size_t)(*value - '0');
		if (n > (SIZE_MAX - digit) / 10)
			return -1;
		n = n * 10 + digit;
	}
	while (*value == ' ' || *value == '\t')
		value++;
	if (*value)
		return -1;
	*out = n;
	return 0;
}

/* Read and drop `n` bytes. Returns 0, or -1 when the input ended first. */
static int skip_bytes(FILE *in, size_t n)
{
	char scratch[16384];
	while (n > 0) {
		size_t want = n < sizeof scratch ? n : sizeof scratch;
		size_t got = fread(scratch, 1, want, in);
		if (got == 0)
			return -1;
		n -= got;
	}
	return 0;
}

int plan_lsp_read(plan_buf *out, FILE *in, size_t max_message, plan_error *err)
{
	if (max_message == 0)
		max_message = PLAN_LSP_MAX_MESSAGE;
	plan_buf_clear(out);
	char line[MAX_LINE + 1];
	size_t used = 0;
	size_t length = 0;
	int have_length = 0;
	const char *fault = NULL;   /* why the message is refused, once known */
	int lines = 0;

	for (;;) {
		int got = read_line(line, in, &used);
		if (got == LINE_EOF_EMPTY && lines == 0)
			return PLAN_LSP_END;
		if (got == LINE_EOF_EMPTY || got == LINE_EOF) {
			plan_error_set(err, "the input ended inside a message's header");
			return PLAN_LSP_BROKEN;
		}
		if (got == LINE_OK && line[0] == '\0') {
			/* Blank lines before any header are only noise between
			 * messages: wait for the header itself. */
			if (lines == 0) {
				used = 0;
				continue;
			}
			break;
		}
		lines++;
		if (fault)
			continue;
		if (got == LINE_TOO_LONG || used > PLAN_LSP_MAX_HEADER) {
			fault = PLAN_N_("a header line or the header block is longer than the limit");
			continue;
		}
		const char *colon = strchr(line, ':');
		if (!colon) {
			fault = PLAN_N_("a header line has no ':'");
			continue;
		}
		if (!name_is(line, (size_t)(colon - line), "Content-Length"))
			continue;
		size_t value = 0;
		if (parse_length(&value, colon + 1) < 0 || (have_length && value != length)) {
			fault = PLAN_N_("the Content-Length header is not one whole number");
			continue;
		}
		length = value;
		have_length = 1;
	}
	if (!fault && !have_length)
		fault = PLAN_N_("the message has no Content-Length header");
	if (fault) {
		/* Without a length the body cannot be told from the next header:
		 * what follows is read as one, and refused in turn if it is not. */
		plan_error_set(err, "%s", plan_tr(err ? err->lang : PLAN_LANG_EN, fault));
		return PLAN_LSP_SKIPPED;
	}
	if (length > max_message) {
		if (skip_bytes(in, length) < 0) {
			plan_error_set(err, "the input ended inside a message's body");
			return PLAN_LSP_BROKEN;
		}
		plan_error_set(err, "a message of %zu bytes is larger than the limit of %zu bytes",
			length, max_message);
		return PLAN_LSP_SKIPPED;
	}
	/* The body is read in pieces, so that a length the input never
	 * delivers costs no more memory than what did arrive. */
	out->max = max_message;
	size_t left = length;
	char piece[16384];
	while (left > 0) {
		size_t want = left < sizeof piece ? left : sizeof piece;
		size_t got = fread(piece, 1, want, in);
		if (got == 0) {
			plan_error_set(err, "the input ended inside a message's body");
			return PLAN_LSP_BROKEN;
		}
		if (plan_buf_put(out, piece, got) < 0) {
			plan_error_set(err, "out of memory");
			return PLAN_LSP_BROKEN;
		}
		left -= got;
	}
	if (length == 0 && plan_buf_puts(out, "") < 0) {
		plan_error_set(err, "out of memory");
		return PLAN_LSP_BROKEN;
	}
	return 0;
}

int plan_lsp_write(FILE *out, const char *body, size_t len)
{
	if (fprintf(out, "Content-Length: %zu\r\n\r\n", len) < 0 ||
	    fwrite(body, 1, len, out) != len || fflush(out) != 0)
		return -1;
	return 0;
}
