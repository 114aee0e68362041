/* kolada.c: rows of a Kolada data API file, read with the YAML loader. */
#include "plan/kolada.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/diag.h"

typedef struct row {
	const char *kpi;
	const char *municipality;
	int year;
	int has_total;
	plan_kolada_value value;
} row;

struct plan_kolada {
	plan_file **files;     /* own the strings rows point to */
	size_t nfiles;
	row *rows;
	size_t nrows, skipped;
};

static const char *text_of(const plan_node *n)
{
	return n && (n->type == PLAN_NODE_STRING || n->type == PLAN_NODE_NUMBER) ? n->u.text : NULL;
}

/* Kolada writes years as numbers (2025); a string "2025" is read too. */
static int year_of(const plan_node *n)
{
	if (!n)
		return 0;
	if (n->type == PLAN_NODE_NUMBER)
		return n->is_integer && n->number >= 1000 && n->number <= 9999 ? (int)n->number : 0;
	if (n->type != PLAN_NODE_STRING || n->len != 4)
		return 0;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (n->u.text[i] < '0' || n->u.text[i] > '9')
			return 0;
		y = y * 10 + (n->u.text[i] - '0');
	}
	return y;
}

static void read_genders(row *r, const plan_node *values)
{
	for (uint32_t i = 0; values && values->type == PLAN_NODE_SEQUENCE && i < values->len; i++) {
		const plan_node *v = values->u.items[i];
		const plan_node *gender = plan_node_get(v, "gender");
		const plan_node *value = plan_node_get(v, "value");
		/* Kolada writes null for a value it does not have. */
		if (!value || value->type != PLAN_NODE_NUMBER || !isfinite(value->number))
			continue;
		if (plan_node_is_string(gender, "T")) {
			r->has_total = 1;
			r->value.total = value->number;
		} else if (plan_node_is_string(gender, "K")) {
			r->value.has_women = 1;
			r->value.women = value->number;
		} else if (plan_node_is_string(gender, "M")) {
			r->value.has_men = 1;
			r->value.men = value->number;
		}
	}
}

int plan_kolada_load(plan_kolada **out, const char *name, const char *text, size_t len,
	const plan_limits *limits, plan_error *err)
{
	*out = NULL;
	plan_kolada *k = calloc(1, sizeof *k);
	plan_diags *diags = plan_diags_new();
	if (k && !(k->files = calloc(1, sizeof *k->files)))
		k = (free(k), NULL);
	if (!k || !diags) {
		plan_error_set(err, "out of memory");
		goto fail;
	}
	/* A fault in the file becomes err's message: in err's language. */
	if (err)
		plan_diags_set_lang(diags, err->lang);
	if (plan_file_load(&k->files[0], name, text, len, limits, diags) < 0) {
		plan_error_set(err, "out of memory");
		goto fail;
	}
	if (plan_diags_count_severity(diags, PLAN_SEVERITY_ERROR) > 0) {
		const plan_diag *d = NULL;
		for (size_t i = 0; i < plan_diags_count(diags) && !d; i++)
			if (plan_diags_get(diags, i)->severity == PLAN_SEVERITY_ERROR)
				d = plan_diags_get(diags, i);
		if (d->line)
			plan_error_set(err, "%s:%u:%u: %s", name, (unsigned)d->line, (unsigned)d->column, d->message);
		else
			plan_error_set(err, "%s: %s", name, d->message);
		goto fail;
	}
	k->nfiles = 1;
	const plan_file *file = k->files[0];
	const plan_node *root = file->ndocs ? file->docs[0].root : NULL;
	const plan_node *values = plan_node_get(root, "values");
	if (file->ndocs != 1 || !values || values->type != PLAN_NODE_SEQUENCE) {
		plan_error_set(err, "%s: not in the shape of Kolada's data API: expected one object "
			"with a 'values' list", name);
		goto fail;
	}
	k->rows = values->len ? calloc(values->len, sizeof *k->rows) : NULL;
	if (values->len && !k->rows) {
		plan_error_set(err, "out of memory");
		goto fail;
	}
	for (uint32_t i = 0; i < values->len; i++) {
		const plan_node *v = values->u.items[i];
		row r = { 0 };
		r.kpi = text_of(plan_node_get(v, "kpi"));
		r.municipality = text_of(plan_node_get(v, "municipality"));
		r.year = year_of(plan_node_get(v, "period"));
		if (!r.kpi || !r.municipality || !r.year) {
			k->skipped++;
			continue;
		}
		read_genders(&r, plan_node_get(v, "values"));
		k->rows[k->nrows++] = r;
	}
	plan_diags_free(diags);
	*out = k;
	return 0;
fail:
	plan_diags_free(diags);
	plan_kolada_free(k);
	return -1;
}

void plan_kolada_free(plan_kolada *k)
{
	if (!k)
		return;
	free(k->rows);
	/* files[0] may be set when loading it failed half way. */
	for (size_t i = 0; i < (k->nfiles ? k->nfiles : 1) && k->files; i++)
		plan_file_free(k->files[i]);
	free(k->files);
	free(k);
}

int plan_kolada_merge(plan_kolada *into, plan_kolada *from)
{
	row *rows = realloc(into->rows, (into->nrows + from->nrows + 1) * sizeof *rows);
	if (!rows)
		return -1;
	into->rows = rows;
	plan_file **files = realloc(into->files, (into->nfiles + from->nfiles) * sizeof *files);
	if (!files)
		return -1;
	into->files = files;
	memcpy(into->rows + into->nrows, from->rows, from->nrows * sizeof *rows);
	memcpy(into->files + into->nfiles, from->files, from->nfiles * sizeof *files);
	into->nrows += from->nrows;
	into->nfiles += from->nfiles;
	into->skipped += from->skipped;
	free(from->rows);
	free(from->files);
	free(from);
	return 0;
}

size_t plan_kolada_rows(const plan_kolada *k)
{
	return k ? k->nrows : 0;
}

size_t plan_kolada_skipped(const plan_kolada *k)
{
	return k ? k->skipped : 0;
}

int plan_kolada_find(const plan_kolada *k, const char *kpi, const char *municipality,
	int year, plan_kolada_value *out)
{
	memset(out, 0, sizeof *out);
	int found = 0;
	for (size_t i = 0; k && kpi && municipality && i < k->nrows; i++) {
		const row *r = &k->rows[i];
		if (r->year == year && r->has_total && strcmp(r->kpi, kpi) == 0 &&
		    strcmp(r->municipality, municipality) == 0) {
			*out = r->value;
			found = 1;
		}
	}
	return found;
}

size_t plan_kolada_years(const plan_kolada *k, const char *kpi, const char *municipality,
	int *years, size_t max)
{
	size_t n = 0, stored = 0;
	for (size_t i = 0; k && kpi && municipality && i < k->nrows; i++) {
		const row *r = &k->rows[i];
		if (!r->has_total || strcmp(r->kpi, kpi) != 0 || strcmp(r->municipality, municipality) != 0)
			continue;
		/* Seen already? Rows repeat a year rarely, so a scan of the earlier
		 * rows is cheap enough and needs no memory. */
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++) {
			const row *q = &k->rows[j];
			seen = q->has_total && q->year == r->year && strcmp(q->kpi, kpi) == 0 &&
			       strcmp(q->municipality, municipality) == 0;
		}
		if (seen)
			continue;
		if (stored < max) {
			/* insertion into the sorted prefix */
			size_t at = stored;
			while (at > 0 && years[at - 1] > r->year) {
				years[at] = years[at - 1];
				at--;
			}
			years[at] = r->year;
			stored++;
		}
		n++;
	}
	return n;
}
