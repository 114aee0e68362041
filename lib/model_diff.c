/* model_diff.c: comparing two models of a plan set (plan-link diff), and the
 * links a changed meaning makes suspect below it (plan-link suspect). */
#include "plan/model_diff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/* Above this many pairs a mapping's keys are looked up in a sorted index
 * rather than one by one, so a hostile mapping costs n log n, not n². */
#define LINEAR_KEYS 16

/* --- values ------------------------------------------------------------------ */

static int text_equal(const plan_node *a, const plan_node *b)
{
	return a->len == b->len && memcmp(a->u.text, b->u.text, a->len) == 0;
}

static int text_cmp(const plan_node *a, const plan_node *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->u.text, b->u.text, n);
	if (c)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

/* A mapping's pairs, for finding a key: as they are when there are few,
 * else sorted by key (then position, so the first of duplicate keys wins as
 * it does in plan_node_get). */
typedef struct keyed {
	const plan_node *map;
	const plan_pair **sorted;     /* NULL: look up one by one */
} keyed;

static int pair_cmp(const void *x, const void *y)
{
	const plan_pair *a = *(const plan_pair *const *)x, *b = *(const plan_pair *const *)y;
	int c = text_cmp(a->key, b->key);
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

static void keyed_init(keyed *k, const plan_node *map)
{
	k->map = map;
	k->sorted = NULL;
	if (!map || map->type != PLAN_NODE_MAPPING || map->len <= LINEAR_KEYS)
		return;
	/* Without memory the slow way still gives the right answer. */
	k->sorted = malloc(map->len * sizeof *k->sorted);
	if (!k->sorted)
		return;
	for (uint32_t i = 0; i < map->len; i++)
		k->sorted[i] = &map->u.pairs[i];
	qsort(k->sorted, map->len, sizeof *k->sorted, pair_cmp);
}

static void keyed_free(keyed *k)
{
	free(k->sorted);
	k->sorted = NULL;
}

/* The value of the key `key` (a scalar node) in the mapping, or NULL. */
static const plan_node *keyed_get(const keyed *k, const plan_node *key)
{
	const plan_node *map = k->map;
	if (!map || map->type != PLAN_NODE_MAPPING)
		return NULL;
	if (!k->sorted) {
		for (uint32_t i = 0; i < map->len; i++)
			if (text_equal(map->u.pairs[i].key, key))
				return map->u.pairs[i].value;
		return NULL;
	}
	size_t lo = 0, hi = map->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (text_cmp(k->sorted[mid]->key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < map->len && text_equal(k->sorted[lo]->key, key) ? k->sorted[lo]->value : NULL;
}

static int mappings_equal(const plan_node *a, const plan_node *b)
{
	if (a->len != b->len)
		return 0;
	keyed kb;
	keyed_init(&kb, b);
	int equal = 1;
	for (uint32_t i = 0; equal && i < a->len; i++) {
		const plan_node *vb = keyed_get(&kb, a->u.pairs[i].key);
		equal = vb && plan_node_equal(a->u.pairs[i].value, vb);
	}
	keyed_free(&kb);
	return equal;
}

int plan_node_equal(const plan_node *a, const plan_node *b)
{
	if (a == b)
		return 1;
	if (!a || !b || a->type != b->type)
		return 0;
	switch (a->type) {
	case PLAN_NODE_NULL:
		return 1;
	case PLAN_NODE_BOOL:
		return !a->bool_value == !b->bool_value;
	case PLAN_NODE_NUMBER:
		return a->number == b->number;
	case PLAN_NODE_STRING:
		return text_equal(a, b);
	case PLAN_NODE_SEQUENCE:
		if (a->len != b->len)
			return 0;
		for (uint32_t i = 0; i < a->len; i++)
			if (!plan_node_equal(a->u.items[i], b->u.items[i]))
				return 0;
		return 1;
	case PLAN_NODE_MAPPING:
		return mappings_equal(a, b);
	default:
		return 0;
	}
}

/* --- meaning ------------------------------------------------------------------ */

static int is_scalar(const plan_node *n)
{
	return n->type == PLAN_NODE_STRING || n->type == PLAN_NODE_NUMBER || n->type == PLAN_NODE_BOOL;
}

static int node_ptr_text_cmp(const void *x, const void *y)
{
	return text_cmp(*(const plan_node *const *)x, *(const plan_node *const *)y);
}

/* The ids a link field names, sorted and without repeats, in *out (free()
 * it); -1 when the field is not a list of ids (or memory ran out): then it is
 * compared as a value. */
static int id_set(const plan_node *field, const plan_node ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!field || field->type == PLAN_NODE_NULL)
		return 0;
	if (is_scalar(field)) {
		if (!(*out = malloc(sizeof **out)))
			return -1;
		(*out)[0] = field;
		*n = 1;
		return 0;
	}
	if (field->type != PLAN_NODE_SEQUENCE)
		return -1;
	const plan_node **ids = malloc((field->len ? field->len : 1) * sizeof *ids);
	if (!ids)
		return -1;
	size_t count = 0;
	for (uint32_t i = 0; i < field->len; i++) {
		const plan_node *e = field->u.items[i];
		if (e->type == PLAN_NODE_NULL)
			continue;
		if (!is_scalar(e)) {
			free(ids);
			return -1;
		}
		ids[count++] = e;
	}
	qsort(ids, count, sizeof *ids, node_ptr_text_cmp);
	size_t unique = 0;
	for (size_t i = 0; i < count; i++)
		if (unique == 0 || !text_equal(ids[unique - 1], ids[i]))
			ids[unique++] = ids[i];
	*out = ids;
	*n = unique;
	return 0;
}

static int links_equal(const plan_node *a, const plan_node *b)
{
	const plan_node **x = NULL, **y = NULL;
	size_t nx = 0, ny = 0;
	int equal;
	if (id_set(a, &x, &nx) < 0 || id_set(b, &y, &ny) < 0) {
		equal = plan_node_equal(a, b);
	} else {
		equal = nx == ny;
		for (size_t i = 0; equal && i < nx; i++)
			equal = text_equal(x[i], y[i]);
	}
	free(x);
	free(y);
	return equal;
}

static int absent(const plan_node *n)
{
	return !n || n->type == PLAN_NODE_NULL;
}

int plan_node_meaning_equal(const plan_node *a, const plan_node *b)
{
	static const char *const values[] = { "title", "name", "description", "perspective" };
	static const char *const links[] = { "contributes_to", "measures", "goal" };
	if (a == b)
		return 1;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		const plan_node *x = plan_node_get(a, values[i]), *y = plan_node_get(b, values[i]);
		if (!(absent(x) && absent(y)) && !plan_node_equal(x, y))
			return 0;
	}
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		if (!links_equal(plan_node_get(a, links[i]), plan_node_get(b, links[i])))
			return 0;
	return 1;
}

/* --- writing values ------------------------------------------------------------ */

/* JSON's number syntax, which YAML's is wider than (`+5`, `.5`, `5.`). */
static int json_number_text(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int plan_node_put_value(plan_buf *buf, const plan_node *node, int json)
{
	if (!node)
		return plan_buf_puts(buf, "null");
	switch (node->type) {
	case PLAN_NODE_NULL:
		plan_buf_puts(buf, "null");
		break;
	case PLAN_NODE_BOOL:
		plan_buf_puts(buf, node->bool_value ? "true" : "false");
		break;
	case PLAN_NODE_NUMBER:
		if (!json)
			plan_buf_put_safe(buf, node->u.text, node->len);
		else if (json_number_text(node->u.text))
			plan_buf_put(buf, node->u.text, node->len);
		else if (isfinite(node->number))
			plan_buf_printf(buf, "%.17g", node->number);
		else
			plan_buf_put_json(buf, node->u.text, node->len);
		break;
	case PLAN_NODE_STRING:
		if (json) {
			plan_buf_put_json(buf, node->u.text, node->len);
		} else {
			plan_buf_putc(buf, '"');
			plan_buf_put_safe(buf, node->u.text, node->len);
			plan_buf_putc(buf, '"');
		}
		break;
	case PLAN_NODE_SEQUENCE:
		plan_buf_putc(buf, '[');
		for (uint32_t i = 0; i < node->len && !buf->failed; i++) {
			if (i)
				plan_buf_puts(buf, ", ");
			plan_node_put_value(buf, node->u.items[i], json);
		}
		plan_buf_putc(buf, ']');
		break;
	case PLAN_NODE_MAPPING:
		plan_buf_putc(buf, '{');
		for (uint32_t i = 0; i < node->len && !buf->failed; i++) {
			const plan_node *key = node->u.pairs[i].key;
			if (i)
				plan_buf_puts(buf, ", ");
			if (json)
				plan_buf_put_json(buf, key->u.text, key->len);
			else
				plan_buf_put_safe(buf, key->u.text, key->len);
			plan_buf_puts(buf, ": ");
			plan_node_put_value(buf, node->u.pairs[i].value, json);
		}
		plan_buf_putc(buf, '}');
		break;
	default:
		plan_buf_puts(buf, "null");
		break;
	}
	return buf->failed ? -1 : 0;
}

/* --- building the diff ------------------------------------------------------------ */

/* Fields are gathered in one array while the diff is built (each change
 * notes where its run starts), and the changes point into it at the end. */
typedef struct builder {
	plan_model_diff *diff;
	plan_field_change *fields;
	size_t nfields, cap_fields;
	size_t cap_items, cap_links, cap_documents;
	int oom;
} builder;

/* Whether a top-level key of a document is left out of its fields. */
typedef struct doc_skip {
	const plan_node **item_nodes;     /* the items' mappings of both versions, sorted */
	size_t n;
} doc_skip;

static int ptr_cmp(const void *x, const void *y)
{
	const void *a = *(const void *const *)x, *b = *(const void *const *)y;
	return a < b ? -1 : a > b;
}

static int holds_items(const doc_skip *skip, const plan_node *value)
{
	if (!skip || !value || value->type != PLAN_NODE_SEQUENCE)
		return 0;
	for (uint32_t i = 0; i < value->len; i++) {
		const plan_node *e = value->u.items[i];
		if (bsearch(&e, skip->item_nodes, skip->n, sizeof *skip->item_nodes, ptr_cmp))
			return 1;
	}
	return 0;
}

/* The document's identity is its kind and id: they are not fields. */
static int skipped(const doc_skip *skip, const plan_node *key, const plan_node *old_value,
	const plan_node *new_value)
{
	if (key->len == 2 && memcmp(key->u.text, "id", 2) == 0)
		return 1;
	if (!skip)
		return 0;
	if (key->len == 4 && memcmp(key->u.text, "kind", 4) == 0)
		return 1;
	return holds_items(skip, old_value) || holds_items(skip, new_value);
}

static void add_field(builder *b, const plan_buf *prefix, const plan_node *key,
	const plan_node *old_value, const plan_node *new_value)
{
	if (plan_array_reserve((void **)&b->fields, &b->cap_fields, b->nfields + 1,
	                       sizeof *b->fields) < 0) {
		b->oom = 1;
		return;
	}
	size_t n = prefix->len + key->len;
	char *path = plan_arena_alloc(b->diff->arena, n + 1);
	if (!path) {
		b->oom = 1;
		return;
	}
	if (prefix->len)
		memcpy(path, prefix->ptr, prefix->len);
	memcpy(path + prefix->len, key->u.text, key->len);
	path[n] = '\0';
	b->fields[b->nfields].path = path;
	b->fields[b->nfields].old_value = old_value;
	b->fields[b->nfields].new_value = new_value;
	b->nfields++;
}

/* The fields in which two mappings differ, into b->fields; nested mappings
 * are compared key by key, under "key." in `prefix`. */
static void diff_mapping(builder *b, plan_buf *prefix, const plan_node *old_map,
	const plan_node *new_map, const doc_skip *skip)
{
	keyed ko, kn;
	keyed_init(&ko, old_map);
	keyed_init(&kn, new_map);
	for (uint32_t i = 0; new_map && i < new_map->len && !b->oom; i++) {
		const plan_node *key = new_map->u.pairs[i].key, *nv = new_map->u.pairs[i].value;
		const plan_node *ov = keyed_get(&ko, key);
		/* The first of duplicate keys is the one that counts. */
		if (keyed_get(&kn, key) != nv || (prefix->len == 0 && skipped(skip, key, ov, nv)))
			continue;
		if (ov && ov->type == PLAN_NODE_MAPPING && nv->type == PLAN_NODE_MAPPING) {
			size_t len = prefix->len;
			plan_buf_put(prefix, key->u.text, key->len);
			plan_buf_putc(prefix, '.');
			if (prefix->failed)
				b->oom = 1;
			else
				diff_mapping(b, prefix, ov, nv, NULL);
			prefix->len = len;
			if (prefix->ptr)
				prefix->ptr[len] = '\0';
		} else if (!plan_node_equal(ov, nv)) {
			add_field(b, prefix, key, ov, nv);
		}
	}
	for (uint32_t i = 0; old_map && i < old_map->len && !b->oom; i++) {
		const plan_node *key = old_map->u.pairs[i].key, *ov = old_map->u.pairs[i].value;
		if (keyed_get(&ko, key) != ov || keyed_get(&kn, key) ||
		    (prefix->len == 0 && skipped(skip, key, ov, NULL)))
			continue;
		add_field(b, prefix, key, ov, NULL);
	}
	keyed_free(&ko);
	keyed_free(&kn);
}

/* Compare two versions; returns the number of fields added to b->fields. */
static size_t diff_fields(builder *b, const plan_node *old_map, const plan_node *new_map,
	const doc_skip *skip)
{
	size_t before = b->nfields;
	plan_buf prefix = PLAN_BUF_INIT;
	if (old_map && new_map && old_map->type == PLAN_NODE_MAPPING &&
	    new_map->type == PLAN_NODE_MAPPING)
		diff_mapping(b, &prefix, old_map, new_map, skip);
	plan_buf_free(&prefix);
	return b->nfields - before;
}

/* The order levels are listed in; -1 for what is not an item here. */
static int rank(uint8_t kind)
{
	switch (kind) {
	case PLAN_ITEM_KF_GOAL: return 0;
	case PLAN_ITEM_ASSIGNMENT: return 1;
	case PLAN_ITEM_DIRECTIVE_GOAL: return 2;
	case PLAN_ITEM_BODY_GOAL: return 3;
	case PLAN_ITEM_OFFICE_GOAL: return 4;
	case PLAN_ITEM_KPI: return 5;
	case PLAN_ITEM_ACTIVITY: return 6;
	case PLAN_ITEM_BODY: return 7;
	case PLAN_ITEM_OFFICE: return 8;
	case PLAN_ITEM_UNIT: return 9;
	default: return -1;
	}
}

static const char *file_of(const plan_item *item)
{
	return item->doc && item->doc->file && item->doc->file->path ? item->doc->file->path : "";
}

static int item_id_cmp(const void *x, const void *y)
{
	const plan_item *a = *(const plan_item *const *)x, *b = *(const plan_item *const *)y;
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The model's items that are compared, sorted by id. */
static const plan_item **items_by_id(const plan_model *m, size_t *n)
{
	const plan_item **v = malloc((m->nitems ? m->nitems : 1) * sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < m->nitems; i++)
		if (rank(m->items[i]->kind) >= 0 && m->items[i]->id)
			v[(*n)++] = m->items[i];
	qsort(v, *n, sizeof *v, item_id_cmp);
	return v;
}

static plan_item_change *add_item(builder *b, uint8_t change, const plan_item *old_item,
	const plan_item *new_item)
{
	plan_model_diff *d = b->diff;
	if (plan_array_reserve((void **)&d->items, &b->cap_items, d->nitems + 1, sizeof *d->items) < 0) {
		b->oom = 1;
		return NULL;
	}
	plan_item_change *c = &d->items[d->nitems++];
	memset(c, 0, sizeof *c);
	c->change = change;
	c->meaning = 1;
	c->old_item = old_item;
	c->new_item = new_item;
	return c;
}

static void compare_items(builder *b, const plan_item *o, const plan_item *n)
{
	size_t start = b->nfields;
	size_t nfields = diff_fields(b, o->node, n->node, NULL);
	int kind_changed = o->kind != n->kind;
	int moved = strcmp(file_of(o), file_of(n)) != 0;
	if (b->oom || (!nfields && !kind_changed && !moved))
		return;
	plan_item_change *c = add_item(b, PLAN_CHANGE_CHANGED, o, n);
	if (!c)
		return;
	c->kind_changed = (uint8_t)kind_changed;
	c->moved = (uint8_t)moved;
	c->meaning = (uint8_t)(kind_changed || !plan_node_meaning_equal(o->node, n->node));
	/* Pointers into b->fields are set once it stops growing. */
	c->fields = (plan_field_change *)(uintptr_t)start;
	c->nfields = nfields;
}

static const plan_item *item_of(const plan_item_change *c)
{
	return c->new_item ? c->new_item : c->old_item;
}

static int item_change_cmp(const void *x, const void *y)
{
	const plan_item_change *a = x, *b = y;
	int ra = rank(item_of(a)->kind), rb = rank(item_of(b)->kind);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	int ga = a->change == PLAN_CHANGE_REMOVED, gb = b->change == PLAN_CHANGE_REMOVED;
	if (ga != gb)
		return ga < gb ? -1 : 1;
	uint32_t ia = item_of(a)->index, ib = item_of(b)->index;
	return ia < ib ? -1 : ia > ib;
}

static void diff_items(builder *b, const plan_model *om, const plan_model *nm)
{
	size_t no = 0, nn = 0;
	const plan_item **ov = items_by_id(om, &no), **nv = items_by_id(nm, &nn);
	if (!ov || !nv) {
		b->oom = 1;
		goto cleanup;
	}
	size_t i = 0, j = 0;
	while ((i < no || j < nn) && !b->oom) {
		int c = i >= no ? 1 : j >= nn ? -1 : strcmp(ov[i]->id, nv[j]->id);
		if (c < 0) {
			add_item(b, PLAN_CHANGE_REMOVED, ov[i++], NULL);
		} else if (c > 0) {
			add_item(b, PLAN_CHANGE_ADDED, NULL, nv[j++]);
		} else {
			compare_items(b, ov[i], nv[j]);
			i++;
			j++;
		}
	}
cleanup:
	free(ov);
	free(nv);
}

/* --- links ------------------------------------------------------------------------ */

typedef struct link {
	const plan_item *from;
	const plan_ref *ref;
} link;

static int link_key_cmp(const link *a, const link *b)
{
	int c = strcmp(a->from->id, b->from->id);
	if (c)
		return c;
	if (a->ref->role != b->ref->role)
		return a->ref->role < b->ref->role ? -1 : 1;
	return strcmp(a->ref->id, b->ref->id);
}

static int link_cmp(const void *x, const void *y)
{
	return link_key_cmp(x, y);
}

/* Every upward link the model's items make, sorted, each (item id, role,
 * target id) once. */
static link *links_of(const plan_model *m, size_t *n)
{
	link *v = NULL;
	size_t count = 0, cap = 0;
	*n = 0;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *item = m->items[i];
		if (rank(item->kind) < 0 || !item->id)
			continue;
		for (size_t r = 0; r < item->nrefs; r++) {
			if (!plan_ref_is_upward(&item->refs[r]) || !item->refs[r].id)
				continue;
			if (plan_array_reserve((void **)&v, &cap, count + 1, sizeof *v) < 0) {
				free(v);
				return NULL;
			}
			v[count].from = item;
			v[count].ref = &item->refs[r];
			count++;
		}
	}
	if (!v && !(v = malloc(sizeof *v)))
		return NULL;
	qsort(v, count, sizeof *v, link_cmp);
	size_t unique = 0;
	for (size_t i = 0; i < count; i++)
		if (unique == 0 || link_key_cmp(&v[unique - 1], &v[i]) != 0)
			v[unique++] = v[i];
	*n = unique;
	return v;
}

static void add_link(builder *b, uint8_t change, const link *l)
{
	plan_model_diff *d = b->diff;
	if (plan_array_reserve((void **)&d->links, &b->cap_links, d->nlinks + 1, sizeof *d->links) < 0) {
		b->oom = 1;
		return;
	}
	plan_link_change *c = &d->links[d->nlinks++];
	c->change = change;
	c->role = l->ref->role;
	c->from = l->from;
	c->ref = l->ref;
}

static int link_change_cmp(const void *x, const void *y)
{
	const plan_link_change *a = x, *b = y;
	int ra = rank(a->from->kind), rb = rank(b->from->kind);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	link la = { a->from, a->ref }, lb = { b->from, b->ref };
	int c = link_key_cmp(&la, &lb);
	if (c)
		return c;
	int ga = a->change == PLAN_CHANGE_ADDED, gb = b->change == PLAN_CHANGE_ADDED;
	return ga < gb ? -1 : ga > gb;
}

static void diff_links(builder *b, const plan_model *om, const plan_model *nm)
{
	size_t no = 0, nn = 0;
	link *ov = links_of(om, &no), *nv = links_of(nm, &nn);
	if (!ov || !nv) {
		b->oom = 1;
		goto cleanup;
	}
	size_t i = 0, j = 0;
	while ((i < no || j < nn) && !b->oom) {
		int c = i >= no ? 1 : j >= nn ? -1 : link_key_cmp(&ov[i], &nv[j]);
		if (c < 0)
			add_link(b, PLAN_CHANGE_REMOVED, &ov[i++]);
		else if (c > 0)
			add_link(b, PLAN_CHANGE_ADDED, &nv[j++]);
		else {
			i++;
			j++;
		}
	}
cleanup:
	free(ov);
	free(nv);
}

/* --- documents ----------------------------------------------------------------------- */

typedef struct doc_entry {
	const plan_document *doc;
	size_t order;
} doc_entry;

static int doc_key_cmp(const plan_document *a, const plan_document *b)
{
	int c = strcmp(a->file && a->file->path ? a->file->path : "",
		b->file && b->file->path ? b->file->path : "");
	if (c)
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

static int doc_entry_cmp(const void *x, const void *y)
{
	const doc_entry *a = x, *b = y;
	int c = doc_key_cmp(a->doc, b->doc);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static doc_entry *docs_sorted(const plan_model *m)
{
	doc_entry *v = malloc((m->ndocs ? m->ndocs : 1) * sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < m->ndocs; i++) {
		v[i].doc = m->docs[i];
		v[i].order = i;
	}
	qsort(v, m->ndocs, sizeof *v, doc_entry_cmp);
	return v;
}

static plan_document_change *add_document(builder *b, uint8_t change,
	const plan_document *o, const plan_document *n)
{
	plan_model_diff *d = b->diff;
	if (plan_array_reserve((void **)&d->documents, &b->cap_documents, d->ndocuments + 1,
	                       sizeof *d->documents) < 0) {
		b->oom = 1;
		return NULL;
	}
	plan_document_change *c = &d->documents[d->ndocuments++];
	memset(c, 0, sizeof *c);
	c->change = change;
	c->old_doc = o;
	c->new_doc = n;
	return c;
}

static void compare_documents(builder *b, const plan_document *o, const plan_document *n)
{
	doc_skip skip = { NULL, 0 };
	size_t total = o->nitems + n->nitems;
	skip.item_nodes = malloc((total ? total : 1) * sizeof *skip.item_nodes);
	if (!skip.item_nodes) {
		b->oom = 1;
		return;
	}
	for (size_t i = 0; i < o->nitems; i++)
		skip.item_nodes[skip.n++] = o->items[i]->node;
	for (size_t i = 0; i < n->nitems; i++)
		skip.item_nodes[skip.n++] = n->items[i]->node;
	qsort(skip.item_nodes, skip.n, sizeof *skip.item_nodes, ptr_cmp);
	size_t start = b->nfields;
	size_t nfields = diff_fields(b, o->root, n->root, &skip);
	free(skip.item_nodes);
	if (b->oom || !nfields)
		return;
	plan_document_change *c = add_document(b, PLAN_CHANGE_CHANGED, o, n);
	if (c) {
		c->fields = (plan_field_change *)(uintptr_t)start;
		c->nfields = nfields;
	}
}

static void diff_documents(builder *b, const plan_model *om, const plan_model *nm)
{
	doc_entry *ov = docs_sorted(om), *nv = docs_sorted(nm);
	if (!ov || !nv) {
		b->oom = 1;
		goto cleanup;
	}
	size_t i = 0, j = 0;
	while ((i < om->ndocs || j < nm->ndocs) && !b->oom) {
		int c = i >= om->ndocs ? 1 : j >= nm->ndocs ? -1 : doc_key_cmp(ov[i].doc, nv[j].doc);
		if (c < 0) {
			add_document(b, PLAN_CHANGE_REMOVED, ov[i++].doc, NULL);
		} else if (c > 0) {
			add_document(b, PLAN_CHANGE_ADDED, NULL, nv[j++].doc);
		} else {
			compare_documents(b, ov[i].doc, nv[j].doc);
			i++;
			j++;
		}
	}
cleanup:
	free(ov);
	free(nv);
}

void plan_model_diff_free(plan_model_diff *diff)
{
	if (!diff)
		return;
	plan_arena_free(diff->arena);
	free(diff->items);
	free(diff->links);
	free(diff->documents);
	free(diff);
}

int plan_model_diff_build(plan_model_diff **out, const plan_model *old_model,
	const plan_model *new_model)
{
	*out = NULL;
	plan_model_diff *d = calloc(1, sizeof *d);
	builder b;
	memset(&b, 0, sizeof b);
	if (!d || !(d->arena = plan_arena_new())) {
		free(d);
		return -1;
	}
	b.diff = d;
	diff_items(&b, old_model, new_model);
	diff_links(&b, old_model, new_model);
	diff_documents(&b, old_model, new_model);
	if (b.oom)
		goto fail;

	/* The fields go to the arena, where the changes can point at them. */
	plan_field_change *fields = NULL;
	if (b.nfields) {
		fields = plan_arena_alloc(d->arena, b.nfields * sizeof *fields);
		if (!fields)
			goto fail;
		memcpy(fields, b.fields, b.nfields * sizeof *fields);
	}
	free(b.fields);
	b.fields = NULL;
	for (size_t i = 0; i < d->nitems; i++) {
		plan_item_change *c = &d->items[i];
		c->fields = c->nfields ? fields + (uintptr_t)c->fields : NULL;
		if (c->change == PLAN_CHANGE_ADDED)
			d->items_added++;
		else if (c->change == PLAN_CHANGE_REMOVED)
			d->items_removed++;
		else
			d->items_changed++;
	}
	for (size_t i = 0; i < d->ndocuments; i++) {
		plan_document_change *c = &d->documents[i];
		c->fields = c->nfields ? fields + (uintptr_t)c->fields : NULL;
		if (c->change == PLAN_CHANGE_ADDED)
			d->documents_added++;
		else if (c->change == PLAN_CHANGE_REMOVED)
			d->documents_removed++;
		else
			d->documents_changed++;
	}
	for (size_t i = 0; i < d->nlinks; i++) {
		if (d->links[i].change == PLAN_CHANGE_ADDED)
			d->links_added++;
		else
			d->links_removed++;
	}
	if (d->nitems)
		qsort(d->items, d->nitems, sizeof *d->items, item_change_cmp);
	if (d->nlinks)
		qsort(d->links, d->nlinks, sizeof *d->links, link_change_cmp);
	*out = d;
	return 0;

fail:
	free(b.fields);
	plan_model_diff_free(d);
	return -1;
}

/* --- suspect links ----------------------------------------------------------------------- */

typedef struct suspect_builder {
	plan_suspects *s;
	size_t cap;
	int oom;
} suspect_builder;

/* The first valid upward link of `from` to `to`. */
static const plan_ref *link_to(const plan_item *from, const plan_item *to)
{
	for (size_t r = 0; r < from->nrefs; r++) {
		const plan_ref *ref = &from->refs[r];
		if (ref->valid && ref->target == to && plan_ref_is_upward(ref))
			return ref;
	}
	return NULL;
}

static void add_suspect(suspect_builder *sb, const plan_item *from, const plan_item *to,
	const plan_item *const *up, const plan_item_change *origin)
{
	const plan_ref *ref = link_to(from, to);
	if (!ref)
		return;
	size_t n = 2;
	for (const plan_item *p = to; p != item_of(origin); p = up[p->index])
		n++;
	const plan_item **chain = plan_arena_alloc(sb->s->arena, n * sizeof *chain);
	if (!chain || plan_array_reserve((void **)&sb->s->items, &sb->cap, sb->s->count + 1,
	                                 sizeof *sb->s->items) < 0) {
		sb->oom = 1;
		return;
	}
	size_t k = 0;
	chain[k++] = from;
	for (const plan_item *p = to; ; p = up[p->index]) {
		chain[k++] = p;
		if (p == item_of(origin))
			break;
	}
	plan_suspect *s = &sb->s->items[sb->s->count++];
	s->from = from;
	s->ref = ref;
	s->chain = chain;
	s->nchain = k;
	s->origin = origin;
}

void plan_suspects_free(plan_suspects *suspects)
{
	if (!suspects)
		return;
	plan_arena_free(suspects->arena);
	free(suspects->items);
	free(suspects);
}

int plan_suspects_find(plan_suspects **out, const plan_model_diff *diff,
	const plan_model *new_model)
{
	*out = NULL;
	size_t n = new_model->nitems ? new_model->nitems : 1;
	suspect_builder sb = { NULL, 0, 0 };
	const plan_item_change **changed = calloc(n, sizeof *changed);
	const plan_item **up = calloc(n, sizeof *up);
	const plan_item **queue = malloc(n * sizeof *queue);
	size_t *seen = calloc(n, sizeof *seen);        /* walk number + 1 that reached it */
	uint64_t *via = calloc(n, sizeof *via);        /* (walk, parent) that listed it last */
	int rc = -1;
	sb.s = calloc(1, sizeof *sb.s);
	if (!changed || !up || !queue || !seen || !via || !sb.s ||
	    !(sb.s->arena = plan_arena_new()))
		goto cleanup;

	for (size_t i = 0; i < diff->nitems; i++) {
		const plan_item_change *c = &diff->items[i];
		if (c->new_item && c->meaning && c->new_item->index < new_model->nitems &&
		    new_model->items[c->new_item->index] == c->new_item)
			changed[c->new_item->index] = c;
	}

	/* One breadth-first walk down from each changed item, through the items
	 * that did not change; `seen` and `via` hold walk numbers, so nothing is
	 * cleared between walks. */
	size_t walk = 0;
	for (size_t i = 0; i < diff->nitems && !sb.oom; i++) {
		const plan_item_change *c = &diff->items[i];
		if (!c->new_item || changed[c->new_item->index] != c)
			continue;
		walk++;
		size_t head = 0, tail = 0;
		queue[tail++] = c->new_item;
		seen[c->new_item->index] = walk;
		while (head < tail && !sb.oom) {
			const plan_item *p = queue[head++];
			for (size_t k = 0; k < p->nchildren; k++) {
				const plan_item *child = p->children[k];
				uint64_t key = ((uint64_t)walk << 32) | p->index;
				if (via[child->index] == key)
					continue;            /* listed twice under p */
				via[child->index] = key;
				if (changed[child->index])
					continue;            /* its own change is reviewed with it */
				add_suspect(&sb, child, p, up, c);
				if (seen[child->index] != walk) {
					seen[child->index] = walk;
					up[child->index] = p;
					queue[tail++] = child;
				}
			}
		}
	}
	if (sb.oom)
		goto cleanup;

	/* Distinct links: sort (from, ref) pairs and count the runs. */
	if (sb.s->count) {
		const plan_ref **refs = malloc(sb.s->count * sizeof *refs);
		if (!refs)
			goto cleanup;
		for (size_t i = 0; i < sb.s->count; i++)
			refs[i] = sb.s->items[i].ref;
		qsort(refs, sb.s->count, sizeof *refs, ptr_cmp);
		for (size_t i = 0; i < sb.s->count; i++)
			if (i == 0 || refs[i] != refs[i - 1])
				sb.s->links++;
		free(refs);
	}
	*out = sb.s;
	sb.s = NULL;
	rc = 0;

cleanup:
	plan_suspects_free(sb.s);
	free(changed);
	free(up);
	free(queue);
	free(seen);
	free(via);
	return rc;
}
