/* suite.c: runs the official JSON-Schema-Test-Suite (draft7) against the
 * schema engine, for every keyword the engine supports. Every case must pass
 * unless tests/schema/suite-skips.txt lists it with a reason; a listed case
 * that passes is reported too, so the list cannot go stale. */
#define _POSIX_C_SOURCE 200809L /* strdup, getline */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/load.h"
#include "plan/schema.h"

/* The suite's files for the supported keywords. Files for keywords the
 * engine does not support (contains, dependencies, if-then-else,
 * minProperties, maxProperties, multipleOf, propertyNames, refRemote) and
 * the optional formats other than date are not run: see README. */
static const char *const files[] = {
	"additionalItems.json", "additionalProperties.json", "allOf.json", "anyOf.json",
	"boolean_schema.json", "const.json", "default.json", "definitions.json",
	"enum.json", "exclusiveMaximum.json", "exclusiveMinimum.json", "items.json",
	"maxItems.json", "maxLength.json", "maximum.json", "minItems.json",
	"minLength.json", "minimum.json", "not.json", "oneOf.json", "pattern.json",
	"patternProperties.json", "properties.json", "ref.json", "required.json",
	"type.json", "uniqueItems.json", "optional/format/date.json", NULL
};

typedef struct skip {
	char *file, *group, *test, *reason;
	int used;
} skip;

static skip *skips;
static size_t nskips;

static void load_skips(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(2);
	}
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *fields[4] = { 0 };
		char *p = line;
		for (int i = 0; i < 4 && p; i++) {
			fields[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!fields[3] || !*fields[3]) {
			fprintf(stderr, "%s: every skip needs file, group, test and a reason\n", path);
			exit(2);
		}
		skips = realloc(skips, (nskips + 1) * sizeof *skips);
		skips[nskips++] = (skip){ strdup(fields[0]), strdup(fields[1]),
			strdup(fields[2]), strdup(fields[3]), 0 };
	}
	free(line);
	fclose(f);
}

static skip *find_skip(const char *file, const char *group, const char *test)
{
	for (size_t i = 0; i < nskips; i++)
		if (strcmp(skips[i].file, file) == 0 && strcmp(skips[i].group, group) == 0 &&
		    (strcmp(skips[i].test, "*") == 0 || strcmp(skips[i].test, test) == 0))
			return &skips[i];
	return NULL;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	plan_buf b = PLAN_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		plan_buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return plan_buf_detach(&b);
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* JSON writes a character beyond U+FFFF as a surrogate pair of \u escapes;
 * YAML, which reads these files, writes it as one \U escape. Rewrite the
 * pairs (in place: the result is never longer). */
static size_t rewrite_surrogates(char *text, size_t len)
{
	size_t out = 0;
	for (size_t i = 0; i < len;) {
		unsigned hi, lo;
		if (i + 12 <= len && text[i] == '\\' && text[i + 1] == 'u' &&
		    hex4(text + i + 2, &hi) == 0 && hi >= 0xD800 && hi < 0xDC00 &&
		    text[i + 6] == '\\' && text[i + 7] == 'u' &&
		    hex4(text + i + 8, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
			unsigned cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
			char esc[11];
			snprintf(esc, sizeof esc, "\\U%08X", cp);
			memcpy(text + out, esc, 10);
			out += 10;
			i += 12;
		} else {
			text[out++] = text[i++];
		}
	}
	return out;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s SUITE_DRAFT7_DIR SKIPS_FILE\n", argv[0]);
		return 2;
	}
	load_skips(argv[2]);
	int passed = 0, failed = 0, skipped = 0;
	plan_limits limits = PLAN_LIMITS_INIT;
	for (const char *const *name = files; *name; name++) {
		plan_buf path = PLAN_BUF_INIT;
		plan_buf_printf(&path, "%s/%s", argv[1], *name);
		size_t len = 0;
		char *text = read_all(path.ptr, &len);
		if (!text) {
			printf("FAIL %s: cannot read (is json-schema-test-suite installed?)\n", path.ptr);
			failed++;
			plan_buf_free(&path);
			continue;
		}
		len = rewrite_surrogates(text, len);
		plan_diags *diags = plan_diags_new();
		plan_file *file = NULL;
		if (plan_file_load(&file, *name, text, len, &limits, diags) < 0 ||
		    plan_diags_count(diags) > 0 || file->ndocs != 1 ||
		    file->docs[0].root->type != PLAN_NODE_SEQUENCE) {
			printf("FAIL %s: not read as a JSON list\n", *name);
			failed++;
			goto next;
		}
		const plan_node *groups = file->docs[0].root;
		for (uint32_t g = 0; g < groups->len; g++) {
			const plan_node *group = groups->u.items[g];
			const char *gdesc = plan_node_get(group, "description")->u.text;
			const plan_node *tests = plan_node_get(group, "tests");
			plan_schema *schema = NULL;
			plan_error err = PLAN_ERROR_INIT;
			if (plan_schema_compile(&schema, plan_node_get(group, "schema"), *name, &err) < 0) {
				skip *s = find_skip(*name, gdesc, "*");
				if (s) {
					s->used = 1;
					skipped += (int)tests->len;
				} else {
					printf("FAIL %s | %s: schema not compiled: %s\n", *name, gdesc, err.message);
					failed += (int)tests->len;
				}
				continue;
			}
			for (uint32_t t = 0; t < tests->len; t++) {
				const plan_node *test = tests->u.items[t];
				const char *tdesc = plan_node_get(test, "description")->u.text;
				int want = plan_node_get(test, "valid")->bool_value;
				int errors = plan_schema_validate(schema, plan_node_get(test, "data"), PLAN_LANG_EN, NULL, NULL);
				int got = errors == 0;
				skip *s = find_skip(*name, gdesc, tdesc);
				if (errors >= 0 && got == want) {
					if (s && strcmp(s->test, "*") != 0) {
						printf("FAIL %s | %s | %s: passes but is listed as skipped\n",
							*name, gdesc, tdesc);
						failed++;
					} else {
						passed++;
					}
				} else if (s) {
					s->used = 1;
					skipped++;
				} else {
					printf("FAIL %s | %s | %s: expected %s\n", *name, gdesc, tdesc,
						want ? "valid" : "invalid");
					failed++;
				}
			}
			plan_schema_free(schema);
		}
next:
		plan_file_free(file);
		plan_diags_free(diags);
		free(text);
		plan_buf_free(&path);
	}
	for (size_t i = 0; i < nskips; i++) {
		if (!skips[i].used) {
			printf("FAIL skip list: '%s | %s | %s' matches no failing case\n",
				skips[i].file, skips[i].group, skips[i].test);
			failed++;
		}
		free(skips[i].file);
		free(skips[i].group);
		free(skips[i].test);
		free(skips[i].reason);
	}
	free(skips);
	printf("schema-suite: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed ? 1 : 0;
}
