/* diag_ci.c: diagnostics as CI systems read test and quality reports:
 * GitLab Code Quality (gitlab), JUnit XML (junit) and TAP version 13 (tap).
 * The README's "Output formats" says what each holds and why. */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/lang.h"

#include "diag_print_impl.h"
#include "hash.h"

/* Whether the diagnostic fails its test: an error always, a warning under
 * strict, as plan-validate's exit status has it. */
static int fails(const plan_diag *d, const plan_diag_print_options *o)
{
	return !plan_diag_is_warning(d) || o->strict;
}

/* ------------------------------------------------------------------------ */
/* gitlab: GitLab's Code Quality report, a subset of Code Climate's issues. */

/* One field of a fingerprint, ended by a NUL so that "ab"+"c" and "a"+"bc"
 * differ. With `blind`, every run of digits counts as one "0", as
 * plan_diags_subtract matches messages: those quote line numbers
 * ("first at line 27"). */
static uint64_t fnv_field(uint64_t h, const char *s, int blind)
{
	while (*s) {
		if (blind && s[0] >= '0' && s[0] <= '9') {
			while (s[0] >= '0' && s[0] <= '9')
				s++;
			h = plan_hash_bytes(h, "0", 1);
			continue;
		}
		h = plan_hash_bytes(h, s, 1);
		s++;
	}
	return plan_hash_bytes(h, "", 1);
}

/* What makes a finding the same finding from one pipeline to the next:
 * what --base matches on (file, rule, and the item id or key path, else
 * the message with its numbers blind), never the line, so that a fault
 * whose lines moved is not new. */
static uint64_t identity(const plan_diag *d)
{
	uint64_t h = fnv_field(PLAN_HASH_START, d->file, 0);
	h = fnv_field(h, d->rule, 0);
	if (d->key)
		return fnv_field(h, d->key, 0);
	return fnv_field(plan_hash_bytes(h, "m", 1), d->message, 1);
}

typedef struct finding {
	uint64_t identity;
	size_t index;       /* in the list */
	uint64_t print;     /* the fingerprint */
} finding;

static int by_identity(const void *pa, const void *pb)
{
	const finding *a = pa, *b = pb;
	if (a->identity != b->identity)
		return a->identity < b->identity ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int by_index(const void *pa, const void *pb)
{
	const finding *a = pa, *b = pb;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The fingerprint of each printed diagnostic, in list order: its identity
 * and how many with that identity came before it in the list, so that two
 * equal findings in one file still have fingerprints of their own (the
 * second stays the second when lines move). *out gets the array (free();
 * NULL when there are no diagnostics) and *n its length. Returns 0, or -1
 * when memory ran out. */
static int fingerprints(finding **out, size_t *n, const plan_diags *diags)
{
	size_t count = diags ? plan_diags_count(diags) : 0;
	*n = 0;
	*out = NULL;
	if (count == 0)
		return 0;
	finding *f = calloc(count, sizeof *f);
	if (!f)
		return -1;
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (plan_diag_printed(d))
			f[(*n)++] = (finding){ identity(d), i, 0 };
	}
	qsort(f, *n, sizeof *f, by_identity);
	uint64_t seen = 0;
	for (size_t i = 0; i < *n; i++) {
		seen = i > 0 && f[i].identity == f[i - 1].identity ? seen + 1 : 0;
		char ordinal[24];
		int len = snprintf(ordinal, sizeof ordinal, "%" PRIu64, seen);
		f[i].print = plan_hash_bytes(plan_hash_bytes(f[i].identity, "#", 1), ordinal, (size_t)len);
	}
	qsort(f, *n, sizeof *f, by_index);
	*out = f;
	return 0;
}

/* Code Quality's severities: an error fails the check, "major"; a file
 * that could not be read in full, so that nothing after the fault was
 * checked, "critical"; a warning, "minor". */
static const char *gitlab_severity(const plan_diag *d)
{
	if (plan_diag_is_warning(d))
		return "minor";
	if (strcmp(d->rule, "yaml-syntax") == 0 || strcmp(d->rule, "io") == 0 ||
	    strcmp(d->rule, "limit") == 0)
		return "critical";
	return "major";
}

int plan_diag_print_gitlab(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	plan_buf path = PLAN_BUF_INIT;
	size_t n = 0;
	int rc = -1;
	finding *f = NULL;
	if (fingerprints(&f, &n, diags) < 0)
		goto cleanup;
	plan_buf_putc(buf, '[');
	for (size_t i = 0; i < n; i++) {
		const plan_diag *d = plan_diags_get(diags, f[i].index);
		plan_buf_puts(buf, i ? ",\n  {\"type\": \"issue\", \"check_name\": " :
			"\n  {\"type\": \"issue\", \"check_name\": ");
		plan_diag_put_json_str(buf, d->rule);
		plan_buf_puts(buf, ", \"description\": ");
		plan_diag_put_json_str(buf, d->message);
		plan_buf_printf(buf, ", \"severity\": \"%s\", \"fingerprint\": \"%016" PRIx64 "\"",
			gitlab_severity(d), f[i].print);
		/* GitLab needs a path and a line for every issue: a fault about
		 * the whole file is shown at its first line, one about no file at
		 * the plan set's root. */
		if (plan_diag_join_path(&path, o->path_prefix, d->file[0] ? d->file : ".") < 0)
			goto cleanup;
		plan_buf_puts(buf, ", \"location\": {\"path\": ");
		plan_buf_put_json(buf, path.ptr, path.len);
		/* lines.begin always, which every version of the widget reads;
		 * positions as well where the column is known. */
		uint32_t line = d->line ? d->line : 1;
		plan_buf_printf(buf, ", \"lines\": {\"begin\": %" PRIu32 "}", line);
		if (d->column > 0) {
			plan_buf_printf(buf, ", \"positions\": {\"begin\": {\"line\": %" PRIu32
				", \"column\": %" PRIu32 "}", line, d->column);
			if (plan_diag_has_end(d))
				plan_buf_printf(buf, ", \"end\": {\"line\": %" PRIu32 ", \"column\": %"
					PRIu32 "}", d->end_line, d->end_column);
			plan_buf_putc(buf, '}');
		}
		plan_buf_puts(buf, "}}");
		if (plan_diag_maybe_flush(out, buf) < 0)
			goto cleanup;
	}
	plan_buf_puts(buf, n ? "\n]\n" : "]\n");
	rc = 0;
cleanup:
	free(f);
	plan_buf_free(&path);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The files, each with its diagnostics: junit's suites, tap's test points. */

typedef struct entry {
	const char *file;
	size_t index;       /* the diagnostic's, or SIZE_MAX for a file checked */
} entry;

static int by_file(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Every file checked and every printed diagnostic, sorted by file, each
 * file's diagnostics in list order after its own entry (if it has one).
 * Returns the array (free()) with *n set; NULL when memory ran out. */
static entry *by_files(const plan_diags *diags, const plan_diag_print_options *o, size_t *n)
{
	size_t count = diags ? plan_diags_count(diags) : 0;
	size_t nfiles = o->files ? o->nfiles : 0;
	entry *e = malloc((count + nfiles + 1) * sizeof *e);
	*n = 0;
	if (!e)
		return NULL;
	for (size_t i = 0; i < nfiles; i++)
		e[(*n)++] = (entry){ o->files[i], SIZE_MAX };
	for (size_t i = 0; i < count; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (plan_diag_printed(d))
			e[(*n)++] = (entry){ d->file, i };
	}
	qsort(e, *n, sizeof *e, by_file);
	return e;
}

/* One file's part of the sorted entries: [*start, end). Returns end. */
static size_t next_file(const entry *e, size_t n, size_t start)
{
	size_t end = start + 1;
	while (end < n && strcmp(e[end].file, e[start].file) == 0)
		end++;
	return end;
}

/* A file's name as the reports show it: the diagnostics' own path, and the
 * plan set's root (".") for those about no one file. */
static const char *shown(const char *file)
{
	return file[0] ? file : ".";
}

/* ------------------------------------------------------------------------ */
/* junit */

/* Plan text in XML character data or a double-quoted attribute value:
 * put_safe first, so that the characters XML 1.0 forbids even as
 * references (most C0 controls) and invalid UTF-8 are visible escapes such
 * as \x1b, then XML's own escaping; the noncharacters U+FFFE and U+FFFF,
 * which XML forbids as well, are shown as \uFFFE and \uFFFF. */
static int put_xml(plan_buf *buf, plan_buf *tmp, const char *s)
{
	plan_buf_clear(tmp);
	if (plan_buf_put_safe(tmp, s, strlen(s)) < 0)
		return -1;
	const char *t = tmp->ptr ? tmp->ptr : "";
	size_t i = 0;
	while (i < tmp->len) {
		size_t start = i;
		while (i < tmp->len && !strchr("&<>\"\xef", t[i]))
			i++;
		plan_buf_put(buf, t + start, i - start);
		if (i >= tmp->len)
			break;
		switch (t[i]) {
		case '&': plan_buf_puts(buf, "&amp;"); break;
		case '<': plan_buf_puts(buf, "&lt;"); break;
		case '>': plan_buf_puts(buf, "&gt;"); break;
		case '"': plan_buf_puts(buf, "&quot;"); break;
		default:
			if (i + 2 < tmp->len && t[i + 1] == '\xbf' && (t[i + 2] == '\xbe' || t[i + 2] == '\xbf')) {
				plan_buf_puts(buf, t[i + 2] == '\xbe' ? "\\uFFFE" : "\\uFFFF");
				i += 2;
			} else {
				plan_buf_putc(buf, t[i]);
			}
			break;
		}
		i++;
	}
	return 0;
}

/* The position of `d` for a test's name and text: "FILE:LINE:COLUMN". */
static int put_xml_place(plan_buf *buf, plan_buf *tmp, const plan_diag *d)
{
	if (put_xml(buf, tmp, shown(d->file)) < 0)
		return -1;
	if (d->line > 0) {
		plan_buf_printf(buf, ":%" PRIu32, d->line);
		if (d->column > 0)
			plan_buf_printf(buf, ":%" PRIu32, d->column);
	}
	return 0;
}

/* One diagnostic as a testcase: failed (errors, and warnings under
 * strict) with the message, or passed with the warning as its output. */
static int put_junit_case(plan_buf *buf, plan_buf *tmp, const plan_diag *d,
	const plan_diag_print_options *o)
{
	plan_buf_puts(buf, "    <testcase classname=\"");
	if (put_xml(buf, tmp, shown(d->file)) < 0)
		return -1;
	plan_buf_puts(buf, "\" name=\"");
	if (put_xml_place(buf, tmp, d) < 0)
		return -1;
	plan_buf_puts(buf, " [");
	if (put_xml(buf, tmp, d->rule) < 0)
		return -1;
	plan_buf_puts(buf, "]\">\n");
	if (fails(d, o)) {
		plan_buf_puts(buf, "      <failure type=\"");
		if (put_xml(buf, tmp, d->rule) < 0)
			return -1;
		plan_buf_puts(buf, "\" message=\"");
		if (put_xml(buf, tmp, d->message) < 0)
			return -1;
		plan_buf_puts(buf, "\">");
	} else {
		plan_buf_puts(buf, "      <system-out>");
	}
	/* The line the text format prints, so that a CI's log reads alike. */
	if (put_xml_place(buf, tmp, d) < 0)
		return -1;
	plan_buf_printf(buf, ": %s: ", plan_diag_level_name(d));
	if (put_xml(buf, tmp, d->message) < 0)
		return -1;
	plan_buf_puts(buf, " [");
	if (put_xml(buf, tmp, d->rule) < 0)
		return -1;
	plan_buf_puts(buf, fails(d, o) ? "]</failure>\n" : "]</system-out>\n");
	plan_buf_puts(buf, "    </testcase>\n");
	return 0;
}

/* A file's diagnostics (entries start..end), and how many of them fail. */
static void count_file(const entry *e, size_t start, size_t end, const plan_diags *diags,
	const plan_diag_print_options *o, size_t *cases, size_t *failed)
{
	*cases = *failed = 0;
	for (size_t i = start; i < end; i++) {
		if (e[i].index == SIZE_MAX)
			continue;
		(*cases)++;
		if (fails(plan_diags_get(diags, e[i].index), o))
			(*failed)++;
	}
}

int plan_diag_print_junit(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	plan_buf tmp = PLAN_BUF_INIT;
	size_t n;
	int rc = -1;
	entry *e = by_files(diags, o, &n);
	if (!e)
		return -1;

	/* The totals first, as <testsuites> carries them. */
	size_t tests = 0, failures = 0;
	for (size_t start = 0; start < n;) {
		size_t end = next_file(e, n, start), cases, failed;
		count_file(e, start, end, diags, o, &cases, &failed);
		tests += cases ? cases : 1;
		failures += failed;
		start = end;
	}
	plan_buf_printf(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"plan-validate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
		tests, failures);
	for (size_t start = 0; start < n;) {
		size_t end = next_file(e, n, start), cases, failed;
		count_file(e, start, end, diags, o, &cases, &failed);
		plan_buf_puts(buf, "  <testsuite name=\"");
		if (put_xml(buf, &tmp, shown(e[start].file)) < 0)
			goto cleanup;
		plan_buf_printf(buf, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
			cases ? cases : 1, failed);
		if (!cases) {
			/* A clean file is one passing test, so the counts show it. */
			plan_buf_puts(buf, "    <testcase classname=\"");
			if (put_xml(buf, &tmp, shown(e[start].file)) < 0)
				goto cleanup;
			plan_buf_puts(buf, "\" name=\"");
			if (put_xml(buf, &tmp, shown(e[start].file)) < 0)
				goto cleanup;
			plan_buf_puts(buf, "\"/>\n");
		}
		for (size_t i = start; i < end; i++) {
			if (e[i].index == SIZE_MAX)
				continue;
			if (put_junit_case(buf, &tmp, plan_diags_get(diags, e[i].index), o) < 0)
				goto cleanup;
			if (plan_diag_maybe_flush(out, buf) < 0)
				goto cleanup;
		}
		plan_buf_puts(buf, "  </testsuite>\n");
		start = end;
	}
	plan_buf_puts(buf, "</testsuites>\n");
	rc = 0;
cleanup:
	free(e);
	plan_buf_free(&tmp);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* tap */

/* Plan text as a YAML double-quoted scalar that TAP's own YAML subset
 * (TAP::Parser's YAMLish) reads too: put_safe makes every control a
 * visible escape, so only '"' and '\' need escaping. */
static int put_yaml(plan_buf *buf, plan_buf *tmp, const char *s)
{
	plan_buf_clear(tmp);
	if (plan_buf_put_safe(tmp, s, strlen(s)) < 0)
		return -1;
	plan_buf_putc(buf, '"');
	for (size_t i = 0; i < tmp->len; i++) {
		char c = tmp->ptr[i];
		if (c == '"' || c == '\\')
			plan_buf_putc(buf, '\\');
		plan_buf_putc(buf, c);
	}
	plan_buf_putc(buf, '"');
	return 0;
}

/* A test point's description: put_safe, and '#' escaped, which would
 * start a directive (TODO, SKIP) there. */
static int put_tap_description(plan_buf *buf, plan_buf *tmp, const char *s)
{
	plan_buf_clear(tmp);
	if (plan_buf_put_safe(tmp, s, strlen(s)) < 0)
		return -1;
	for (size_t i = 0; i < tmp->len; i++) {
		if (tmp->ptr[i] == '#')
			plan_buf_putc(buf, '\\');
		plan_buf_putc(buf, tmp->ptr[i]);
	}
	return 0;
}

static int put_tap_diag(plan_buf *buf, plan_buf *tmp, const plan_diag *d)
{
	plan_buf_printf(buf, "    - severity: %s\n      rule: ", plan_diag_level_name(d));
	if (put_yaml(buf, tmp, d->rule) < 0)
		return -1;
	plan_buf_printf(buf, "\n      line: %" PRIu32 "\n      column: %" PRIu32 "\n      message: ",
		d->line, d->column);
	if (put_yaml(buf, tmp, d->message) < 0)
		return -1;
	plan_buf_putc(buf, '\n');
	const struct {
		const char *key, *value;
	} extra[] = { { "item", d->item }, { "pointer", d->pointer }, { "suggestion", d->suggestion } };
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		if (!extra[i].value)
			continue;
		plan_buf_printf(buf, "      %s: ", extra[i].key);
		if (put_yaml(buf, tmp, extra[i].value) < 0)
			return -1;
		plan_buf_putc(buf, '\n');
	}
	return 0;
}

int plan_diag_print_tap(FILE *out, plan_buf *buf, const plan_diags *diags,
	const plan_diag_print_options *o)
{
	plan_buf tmp = PLAN_BUF_INIT;
	size_t n;
	int rc = -1;
	entry *e = by_files(diags, o, &n);
	if (!e)
		return -1;
	size_t points = 0, errors = 0, warnings = 0;
	for (size_t start = 0; start < n; start = next_file(e, n, start))
		points++;
	plan_buf_printf(buf, "TAP version 13\n1..%zu\n", points);
	size_t number = 0;
	for (size_t start = 0; start < n;) {
		size_t end = next_file(e, n, start);
		int ok = 1, any = 0;
		for (size_t i = start; i < end; i++) {
			if (e[i].index == SIZE_MAX)
				continue;
			const plan_diag *d = plan_diags_get(diags, e[i].index);
			any = 1;
			if (fails(d, o))
				ok = 0;
			if (plan_diag_is_warning(d))
				warnings++;
			else
				errors++;
		}
		plan_buf_printf(buf, "%s %zu - ", ok ? "ok" : "not ok", ++number);
		if (put_tap_description(buf, &tmp, shown(e[start].file)) < 0)
			goto cleanup;
		plan_buf_putc(buf, '\n');
		if (any) {
			plan_buf_puts(buf, "  ---\n  diagnostics:\n");
			for (size_t i = start; i < end; i++) {
				if (e[i].index == SIZE_MAX)
					continue;
				if (put_tap_diag(buf, &tmp, plan_diags_get(diags, e[i].index)) < 0)
					goto cleanup;
			}
			plan_buf_puts(buf, "  ...\n");
		}
		if (plan_diag_maybe_flush(out, buf) < 0)
			goto cleanup;
		start = end;
	}
	if (!o->quiet) {
		/* The text format's summary, as a comment for whoever reads the log. */
		plan_buf_puts(buf, "# ");
		plan_diag_put_summary(buf, o, errors, warnings);
	}
	rc = 0;
cleanup:
	free(e);
	plan_buf_free(&tmp);
	return rc;
}
