/* prune.c: a copy of a file's node trees with only the keys a later stage
 * reads, in one block of exactly its size.
 *
 * Two walks over the same nodes: the first adds up what the copy needs, the
 * second makes it in an arena whose first block holds exactly that, so that
 * ten thousand small copies waste no half-empty blocks. Nodes that aliases
 * share are copied once and shared again, or an alias-heavy file would
 * grow in the copy by as much as its aliases stand for. */
#include "plan/prune.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "plan/arena.h"

/* --- which keys: the lists as one hash table ------------------------------------ */

typedef struct keep_entry {
	const char *key;          /* the list's own copy; NULL: a free slot */
	size_t len;
	int whole;
} keep_entry;

struct plan_keep {
	keep_entry *slots;        /* open addressing, at most half full */
	size_t cap;               /* a power of two */
};

/* FNV-1a over `len` bytes: keys are short, and the table is ours. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = UINT64_C(1469598103934665603);
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
	return h;
}

static keep_entry *slot_for(const plan_keep *keep, const char *key, size_t len)
{
	size_t i = (size_t)hash_bytes(key, len) & (keep->cap - 1);
	while (keep->slots[i].key &&
	       (keep->slots[i].len != len || memcmp(keep->slots[i].key, key, len) != 0))
		i = (i + 1) & (keep->cap - 1);
	return &keep->slots[i];
}

static void add_list(plan_keep *keep, const char *const *list, size_t n, int whole)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i]);
		keep_entry *e = slot_for(keep, list[i], len);
		if (!e->key)   /* the first list that names a key decides */
			*e = (keep_entry){ list[i], len, whole };
	}
}

int plan_keep_new(plan_keep **out, const plan_keys *keys)
{
	*out = NULL;
	size_t n = 0;
	for (const plan_keys *k = keys; k; k = k->next)
		n += k->nkeys + k->nwhole;
	plan_keep *keep = calloc(1, sizeof *keep);
	if (!keep)
		return -1;
	keep->cap = 16;
	while (keep->cap < 2 * n + 1)
		keep->cap *= 2;
	if (!(keep->slots = calloc(keep->cap, sizeof *keep->slots))) {
		free(keep);
		return -1;
	}
	for (const plan_keys *k = keys; k; k = k->next) {
		add_list(keep, k->whole, k->nwhole, 1);
		add_list(keep, k->keys, k->nkeys, 0);
	}
	*out = keep;
	return 0;
}

void plan_keep_free(plan_keep *keep)
{
	if (keep) {
		free(keep->slots);
		free(keep);
	}
}

/* The list's own copy of the key (static, so a kept key's text needs no
 * copy), with *whole set when it is kept whole; NULL when it is dropped. */
static const char *lookup(const plan_keep *keep, const char *key, size_t len, int *whole)
{
	const keep_entry *e = slot_for(keep, key, len);
	*whole = e->key ? e->whole : 0;
	return e->key;
}

const char *plan_keep_text(const plan_keep *keep, const char *key, size_t len)
{
	int whole = 0;
	return keep ? lookup(keep, key, len, &whole) : NULL;
}

int plan_keep_find(const plan_keep *keep, const char *key)
{
	int whole = 0;
	return lookup(keep, key, strlen(key), &whole) ? 1 + whole : 0;
}

/* --- shared nodes: original -> copy ------------------------------------------- */

/* A shared node is copied once per way it is kept: pruned, or whole under a
 * key kept whole (the same anchor may be used both ways). The key is the
 * node's address with the low bit set for "whole": nodes are aligned. */
typedef struct shared_entry {
	uintptr_t from;           /* 0: a free slot */
	plan_node *to;
} shared_entry;

typedef struct shared_map {
	shared_entry *slots;      /* open addressing, at most half full */
	size_t cap, count;
	int oom;
} shared_map;

static uintptr_t shared_key(const plan_node *node, int whole)
{
	return (uintptr_t)node | (uintptr_t)(whole != 0);
}

static size_t slot_of(const shared_map *map, uintptr_t key)
{
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
	size_t i = (size_t)(h >> 32) & (map->cap - 1);
	while (map->slots[i].from && map->slots[i].from != key)
		i = (i + 1) & (map->cap - 1);
	return i;
}

static shared_entry *shared_find(const shared_map *map, uintptr_t key)
{
	if (!map->cap)
		return NULL;
	shared_entry *e = &map->slots[slot_of(map, key)];
	return e->from ? e : NULL;
}

static void shared_put(shared_map *map, uintptr_t key, plan_node *copy)
{
	if ((map->count + 1) * 2 > map->cap) {
		size_t cap = map->cap ? map->cap * 2 : 64;
		shared_entry *old = map->slots;
		size_t oldcap = map->cap;
		map->slots = calloc(cap, sizeof *map->slots);
		if (!map->slots) {
			map->slots = old;
			map->oom = 1;
			return;
		}
		map->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].from)
				map->slots[slot_of(map, old[i].from)] = old[i];
		free(old);
	}
	shared_entry *e = &map->slots[slot_of(map, key)];
	if (!e->from)
		map->count++;
	e->from = key;
	e->to = copy;
}

static void shared_clear(shared_map *map)
{
	if (map->cap)
		memset(map->slots, 0, map->cap * sizeof *map->slots);
	map->count = 0;
}

/* --- the two walks ------------------------------------------------------------- */

static uint32_t add_size(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* Both walks recurse once a level; `--limit depth=` may allow far deeper
 * trees than a thread's stack could walk. Below this many levels a
 * collection is copied empty: no check across documents reads deeper than
 * a few levels. */
#define MAX_DEPTH 256

/* A collection at MAX_DEPTH: copied as itself, without children, and never
 * shared (so that a shared node met higher up is still copied in full). */
static int cut_off(const plan_node *node, uint32_t depth)
{
	return depth >= MAX_DEPTH && plan_node_is_collection(node);
}

/* What the first walk decided for one pair of a mapping, read back by the
 * second walk in the same order, so that each key is looked up once. A
 * mapping's decisions are recorded together before its children's. */
typedef struct decision {
	const char *key_text;     /* the list's copy of the key; NULL: dropped */
	int whole;                /* its value is kept whole */
} decision;

typedef struct pruner {
	const plan_keep *keep;
	shared_map shared;
	decision *decisions;
	size_t ndecisions, capdecisions;
	size_t next;              /* the second walk: the next decision to read */
	size_t need;              /* the first walk: bytes of nodes and arrays */
	size_t text_need;         /* the first walk: bytes of scalar text */
	plan_arena *arena;        /* the second walk: where nodes and arrays go */
	char *text;               /* the second walk: scalar text, packed */
	char *text_end;
	int cut;                  /* the first walk met a collection at MAX_DEPTH */
	int oom;
} pruner;

/* Decide for each pair of `map` (not under a key kept whole); returns the
 * index of the first decision, or SIZE_MAX when memory ran out. */
static size_t decide(pruner *p, const plan_node *map)
{
	if (plan_array_reserve((void **)&p->decisions, &p->capdecisions,
	                       p->ndecisions + map->len, sizeof *p->decisions) < 0) {
		p->oom = 1;
		return SIZE_MAX;
	}
	size_t first = p->ndecisions;
	for (uint32_t i = 0; i < map->len; i++) {
		decision *d = &p->decisions[p->ndecisions++];
		const plan_node *key = map->u.pairs[i].key;
		d->key_text = lookup(p->keep, key->u.text, key->len, &d->whole);
	}
	return first;
}

static void measure(pruner *p, const plan_node *node, int whole, int static_text,
	uint32_t depth)
{
	if (p->oom)
		return;
	if (cut_off(node, depth)) {
		p->need += plan_arena_cost(sizeof *node);
		p->cut = 1;
		return;
	}
	if (node->shared) {
		if (shared_find(&p->shared, shared_key(node, whole)))
			return;
		shared_put(&p->shared, shared_key(node, whole), NULL);
	}
	p->need += plan_arena_cost(sizeof *node);
	switch (node->type) {
	case PLAN_NODE_MAPPING: {
		size_t first = whole ? 0 : decide(p, node);
		if (first == SIZE_MAX)
			return;
		size_t kept = 0;
		for (uint32_t i = 0; i < node->len; i++) {
			const plan_pair *pair = &node->u.pairs[i];
			if (whole) {
				measure(p, pair->key, 1, 0, depth + 1);
				measure(p, pair->value, 1, 0, depth + 1);
			} else if (p->decisions[first + i].key_text) {
				/* by index: deciding for the children may move the array */
				int value_whole = p->decisions[first + i].whole;
				measure(p, pair->key, 0, 1, depth + 1);
				measure(p, pair->value, value_whole, 0, depth + 1);
			} else {
				continue;
			}
			kept++;
		}
		if (kept)
			p->need += plan_arena_cost(kept * sizeof(plan_pair));
		break;
	}
	case PLAN_NODE_SEQUENCE:
		for (uint32_t i = 0; i < node->len; i++)
			measure(p, node->u.items[i], whole, 0, depth + 1);
		if (node->len)
			p->need += plan_arena_cost(node->len * sizeof(plan_node *));
		break;
	default:
		if (!static_text)
			p->text_need += (size_t)node->len + 1;
		break;
	}
}

/* A copy of `node`; a scalar's text is `static_text` when given (a key's
 * text from the lists), else a copy. */
static plan_node *copy(pruner *p, const plan_node *node, int whole, const char *static_text,
	uint32_t depth)
{
	int cut = cut_off(node, depth);
	if (node->shared && !cut) {
		shared_entry *e = shared_find(&p->shared, shared_key(node, whole));
		if (e)
			return e->to;
	}
	plan_node *to = plan_arena_alloc_dirty(p->arena, sizeof *to);
	if (!to) {
		p->oom = 1;
		return NULL;
	}
	*to = *node;
	if (cut) {
		to->len = 0;
		to->size = 1;
		to->u.items = NULL;
		return to;
	}
	if (node->shared)
		shared_put(&p->shared, shared_key(node, whole), to);
	if (plan_node_is_collection(node))
		to->size = 1;
	switch (node->type) {
	case PLAN_NODE_MAPPING: {
		const decision *d = NULL;
		uint32_t kept = node->len;
		if (!whole && node->len) {
			if (p->ndecisions - p->next < node->len) {
				p->oom = 1;   /* the walks disagree: never, but never overrun */
				return NULL;
			}
			d = &p->decisions[p->next];
			p->next += node->len;
			kept = 0;
			for (uint32_t i = 0; i < node->len; i++)
				kept += d[i].key_text != NULL;
		}
		to->len = kept;
		to->u.pairs = NULL;
		if (!kept)
			break;
		plan_pair *pairs = plan_arena_alloc_dirty(p->arena, kept * sizeof *pairs);
		if (!pairs) {
			p->oom = 1;
			return NULL;
		}
		to->u.pairs = pairs;
		for (uint32_t i = 0, j = 0; i < node->len; i++) {
			const plan_pair *pair = &node->u.pairs[i];
			if (d && !d[i].key_text)
				continue;
			pairs[j].key = copy(p, pair->key, whole, d ? d[i].key_text : NULL, depth + 1);
			pairs[j].value = copy(p, pair->value, d ? d[i].whole : 1, NULL, depth + 1);
			if (!pairs[j].key || !pairs[j].value)
				return NULL;
			to->size = add_size(to->size,
				add_size(plan_node_size(pairs[j].key), plan_node_size(pairs[j].value)));
			j++;
		}
		break;
	}
	case PLAN_NODE_SEQUENCE: {
		to->u.items = NULL;
		if (!node->len)
			break;
		plan_node **items = plan_arena_alloc_dirty(p->arena, node->len * sizeof *items);
		if (!items) {
			p->oom = 1;
			return NULL;
		}
		to->u.items = items;
		for (uint32_t i = 0; i < node->len; i++) {
			if (!(items[i] = copy(p, node->u.items[i], whole, NULL, depth + 1)))
				return NULL;
			to->size = add_size(to->size, plan_node_size(items[i]));
		}
		break;
	}
	default:
		if (static_text) {
			to->u.text = static_text;
		} else {
			/* Text needs no alignment: it is packed in a region of its
			 * own, sized by the first walk. */
			if ((size_t)(p->text_end - p->text) < (size_t)node->len + 1) {
				p->oom = 1;   /* the walks disagree: never, but never overrun */
				return NULL;
			}
			memcpy(p->text, node->u.text, node->len);
			p->text[node->len] = '\0';
			to->u.text = p->text;
			p->text += (size_t)node->len + 1;
		}
		break;
	}
	return to;
}

/* The copy as plan_file_prune and plan_file_compact make it: with `keep`,
 * pruned to its keys; without, whole. */
static int copy_file(plan_file **out, const plan_file *file, const plan_keep *keep)
{
	*out = NULL;
	pruner p = { .keep = keep };
	int whole = keep == NULL;
	size_t pathlen = strlen(file->path);
	p.need = plan_arena_cost(sizeof(plan_file)) + plan_arena_cost(pathlen + 1);
	if (file->ndocs)
		p.need += plan_arena_cost(file->ndocs * sizeof(plan_doc));
	for (size_t i = 0; i < file->ndocs; i++)
		if (file->docs[i].root)
			measure(&p, file->docs[i].root, whole, 0, 0);
	shared_clear(&p.shared);
	if (whole && p.cut && !p.oom) {
		/* A whole copy must be whole: a file this deep stays as it is. */
		free(p.shared.slots);
		free(p.decisions);
		return 1;
	}
	if (p.text_need)
		p.need += plan_arena_cost(p.text_need);
	if (file->npresumed)
		p.need += plan_arena_cost(file->npresumed * sizeof *file->presumed);
	if (p.oom || p.shared.oom || !(p.arena = plan_arena_new_sized(p.need))) {
		free(p.shared.slots);
		return -1;
	}

	plan_file *to = plan_arena_alloc(p.arena, sizeof *to);
	char *path = to ? plan_arena_strndup(p.arena, file->path, pathlen) : NULL;
	plan_doc *docs = path && file->ndocs ?
		plan_arena_alloc(p.arena, file->ndocs * sizeof *docs) : NULL;
	p.text = path && p.text_need ? plan_arena_alloc_dirty(p.arena, p.text_need) : NULL;
	/* Presumed keys name their mapping by position, which the copy keeps. */
	plan_presumed_key *presumed = path && file->npresumed ?
		plan_arena_alloc(p.arena, file->npresumed * sizeof *presumed) : NULL;
	if (!path || (file->ndocs && !docs) || (p.text_need && !p.text) ||
	    (file->npresumed && !presumed))
		goto oom;
	if (presumed)
		memcpy(presumed, file->presumed, file->npresumed * sizeof *presumed);
	p.text_end = p.text ? p.text + p.text_need : NULL;
	*to = *file;
	to->path = path;
	to->text = NULL;
	to->docs = docs;
	to->presumed = presumed;
	to->cappresumed = file->npresumed;
	to->arena = p.arena;
	for (size_t i = 0; i < file->ndocs; i++) {
		docs[i] = file->docs[i];
		if (file->docs[i].root && !(docs[i].root = copy(&p, file->docs[i].root, whole, NULL, 0)))
			goto oom;
	}
	if (p.shared.oom)
		goto oom;
	free(p.shared.slots);
	free(p.decisions);
	*out = to;
	return 0;
oom:
	free(p.shared.slots);
	free(p.decisions);
	plan_arena_free(p.arena);
	return -1;
}

int plan_file_prune(plan_file **out, const plan_file *file, const plan_keep *keep)
{
	if (!keep) {
		*out = NULL;
		return -1;
	}
	return copy_file(out, file, keep);
}

int plan_file_compact(plan_file **out, const plan_file *file)
{
	return copy_file(out, file, NULL);
}
