/* report_kpis.c: every KPI with its baseline, targets and outcomes (from the
 * follow-ups and a Kolada file), each outcome judged by the KPI's direction. */
#include "plan/report_kpis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The years one KPI may have rows for; more are left out. */
#define MAX_YEARS 200

static const char *text_of(const plan_node *n)
{
	return n && n->type == PLAN_NODE_STRING ? n->u.text : NULL;
}

static int number_of(const plan_node *n, double *out)
{
	if (!n || n->type != PLAN_NODE_NUMBER || !isfinite(n->number))
		return 0;
	*out = n->number;
	return 1;
}

/* "2026", 2026, "2026-T1", "2026/27": the year a KPI period starts with. */
static int leading_year(const char *s)
{
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (!s || s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return s[4] >= '0' && s[4] <= '9' ? 0 : y;
}

const char *plan_model_municipality_code(const plan_model *m)
{
	if (!m || !m->styrmodell)
		return NULL;
	return text_of(plan_node_get(plan_node_get(m->styrmodell->root, "municipality"), "code"));
}

const char *plan_model_municipality_name(const plan_model *m)
{
	if (!m || !m->styrmodell)
		return NULL;
	return text_of(plan_node_get(plan_node_get(m->styrmodell->root, "municipality"), "name"));
}

/* A checkpoint as one comparable number. */
static int checkpoint_of(const plan_document *doc)
{
	int p = plan_period_parse(doc->period);
	return p < 0 ? -1 : doc->year * 4 + p;
}

typedef struct years {
	plan_kpi_year rows[MAX_YEARS];
	int checkpoint[MAX_YEARS];   /* of the follow-up an outcome came from; -1 none */
	size_t n;
} years;

static plan_kpi_year *year_row(years *y, int year)
{
	size_t at = 0;
	while (at < y->n && y->rows[at].year < year)
		at++;
	if (at < y->n && y->rows[at].year == year)
		return &y->rows[at];
	if (y->n == MAX_YEARS)
		return NULL;
	memmove(&y->rows[at + 1], &y->rows[at], (y->n - at) * sizeof y->rows[0]);
	memmove(&y->checkpoint[at + 1], &y->checkpoint[at], (y->n - at) * sizeof y->checkpoint[0]);
	y->n++;
	memset(&y->rows[at], 0, sizeof y->rows[at]);
	y->rows[at].year = year;
	y->checkpoint[at] = -1;
	return &y->rows[at];
}

static void read_targets(years *y, const plan_node *targets)
{
	for (uint32_t i = 0; targets && targets->type == PLAN_NODE_MAPPING && i < targets->len; i++) {
		int year = leading_year(targets->u.pairs[i].key->u.text);
		double value;
		if (!year || strlen(targets->u.pairs[i].key->u.text) != 4 ||
		    !number_of(targets->u.pairs[i].value, &value))
			continue;
		plan_kpi_year *row = year_row(y, year);
		if (row) {
			row->has_target = 1;
			row->target = value;
		}
	}
}

/* Each KPI's follow-up entries, gathered in one pass over the follow-ups:
 * looking for one KPI's among every follow-up's references would cost a
 * large plan set (thousands of KPIs, tens of thousands of entries) the
 * product of the two. A counting sort by the KPI's index keeps each KPI's
 * entries in the order the plan set holds them, which decides which one
 * wins at the same checkpoint. */
typedef struct followup_ref {
	const plan_document *doc;
	const plan_ref *ref;
	int checkpoint;
} followup_ref;

typedef struct followup_index {
	size_t *start;                /* by item index, nitems + 1: KPI i's entries
	                               * are refs[start[i]] up to refs[start[i + 1]] */
	followup_ref *refs;
} followup_index;

/* A follow-up reference to a KPI, from a checkpoint (cp >= 0) that counts. */
static int counts_for(const plan_ref *ref, int cp, int limit)
{
	return (limit < 0 || cp <= limit) && ref->role == PLAN_REF_FU_KPI &&
	       ref->valid && ref->target->kind == PLAN_ITEM_KPI;
}

static int followup_index_build(followup_index *fi, const plan_model *m,
	const plan_kpi_options *opt)
{
	int limit = opt->upto_year ? opt->upto_year * 4 + (int)opt->upto_period : -1;
	fi->refs = NULL;
	if (!(fi->start = calloc(m->nitems + 1, sizeof *fi->start)))
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t d = 0; d < m->ndocs; d++) {
			const plan_document *doc = m->docs[d];
			int cp = doc->kind == PLAN_DOC_UPPFOLJNING ? checkpoint_of(doc) : -1;
			for (size_t r = 0; cp >= 0 && r < doc->nrefs; r++) {
				const plan_ref *ref = &doc->refs[r];
				if (!counts_for(ref, cp, limit))
					continue;
				if (pass == 0)
					fi->start[ref->target->index + 1]++;
				else
					fi->refs[fi->start[ref->target->index]++] =
						(followup_ref){ doc, ref, cp };
			}
		}
		if (pass == 0) {
			for (size_t i = 0; i < m->nitems; i++)
				fi->start[i + 1] += fi->start[i];
			size_t total = fi->start[m->nitems];
			if (!(fi->refs = malloc((total ? total : 1) * sizeof *fi->refs)))
				return -1;
		}
	}
	/* The second pass moved each start to its end, the next one's start:
	 * shifted one place, they are starts again. */
	memmove(fi->start + 1, fi->start, m->nitems * sizeof *fi->start);
	fi->start[0] = 0;
	return 0;
}

static void followup_index_free(followup_index *fi)
{
	free(fi->start);
	free(fi->refs);
}

static void read_followups(years *y, const followup_index *fi, const plan_item *kpi)
{
	for (size_t i = fi->start[kpi->index]; i < fi->start[kpi->index + 1]; i++) {
		const plan_document *doc = fi->refs[i].doc;
		const plan_ref *ref = fi->refs[i].ref;
		int cp = fi->refs[i].checkpoint;
		double value;
		if (!number_of(plan_node_get(ref->entry, "value"), &value))
			continue;
		const plan_node *period = plan_node_get(ref->entry, "period");
		const char *ptext = period && (period->type == PLAN_NODE_STRING ||
			period->type == PLAN_NODE_NUMBER) ? period->u.text : NULL;
		int year = leading_year(ptext);
		if (!year)
			year = doc->year;
		if (!year)
			continue;
		plan_kpi_year *row = year_row(y, year);
		if (!row)
			continue;
		size_t at = (size_t)(row - y->rows);
		/* A later checkpoint knows better; at the same one, the
		 * first follow-up read keeps its value. */
		if (y->checkpoint[at] >= cp)
			continue;
		y->checkpoint[at] = cp;
		row->has_outcome = 1;
		row->outcome_year = year;
		row->outcome = value;
		row->period = ptext;
		row->doc = doc;
	}
}

static void read_kolada(years *y, plan_kpi_table *t, const plan_kpi_report *r,
	const plan_kpi_options *opt, const char *municipality)
{
	if (!opt->kolada || !r->kolada || !municipality)
		return;
	int found[MAX_YEARS];
	size_t n = plan_kolada_years(opt->kolada, r->kolada, municipality, found, MAX_YEARS);
	if (n > MAX_YEARS)
		n = MAX_YEARS;
	for (size_t i = 0; i < n; i++) {
		if (r->has_baseline && found[i] < r->baseline_year)
			continue;
		if (opt->upto_year && found[i] > opt->upto_year)
			continue;
		plan_kolada_value v;
		if (!plan_kolada_find(opt->kolada, r->kolada, municipality, found[i], &v))
			continue;
		plan_kpi_year *row = year_row(y, found[i]);
		if (!row)
			continue;
		if (row->has_outcome) {
			t->kolada_overridden++;
			continue;
		}
		row->has_outcome = 1;
		row->outcome_year = found[i];
		row->outcome = v.total;
		row->has_women = v.has_women;
		row->women = v.women;
		row->has_men = v.has_men;
		row->men = v.men;
		row->from_kolada = 1;
		t->kolada_outcomes++;
	}
}

static void judge(const plan_kpi_report *r, plan_kpi_year *row)
{
	plan_kpi_values v = {
		.lower_is_better = r->lower_is_better,
		.has_outcome = row->has_outcome, .outcome = row->outcome,
		.has_target = row->has_target, .target = row->target,
		.has_baseline = r->has_baseline, .baseline = r->baseline,
	};
	row->result = plan_kpi_judge(&v);
	row->margin = plan_kpi_margin(&v);
}

static int build_one(plan_kpi_table *t, plan_kpi_report *r, const followup_index *fi,
	const plan_item *kpi, const plan_kpi_options *opt, const char *municipality, years *y)
{
	const plan_node *node = kpi->node;
	r->kpi = kpi;
	r->unit = text_of(plan_node_get(node, "unit"));
	r->aspect = text_of(plan_node_get(node, "aspect"));
	r->kolada = text_of(plan_node_get(node, "kolada"));
	r->lower_is_better = plan_node_is_string(plan_node_get(node, "direction"), "lower");
	const plan_node *baseline = plan_node_get(node, "baseline");
	const plan_node *by = plan_node_get(baseline, "year");
	r->has_baseline = number_of(plan_node_get(baseline, "value"), &r->baseline) &&
		by && by->type == PLAN_NODE_NUMBER && by->is_integer;
	r->baseline_year = r->has_baseline ? (int)by->number : 0;

	y->n = 0;
	read_targets(y, plan_node_get(node, "targets"));
	read_followups(y, fi, kpi);
	read_kolada(y, t, r, opt, municipality);
	if (y->n) {
		r->years = plan_arena_alloc(t->arena, y->n * sizeof *r->years);
		if (!r->years)
			return -1;
		memcpy(r->years, y->rows, y->n * sizeof *r->years);
		r->nyears = y->n;
	}
	for (size_t i = 0; i < r->nyears; i++)
		judge(r, &r->years[i]);
	return 0;
}

int plan_kpi_table_build(plan_kpi_table **out, const plan_model *m,
	const plan_kpi_options *options)
{
	plan_kpi_options defaults = PLAN_KPI_OPTIONS_INIT;
	const plan_kpi_options *opt = options ? options : &defaults;
	*out = NULL;
	plan_kpi_table *t = calloc(1, sizeof *t);
	years *y = malloc(sizeof *y);
	followup_index fi = { NULL, NULL };
	if (!t || !y || !(t->arena = plan_arena_new()) ||
	    !(t->by_index = plan_arena_alloc(t->arena, (m->nitems ? m->nitems : 1) * sizeof *t->by_index)) ||
	    followup_index_build(&fi, m, opt) < 0)
		goto fail;
	t->nitems = m->nitems;
	size_t n = 0;
	for (size_t i = 0; i < m->nitems; i++)
		n += m->items[i]->kind == PLAN_ITEM_KPI;
	if (n && !(t->kpis = plan_arena_alloc(t->arena, n * sizeof *t->kpis)))
		goto fail;
	const char *municipality = opt->municipality ? opt->municipality :
		plan_model_municipality_code(m);
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *kpi = m->items[i];
		if (kpi->kind != PLAN_ITEM_KPI || !plan_report_defines(m, kpi))
			continue;
		if (build_one(t, &t->kpis[t->nkpis], &fi, kpi, opt, municipality, y) < 0)
			goto fail;
		t->by_index[kpi->index] = &t->kpis[t->nkpis];
		t->nkpis++;
	}
	followup_index_free(&fi);
	free(y);
	*out = t;
	return 0;
fail:
	followup_index_free(&fi);
	free(y);
	plan_kpi_table_free(t);
	return -1;
}

const plan_kpi_report *plan_kpi_table_find(const plan_kpi_table *t, const plan_item *kpi)
{
	return kpi->index < t->nitems ? t->by_index[kpi->index] : NULL;
}

void plan_kpi_table_free(plan_kpi_table *t)
{
	if (!t)
		return;
	plan_arena_free(t->arena);
	free(t);
}

void plan_kpi_report_at(const plan_kpi_report *r, int year, plan_kpi_year *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	for (size_t i = 0; i < r->nyears; i++) {
		const plan_kpi_year *row = &r->years[i];
		if (row->year == year && row->has_target) {
			out->has_target = 1;
			out->target = row->target;
		}
		if (row->year <= year && row->has_outcome) {
			/* ascending, so the last one seen is the latest */
			out->has_outcome = 1;
			out->outcome_year = row->outcome_year;
			out->outcome = row->outcome;
			out->has_women = row->has_women;
			out->women = row->women;
			out->has_men = row->has_men;
			out->men = row->men;
			out->period = row->period;
			out->doc = row->doc;
			out->from_kolada = row->from_kolada;
		}
	}
	judge(r, out);
}
