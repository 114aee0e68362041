/* diag_print.c: diagnostics in plan-validate's output formats: text (with
 * the source line and a caret), json, sarif and github annotations; the CI
 * reports (gitlab, junit, tap) are in diag_ci.c. */
#include "plan/diag.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "plan/buf.h"

#include "diag_print_impl.h"

/* Output is built in a buffer and written whenever it holds this much, so
 * that any number of diagnostics prints in linear time and bounded memory. */
#define FLUSH_AT ((size_t)64 << 10)

/* A quoted source line is at most this many display columns wide; a longer
 * one is cut around the caret. */
#define QUOTE_WIDTH 200
/* ...and shows at most this many characters (zero-width ones included). */
#define QUOTE_CHARS 800

#define ANSI_RESET "\033[0m"
#define ANSI_ERROR "\033[1;31m"
#define ANSI_WARNING "\033[1;33m"
#define ANSI_DIM "\033[2m"
#define ANSI_CARET "\033[1;32m"

static const char ELLIPSIS[] = "\xe2\x80\xa6"; /* U+2026, one column */

int plan_diag_format_parse(plan_diag_format *out, const char *name)
{
	static const struct {
		const char *name;
		plan_diag_format format;
	} names[] = {
		{ "text", PLAN_DIAG_TEXT },
		{ "json", PLAN_DIAG_JSON },
		{ "sarif", PLAN_DIAG_SARIF },
		{ "github", PLAN_DIAG_GITHUB },
		{ "gitlab", PLAN_DIAG_GITLAB },
		{ "junit", PLAN_DIAG_JUNIT },
		{ "tap", PLAN_DIAG_TAP },
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].format;
			return 0;
		}
	}
	return -1;
}

/* A refused append is caught here, before plan_buf_clear would forget it. */
int plan_diag_flush(FILE *out, plan_buf *buf)
{
	if (buf->failed)
		return -1;
	if (buf->len && fwrite(buf->ptr, 1, buf->len, out) != buf->len)
		return -1;
	plan_buf_clear(buf);
	return ferror(out) ? -1 : 0;
}

int plan_diag_maybe_flush(FILE *out, plan_buf *buf)
{
	return buf->len >= FLUSH_AT || buf->failed ? plan_diag_flush(out, buf) : 0;
}

int plan_diag_printed(const plan_diag *d)
{
	return d->severity != PLAN_SEVERITY_OFF;
}

/* What the text format calls the level, in the reader's language. */
static const char *level_word(const plan_diag *d, plan_lang lang)
{
	return plan_severity_word(plan_diag_is_warning(d) ? PLAN_SEVERITY_WARNING : PLAN_SEVERITY_ERROR, lang);
}

static int nonempty(const char *s)
{
	return s && s[0];
}

int plan_diag_join_path(plan_buf *path, const char *prefix, const char *file)
{
	plan_buf_clear(path);
	if (nonempty(prefix)) {
		size_t n = strlen(prefix);
		plan_buf_put(path, prefix, n);
		if (prefix[n - 1] != '/')
			plan_buf_putc(path, '/');
	}
	plan_buf_puts(path, file);
	return path->failed ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Quoting source lines. */

typedef struct cp_range {
	uint32_t first, last;
} cp_range;

/* Combining marks and invisible format characters: no column of their own. */
static const cp_range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
	{ 0x2060, 0x206F }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
};

/* East Asian wide characters and the common emoji blocks: two columns. An
 * approximation of wcwidth() that does not depend on the locale. */
static const cp_range wide[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F680, 0x1F6FF }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD },
	{ 0x30000, 0x3FFFD },
};

static int in_ranges(uint32_t cp, const cp_range *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].first && cp <= r[i].last)
			return 1;
	return 0;
}

/* Columns the character at s takes once put_safe has shown it; `*bytes`
 * gets its length (1 for an invalid byte, which put_safe shows as \xNN). */
static size_t char_width(const unsigned char *s, size_t n, size_t *bytes)
{
	uint32_t cp;
	size_t len = plan_utf8_decode((const char *)s, n, &cp);
	if (len == 0) {
		*bytes = 1;
		return 4;
	}
	*bytes = len;
	if (cp == '\\' || cp == '\t' || cp == '\n' || cp == '\r')
		return 2;
	if (plan_safe_escapes(cp))
		return cp < 0x80 ? 4 : 6;
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
		return 0;
	if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

/* Bytes of the line break at s, or 0. These are libyaml's breaks (LF, CR,
 * CRLF, NEL, LS, PS), so line numbers mean what the loader meant. */
static size_t line_break(const unsigned char *s, size_t n)
{
	if (s[0] == '\n')
		return 1;
	if (s[0] == '\r')
		return n > 1 && s[1] == '\n' ? 2 : 1;
	if (s[0] == 0xC2 && n > 1 && s[1] == 0x85)
		return 2;
	if (s[0] == 0xE2 && n > 2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
		return 3;
	return 0;
}

/* A position in the current line: byte offset into the text, characters
 * and display columns from the start of the line. */
typedef struct cursor {
	size_t off;
	size_t chars;
	size_t width;
} cursor;

/* What the last quote looked at. Diagnostics come sorted by file, line and
 * column, so each search goes on from where the last one stopped and a
 * file is walked once however many diagnostics point into it. */
typedef struct quote_state {
	const char *file;       /* the file `text` belongs to, or NULL */
	const unsigned char *text;
	size_t len;
	uint32_t line;          /* the line at line_start; 0 before any */
	size_t line_start;
	size_t line_end;        /* offset of its break, or len */
	size_t next_start;      /* offset after the break; > len for the last line */
	cursor lead;            /* at the caret of the last diagnostic */
	cursor trail;           /* the furthest left a window around lead may start */
} quote_state;

static void step(const quote_state *q, cursor *c)
{
	size_t bytes;
	c->width += char_width(q->text + c->off, q->line_end - c->off, &bytes);
	c->off += bytes;
	c->chars++;
}

static void line_at(quote_state *q, uint32_t line, size_t start)
{
	size_t i = start;
	size_t brk = 0;
	while (i < q->len) {
		unsigned char c = q->text[i];
		if ((c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2) &&
		    (brk = line_break(q->text + i, q->len - i)) > 0)
			break;
		i++;
	}
	q->line = line;
	q->line_start = start;
	q->line_end = i;
	q->next_start = i < q->len ? i + brk : q->len + 1;
	q->lead = q->trail = (cursor){ start, 0, 0 };
}

/* Make `line` the current line; -1 when the text is not available or has
 * fewer lines. */
static int find_line(quote_state *q, const plan_diag_print_options *o,
	const char *file, uint32_t line)
{
	if (!q->file || strcmp(q->file, file) != 0) {
		size_t len = 0;
		const char *text = o->source_text(o->source_ctx, file, &len);
		q->file = file;
		q->text = (const unsigned char *)text;
		q->len = text ? len : 0;
		q->line = 0;
	}
	if (!q->text)
		return -1;
	if (q->line == 0 || line < q->line) {
		/* libyaml skips a byte order mark: columns count from after it. */
		size_t start = q->len >= 3 && memcmp(q->text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		line_at(q, 1, start);
	}
	while (q->line < line) {
		if (q->next_start > q->len)
			return -1;
		line_at(q, q->line + 1, q->next_start);
	}
	return 0;
}

static void put_spaces(plan_buf *buf, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		plan_buf_put(buf, spaces, k);
		n -= k;
	}
}

/* The source line of `d` and, when it has a column, a caret line under it. */
static void quote_source(plan_buf *buf, quote_state *q,
	const plan_diag_print_options *o, const plan_diag *d)
{
	if (find_line(q, o, d->file, d->line) < 0)
		return;
	size_t target = d->column > 0 ? (size_t)d->column - 1 : 0;
	if (q->lead.chars > target)
		q->lead = q->trail = (cursor){ q->line_start, 0, 0 };
	while (q->lead.chars < target && q->lead.off < q->line_end)
		step(q, &q->lead);
	cursor lead = q->lead;

	/* Room for the text of a cut line: the rest is two ellipses. */
	const size_t avail = QUOTE_WIDTH - 2;
	while (q->trail.off < lead.off && (lead.width - q->trail.width > avail ||
	       lead.chars - q->trail.chars > QUOTE_CHARS / 2))
		step(q, &q->trail);

	/* How far the line goes right of the caret, up to what could be shown. */
	cursor r = lead;
	while (r.off < q->line_end && r.width - lead.width <= QUOTE_WIDTH &&
	       r.chars - lead.chars <= QUOTE_CHARS)
		step(q, &r);

	cursor start = { q->line_start, 0, 0 };
	cursor end = r;
	if (!(r.off == q->line_end && r.width <= QUOTE_WIDTH && r.chars <= QUOTE_CHARS)) {
		/* Too long: keep up to half the room for either side of the caret,
		 * and give what one side does not need to the other. */
		size_t left_gap = lead.width - q->trail.width;
		size_t right_gap = r.width - lead.width;
		size_t left_want = left_gap < avail / 2 ? left_gap : avail / 2;
		size_t right = right_gap < avail - left_want ? right_gap : avail - left_want;
		size_t left = left_gap < avail - right ? left_gap : avail - right;
		start = q->trail;
		while (start.off < lead.off && (lead.width - start.width > left ||
		       lead.chars - start.chars > QUOTE_CHARS / 2))
			step(q, &start);
		end = lead;
		while (end.off < q->line_end && end.chars - lead.chars < QUOTE_CHARS / 2) {
			cursor next = end;
			step(q, &next);
			if (next.width - lead.width > right)
				break;
			end = next;
		}
	}
	int cut_left = start.off > q->line_start;
	int cut_right = end.off < q->line_end;

	int digits = 1;
	for (uint32_t n = d->line; n >= 10; n /= 10)
		digits++;
	int gutter = digits > 5 ? digits : 5;
	plan_buf_printf(buf, "%*" PRIu32 " | ", gutter, d->line);
	if (cut_left)
		plan_buf_puts(buf, ELLIPSIS);
	plan_buf_put_safe(buf, (const char *)q->text + start.off, end.off - start.off);
	if (cut_right)
		plan_buf_puts(buf, ELLIPSIS);
	plan_buf_putc(buf, '\n');
	if (d->column == 0)
		return;
	put_spaces(buf, (size_t)gutter);
	plan_buf_puts(buf, " | ");
	put_spaces(buf, (cut_left ? 1 : 0) + lead.width - start.width);
	plan_buf_puts(buf, o->color ? ANSI_CARET "^" ANSI_RESET "\n" : "^\n");
}

/* ------------------------------------------------------------------------ */
/* The formats. */

void plan_diag_put_summary(plan_buf *buf, const plan_diag_print_options *o,
	size_t errors, size_t warnings)
{
	plan_lang lang = o->lang;
	plan_buf_printf(buf, plan_ntr(lang, "%zu error", "%zu errors", errors), errors);
	plan_buf_puts(buf, ", ");
	plan_buf_printf(buf, plan_ntr(lang, "%zu warning", "%zu warnings", warnings), warnings);
	plan_buf_putc(buf, ' ');
	plan_buf_printf(buf, plan_ntr(lang, "in %zu document", "in %zu documents", o->documents),
		o->documents);
	/* Else a fault a directive hides would be nowhere to be seen. */
	if (o->suppressed)
		plan_buf_printf(buf, plan_ntr(lang, " (%zu suppressed)", " (%zu suppressed)",
			o->suppressed), o->suppressed);
	/* Otherwise a newcomer reads "2 errors" as all there is, and meets the
	 * link faults only after fixing the file that hid them. */
	if (o->skipped_across)
		plan_buf_puts(buf, plan_tr(lang,
			"; links and rules across documents not checked until every file reads"));
	plan_buf_putc(buf, '\n');
}

static int print_text(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	quote_state q = { 0 };
	size_t errors = 0, warnings = 0;
	size_t count = diags ? plan_diags_count(diags) : 0;
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (!plan_diag_printed(d))
			continue;
		if (plan_diag_is_warning(d))
			warnings++;
		else
			errors++;
		if (nonempty(d->file)) {
			plan_buf_put_safe(buf, d->file, strlen(d->file));
			if (d->line > 0) {
				plan_buf_printf(buf, ":%" PRIu32, d->line);
				if (d->column > 0)
					plan_buf_printf(buf, ":%" PRIu32, d->column);
			}
			plan_buf_puts(buf, ": ");
		}
		if (o->color)
			plan_buf_puts(buf, plan_diag_is_warning(d) ? ANSI_WARNING : ANSI_ERROR);
		plan_buf_puts(buf, level_word(d, o->lang));
		if (o->color)
			plan_buf_puts(buf, ANSI_RESET);
		plan_buf_puts(buf, ": ");
		plan_buf_put_safe(buf, d->message, strlen(d->message));
		plan_buf_puts(buf, o->color ? " " ANSI_DIM "[" : " [");
		plan_buf_put_safe(buf, d->rule, strlen(d->rule));
		plan_buf_puts(buf, o->color ? "]" ANSI_RESET "\n" : "]\n");
		if (o->show_source && o->source_text && d->line > 0 && nonempty(d->file))
			quote_source(buf, &q, o, d);
		if (plan_diag_maybe_flush(out, buf) < 0)
			return -1;
	}
	if (o->quiet)
		return 0;
	plan_diag_put_summary(buf, o, errors, warnings);
	return 0;
}

static void put_json_or_null(plan_buf *buf, const char *s)
{
	if (s)
		plan_diag_put_json_str(buf, s);
	else
		plan_buf_puts(buf, "null");
}

static int print_json(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	size_t count = diags ? plan_diags_count(diags) : 0;
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (plan_diag_printed(d)) {
			if (plan_diag_is_warning(d))
				warnings++;
			else
				errors++;
		}
	}
	plan_buf_puts(buf, "{\n  \"root\": ");
	put_json_or_null(buf, o->root);
	plan_buf_puts(buf, ",\n  \"revision\": ");
	put_json_or_null(buf, o->revision);
	plan_buf_printf(buf, ",\n  \"documents\": %zu,\n  \"errors\": %zu,\n"
		"  \"warnings\": %zu,\n  \"suppressed\": %zu,\n  \"diagnostics\": [",
		o->documents, errors, warnings, o->suppressed);
	int first = 1;
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (!plan_diag_printed(d))
			continue;
		plan_buf_puts(buf, first ? "\n    {\"file\": " : ",\n    {\"file\": ");
		first = 0;
		plan_diag_put_json_str(buf, d->file);
		plan_buf_printf(buf, ", \"line\": %" PRIu32 ", \"column\": %" PRIu32
			", \"severity\": \"%s\", \"rule\": ", d->line, d->column, plan_diag_level_name(d));
		plan_diag_put_json_str(buf, d->rule);
		plan_buf_puts(buf, ", \"message\": ");
		plan_diag_put_json_str(buf, d->message);
		/* Always there, null when not known, so that every diagnostic has
		 * the same shape. */
		plan_buf_puts(buf, ", \"item\": ");
		put_json_or_null(buf, d->item);
		plan_buf_puts(buf, ", \"pointer\": ");
		put_json_or_null(buf, d->pointer);
		if (d->end_line)
			plan_buf_printf(buf, ", \"end_line\": %" PRIu32 ", \"end_column\": %" PRIu32,
				d->end_line, d->end_column);
		else
			plan_buf_puts(buf, ", \"end_line\": null, \"end_column\": null");
		plan_buf_puts(buf, ", \"suggestion\": ");
		put_json_or_null(buf, d->suggestion);
		plan_buf_putc(buf, '}');
		if (plan_diag_maybe_flush(out, buf) < 0)
			return -1;
	}
	plan_buf_puts(buf, first ? "]\n}\n" : "\n  ]\n}\n");
	return 0;
}

/* A URI path: every byte but the unreserved ones and '/' percent-encoded.
 * The result is plain ASCII with nothing JSON needs to escape. */
static void put_uri_path(plan_buf *buf, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len) {
			unsigned char c = (unsigned char)s[i];
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
			      c == '_' || c == '~' || c == '/'))
				break;
			i++;
		}
		plan_buf_put(buf, s + start, i - start);
		if (i < len) {
			unsigned char c = (unsigned char)s[i++];
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
			plan_buf_put(buf, esc, 3);
		}
	}
}

/* A rule's descriptions and help, in the reader's language: what code
 * scanning shows beside each result. */
static int put_sarif_rule_help(plan_buf *buf, const plan_rule *r,
	const plan_diag_print_options *o)
{
	plan_buf help = PLAN_BUF_INIT;
	plan_lang lang = o->lang;
	plan_buf_puts(buf, ", \"shortDescription\": {\"text\": ");
	plan_diag_put_json_str(buf, r->summary[lang]);
	plan_buf_puts(buf, "}, \"fullDescription\": {\"text\": ");
	plan_diag_put_json_str(buf, r->checks[lang]);
	plan_buf_puts(buf, "}, \"help\": {\"text\": ");
	int rc = plan_rule_explain(&help, r, lang, PLAN_EXPLAIN_TEXT);
	plan_diag_put_json_str(buf, help.ptr ? help.ptr : "");
	plan_buf_clear(&help);
	plan_buf_puts(buf, ", \"markdown\": ");
	if (plan_rule_explain(&help, r, lang, PLAN_EXPLAIN_MARKDOWN) < 0)
		rc = -1;
	plan_diag_put_json_str(buf, help.ptr ? help.ptr : "");
	plan_buf_putc(buf, '}');
	if (nonempty(o->help_uri)) {
		plan_buf_free(&help);
		plan_rule_help_uri(&help, o->help_uri, r->id);
		plan_buf_puts(buf, ", \"helpUri\": ");
		plan_diag_put_json_str(buf, help.ptr ? help.ptr : "");
	}
	if (help.failed)
		rc = -1;
	plan_buf_free(&help);
	return rc;
}

static int print_sarif(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	size_t nrules;
	const plan_rule *rules = plan_rules_all(&nrules);
	plan_buf path = PLAN_BUF_INIT;
	int rc = -1;

	plan_buf_puts(buf, "{\n"
		"  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		"  \"version\": \"2.1.0\",\n"
		"  \"runs\": [\n"
		"    {\n"
		"      \"tool\": {\n"
		"        \"driver\": {\n"
		"          \"name\": \"plan-validate\",\n"
		"          \"version\": ");
	plan_diag_put_json_str(buf, o->tool_version ? o->tool_version : "0");
	plan_buf_puts(buf, ",\n          \"rules\": [");
	for (size_t i = 0; i < nrules; i++) {
		plan_buf_puts(buf, i ? ",\n            {\"id\": " : "\n            {\"id\": ");
		plan_diag_put_json_str(buf, rules[i].id);
		if (put_sarif_rule_help(buf, &rules[i], o) < 0)
			goto cleanup;
		plan_buf_printf(buf, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
			rules[i].severity == PLAN_SEVERITY_WARNING ? "warning" : "error");
	}
	plan_buf_puts(buf, nrules ? "\n          ]\n" : "]\n");
	plan_buf_puts(buf, "        }\n      },\n");
	if (o->root) {
		size_t n = strlen(o->root);
		plan_buf_puts(buf, "      \"originalUriBaseIds\": {\n"
			"        \"PLANROOT\": {\"uri\": \"file://");
		put_uri_path(buf, o->root, n);
		if (n == 0 || o->root[n - 1] != '/')
			plan_buf_putc(buf, '/');
		plan_buf_puts(buf, "\"}\n      },\n");
	}
	/* Columns count characters, not SARIF's default UTF-16 code units. */
	plan_buf_puts(buf, "      \"columnKind\": \"unicodeCodePoints\",\n"
		"      \"results\": [");

	int base_id = o->root && !nonempty(o->path_prefix);
	int first = 1;
	size_t count = diags ? plan_diags_count(diags) : 0;
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (!plan_diag_printed(d))
			continue;
		plan_buf_puts(buf, first ? "\n        {\"ruleId\": " : ",\n        {\"ruleId\": ");
		first = 0;
		plan_diag_put_json_str(buf, d->rule);
		const plan_rule *rule = plan_rule_find(d->rule);
		if (rule)
			plan_buf_printf(buf, ", \"ruleIndex\": %zu", (size_t)(rule - rules));
		plan_buf_printf(buf, ", \"level\": \"%s\", \"message\": {\"text\": ", plan_diag_level_name(d));
		plan_diag_put_json_str(buf, d->message);
		plan_buf_putc(buf, '}');
		if (nonempty(d->file)) {
			if (plan_diag_join_path(&path, o->path_prefix, d->file) < 0)
				goto cleanup;
			plan_buf_puts(buf, ", \"locations\": [{\"physicalLocation\": "
				"{\"artifactLocation\": {\"uri\": \"");
			put_uri_path(buf, path.ptr, path.len);
			plan_buf_puts(buf, base_id ? "\", \"uriBaseId\": \"PLANROOT\"}" : "\"}");
			if (d->line > 0) {
				plan_buf_printf(buf, ", \"region\": {\"startLine\": %" PRIu32, d->line);
				if (d->column > 0)
					plan_buf_printf(buf, ", \"startColumn\": %" PRIu32, d->column);
				if (plan_diag_has_end(d))
					plan_buf_printf(buf, ", \"endLine\": %" PRIu32 ", \"endColumn\": %"
						PRIu32, d->end_line, d->end_column);
				plan_buf_putc(buf, '}');
			}
			plan_buf_puts(buf, "}}]");
		}
		plan_buf_putc(buf, '}');
		if (plan_diag_maybe_flush(out, buf) < 0)
			goto cleanup;
	}
	plan_buf_puts(buf, first ? "]\n" : "\n      ]\n");
	plan_buf_puts(buf, "    }\n  ]\n}\n");
	rc = 0;
cleanup:
	plan_buf_free(&path);
	return rc;
}

/* GitHub's workflow-command escaping; properties also escape ':' and ','. */
static void put_github(plan_buf *buf, const plan_buf *text, int property)
{
	const char *s = text->ptr ? text->ptr : "";
	size_t i = 0;
	while (i < text->len) {
		size_t start = i;
		while (i < text->len && s[i] != '%' && s[i] != '\r' && s[i] != '\n' &&
		       !(property && (s[i] == ':' || s[i] == ',')))
			i++;
		plan_buf_put(buf, s + start, i - start);
		if (i >= text->len)
			break;
		switch (s[i++]) {
		case '%': plan_buf_puts(buf, "%25"); break;
		case '\r': plan_buf_puts(buf, "%0D"); break;
		case '\n': plan_buf_puts(buf, "%0A"); break;
		case ':': plan_buf_puts(buf, "%3A"); break;
		default: plan_buf_puts(buf, "%2C"); break;
		}
	}
}

/* put_safe, then GitHub's escaping, of `s`. */
static int put_github_safe(plan_buf *buf, plan_buf *tmp, const char *s, size_t len,
	int property)
{
	plan_buf_clear(tmp);
	if (plan_buf_put_safe(tmp, s, len) < 0)
		return -1;
	put_github(buf, tmp, property);
	return 0;
}

static int print_github(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	plan_buf path = PLAN_BUF_INIT, tmp = PLAN_BUF_INIT;
	int rc = -1;
	size_t count = diags ? plan_diags_count(diags) : 0;
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (!plan_diag_printed(d))
			continue;
		plan_buf_puts(buf, plan_diag_is_warning(d) ? "::warning " : "::error ");
		if (nonempty(d->file)) {
			plan_buf_puts(buf, "file=");
			if (plan_diag_join_path(&path, o->path_prefix, d->file) < 0 ||
			    put_github_safe(buf, &tmp, path.ptr, path.len, 1) < 0)
				goto cleanup;
			if (d->line > 0) {
				plan_buf_printf(buf, ",line=%" PRIu32, d->line);
				if (d->column > 0)
					plan_buf_printf(buf, ",col=%" PRIu32, d->column);
			}
			plan_buf_putc(buf, ',');
		}
		plan_buf_puts(buf, "title=");
		if (put_github_safe(buf, &tmp, d->rule, strlen(d->rule), 1) < 0)
			goto cleanup;
		plan_buf_puts(buf, "::");
		if (put_github_safe(buf, &tmp, d->message, strlen(d->message), 0) < 0)
			goto cleanup;
		plan_buf_putc(buf, '\n');
		if (plan_diag_maybe_flush(out, buf) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	plan_buf_free(&path);
	plan_buf_free(&tmp);
	return rc;
}

int plan_diags_print(FILE *out, const plan_diags *diags,
	const plan_diag_print_options *options)
{
	static const plan_diag_print_options defaults = PLAN_DIAG_PRINT_OPTIONS_INIT;
	const plan_diag_print_options *o = options ? options : &defaults;
	plan_buf buf = PLAN_BUF_INIT;
	int rc;
	switch (o->format) {
	case PLAN_DIAG_JSON: rc = print_json(out, &buf, diags, o); break;
	case PLAN_DIAG_SARIF: rc = print_sarif(out, &buf, diags, o); break;
	case PLAN_DIAG_GITHUB: rc = print_github(out, &buf, diags, o); break;
	case PLAN_DIAG_GITLAB: rc = plan_diag_print_gitlab(out, &buf, diags, o); break;
	case PLAN_DIAG_JUNIT: rc = plan_diag_print_junit(out, &buf, diags, o); break;
	case PLAN_DIAG_TAP: rc = plan_diag_print_tap(out, &buf, diags, o); break;
	case PLAN_DIAG_TEXT: rc = print_text(out, &buf, diags, o); break;
	default: rc = -1; break;
	}
	if (rc == 0)
		rc = plan_diag_flush(out, &buf);
	plan_buf_free(&buf);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	return rc;
}
