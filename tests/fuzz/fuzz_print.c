/* fuzz_print.c: the output printers on hostile text. The input is read as a
 * list of diagnostics (file, message, key, rule, position: see `reader`),
 * and is itself the source text every diagnostic quotes. They are printed in
 * every format: text, github, junit and tap output must be safe for a
 * terminal (colour codes aside; for junit and tap that also means no control
 * character XML 1.0 or TAP's YAML would refuse), github must keep one line
 * per diagnostic, json, sarif and gitlab must be valid JSON. The escapers (put_safe, put_json, display_put) get the raw
 * input too. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/display.h"
#include "plan/rule.h"

/* Reads fields off the front of the input; past the end, everything is 0
 * or empty. A string is a length byte and that many bytes. */
typedef struct reader {
	const uint8_t *p;
	size_t left;
} reader;

static unsigned take_u8(reader *r)
{
	if (!r->left)
		return 0;
	r->left--;
	return *r->p++;
}

static uint32_t take_u32(reader *r)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v = v << 8 | take_u8(r);
	return v;
}

/* A NUL-terminated copy (a NUL inside ends it, as for any C string). */
static char *take_str(reader *r)
{
	size_t n = take_u8(r);
	if (n > r->left)
		n = r->left;
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	r->left -= n;
	return s;
}

typedef struct text {
	const char *ptr;
	size_t len;
} text;

static const char *source_text(void *ctx, const char *file, size_t *len)
{
	const text *t = ctx;
	/* One file has no text, as an unreadable file has none. */
	if (strcmp(file, "missing.yaml") == 0)
		return NULL;
	*len = t->len;
	return t->ptr;
}

static size_t count_newlines(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

static void print(const plan_diags *diags, plan_diag_print_options o, size_t printed)
{
	char *ptr = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&ptr, &len);
	if (!f)
		abort();
	int rc = plan_diags_print(f, diags, &o);
	if (fclose(f) != 0)
		abort();
	fuzz_check(rc == 0, "diagnostics print", NULL, 0);
	switch (o.format) {
	case PLAN_DIAG_JSON:
	case PLAN_DIAG_SARIF:
	case PLAN_DIAG_GITLAB:
		fuzz_check(fuzz_json_valid(ptr, len) && fuzz_terminal_safe(ptr, len, 0),
			"json/sarif/gitlab output is valid JSON, safe for a terminal", ptr, len);
		break;
	case PLAN_DIAG_JUNIT:
	case PLAN_DIAG_TAP:
		fuzz_check(fuzz_terminal_safe(ptr, len, 0), "junit/tap output is safe", ptr, len);
		fuzz_check(len > 0 && ptr[len - 1] == '\n', "junit/tap output ends a line", ptr, len);
		break;
	case PLAN_DIAG_GITHUB:
		fuzz_check(fuzz_terminal_safe(ptr, len, 0), "github output is safe", ptr, len);
		fuzz_check(count_newlines(ptr, len) == printed,
			"github output is one line per diagnostic", ptr, len);
		break;
	default:
		fuzz_check(fuzz_terminal_safe(ptr, len, o.color), "text output is safe", ptr, len);
		fuzz_check(len > 0 && ptr[len - 1] == '\n', "text output ends a line", ptr, len);
		break;
	}
	free(ptr);
}

static void escapers(const uint8_t *data, size_t size, size_t columns)
{
	plan_buf b = PLAN_BUF_INIT;
	plan_buf_put_safe(&b, (const char *)data, size);
	fuzz_check(!b.failed && fuzz_terminal_safe(b.ptr ? b.ptr : "", b.len, 0),
		"put_safe output is safe", b.ptr, b.len);
	size_t safe_width = plan_display_width(b.ptr ? b.ptr : "", b.len);
	plan_buf_free(&b);

	plan_buf_put_json(&b, (const char *)data, size);
	fuzz_check(!b.failed && fuzz_json_valid(b.ptr, b.len) && fuzz_terminal_safe(b.ptr, b.len, 0),
		"put_json output is valid JSON, safe for a terminal", b.ptr, b.len);
	plan_buf_free(&b);

	plan_display_put(&b, (const char *)data, size, columns);
	const char *s = b.ptr ? b.ptr : "";
	fuzz_check(!b.failed && fuzz_terminal_safe(s, b.len, 0), "display_put output is safe",
		s, b.len);
	if (columns > 0)
		fuzz_check(plan_display_width(s, b.len) <= (safe_width < columns ? safe_width : columns),
			"display_put fits the columns", s, b.len);
	plan_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader r = { data, size };
	unsigned flags = take_u8(&r);
	size_t columns = take_u8(&r);
	escapers(data, size, columns);

	size_t nrules;
	const plan_rule *rules = plan_rules_all(&nrules);
	plan_diags *diags = plan_diags_new();
	if (!diags)
		abort();
	char *root = take_str(&r);
	char *prefix = take_str(&r);
	for (int i = 0; i < 32 && r.left > 0; i++) {
		unsigned what = take_u8(&r);
		const char *rule = rules[what % nrules].id;
		uint32_t line = what & 0x80 ? take_u32(&r) : take_u8(&r);
		uint32_t column = what & 0x40 ? take_u32(&r) : take_u8(&r);
		char *file = take_str(&r);
		char *message = take_str(&r);
		char *key = take_str(&r);
		if (what & 0x20) {
			free(file);
			file = strdup("missing.yaml");
		}
		if (plan_diags_add(diags, file, line, column, rule, key[0] ? key : NULL,
		                   "%s", message) < 0)
			abort();
		free(file);
		free(message);
		free(key);
	}
	/* Severity overrides, `off` included, on a rule named by the input. */
	if (nrules) {
		unsigned sev = flags >> 4;
		plan_diags_override(diags, rules[(flags >> 6) % nrules].id,
			(plan_severity)(sev % 3));
	}
	if (flags & 4)
		plan_diags_sort(diags);
	size_t printed = 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++)
		printed += plan_diags_get(diags, i)->severity != PLAN_SEVERITY_OFF;

	text t = { (const char *)data, size };
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.source_text = source_text;
	o.source_ctx = &t;
	o.root = flags & 8 ? root : NULL;
	o.path_prefix = prefix;
	o.documents = size;
	o.tool_version = root;
	static const plan_diag_format formats[] = {
		PLAN_DIAG_TEXT, PLAN_DIAG_JSON, PLAN_DIAG_SARIF, PLAN_DIAG_GITHUB,
		PLAN_DIAG_GITLAB, PLAN_DIAG_JUNIT, PLAN_DIAG_TAP,
	};
	o.strict = (flags & 16) != 0;
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		o.format = formats[f];
		o.color = (flags & 1) != 0;
		o.show_source = (flags & 2) != 0 || formats[f] == PLAN_DIAG_TEXT;
		print(diags, o, printed);
		if (formats[f] == PLAN_DIAG_TEXT) {
			o.color = !o.color;
			print(diags, o, printed);
		}
	}
	free(root);
	free(prefix);
	plan_diags_free(diags);
	return 0;
}
