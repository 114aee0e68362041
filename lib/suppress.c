/* suppress.c: suppression directives in plan files' comments: found in the
 * bytes (libyaml drops comments), checked as they are found, and applied to
 * a plan set's diagnostics once every check has run. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "plan/suppress.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "array.h"
#include "plan/buf.h"
#include "plan/rule.h"
#include "suppress_codec.h"

#define PREFIX "plan-validate:"

typedef struct named_rule {
	const char *id;        /* the catalogue's id (static storage) */
	uint32_t column;       /* where the directive names it */
	int used;              /* it covered a diagnostic */
} named_rule;

typedef struct directive {
	uint32_t line;         /* where it is written */
	uint32_t target;       /* the line whose diagnostics it covers */
	size_t nrules;
	named_rule rules[PLAN_SUPPRESS_MAX_RULES];
} directive;

struct plan_suppressions {
	char *path;
	directive *items;
	size_t count, cap;
};

/* --- where comments are ------------------------------------------------------
 * A '#' after a space or at the start of a line begins a comment, except
 * inside a quoted or block scalar, where it is text. libyaml's scanner
 * knows where those scalars are; it is run only on a file that mentions
 * PREFIX at all, so an ordinary file costs one memmem. */

typedef struct span {
	uint32_t line0, col0, line1, col1;   /* 0-based, libyaml's marks; end excluded */
} span;

typedef struct spans {
	span *items;
	size_t count, cap;
	uint32_t stop_line;    /* the scanner stopped here (a syntax error): no
	                        * span is known beyond, so a '#' there is taken
	                        * for a comment */
	int stopped;
} spans;

static int find_spans(spans *out, const char *text, size_t len)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	int rc = 0;
	for (;;) {
		yaml_token_t token;
		if (!yaml_parser_scan(&parser, &token)) {
			out->stopped = 1;
			out->stop_line = (uint32_t)parser.problem_mark.line;
			break;
		}
		yaml_token_type_t type = token.type;
		int quoted = type == YAML_SCALAR_TOKEN && token.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		span s = { (uint32_t)token.start_mark.line, (uint32_t)token.start_mark.column,
			(uint32_t)token.end_mark.line, (uint32_t)token.end_mark.column };
		yaml_token_delete(&token);
		if (quoted) {
			if (plan_array_reserve((void **)&out->items, &out->cap, out->count + 1,
			                       sizeof *out->items) < 0) {
				rc = -1;
				break;
			}
			out->items[out->count++] = s;
		}
		if (type == YAML_STREAM_END_TOKEN)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

static int before(uint32_t la, uint32_t ca, uint32_t lb, uint32_t cb)
{
	return la < lb || (la == lb && ca < cb);
}

/* Is the character at line0, col0 (0-based) inside a quoted or block scalar? */
static int in_scalar(const spans *s, uint32_t line0, uint32_t col0)
{
	for (size_t i = 0; i < s->count; i++)
		if (!before(line0, col0, s->items[i].line0, s->items[i].col0) &&
		    before(line0, col0, s->items[i].line1, s->items[i].col1))
			return 1;
	return 0;
}

/* The offset of the '#' that starts the line's comment, or `n` for none.
 * Columns count characters, as the scalar spans do. */
static size_t comment_start(const char *s, size_t n, uint32_t line0, const spans *sp)
{
	uint32_t col = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t') &&
		    ((sp->stopped && line0 >= sp->stop_line) || !in_scalar(sp, line0, col)))
			return i;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	}
	return n;
}

/* --- reading one directive ----------------------------------------------------- */

typedef struct reader {
	plan_suppressions *sup;
	plan_diags *diags;
	uint32_t line;         /* 1-based */
	const char *s;         /* the line */
	size_t n;
	int oom;
} reader;

/* The column (1-based, in characters) of offset `at` of the line. */
static uint32_t column_of(const reader *r, size_t at)
{
	uint32_t col = 1;
	for (size_t i = 0; i < at && i < r->n; i++)
		if (((unsigned char)r->s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static size_t skip_spaces(const reader *r, size_t i, size_t end)
{
	while (i < end && is_space(r->s[i]))
		i++;
	return i;
}

/* A directive written wrong, reported at offset `at` of its line; `fmt` is
 * the English message (marked with PLAN_N_ for the catalogue). */
static void invalid(reader *r, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void invalid(reader *r, size_t at, const char *fmt, ...)
{
	plan_buf msg = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&msg, plan_tr(plan_diags_lang(r->diags), fmt), ap);
	va_end(ap);
	if (msg.failed || plan_diags_add(r->diags, r->sup->path, r->line, column_of(r, at),
	                                 "suppression-invalid", NULL, "%s", msg.ptr) < 0)
		r->oom = 1;
	plan_buf_free(&msg);
}

/* May a directive cover diagnostics of this rule? Not those whose severity
 * is fixed (a file that cannot be read cannot be checked), nor the
 * directives' own. */
static int suppressible(const plan_rule *rule)
{
	return rule->configurable && strcmp(rule->id, "unused-suppression") != 0;
}

/* One rule named in the directive, the bytes [at, end) of the line. */
static void name_rule(reader *r, directive *d, size_t at, size_t end)
{
	char word[64];
	size_t n = end - at;
	if (n >= sizeof word)
		n = sizeof word - 1;
	memcpy(word, r->s + at, n);
	word[n] = '\0';
	const plan_rule *rule = plan_rule_find(word);
	if (!rule) {
		const char *guess = plan_rule_suggest(word);
		if (guess)
			invalid(r, at, PLAN_N_("unknown rule '%s' in the directive; did you mean '%s'?"),
				word, guess);
		else
			invalid(r, at, PLAN_N_("unknown rule '%s' in the directive "
				"(plan-validate --list-rules lists them)"), word);
		return;
	}
	if (!suppressible(rule)) {
		invalid(r, at, PLAN_N_("'%s' cannot be suppressed in the file"), rule->id);
		return;
	}
	for (size_t i = 0; i < d->nrules; i++)
		if (d->rules[i].id == rule->id)
			return;
	if (d->nrules == PLAN_SUPPRESS_MAX_RULES) {
		invalid(r, at, PLAN_N_("a directive names at most %d rules; '%s' and those "
			"after it are left out"), PLAN_SUPPRESS_MAX_RULES, rule->id);
		return;
	}
	d->rules[d->nrules++] = (named_rule){ rule->id, column_of(r, at), 0 };
}

/* The comment at `hash` of the line, which starts with PREFIX at `at`. */
static void read_directive(reader *r, size_t hash, size_t at)
{
	size_t end = r->n;
	size_t i = skip_spaces(r, at + strlen(PREFIX), end);
	size_t verb = i;
	while (i < end && !is_space(r->s[i]))
		i++;
	size_t verb_len = i - verb;
	int next_line;
	if (verb_len == strlen("disable-line") && memcmp(r->s + verb, "disable-line", verb_len) == 0) {
		next_line = 0;
	} else if (verb_len == strlen("disable-next-line") &&
	           memcmp(r->s + verb, "disable-next-line", verb_len) == 0) {
		next_line = 1;
	} else {
		char word[64];
		size_t n = verb_len < sizeof word - 1 ? verb_len : sizeof word - 1;
		memcpy(word, r->s + verb, n);
		word[n] = '\0';
		invalid(r, verb < end ? verb : hash,
			PLAN_N_("unknown directive '%s' (expected disable-line or disable-next-line)"), word);
		return;
	}
	int own_line = skip_spaces(r, 0, hash) == hash;
	if (!next_line && own_line) {
		invalid(r, hash, PLAN_N_("disable-line covers its own line, which holds nothing but "
			"the comment; use disable-next-line for the line below"));
		return;
	}
	if (next_line && !own_line) {
		invalid(r, hash, PLAN_N_("disable-next-line must stand on a line of its own, above "
			"the line it is for; use disable-line at the end of this line"));
		return;
	}

	/* The rules run up to " --", which no rule id holds. */
	size_t dashes = end;
	for (size_t k = i; k + 1 < end; k++)
		if (r->s[k] == '-' && r->s[k + 1] == '-' && is_space(r->s[k - 1])) {
			dashes = k;
			break;
		}
	directive d = { .line = r->line, .target = next_line ? r->line + 1 : r->line };
	size_t named = 0;
	for (size_t k = i; k < dashes;) {
		while (k < dashes && (is_space(r->s[k]) || r->s[k] == ','))
			k++;
		size_t start = k;
		while (k < dashes && !is_space(r->s[k]) && r->s[k] != ',')
			k++;
		if (k > start) {
			named++;
			name_rule(r, &d, start, k);
		}
	}
	if (named == 0)
		invalid(r, hash, PLAN_N_("the directive names no rule: write "
			"'# plan-validate: %s RULE -- reason'"),
			next_line ? "disable-next-line" : "disable-line");
	size_t reason = dashes < end ? skip_spaces(r, dashes + 2, end) : end;
	if (named > 0 && reason == end)
		invalid(r, hash, PLAN_N_("the directive gives no reason: end it with ' -- ' and "
			"why the rule does not apply here"));
	if (d.nrules == 0)
		return;
	plan_suppressions *sup = r->sup;
	if (plan_array_reserve((void **)&sup->items, &sup->cap, sup->count + 1,
	                       sizeof *sup->items) < 0) {
		r->oom = 1;
		return;
	}
	sup->items[sup->count++] = d;
}

/* Does PREFIX occur anywhere in the text? (memmem is not POSIX.) */
static int mentions_prefix(const char *text, size_t len)
{
	size_t n = strlen(PREFIX);
	for (const char *p = text; len - (size_t)(p - text) >= n;) {
		p = memchr(p, PREFIX[0], len - (size_t)(p - text) - n + 1);
		if (!p)
			return 0;
		if (memcmp(p, PREFIX, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

int plan_suppressions_scan(plan_suppressions **out, const char *path,
	const char *text, size_t len, plan_diags *diags)
{
	*out = NULL;
	if (!text || !mentions_prefix(text, len))
		return 0;
	spans sp = { 0 };
	plan_suppressions *sup = calloc(1, sizeof *sup);
	int rc = -1;
	if (!sup || !(sup->path = strdup(path)) || find_spans(&sp, text, len) < 0)
		goto cleanup;
	reader r = { .sup = sup, .diags = diags };
	const char *p = text, *end = text + len;
	for (uint32_t line = 1; p < end && !r.oom; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		if (n && p[n - 1] == '\r')
			n--;
		r.line = line;
		r.s = p;
		r.n = n;
		size_t hash = comment_start(p, n, line - 1, &sp);
		if (hash < n) {
			size_t at = skip_spaces(&r, hash + 1, n);
			if (n - at >= strlen(PREFIX) && memcmp(p + at, PREFIX, strlen(PREFIX)) == 0)
				read_directive(&r, hash, at);
		}
		p = nl ? nl + 1 : end;
	}
	if (r.oom)
		goto cleanup;
	rc = 0;
	if (sup->count) {
		*out = sup;
		sup = NULL;
	}
cleanup:
	free(sp.items);
	plan_suppressions_free(sup);
	return rc;
}

/* --- kept in the result cache -------------------------------------------------
 * A directive as found by the scan: nothing has been applied yet, so `used`
 * is not written. */

void plan_suppressions_encode(plan_buf *out, const plan_suppressions *suppressions)
{
	size_t count = suppressions ? suppressions->count : 0;
	plan_codec_put_uint(out, count);
	for (size_t i = 0; i < count; i++) {
		const directive *d = &suppressions->items[i];
		plan_codec_put_uint(out, d->line);
		plan_codec_put_uint(out, d->target);
		plan_codec_put_uint(out, d->nrules);
		for (size_t k = 0; k < d->nrules; k++) {
			plan_codec_put_string(out, d->rules[k].id);
			plan_codec_put_uint(out, d->rules[k].column);
		}
	}
}

int plan_suppressions_decode(plan_suppressions **out, const char *path, plan_codec_reader *r)
{
	*out = NULL;
	uint64_t count = plan_codec_get_uint(r);
	if (r->bad)
		return -1;
	if (count == 0)
		return 0;
	/* Each directive takes at least three bytes: more than the entry
	 * holds is a lie, not a reason to allocate. */
	if (count > (uint64_t)(r->end - r->p) / 3) {
		r->bad = 1;
		return -1;
	}
	plan_suppressions *sup = calloc(1, sizeof *sup);
	if (!sup || !(sup->path = strdup(path)) ||
	    !(sup->items = calloc((size_t)count, sizeof *sup->items))) {
		plan_suppressions_free(sup);
		return -1;
	}
	sup->cap = (size_t)count;
	for (size_t i = 0; i < count && !r->bad; i++) {
		directive *d = &sup->items[sup->count++];
		d->line = plan_codec_get_u32(r);
		d->target = plan_codec_get_u32(r);
		uint64_t nrules = plan_codec_get_uint(r);
		if (nrules > PLAN_SUPPRESS_MAX_RULES) {
			r->bad = 1;
			break;
		}
		d->nrules = (size_t)nrules;
		for (size_t k = 0; k < d->nrules && !r->bad; k++) {
			size_t len = 0;
			const char *id = plan_codec_get_bytes(r, &len);
			char name[128];
			const plan_rule *rule = NULL;
			if (id && len < sizeof name) {
				memcpy(name, id, len);
				name[len] = '\0';
				rule = plan_rule_find(name);
			}
			/* The catalogue's own id: directives hold static strings. */
			if (!rule)
				r->bad = 1;
			else
				d->rules[k].id = rule->id;
			d->rules[k].column = plan_codec_get_u32(r);
		}
	}
	if (r->bad) {
		plan_suppressions_free(sup);
		return -1;
	}
	*out = sup;
	return 0;
}

void plan_suppressions_free(plan_suppressions *suppressions)
{
	if (!suppressions)
		return;
	free(suppressions->path);
	free(suppressions->items);
	free(suppressions);
}

size_t plan_suppressions_count(const plan_suppressions *suppressions)
{
	return suppressions ? suppressions->count : 0;
}

/* --- applying them ------------------------------------------------------------ */

typedef struct applying {
	plan_suppressions **files;   /* those with directives, sorted by path */
	size_t count;
} applying;

static int compare_path(const void *pa, const void *pb)
{
	const plan_suppressions *a = *(plan_suppressions *const *)pa;
	const plan_suppressions *b = *(plan_suppressions *const *)pb;
	return strcmp(a->path, b->path);
}

/* Every directive for the diagnostic's line and rule counts as used, so
 * that two directives for one fault are not reported unused. */
static int covered(void *ctx, const plan_diag *d)
{
	const applying *a = ctx;
	if (d->line == 0)
		return 0;
	plan_suppressions key = { .path = (char *)d->file };
	plan_suppressions *kp = &key;
	plan_suppressions **found = bsearch(&kp, a->files, a->count, sizeof *a->files, compare_path);
	if (!found)
		return 0;
	int hit = 0;
	for (size_t i = 0; i < (*found)->count; i++) {
		directive *dir = &(*found)->items[i];
		if (dir->target != d->line)
			continue;
		for (size_t k = 0; k < dir->nrules; k++)
			if (strcmp(dir->rules[k].id, d->rule) == 0) {
				dir->rules[k].used = 1;
				hit = 1;
			}
	}
	return hit;
}

static int report_unused_rules(const applying *a, plan_diags *diags)
{
	for (size_t f = 0; f < a->count; f++) {
		const plan_suppressions *sup = a->files[f];
		for (size_t i = 0; i < sup->count; i++) {
			const directive *dir = &sup->items[i];
			for (size_t k = 0; k < dir->nrules; k++) {
				const named_rule *nr = &dir->rules[k];
				if (nr->used)
					continue;
				if (plan_diags_add(diags, sup->path, dir->line, nr->column, "unused-suppression",
				                   NULL, "no '%s' diagnostic on line %u to suppress; remove "
				                   "'%s' from the directive", nr->id, (unsigned)dir->target,
				                   nr->id) < 0)
					return -1;
			}
		}
	}
	return 0;
}

int plan_suppressions_apply(plan_suppressions *const *files, size_t nfiles,
	int report_unused, plan_diags *diags, plan_diags *suppressed)
{
	applying a = { 0 };
	for (size_t i = 0; i < nfiles; i++)
		a.count += files[i] != NULL;
	if (a.count == 0)
		return 0;
	if (!(a.files = malloc(a.count * sizeof *a.files)))
		return -1;
	a.count = 0;
	for (size_t i = 0; i < nfiles; i++)
		if (files[i])
			a.files[a.count++] = files[i];
	qsort(a.files, a.count, sizeof *a.files, compare_path);
	int rc = plan_diags_move_if(suppressed, diags, covered, &a);
	if (rc == 0 && report_unused)
		rc = report_unused_rules(&a, diags);
	free(a.files);
	return rc;
}
