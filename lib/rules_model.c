/* rules_model.c: catalogue rules over the linked plan set: plan periods,
 * assignments, KPIs, plan coverage, Agenda 2030 and follow-ups. */
#include "rules_model.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/agenda2030.h"
#include "plan/buf.h"
#include "plan/suggest.h"
#include "plan/date.h"
#include "plan/lang.h"
#include "plan/report.h"

#define NONE UINT32_MAX
#define BIT(k) ((uint64_t)1 << (k))

/* Per-item flags. */
enum { F_DUP = 1, F_HAS_KPI = 2 };

/* At most this many ids are listed in one followup-incomplete message. */
#define MAX_LISTED 10

/* What every check shares: the model, the output and scratch tables indexed
 * by item->index or by a document's place in model->docs, so that each rule
 * is one pass over the plan set rather than a scan per item. */
typedef struct ctx {
	const plan_model *m;
	plan_diags *diags;
	int oom;
	unsigned char *flags;    /* per item: F_* */
	uint32_t *stamp;         /* per item: equals `mark` when marked in the current pass */
	uint32_t mark;
	uint32_t *plan_head;     /* per owner item: its first verksamhetsplan, kontorsplan
	                          * or arbetsplan (a document index), or NONE */
	uint32_t *plan_next;     /* per document: the owner's next plan, or NONE */
	uint32_t *kpi_head;      /* per office item: its first mandatory KPI, or NONE */
	uint32_t *kpi_next;      /* per item: the office's next mandatory KPI, or NONE */
	unsigned char *dup_doc;  /* per document: a second plan where one is allowed */
} ctx;

static const plan_node *get(const plan_node *map, const char *key)
{
	return plan_node_get(map, key);
}

/* `key` is absent from `map` of `doc` because it is written misspelt: the
 * schema check reported the unknown key ("did you mean '<key>'?"), and a
 * rule about the key's absence would repeat that one fault. */
static int misspelt(const plan_document *doc, const plan_node *map, const char *key)
{
	return !get(map, key) && plan_file_presumes(doc->file, map, key);
}

/* A list value, or NULL when absent or of another type (the schema's to
 * report). */
static const plan_node *list_of(const plan_node *map, const char *key)
{
	const plan_node *list = get(map, key);
	return list && list->type == PLAN_NODE_SEQUENCE ? list : NULL;
}

/* The key node of `key`: where a fault about something missing from a list
 * points, since the list's own node may sit on the line of its first entry. */
static const plan_node *key_node(const plan_node *map, const char *key)
{
	if (!map || map->type != PLAN_NODE_MAPPING)
		return NULL;
	/* By length, as plan_node_get does: a key with a NUL inside is not
	 * `key`, however it starts. */
	size_t len = strlen(key);
	for (uint32_t i = 0; i < map->len; i++) {
		const plan_node *k = map->u.pairs[i].key;
		if (k->len == len && memcmp(k->u.text, key, len) == 0)
			return k;
	}
	return NULL;
}

static const plan_node *key_or_root(const plan_document *doc, const char *key)
{
	const plan_node *k = key_node(doc->root, key);
	return k ? k : doc->root;
}

/* Present and not empty: a null, "" or [] counts as missing. */
static int has_value(const plan_node *node)
{
	return node && node->type != PLAN_NODE_NULL &&
	       !(node->type == PLAN_NODE_STRING && node->len == 0) &&
	       !(node->type == PLAN_NODE_SEQUENCE && node->len == 0);
}

static const char *text_or(const plan_node *node, const char *fallback)
{
	return node && (node->type == PLAN_NODE_STRING || node->type == PLAN_NODE_NUMBER) ?
		node->u.text : fallback;
}

static const char *doc_id(const plan_document *doc)
{
	return doc->id ? doc->id : "?";
}

static uint32_t new_mark(ctx *c)
{
	return ++c->mark;
}

static uint64_t all_perspectives(const plan_model *m)
{
	return m->nperspectives >= 64 ? ~(uint64_t)0 : BIT(m->nperspectives) - 1;
}

/* --- period-length ------------------------------------------------------------ */

/* period-length: three-year plans span three years, the same three as the
 * flerårsplan. */
static void check_period_length(const plan_model *m, plan_diags *diags)
{
	const plan_document *fap = m->flerarsplan;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		if (doc->kind != PLAN_DOC_FLERARSPLAN && doc->kind != PLAN_DOC_VERKSAMHETSPLAN &&
		    doc->kind != PLAN_DOC_KONTORSPLAN)
			continue;
		const plan_node *period = get(doc->root, "period");
		if (!period || !doc->period_from || !doc->period_to)
			continue;   /* the schema reports a missing or malformed period */
		const char *name = plan_doc_kind_definite(doc->kind, plan_diags_lang(diags));
		int years = doc->period_to - doc->period_from + 1;
		if (years != 3) {
			plan_diags_add(diags, doc->file->path, period->line, period->column,
				"period-length", doc->id,
				plan_ntr(plan_diags_lang(diags),
					"the %s spans %d year (%d-%d); a three-year plan spans three",
					"the %s spans %d years (%d-%d); a three-year plan spans three",
					(unsigned long long)(years > 0 ? years : 0)),
				name, years, doc->period_from, doc->period_to);
		} else if (fap && doc != fap && fap->period_from && fap->period_to &&
		           (doc->period_from != fap->period_from || doc->period_to != fap->period_to)) {
			plan_diags_add(diags, doc->file->path, period->line, period->column,
				"period-length", doc->id,
				"the %s covers %d-%d, but the flerårsplan covers %d-%d", name,
				doc->period_from, doc->period_to, fap->period_from, fap->period_to);
		}
	}
}

/* --- the scratch tables ----------------------------------------------------------- */

/* References to an id defined twice are left unresolved by the model, so
 * both definitions would look unlinked: the rules that count links skip
 * them, and duplicate-id is the one fault reported. */
static void mark_duplicates(ctx *c)
{
	/* The model marks each definition after the first: only those need
	 * the index, for the first. */
	for (size_t i = 0; i < c->m->nitems; i++) {
		const plan_item *item = c->m->items[i];
		if (!item->redefined)
			continue;
		const plan_item *first = plan_model_find(c->m, item->id);
		c->flags[item->index] |= F_DUP;
		if (first)
			c->flags[first->index] |= F_DUP;
	}
}

static int is_plan(const plan_document *doc)
{
	return doc->kind == PLAN_DOC_VERKSAMHETSPLAN || doc->kind == PLAN_DOC_KONTORSPLAN ||
	       doc->kind == PLAN_DOC_ARBETSPLAN;
}

/* Chains built back to front so that each starts with the first in
 * definition order. A plan's owner is resolved only when it is of the
 * plan's level, so a body's chain holds verksamhetsplaner only, and so on. */
static void build_chains(ctx *c)
{
	const plan_model *m = c->m;
	for (size_t i = 0; i < m->nitems; i++)
		c->plan_head[i] = c->kpi_head[i] = c->kpi_next[i] = NONE;
	for (size_t d = m->ndocs; d-- > 0;) {
		const plan_document *doc = m->docs[d];
		c->plan_next[d] = NONE;
		if (!is_plan(doc) || !doc->owner)
			continue;
		c->plan_next[d] = c->plan_head[doc->owner->index];
		c->plan_head[doc->owner->index] = (uint32_t)d;
	}
	for (size_t i = m->nitems; i-- > 0;) {
		const plan_item *kpi = m->items[i];
		if (kpi->kind != PLAN_ITEM_KPI || !kpi->units_must_follow || !kpi->owner ||
		    (c->flags[i] & F_DUP))
			continue;
		c->kpi_next[i] = c->kpi_head[kpi->owner->index];
		c->kpi_head[kpi->owner->index] = (uint32_t)i;
	}
}

/* --- multiplicity: one plan of each kind per owner (duplicate-id) ------------------- */

typedef struct doc_key {
	uint32_t kind, owner;
	int32_t year;
	uint32_t sub;        /* arbetsplan: 1 for a school year; uppfoljning: the period */
	uint32_t rank;       /* styrmodell: 0 for the root's styrmodell.yaml, so it counts first */
	uint32_t doc;        /* the document's index: the first written counts first */
} doc_key;

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_doc_key(const void *pa, const void *pb)
{
	const doc_key *a = pa, *b = pb;
	int r = cmp_u32(a->kind, b->kind);
	if (!r) r = cmp_u32(a->owner, b->owner);
	if (!r) r = a->year < b->year ? -1 : a->year > b->year;
	if (!r) r = cmp_u32(a->sub, b->sub);
	if (!r) r = cmp_u32(a->rank, b->rank);
	if (!r) r = cmp_u32(a->doc, b->doc);
	return r;
}

static int period_code(const char *period)
{
	if (!period)
		return -1;
	if (strcmp(period, "dr1") == 0)
		return 0;
	if (strcmp(period, "dr2") == 0)
		return 1;
	return strcmp(period, "ar") == 0 ? 2 : -1;
}

/* The key under which at most one document may exist; 0 when the document
 * lacks what the key needs (its schema faults say so). */
static int doc_key_of(const plan_document *doc, uint32_t d, doc_key *out)
{
	*out = (doc_key){ .kind = doc->kind, .doc = d };
	switch (doc->kind) {
	case PLAN_DOC_STYRMODELL:
		out->rank = strcmp(doc->file->path, "styrmodell.yaml") != 0;
		return 1;
	case PLAN_DOC_ORGANISATION:
	case PLAN_DOC_FLERARSPLAN:
		return 1;
	case PLAN_DOC_VERKSAMHETSPLAN:
	case PLAN_DOC_KONTORSPLAN:
	case PLAN_DOC_AGARDIREKTIV:
		if (!doc->owner)
			return 0;
		out->owner = doc->owner->index;
		return 1;
	case PLAN_DOC_ARBETSPLAN:
		if (!doc->owner || (!doc->year && !doc->school_year))
			return 0;
		out->owner = doc->owner->index;
		out->year = doc->year ? doc->year : doc->school_year;
		out->sub = doc->year ? 0 : 1;
		return 1;
	case PLAN_DOC_UPPFOLJNING:
		if ((!doc->owner && !doc->owner_is_kommun) || !doc->year || period_code(doc->period) < 0)
			return 0;
		out->owner = doc->owner_is_kommun ? NONE : doc->owner->index;
		out->year = doc->year;
		out->sub = (uint32_t)period_code(doc->period);
		return 1;
	}
	return 0;
}

/* "for body 'bun'", "for unit 'ekbacke' and school year 2026/27": what the
 * second document shares with the first. */
static void describe_key(plan_buf *out, const plan_document *doc, plan_lang lang)
{
	switch (doc->kind) {
	case PLAN_DOC_VERKSAMHETSPLAN:
	case PLAN_DOC_KONTORSPLAN:
	case PLAN_DOC_AGARDIREKTIV:
		plan_buf_printf(out, plan_tr(lang, " for %s '%s'"),
			plan_item_kind_definite(doc->owner->kind, lang), doc->owner->id);
		break;
	case PLAN_DOC_ARBETSPLAN:
		if (doc->year)
			plan_buf_printf(out, plan_tr(lang, " for unit '%s' and year %d"), doc->owner->id,
				doc->year);
		else
			plan_buf_printf(out, plan_tr(lang, " for unit '%s' and school year %d/%02d"),
				doc->owner->id, doc->school_year, (doc->school_year + 1) % 100);
		break;
	case PLAN_DOC_UPPFOLJNING:
		if (doc->owner_is_kommun)
			plan_buf_printf(out, plan_tr(lang, " for kommun, year %d and period %s"),
				doc->year, doc->period);
		else
			plan_buf_printf(out, plan_tr(lang, " for %s '%s', year %d and period %s"),
				plan_item_kind_definite(doc->owner->kind, lang), doc->owner->id, doc->year,
				doc->period);
		break;
	default:
		break;
	}
}

static const char *multiplicity_rule(plan_doc_kind kind, plan_lang lang)
{
	switch (kind) {
	case PLAN_DOC_VERKSAMHETSPLAN: return plan_tr(lang, "a body has at most one verksamhetsplan");
	case PLAN_DOC_KONTORSPLAN: return plan_tr(lang, "an office has at most one kontorsplan");
	case PLAN_DOC_ARBETSPLAN: return plan_tr(lang, "a unit has at most one arbetsplan per year");
	case PLAN_DOC_AGARDIREKTIV: return plan_tr(lang, "a bolag has at most one agardirektiv");
	case PLAN_DOC_UPPFOLJNING:
		return plan_tr(lang, "an owner has at most one uppfoljning per year and period");
	default: return plan_tr(lang, "a plan set has exactly one");
	}
}

static void report_second(ctx *c, const plan_document *first, const plan_document *doc)
{
	plan_lang lang = plan_diags_lang(c->diags);
	plan_buf what = PLAN_BUF_INIT;
	describe_key(&what, doc, lang);
	plan_diags_add(c->diags, doc->file->path, doc->root->line, doc->root->column,
		"duplicate-id", doc->id,
		"a second %s%s; the first is at %s:%u:%u (%s): merge the two or remove one",
		plan_doc_kind_word(doc->kind, lang), what.ptr ? what.ptr : "", first->file->path,
		(unsigned)first->root->line, (unsigned)first->root->column,
		multiplicity_rule(doc->kind, lang));
	c->oom |= what.failed;
	plan_buf_free(&what);
}

/* plan-format.md: one styrmodell, organisation and flerarsplan per plan set;
 * at most one verksamhetsplan per body, kontorsplan per office, arbetsplan
 * per unit and year, uppfoljning per owner, year and period. One sort of
 * the documents by that key puts every second one right after its first. */
static void check_multiplicity(ctx *c)
{
	const plan_model *m = c->m;
	doc_key *keys = malloc((m->ndocs ? m->ndocs : 1) * sizeof *keys);
	size_t n = 0;
	if (!keys) {
		c->oom = 1;
		return;
	}
	for (size_t d = 0; d < m->ndocs; d++)
		n += doc_key_of(m->docs[d], (uint32_t)d, &keys[n]);
	qsort(keys, n, sizeof *keys, cmp_doc_key);
	for (size_t i = 1, first = 0; i < n; i++) {
		doc_key a = keys[first], b = keys[i];
		a.rank = b.rank = 0;
		a.doc = b.doc = 0;
		if (cmp_doc_key(&a, &b) != 0) {
			first = i;
			continue;
		}
		c->dup_doc[keys[i].doc] = 1;
		report_second(c, m->docs[keys[first].doc], m->docs[keys[i].doc]);
	}
	free(keys);
}

/* --- plan-missing --------------------------------------------------------------------- */

static void check_plan_missing(ctx *c)
{
	const plan_model *m = c->m;
	if (m->styrmodell) {
		const plan_node *root = m->styrmodell->root;
		if (!m->organisation)
			plan_diags_add(c->diags, m->styrmodell->file->path, root->line, root->column,
				"plan-missing", NULL,
				"the plan set has no organisation document: add one (kind: organisation) naming the bodies, offices and units that plan");
		if (!m->flerarsplan)
			plan_diags_add(c->diags, m->styrmodell->file->path, root->line, root->column,
				"plan-missing", NULL,
				"the plan set has no flerårsplan: add one (kind: flerarsplan) with the fullmäktigemål and särskilda uppdrag");
	}
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *org = m->items[i];
		const char *plan = org->kind == PLAN_ITEM_BODY ? "verksamhetsplan" :
			org->kind == PLAN_ITEM_OFFICE ? "kontorsplan" :
			org->kind == PLAN_ITEM_UNIT ? "arbetsplan" : NULL;
		if (!plan || (c->flags[i] & F_DUP) || c->plan_head[i] != NONE)
			continue;
		plan_diags_add(c->diags, org->doc->file->path, org->node->line, org->node->column,
			"plan-missing", org->id, "%s '%s' has no %s: add one with 'owner: %s'",
			plan_item_kind_definite(org->kind, plan_diags_lang(c->diags)), org->id, plan, org->id);
	}
}

/* --- owner-directive-missing --------------------------------------------------------
 * Kommunfullmäktige decides an ägardirektiv for each of the municipality's
 * companies: a bolag without one is steered by nothing the council wrote. */

static void check_owner_directives(ctx *c)
{
	const plan_model *m = c->m;
	uint32_t mark = new_mark(c);
	for (size_t d = 0; d < m->ndocs; d++)
		if (m->docs[d]->kind == PLAN_DOC_AGARDIREKTIV && m->docs[d]->owner)
			c->stamp[m->docs[d]->owner->index] = mark;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *body = m->items[i];
		if (body->kind != PLAN_ITEM_BODY || !body->company || (c->flags[i] & F_DUP) ||
		    c->stamp[i] == mark)
			continue;
		plan_diags_add(c->diags, body->doc->file->path, body->node->line, body->node->column,
			"owner-directive-missing", body->id,
			"bolag '%s' has no ägardirektiv: add one (kind: agardirektiv) with 'owner: %s', the company's purpose, direction and directive goals",
			body->id, body->id);
	}
}

/* --- kf-goal-unaddressed, goal-without-kpi ------------------------------------------ */

static int has_child_of_kind(const plan_item *item, plan_item_kind kind)
{
	for (size_t k = 0; k < item->nchildren; k++)
		if (item->children[k]->kind == kind)
			return 1;
	return 0;
}

static void check_kf_goals_addressed(ctx *c)
{
	for (size_t i = 0; i < c->m->nitems; i++) {
		const plan_item *kf = c->m->items[i];
		plan_contributors it = PLAN_CONTRIBUTORS_INIT(kf);
		const plan_item *via;
		/* A bolag's goal through a direktivmål addresses it too. */
		if (kf->kind != PLAN_ITEM_KF_GOAL || (c->flags[i] & F_DUP) ||
		    plan_contributors_next(&it, &via))
			continue;
		plan_diags_add(c->diags, kf->doc->file->path, kf->node->line, kf->node->column,
			"kf-goal-unaddressed", kf->id,
			"no nämndmål contributes to fullmäktigemål '%s': a body should name it in the 'contributes_to' of one of its goals",
			kf->id);
	}
}

/* A nämndmål is measured by a KPI naming it, or naming a kontorsplan goal
 * that contributes to it. Each kontorsplan goal's KPIs are looked up once. */
static void check_goals_measured(ctx *c)
{
	const plan_model *m = c->m;
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->kind == PLAN_ITEM_OFFICE_GOAL &&
		    has_child_of_kind(m->items[i], PLAN_ITEM_KPI))
			c->flags[i] |= F_HAS_KPI;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *goal = m->items[i];
		if (goal->kind != PLAN_ITEM_BODY_GOAL || (c->flags[i] & F_DUP))
			continue;
		int measured = 0;
		for (size_t k = 0; k < goal->nchildren && !measured; k++) {
			const plan_item *child = goal->children[k];
			measured = child->kind == PLAN_ITEM_KPI ||
				(child->kind == PLAN_ITEM_OFFICE_GOAL && (c->flags[child->index] & F_HAS_KPI));
		}
		if (!measured)
			plan_diags_add(c->diags, goal->doc->file->path, goal->node->line, goal->node->column,
				"goal-without-kpi", goal->id,
				"no KPI measures nämndmål '%s': add a kontorsplan KPI with '%s' (or a kontorsplan goal contributing to it) in its 'measures'",
				goal->id, goal->id);
	}
}

/* --- perspective-gap ---------------------------------------------------------------- */

static void check_perspective_gap(ctx *c)
{
	const plan_model *m = c->m;
	if (!m->nperspectives)
		return;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		int vp = doc->kind == PLAN_DOC_VERKSAMHETSPLAN;
		if (!vp && doc->kind != PLAN_DOC_ARBETSPLAN)
			continue;
		/* An item without a perspective (a broken link: no-trace,
		 * unknown-reference, ...) might be in any: the gap is judged once
		 * that error is fixed, rather than guessed at now. */
		uint64_t covered = 0;
		int unknown = 0;
		for (size_t i = 0; i < doc->nitems; i++) {
			covered |= doc->items[i]->perspectives;
			unknown |= doc->items[i]->perspectives == 0;
		}
		uint64_t missing = all_perspectives(m) & ~covered;
		if (!missing || unknown)
			continue;
		plan_buf names = PLAN_BUF_INIT;
		size_t n = 0;
		for (size_t p = 0; p < m->nperspectives && p < 64; p++)
			if (missing & BIT(p))
				plan_buf_printf(&names, "%s%s", n++ ? ", " : "", m->perspectives[p].name);
		const plan_node *at = key_or_root(doc, vp ? "goals" : "activities");
		plan_lang lang = plan_diags_lang(c->diags);
		const char *kind = plan_doc_kind_definite(doc->kind, lang), *list = names.ptr ? names.ptr : "";
		if (vp)
			plan_diags_add(c->diags, doc->file->path, at->line, at->column, "perspective-gap",
				doc->id, plan_ntr(lang,
					"%s '%s' has no goal in the perspective %s: add one, so that its goals cover all %zu perspectives of the styrmodell",
					"%s '%s' has no goal in the perspectives %s: add one in each, so that its goals cover all %zu perspectives of the styrmodell",
					n), kind, doc_id(doc), list, m->nperspectives);
		else
			plan_diags_add(c->diags, doc->file->path, at->line, at->column, "perspective-gap",
				doc->id, plan_ntr(lang,
					"%s '%s' has no activity in the perspective %s: add one, so that its activities cover all %zu perspectives of the styrmodell",
					"%s '%s' has no activity in the perspectives %s: add one in each, so that its activities cover all %zu perspectives of the styrmodell",
					n), kind, doc_id(doc), list, m->nperspectives);
		c->oom |= names.failed;
		plan_buf_free(&names);
	}
}

/* --- särskilda uppdrag: assignment-unplanned, assignment-duration -------------------- */

typedef struct pair {
	uint32_t body, assignment;
} pair;

static int cmp_pair(const void *pa, const void *pb)
{
	const pair *a = pa, *b = pb;
	int r = cmp_u32(a->body, b->body);
	return r ? r : cmp_u32(a->assignment, b->assignment);
}

/* Every (body, assignment) its verksamhetsplaner plan, sorted for lookup. */
static pair *planned_pairs(ctx *c, size_t *n)
{
	const plan_model *m = c->m;
	size_t cap = 0;
	*n = 0;
	for (size_t d = 0; d < m->ndocs; d++)
		if (m->docs[d]->kind == PLAN_DOC_VERKSAMHETSPLAN && m->docs[d]->owner)
			cap += m->docs[d]->nrefs;
	pair *pairs = malloc((cap ? cap : 1) * sizeof *pairs);
	if (!pairs) {
		c->oom = 1;
		return NULL;
	}
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		if (doc->kind != PLAN_DOC_VERKSAMHETSPLAN || !doc->owner)
			continue;
		for (size_t r = 0; r < doc->nrefs; r++)
			if (doc->refs[r].role == PLAN_REF_PLANNED && doc->refs[r].valid)
				pairs[(*n)++] = (pair){ doc->owner->index, doc->refs[r].target->index };
	}
	qsort(pairs, *n, sizeof *pairs, cmp_pair);
	return pairs;
}

static void report_unplanned(ctx *c, const plan_item *a, const plan_item *body)
{
	const plan_document *vp = c->m->docs[c->plan_head[body->index]];
	const plan_node *at = key_or_root(vp, "assignments");
	plan_diags_add(c->diags, vp->file->path, at->line, at->column, "assignment-unplanned", a->id,
		"body '%s' got särskilt uppdrag '%s' (%s:%u:%u), but its verksamhetsplan '%s' does not plan it: add {assignment: %s, plan: ...} under 'assignments'",
		body->id, a->id, a->doc->file->path, (unsigned)a->node->line, (unsigned)a->node->column,
		doc_id(vp), a->id);
}

/* A body without a verksamhetsplan is plan-missing's to report. */
static void check_assignments_planned(ctx *c)
{
	const plan_model *m = c->m;
	size_t n = 0;
	pair *planned = planned_pairs(c, &n);
	if (!planned)
		return;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *a = m->items[i];
		if (a->kind != PLAN_ITEM_ASSIGNMENT || (c->flags[i] & F_DUP))
			continue;
		for (size_t r = 0; r < a->nrefs; r++) {
			const plan_ref *ref = &a->refs[r];
			if (ref->role != PLAN_REF_ASSIGNED_TO || !ref->valid ||
			    c->plan_head[ref->target->index] == NONE)
				continue;
			pair key = { ref->target->index, a->index };
			if (!bsearch(&key, planned, n, sizeof *planned, cmp_pair))
				report_unplanned(c, a, ref->target);
		}
	}
	free(planned);
}

static void check_assignment_duration(ctx *c)
{
	const plan_model *m = c->m;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *a = m->items[i];
		if (a->kind != PLAN_ITEM_ASSIGNMENT || !a->from_year || !a->to_year)
			continue;   /* the schema reports a missing or malformed year */
		const plan_node *from = get(a->node, "from"), *to = get(a->node, "to");
		const char *path = a->doc->file->path;
		int years = a->to_year - a->from_year + 1;
		int pf = a->doc->period_from, pt = a->doc->period_to;
		if (years < 1) {
			plan_diags_add(c->diags, path, from->line, from->column, "assignment-duration", a->id,
				"särskilt uppdrag '%s' ends (%d) before it starts (%d): 'to' is its last year, 'from' its first",
				a->id, a->to_year, a->from_year);
		} else if (years > 3) {
			plan_diags_add(c->diags, path, from->line, from->column, "assignment-duration", a->id,
				"särskilt uppdrag '%s' runs %d years (%d-%d), but a särskilt uppdrag runs 1 to 3 years: end it by %d",
				a->id, years, a->from_year, a->to_year, a->from_year + 2);
		} else if (pf && pt && (a->from_year < pf || a->to_year > pt)) {
			const plan_node *at = a->from_year < pf ? from : to;
			plan_diags_add(c->diags, path, at->line, at->column, "assignment-duration", a->id,
				"särskilt uppdrag '%s' runs %d-%d, outside the flerårsplan's period %d-%d: it must lie within the plan that gives it",
				a->id, a->from_year, a->to_year, pf, pt);
		}
	}
}

/* --- arbetsplaner: mandatory-kpi-missing, school-year ---------------------------------- */

static const plan_item *office_of_unit(const plan_item *unit)
{
	return unit && unit->kind == PLAN_ITEM_UNIT && unit->parent &&
	       unit->parent->kind == PLAN_ITEM_OFFICE ? unit->parent : NULL;
}

static void check_mandatory_kpis(ctx *c, const plan_document *doc)
{
	const plan_item *office = office_of_unit(doc->owner);
	if (!office || c->kpi_head[office->index] == NONE || misspelt(doc, doc->root, "kpis"))
		return;
	uint32_t mark = new_mark(c);
	for (size_t r = 0; r < doc->nrefs; r++)
		if (doc->refs[r].role == PLAN_REF_FOLLOWED_KPI && doc->refs[r].valid)
			c->stamp[doc->refs[r].target->index] = mark;
	const plan_node *at = key_or_root(doc, "kpis");
	for (uint32_t k = c->kpi_head[office->index]; k != NONE; k = c->kpi_next[k]) {
		const plan_item *kpi = c->m->items[k];
		if (c->stamp[k] == mark)
			continue;
		/* The fault is the arbetsplan's: its key names the plan and the KPI,
		 * so two plans missing the same KPI stay two faults for --base. */
		plan_buf key = PLAN_BUF_INIT;
		plan_buf_printf(&key, "%s:%s", doc_id(doc), kpi->id);
		plan_diags_add(c->diags, doc->file->path, at->line, at->column, "mandatory-kpi-missing",
			key.ptr ? key.ptr : kpi->id,
			"arbetsplan '%s' does not follow KPI '%s'%s%s%s, which office '%s' marks units_must_follow (%s:%u:%u): add it to 'kpis'",
			doc_id(doc), kpi->id, *kpi->title ? " (" : "", kpi->title, *kpi->title ? ")" : "",
			office->id, kpi->doc->file->path,
			(unsigned)kpi->node->line, (unsigned)kpi->node->column);
		plan_buf_free(&key);
	}
}

static void check_school_year(ctx *c, const plan_document *doc)
{
	const plan_item *office = office_of_unit(doc->owner);
	const plan_item *body = office ? office->parent : NULL;
	if (!body || body->kind != PLAN_ITEM_BODY)
		return;
	const plan_node *year = get(doc->root, "year");
	const plan_node *school = get(doc->root, "school_year");
	if (body->school_year && year && doc->year)
		plan_diags_add(c->diags, doc->file->path, year->line, year->column, "school-year", doc->id,
			"arbetsplan '%s' plans by calendar year ('year'), but body '%s' plans by school year: write school_year: \"%d/%02d\" for the school year starting in August %d, or change the body",
			doc_id(doc), body->id, doc->year, (doc->year + 1) % 100, doc->year);
	else if (body->school_year && year)
		plan_diags_add(c->diags, doc->file->path, year->line, year->column, "school-year", doc->id,
			"arbetsplan '%s' plans by calendar year ('year'), but body '%s' plans by school year: write school_year: \"YYYY/YY\" instead, or change the body",
			doc_id(doc), body->id);
	if (!body->school_year && school)
		plan_diags_add(c->diags, doc->file->path, school->line, school->column, "school-year",
			doc->id,
			"arbetsplan '%s' plans by school year ('school_year'), but body '%s' plans by calendar year: write year: YYYY instead, or set school_year: true on the body",
			doc_id(doc), body->id);
}

static void check_arbetsplaner(ctx *c)
{
	for (size_t d = 0; d < c->m->ndocs; d++) {
		const plan_document *doc = c->m->docs[d];
		if (doc->kind != PLAN_DOC_ARBETSPLAN)
			continue;
		check_mandatory_kpis(c, doc);
		check_school_year(c, doc);
	}
}

/* --- agenda2030-invalid, agenda2030-missing --------------------------------------- */

static void check_agenda2030(ctx *c)
{
	const plan_model *m = c->m;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *goal = m->items[i];
		if (goal->kind != PLAN_ITEM_KF_GOAL)
			continue;
		const char *path = goal->doc->file->path;
		const plan_node *list = get(goal->node, "agenda2030");
		if (list && list->type != PLAN_NODE_SEQUENCE && list->type != PLAN_NODE_NULL)
			continue;   /* the schema reports the wrong type */
		if (misspelt(goal->doc, goal->node, "agenda2030"))
			continue;
		if (!has_value(list)) {
			plan_diags_add(c->diags, path, goal->node->line, goal->node->column,
				"agenda2030-missing", goal->id,
				"fullmäktigemål '%s' names no Agenda 2030 goal: list the goals or targets it serves, e.g. agenda2030: [\"4\", \"4.1\"]",
				goal->id);
			continue;
		}
		for (uint32_t k = 0; k < list->len; k++) {
			/* An unquoted 4.1 is a number to YAML; its text is what was meant. */
			const plan_node *e = list->u.items[k];
			if ((e->type != PLAN_NODE_STRING && e->type != PLAN_NODE_NUMBER) ||
			    plan_agenda2030_valid(e->u.text))
				continue;
			plan_diags_add(c->diags, path, e->line, e->column, "agenda2030-invalid", goal->id,
				"'%s' in the agenda2030 of fullmäktigemål '%s' is not an Agenda 2030 goal or target: goals are 1-17, targets are the 169 of the UN resolution, written like 4.1 or 4.a",
				e->u.text, goal->id);
		}
	}
}

/* --- follow-ups ----------------------------------------------------------------------- */

/* "MM-DD" as MMDD, or -1. */
static int mmdd_of(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != '-')
		return -1;
	int v = 0;
	for (int i = 0; i < 5; i++) {
		if (i == 2)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The checkpoint's day as "MM-DD" (styrmodell's calendar for DR1 and DR2). */
static const char *checkpoint(const plan_model *m, const char *period)
{
	switch (period_code(period)) {
	case 0: return m->calendar_dr1;
	case 1: return m->calendar_dr2;
	case 2: return "12-31";
	default: return NULL;
	}
}

static void check_followup_date(ctx *c, const plan_document *doc)
{
	const char *day = checkpoint(c->m, doc->period);
	const plan_node *as_of = get(doc->root, "as_of");
	if (!day || mmdd_of(day) < 0 || !doc->year ||
	    !as_of || as_of->type != PLAN_NODE_STRING || !plan_date_valid(as_of->u.text, as_of->len))
		return;   /* the schema reports a missing or malformed date */
	char want[32];
	snprintf(want, sizeof want, "%04d-%s", doc->year, day);
	if (!plan_date_valid(want, strlen(want)) || strcmp(want, as_of->u.text) == 0)
		return;
	if (period_code(doc->period) == 2)
		plan_diags_add(c->diags, doc->file->path, as_of->line, as_of->column, "followup-date",
			doc->id, "as_of is %s, but a %s follow-up for %d is as of %s: write as_of: %s",
			as_of->u.text, doc->period, doc->year, want, want);
	else
		plan_diags_add(c->diags, doc->file->path, as_of->line, as_of->column, "followup-date",
			doc->id,
			"as_of is %s, but a %s follow-up for %d is as of %s (the styrmodell's calendar): write as_of: %s",
			as_of->u.text, doc->period, doc->year, want, want);
}

static void check_forecast(ctx *c, const plan_document *doc, const plan_node *entry)
{
	if (has_value(get(entry, "forecast")) || misspelt(doc, entry, "forecast"))
		return;
	const char *goal = text_or(get(entry, "goal"), NULL);
	plan_diags_add(c->diags, doc->file->path, entry->line, entry->column, "followup-forecast", goal,
		"goal '%s' has no helårsprognos ('forecast'): a %s follow-up forecasts every goal's fulfilment at year end, e.g. forecast: uppfylld",
		goal ? goal : "?", doc->period);
}

/* The answers a follow-up entry gives in words: its key and the term the
 * styrmodell's questions use. */
typedef struct answer {
	const char *key, *term;
} answer;

static const answer four_answers[] = {
	{ "actions", "åtgärder" }, { "results", "resultat" },
	{ "analysis", "analys/samband" }, { "improvements", "förbättringsåtgärder" },
};

/* "åtgärder ('actions') and förbättringsåtgärder ('improvements')": the
 * answers `entry` leaves empty, into `out`. Returns how many. */
static size_t missing_answers(ctx *c, plan_buf *out, const plan_document *doc,
	const plan_node *entry, const answer *answers, size_t total)
{
	size_t n = 0, lacking[4];
	for (size_t i = 0; i < total && i < 4; i++)
		if (!has_value(get(entry, answers[i].key)) && !misspelt(doc, entry, answers[i].key))
			lacking[n++] = i;
	plan_lang lang = plan_diags_lang(c->diags);
	for (size_t i = 0; i < n; i++)
		plan_buf_printf(out, "%s%s ('%s')",
			i == 0 ? "" : i + 1 == n ? plan_tr(lang, " and ") : ", ",
			answers[lacking[i]].term, answers[lacking[i]].key);
	c->oom |= out->failed;
	return n;
}

static int not_fully_met(const plan_node *status)
{
	return plan_node_is_string(status, "delvis_uppfylld") ||
	       plan_node_is_string(status, "ej_uppfylld");
}

static void check_analysis(ctx *c, const plan_document *doc, const plan_node *entry)
{
	const plan_node *status = get(entry, "status");
	if (!not_fully_met(status))
		return;
	plan_buf missing = PLAN_BUF_INIT;
	size_t n = missing_answers(c, &missing, doc, entry, four_answers, 4);
	const char *goal = text_or(get(entry, "goal"), NULL);
	if (n)
		plan_diags_add(c->diags, doc->file->path, entry->line, entry->column, "followup-analysis",
			goal,
			"goal '%s' is %s, but its follow-up lacks %s: a goal not fully met answers all four questions (åtgärder, resultat, analys/samband, förbättringsåtgärder)",
			goal ? goal : "?", status->u.text, missing.ptr ? missing.ptr : "");
	plan_buf_free(&missing);
}

/* --- deviation-without-action ----
 * "Om och när avvikelser under innevarande år befaras ska omedelbara
 * åtgärder vidtas": in DR1 and DR2 a forecast worse than planned states
 * what is done about it. */

static const answer deviation_answers[] = {
	{ "actions", "åtgärder" }, { "improvements", "förbättringsåtgärder" },
};

/* A goal's or an uppdrag's feared deviation without its actions and
 * improvements: one sentence for each kind, whole for the catalogue. */
static void check_deviation(ctx *c, const plan_document *doc, const plan_node *entry,
	int assignment)
{
	const plan_node *forecast = get(entry, "forecast");
	if (assignment) {
		if (!plan_node_is_string(forecast, "forsenad") && !plan_node_is_string(forecast, "avbruten"))
			return;
	} else if (!not_fully_met(forecast) || not_fully_met(get(entry, "status"))) {
		/* A goal not met so far already answers all four questions
		 * (followup-analysis), these two among them: one fault, one report. */
		return;
	}
	plan_buf missing = PLAN_BUF_INIT;
	const char *id = text_or(get(entry, assignment ? "assignment" : "goal"), NULL);
	if (!missing_answers(c, &missing, doc, entry, deviation_answers, 2))
		goto done;
	const char *lacking = missing.ptr ? missing.ptr : "";
	if (assignment)
		plan_diags_add(c->diags, doc->file->path, forecast->line, forecast->column,
			"deviation-without-action", id,
			"särskilt uppdrag '%s' has the forecast %s, but its follow-up states no %s: a feared deviation calls for immediate action, so say which actions are taken and which improvements are needed",
			id ? id : "?", forecast->u.text, lacking);
	else
		plan_diags_add(c->diags, doc->file->path, forecast->line, forecast->column,
			"deviation-without-action", id,
			"goal '%s' has the helårsprognos %s, but its follow-up states no %s: a feared deviation calls for immediate action, so say which actions are taken and which improvements are needed",
			id ? id : "?", forecast->u.text, lacking);
done:
	plan_buf_free(&missing);
}

static void check_economy_deviation(ctx *c, const plan_document *doc)
{
	const plan_node *economy = get(doc->root, "economy");
	plan_economy e;
	plan_economy_read(&e, economy, 0);
	if (!plan_economy_feared(&e, c->m->deviation_economy_tkr) ||
	    has_value(get(economy, "actions")) || misspelt(doc, economy, "actions"))
		return;
	/* The figures as written, where the fault points. */
	const plan_node *budget = get(economy, "budget_tkr"), *forecast = get(economy, "forecast_tkr");
	plan_diags_add(c->diags, doc->file->path, forecast->line, forecast->column,
		"deviation-without-action", doc->id,
		"the helårsprognos %s tkr exceeds the budget %s tkr by %.15g tkr, more than the styrmodell allows without actions (%.15g tkr), but the economy states no actions: a feared deviation calls for immediate action, so say which under economy.actions",
		forecast->u.text, budget->u.text, e.forecast_tkr - e.budget_tkr,
		c->m->deviation_economy_tkr);
}

/* The uppdrag and the economy of a DR1 or DR2 (its goals are checked in
 * check_followups' pass over them). */
static void check_deviations(ctx *c, const plan_document *doc)
{
	const plan_node *assignments = list_of(doc->root, "assignments");
	for (uint32_t i = 0; assignments && i < assignments->len; i++)
		if (assignments->u.items[i]->type == PLAN_NODE_MAPPING)
			check_deviation(c, doc, assignments->u.items[i], 1);
	check_economy_deviation(c, doc);
}

/* --- followup-incomplete ---- */

/* What a follow-up must cover, item by item: `expect` is called for each. */
typedef struct coverage {
	ctx *c;
	uint32_t mark;           /* items the follow-up names carry this stamp */
	size_t expected, missing;
	plan_buf list;
} coverage;

static void expect(coverage *cv, const plan_item *item)
{
	if (cv->c->flags[item->index] & F_DUP)
		return;
	cv->expected++;
	if (cv->c->stamp[item->index] == cv->mark)
		return;
	if (cv->missing < MAX_LISTED)
		plan_buf_printf(&cv->list, "%s%s", cv->missing ? ", " : "", item->id);
	cv->missing++;
}

static void expect_plan(coverage *cv, const plan_document *plan, plan_item_kind kind)
{
	for (size_t i = 0; i < plan->nitems; i++)
		if (plan->items[i]->kind == kind)
			expect(cv, plan->items[i]);
}

/* An arbetsplan's days as YYYYMMDD: a calendar year, or a school year from
 * 1 August to 30 June. 0 when it states neither. */
static int plan_first_day(const plan_document *ap)
{
	return ap->year ? ap->year * 10000 + 101 : ap->school_year ? ap->school_year * 10000 + 801 : 0;
}

static int plan_last_day(const plan_document *ap)
{
	return ap->year ? ap->year * 10000 + 1231 : (ap->school_year + 1) * 10000 + 630;
}

/* A unit's follow-up reports on the year to date, so it covers the
 * activities of every arbetsplan in force at some time between 1 January
 * of its year and its checkpoint: for a calendar-year unit the plan of that
 * year; for a school-year unit, in DR1 the school year that started the
 * August before, and from 1 August on also the one starting that year. */
static void expect_unit(coverage *cv, const plan_document *fu, const plan_item *unit)
{
	const plan_model *m = cv->c->m;
	int from = fu->year * 10000 + 101;
	int to = fu->year * 10000 + mmdd_of(checkpoint(m, fu->period));
	for (uint32_t d = cv->c->plan_head[unit->index]; d != NONE; d = cv->c->plan_next[d]) {
		const plan_document *ap = m->docs[d];
		int first = plan_first_day(ap);
		if (first && first <= to && plan_last_day(ap) >= from)
			expect_plan(cv, ap, PLAN_ITEM_ACTIVITY);
	}
}

static void expect_owner_plans(coverage *cv, const plan_document *fu)
{
	const plan_model *m = cv->c->m;
	if (fu->owner_is_kommun) {
		for (size_t i = 0; i < m->nitems; i++)
			if (m->items[i]->kind == PLAN_ITEM_KF_GOAL)
				expect(cv, m->items[i]);
		return;
	}
	const plan_item *owner = fu->owner;
	if (owner->kind == PLAN_ITEM_UNIT) {
		expect_unit(cv, fu, owner);
		return;
	}
	plan_item_kind kind = owner->kind == PLAN_ITEM_BODY ? PLAN_ITEM_BODY_GOAL : PLAN_ITEM_OFFICE_GOAL;
	for (uint32_t d = cv->c->plan_head[owner->index]; d != NONE; d = cv->c->plan_next[d])
		expect_plan(cv, m->docs[d], kind);
}

static void report_incomplete(ctx *c, const plan_document *fu, coverage *cv)
{
	const plan_item *owner = fu->owner;
	int unit = owner && owner->kind == PLAN_ITEM_UNIT;
	const char *list = unit ? "activities" : "goals";
	plan_lang lang = plan_diags_lang(c->diags);
	if (cv->missing > MAX_LISTED)
		plan_buf_printf(&cv->list, plan_tr(lang, " and %zu more"), cv->missing - MAX_LISTED);
	const plan_node *at = key_or_root(fu, list);
	const char *path = fu->file->path, *id = doc_id(fu);
	const char *missing = cv->list.ptr ? cv->list.ptr : "";
	uint32_t line = at->line, column = at->column;
	/* One whole sentence for each kind of owner. The owner of a follow-up
	 * that is not the kommun's is a body, an office or a unit. */
	if (fu->owner_is_kommun)
		plan_diags_add(c->diags, path, line, column, "followup-incomplete", fu->id,
			"follow-up '%s' leaves out %zu of the %zu fullmäktigemål: %s; add an entry for each under '%s'",
			id, cv->missing, cv->expected, missing, list);
	else if (unit)
		plan_diags_add(c->diags, path, line, column, "followup-incomplete", fu->id,
			"follow-up '%s' leaves out %zu of the %zu activities of the arbetsplaner of unit '%s' in force from %d-01-01 to %d-%s: %s; add an entry for each under '%s'",
			id, cv->missing, cv->expected, owner->id, fu->year, fu->year,
			checkpoint(c->m, fu->period), missing, list);
	else if (owner->kind == PLAN_ITEM_BODY)
		plan_diags_add(c->diags, path, line, column, "followup-incomplete", fu->id,
			"follow-up '%s' leaves out %zu of the %zu nämndmål of body '%s': %s; add an entry for each under '%s'",
			id, cv->missing, cv->expected, owner->id, missing, list);
	else
		plan_diags_add(c->diags, path, line, column, "followup-incomplete", fu->id,
			"follow-up '%s' leaves out %zu of the %zu kontorsplan goals of %s '%s': %s; add an entry for each under '%s'",
			id, cv->missing, cv->expected, plan_item_kind_definite(owner->kind, lang), owner->id,
			missing, list);
}

static void check_followup_complete(ctx *c, const plan_document *fu)
{
	if ((!fu->owner && !fu->owner_is_kommun) || mmdd_of(checkpoint(c->m, fu->period)) < 0 ||
	    !fu->year)
		return;
	coverage cv = { .c = c, .mark = new_mark(c), .list = PLAN_BUF_INIT };
	for (size_t r = 0; r < fu->nrefs; r++) {
		const plan_ref *ref = &fu->refs[r];
		if ((ref->role == PLAN_REF_FU_GOAL || ref->role == PLAN_REF_FU_ACTIVITY) && ref->valid)
			c->stamp[ref->target->index] = cv.mark;
	}
	expect_owner_plans(&cv, fu);
	if (cv.missing)
		report_incomplete(c, fu, &cv);
	c->oom |= cv.list.failed;
	plan_buf_free(&cv.list);
}

/* --- followup-inconsistent ----
 * The kommun's verdict on a fullmäktigemål rests on what the bodies report
 * on the nämndmål that contribute to it. "Mostly" is more than half of those
 * the bodies' follow-ups of the same year and checkpoint give a status of
 * uppfylld, delvis_uppfylld or ej_uppfylld (ej_bedomd and unreported goals
 * do not count either way). */

static int same_checkpoint(const plan_document *a, const plan_document *b)
{
	return a->year == b->year && a->period && b->period && strcmp(a->period, b->period) == 0;
}

/* Every nämndmål's status in the bodies' follow-ups at `kommun`'s
 * checkpoint, into status[item->index] (stamped). */
static void body_statuses(ctx *c, const plan_document *kommun, const plan_node **status,
	uint32_t mark)
{
	for (size_t d = 0; d < c->m->ndocs; d++) {
		const plan_document *fu = c->m->docs[d];
		if (fu->kind != PLAN_DOC_UPPFOLJNING || c->dup_doc[d] || !fu->owner ||
		    fu->owner->kind != PLAN_ITEM_BODY || !same_checkpoint(fu, kommun))
			continue;
		for (size_t r = 0; r < fu->nrefs; r++) {
			const plan_ref *ref = &fu->refs[r];
			if (ref->role != PLAN_REF_FU_GOAL || !ref->valid || !ref->entry ||
			    ref->target->kind != PLAN_ITEM_BODY_GOAL)
				continue;
			status[ref->target->index] = get(ref->entry, "status");
			c->stamp[ref->target->index] = mark;
		}
	}
}

static void check_consistent(ctx *c, const plan_document *kommun, const plan_ref *ref,
	const plan_node **status, uint32_t mark, uint32_t *seen, uint32_t *seen_mark)
{
	const plan_node *verdict = get(ref->entry, "status");
	int met = plan_node_is_string(verdict, "uppfylld");
	if (!met && !plan_node_is_string(verdict, "ej_uppfylld"))
		return;
	const char *opposite = met ? "ej_uppfylld" : "uppfylld";
	const plan_item *goal = ref->target;
	/* The nämndmål with a status at this checkpoint, each once (a goal
	 * may reach the fullmäktigemål directly and through a direktivmål),
	 * grouped by body in the order the bodies first come. */
	size_t n = 0, cap = 0;
	plan_contributors it = PLAN_CONTRIBUTORS_INIT(goal);
	const plan_item *child, *via;
	while ((child = plan_contributors_next(&it, &via)))
		cap++;
	const plan_item **goals = malloc((cap ? cap : 1) * sizeof *goals);
	if (!goals) {
		c->oom = 1;
		return;
	}
	uint32_t once = ++*seen_mark;
	plan_contributors again = PLAN_CONTRIBUTORS_INIT(goal);
	while ((child = plan_contributors_next(&again, &via))) {
		if (c->stamp[child->index] != mark || seen[child->index] == once)
			continue;
		seen[child->index] = once;
		size_t at = n;
		for (size_t k = n; k-- > 0;)
			if (goals[k]->owner == child->owner) {
				at = k + 1;
				break;
			}
		memmove(&goals[at + 1], &goals[at], (n - at) * sizeof *goals);
		goals[at] = child;
		n++;
	}
	size_t counted = 0, against = 0;
	for (size_t k = 0; k < n; k++) {
		const plan_node *st = status[goals[k]->index];
		if (plan_node_is_string(st, "uppfylld") || plan_node_is_string(st, "delvis_uppfylld") ||
		    plan_node_is_string(st, "ej_uppfylld")) {
			counted++;
			against += plan_node_is_string(st, opposite);
		}
	}
	if (2 * against <= counted) {
		free(goals);
		return;
	}
	/* "bun: BUN-1 ej_uppfylld, BUN-2 uppfylld; sn: SN-1 ej_uppfylld" */
	plan_buf list = PLAN_BUF_INIT;
	const plan_item *body = NULL;
	for (size_t k = 0; k < n; k++) {
		child = goals[k];
		if (!status[child->index] || status[child->index]->type != PLAN_NODE_STRING)
			continue;
		if (k == 0 || child->owner != body) {
			plan_buf_printf(&list, "%s%s: ", k ? "; " : "",
				child->owner ? child->owner->id : "?");
			body = child->owner;
		} else {
			plan_buf_puts(&list, ", ");
		}
		plan_buf_printf(&list, "%s %s", child->id, status[child->index]->u.text);
	}
	free(goals);
	plan_diags_add(c->diags, kommun->file->path, verdict->line, verdict->column,
		"followup-inconsistent", goal->id,
		"fullmäktigemål '%s' is reported %s, but %zu of the %zu nämndmål contributing to it that the bodies' %s follow-ups of %d assess are %s (%s): check the verdict or the bodies' statuses",
		goal->id, verdict->u.text, against, counted, kommun->period, kommun->year, opposite,
		list.ptr ? list.ptr : "");
	c->oom |= list.failed;
	plan_buf_free(&list);
}

static void check_followups_consistent(ctx *c)
{
	const plan_node **status = NULL;
	uint32_t *seen = NULL, seen_mark = 0;
	for (size_t d = 0; d < c->m->ndocs; d++) {
		const plan_document *kommun = c->m->docs[d];
		if (kommun->kind != PLAN_DOC_UPPFOLJNING || !kommun->owner_is_kommun || c->dup_doc[d] ||
		    !kommun->year || !kommun->period)
			continue;
		if ((!status && !(status = calloc(c->m->nitems ? c->m->nitems : 1, sizeof *status))) ||
		    (!seen && !(seen = calloc(c->m->nitems ? c->m->nitems : 1, sizeof *seen)))) {
			c->oom = 1;
			break;
		}
		uint32_t mark = new_mark(c);
		body_statuses(c, kommun, status, mark);
		for (size_t r = 0; r < kommun->nrefs; r++) {
			const plan_ref *ref = &kommun->refs[r];
			if (ref->role == PLAN_REF_FU_GOAL && ref->valid && ref->entry &&
			    ref->target->kind == PLAN_ITEM_KF_GOAL)
				check_consistent(c, kommun, ref, status, mark, seen, &seen_mark);
		}
	}
	free(status);
	free(seen);
}

static void check_followups(ctx *c)
{
	for (size_t d = 0; d < c->m->ndocs; d++) {
		const plan_document *doc = c->m->docs[d];
		if (doc->kind != PLAN_DOC_UPPFOLJNING)
			continue;
		check_followup_date(c, doc);
		int interim = period_code(doc->period) == 0 || period_code(doc->period) == 1;
		const plan_node *goals = list_of(doc->root, "goals");
		for (uint32_t i = 0; goals && i < goals->len; i++) {
			const plan_node *entry = goals->u.items[i];
			if (entry->type != PLAN_NODE_MAPPING)
				continue;
			if (interim) {
				check_forecast(c, doc, entry);
				check_deviation(c, doc, entry, 0);
			}
			check_analysis(c, doc, entry);
		}
		if (interim)
			check_deviations(c, doc);
		/* A second follow-up for the same checkpoint is already a fault;
		 * checking its coverage too would only repeat the first's. */
		if (!c->dup_doc[d])
			check_followup_complete(c, doc);
	}
}

/* --- the whole set ----------------------------------------------------------------------- */

static int ctx_init(ctx *c, const plan_model *m, plan_diags *diags)
{
	size_t ni = m->nitems ? m->nitems : 1, nd = m->ndocs ? m->ndocs : 1;
	*c = (ctx){ .m = m, .diags = diags };
	c->flags = calloc(ni, sizeof *c->flags);
	c->stamp = calloc(ni, sizeof *c->stamp);
	c->plan_head = malloc(ni * sizeof *c->plan_head);
	c->plan_next = malloc(nd * sizeof *c->plan_next);
	c->kpi_head = malloc(ni * sizeof *c->kpi_head);
	c->kpi_next = malloc(ni * sizeof *c->kpi_next);
	c->dup_doc = calloc(nd, sizeof *c->dup_doc);
	return c->flags && c->stamp && c->plan_head && c->plan_next && c->kpi_head &&
	       c->kpi_next && c->dup_doc ? 0 : -1;
}

static void ctx_free(ctx *c)
{
	free(c->flags);
	free(c->stamp);
	free(c->plan_head);
	free(c->plan_next);
	free(c->kpi_head);
	free(c->kpi_next);
	free(c->dup_doc);
}

/* perspective-unknown, for the perspectives the hushållning rules name
 * (styrmodell `hushallning.perspectives_fully_met`): a typo there would
 * otherwise only show as a report that cannot assess. */
static void check_hushallning_perspectives(const plan_model *m, plan_diags *diags)
{
	const plan_document *styr = m->styrmodell;
	if (!styr)
		return;
	const plan_node *list = plan_node_get(plan_node_get(styr->root, "hushallning"),
		"perspectives_fully_met");
	if (!list || list->type != PLAN_NODE_SEQUENCE)
		return;
	for (uint32_t i = 0; i < list->len; i++) {
		const plan_node *p = list->u.items[i];
		if (p->type != PLAN_NODE_STRING || plan_model_perspective(m, p->u.text) >= 0)
			continue;
		plan_suggest suggest = PLAN_SUGGEST_INIT(p->u.text);
		for (size_t k = 0; k < m->nperspectives; k++)
			plan_suggest_add(&suggest, m->perspectives[k].id);
		if (suggest.best)
			plan_diags_add(diags, styr->file->path, p->line, p->column, "perspective-unknown",
				p->u.text, "perspective '%s' in hushallning.perspectives_fully_met is not defined "
				"under perspectives; did you mean '%s'?", p->u.text, suggest.best);
		else
			plan_diags_add(diags, styr->file->path, p->line, p->column, "perspective-unknown",
				p->u.text, "perspective '%s' in hushallning.perspectives_fully_met is not defined "
				"under perspectives", p->u.text);
	}
}

int plan_rules_model(const plan_model *m, plan_diags *diags)
{
	ctx c;
	int rc = -1;
	if (ctx_init(&c, m, diags) < 0)
		goto cleanup;
	check_period_length(m, diags);
	mark_duplicates(&c);
	build_chains(&c);
	check_multiplicity(&c);
	check_plan_missing(&c);
	check_owner_directives(&c);
	check_kf_goals_addressed(&c);
	check_goals_measured(&c);
	check_perspective_gap(&c);
	check_assignments_planned(&c);
	check_assignment_duration(&c);
	check_arbetsplaner(&c);
	check_agenda2030(&c);
	check_followups(&c);
	check_followups_consistent(&c);
	check_hushallning_perspectives(m, diags);
	rc = c.oom || plan_diags_oom(diags) ? -1 : 0;
cleanup:
	ctx_free(&c);
	return rc;
}
