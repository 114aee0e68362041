/* readme_rules.c: the README's rule table, made from the rule catalogue
 * (lib/catalogue/rules.yaml as compiled into the library), so the README,
 * --list-rules, --explain, SARIF and the man page cannot drift apart.
 *
 * Usage: readme_rules README          exit 1 (with a diff-like note) when the
 *                                     table between the markers differs
 *        readme_rules --write README  rewrite the table in place
 *
 * The table sits between the lines <!-- rules:begin --> and
 * <!-- rules:end -->; each row carries the anchor rule-ID that SARIF's
 * helpUri and plan-validate --explain point to. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/rule.h"

static const char begin[] = "<!-- rules:begin -->\n";
static const char end[] = "<!-- rules:end -->\n";

/* A table cell: '|' would end it early. */
static void cell(plan_buf *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '|')
			plan_buf_puts(out, "\\|");
		else if (*p == '\n')
			plan_buf_putc(out, ' ');
		else
			plan_buf_putc(out, *p);
	}
}

static void table(plan_buf *out)
{
	size_t count = 0;
	const plan_rule *all = plan_rules_all(&count);
	plan_buf_puts(out, "| id | default | reported when | på svenska |\n| --- | --- | --- | --- |\n");
	for (size_t i = 0; i < count; i++) {
		const plan_rule *r = &all[i];
		plan_buf_printf(out, "| <a id=\"rule-%s\"></a>`%s` | %s%s | ", r->id, r->id,
			plan_severity_name(r->severity), r->configurable ? "" : " (fixed)");
		cell(out, r->summary[PLAN_LANG_EN]);
		plan_buf_puts(out, " | ");
		cell(out, r->summary[PLAN_LANG_SV]);
		plan_buf_puts(out, " |\n");
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	plan_buf buf = PLAN_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		plan_buf_put(&buf, chunk, n);
	fclose(f);
	*len = buf.len;
	return plan_buf_detach(&buf);
}

int main(int argc, char **argv)
{
	int write = argc == 3 && strcmp(argv[1], "--write") == 0;
	if (argc != 2 && !write) {
		fputs("usage: readme_rules [--write] README\n", stderr);
		return 2;
	}
	const char *path = argv[argc - 1];
	size_t len = 0;
	char *text = slurp(path, &len);
	if (!text) {
		fprintf(stderr, "readme_rules: cannot read %s\n", path);
		return 2;
	}
	char *from = strstr(text, begin);
	char *to = from ? strstr(from, end) : NULL;
	if (!from || !to) {
		fprintf(stderr, "readme_rules: %s has no %.*s ... %.*s block\n", path,
			(int)strlen(begin) - 1, begin, (int)strlen(end) - 1, end);
		free(text);
		return 2;
	}
	from += strlen(begin);
	plan_buf want = PLAN_BUF_INIT;
	table(&want);
	size_t have_len = (size_t)(to - from);
	int same = have_len == want.len && memcmp(from, want.ptr, want.len) == 0;
	int status = 0;
	if (write && !same) {
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(text, 1, (size_t)(from - text), f) != (size_t)(from - text) ||
		    fwrite(want.ptr, 1, want.len, f) != want.len ||
		    fwrite(to, 1, len - (size_t)(to - text), f) != len - (size_t)(to - text) ||
		    fclose(f) != 0) {
			fprintf(stderr, "readme_rules: cannot write %s\n", path);
			status = 2;
		}
	} else if (!same) {
		fprintf(stderr, "readme_rules: the rule table in %s is not the catalogue's; "
			"run readme_rules --write %s (from the build directory: tests/catalogue/readme_rules). "
			"The table should be:\n%s", path, path, want.ptr);
		status = 1;
	}
	plan_buf_free(&want);
	free(text);
	return status;
}
