/* compile.c: turns the catalogues, data that translators and rule writers
 * edit, into C for the library: sv.po (gettext PO: English message, Swedish
 * text) and rules.yaml (every rule, its severity and its explanation in both
 * languages). A build-time tool; not installed.
 *
 * Usage: catalogue-compile OUT.c RULES.yaml SV.po...
 *
 * The Swedish catalogue may be split over several PO files (one per part of
 * the toolkit, so that each has one writer at a time); a message in two of
 * them must read the same in both.
 *
 * It refuses (exit 1, FILE:LINE: message) what would print wrong: a message
 * without a Swedish text, a fuzzy one, one whose printf conversions differ
 * from the English, the same message twice, a rule without a text in either
 * language. Writing OUT.c happens only when all is well. */
#define _POSIX_C_SOURCE 200809L /* getline, strdup */

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static int failures;

static void fail(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%lu: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("catalogue-compile: out of memory\n", stderr);
		exit(1);
	}
	return q;
}

/* A growable string. */
typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void text_putc(text *t, char c)
{
	if (t->len + 2 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->s = xrealloc(t->s, t->cap);
	}
	t->s[t->len++] = c;
	t->s[t->len] = '\0';
}

static char *text_take(text *t)
{
	char *s = t->s ? t->s : strdup("");
	*t = (text){ 0 };
	return s;
}

/* ---- printf conversions: what must agree between the two languages ---- */

/* The conversions of `fmt` as one string, one "[arg]" per conversion in the
 * order of the arguments they take ("%-5s %.*s" gives "[s][*][s]"), so that
 * flags and widths may differ but the arguments read may not. Positional
 * conversions (%2$s) are put in their positions' order. */
static char *conversions(const char *fmt)
{
	char *slot[32] = { 0 };
	int next = 1, used = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		p++;
		int pos = 0;
		const char *q = p;
		while (isdigit((unsigned char)*q))
			pos = pos * 10 + (*q++ - '0');
		if (*q == '$' && pos > 0)
			p = q + 1;
		else
			pos = 0;
		text spec = { 0 };
		while (*p && strchr("-+ #0'", *p))
			p++;
		if (*p == '*') {
			text_putc(&spec, '*');
			p++;
		}
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				text_putc(&spec, '.');
				text_putc(&spec, '*');
				p++;
			}
			while (isdigit((unsigned char)*p))
				p++;
		}
		while (*p && strchr("hlLqjzt", *p))
			text_putc(&spec, *p++);
		if (*p)
			text_putc(&spec, *p);
		int at = pos ? pos : next++;
		if (at >= 1 && at < 32) {
			free(slot[at]);
			slot[at] = text_take(&spec);
			if (at > used)
				used = at;
		} else {
			free(spec.s);
		}
		if (!*p)
			break;
	}
	text all = { 0 };
	for (int i = 1; i <= used; i++) {
		text_putc(&all, '[');
		for (const char *c = slot[i] ? slot[i] : "?"; *c; c++)
			text_putc(&all, *c);
		text_putc(&all, ']');
		free(slot[i]);
	}
	return text_take(&all);
}

static void check_conversions(const char *file, unsigned long line,
	const char *english, const char *swedish)
{
	char *a = conversions(english), *b = conversions(swedish);
	if (strcmp(a, b) != 0)
		fail(file, line, "the conversions of the Swedish text (%s) differ from the English (%s): \"%s\"",
			b[0] ? b : "none", a[0] ? a : "none", english);
	free(a);
	free(b);
}

/* The report's placeholders {1}..{9} in `s`, as a count per number:
 * the Swedish may move them, but must keep each as often as the English. */
static void braces(const char *s, int count[10])
{
	memset(count, 0, 10 * sizeof *count);
	for (const char *p = s; *p; p++)
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
			count[p[1] - '0']++;
}

static void check_braces(const char *file, unsigned long line,
	const char *english, const char *swedish)
{
	int a[10], b[10];
	braces(english, a);
	braces(swedish, b);
	for (int i = 1; i < 10; i++)
		if (a[i] != b[i]) {
			fail(file, line, "the Swedish text has {%d} %d times, the English %d times: \"%s\"",
				i, b[i], a[i], english);
			return;
		}
}

/* ---- sv.po ---- */

/* A message with a context (msgctxt) is keyed, as in gettext's .mo files,
 * by the context, a byte 4 and the msgid: the same English in two places
 * may then have two Swedish texts. */
typedef struct entry {
	char *msgctxt, *msgid, *msgid_plural, *forms[2];
	int report;  /* context "report...": {1}-style placeholders, not printf's */
	const char *file;
	unsigned long line;
	int fuzzy;
} entry;

typedef struct po {
	entry *items;
	size_t count, cap;
} po;

/* Appends the C-escaped string literal that starts at `p` (at the quote). */
static int unquote(text *out, const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != '"')
		return -1;
	for (; *p && *p != '"'; p++) {
		if (*p != '\\') {
			text_putc(out, *p);
			continue;
		}
		switch (*++p) {
		case 'n': text_putc(out, '\n'); break;
		case 't': text_putc(out, '\t'); break;
		case '"': text_putc(out, '"'); break;
		case '\\': text_putc(out, '\\'); break;
		default: return -1;
		}
	}
	if (*p != '"')
		return -1;
	for (p++; *p; p++)
		if (!isspace((unsigned char)*p))
			return -1;
	return 0;
}

static void po_finish(po *catalogue, entry *e, text *field, char **into)
{
	if (into)
		*into = text_take(field);
	if (!e->msgid)
		return;
	if (e->msgctxt) {
		e->report = strncmp(e->msgctxt, "report", 6) == 0;
		if (strchr(e->msgctxt, '%'))
			fail(e->file, e->line, "a msgctxt may not hold '%%'");
		size_t nc = strlen(e->msgctxt), ni = strlen(e->msgid);
		char *key = xrealloc(NULL, nc + ni + 2);
		memcpy(key, e->msgctxt, nc);
		key[nc] = '\004';
		memcpy(key + nc + 1, e->msgid, ni + 1);
		free(e->msgid);
		free(e->msgctxt);
		e->msgid = key;
		e->msgctxt = NULL;
	}
	if (e->msgid[0] == '\0') { /* the header */
		free(e->msgid);
		for (int i = 0; i < 2; i++)
			free(e->forms[i]);
		free(e->msgid_plural);
		*e = (entry){ 0 };
		return;
	}
	if (catalogue->count == catalogue->cap) {
		catalogue->cap = catalogue->cap ? catalogue->cap * 2 : 256;
		catalogue->items = xrealloc(catalogue->items, catalogue->cap * sizeof *catalogue->items);
	}
	catalogue->items[catalogue->count++] = *e;
	*e = (entry){ 0 };
}

static void po_read(po *catalogue, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fail(path, 0, "cannot open");
		return;
	}
	entry e = { 0 };
	text field = { 0 };
	char **into = NULL;
	int fuzzy_next = 0;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		const char *p = line;
		char **target = NULL;
		if (p[0] == '#') {
			if (p[1] == ',' && strstr(p, "fuzzy"))
				fuzzy_next = 1;
			continue;
		}
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			continue;
		if (*p == '"') {
			if (!into || unquote(&field, p) < 0)
				fail(path, lineno, "a string where none belongs, or a bad escape");
			continue;
		}
		if (into)
			*into = text_take(&field);
		into = NULL;
		size_t keylen = strcspn(p, " \t");
		if (keylen == 7 && strncmp(p, "msgctxt", 7) == 0) {
			po_finish(catalogue, &e, &field, NULL);
			e.file = path;
			e.line = lineno;
			e.fuzzy = fuzzy_next;
			fuzzy_next = 0;
			target = &e.msgctxt;
		} else if (keylen == 5 && strncmp(p, "msgid", 5) == 0) {
			if (!e.msgctxt || e.msgid) {
				po_finish(catalogue, &e, &field, NULL);
				e.file = path;
				e.line = lineno;
				e.fuzzy = fuzzy_next;
				fuzzy_next = 0;
			}
			target = &e.msgid;
		} else if (keylen == 12 && strncmp(p, "msgid_plural", 12) == 0) {
			target = &e.msgid_plural;
		} else if ((keylen == 6 && strncmp(p, "msgstr", 6) == 0) ||
		           (keylen == 9 && strncmp(p, "msgstr[0]", 9) == 0)) {
			target = &e.forms[0];
		} else if (keylen == 9 && strncmp(p, "msgstr[1]", 9) == 0) {
			target = &e.forms[1];
		} else {
			fail(path, lineno, "unknown keyword '%.*s' (this catalogue takes msgctxt, msgid, msgid_plural, msgstr, msgstr[0] and msgstr[1])",
				(int)keylen, p);
			continue;
		}
		if (*target) {
			fail(path, lineno, "'%.*s' twice in one entry", (int)keylen, p);
			free(*target);
			*target = NULL;
		}
		if (unquote(&field, p + keylen) < 0)
			fail(path, lineno, "a bad string or escape");
		into = target;
	}
	if (into)
		*into = text_take(&field);
	po_finish(catalogue, &e, &field, NULL);
	free(line);
	fclose(f);
}

static int entry_cmp(const void *a, const void *b)
{
	int c = strcmp(((const entry *)a)->msgid, ((const entry *)b)->msgid);
	if (c)
		return c;
	/* Stable across files for the messages in two of them. */
	const entry *x = a, *y = b;
	int f = strcmp(x->file, y->file);
	return f ? f : (x->line > y->line) - (x->line < y->line);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void entry_free(entry *e)
{
	free(e->msgid);
	free(e->msgid_plural);
	free(e->forms[0]);
	free(e->forms[1]);
}

static void po_check(po *catalogue)
{
	for (size_t i = 0; i < catalogue->count; i++) {
		entry *e = &catalogue->items[i];
		const char *path = e->file;
		if (e->fuzzy)
			fail(path, e->line, "a fuzzy translation: check it, then drop the fuzzy flag: \"%s\"", e->msgid);
		if (!e->forms[0] || !e->forms[0][0]) {
			fail(path, e->line, "no Swedish text for \"%s\"", e->msgid);
			continue;
		}
		if (e->report)
			check_braces(path, e->line, e->msgid, e->forms[0]);
		else
			check_conversions(path, e->line, e->msgid, e->forms[0]);
		if (e->msgid_plural) {
			if (!e->forms[1] || !e->forms[1][0])
				fail(path, e->line, "no Swedish plural for \"%s\"", e->msgid);
			else
				check_conversions(path, e->line, e->msgid_plural, e->forms[1]);
		} else if (e->forms[1]) {
			fail(path, e->line, "a plural form without msgid_plural");
		}
	}
	qsort(catalogue->items, catalogue->count, sizeof *catalogue->items, entry_cmp);
	/* The same message in two files (a shared word, say) is kept once, if
	 * both say the same. */
	size_t kept = 0;
	for (size_t i = 0; i < catalogue->count; i++) {
		entry *e = &catalogue->items[i];
		entry *prev = kept ? &catalogue->items[kept - 1] : NULL;
		if (prev && strcmp(prev->msgid, e->msgid) == 0) {
			if (!same(prev->forms[0], e->forms[0]) || !same(prev->forms[1], e->forms[1]) ||
			    !same(prev->msgid_plural, e->msgid_plural))
				fail(e->file, e->line, "the message is in the catalogue twice, translated differently (also %s:%lu): \"%s\"",
					prev->file, prev->line, e->msgid);
			entry_free(e);
			continue;
		}
		catalogue->items[kept++] = *e;
	}
	catalogue->count = kept;
}

/* ---- rules.yaml ---- */

typedef struct rules {
	yaml_document_t doc;
	const char *path;
} rules;

static const char *scalar(yaml_node_t *node)
{
	return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static yaml_node_t *get(rules *r, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(yaml_document_get_node(&r->doc, p->key));
		if (k && strcmp(k, key) == 0)
			return yaml_document_get_node(&r->doc, p->value);
	}
	return NULL;
}

/* ---- writing C ---- */

static void put_literal(FILE *out, const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	size_t run = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (run > 100 && (*p == ' ' || *p == '\n')) {
			fputs("\"\n\t\t\"", out); /* keep lines short for a reader */
			run = 0;
		}
		run++;
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\%03o", *p);
		else if (*p == '?' && p[1] == '?')
			fputs("?\\", out); /* no trigraphs */
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void put_po(FILE *out, const po *catalogue)
{
	fputs("const plan_catalogue_entry plan_catalogue_sv[] = {\n", out);
	for (size_t i = 0; i < catalogue->count; i++) {
		const entry *e = &catalogue->items[i];
		fputs("\t{ ", out);
		put_literal(out, e->msgid);
		fputs(",\n\t\t", out);
		put_literal(out, e->msgid_plural);
		fputs(",\n\t\t{ ", out);
		put_literal(out, e->forms[0]);
		fputs(", ", out);
		put_literal(out, e->forms[1]);
		fputs(" } },\n", out);
	}
	if (!catalogue->count)
		fputs("\t{ NULL, NULL, { NULL, NULL } }\n", out);
	fprintf(out, "};\nconst size_t plan_catalogue_sv_count = %zu;\n\n", catalogue->count);
}

/* A text in both languages: `key: {en: ..., sv: ...}`. */
static void put_both(FILE *out, rules *r, yaml_node_t *rule, const char *id,
	const char *key, int required)
{
	yaml_node_t *node = get(r, rule, key);
	const char *sv = scalar(get(r, node, "sv")), *en = scalar(get(r, node, "en"));
	if (required && (!sv || !sv[0] || !en || !en[0]))
		fail(r->path, rule->start_mark.line + 1, "rule '%s': '%s' needs both en and sv", id, key);
	fprintf(out, "\t\t.%s = { [PLAN_LANG_SV] = ", key);
	put_literal(out, sv);
	fputs(",\n\t\t\t[PLAN_LANG_EN] = ", out);
	put_literal(out, en);
	fputs(" },\n", out);
}

static void put_rules(FILE *out, rules *r)
{
	yaml_node_t *root = yaml_document_get_root_node(&r->doc);
	if (!root || root->type != YAML_SEQUENCE_NODE) {
		fail(r->path, 1, "expected a list of rules");
		return;
	}
	size_t count = 0;
	fputs("const plan_rule plan_rule_catalogue[] = {\n", out);
	for (yaml_node_item_t *it = root->data.sequence.items.start; it < root->data.sequence.items.top; it++) {
		yaml_node_t *rule = yaml_document_get_node(&r->doc, *it);
		unsigned long line = rule->start_mark.line + 1;
		const char *id = scalar(get(r, rule, "id"));
		const char *severity = scalar(get(r, rule, "severity"));
		const char *configurable = scalar(get(r, rule, "configurable"));
		if (!id || !id[0]) {
			fail(r->path, line, "a rule without an id");
			continue;
		}
		if (!severity || (strcmp(severity, "error") != 0 && strcmp(severity, "warning") != 0))
			fail(r->path, line, "rule '%s': severity must be error or warning", id);
		if (!configurable || (strcmp(configurable, "true") != 0 && strcmp(configurable, "false") != 0))
			fail(r->path, line, "rule '%s': configurable must be true or false", id);
		fputs("\t{ .id = ", out);
		put_literal(out, id);
		fprintf(out, ",\n\t\t.severity = %s,\n\t\t.configurable = %d,\n",
			severity && strcmp(severity, "warning") == 0 ? "PLAN_SEVERITY_WARNING" : "PLAN_SEVERITY_ERROR",
			configurable && strcmp(configurable, "true") == 0);
		put_both(out, r, rule, id, "summary", 1);
		put_both(out, r, rule, id, "checks", 1);
		put_both(out, r, rule, id, "why", 1);
		put_both(out, r, rule, id, "fix", 1);
		fputs("\t\t.quote = ", out);
		put_literal(out, scalar(get(r, rule, "quote")));
		yaml_node_t *example = get(r, rule, "example");
		const char *none = scalar(example);
		if (!example || (none && strcmp(none, "none") != 0))
			fail(r->path, line, "rule '%s': an example (file, wrong, right), or 'none'", id);
		const char *file = scalar(get(r, example, "file"));
		const char *wrong = scalar(get(r, example, "wrong"));
		const char *right = scalar(get(r, example, "right"));
		if (!none && (!file || !wrong || !right))
			fail(r->path, line, "rule '%s': the example needs file, wrong and right", id);
		fputs(",\n\t\t.example_file = ", out);
		put_literal(out, file);
		fputs(",\n\t\t.example_limits = ", out);
		put_literal(out, scalar(get(r, example, "limits")));
		fputs(",\n\t\t.example_wrong = ", out);
		put_literal(out, wrong);
		fputs(",\n\t\t.example_right = ", out);
		put_literal(out, right);
		fputs(" },\n", out);
		count++;
	}
	fprintf(out, "};\nconst size_t plan_rule_catalogue_count = %zu;\n", count);
}

static int rules_read(rules *r, const char *path)
{
	r->path = path;
	FILE *f = fopen(path, "rb");
	if (!f) {
		fail(path, 0, "cannot open");
		return -1;
	}
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	int ok = yaml_parser_load(&parser, &r->doc);
	if (!ok)
		fail(path, parser.problem_mark.line + 1, "%s", parser.problem ? parser.problem : "not YAML");
	yaml_parser_delete(&parser);
	fclose(f);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: catalogue-compile OUT.c RULES.yaml SV.po...\n", stderr);
		return 2;
	}
	po catalogue = { 0 };
	for (int i = 3; i < argc; i++)
		po_read(&catalogue, argv[i]);
	po_check(&catalogue);
	rules r = { 0 };
	int have_rules = rules_read(&r, argv[2]) == 0;

	/* Written to memory first: nothing reaches OUT.c unless all is well. */
	char *body = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&body, &size);
	if (!out)
		return 1;
	fputs("/* Made by lib/catalogue/compile.c from the PO files of sv/ and rules.yaml: edit those. */\n"
	      "#include \"catalogue.h\"\n\n", out);
	put_po(out, &catalogue);
	if (have_rules)
		put_rules(out, &r);
	fclose(out);
	if (have_rules)
		yaml_document_delete(&r.doc);
	if (failures) {
		fprintf(stderr, "catalogue-compile: %d problem%s; %s not written\n", failures,
			failures == 1 ? "" : "s", argv[1]);
		free(body);
		return 1;
	}
	FILE *f = fopen(argv[1], "wb");
	int bad = !f || fwrite(body, 1, size, f) != size;
	if (f && fclose(f) != 0)
		bad = 1;
	free(body);
	if (bad) {
		fprintf(stderr, "catalogue-compile: cannot write %s\n", argv[1]);
		return 1;
	}
	for (size_t i = 0; i < catalogue.count; i++)
		entry_free(&catalogue.items[i]);
	free(catalogue.items);
	return 0;
}
