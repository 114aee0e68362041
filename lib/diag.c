/* diag.c: the list of diagnostics: adding, merging, overriding, sorting. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "plan/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "plan/buf.h"

struct plan_diags {
	plan_diag *items;
	size_t count;
	size_t cap;
	int oom;
	plan_lang lang;  /* the language messages are added in */
};

plan_diags *plan_diags_new(void)
{
	plan_diags *diags = calloc(1, sizeof(plan_diags));
	if (diags)
		diags->lang = PLAN_LANG_EN;
	return diags;
}

void plan_diags_set_lang(plan_diags *diags, plan_lang lang)
{
	diags->lang = lang;
}

plan_lang plan_diags_lang(const plan_diags *diags)
{
	return diags ? diags->lang : PLAN_LANG_EN;
}

static void diag_release(plan_diag *d)
{
	free((char *)d->file);
	free((char *)d->key);
	free((char *)d->message);
	free((char *)d->item);
	free((char *)d->pointer);
	free((char *)d->suggestion);
}

void plan_diags_free(plan_diags *diags)
{
	if (!diags)
		return;
	for (size_t i = 0; i < diags->count; i++)
		diag_release(&diags->items[i]);
	free(diags->items);
	free(diags);
}

static int reserve(plan_diags *diags, size_t extra)
{
	if (plan_array_reserve((void **)&diags->items, &diags->cap, diags->count + extra,
	                       sizeof *diags->items) < 0) {
		diags->oom = 1;
		return -1;
	}
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int plan_diags_add(plan_diags *diags, const char *file, uint32_t line,
	uint32_t column, const char *rule, const char *key, const char *fmt, ...)
{
	const plan_rule *info = plan_rule_find(rule);
	if (reserve(diags, 1) < 0)
		return -1;
	plan_buf msg = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	/* The catalogue's text has the English one's conversions (the build
	 * checks), so the arguments fit either. */
	plan_buf_vprintf(&msg, plan_tr(diags->lang, fmt), ap);
	va_end(ap);
	plan_diag d = {
		.file = dup_or_null(file ? file : ""),
		.line = line,
		.column = column,
		.severity = info ? info->severity : PLAN_SEVERITY_ERROR,
		.rule = info ? info->id : rule,
		.key = dup_or_null(key),
		.message = plan_buf_detach(&msg),
	};
	if (!d.file || !d.message || (key && !d.key)) {
		diag_release(&d);
		diags->oom = 1;
		return -1;
	}
	diags->items[diags->count++] = d;
	return 0;
}

int plan_diags_append(plan_diags *diags, const plan_diag *d)
{
	const plan_rule *info = d->rule ? plan_rule_find(d->rule) : NULL;
	if (!info || !d->file || !d->message)
		return -1;
	if (reserve(diags, 1) < 0)
		return -1;
	plan_diag copy = *d;
	copy.rule = info->id;
	copy.file = strdup(d->file);
	copy.message = strdup(d->message);
	copy.key = dup_or_null(d->key);
	copy.item = dup_or_null(d->item);
	copy.pointer = dup_or_null(d->pointer);
	copy.suggestion = dup_or_null(d->suggestion);
	if (!copy.file || !copy.message || (d->key && !copy.key) || (d->item && !copy.item) ||
	    (d->pointer && !copy.pointer) || (d->suggestion && !copy.suggestion)) {
		diag_release(&copy);
		diags->oom = 1;
		return -1;
	}
	diags->items[diags->count++] = copy;
	return 0;
}

/* Replace *slot with a copy of `s` unless `s` is NULL. */
static int set_copy(const char **slot, const char *s)
{
	if (!s)
		return 0;
	char *copy = strdup(s);
	if (!copy)
		return -1;
	free((char *)*slot);
	*slot = copy;
	return 0;
}

int plan_diags_detail(plan_diags *diags, const plan_diag_detail *detail)
{
	return diags->count ? plan_diags_detail_at(diags, diags->count - 1, detail) : -1;
}

int plan_diags_detail_at(plan_diags *diags, size_t index, const plan_diag_detail *detail)
{
	if (index >= diags->count)
		return -1;
	plan_diag *d = &diags->items[index];
	if (set_copy(&d->item, detail->item) < 0 || set_copy(&d->pointer, detail->pointer) < 0 ||
	    set_copy(&d->suggestion, detail->suggestion) < 0) {
		diags->oom = 1;
		return -1;
	}
	if (detail->end_line) {
		d->end_line = detail->end_line;
		d->end_column = detail->end_column;
	}
	return 0;
}

int plan_diags_take(plan_diags *dst, plan_diags *src)
{
	if (src->count == 0)
		return 0;
	if (reserve(dst, src->count) < 0)
		return -1;
	memcpy(dst->items + dst->count, src->items, src->count * sizeof *src->items);
	dst->count += src->count;
	dst->oom |= src->oom;
	src->count = 0;
	return 0;
}

int plan_diags_move_if(plan_diags *dst, plan_diags *src,
	int (*pick)(void *ctx, const plan_diag *d), void *ctx)
{
	/* Room for all first, so that a failure leaves both lists whole. */
	if (dst && reserve(dst, src->count) < 0)
		return -1;
	size_t kept = 0;
	for (size_t i = 0; i < src->count; i++) {
		plan_diag *d = &src->items[i];
		if (!pick(ctx, d))
			src->items[kept++] = *d;
		else if (dst)
			dst->items[dst->count++] = *d;
		else
			diag_release(d);
	}
	src->count = kept;
	return 0;
}

typedef struct file_list {
	const char *const *files;
	size_t count;
} file_list;

static int in_none(void *ctx, const plan_diag *d)
{
	const file_list *l = ctx;
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(d->file, l->files[i]) == 0)
			return 0;
	return 1;
}

void plan_diags_keep_files(plan_diags *diags, const char *const *files, size_t nfiles)
{
	file_list l = { files, nfiles };
	/* Freeing needs no room, so this cannot fail. */
	plan_diags_move_if(NULL, diags, in_none, &l);
}

void plan_diags_override(plan_diags *diags, const char *rule, plan_severity severity)
{
	const plan_rule *info = plan_rule_find(rule);
	if (!info || !info->configurable)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < diags->count; i++) {
		plan_diag *d = &diags->items[i];
		if (strcmp(d->rule, info->id) == 0) {
			if (severity == PLAN_SEVERITY_OFF) {
				diag_release(d);
				continue;
			}
			d->severity = severity;
		}
		diags->items[kept++] = *d;
	}
	diags->count = kept;
}

static int compare(const void *pa, const void *pb)
{
	const plan_diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	return strcmp(a->message, b->message);
}

void plan_diags_sort(plan_diags *diags)
{
	if (diags->count > 1)
		qsort(diags->items, diags->count, sizeof *diags->items, compare);
}

/* --- subtracting a base (plan-validate --base) ------------------------------ */

/* Messages compared with every run of ASCII digits equal to any other:
 * messages without a key quote line numbers, which move with the fault. */
static int compare_digits_blind(const char *a, const char *b)
{
	for (;;) {
		int da = *a >= '0' && *a <= '9', db = *b >= '0' && *b <= '9';
		if (da && db) {
			while (*a >= '0' && *a <= '9')
				a++;
			while (*b >= '0' && *b <= '9')
				b++;
			continue;
		}
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
}

/* What makes two diagnostics the same fault: file, rule, and the key (or,
 * with none, the message). */
static int compare_identity(const plan_diag *a, const plan_diag *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	if (!a->key != !b->key)
		return a->key ? 1 : -1;
	return a->key ? strcmp(a->key, b->key) : compare_digits_blind(a->message, b->message);
}

static int compare_exact(const plan_diag *a, const plan_diag *b)
{
	int c = compare_identity(a, b);
	return c ? c : strcmp(a->message, b->message);
}

/* Identity, then message, then position: a total order, so that which of
 * several same ones pair up does not depend on qsort. */
static int compare_for_matching(const void *pa, const void *pb)
{
	const plan_diag *a = *(const plan_diag *const *)pa;
	const plan_diag *b = *(const plan_diag *const *)pb;
	int c = compare_exact(a, b);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

/* Pair up unmatched entries of two sorted lists that `same` calls equal,
 * walking both once: sorted by identity first, the unmatched ones of each
 * stay in identity order. */
static void pair_up(const plan_diag **h, unsigned char *hm, size_t nh,
	const plan_diag **b, unsigned char *bm, size_t nb,
	int (*same)(const plan_diag *, const plan_diag *))
{
	size_t i = 0, j = 0;
	while (i < nh && j < nb) {
		if (hm[i]) {
			i++;
			continue;
		}
		if (bm[j]) {
			j++;
			continue;
		}
		int c = same(h[i], b[j]);
		if (c == 0) {
			hm[i++] = 1;
			bm[j++] = 1;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
}

int plan_diags_subtract(plan_diags *head, const plan_diags *base)
{
	if (head->count == 0 || base->count == 0)
		return 0;
	int rc = -1;
	size_t nh = head->count, nb = base->count;
	const plan_diag **h = malloc(nh * sizeof *h);
	const plan_diag **b = malloc(nb * sizeof *b);
	unsigned char *hm = calloc(nh, 1);
	unsigned char *bm = calloc(nb, 1);
	unsigned char *gone = calloc(nh, 1);
	if (!h || !b || !hm || !bm || !gone)
		goto cleanup;
	for (size_t i = 0; i < nh; i++)
		h[i] = &head->items[i];
	for (size_t j = 0; j < nb; j++)
		b[j] = &base->items[j];
	qsort(h, nh, sizeof *h, compare_for_matching);
	qsort(b, nb, sizeof *b, compare_for_matching);
	/* Equal messages first, then whatever is left of the same fault. */
	pair_up(h, hm, nh, b, bm, nb, compare_exact);
	pair_up(h, hm, nh, b, bm, nb, compare_identity);
	for (size_t i = 0; i < nh; i++)
		if (hm[i])
			gone[h[i] - head->items] = 1;
	size_t kept = 0;
	for (size_t i = 0; i < nh; i++) {
		if (gone[i])
			diag_release(&head->items[i]);
		else
			head->items[kept++] = head->items[i];
	}
	head->count = kept;
	rc = 0;

cleanup:
	free(h);
	free(b);
	free(hm);
	free(bm);
	free(gone);
	return rc;
}

size_t plan_diags_count(const plan_diags *diags)
{
	return diags->count;
}

const plan_diag *plan_diags_get(const plan_diags *diags, size_t index)
{
	return index < diags->count ? &diags->items[index] : NULL;
}

size_t plan_diags_count_severity(const plan_diags *diags, plan_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++)
		n += diags->items[i].severity == severity;
	return n;
}

int plan_diags_input_failed(const plan_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const char *r = diags->items[i].rule;
		if (strcmp(r, "io") == 0 || strcmp(r, "limit") == 0)
			return 1;
	}
	return 0;
}

int plan_diags_oom(const plan_diags *diags)
{
	return diags->oom;
}
