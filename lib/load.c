/* load.c: libyaml events straight into a node tree in the file's arena, with
 * positions, typed scalars, duplicate-key checks and limits on everything a
 * hostile file could blow up (depth, scalar size, aliases, documents). */
#include "plan/load.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "array.h"
#include "hash.h"
#include "plan/buf.h"
#include "yaml_hint.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* A message part in the language of the file's diagnostics. */
#define TR(text) plan_tr(plan_diags_lang(ld->diags), text)

/* An open collection: its node and where its children start on the scratch
 * stack. Children are collected there and copied into the arena once the
 * collection ends, so a node costs one arena allocation and no malloc. */
typedef struct frame {
	plan_node *node;
	size_t first;
	const char *anchor;   /* registered when the collection closes */
	uint32_t height;      /* levels of collections below it so far, through
	                       * aliases too */
} frame;

typedef struct anchor {
	const char *name;   /* owned by the arena */
	plan_node *node;
	uint32_t height;    /* levels of collections in the node, itself included */
} anchor;

typedef struct loader {
	yaml_parser_t parser;
	plan_file *file;
	plan_arena *arena;
	plan_diags *diags;
	const plan_limits *limits;

	frame *frames;
	size_t nframes, capframes;
	plan_node **scratch;
	size_t nscratch, capscratch;

	anchor *anchors;            /* open-addressing hash, reset per document */
	size_t capanchors, nanchors;

	plan_doc *docs;
	size_t ndocs, capdocs;
	size_t complete;            /* documents whose end was reached */
	uint64_t alias_nodes;       /* nodes reached through aliases in this document */
	uint32_t end_line;          /* where the text ends: no position lies beyond */
	uint32_t end_column;
	int oom;
	int stopped;                /* a fault ended parsing */
} loader;

static void stop_oom(loader *ld)
{
	ld->oom = 1;
	ld->stopped = 1;
}

/* A mark as a 1-based line and column. When the last line has no line
 * break, libyaml ends the stream (and a value left empty there) on a line
 * after it, which no editor shows and no quote can find: such a position is
 * the end of the last line. */
static void mark_position(const loader *ld, const yaml_mark_t *mark,
	uint32_t *line, uint32_t *column)
{
	*line = (uint32_t)mark->line + 1;
	*column = (uint32_t)mark->column + 1;
	if (*line > ld->end_line) {
		*line = ld->end_line;
		*column = ld->end_column;
	}
}

static void report(loader *ld, uint32_t line, uint32_t column, const char *rule,
	const char *key, const char *message)
{
	if (plan_diags_add(ld->diags, ld->file->path, line, column, rule, key, "%s", message) < 0)
		stop_oom(ld);
}

/* --- scalars ------------------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decimal numbers only, YAML 1.2 core's shape, except that a leading zero
 * followed by more digits (`0486`) is not a number: such values are codes. */
static int looks_numeric(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	size_t int_start = i;
	while (i < len && is_digit(s[i]))
		i++;
	size_t int_digits = i - int_start;
	if (int_digits > 1 && s[int_start] == '0')
		return 0;
	size_t frac_digits = 0;
	if (i < len && s[i] == '.') {
		i++;
		size_t frac_start = i;
		while (i < len && is_digit(s[i]))
			i++;
		frac_digits = i - frac_start;
	}
	if (int_digits == 0 && frac_digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t exp_start = i;
		while (i < len && is_digit(s[i]))
			i++;
		if (i == exp_start)
			return 0;
	}
	return i == len;
}

static int set_number(plan_node *node)
{
	char *end = NULL;
	double v = strtod(node->u.text, &end);
	if (!end || *end != '\0' || !isfinite(v))
		return 0;
	node->type = PLAN_NODE_NUMBER;
	node->number = v;
	node->is_integer = floor(v) == v;
	return 1;
}

static int text_in(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static const char *const null_words[] = { "", "~", "null", "Null", "NULL", NULL };
static const char *const true_words[] = { "true", "True", "TRUE", NULL };
static const char *const false_words[] = { "false", "False", "FALSE", NULL };

/* Type a plain (unquoted, untagged) scalar. */
static void resolve_plain(plan_node *node)
{
	const char *s = node->u.text;
	/* Most plain scalars are words; only these can start a null, a boolean
	 * or a number, so the rest are text without further tests. */
	if (s[0] && !strchr("~nNtTfF0123456789-+.", s[0])) {
		node->type = PLAN_NODE_STRING;
		return;
	}
	/* The words are 0, 1, 4 or 5 bytes long: ids such as N15-K2 and
	 * dates skip the comparisons. */
	size_t len = node->len;
	int word = len <= 1 || len == 4 || len == 5;
	if (word && text_in(s, null_words)) {
		node->type = PLAN_NODE_NULL;
	} else if (word && text_in(s, true_words)) {
		node->type = PLAN_NODE_BOOL;
		node->bool_value = 1;
	} else if (word && text_in(s, false_words)) {
		node->type = PLAN_NODE_BOOL;
	} else if (!(looks_numeric(s, node->len) && set_number(node))) {
		node->type = PLAN_NODE_STRING;
	}
}

static void report_tag(loader *ld, const plan_node *node, const char *tag)
{
	plan_buf msg = PLAN_BUF_INIT;
	plan_buf_printf(&msg, TR("unsupported tag '%s' on this value: plan documents use plain YAML values"), tag);
	report(ld, node->line, node->column, "yaml-syntax", NULL, msg.ptr ? msg.ptr : TR("unsupported tag"));
	plan_buf_free(&msg);
}

/* Apply an explicit tag. Only YAML's own scalar types are understood; any
 * other tag (language-specific ones included) is never interpreted. */
static void resolve_tagged(loader *ld, plan_node *node, const char *tag)
{
	const char *name = strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0 ?
		tag + strlen(TAG_PREFIX) : NULL;
	node->type = PLAN_NODE_STRING;
	if (strcmp(tag, "!") == 0 || (name && strcmp(name, "str") == 0))
		return;
	if (name && strcmp(name, "null") == 0 && text_in(node->u.text, null_words)) {
		node->type = PLAN_NODE_NULL;
		return;
	}
	if (name && strcmp(name, "bool") == 0) {
		if (text_in(node->u.text, true_words)) {
			node->type = PLAN_NODE_BOOL;
			node->bool_value = 1;
			return;
		}
		if (text_in(node->u.text, false_words)) {
			node->type = PLAN_NODE_BOOL;
			return;
		}
	}
	if (name && (strcmp(name, "int") == 0 || strcmp(name, "float") == 0) &&
	    looks_numeric(node->u.text, node->len) && set_number(node)) {
		if (strcmp(name, "int") == 0 && !node->is_integer)
			node->type = PLAN_NODE_STRING;
		else
			return;
	}
	report_tag(ld, node, tag);
}

/* --- anchors: open addressing keyed by name ------------------------------ */

static anchor *anchor_slot(anchor *table, size_t cap, const char *name)
{
	size_t i = (size_t)plan_hash_string(name) & (cap - 1);
	while (table[i].name && strcmp(table[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &table[i];
}

static int anchor_put(loader *ld, const char *name, plan_node *node, uint32_t height)
{
	if ((ld->nanchors + 1) * 2 > ld->capanchors) {
		size_t cap = ld->capanchors ? ld->capanchors * 2 : 16;
		anchor *table = calloc(cap, sizeof *table);
		if (!table)
			return -1;
		for (size_t i = 0; i < ld->capanchors; i++)
			if (ld->anchors[i].name)
				*anchor_slot(table, cap, ld->anchors[i].name) = ld->anchors[i];
		free(ld->anchors);
		ld->anchors = table;
		ld->capanchors = cap;
	}
	anchor *slot = anchor_slot(ld->anchors, ld->capanchors, name);
	if (!slot->name) {
		slot->name = plan_arena_strndup(ld->arena, name, strlen(name));
		if (!slot->name)
			return -1;
		ld->nanchors++;
	}
	slot->node = node;
	slot->height = height;
	return 0;
}

static plan_node *anchor_get(loader *ld, const char *name, uint32_t *height)
{
	if (!ld->capanchors)
		return NULL;
	const anchor *a = anchor_slot(ld->anchors, ld->capanchors, name);
	*height = a->height;
	return a->node;
}

/* A child of `height` levels was added to the innermost open collection. */
static void note_height(loader *ld, uint32_t height)
{
	if (ld->nframes && ld->frames[ld->nframes - 1].height < height)
		ld->frames[ld->nframes - 1].height = height;
}

static void anchors_reset(loader *ld)
{
	if (ld->anchors)
		memset(ld->anchors, 0, ld->capanchors * sizeof *ld->anchors);
	ld->nanchors = 0;
}

/* --- the tree ------------------------------------------------------------ */

_Static_assert(sizeof(plan_node) <= 32, "a node's size is a plan set's memory");

static uint32_t add_size(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* A finished node goes to its parent's children, or becomes the root. */
static void attach(loader *ld, plan_node *node)
{
	if (ld->nframes == 0) {
		if (ld->ndocs)
			ld->docs[ld->ndocs - 1].root = node;
		return;
	}
	if (plan_array_reserve((void **)&ld->scratch, &ld->capscratch, ld->nscratch + 1,
	               sizeof *ld->scratch) < 0) {
		stop_oom(ld);
		return;
	}
	ld->scratch[ld->nscratch++] = node;
}

/* A node with `extra` bytes right after it (a scalar's text: one arena
 * allocation instead of two). */
static plan_node *node_new(loader *ld, const yaml_mark_t *mark, plan_node_type type,
	size_t extra)
{
	if (extra > SIZE_MAX - sizeof(plan_node)) {
		stop_oom(ld);
		return NULL;
	}
	plan_node *node = plan_arena_alloc_dirty(ld->arena, sizeof *node + extra);
	if (!node) {
		stop_oom(ld);
		return NULL;
	}
	*node = (plan_node){ .type = type };
	mark_position(ld, mark, &node->line, &node->column);
	if (plan_node_is_collection(node))
		node->size = 1;
	return node;
}

static int key_equal(const plan_node *a, const plan_node *b)
{
	return a->len == b->len && memcmp(a->u.text, b->u.text, a->len) == 0;
}

static int compare_keys(const void *pa, const void *pb)
{
	const plan_pair *a = pa, *b = pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->u.text, b->key->u.text, n);
	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	/* Equal keys: in document order, so the later one is reported. */
	if (a->key->line != b->key->line)
		return a->key->line < b->key->line ? -1 : 1;
	return a->key->column < b->key->column ? -1 : (a->key->column > b->key->column);
}

static void report_duplicate(loader *ld, const plan_node *first, const plan_node *again)
{
	plan_buf msg = PLAN_BUF_INIT;
	plan_buf_printf(&msg, TR("duplicate key '%s' (first at line %u, column %u)"),
		again->u.text, (unsigned)first->line, (unsigned)first->column);
	report(ld, again->line, again->column, "duplicate-key", again->u.text,
		msg.ptr ? msg.ptr : TR("duplicate key"));
	plan_buf_free(&msg);
}

/* Keys compare by their text, whatever their YAML type: `2026` and "2026" are
 * the same key once the document is read as JSON Schema sees it. */
static void check_duplicates(loader *ld, const plan_node *map)
{
	size_t n = map->len;
	if (n < 2)
		return;
	if (n <= 16) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; j < i; j++)
				if (key_equal(map->u.pairs[i].key, map->u.pairs[j].key)) {
					report_duplicate(ld, map->u.pairs[j].key, map->u.pairs[i].key);
					break;
				}
		return;
	}
	plan_pair *sorted = malloc(n * sizeof *sorted);
	if (!sorted) {
		stop_oom(ld);
		return;
	}
	memcpy(sorted, map->u.pairs, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, compare_keys);
	size_t first = 0;
	for (size_t i = 1; i < n; i++) {
		if (key_equal(sorted[i].key, sorted[first].key))
			report_duplicate(ld, sorted[first].key, sorted[i].key);
		else
			first = i;
	}
	free(sorted);
}

/* A limit was hit at `mark`: say which, and stop reading the file. `fmt`
 * is the message, already in the diagnostics' language (TR). */
static void stop_at_limit(loader *ld, const yaml_mark_t *mark, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void stop_at_limit(loader *ld, const yaml_mark_t *mark, const char *fmt, ...)
{
	plan_buf msg = PLAN_BUF_INIT;
	uint32_t line, column;
	mark_position(ld, mark, &line, &column);
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	report(ld, line, column, "limit", NULL, msg.ptr ? msg.ptr : TR("a limit was reached"));
	plan_buf_free(&msg);
	ld->stopped = 1;
}

static void open_collection(loader *ld, const yaml_event_t *ev, plan_node_type type)
{
	if (ld->nframes >= ld->limits->depth) {
		stop_at_limit(ld, &ev->start_mark, TR("nesting deeper than the limit of %zu levels"),
			(size_t)ld->limits->depth);
		return;
	}
	plan_node *node = node_new(ld, &ev->start_mark, type, 0);
	if (!node)
		return;
	if (plan_array_reserve((void **)&ld->frames, &ld->capframes, ld->nframes + 1,
	               sizeof *ld->frames) < 0) {
		stop_oom(ld);
		return;
	}
	const char *anchor_name = type == PLAN_NODE_MAPPING ?
		(const char *)ev->data.mapping_start.anchor :
		(const char *)ev->data.sequence_start.anchor;
	/* Like on a scalar, a tag other than the collection's own is refused
	 * rather than silently ignored. */
	const char *tag = type == PLAN_NODE_MAPPING ?
		(const char *)ev->data.mapping_start.tag :
		(const char *)ev->data.sequence_start.tag;
	if (tag && strcmp(tag, "!") != 0 &&
	    strcmp(tag, type == PLAN_NODE_MAPPING ? TAG_PREFIX "map" : TAG_PREFIX "seq") != 0)
		report_tag(ld, node, tag);
	frame *f = &ld->frames[ld->nframes++];
	f->node = node;
	f->first = ld->nscratch;
	f->height = 0;
	/* The anchor is registered when the collection closes, so an alias
	 * inside it cannot refer to it: the tree never has a cycle. */
	f->anchor = NULL;
	if (anchor_name) {
		f->anchor = plan_arena_strndup(ld->arena, anchor_name, strlen(anchor_name));
		if (!f->anchor)
			stop_oom(ld);
	}
}

static void close_collection(loader *ld)
{
	frame *f = &ld->frames[--ld->nframes];
	plan_node *node = f->node;
	const char *anchor_name = f->anchor;
	uint32_t height = f->height + 1;
	size_t n = ld->nscratch - f->first;
	/* No child attached yet in the whole file: scratch is still NULL, and
	 * NULL + 0 is undefined behaviour in C. */
	plan_node **children = n ? ld->scratch + f->first : NULL;
	if (node->type == PLAN_NODE_SEQUENCE) {
		for (size_t i = 0; i < n; i++)
			node->size = add_size(node->size, plan_node_size(children[i]));
		node->u.items = n ? plan_arena_alloc(ld->arena, n * sizeof *node->u.items) : NULL;
		if (n && !node->u.items) {
			stop_oom(ld);
			return;
		}
		if (n)
			memcpy(node->u.items, children, n * sizeof *children);
		node->len = (uint32_t)n;
	} else {
		size_t npairs = n / 2;
		node->u.pairs = npairs ? plan_arena_alloc(ld->arena, npairs * sizeof *node->u.pairs) : NULL;
		if (npairs && !node->u.pairs) {
			stop_oom(ld);
			return;
		}
		size_t kept = 0;
		for (size_t i = 0; i + 1 < n; i += 2) {
			plan_node *key = children[i];
			if (plan_node_is_collection(key)) {
				report(ld, key->line, key->column, "schema", NULL,
					TR("a key must be a plain value, not a mapping or a list"));
				continue;
			}
			node->u.pairs[kept].key = key;
			node->u.pairs[kept].value = children[i + 1];
			node->size = add_size(node->size,
				add_size(plan_node_size(key), plan_node_size(children[i + 1])));
			kept++;
		}
		node->len = (uint32_t)kept;
		check_duplicates(ld, node);
	}
	ld->nscratch = f->first;
	if (anchor_name && anchor_put(ld, anchor_name, node, height) < 0) {
		stop_oom(ld);
		return;
	}
	note_height(ld, height);
	attach(ld, node);
}

static void add_scalar(loader *ld, const yaml_event_t *ev)
{
	size_t len = ev->data.scalar.length;
	if (len > ld->limits->scalar_bytes) {
		stop_at_limit(ld, &ev->start_mark, TR("value longer than the limit of %zu bytes"),
			ld->limits->scalar_bytes);
		return;
	}
	plan_node *node = node_new(ld, &ev->start_mark, PLAN_NODE_STRING, len + 1);
	if (!node)
		return;
	char *text = (char *)(node + 1);
	if (len)
		memcpy(text, ev->data.scalar.value, len);
	text[len] = '\0';
	node->u.text = text;
	node->len = (uint32_t)len;
	const char *tag = (const char *)ev->data.scalar.tag;
	int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	node->quoted = !plain;
	if (tag)
		resolve_tagged(ld, node, tag);
	else if (plain)
		resolve_plain(node);
	/* A number's text is its plain writing, so its end needs no room. */
	if (node->type != PLAN_NODE_NUMBER)
		mark_position(ld, &ev->end_mark, &node->end.line, &node->end.column);
	const char *anchor_name = (const char *)ev->data.scalar.anchor;
	if (anchor_name && anchor_put(ld, anchor_name, node, 0) < 0) {
		stop_oom(ld);
		return;
	}
	attach(ld, node);
}

void plan_node_end(uint32_t *line, uint32_t *column, const plan_node *node)
{
	while (node && plan_node_is_collection(node) && node->len > 0)
		node = node->type == PLAN_NODE_MAPPING ? node->u.pairs[node->len - 1].value :
			node->u.items[node->len - 1];
	*line = *column = 0;
	if (!node)
		return;
	if (plan_node_is_collection(node)) {
		*line = node->line;
		*column = node->column;
	} else if (node->type == PLAN_NODE_NUMBER) {
		/* Plain and ASCII: one column a byte. */
		*line = node->line;
		*column = node->column + node->len;
	} else {
		*line = node->end.line;
		*column = node->end.column;
	}
}

static void add_alias(loader *ld, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	uint32_t height = 0;
	plan_node *target = anchor_get(ld, name, &height);
	uint32_t line, column;
	mark_position(ld, &ev->start_mark, &line, &column);
	plan_buf msg = PLAN_BUF_INIT;
	if (!target) {
		plan_buf_printf(&msg, TR("alias '*%s' names no anchor defined before it in this document"),
			name);
		report(ld, line, column, "yaml-syntax", NULL, msg.ptr ? msg.ptr : TR("unknown alias"));
		plan_buf_free(&msg);
		ld->stopped = 1;
		return;
	}
	/* The alias shares the anchored node; what it costs is the size of the
	 * subtree it stands for, so an alias bomb is caught long before any
	 * traversal could blow up. */
	ld->alias_nodes += plan_node_size(target);
	target->shared = 1;
	if (ld->alias_nodes > ld->limits->alias_nodes) {
		stop_at_limit(ld, &ev->start_mark, TR("aliases expand to more than the limit of %zu nodes"),
			(size_t)ld->limits->alias_nodes);
		return;
	}
	/* So does the nesting it brings: a collection anchored near the top
	 * and used deep down nests deeper than either place shows. */
	if (ld->nframes + height > ld->limits->depth) {
		stop_at_limit(ld, &ev->start_mark, TR("nesting deeper than the limit of %zu levels"),
			(size_t)ld->limits->depth);
		return;
	}
	note_height(ld, height);
	/* A key is where it is written: as a key, an alias gets a shallow copy
	 * of its target with its own position, so that a duplicate-key or
	 * schema fault points at the alias, not at the anchor. */
	const frame *parent = ld->nframes ? &ld->frames[ld->nframes - 1] : NULL;
	if (parent && parent->node->type == PLAN_NODE_MAPPING &&
	    (ld->nscratch - parent->first) % 2 == 0) {
		plan_node *key = plan_arena_alloc(ld->arena, sizeof *key);
		if (!key) {
			stop_oom(ld);
			return;
		}
		*key = *target;
		key->line = line;
		key->column = column;
		target = key;
	}
	attach(ld, target);
}

static void start_document(loader *ld, const yaml_event_t *ev)
{
	if (ld->ndocs >= ld->limits->documents) {
		stop_at_limit(ld, &ev->start_mark, TR("more documents in one file than the limit of %zu"),
			(size_t)ld->limits->documents);
		return;
	}
	if (plan_array_reserve((void **)&ld->docs, &ld->capdocs, ld->ndocs + 1, sizeof *ld->docs) < 0) {
		stop_oom(ld);
		return;
	}
	plan_doc *doc = &ld->docs[ld->ndocs++];
	doc->root = NULL;
	mark_position(ld, &ev->start_mark, &doc->line, &doc->column);
	ld->alias_nodes = 0;
	anchors_reset(ld);
}

/* --- errors from libyaml --------------------------------------------------- */

/* Line and column (1-based, in characters) of a byte offset into text. */
static void position_of(const char *text, size_t len, size_t offset,
	uint32_t *line, uint32_t *column)
{
	uint32_t l = 1, c = 1;
	if (offset > len)
		offset = len;
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < offset; i++) {
		/* libyaml's line breaks: LF, CR, CRLF, NEL, LS, PS. */
		size_t brk = 0;
		if (s[i] == '\n')
			brk = 1;
		else if (s[i] == '\r')
			brk = i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
		else if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85)
			brk = 2;
		else if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		         (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
			brk = 3;
		if (brk) {
			l++;
			c = 1;
			i += brk - 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*column = c;
}

/* True when a line break other than LF occurs in text: CR, NEL, LS or PS. */
static int has_other_breaks(const char *text, size_t len)
{
	if (memchr(text, '\r', len))
		return 1;
	for (const char *p = text; (p = memchr(p, 0xC2, len - (size_t)(p - text))) != NULL; p++)
		if ((size_t)(p - text) + 1 < len && (unsigned char)p[1] == 0x85)
			return 1;
	for (const char *p = text; (p = memchr(p, 0xE2, len - (size_t)(p - text))) != NULL; p++)
		if ((size_t)(p - text) + 2 < len && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9))
			return 1;
	return 0;
}

/* Where the text ends, as position_of would say, but at memchr's speed for
 * the usual file whose only line break is LF: this runs on every file. */
static void end_position(const char *text, size_t len, uint32_t *line, uint32_t *column)
{
	if (has_other_breaks(text, len)) {
		position_of(text, len, len, line, column);
		return;
	}
	uint32_t l = 1;
	const char *last = text;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; ) {
		l++;
		last = ++p;
		if ((size_t)(p - text) >= len)
			break;
	}
	uint32_t c = 1;
	for (const char *p = last; p < text + len; p++)
		c += ((unsigned char)*p & 0xC0) != 0x80;
	*line = l;
	*column = c;
}

/* libyaml's own problem and context texts (0.2.5: reader, scanner and
 * parser), English, for the catalogue: a known one is printed in the
 * diagnostics' language, any other as libyaml wrote it. */
static const char *const yaml_texts[] = {
	/* reader */
	PLAN_N_("control characters are not allowed"),
	PLAN_N_("input is too long"),
	PLAN_N_("input error"),
	PLAN_N_("invalid Unicode character"),
	PLAN_N_("incomplete UTF-16 character"),
	PLAN_N_("incomplete UTF-16 surrogate pair"),
	PLAN_N_("unexpected low surrogate area"),
	PLAN_N_("invalid leading UTF-8 octet"),
	PLAN_N_("invalid trailing UTF-8 octet"),
	PLAN_N_("incomplete UTF-8 octet sequence"),
	PLAN_N_("invalid length of a UTF-8 sequence"),
	/* scanner: problems */
	PLAN_N_("found character that cannot start any token"),
	PLAN_N_("could not find expected ':'"),
	PLAN_N_("could not find expected directive name"),
	PLAN_N_("did not find URI escaped octet"),
	PLAN_N_("did not find expected '!'"),
	PLAN_N_("did not find expected alphabetic or numeric character"),
	PLAN_N_("did not find expected comment or line break"),
	PLAN_N_("did not find expected digit or '.' character"),
	PLAN_N_("did not find expected hexdecimal number"),
	PLAN_N_("did not find expected tag URI"),
	PLAN_N_("did not find expected version number"),
	PLAN_N_("did not find expected whitespace"),
	PLAN_N_("did not find expected whitespace or line break"),
	PLAN_N_("did not find the expected '>'"),
	PLAN_N_("found a tab character that violates indentation"),
	PLAN_N_("found a tab character where an indentation space is expected"),
	PLAN_N_("found an incorrect leading UTF-8 octet"),
	PLAN_N_("found an incorrect trailing UTF-8 octet"),
	PLAN_N_("found an indentation indicator equal to 0"),
	PLAN_N_("found extremely long version number"),
	PLAN_N_("found invalid Unicode character escape code"),
	PLAN_N_("found unexpected ':'"),
	PLAN_N_("found unexpected document indicator"),
	PLAN_N_("found unexpected end of stream"),
	PLAN_N_("found unknown escape character"),
	PLAN_N_("block sequence entries are not allowed in this context"),
	PLAN_N_("mapping keys are not allowed in this context"),
	PLAN_N_("mapping values are not allowed in this context"),
	/* parser: problems */
	PLAN_N_("did not find expected key"),
	PLAN_N_("did not find expected node content"),
	PLAN_N_("did not find expected '-' indicator"),
	PLAN_N_("did not find expected ',' or ']'"),
	PLAN_N_("did not find expected ',' or '}'"),
	PLAN_N_("did not find expected <document start>"),
	PLAN_N_("did not find expected <stream-start>"),
	PLAN_N_("found duplicate %TAG directive"),
	PLAN_N_("found duplicate %YAML directive"),
	PLAN_N_("found incompatible YAML document"),
	PLAN_N_("found undefined tag handle"),
	/* contexts */
	PLAN_N_("while parsing a %TAG directive"),
	PLAN_N_("while parsing a block collection"),
	PLAN_N_("while parsing a block mapping"),
	PLAN_N_("while parsing a block node"),
	PLAN_N_("while parsing a flow mapping"),
	PLAN_N_("while parsing a flow node"),
	PLAN_N_("while parsing a flow sequence"),
	PLAN_N_("while parsing a node"),
	PLAN_N_("while parsing a quoted scalar"),
	PLAN_N_("while parsing a tag"),
	PLAN_N_("while parsing a tag directive"),
	PLAN_N_("while scanning a %TAG directive"),
	PLAN_N_("while scanning a %YAML directive"),
	PLAN_N_("while scanning a block scalar"),
	PLAN_N_("while scanning a directive"),
	PLAN_N_("while scanning a plain scalar"),
	PLAN_N_("while scanning a quoted scalar"),
	PLAN_N_("while scanning a simple key"),
	PLAN_N_("while scanning a tag"),
	PLAN_N_("while scanning a tag directive"),
	PLAN_N_("while scanning an alias"),
	PLAN_N_("while scanning an anchor"),
	PLAN_N_("while scanning for the next token"),
	NULL
};

/* One of libyaml's texts in the diagnostics' language. */
static const char *yaml_text(const loader *ld, const char *text)
{
	for (const char *const *t = yaml_texts; *t; t++)
		if (strcmp(text, *t) == 0)
			return TR(*t);
	return text;
}

/* libyaml's problem and context, as the message itself. */
static void libyaml_words(loader *ld, plan_buf *msg)
{
	const yaml_parser_t *p = &ld->parser;
	plan_buf_puts(msg, p->problem ? yaml_text(ld, p->problem) : TR("malformed YAML"));
	/* The commonest slip in prose values: a colon and a space inside
	 * unquoted text. */
	if (p->problem && strcmp(p->problem, "mapping values are not allowed in this context") == 0)
		plan_buf_puts(msg, TR("; text containing ': ' must be quoted"));
	if (p->context)
		plan_buf_printf(msg, TR(" (%s at line %u, column %u)"), yaml_text(ld, p->context),
			(unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
}

/* libyaml's words after a message in plan terms, as its detail. */
static void explained_detail(loader *ld, plan_buf *msg)
{
	const yaml_parser_t *p = &ld->parser;
	plan_buf_printf(msg, TR(" (YAML: %s"), yaml_text(ld, p->problem));
	if (p->context)
		plan_buf_printf(msg, TR(", %s at line %u, column %u"), yaml_text(ld, p->context),
			(unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
	plan_buf_putc(msg, ')');
}

static void report_parser_error(loader *ld, const char *text, size_t len)
{
	const yaml_parser_t *p = &ld->parser;
	plan_buf msg = PLAN_BUF_INIT;
	uint32_t line, column;
	if (p->error == YAML_MEMORY_ERROR) {
		stop_oom(ld);
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		size_t offset = p->problem_offset;
		/* libyaml points at the bad trailing octet; the broken
		 * character (a Latin-1 letter, say) starts at its lead byte. */
		if (p->problem && strcmp(p->problem, "invalid trailing UTF-8 octet") == 0) {
			while (offset > 0 && offset <= len &&
			       ((unsigned char)text[offset - 1] & 0xC0) == 0x80)
				offset--;
			if (offset > 0 && offset <= len)
				offset--;
		}
		position_of(text, len, offset, &line, &column);
		const char *problem = p->problem ? p->problem : "unreadable input";
		if ((strstr(problem, "UTF-8") || strstr(problem, "utf-8")) &&
		    plan_latin1_hint(text, len, offset, plan_diags_lang(ld->diags), &msg)) {
			/* a whole file in another encoding: said, with the remedy */
		}
		else if ((strstr(problem, "UTF-8") || strstr(problem, "utf-8")) && offset < len)
			plan_buf_printf(&msg, TR("invalid UTF-8 starting at byte 0x%02x (plan files must be saved as UTF-8)"),
				(unsigned char)text[offset]);
		else if (strstr(problem, "UTF-8") || strstr(problem, "utf-8"))
			plan_buf_puts(&msg, TR("invalid UTF-8: the file ends inside a character (plan files must be saved as UTF-8)"));
		else if (strstr(problem, "control characters") && p->problem_value >= 0)
			plan_buf_printf(&msg, TR("control character U+%04X is not allowed in YAML"),
				(unsigned)p->problem_value);
		else
			plan_buf_puts(&msg, p->problem ? yaml_text(ld, p->problem) : TR("unreadable input"));
	} else {
		mark_position(ld, &p->problem_mark, &line, &column);
		if (p->problem && plan_yaml_hint(text, len, p->problem, plan_diags_lang(ld->diags),
		                                 &msg, &line, &column))
			explained_detail(ld, &msg);
		else
			libyaml_words(ld, &msg);
	}
	report(ld, line, column, "yaml-syntax", NULL, msg.ptr ? msg.ptr : TR("malformed YAML"));
	plan_buf_free(&msg);
}

static void run(loader *ld, const char *text, size_t len)
{
	/* Plan files are UTF-8; a BOM is accepted and skipped. Forcing the
	 * encoding makes a UTF-16 file an invalid-UTF-8 error, not a surprise. */
	size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	yaml_parser_set_encoding(&ld->parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&ld->parser, (const unsigned char *)text + skip, len - skip);
	end_position(text + skip, len - skip, &ld->end_line, &ld->end_column);

	while (!ld->stopped) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&ld->parser, &ev)) {
			/* Offsets are relative to the text after the BOM, which
			 * no editor counts as a column. */
			report_parser_error(ld, text + skip, len - skip);
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			start_document(ld, &ev);
			break;
		case YAML_DOCUMENT_END_EVENT:
			ld->complete = ld->ndocs;
			break;
		case YAML_MAPPING_START_EVENT:
			open_collection(ld, &ev, PLAN_NODE_MAPPING);
			break;
		case YAML_SEQUENCE_START_EVENT:
			open_collection(ld, &ev, PLAN_NODE_SEQUENCE);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			close_collection(ld);
			break;
		case YAML_SCALAR_EVENT:
			add_scalar(ld, &ev);
			break;
		case YAML_ALIAS_EVENT:
			add_alias(ld, &ev);
			break;
		default:
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (done)
			break;
	}
}

static int load(plan_file **out, const char *path, const char *text, size_t len,
	const plan_limits *limits, int keep_text, plan_diags *diags)
{
	*out = NULL;
	plan_arena *arena = plan_arena_new();
	if (!arena)
		return -1;
	plan_file *file = plan_arena_alloc(arena, sizeof *file);
	const char *path_copy = file ? plan_arena_strndup(arena, path, strlen(path)) : NULL;
	/* The tree copies every scalar, so it never points into the text:
	 * the text need only outlive the parse unless the caller wants it. */
	const char *copy = path_copy && keep_text ? plan_arena_strndup(arena, text, len) : text;
	if (!path_copy || !copy) {
		plan_arena_free(arena);
		return -1;
	}
	file->path = path_copy;
	file->text = keep_text ? copy : NULL;
	file->len = len;
	file->arena = arena;

	loader ld = { .file = file, .arena = arena, .diags = diags, .limits = limits };
	if (!yaml_parser_initialize(&ld.parser)) {
		plan_arena_free(arena);
		return -1;
	}
	run(&ld, copy, len);
	file->truncated = ld.stopped || ld.parser.error != YAML_NO_ERROR;
	yaml_parser_delete(&ld.parser);

	/* A document cut short by a fault is dropped: its half-built tree would
	 * only add confusing faults after the one that matters. */
	ld.ndocs = ld.complete;
	if (!ld.oom && ld.ndocs) {
		file->docs = plan_arena_alloc(arena, ld.ndocs * sizeof *file->docs);
		if (file->docs) {
			memcpy(file->docs, ld.docs, ld.ndocs * sizeof *file->docs);
			file->ndocs = ld.ndocs;
		} else {
			ld.oom = 1;
		}
	}
	free(ld.frames);
	free(ld.scratch);
	free(ld.anchors);
	free(ld.docs);
	if (ld.oom) {
		plan_arena_free(arena);
		return -1;
	}
	*out = file;
	return 0;
}

int plan_file_load(plan_file **out, const char *path, const char *text,
	size_t len, const plan_limits *limits, plan_diags *diags)
{
	return load(out, path, text, len, limits, 1, diags);
}

int plan_file_parse(plan_file **out, const char *path, const char *text,
	size_t len, const plan_limits *limits, plan_diags *diags)
{
	return load(out, path, text, len, limits, 0, diags);
}

int plan_file_presume(plan_file *file, const plan_node *mapping, const char *key)
{
	if (plan_file_presumes(file, mapping, key))
		return 0;
	if (file->npresumed == file->cappresumed) {
		/* In the file's arena, doubling: a file rarely holds more than a
		 * few misspelt keys, and then the old arrays waste at most as much
		 * as the last one holds. */
		size_t cap = file->cappresumed ? file->cappresumed * 2 : 8;
		plan_presumed_key *grown = plan_arena_alloc(file->arena, cap * sizeof *grown);
		if (!grown)
			return -1;
		if (file->npresumed)
			memcpy(grown, file->presumed, file->npresumed * sizeof *grown);
		file->presumed = grown;
		file->cappresumed = cap;
	}
	plan_presumed_key *p = &file->presumed[file->npresumed++];
	p->line = mapping->line;
	p->column = mapping->column;
	p->key = key;
	return 0;
}

int plan_file_presumes(const plan_file *file, const plan_node *mapping, const char *key)
{
	if (!file || !mapping)
		return 0;
	for (size_t i = 0; i < file->npresumed; i++) {
		const plan_presumed_key *p = &file->presumed[i];
		if (p->line == mapping->line && p->column == mapping->column && strcmp(p->key, key) == 0)
			return 1;
	}
	return 0;
}

void plan_file_free(plan_file *file)
{
	if (file)
		plan_arena_free(file->arena);
}

const plan_node *plan_node_get(const plan_node *map, const char *key)
{
	if (!map || map->type != PLAN_NODE_MAPPING)
		return NULL;
	size_t klen = strlen(key);
	for (uint32_t i = 0; i < map->len; i++) {
		const plan_node *k = map->u.pairs[i].key;
		if (k->len == klen && memcmp(k->u.text, key, klen) == 0)
			return map->u.pairs[i].value;
	}
	return NULL;
}

void plan_node_get_keys(const plan_node *map, const char *const *keys, size_t n,
	const plan_node **out)
{
	if (n > 16) {   /* more than a report reads at once: one by one */
		for (size_t i = 0; i < n; i++)
			out[i] = plan_node_get(map, keys[i]);
		return;
	}
	size_t len[16];
	for (size_t i = 0; i < n; i++) {
		out[i] = NULL;
		len[i] = strlen(keys[i]);
	}
	if (!map || map->type != PLAN_NODE_MAPPING)
		return;
	size_t missing = n;
	for (uint32_t p = 0; p < map->len && missing; p++) {
		const plan_node *k = map->u.pairs[p].key;
		for (size_t i = 0; i < n; i++)
			if (!out[i] && k->len == len[i] && memcmp(k->u.text, keys[i], len[i]) == 0) {
				out[i] = map->u.pairs[p].value;
				missing--;
				break;
			}
	}
}

int plan_node_is_string(const plan_node *node, const char *text)
{
	/* By length: a scalar may hold a NUL ("a\0b"), and is then not "a". */
	return node && node->type == PLAN_NODE_STRING && node->len == strlen(text) &&
		memcmp(node->u.text, text, node->len) == 0;
}

const char *plan_node_type_name(const plan_node *node)
{
	switch (node->type) {
	case PLAN_NODE_NULL: return "null";
	case PLAN_NODE_BOOL: return "boolean";
	case PLAN_NODE_NUMBER: return node->is_integer ? "integer" : "number";
	case PLAN_NODE_STRING: return "string";
	case PLAN_NODE_MAPPING: return "mapping";
	default: return "list";
	}
}
