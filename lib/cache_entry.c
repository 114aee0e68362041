/* cache_entry.c: one file's result as the bytes of a result cache entry and
 * back: its node trees, presumed keys, diagnostics and directives, as
 * varints and counted strings (codec.h).
 *
 * A node shared by aliases is written once and named by its number after
 * that, so a tree reads back with the sharing it had (an alias-heavy file
 * would otherwise grow by all its aliases stand for). A node is numbered
 * once it is written whole, so a reference can only name a node finished
 * before it: whatever an entry holds, what reads back has no cycle. */
#define _POSIX_C_SOURCE 200809L /* strndup */

#include "cache_entry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "plan/arena.h"
#include "plan/rule.h"
#include "suppress_codec.h"

/* Deeper trees are not kept (and an entry holding one is not read): both
 * walks recurse once a level, and pruned trees stop at 256 anyway. */
#define MAX_DEPTH 1024

#define TAG_REF 0x80u       /* a node written before, by its number */

/* Diagnostic flags: which strings follow. */
#define HAS_FILE 1u          /* a file other than the result's own */
#define HAS_KEY 2u
#define HAS_ITEM 4u
#define HAS_POINTER 8u
#define HAS_SUGGESTION 16u

/* --- writing ------------------------------------------------------------------ */

typedef struct numbered {
	const plan_node *node;   /* NULL: a free slot */
	uint32_t number;
} numbered;

typedef struct encoder {
	plan_buf *out;
	numbered *slots;         /* shared nodes written so far; open addressing */
	size_t cap, count;
	size_t need;             /* the arena bytes reading it back takes */
	const plan_keep *keep;   /* keys it names are read back as its strings */
	int fail;
} encoder;

static size_t slot_of(const encoder *e, const plan_node *node)
{
	uint64_t h = (uint64_t)(uintptr_t)node * 0x9E3779B97F4A7C15ULL;
	size_t i = (size_t)(h >> 32) & (e->cap - 1);
	while (e->slots[i].node && e->slots[i].node != node)
		i = (i + 1) & (e->cap - 1);
	return i;
}

static const numbered *find_written(const encoder *e, const plan_node *node)
{
	if (!e->cap)
		return NULL;
	const numbered *n = &e->slots[slot_of(e, node)];
	return n->node ? n : NULL;
}

static void add_written(encoder *e, const plan_node *node)
{
	if ((e->count + 1) * 2 > e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		numbered *old = e->slots;
		size_t oldcap = e->cap;
		if (!(e->slots = calloc(cap, sizeof *e->slots))) {
			e->slots = old;
			e->fail = 1;
			return;
		}
		e->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].node)
				e->slots[slot_of(e, old[i].node)] = old[i];
		free(old);
	}
	numbered *n = &e->slots[slot_of(e, node)];
	n->node = node;
	n->number = (uint32_t)e->count++;
}

static void put_node(encoder *e, const plan_node *node, unsigned depth, int key)
{
	if (e->fail)
		return;
	if (depth > MAX_DEPTH) {
		e->fail = 1;
		return;
	}
	if (node->shared) {
		const numbered *n = find_written(e, node);
		if (n) {
			plan_buf_putc(e->out, (char)TAG_REF);
			plan_codec_put_uint(e->out, n->number);
			return;
		}
	}
	unsigned tag = node->type | node->is_integer << 3 | node->quoted << 4 |
	               node->bool_value << 5 | node->shared << 6;
	plan_buf_putc(e->out, (char)tag);
	e->need += plan_arena_cost(sizeof *node);
	if (plan_node_is_collection(node) && node->len)
		e->need += plan_arena_cost(node->len * (node->type == PLAN_NODE_MAPPING ?
			sizeof(plan_pair) : sizeof(plan_node *)));
	else if (!plan_node_is_collection(node) &&
	         !(key && plan_keep_text(e->keep, node->u.text, node->len)))
		e->need += plan_arena_cost((size_t)node->len + 1);
	plan_codec_put_uint(e->out, node->line);
	plan_codec_put_uint(e->out, node->column);
	plan_codec_put_uint(e->out, node->len);
	switch (node->type) {
	case PLAN_NODE_MAPPING:
		plan_codec_put_uint(e->out, node->size);
		for (uint32_t i = 0; i < node->len; i++) {
			put_node(e, node->u.pairs[i].key, depth + 1, 1);
			put_node(e, node->u.pairs[i].value, depth + 1, 0);
		}
		break;
	case PLAN_NODE_SEQUENCE:
		plan_codec_put_uint(e->out, node->size);
		for (uint32_t i = 0; i < node->len; i++)
			put_node(e, node->u.items[i], depth + 1, 0);
		break;
	default:
		if (!node->u.text) {
			e->fail = 1;
			return;
		}
		if (node->type == PLAN_NODE_NUMBER) {
			/* As the machine holds it: the key names the byte order. */
			char raw[sizeof(double)];
			memcpy(raw, &node->number, sizeof raw);
			plan_buf_put(e->out, raw, sizeof raw);
		} else {
			plan_codec_put_uint(e->out, node->end.line);
			plan_codec_put_uint(e->out, node->end.column);
		}
		if (node->len)
			plan_buf_put(e->out, node->u.text, node->len);
		break;
	}
	if (node->shared)
		add_written(e, node);
}

static void put_diag(plan_buf *out, const plan_diag *d, const char *path)
{
	unsigned flags = (strcmp(d->file, path) != 0 ? HAS_FILE : 0) | (d->key ? HAS_KEY : 0) |
	                 (d->item ? HAS_ITEM : 0) | (d->pointer ? HAS_POINTER : 0) |
	                 (d->suggestion ? HAS_SUGGESTION : 0);
	plan_codec_put_uint(out, flags);
	if (flags & HAS_FILE)
		plan_codec_put_string(out, d->file);
	plan_codec_put_uint(out, d->line);
	plan_codec_put_uint(out, d->column);
	plan_codec_put_uint(out, (uint64_t)d->severity);
	plan_codec_put_string(out, d->rule);
	plan_codec_put_string(out, d->message);
	if (flags & HAS_KEY)
		plan_codec_put_string(out, d->key);
	if (flags & HAS_ITEM)
		plan_codec_put_string(out, d->item);
	if (flags & HAS_POINTER)
		plan_codec_put_string(out, d->pointer);
	if (flags & HAS_SUGGESTION)
		plan_codec_put_string(out, d->suggestion);
	plan_codec_put_uint(out, d->end_line);
	plan_codec_put_uint(out, d->end_column);
}

int plan_result_encode(plan_buf *out, const plan_file_result *result, const plan_keep *keep)
{
	const plan_file *file = result->file;
	encoder e = { .out = out, .keep = keep };
	/* First what reading it back allocates, as get_file does it, so that
	 * the trees read back fill one block of exactly their size: ten
	 * thousand arenas grown by doubling would waste a third. Filled in
	 * once the trees are written. */
	size_t need_at = out->len;
	plan_buf_put(out, "\0\0\0\0\0\0\0\0", 8);
	e.need = plan_arena_cost(sizeof(plan_file)) + plan_arena_cost(strlen(file->path) + 1);
	if (file->ndocs)
		e.need += plan_arena_cost(file->ndocs * sizeof(plan_doc));
	if (file->npresumed)
		e.need += plan_arena_cost(file->npresumed * sizeof(plan_presumed_key));
	for (size_t i = 0; i < file->npresumed; i++)
		e.need += plan_arena_cost(strlen(file->presumed[i].key) + 1);
	plan_codec_put_uint(out, file->len);
	plan_codec_put_uint(out, file->truncated ? 1 : 0);
	plan_codec_put_uint(out, file->ndocs);
	for (size_t i = 0; i < file->ndocs && !e.fail; i++) {
		const plan_doc *doc = &file->docs[i];
		plan_codec_put_uint(out, doc->line);
		plan_codec_put_uint(out, doc->column);
		plan_codec_put_uint(out, doc->root ? 1 : 0);
		if (doc->root)
			put_node(&e, doc->root, 0, 0);
	}
	free(e.slots);
	if (e.fail)
		return -1;
	if (!out->failed)
		for (int i = 0; i < 8; i++)
			out->ptr[need_at + (size_t)i] = (char)((uint64_t)e.need >> (8 * i) & 0xffu);
	plan_codec_put_uint(out, file->npresumed);
	for (size_t i = 0; i < file->npresumed; i++) {
		plan_codec_put_uint(out, file->presumed[i].line);
		plan_codec_put_uint(out, file->presumed[i].column);
		plan_codec_put_string(out, file->presumed[i].key);
	}
	size_t ndiags = result->diags ? plan_diags_count(result->diags) : 0;
	plan_codec_put_uint(out, ndiags);
	for (size_t i = 0; i < ndiags; i++)
		put_diag(out, plan_diags_get(result->diags, i), file->path);
	plan_suppressions_encode(out, result->suppressions);
	return out->failed ? -1 : 0;
}

/* --- reading ------------------------------------------------------------------ */

typedef struct decoder {
	plan_codec_reader r;
	plan_arena *arena;
	const plan_keep *keep;   /* keys it names are its strings, not copies */
	plan_node **written;     /* shared nodes by number */
	size_t count, cap;
	int oom;
} decoder;

/* What is left to read: no count may promise more items than that. */
static size_t left(const decoder *d)
{
	return (size_t)(d->r.end - d->r.p);
}

static plan_node *get_node(decoder *d, unsigned depth, int key)
{
	unsigned tag = (unsigned)plan_codec_get_byte(&d->r);
	if (d->r.bad || d->oom)
		return NULL;
	if (tag == TAG_REF) {
		uint64_t number = plan_codec_get_uint(&d->r);
		if (d->r.bad || number >= d->count) {
			d->r.bad = 1;
			return NULL;
		}
		plan_node *node = d->written[number];
		/* A key is always a scalar: the checks read its text. */
		if (key && plan_node_is_collection(node)) {
			d->r.bad = 1;
			return NULL;
		}
		return node;
	}
	unsigned type = tag & 7u;
	if (depth > MAX_DEPTH || tag > 0x7f || type > PLAN_NODE_SEQUENCE ||
	    (key && (type == PLAN_NODE_MAPPING || type == PLAN_NODE_SEQUENCE))) {
		d->r.bad = 1;
		return NULL;
	}
	plan_node *node = plan_arena_alloc(d->arena, sizeof *node);
	if (!node) {
		d->oom = 1;
		return NULL;
	}
	node->type = type;
	node->is_integer = (tag >> 3) & 1u;
	node->quoted = (tag >> 4) & 1u;
	node->bool_value = (tag >> 5) & 1u;
	node->shared = (tag >> 6) & 1u;
	node->line = plan_codec_get_u32(&d->r);
	node->column = plan_codec_get_u32(&d->r);
	node->len = plan_codec_get_u32(&d->r);
	if (d->r.bad)
		return NULL;
	if (type == PLAN_NODE_MAPPING || type == PLAN_NODE_SEQUENCE) {
		node->size = plan_codec_get_u32(&d->r);
		/* Every child takes a byte at least. */
		if (d->r.bad || node->len > left(d)) {
			d->r.bad = 1;
			return NULL;
		}
		if (type == PLAN_NODE_MAPPING) {
			plan_pair *pairs = node->len ?
				plan_arena_alloc(d->arena, node->len * sizeof *pairs) : NULL;
			if (node->len && !pairs) {
				d->oom = 1;
				return NULL;
			}
			node->u.pairs = pairs;
			for (uint32_t i = 0; i < node->len; i++)
				if (!(pairs[i].key = get_node(d, depth + 1, 1)) ||
				    !(pairs[i].value = get_node(d, depth + 1, 0)))
					return NULL;
		} else {
			plan_node **items = node->len ?
				plan_arena_alloc(d->arena, node->len * sizeof *items) : NULL;
			if (node->len && !items) {
				d->oom = 1;
				return NULL;
			}
			node->u.items = items;
			for (uint32_t i = 0; i < node->len; i++)
				if (!(items[i] = get_node(d, depth + 1, 0)))
					return NULL;
		}
	} else {
		if (type == PLAN_NODE_NUMBER) {
			if (left(d) < sizeof(double)) {
				d->r.bad = 1;
				return NULL;
			}
			memcpy(&node->number, d->r.p, sizeof(double));
			d->r.p += sizeof(double);
		} else {
			node->end.line = plan_codec_get_u32(&d->r);
			node->end.column = plan_codec_get_u32(&d->r);
		}
		if (d->r.bad || node->len > left(d)) {
			d->r.bad = 1;
			return NULL;
		}
		/* A key the lists name points at their string, as in the pruned
		 * copy: no bytes of its own, and the same few strings, hot in the
		 * processor's cache, for every mapping a check looks into. */
		const char *listed = key ? plan_keep_text(d->keep, (const char *)d->r.p, node->len) : NULL;
		if (listed) {
			d->r.p += node->len;
			node->u.text = listed;
		} else {
			char *text = plan_arena_strndup(d->arena, (const char *)d->r.p, node->len);
			if (!text) {
				d->oom = 1;
				return NULL;
			}
			/* strndup stops at a NUL; a scalar may hold one. */
			memcpy(text, d->r.p, node->len);
			d->r.p += node->len;
			node->u.text = text;
		}
	}
	if (node->shared) {
		if (d->count == d->cap) {
			size_t cap = d->cap ? d->cap * 2 : 64;
			plan_node **grown = realloc(d->written, cap * sizeof *grown);
			if (!grown) {
				d->oom = 1;
				return NULL;
			}
			d->written = grown;
			d->cap = cap;
		}
		d->written[d->count++] = node;
	}
	return node;
}

/* The next string as a NUL-terminated copy (free() it), NULL when bad. */
static char *get_string(plan_codec_reader *r)
{
	size_t len = 0;
	const char *s = plan_codec_get_bytes(r, &len);
	if (!s)
		return NULL;
	char *copy = malloc(len + 1);
	if (!copy) {
		r->bad = 1;
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

static int get_diag(plan_codec_reader *r, plan_diags *diags, const char *path)
{
	plan_diag d = { 0 };
	char *file = NULL, *rule = NULL, *message = NULL, *key = NULL, *item = NULL,
	     *pointer = NULL, *suggestion = NULL;
	uint64_t flags = plan_codec_get_uint(r);
	if (flags > 31)
		r->bad = 1;
	if ((flags & HAS_FILE) && !(file = get_string(r)))
		goto cleanup;
	d.line = plan_codec_get_u32(r);
	d.column = plan_codec_get_u32(r);
	uint64_t severity = plan_codec_get_uint(r);
	if (severity > PLAN_SEVERITY_ERROR)
		r->bad = 1;
	d.severity = (plan_severity)severity;
	if (!(rule = get_string(r)) || !(message = get_string(r)))
		goto cleanup;
	if (((flags & HAS_KEY) && !(key = get_string(r))) ||
	    ((flags & HAS_ITEM) && !(item = get_string(r))) ||
	    ((flags & HAS_POINTER) && !(pointer = get_string(r))) ||
	    ((flags & HAS_SUGGESTION) && !(suggestion = get_string(r))))
		goto cleanup;
	d.end_line = plan_codec_get_u32(r);
	d.end_column = plan_codec_get_u32(r);
	if (r->bad)
		goto cleanup;
	d.file = file ? file : path;
	d.rule = rule;
	d.message = message;
	d.key = key;
	d.item = item;
	d.pointer = pointer;
	d.suggestion = suggestion;
	/* An unknown rule is a foreign entry, not a diagnostic. */
	if (plan_diags_append(diags, &d) < 0)
		r->bad = 1;
cleanup:
	free(file);
	free(rule);
	free(message);
	free(key);
	free(item);
	free(pointer);
	free(suggestion);
	return r->bad ? -1 : 0;
}

static int get_file(decoder *d, plan_file **out, const char *path)
{
	plan_codec_reader *r = &d->r;
	plan_file *file = plan_arena_alloc(d->arena, sizeof *file);
	char *path_copy = file ? plan_arena_strndup(d->arena, path, strlen(path)) : NULL;
	if (!path_copy) {
		d->oom = 1;
		return -1;
	}
	file->path = path_copy;
	file->arena = d->arena;
	file->len = (size_t)plan_codec_get_uint(r);
	file->truncated = plan_codec_get_uint(r) != 0;
	uint64_t ndocs = plan_codec_get_uint(r);
	if (r->bad || ndocs > left(d) / 3) {
		r->bad = 1;
		return -1;
	}
	file->ndocs = (size_t)ndocs;
	if (ndocs && !(file->docs = plan_arena_alloc(d->arena, file->ndocs * sizeof *file->docs))) {
		d->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < file->ndocs; i++) {
		plan_doc *doc = &file->docs[i];
		doc->line = plan_codec_get_u32(r);
		doc->column = plan_codec_get_u32(r);
		uint64_t has_root = plan_codec_get_uint(r);
		if (r->bad || has_root > 1) {
			r->bad = 1;
			return -1;
		}
		if (has_root && !(doc->root = get_node(d, 0, 0)))
			return -1;
	}
	uint64_t npresumed = plan_codec_get_uint(r);
	if (r->bad || npresumed > left(d) / 3) {
		r->bad = 1;
		return -1;
	}
	if (npresumed) {
		file->presumed = plan_arena_alloc(d->arena, (size_t)npresumed * sizeof *file->presumed);
		if (!file->presumed) {
			d->oom = 1;
			return -1;
		}
		file->npresumed = file->cappresumed = (size_t)npresumed;
	}
	for (size_t i = 0; i < file->npresumed; i++) {
		plan_presumed_key *p = &file->presumed[i];
		p->line = plan_codec_get_u32(r);
		p->column = plan_codec_get_u32(r);
		size_t len = 0;
		const char *key = plan_codec_get_bytes(r, &len);
		if (!key)
			return -1;
		if (!(p->key = plan_arena_strndup(d->arena, key, len))) {
			d->oom = 1;
			return -1;
		}
	}
	*out = file;
	return 0;
}

int plan_result_decode(plan_file_result *out, const char *path,
	const unsigned char *data, size_t len, plan_lang lang, const plan_keep *keep)
{
	return plan_result_decode_into(out, path, data, len, lang, keep, NULL);
}

int plan_result_decode_into(plan_file_result *out, const char *path,
	const unsigned char *data, size_t len, plan_lang lang, const plan_keep *keep,
	plan_arena *into)
{
	memset(out, 0, sizeof *out);
	decoder d = { .r = { data, data + len, 0 }, .keep = keep };
	plan_file *file = NULL;
	plan_diags *diags = NULL;
	plan_suppressions *sup = NULL;
	if (len < 8)
		return -1;
	uint64_t need = 0;
	for (int i = 0; i < 8; i++)
		need |= (uint64_t)data[i] << (8 * i);
	d.r.p += 8;
	/* No entry's trees take more than this many bytes a byte of it (a
	 * node of 32 bytes, its pair and a text's rounding from four bytes at
	 * least): a larger claim is not believed, only read with a growing
	 * arena. */
	if (need > (uint64_t)len * 64)
		need = 0;
	d.arena = into ? into : plan_arena_new_sized((size_t)need);
	if (!d.arena || !(diags = plan_diags_new()))
		goto fail;
	plan_diags_set_lang(diags, lang);
	if (get_file(&d, &file, path) < 0)
		goto fail;
	uint64_t ndiags = plan_codec_get_uint(&d.r);
	if (d.r.bad || ndiags > left(&d) / 8)
		goto fail;
	for (uint64_t i = 0; i < ndiags; i++)
		if (get_diag(&d.r, diags, path) < 0)
			goto fail;
	if (plan_suppressions_decode(&sup, path, &d.r) < 0)
		goto fail;
	/* Bytes left over: not what this version writes. */
	if (d.r.p != d.r.end)
		goto fail;
	free(d.written);
	if (into)
		file->arena = NULL;   /* the trees are the borrowed arena's */
	out->file = file;
	out->diags = diags;
	out->suppressions = sup;
	return 0;
fail:
	free(d.written);
	plan_suppressions_free(sup);
	plan_diags_free(diags);
	if (!into)
		plan_arena_free(d.arena);
	return -1;
}

void plan_file_result_release(plan_file_result *result)
{
	plan_file_free(result->file);
	plan_diags_free(result->diags);
	plan_suppressions_free(result->suppressions);
	memset(result, 0, sizeof *result);
}
