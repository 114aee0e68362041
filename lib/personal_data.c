/* personal_data.c: rule personal-data: find Swedish personal identity numbers
 * in any scalar of a document, and report them without repeating them. */
#include "plan/personal_data.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "array.h"

/* --- recognising a number ------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int two_digits(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* `n` (10 or 12) digits without separator: is the date real and the check
 * digit right? The Luhn sum always covers the last ten digits, so the
 * century of the 12-digit form only matters for 29 February. */
static int valid_digits(const char *d, size_t n)
{
	static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *ten = d + (n - 10);
	int month = two_digits(ten + 2);
	int day = two_digits(ten + 4);
	if (month < 1 || month > 12)
		return 0;
	if (day > 60)
		day -= 60;   /* samordningsnummer: the birth day plus 60 */
	if (day < 1 || day > month_days[month - 1])
		return 0;
	if (n == 12) {
		/* Only centuries people now living or on record were born in:
		 * a twelve-digit account or reference number seldom starts so. */
		int century = two_digits(d);
		if (century < 18 || century > 20)
			return 0;
		if (month == 2 && day == 29 && !is_leap(century * 100 + two_digits(d + 2)))
			return 0;
	}
	int sum = 0;
	for (int i = 0; i < 10; i++) {
		int v = ten[i] - '0';
		if (i % 2 == 0) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* Where the next digit at or after `i` is, or `len`. Plan text is mostly
 * letters: eight bytes at a time are passed over while none is a digit (a
 * byte XOR '0' is below ten just for digits). */
static size_t next_digit(const char *text, size_t i, size_t len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	for (; i + 8 <= len; i += 8) {
		uint64_t word;
		memcpy(&word, text + i, 8);
		uint64_t t = word ^ (ones * '0');
		if ((t - ones * 10) & ~t & (ones * 0x80))
			break;
	}
	while (i < len && !is_digit(text[i]))
		i++;
	return i;
}

int plan_personnummer_find(const char *text, size_t len, size_t *offset, size_t *length)
{
	size_t i = 0;
	while (i < len) {
		if (!is_digit(text[i])) {
			i = next_digit(text, i, len);
			continue;
		}
		/* Take the whole run of digits at once, so that nothing inside a
		 * longer run (an account or card number) is ever a candidate and
		 * every byte is looked at a bounded number of times. */
		size_t start = i;
		while (i < len && is_digit(text[i]))
			i++;
		size_t run = i - start;
		size_t span = 0;
		if (run == 10 || run == 12) {
			if (valid_digits(text + start, run))
				span = run;
		} else if ((run == 6 || run == 8) && len - i >= 5 &&
		           (text[i] == '-' || text[i] == '+') &&
		           is_digit(text[i + 1]) && is_digit(text[i + 2]) &&
		           is_digit(text[i + 3]) && is_digit(text[i + 4]) &&
		           (len - i == 5 || !is_digit(text[i + 5]))) {
			char d[12];
			for (size_t k = 0; k < run; k++)
				d[k] = text[start + k];
			for (size_t k = 0; k < 4; k++)
				d[run + k] = text[i + 1 + k];
			if (valid_digits(d, run + 4))
				span = run + 5;
		}
		if (span) {
			if (offset)
				*offset = start;
			if (length)
				*length = span;
			return 1;
		}
		/* A failed separator form resumes at the separator: its last four
		 * digits are then a run of four, which is never a candidate. */
	}
	return 0;
}

/* --- walking the tree ------------------------------------------------------ */

/* A set of pointers (open addressing), to see a node shared through aliases
 * once: collections by node, scalars by text, because an alias used as a key
 * is a copy of its anchor's node that keeps the anchor's text. */
typedef struct ptrset {
	const void **slots;
	size_t cap;        /* a power of two, or 0 */
	size_t n;
} ptrset;

static size_t ptr_hash(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return (size_t)h;
}

static void ptrset_put(const void **slots, size_t cap, const void *p)
{
	size_t i = ptr_hash(p) & (cap - 1);
	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = p;
}

/* 1 when `p` was added, 0 when it was there already, -1 when memory ran out. */
static int ptrset_add(ptrset *s, const void *p)
{
	if (s->cap) {
		size_t i = ptr_hash(p) & (s->cap - 1);
		for (; s->slots[i]; i = (i + 1) & (s->cap - 1))
			if (s->slots[i] == p)
				return 0;
	}
	/* At most half full, so that probes stay short. */
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		if (cap < s->cap || cap > SIZE_MAX / sizeof *s->slots)
			return -1;
		const void **slots = calloc(cap, sizeof *slots);
		if (!slots)
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				ptrset_put(slots, cap, s->slots[i]);
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	ptrset_put(s->slots, s->cap, p);
	s->n++;
	return 1;
}

/* One open collection on the walk, and the child being looked at
 * (`next` - 1), which makes the frames also the path to the current node. */
typedef struct frame {
	const plan_node *node;
	uint32_t next;
} frame;

typedef struct walker {
	const char *file;
	plan_diags *diags;
	frame *frames;     /* an explicit stack, so that no tree (aliases make
	                    * them deeper than written) is too deep for C's */
	size_t depth, cap;
	ptrset seen;
} walker;

/* "goals[id=KF-1].title" (or "goals[0].title" for an item without an id):
 * the path through the first `nframes` frames. */
static void render_path(const walker *w, size_t nframes, plan_buf *out)
{
	for (size_t k = 0; k < nframes; k++) {
		const plan_node *node = w->frames[k].node;
		uint32_t i = w->frames[k].next - 1;
		if (node->type == PLAN_NODE_MAPPING) {
			if (k > 0)
				plan_buf_putc(out, '.');
			plan_buf_put(out, node->u.pairs[i].key->u.text, node->u.pairs[i].key->len);
		} else {
			/* A list item with an id is named by it, as schema keys are,
			 * so that the key stays when items are inserted (--base). */
			const plan_node *id = plan_node_get(node->u.items[i], "id");
			if (id && id->type == PLAN_NODE_STRING)
				plan_buf_printf(out, "[id=%s]", id->u.text);
			else
				plan_buf_printf(out, "[%u]", (unsigned)i);
		}
	}
}

/* Check one scalar; its path is that of the first `nframes` frames. Returns
 * -1 only when memory ran out. */
static int check_scalar(walker *w, const plan_node *node, int is_key, size_t nframes)
{
	/* A number has at least ten digits: shorter text cannot hold one. */
	if (!node->u.text || node->len < 10 ||
	    !plan_personnummer_find(node->u.text, node->len, NULL, NULL))
		return 0;
	int added = ptrset_add(&w->seen, node->u.text);
	if (added <= 0)
		return added;
	plan_buf path = PLAN_BUF_INIT;
	render_path(w, nframes, &path);
	/* A key holding the number would carry it into the diagnostic's key,
	 * which is printed and what --base matches on: better no key at all. */
	const char *key = path.ptr;
	if (path.failed || path.len == 0 || plan_personnummer_find(path.ptr, path.len, NULL, NULL))
		key = NULL;
	if (is_key)
		plan_diags_add(w->diags, w->file, node->line, node->column, "personal-data", key,
			"this key contains a Swedish personal identity number (personnummer); "
			"remove it: plan repositories are often public");
	else if (node->type == PLAN_NODE_STRING)
		plan_diags_add(w->diags, w->file, node->line, node->column, "personal-data", key,
			"this text contains a Swedish personal identity number (personnummer); "
			"remove it: plan repositories are often public");
	else
		plan_diags_add(w->diags, w->file, node->line, node->column, "personal-data", key,
			"this value contains a Swedish personal identity number (personnummer); "
			"remove it: plan repositories are often public");
	plan_buf_free(&path);
	return 0;
}

/* Look at a child of the top frame (or the root): check a scalar, open a
 * collection not seen before. Returns -1 only when memory ran out. */
static int visit(walker *w, const plan_node *node)
{
	if (!plan_node_is_collection(node))
		return check_scalar(w, node, 0, w->depth);
	/* Only a node an alias names can come again: walk it once. */
	if (node->shared) {
		int added = ptrset_add(&w->seen, node);
		if (added <= 0)
			return added;   /* already walked: everything below it was checked */
	}
	if (plan_array_reserve((void **)&w->frames, &w->cap, w->depth + 1, sizeof *w->frames) < 0)
		return -1;
	w->frames[w->depth].node = node;
	w->frames[w->depth].next = 0;
	w->depth++;
	return 0;
}

void plan_rules_personal_data(const char *file, const plan_node *root, plan_diags *diags)
{
	if (!root)
		return;
	walker w = { file, diags, NULL, 0, 0, { NULL, 0, 0 } };
	int oom = visit(&w, root) < 0;
	while (!oom && w.depth > 0) {
		frame *top = &w.frames[w.depth - 1];
		if (top->next >= top->node->len) {
			w.depth--;
			continue;
		}
		uint32_t i = top->next++;
		const plan_node *child;
		if (top->node->type == PLAN_NODE_MAPPING) {
			const plan_pair *pair = &top->node->u.pairs[i];
			/* A key's path is its mapping's: the key itself is what
			 * holds the number. */
			if (!plan_node_is_collection(pair->key) &&
			    check_scalar(&w, pair->key, 1, w.depth - 1) < 0) {
				oom = 1;
				break;
			}
			child = pair->value;
		} else {
			child = top->node->u.items[i];
		}
		oom = visit(&w, child) < 0;
	}
	if (oom)
		plan_diags_add(diags, file, root->line, root->column, "limit", NULL,
			"out of memory while checking this document for personal data");
	free(w.frames);
	free(w.seen.slots);
}
