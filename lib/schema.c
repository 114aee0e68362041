/* schema.c: compiles a JSON Schema (draft-07 subset) held as a node tree, and
 * validates node trees against it, reporting each violation at its node. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "plan/schema.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "pattern.h"
#include "plan/buf.h"
#include "plan/date.h"
#include "plan/suggest.h"

/* A message part in the validator's language. */
#define TR(text) plan_tr(v->lang, text)

#define TYPE_NULL    (1u << 0)
#define TYPE_BOOLEAN (1u << 1)
#define TYPE_OBJECT  (1u << 2)
#define TYPE_ARRAY   (1u << 3)
#define TYPE_NUMBER  (1u << 4)
#define TYPE_STRING  (1u << 5)
#define TYPE_INTEGER (1u << 6)

/* Deeper than any sane schema and instance; stops a schema whose $refs loop
 * without consuming the instance. */
#define MAX_RECURSION 512

typedef struct snode snode;

typedef struct named_schema {
	const plan_node *name;    /* the key node: its text is the property name */
	snode *schema;
} named_schema;

typedef struct pattern_schema {
	plan_pattern *re;
	const plan_node *source;  /* the pattern's text */
	snode *schema;
} pattern_schema;

typedef struct snode_list {
	snode **items;
	size_t count;
} snode_list;

/* One compiled schema object. Absent keywords are NULL, 0 or `has_*` unset. */
struct snode {
	const plan_node *src;
	int boolean;                  /* -1: an object schema; 0/1: false/true */
	snode *ref;                   /* $ref: everything else is ignored */
	const plan_node *ref_text;

	unsigned types;               /* TYPE_* bits; 0 accepts every type */
	named_schema *props;
	size_t nprops;
	const plan_node *const *required;
	size_t nrequired;
	pattern_schema *patterns;
	size_t npatterns;
	snode *additional_props;

	const plan_node *enum_values; /* the enum's sequence node */
	const plan_node *const_value;
	int has_const;

	plan_pattern *pattern;
	const plan_node *pattern_src;
	long min_length, max_length;  /* -1 when absent */

	double minimum, maximum, xminimum, xmaximum;
	unsigned char has_min, has_max, has_xmin, has_xmax;

	snode *items;                 /* items as one schema */
	snode_list item_list;         /* items as an array of schemas */
	int items_is_list;
	snode *additional_items;
	long min_items, max_items;
	int unique_items;

	snode_list all_of, any_of, one_of;
	snode *not_schema;
	int format_date;
};

/* A compiled schema node for each source node, so $refs find what is already
 * compiled and recursion through $ref terminates. */
typedef struct memo_entry {
	const plan_node *src;
	snode *node;
} memo_entry;

struct plan_schema {
	plan_arena *arena;
	const plan_node *root_src;
	snode *root;
	memo_entry *memo;
	size_t nmemo, capmemo;
	plan_pattern **patterns;      /* every compiled pattern, to free */
	size_t npatterns, cappatterns;
	char *name;
};

typedef struct compiler {
	plan_schema *schema;
	plan_error *err;
	const char *name;
} compiler;

/* --- helpers ------------------------------------------------------------- */

static int fail_at(compiler *c, const plan_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(compiler *c, const plan_node *at, const char *fmt, ...)
{
	plan_buf msg = PLAN_BUF_INIT;
	plan_buf_printf(&msg, "%s:%u:%u: ", c->name, (unsigned)(at ? at->line : 0),
		(unsigned)(at ? at->column : 0));
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	plan_error_set(c->err, "%s", msg.ptr ? msg.ptr : "schema compilation failed");
	plan_buf_free(&msg);
	return -1;
}

static int key_is(const plan_node *key, const char *text)
{
	return strcmp(key->u.text, text) == 0;
}

/* Count Unicode code points: JSON Schema lengths are in characters. */
static size_t utf8_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Does `s` hold at least `min` characters? Counts only as far as it must. */
static int utf8_at_least(const char *s, size_t len, size_t min)
{
	if (len < min)
		return 0;   /* a character takes at least a byte */
	size_t n = 0;
	for (size_t i = 0; i < len && n < min; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n >= min;
}

/* --- patterns ------------------------------------------------------------ */

static plan_pattern *compile_pattern(compiler *c, const plan_node *src)
{
	plan_schema *s = c->schema;
	if (src->type != PLAN_NODE_STRING) {
		fail_at(c, src, "a pattern must be a string");
		return NULL;
	}
	if (plan_array_reserve((void **)&s->patterns, &s->cappatterns, s->npatterns + 1,
	                       sizeof *s->patterns) < 0) {
		fail_at(c, src, "out of memory");
		return NULL;
	}
	const char *why = NULL;
	plan_pattern *p = plan_pattern_compile(src->u.text, src->len, &why);
	if (!p) {
		fail_at(c, src, "pattern '%s' %s", src->u.text, why);
		return NULL;
	}
	s->patterns[s->npatterns++] = p;
	return p;
}

/* --- compiling ------------------------------------------------------------ */

static snode *compile_node(compiler *c, const plan_node *src);

static const char *const annotations[] = {
	"$schema", "$id", "title", "description", "default", "examples", "$comment", NULL
};

static int is_annotation(const plan_node *key)
{
	for (const char *const *a = annotations; *a; a++)
		if (key_is(key, *a))
			return 1;
	return 0;
}

static int want_number(compiler *c, const plan_node *v, double *out)
{
	if (v->type != PLAN_NODE_NUMBER)
		return fail_at(c, v, "expected a number");
	*out = v->number;
	return 0;
}

static int want_count(compiler *c, const plan_node *v, long *out)
{
	if (v->type != PLAN_NODE_NUMBER || !v->is_integer || v->number < 0 || v->number > 1e15)
		return fail_at(c, v, "expected a non-negative integer");
	*out = (long)v->number;
	return 0;
}

static int compile_list(compiler *c, const plan_node *v, snode_list *out)
{
	if (v->type != PLAN_NODE_SEQUENCE || v->len == 0)
		return fail_at(c, v, "expected a non-empty list of schemas");
	out->items = plan_arena_alloc(c->schema->arena, v->len * sizeof *out->items);
	if (!out->items)
		return fail_at(c, v, "out of memory");
	for (uint32_t i = 0; i < v->len; i++) {
		out->items[i] = compile_node(c, v->u.items[i]);
		if (!out->items[i])
			return -1;
	}
	out->count = v->len;
	return 0;
}

static int type_bit(const plan_node *v, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "null", TYPE_NULL }, { "boolean", TYPE_BOOLEAN }, { "object", TYPE_OBJECT },
		{ "array", TYPE_ARRAY }, { "number", TYPE_NUMBER }, { "string", TYPE_STRING },
		{ "integer", TYPE_INTEGER },
	};
	if (v->type != PLAN_NODE_STRING)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(v->u.text, names[i].name) == 0) {
			*out |= names[i].bit;
			return 0;
		}
	return -1;
}

static int compile_named(compiler *c, const plan_node *v, named_schema **out, size_t *n)
{
	if (v->type != PLAN_NODE_MAPPING)
		return fail_at(c, v, "expected a mapping of schemas");
	*out = plan_arena_alloc(c->schema->arena, (v->len ? v->len : 1) * sizeof **out);
	if (!*out)
		return fail_at(c, v, "out of memory");
	for (uint32_t i = 0; i < v->len; i++) {
		(*out)[i].name = v->u.pairs[i].key;
		(*out)[i].schema = compile_node(c, v->u.pairs[i].value);
		if (!(*out)[i].schema)
			return -1;
	}
	*n = v->len;
	return 0;
}

/* Decode one JSON-pointer token from a URI fragment: %XX, then ~1 and ~0. */
static int pointer_token(const char *p, size_t len, plan_buf *out)
{
	for (size_t i = 0; i < len; i++) {
		char ch = p[i];
		if (ch == '%' && i + 2 < len) {
			char hex[3] = { p[i + 1], p[i + 2], 0 };
			char *end = NULL;
			long v = strtol(hex, &end, 16);
			if (!end || *end)
				return -1;
			ch = (char)v;
			i += 2;
		}
		plan_buf_putc(out, ch);
	}
	/* ~1 before ~0, as RFC 6901 says. */
	plan_buf tmp = PLAN_BUF_INIT;
	for (size_t i = 0; i < out->len; i++) {
		if (out->ptr[i] == '~' && i + 1 < out->len && out->ptr[i + 1] == '1') {
			plan_buf_putc(&tmp, '/');
			i++;
		} else if (out->ptr[i] == '~' && i + 1 < out->len && out->ptr[i + 1] == '0') {
			plan_buf_putc(&tmp, '~');
			i++;
		} else {
			plan_buf_putc(&tmp, out->ptr[i]);
		}
	}
	plan_buf_clear(out);
	if (tmp.len)
		plan_buf_put(out, tmp.ptr, tmp.len);
	plan_buf_free(&tmp);
	return out->failed ? -1 : 0;
}

/* Follow a local reference ("#", "#/definitions/x", any JSON pointer into
 * this schema document) to its node. */
static const plan_node *resolve_pointer(const plan_node *root, const char *ref)
{
	if (ref[0] != '#')
		return NULL;
	const char *p = ref + 1;
	if (*p == '\0')
		return root;
	if (*p != '/')
		return NULL;
	const plan_node *at = root;
	plan_buf token = PLAN_BUF_INIT;
	while (*p == '/' && at) {
		p++;
		size_t n = strcspn(p, "/");
		plan_buf_clear(&token);
		if (pointer_token(p, n, &token) < 0) {
			at = NULL;
			break;
		}
		const char *t = token.ptr ? token.ptr : "";
		if (at->type == PLAN_NODE_MAPPING) {
			at = plan_node_get(at, t);
		} else if (at->type == PLAN_NODE_SEQUENCE) {
			char *end = NULL;
			long idx = strtol(t, &end, 10);
			at = (*t && end && !*end && idx >= 0 && idx < (long)at->len) ?
				at->u.items[idx] : NULL;
		} else {
			at = NULL;
		}
		p += n;
	}
	plan_buf_free(&token);
	return at;
}

static int compile_keyword(compiler *c, snode *n, const plan_node *key, const plan_node *v)
{
	plan_schema *s = c->schema;
	if (key_is(key, "type")) {
		if (v->type == PLAN_NODE_SEQUENCE) {
			for (uint32_t i = 0; i < v->len; i++)
				if (type_bit(v->u.items[i], &n->types) < 0)
					return fail_at(c, v->u.items[i], "unknown type");
		} else if (type_bit(v, &n->types) < 0) {
			return fail_at(c, v, "unknown type");
		}
	} else if (key_is(key, "properties")) {
		return compile_named(c, v, &n->props, &n->nprops);
	} else if (key_is(key, "required")) {
		if (v->type != PLAN_NODE_SEQUENCE)
			return fail_at(c, v, "required must be a list of names");
		for (uint32_t i = 0; i < v->len; i++)
			if (v->u.items[i]->type != PLAN_NODE_STRING)
				return fail_at(c, v->u.items[i], "required must be a list of names");
		n->required = (const plan_node *const *)v->u.items;
		n->nrequired = v->len;
	} else if (key_is(key, "additionalProperties")) {
		n->additional_props = compile_node(c, v);
		return n->additional_props ? 0 : -1;
	} else if (key_is(key, "patternProperties")) {
		if (v->type != PLAN_NODE_MAPPING)
			return fail_at(c, v, "patternProperties must be a mapping");
		n->patterns = plan_arena_alloc(s->arena, (v->len ? v->len : 1) * sizeof *n->patterns);
		if (!n->patterns)
			return fail_at(c, v, "out of memory");
		for (uint32_t i = 0; i < v->len; i++) {
			plan_pattern *re = compile_pattern(c, v->u.pairs[i].key);
			if (!re)
				return -1;
			n->patterns[i].re = re;
			n->patterns[i].source = v->u.pairs[i].key;
			n->patterns[i].schema = compile_node(c, v->u.pairs[i].value);
			if (!n->patterns[i].schema)
				return -1;
		}
		n->npatterns = v->len;
	} else if (key_is(key, "enum")) {
		if (v->type != PLAN_NODE_SEQUENCE)
			return fail_at(c, v, "enum must be a list");
		n->enum_values = v;
	} else if (key_is(key, "const")) {
		n->const_value = v;
		n->has_const = 1;
	} else if (key_is(key, "pattern")) {
		n->pattern = compile_pattern(c, v);
		n->pattern_src = v;
		return n->pattern ? 0 : -1;
	} else if (key_is(key, "minLength")) {
		return want_count(c, v, &n->min_length);
	} else if (key_is(key, "maxLength")) {
		return want_count(c, v, &n->max_length);
	} else if (key_is(key, "minimum")) {
		n->has_min = 1;
		return want_number(c, v, &n->minimum);
	} else if (key_is(key, "maximum")) {
		n->has_max = 1;
		return want_number(c, v, &n->maximum);
	} else if (key_is(key, "exclusiveMinimum")) {
		n->has_xmin = 1;
		return want_number(c, v, &n->xminimum);
	} else if (key_is(key, "exclusiveMaximum")) {
		n->has_xmax = 1;
		return want_number(c, v, &n->xmaximum);
	} else if (key_is(key, "items")) {
		if (v->type == PLAN_NODE_SEQUENCE) {
			n->items_is_list = 1;
			if (v->len == 0)
				return 0;
			return compile_list(c, v, &n->item_list);
		}
		n->items = compile_node(c, v);
		return n->items ? 0 : -1;
	} else if (key_is(key, "additionalItems")) {
		n->additional_items = compile_node(c, v);
		return n->additional_items ? 0 : -1;
	} else if (key_is(key, "minItems")) {
		return want_count(c, v, &n->min_items);
	} else if (key_is(key, "maxItems")) {
		return want_count(c, v, &n->max_items);
	} else if (key_is(key, "uniqueItems")) {
		if (v->type != PLAN_NODE_BOOL)
			return fail_at(c, v, "uniqueItems must be true or false");
		n->unique_items = v->bool_value;
	} else if (key_is(key, "definitions")) {
		named_schema *defs = NULL;
		size_t ndefs = 0;
		return compile_named(c, v, &defs, &ndefs);
	} else if (key_is(key, "allOf")) {
		return compile_list(c, v, &n->all_of);
	} else if (key_is(key, "anyOf")) {
		return compile_list(c, v, &n->any_of);
	} else if (key_is(key, "oneOf")) {
		return compile_list(c, v, &n->one_of);
	} else if (key_is(key, "not")) {
		n->not_schema = compile_node(c, v);
		return n->not_schema ? 0 : -1;
	} else if (key_is(key, "format")) {
		if (!plan_node_is_string(v, "date"))
			return fail_at(c, v, "unsupported format '%s' (only \"date\" is supported)",
				v->type == PLAN_NODE_STRING ? v->u.text : "?");
		n->format_date = 1;
	} else if (!is_annotation(key)) {
		return fail_at(c, key, "unsupported keyword '%s'", key->u.text);
	}
	return 0;
}

static snode *compile_node(compiler *c, const plan_node *src)
{
	plan_schema *s = c->schema;
	for (size_t i = 0; i < s->nmemo; i++)
		if (s->memo[i].src == src)
			return s->memo[i].node;

	if (src->type != PLAN_NODE_MAPPING && src->type != PLAN_NODE_BOOL) {
		fail_at(c, src, "a schema must be a mapping or a boolean");
		return NULL;
	}
	snode *n = plan_arena_alloc(s->arena, sizeof *n);
	if (!n || plan_array_reserve((void **)&s->memo, &s->capmemo, s->nmemo + 1, sizeof *s->memo) < 0) {
		fail_at(c, src, "out of memory");
		return NULL;
	}
	s->memo[s->nmemo].src = src;
	s->memo[s->nmemo].node = n;
	s->nmemo++;
	n->src = src;
	n->boolean = src->type == PLAN_NODE_BOOL ? src->bool_value : -1;
	n->min_length = n->max_length = n->min_items = n->max_items = -1;
	if (src->type == PLAN_NODE_BOOL)
		return n;

	const plan_node *ref = plan_node_get(src, "$ref");
	if (ref) {
		/* draft-07: a $ref's siblings are ignored, but a schema that puts
		 * keywords we do not know there is still refused. */
		if (ref->type != PLAN_NODE_STRING) {
			fail_at(c, ref, "$ref must be a string");
			return NULL;
		}
		for (uint32_t i = 0; i < src->len; i++) {
			const plan_node *k = src->u.pairs[i].key;
			if (key_is(k, "$ref"))
				continue;
			snode scratch;
			memset(&scratch, 0, sizeof scratch);
			if (compile_keyword(c, &scratch, k, src->u.pairs[i].value) < 0)
				return NULL;
		}
		const plan_node *target = resolve_pointer(s->root_src, ref->u.text);
		if (!target) {
			fail_at(c, ref, "unsupported or unresolvable $ref '%s' (only references into this schema are supported)",
				ref->u.text);
			return NULL;
		}
		n->ref_text = ref;
		n->ref = compile_node(c, target);
		return n->ref ? n : NULL;
	}
	for (uint32_t i = 0; i < src->len; i++)
		if (compile_keyword(c, n, src->u.pairs[i].key, src->u.pairs[i].value) < 0)
			return NULL;
	return n;
}

int plan_schema_compile(plan_schema **out, const plan_node *root,
	const char *name, plan_error *err)
{
	*out = NULL;
	plan_schema *s = calloc(1, sizeof *s);
	if (!s || !(s->arena = plan_arena_new()) || !(s->name = strdup(name))) {
		plan_schema_free(s);
		return plan_error_set(err, "out of memory");
	}
	s->root_src = root;
	compiler c = { s, err, name };
	if (!root) {
		plan_schema_free(s);
		return plan_error_set(err, "%s: the schema is empty", name);
	}
	s->root = compile_node(&c, root);
	if (!s->root) {
		plan_schema_free(s);
		return -1;
	}
	free(s->memo);
	s->memo = NULL;
	s->nmemo = s->capmemo = 0;
	*out = s;
	return 0;
}

void plan_schema_free(plan_schema *schema)
{
	if (!schema)
		return;
	for (size_t i = 0; i < schema->npatterns; i++)
		plan_pattern_free(schema->patterns[i]);
	free(schema->patterns);
	free(schema->memo);
	free(schema->name);
	plan_arena_free(schema->arena);
	free(schema);
}

/* --- validating ------------------------------------------------------------ */

typedef struct segment {
	const plan_node *key;     /* a mapping key, or NULL for a list index */
	uint32_t index;
} segment;

typedef struct validator {
	plan_lang lang;           /* of the messages */
	plan_schema_report_fn report;
	void *ctx;
	int mute;                 /* count violations without reporting them */
	int oom;
	unsigned recursion;
	segment *path;
	size_t depth, cap;
	plan_buf suggestion;      /* "did you mean" of the next violation emitted */
	const plan_node *presumed_in;   /* ... and the key its mapping is presumed */
	const char *presumed;           /* to have, misspelt (see schema.h) */
} validator;

static int push_key(validator *v, const plan_node *key)
{
	if (plan_array_reserve((void **)&v->path, &v->cap, v->depth + 1, sizeof *v->path) < 0) {
		v->oom = 1;
		return -1;
	}
	v->path[v->depth].key = key;
	v->path[v->depth].index = 0;
	v->depth++;
	return 0;
}

static int push_index(validator *v, uint32_t index)
{
	if (push_key(v, NULL) < 0)
		return -1;
	v->path[v->depth - 1].index = index;
	return 0;
}

static void render_path(const validator *v, plan_buf *out)
{
	for (size_t i = 0; i < v->depth; i++) {
		if (v->path[i].key) {
			if (i > 0)
				plan_buf_putc(out, '.');
			plan_buf_puts(out, v->path[i].key->u.text);
		} else {
			plan_buf_printf(out, "[%u]", (unsigned)v->path[i].index);
		}
	}
}

/* "'goals[0].title'" or "the document": what a message calls the instance. */
static void subject(const validator *v, plan_buf *out)
{
	if (v->depth == 0) {
		plan_buf_puts(out, TR("the document"));
		return;
	}
	plan_buf_putc(out, '\'');
	render_path(v, out);
	plan_buf_putc(out, '\'');
}

static void emit(validator *v, const plan_node *at, plan_buf *msg, const plan_node *extra_key)
{
	if (!v->report || msg->failed) {
		if (msg->failed)
			v->oom = 1;
		return;
	}
	plan_buf path = PLAN_BUF_INIT;
	render_path(v, &path);
	if (extra_key) {
		if (path.len)
			plan_buf_putc(&path, '.');
		plan_buf_puts(&path, extra_key->u.text);
	}
	plan_schema_violation violation = { at, path.ptr ? path.ptr : "", msg->ptr ? msg->ptr : "",
		v->suggestion.len ? v->suggestion.ptr : NULL, v->presumed ? v->presumed_in : NULL,
		v->presumed };
	if (!path.failed)
		v->report(v->ctx, &violation);
	else
		v->oom = 1;
	plan_buf_free(&path);
}

/* A short rendering of a value for messages: the scalar's text, cut short. */
static void describe_value(const validator *v, const plan_node *node, plan_buf *out)
{
	if (node->type == PLAN_NODE_MAPPING) {
		plan_buf_puts(out, TR("a mapping"));
		return;
	}
	if (node->type == PLAN_NODE_SEQUENCE) {
		plan_buf_puts(out, TR("a list"));
		return;
	}
	if (node->type != PLAN_NODE_STRING) {
		/* Numbers, booleans and null as written, unquoted: they are not text. */
		plan_buf_puts(out, node->type == PLAN_NODE_NULL ? "null" : node->u.text);
		return;
	}
	size_t n = node->len;
	const size_t max = 60;
	plan_buf_putc(out, '\'');
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)node->u.text[n] & 0xC0) == 0x80)
			n--;
		plan_buf_put(out, node->u.text, n);
		plan_buf_puts(out, "...");
	} else {
		plan_buf_put(out, node->u.text, n);
	}
	plan_buf_putc(out, '\'');
}

/* A value that fails its pattern only for letters such as å, ä and ö (or a
 * space) is told which character is not allowed and what it would be in
 * the allowed form, when that form matches: "'KS-Å1' holds 'Å' ...; write
 * it 'KS-A1'". Returns 0 when that is not the case. */
static int say_ascii_form(validator *v, const snode *n, const plan_node *inst,
	plan_buf *msg)
{
	plan_buf ascii = PLAN_BUF_INIT;
	size_t first = 0, width = 0;
	int said = 0;
	if (plan_suggest_ascii(inst->u.text, inst->len, &ascii, &first, &width) > 0 &&
	    plan_pattern_match(n->pattern, ascii.ptr, ascii.len)) {
		plan_buf_printf(msg, TR(" holds '%.*s', which is not allowed here (%s); write it '%s'"),
			(int)width, inst->u.text + first, n->pattern_src->u.text, ascii.ptr);
		plan_buf_puts(&v->suggestion, ascii.ptr);
		said = 1;
	}
	plan_buf_free(&ascii);
	return said;
}

/* The closest of `count` candidate names to `word`, if close enough to be a
 * likely typo; NULL otherwise. */
static const char *closest(const char *word, const plan_node *const *cands, size_t count)
{
	plan_suggest suggest = PLAN_SUGGEST_INIT(word);
	for (size_t i = 0; i < count; i++)
		if (cands[i]->type == PLAN_NODE_STRING)
			plan_suggest_add(&suggest, cands[i]->u.text);
	return suggest.best;
}

static int json_equal(const plan_node *a, const plan_node *b)
{
	if (a == b)
		return 1;
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case PLAN_NODE_NULL: return 1;
	case PLAN_NODE_BOOL: return a->bool_value == b->bool_value;
	case PLAN_NODE_NUMBER: return a->number == b->number;
	case PLAN_NODE_STRING: return a->len == b->len && memcmp(a->u.text, b->u.text, a->len) == 0;
	case PLAN_NODE_SEQUENCE:
		if (a->len != b->len)
			return 0;
		for (uint32_t i = 0; i < a->len; i++)
			if (!json_equal(a->u.items[i], b->u.items[i]))
				return 0;
		return 1;
	default:
		if (a->len != b->len)
			return 0;
		for (uint32_t i = 0; i < a->len; i++) {
			const plan_node *bv = plan_node_get(b, a->u.pairs[i].key->u.text);
			if (!bv || !json_equal(a->u.pairs[i].value, bv))
				return 0;
		}
		return 1;
	}
}

/* A hash consistent with json_equal (mapping order ignored). */
static uint64_t json_hash(const plan_node *n, unsigned depth)
{
	uint64_t h = 1469598103934665603ULL ^ n->type;
	if (depth > 64)
		return h;
	switch (n->type) {
	case PLAN_NODE_BOOL:
		return h * 31 + n->bool_value;
	case PLAN_NODE_NUMBER: {
		double d = n->number == 0 ? 0 : n->number;   /* -0 == 0 */
		uint64_t bits;
		memcpy(&bits, &d, sizeof bits);
		return h * 1099511628211ULL ^ bits;
	}
	case PLAN_NODE_STRING:
		for (uint32_t i = 0; i < n->len; i++)
			h = (h ^ (unsigned char)n->u.text[i]) * 1099511628211ULL;
		return h;
	case PLAN_NODE_SEQUENCE:
		for (uint32_t i = 0; i < n->len; i++)
			h = h * 1099511628211ULL ^ json_hash(n->u.items[i], depth + 1);
		return h;
	case PLAN_NODE_MAPPING: {
		uint64_t sum = 0;
		for (uint32_t i = 0; i < n->len; i++)
			sum += json_hash(n->u.pairs[i].key, depth + 1) * 31 +
			       json_hash(n->u.pairs[i].value, depth + 1);
		return h ^ sum;
	}
	default:
		return h;
	}
}

typedef struct hashed {
	uint64_t hash;
	uint32_t index;
} hashed;

static int compare_hashed(const void *pa, const void *pb)
{
	const hashed *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->index < b->index ? -1 : (a->index > b->index);
}

/* Index of a later item equal to an earlier one (and that one in *first),
 * or -1. Sorting by hash keeps this linear-logarithmic for long lists. */
static long find_duplicate(const plan_node *seq, uint32_t *first, int *oom)
{
	hashed *h = malloc((seq->len ? seq->len : 1) * sizeof *h);
	if (!h) {
		*oom = 1;
		return -1;
	}
	for (uint32_t i = 0; i < seq->len; i++) {
		h[i].hash = json_hash(seq->u.items[i], 0);
		h[i].index = i;
	}
	qsort(h, seq->len, sizeof *h, compare_hashed);
	long found = -1;
	for (uint32_t i = 0; i < seq->len && found < 0; i++)
		for (uint32_t j = i + 1; j < seq->len && h[j].hash == h[i].hash; j++)
			if (json_equal(seq->u.items[h[i].index], seq->u.items[h[j].index])) {
				*first = h[i].index;
				found = h[j].index;
				break;
			}
	free(h);
	return found;
}

static unsigned instance_type(const plan_node *n)
{
	switch (n->type) {
	case PLAN_NODE_NULL: return TYPE_NULL;
	case PLAN_NODE_BOOL: return TYPE_BOOLEAN;
	case PLAN_NODE_STRING: return TYPE_STRING;
	case PLAN_NODE_MAPPING: return TYPE_OBJECT;
	case PLAN_NODE_SEQUENCE: return TYPE_ARRAY;
	default: return TYPE_NUMBER | (n->is_integer ? TYPE_INTEGER : 0);
	}
}

static void describe_types(const validator *v, unsigned types, plan_buf *out)
{
	static const struct { unsigned bit; const char *text; } names[] = {
		{ TYPE_OBJECT, PLAN_N_("a mapping") }, { TYPE_ARRAY, PLAN_N_("a list") }, { TYPE_STRING, PLAN_N_("text") },
		{ TYPE_INTEGER, PLAN_N_("a whole number") }, { TYPE_NUMBER, PLAN_N_("a number") },
		{ TYPE_BOOLEAN, PLAN_N_("true or false") }, { TYPE_NULL, PLAN_N_("empty (null)") },
	};
	if (types & TYPE_NUMBER)
		types &= ~TYPE_INTEGER;
	size_t total = 0, done = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		total += (types & names[i].bit) != 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!(types & names[i].bit))
			continue;
		if (done)
			plan_buf_puts(out, done + 1 == total ? TR(" or ") : ", ");
		plan_buf_puts(out, TR(names[i].text));
		done++;
	}
}

static const char *found_type(const plan_node *n)
{
	switch (n->type) {
	case PLAN_NODE_NULL: return PLAN_N_("nothing (null)");
	case PLAN_NODE_BOOL: return PLAN_N_("true/false");
	case PLAN_NODE_NUMBER: return PLAN_N_("a number");
	case PLAN_NODE_STRING: return PLAN_N_("text");
	case PLAN_NODE_MAPPING: return PLAN_N_("a mapping");
	default: return PLAN_N_("a list");
	}
}

/* Why a value a person wrote looks right but reads as another type. */
static const char *type_hint(unsigned expected, const plan_node *n)
{
	if ((expected & TYPE_BOOLEAN) && n->type == PLAN_NODE_STRING && !n->quoted) {
		static const char *const yaml11[] = { "yes", "no", "on", "off", "Yes", "No",
			"On", "Off", "YES", "NO", "ON", "OFF", "y", "n", NULL };
		for (const char *const *w = yaml11; *w; w++)
			if (strcmp(n->u.text, *w) == 0)
				return PLAN_N_("; write true or false (yes/no/on/off are read as text)");
	}
	if ((expected & (TYPE_NUMBER | TYPE_INTEGER)) && n->type == PLAN_NODE_STRING && n->quoted &&
	    n->len > 0 && n->len < 32) {
		char *end = NULL;
		(void)strtod(n->u.text, &end);
		if (end && *end == '\0')
			return PLAN_N_("; remove the quotes to make it a number");
	}
	if ((expected & (TYPE_NUMBER | TYPE_INTEGER)) && n->type == PLAN_NODE_STRING && !n->quoted &&
	    n->len > 1 && n->u.text[0] == '0' && n->u.text[1] >= '0' && n->u.text[1] <= '9')
		return PLAN_N_("; a leading zero makes a value a code, not a number");
	if ((expected & TYPE_STRING) && (n->type == PLAN_NODE_NUMBER || n->type == PLAN_NODE_BOOL))
		return PLAN_N_("; put it in quotes to make it text");
	return "";
}

static int only_required(const snode *n)
{
	if (n->boolean >= 0 || n->ref || n->nrequired == 0)
		return 0;
	const plan_node *src = n->src;
	for (uint32_t i = 0; i < src->len; i++)
		if (!key_is(src->u.pairs[i].key, "required") && !is_annotation(src->u.pairs[i].key))
			return 0;
	return 1;
}

static int validate(validator *v, const snode *n, const plan_node *inst);

/* Violations of `n` without reporting them. */
static int count_silently(validator *v, const snode *n, const plan_node *inst)
{
	int saved = v->mute;
	v->mute = 1;
	int errors = validate(v, n, inst);
	v->mute = saved;
	return errors;
}

static int fail(validator *v, const plan_node *at, plan_buf *msg, const plan_node *extra_key)
{
	if (!v->mute)
		emit(v, at, msg, extra_key);
	plan_buf_clear(&v->suggestion);
	v->presumed_in = NULL;
	v->presumed = NULL;
	plan_buf_free(msg);
	return 1;
}

/* anyOf/oneOf that found no match: name the keys when the alternatives are
 * only about which keys are present, else report the closest alternative. */
static int no_alternative(validator *v, const snode_list *list, const plan_node *inst,
	const char *how)
{
	int all_required = 1;
	for (size_t i = 0; i < list->count; i++)
		all_required &= only_required(list->items[i]);
	if (all_required) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_printf(&msg, TR(" needs %s of "), how);
		for (size_t i = 0; i < list->count; i++) {
			if (i)
				plan_buf_puts(&msg, i + 1 == list->count ? TR(" or ") : ", ");
			const snode *b = list->items[i];
			for (size_t k = 0; k < b->nrequired; k++)
				plan_buf_printf(&msg, "%s'%s'", k ? TR(" and ") : "", b->required[k]->u.text);
		}
		return fail(v, inst, &msg, NULL);
	}
	if (v->mute)
		return 1;
	size_t best = 0;
	int best_errors = -1;
	for (size_t i = 0; i < list->count; i++) {
		int e = count_silently(v, list->items[i], inst);
		if (best_errors < 0 || e < best_errors) {
			best_errors = e;
			best = i;
		}
	}
	int errors = validate(v, list->items[best], inst);
	return errors ? errors : 1;
}

/* `text` folded for comparing a key with a Swedish name: ASCII lower case,
 * å ä → a, ö → o, spaces and '-' → '_', up to `end`. */
static void fold_name(plan_buf *b, const char *text, const char *end)
{
	for (const char *p = text; p < end && *p;) {
		unsigned char c = (unsigned char)*p;
		if (c == 0xc3 && p + 1 < end) {
			unsigned char d = (unsigned char)p[1];
			plan_buf_putc(b, d == 0xa5 || d == 0x85 || d == 0xa4 || d == 0x84 ? 'a'
				: d == 0xb6 || d == 0x96 ? 'o' : '?');
			p += 2;
			continue;
		}
		plan_buf_putc(b, c == ' ' || c == '-' ? '_' : c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : (char)c);
		p++;
	}
}

/* The property whose schema title names it in Swedish as `key` is written
 * ("Ansvarig (responsible)" for `ansvarig:`, "Bidrar till" for
 * `bidrar_till:`), or NULL: planners write the Swedish word. */
static const char *by_swedish_title(const snode *n, const char *key)
{
	plan_buf want = PLAN_BUF_INIT, have = PLAN_BUF_INIT;
	fold_name(&want, key, key + strlen(key));
	const char *found = NULL;
	for (size_t p = 0; p < n->nprops && !found && !want.failed; p++) {
		const snode *prop = n->props[p].schema;
		const plan_node *title = prop && prop->src ? plan_node_get(prop->src, "title") : NULL;
		if (!title || title->type != PLAN_NODE_STRING)
			continue;
		const char *paren = strstr(title->u.text, " (");
		plan_buf_clear(&have);
		fold_name(&have, title->u.text, paren ? paren : title->u.text + title->len);
		if (!have.failed && have.len && want.len == have.len && memcmp(want.ptr, have.ptr, have.len) == 0)
			found = n->props[p].name->u.text;
	}
	plan_buf_free(&want);
	plan_buf_free(&have);
	return found;
}

/* True when the object schema names `key` or one of its patterns matches it. */
static int key_allowed(const snode *n, const plan_node *key)
{
	for (size_t p = 0; p < n->nprops; p++)
		if (n->props[p].name->len == key->len && memcmp(n->props[p].name->u.text, key->u.text, key->len) == 0)
			return 1;
	for (size_t p = 0; p < n->npatterns; p++)
		if (plan_pattern_match(n->patterns[p].re, key->u.text, key->len))
			return 1;
	return 0;
}

/* The key an unknown `key` was most likely meant to be: the one whose
 * Swedish title it spells, else the closest name; NULL when none is. */
static const char *meant_key(const snode *n, const char *key)
{
	const char *guess = by_swedish_title(n, key);
	const plan_node **names = guess || !n->nprops ? NULL : malloc(n->nprops * sizeof *names);
	if (names) {
		for (size_t p = 0; p < n->nprops; p++)
			names[p] = n->props[p].name;
		guess = closest(key, names, n->nprops);
		free(names);
	}
	return guess;
}

/* True when `inst` has a key the schema does not allow that was meant to
 * be `name`: a misspelling of a required key, which the unknown-key fault
 * already reports with "did you mean". One fault, one diagnostic: the
 * missing key is then not reported as well. */
static int misspelt_as(const snode *n, const plan_node *inst, const char *name)
{
	if (!n->additional_props || n->additional_props->boolean != 0)
		return 0;
	for (uint32_t i = 0; i < inst->len; i++) {
		const plan_node *key = inst->u.pairs[i].key;
		const char *guess = key_allowed(n, key) ? NULL : meant_key(n, key->u.text);
		if (guess && strcmp(guess, name) == 0)
			return 1;
	}
	return 0;
}

static int validate_object(validator *v, const snode *n, const plan_node *inst)
{
	int errors = 0;
	for (size_t r = 0; r < n->nrequired; r++) {
		const char *name = n->required[r]->u.text;
		if (plan_node_get(inst, name) || misspelt_as(n, inst, name))
			continue;
		plan_buf msg = PLAN_BUF_INIT;
		plan_buf_printf(&msg, TR("missing required key '%s'"), name);
		if (v->depth) {
			plan_buf_puts(&msg, TR(" in "));
			subject(v, &msg);
		}
		errors += fail(v, inst, &msg, NULL);
		if (v->mute && errors)
			return errors;
	}
	for (uint32_t i = 0; i < inst->len; i++) {
		const plan_node *key = inst->u.pairs[i].key;
		const plan_node *value = inst->u.pairs[i].value;
		int matched = 0;
		if (push_key(v, key) < 0)
			return errors + 1;
		for (size_t p = 0; p < n->nprops; p++) {
			const plan_node *name = n->props[p].name;
			if (name->len == key->len && memcmp(name->u.text, key->u.text, key->len) == 0) {
				matched = 1;
				errors += validate(v, n->props[p].schema, value);
				break;
			}
		}
		for (size_t p = 0; p < n->npatterns; p++) {
			if (plan_pattern_match(n->patterns[p].re, key->u.text, key->len)) {
				matched = 1;
				errors += validate(v, n->patterns[p].schema, value);
			}
		}
		v->depth--;
		if (!matched && n->additional_props) {
			const snode *extra = n->additional_props;
			if (extra->boolean == 0) {
				plan_buf msg = PLAN_BUF_INIT;
				plan_buf_printf(&msg, TR("unknown key '%s'"), key->u.text);
				if (v->depth) {
					plan_buf_puts(&msg, TR(" in "));
					subject(v, &msg);
				}
				if (!v->mute && n->nprops) {
					const char *guess = meant_key(n, key->u.text);
					if (guess) {
						plan_buf_printf(&msg, TR("; did you mean '%s'?"), guess);
						plan_buf_puts(&v->suggestion, guess);
						if (!plan_node_get(inst, guess)) {
							v->presumed_in = inst;
							v->presumed = guess;
						}
					}
					else if (n->nprops <= 16) {
						plan_buf_puts(&msg, TR(" (expected "));
						for (size_t p = 0; p < n->nprops; p++)
							plan_buf_printf(&msg, "%s'%s'", p ? ", " : "", n->props[p].name->u.text);
						plan_buf_puts(&msg, TR(", or an x- extension)"));
					}
				}
				errors += fail(v, key, &msg, key);
			} else {
				if (push_key(v, key) < 0)
					return errors + 1;
				errors += validate(v, extra, value);
				v->depth--;
			}
		}
		if (v->mute && errors)
			return errors;
	}
	return errors;
}

static int validate_array(validator *v, const snode *n, const plan_node *inst)
{
	int errors = 0;
	if (n->min_items >= 0 && inst->len < (unsigned long)n->min_items) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_printf(&msg, plan_ntr(v->lang, " needs at least %ld item (found %u)",
			" needs at least %ld items (found %u)", (unsigned long long)n->min_items),
			n->min_items, (unsigned)inst->len);
		errors += fail(v, inst, &msg, NULL);
	}
	if (n->max_items >= 0 && inst->len > (unsigned long)n->max_items) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_printf(&msg, plan_ntr(v->lang, " may have at most %ld item (found %u)",
			" may have at most %ld items (found %u)", (unsigned long long)n->max_items),
			n->max_items, (unsigned)inst->len);
		errors += fail(v, inst->u.items[n->max_items], &msg, NULL);
	}
	if (n->unique_items && inst->len > 1) {
		uint32_t first = 0;
		int oom = 0;
		long dup = find_duplicate(inst, &first, &oom);
		if (oom)
			v->oom = 1;
		if (dup >= 0) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_puts(&msg, TR(" lists "));
			describe_value(v, inst->u.items[dup], &msg);
			plan_buf_printf(&msg, TR(" twice (items %u and %ld)"), (unsigned)first + 1, dup + 1);
			errors += fail(v, inst->u.items[dup], &msg, NULL);
		}
	}
	if (v->mute && errors)
		return errors;
	for (uint32_t i = 0; i < inst->len; i++) {
		const snode *item = NULL;
		if (n->items_is_list) {
			item = i < n->item_list.count ? n->item_list.items[i] : n->additional_items;
		} else {
			item = n->items;
		}
		if (!item)
			continue;
		if (item->boolean == 0 && n->items_is_list && i >= n->item_list.count) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_printf(&msg, TR(" may have at most %zu items"), n->item_list.count);
			errors += fail(v, inst->u.items[i], &msg, NULL);
			break;
		}
		if (push_index(v, i) < 0)
			return errors + 1;
		errors += validate(v, item, inst->u.items[i]);
		v->depth--;
		if (v->mute && errors)
			return errors;
	}
	return errors;
}

static int validate_scalar(validator *v, const snode *n, const plan_node *inst)
{
	int errors = 0;
	if (inst->type == PLAN_NODE_STRING) {
		if (n->min_length >= 0 &&
		    !utf8_at_least(inst->u.text, inst->len, (size_t)n->min_length)) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			if (n->min_length == 1)
				plan_buf_puts(&msg, TR(" must not be empty"));
			else
				plan_buf_printf(&msg, TR(" must be at least %ld characters long"), n->min_length);
			errors += fail(v, inst, &msg, NULL);
		}
		/* No more characters than bytes: only a longer text is counted. */
		size_t chars = n->max_length >= 0 && inst->len > (size_t)n->max_length ?
			utf8_length(inst->u.text, inst->len) : 0;
		if (n->max_length >= 0 && chars > (size_t)n->max_length) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_printf(&msg, TR(" must be at most %ld characters long (found %zu)"),
				n->max_length, chars);
			errors += fail(v, inst, &msg, NULL);
		}
		if (n->pattern && !plan_pattern_match(n->pattern, inst->u.text, inst->len)) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_puts(&msg, TR(" has the wrong form: "));
			describe_value(v, inst, &msg);
			if (!say_ascii_form(v, n, inst, &msg))
				plan_buf_printf(&msg, TR(" does not match %s"), n->pattern_src->u.text);
			errors += fail(v, inst, &msg, NULL);
		}
		if (n->format_date && !plan_date_valid(inst->u.text, inst->len)) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_puts(&msg, TR(" must be a date YYYY-MM-DD that exists, not "));
			describe_value(v, inst, &msg);
			errors += fail(v, inst, &msg, NULL);
		}
	}
	if (inst->type == PLAN_NODE_NUMBER) {
		double x = inst->number;
		const char *bound = NULL;
		double limit = 0;
		if (n->has_min && x < n->minimum) {
			bound = TR("at least");
			limit = n->minimum;
		} else if (n->has_max && x > n->maximum) {
			bound = TR("at most");
			limit = n->maximum;
		} else if (n->has_xmin && x <= n->xminimum) {
			bound = TR("more than");
			limit = n->xminimum;
		} else if (n->has_xmax && x >= n->xmaximum) {
			bound = TR("less than");
			limit = n->xmaximum;
		}
		if (bound) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_printf(&msg, TR(" must be %s %.15g (found %s)"), bound, limit, inst->u.text);
			errors += fail(v, inst, &msg, NULL);
		}
	}
	return errors;
}

static int validate(validator *v, const snode *n, const plan_node *inst)
{
	if (n->boolean == 1)
		return 0;
	if (++v->recursion > MAX_RECURSION) {
		v->recursion--;
		plan_buf msg = PLAN_BUF_INIT;
		plan_buf_puts(&msg, TR("the schema recurses too deeply here"));
		return fail(v, inst, &msg, NULL);
	}
	int errors = 0;
	if (n->boolean == 0) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_puts(&msg, TR(" is not allowed here"));
		errors = fail(v, inst, &msg, NULL);
		goto done;
	}
	if (n->ref) {
		errors = validate(v, n->ref, inst);
		goto done;
	}
	if (n->types && !(n->types & instance_type(inst))) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_puts(&msg, TR(" must be "));
		describe_types(v, n->types, &msg);
		plan_buf_printf(&msg, TR(", not %s"), TR(found_type(inst)));
		if (!plan_node_is_collection(inst) && inst->type != PLAN_NODE_NULL) {
			plan_buf_putc(&msg, ' ');
			describe_value(v, inst, &msg);
		}
		plan_buf_puts(&msg, TR(type_hint(n->types, inst)));
		/* A value of the wrong type would only repeat the fault below. */
		errors = fail(v, inst, &msg, NULL);
		goto done;
	}
	if (n->has_const && !json_equal(n->const_value, inst)) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_puts(&msg, TR(" must be "));
		describe_value(v, n->const_value, &msg);
		plan_buf_puts(&msg, TR(", not "));
		describe_value(v, inst, &msg);
		errors += fail(v, inst, &msg, NULL);
	}
	if (n->enum_values) {
		const plan_node *e = n->enum_values;
		int found = 0;
		for (uint32_t i = 0; i < e->len && !found; i++)
			found = json_equal(e->u.items[i], inst);
		if (!found) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			plan_buf_puts(&msg, TR(" must be one of "));
			for (uint32_t i = 0; i < e->len && i < 20; i++) {
				if (i)
					plan_buf_puts(&msg, ", ");
				describe_value(v, e->u.items[i], &msg);
			}
			plan_buf_puts(&msg, TR("; found "));
			describe_value(v, inst, &msg);
			if (inst->type == PLAN_NODE_STRING) {
				const char *guess = closest(inst->u.text,
					(const plan_node *const *)e->u.items, e->len);
				if (guess) {
					plan_buf_printf(&msg, TR(" (did you mean '%s'?)"), guess);
					plan_buf_puts(&v->suggestion, guess);
				}
			}
			errors += fail(v, inst, &msg, NULL);
		}
	}
	if (v->mute && errors)
		goto done;
	if (inst->type == PLAN_NODE_MAPPING)
		errors += validate_object(v, n, inst);
	else if (inst->type == PLAN_NODE_SEQUENCE)
		errors += validate_array(v, n, inst);
	else
		errors += validate_scalar(v, n, inst);
	if (v->mute && errors)
		goto done;

	for (size_t i = 0; i < n->all_of.count; i++)
		errors += validate(v, n->all_of.items[i], inst);
	if (n->any_of.count) {
		int ok = 0;
		for (size_t i = 0; i < n->any_of.count && !ok; i++)
			ok = count_silently(v, n->any_of.items[i], inst) == 0;
		if (!ok)
			errors += no_alternative(v, &n->any_of, inst, TR("at least one"));
	}
	if (n->one_of.count) {
		size_t passing = 0;
		for (size_t i = 0; i < n->one_of.count; i++)
			passing += count_silently(v, n->one_of.items[i], inst) == 0;
		if (passing == 0) {
			errors += no_alternative(v, &n->one_of, inst, TR("exactly one"));
		} else if (passing > 1) {
			plan_buf msg = PLAN_BUF_INIT;
			subject(v, &msg);
			int all_required = 1;
			for (size_t i = 0; i < n->one_of.count; i++)
				all_required &= only_required(n->one_of.items[i]);
			const plan_node *at = inst;
			if (all_required) {
				plan_buf_puts(&msg, TR(" may have only one of "));
				for (size_t i = 0; i < n->one_of.count; i++)
					for (size_t k = 0; k < n->one_of.items[i]->nrequired; k++)
						plan_buf_printf(&msg, "%s'%s'", (i || k) ? ", " : "",
							n->one_of.items[i]->required[k]->u.text);
				/* Point at the key written last: the one to remove. */
				for (uint32_t p = 0; p < inst->len; p++)
					for (size_t i = 0; i < n->one_of.count; i++)
						for (size_t k = 0; k < n->one_of.items[i]->nrequired; k++)
							if (strcmp(inst->u.pairs[p].key->u.text,
							           n->one_of.items[i]->required[k]->u.text) == 0)
								at = inst->u.pairs[p].key;
			} else {
				plan_buf_puts(&msg, TR(" matches more than one of the alternatives it must choose between"));
			}
			errors += fail(v, at, &msg, NULL);
		}
	}
	if (n->not_schema && count_silently(v, n->not_schema, inst) == 0) {
		plan_buf msg = PLAN_BUF_INIT;
		subject(v, &msg);
		plan_buf_puts(&msg, TR(" has a form that is not allowed here"));
		errors += fail(v, inst, &msg, NULL);
	}
done:
	v->recursion--;
	return errors;
}

int plan_schema_validate(const plan_schema *schema, const plan_node *instance,
	plan_lang lang, plan_schema_report_fn report, void *ctx)
{
	validator v = { .lang = lang, .report = report, .ctx = ctx, .mute = report == NULL,
		.suggestion = PLAN_BUF_INIT };
	int errors = validate(&v, schema->root, instance);
	free(v.path);
	plan_buf_free(&v.suggestion);
	return v.oom ? -1 : errors;
}
