/* report_followup.c: the follow-up at one checkpoint, for the municipality
 * or for one owner, assembled from the follow-up documents of that year and
 * checkpoint and the plans they report on. */
#include "plan/report_followup.h"

#include <stdlib.h>
#include <string.h>

#include "plan/suggest.h"

static const char *text_of(const plan_node *n)
{
	return n && n->type == PLAN_NODE_STRING ? n->u.text : NULL;
}

static int is_org(const plan_item *item)
{
	return item->kind == PLAN_ITEM_BODY || item->kind == PLAN_ITEM_OFFICE ||
	       item->kind == PLAN_ITEM_UNIT;
}

/* The body above an organisational item (itself for a body). */
static const plan_item *body_of(const plan_item *org)
{
	for (int i = 0; org && i < 3; i++) {
		if (org->kind == PLAN_ITEM_BODY)
			return org;
		org = org->parent;
	}
	return NULL;
}

/* `org` is `owner` or lies below it. */
static int under(const plan_item *org, const plan_item *owner)
{
	for (int i = 0; org && i < 3; i++, org = org->parent)
		if (org == owner)
			return 1;
	return 0;
}

const plan_document *plan_followup_find(const plan_model *m, const plan_item *owner,
	int year, plan_period period)
{
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		if (doc->kind != PLAN_DOC_UPPFOLJNING || doc->year != year ||
		    plan_period_parse(doc->period) != (int)period)
			continue;
		if (owner ? doc->owner == owner : doc->owner_is_kommun)
			return doc;
	}
	return NULL;
}

static int monthday_number(const char *md)
{
	if (!md || strlen(md) != 5 || md[2] != '-')
		return 1231;
	int v = 0;
	for (int i = 0; i < 5; i++) {
		if (i == 2)
			continue;
		if (md[i] < '0' || md[i] > '9')
			return 1231;
		v = v * 10 + (md[i] - '0');
	}
	return v;
}

int plan_arbetsplan_in_force(const plan_document *ap, int year, const char *monthday)
{
	if (ap->kind != PLAN_DOC_ARBETSPLAN)
		return 0;
	int from = year * 10000 + 101, to = year * 10000 + monthday_number(monthday);
	int first, last;
	if (ap->year) {
		first = ap->year * 10000 + 101;
		last = ap->year * 10000 + 1231;
	} else if (ap->school_year) {
		first = ap->school_year * 10000 + 801;
		last = (ap->school_year + 1) * 10000 + 630;
	} else {
		return 0;
	}
	return first <= to && last >= from;
}

/* --- building ---------------------------------------------------------------- */

typedef struct builder {
	const plan_model *m;
	plan_followup *f;
	const char *monthday;
	const plan_kolada *kolada;
	/* Per item: the follow-up entry that reports it at this checkpoint. */
	const plan_document **entry_doc;
	const plan_node **entry;
	unsigned char *entry_rank;
	int oom;
} builder;

static void *alloc(builder *b, size_t n, size_t size)
{
	if (n == 0)
		return NULL;
	void *p = size && n > ((size_t)-1) / size ? NULL : plan_arena_alloc(b->f->arena, n * size);
	if (!p)
		b->oom = 1;
	return p;
}

static int at_checkpoint(const builder *b, const plan_document *doc)
{
	return doc->kind == PLAN_DOC_UPPFOLJNING && doc->year == b->f->year &&
	       plan_period_parse(doc->period) == (int)b->f->period;
}

/* Which follow-up's entry describes an item: its owner's follow-up first,
 * then the report's own document, then any other of the checkpoint. */
static void index_entries(builder *b)
{
	const plan_model *m = b->m;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		if (!at_checkpoint(b, doc))
			continue;
		for (size_t r = 0; r < doc->nrefs; r++) {
			const plan_ref *ref = &doc->refs[r];
			if ((ref->role != PLAN_REF_FU_GOAL && ref->role != PLAN_REF_FU_ACTIVITY) ||
			    !ref->valid || !ref->target)
				continue;
			const plan_item *t = ref->target;
			unsigned char rank = 1;
			if (t->kind == PLAN_ITEM_KF_GOAL ? doc->owner_is_kommun : doc->owner && doc->owner == t->owner)
				rank = 3;
			else if (doc == b->f->doc)
				rank = 2;
			if (rank > b->entry_rank[t->index]) {
				b->entry_rank[t->index] = rank;
				b->entry_doc[t->index] = doc;
				b->entry[t->index] = ref->entry;
			}
		}
	}
}

static void fill_entry(builder *b, plan_fu_entry *e, const plan_item *item)
{
	memset(e, 0, sizeof *e);
	e->item = item;
	e->perspective = plan_report_perspective(b->m, item);
	e->doc = b->entry_doc[item->index];
	const plan_node *entry = b->entry[item->index];
	e->status = plan_goal_status_parse(text_of(plan_node_get(entry, "status")));
	e->forecast = plan_goal_status_parse(text_of(plan_node_get(entry, "forecast")));
	e->task = plan_task_status_parse(text_of(plan_node_get(entry, "status")));
	e->actions = text_of(plan_node_get(entry, "actions"));
	e->results = text_of(plan_node_get(entry, "results"));
	e->analysis = text_of(plan_node_get(entry, "analysis"));
	e->improvements = text_of(plan_node_get(entry, "improvements"));
	if (item->kind == PLAN_ITEM_ACTIVITY) {
		e->responsible = text_of(plan_node_get(item->node, "responsible"));
		e->due = text_of(plan_node_get(item->node, "due"));
	}
}

static int activity_in_force(const builder *b, const plan_item *item)
{
	return item->kind == PLAN_ITEM_ACTIVITY && item->doc &&
	       plan_arbetsplan_in_force(item->doc, b->f->year, b->monthday);
}

/* What the level below contributes: kontorsplan goals and activities
 * under a nämndmål, activities under a kontorsplan goal (a fullmäktigemål's
 * nämndmål are fill_below_kf's). */
static int contributes(const builder *b, const plan_item *parent, const plan_item *child)
{
	if (!plan_report_defines(b->m, child))
		return 0;
	switch (parent->kind) {
	case PLAN_ITEM_BODY_GOAL:
		return child->kind == PLAN_ITEM_OFFICE_GOAL || activity_in_force(b, child);
	case PLAN_ITEM_OFFICE_GOAL: return activity_in_force(b, child);
	default: return 0;
	}
}

/* Below a fullmäktigemål: the nämndmål contributing to it, a bolag's
 * through its ägardirektiv's direktivmål too, each once. */
static void fill_below_kf(builder *b, plan_fu_entry *e)
{
	plan_contributors it = PLAN_CONTRIBUTORS_INIT(e->item);
	const plan_item *goal, *via;
	size_t n = 0;
	while ((goal = plan_contributors_next(&it, &via)))
		n++;
	e->below = alloc(b, n, sizeof *e->below);
	if (!e->below)
		return;
	plan_contributors again = PLAN_CONTRIBUTORS_INIT(e->item);
	while ((goal = plan_contributors_next(&again, &via))) {
		if (!plan_report_defines(b->m, goal))
			continue;
		int seen = 0;
		for (size_t k = 0; k < e->nbelow && !seen; k++)
			seen = e->below[k].item == goal;
		if (seen)
			continue;
		plan_fu_entry *below = &e->below[e->nbelow++];
		fill_entry(b, below, goal);
		below->via = via;
	}
}

static void fill_below(builder *b, plan_fu_entry *e)
{
	const plan_item *item = e->item;
	if (item->kind == PLAN_ITEM_KF_GOAL) {
		fill_below_kf(b, e);
		return;
	}
	size_t n = 0;
	for (size_t c = 0; c < item->nchildren; c++)
		n += contributes(b, item, item->children[c]);
	e->below = alloc(b, n, sizeof *e->below);
	if (!e->below)
		return;
	for (size_t c = 0; c < item->nchildren; c++) {
		const plan_item *child = item->children[c];
		if (!contributes(b, item, child))
			continue;
		/* A child that links twice to the same goal is listed once. */
		int seen = 0;
		for (size_t k = 0; k < e->nbelow && !seen; k++)
			seen = e->below[k].item == child;
		if (!seen)
			fill_entry(b, &e->below[e->nbelow++], child);
	}
}

static int owns_goal(const builder *b, const plan_item *item)
{
	const plan_followup *f = b->f;
	if (!plan_report_defines(b->m, item))
		return 0;
	if (f->kommun)
		return item->kind == PLAN_ITEM_KF_GOAL && item->doc == b->m->flerarsplan;
	if (f->owner->kind == PLAN_ITEM_BODY)
		return item->kind == PLAN_ITEM_BODY_GOAL && item->owner == f->owner;
	if (f->owner->kind == PLAN_ITEM_OFFICE)
		return item->kind == PLAN_ITEM_OFFICE_GOAL && item->owner == f->owner;
	return 0;
}

static void build_goals(builder *b)
{
	const plan_model *m = b->m;
	plan_followup *f = b->f;
	size_t n = 0;
	for (size_t i = 0; i < m->nitems; i++)
		n += owns_goal(b, m->items[i]);
	f->nperspective_rows = m->nperspectives + 1;
	f->status_by_perspective = alloc(b, f->nperspective_rows, sizeof *f->status_by_perspective);
	f->forecast_by_perspective = alloc(b, f->nperspective_rows, sizeof *f->forecast_by_perspective);
	f->goals = alloc(b, n, sizeof *f->goals);
	if (b->oom)
		return;
	/* By perspective in the styrmodell's order, then those without one. */
	for (size_t p = 0; p <= m->nperspectives; p++) {
		int want = p < m->nperspectives ? (int)p : -1;
		for (size_t i = 0; i < m->nitems; i++) {
			const plan_item *item = m->items[i];
			if (!owns_goal(b, item) || plan_report_perspective(m, item) != want)
				continue;
			plan_fu_entry *e = &f->goals[f->ngoals++];
			fill_entry(b, e, item);
			fill_below(b, e);
			plan_status_counts_add(&f->status_by_perspective[p], e->status);
			plan_status_counts_add(&f->forecast_by_perspective[p], e->forecast);
			plan_status_counts_add(&f->status_all, e->status);
			plan_status_counts_add(&f->forecast_all, e->forecast);
		}
	}
}

/* --- särskilda uppdrag ------------------------------------------------------- */

static int assigned_to(const plan_item *assignment, const plan_item *body)
{
	for (size_t r = 0; r < assignment->nrefs; r++)
		if (assignment->refs[r].role == PLAN_REF_ASSIGNED_TO &&
		    assignment->refs[r].target == body)
			return 1;
	return 0;
}

static int assignment_relevant(const builder *b, const plan_item *a)
{
	const plan_followup *f = b->f;
	if (a->kind != PLAN_ITEM_ASSIGNMENT || !plan_report_defines(b->m, a))
		return 0;
	if ((a->from_year && a->from_year > f->year) || (a->to_year && a->to_year < f->year))
		return 0;
	return f->kommun || assigned_to(a, body_of(f->owner));
}

/* The entry for an assignment in a follow-up document, or NULL. */
static const plan_node *assignment_entry(const plan_document *doc, const plan_item *a)
{
	for (size_t r = 0; doc && r < doc->nrefs; r++)
		if (doc->refs[r].role == PLAN_REF_FU_ASSIGNMENT && doc->refs[r].valid &&
		    doc->refs[r].target == a)
			return doc->refs[r].entry;
	return NULL;
}

static void fill_assignment(builder *b, plan_fu_assignment *row, const plan_item *a,
	const plan_document *doc, const plan_node *entry)
{
	memset(row, 0, sizeof *row);
	row->assignment = a;
	row->doc = entry ? doc : NULL;
	row->reporter = entry && doc ? doc->owner : NULL;
	row->status = plan_task_status_parse(text_of(plan_node_get(entry, "status")));
	row->report = text_of(plan_node_get(entry, "report"));
	row->forecast = plan_task_status_parse(text_of(plan_node_get(entry, "forecast")));
	row->actions = text_of(plan_node_get(entry, "actions"));
	row->improvements = text_of(plan_node_get(entry, "improvements"));
	const plan_node *funding = plan_node_get(a->node, "funding");
	const char *type = text_of(plan_node_get(funding, "type"));
	row->funding = !type ? PLAN_FUNDING_NONE : strcmp(type, "tillskott") == 0 ?
		PLAN_FUNDING_TILLSKOTT : strcmp(type, "inom_ram") == 0 ? PLAN_FUNDING_INOM_RAM :
		PLAN_FUNDING_NONE;
	const plan_node *amount = plan_node_get(funding, "amount_tkr");
	if (amount && amount->type == PLAN_NODE_NUMBER) {
		row->has_amount = 1;
		row->amount_tkr = amount->number;
	}
	b->f->assignment_counts[row->status]++;
}

/* Rows for one assignment; returns how many were written (at most `max`). */
static size_t assignment_rows(builder *b, const plan_item *a, plan_fu_assignment *rows, size_t max)
{
	const plan_followup *f = b->f;
	const plan_document *kommun = plan_followup_find(b->m, NULL, f->year, f->period);
	size_t n = 0;
	if (f->kommun) {
		const plan_node *entry = assignment_entry(kommun, a);
		if (entry) {
			fill_assignment(b, &rows[0], a, kommun, entry);
			return 1;
		}
		/* Not in the municipality's follow-up: what each body says. */
		for (size_t r = 0; r < a->nrefs && n < max; r++) {
			const plan_ref *ref = &a->refs[r];
			if (ref->role != PLAN_REF_ASSIGNED_TO || !ref->valid || !ref->target)
				continue;
			const plan_document *doc = plan_followup_find(b->m, ref->target, f->year, f->period);
			entry = assignment_entry(doc, a);
			if (entry)
				fill_assignment(b, &rows[n++], a, doc, entry);
		}
		if (n == 0)
			fill_assignment(b, &rows[n++], a, NULL, NULL);
		return n;
	}
	/* One owner: its own word, else its body's, else the municipality's. */
	const plan_document *candidates[3] = {
		f->doc,
		plan_followup_find(b->m, body_of(f->owner), f->year, f->period),
		kommun,
	};
	for (size_t c = 0; c < 3; c++) {
		const plan_node *entry = assignment_entry(candidates[c], a);
		if (entry) {
			fill_assignment(b, &rows[0], a, candidates[c], entry);
			return 1;
		}
	}
	fill_assignment(b, &rows[0], a, NULL, NULL);
	return 1;
}

static size_t count_assigned(const plan_item *a)
{
	size_t n = 0;
	for (size_t r = 0; r < a->nrefs; r++)
		n += a->refs[r].role == PLAN_REF_ASSIGNED_TO;
	return n;
}

static void build_assignments(builder *b)
{
	const plan_model *m = b->m;
	plan_followup *f = b->f;
	size_t cap = 0;
	for (size_t i = 0; i < m->nitems; i++)
		if (assignment_relevant(b, m->items[i]))
			cap += count_assigned(m->items[i]) + 1;
	f->assignments = alloc(b, cap, sizeof *f->assignments);
	if (!f->assignments)
		return;
	for (size_t i = 0; i < m->nitems; i++)
		if (assignment_relevant(b, m->items[i]))
			f->nassignments += assignment_rows(b, m->items[i], f->assignments + f->nassignments,
				cap - f->nassignments);
}

/* --- KPIs -------------------------------------------------------------------- */

static int unit_follows(const builder *b, const plan_item *unit, const plan_item *kpi)
{
	const plan_model *m = b->m;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *ap = m->docs[d];
		if (ap->kind != PLAN_DOC_ARBETSPLAN || ap->owner != unit ||
		    !plan_arbetsplan_in_force(ap, b->f->year, b->monthday))
			continue;
		for (size_t r = 0; r < ap->nrefs; r++)
			if (ap->refs[r].role == PLAN_REF_FOLLOWED_KPI && ap->refs[r].target == kpi)
				return 1;
	}
	return 0;
}

static int kpi_relevant(const builder *b, const plan_item *kpi)
{
	const plan_followup *f = b->f;
	if (f->kommun)
		return 1;
	switch (f->owner->kind) {
	case PLAN_ITEM_BODY:
	case PLAN_ITEM_OFFICE: return kpi->owner && under(kpi->owner, f->owner);
	default: return unit_follows(b, f->owner, kpi);
	}
}

static void build_kpis(builder *b)
{
	plan_followup *f = b->f;
	plan_kpi_options opt = PLAN_KPI_OPTIONS_INIT;
	opt.upto_year = f->year;
	opt.upto_period = f->period;
	opt.kolada = b->kolada;
	if (plan_kpi_table_build(&f->kpi_table, b->m, &opt) < 0) {
		b->oom = 1;
		return;
	}
	const plan_kpi_table *t = f->kpi_table;
	f->kpis = alloc(b, t->nkpis, sizeof *f->kpis);
	f->kpi_rows = alloc(b, t->nkpis, sizeof *f->kpi_rows);
	if (!f->kpis || !f->kpi_rows)
		return;
	for (size_t i = 0; i < t->nkpis; i++) {
		if (!kpi_relevant(b, t->kpis[i].kpi))
			continue;
		f->kpis[f->nkpis] = &t->kpis[i];
		plan_kpi_report_at(&t->kpis[i], f->year, &f->kpi_rows[f->nkpis]);
		f->kpi_counts[f->kpi_rows[f->nkpis].result]++;
		f->nkpis++;
	}
}

/* --- activities -------------------------------------------------------------- */

static int activity_relevant(const builder *b, const plan_item *item)
{
	if (!activity_in_force(b, item) || !plan_report_defines(b->m, item))
		return 0;
	return b->f->kommun || (item->owner && under(item->owner, b->f->owner));
}

static void build_activities(builder *b)
{
	const plan_model *m = b->m;
	plan_followup *f = b->f;
	size_t n = 0;
	for (size_t i = 0; i < m->nitems; i++)
		n += activity_relevant(b, m->items[i]);
	f->activities = alloc(b, n, sizeof *f->activities);
	if (!f->activities)
		return;
	for (size_t i = 0; i < m->nitems; i++) {
		if (!activity_relevant(b, m->items[i]))
			continue;
		plan_fu_entry *e = &f->activities[f->nactivities++];
		fill_entry(b, e, m->items[i]);
		f->activity_counts[e->task]++;
	}
}

/* --- economy ----------------------------------------------------------------- */

static int directly_below(const plan_followup *f, const plan_item *org)
{
	if (f->kommun)
		return org->kind == PLAN_ITEM_BODY;
	return org->parent == f->owner && (org->kind == PLAN_ITEM_OFFICE || org->kind == PLAN_ITEM_UNIT);
}

static void build_economy(builder *b)
{
	const plan_model *m = b->m;
	plan_followup *f = b->f;
	int year_end = f->period == PLAN_PERIOD_AR;
	size_t cap = 2;
	for (size_t i = 0; i < m->nitems; i++)
		cap += is_org(m->items[i]) && directly_below(f, m->items[i]);
	f->economy = alloc(b, cap, sizeof *f->economy);
	if (!f->economy)
		return;
	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *org = m->items[i];
		if (!is_org(org) || !directly_below(f, org) || !plan_report_defines(m, org))
			continue;
		const plan_document *doc = plan_followup_find(m, org, f->year, f->period);
		const plan_node *economy = doc ? plan_node_get(doc->root, "economy") : NULL;
		if (!economy)
			continue;
		plan_fu_economy *row = &f->economy[f->neconomy++];
		row->owner = org;
		row->doc = doc;
		plan_economy_read(&row->economy, economy, year_end);
	}
	size_t rows = f->neconomy;
	if (rows > 1) {
		plan_economy *tmp = alloc(b, rows, sizeof *tmp);
		if (!tmp)
			return;
		for (size_t i = 0; i < rows; i++)
			tmp[i] = f->economy[i].economy;
		plan_fu_economy *sum = &f->economy[f->neconomy++];
		sum->is_sum = 1;
		plan_economy_sum(&sum->economy, tmp, rows);
	}
	const plan_node *own = plan_node_get(f->doc->root, "economy");
	if (own) {
		plan_fu_economy *row = &f->economy[f->neconomy++];
		row->owner = f->owner;
		row->doc = f->doc;
		plan_economy_read(&row->economy, own, year_end);
	}
}

/* --- deviations -------------------------------------------------------------- */

static int deviates(const plan_fu_entry *e)
{
	return e->item->kind != PLAN_ITEM_ACTIVITY &&
	       (plan_goal_status_below_met(e->status) || plan_goal_status_below_met(e->forecast));
}

static void build_deviations(builder *b)
{
	plan_followup *f = b->f;
	size_t cap = 0;
	for (size_t g = 0; g < f->ngoals; g++)
		cap += 1 + f->goals[g].nbelow;
	f->deviations = alloc(b, cap, sizeof *f->deviations);
	if (!f->deviations)
		return;
	for (size_t g = 0; g < f->ngoals; g++)
		if (deviates(&f->goals[g]))
			f->deviations[f->ndeviations++] = &f->goals[g];
	for (size_t g = 0; g < f->ngoals; g++)
		for (size_t k = 0; k < f->goals[g].nbelow; k++) {
			const plan_fu_entry *e = &f->goals[g].below[k];
			if (!deviates(e))
				continue;
			int seen = 0;
			for (size_t d = 0; d < f->ndeviations && !seen; d++)
				seen = f->deviations[d]->item == e->item;
			if (!seen)
				f->deviations[f->ndeviations++] = e;
		}
}

/* --- feared deviations -------------------------------------------------------- */

static void build_feared(builder *b)
{
	plan_followup *f = b->f;
	if (f->period == PLAN_PERIOD_AR)
		return;
	f->feared_goals = alloc(b, f->ndeviations, sizeof *f->feared_goals);
	f->feared_assignments = alloc(b, f->nassignments, sizeof *f->feared_assignments);
	f->feared_economy = alloc(b, f->neconomy, sizeof *f->feared_economy);
	if (b->oom)
		return;
	for (size_t i = 0; i < f->ndeviations; i++)
		if (plan_goal_status_below_met(f->deviations[i]->forecast))
			f->feared_goals[f->nfeared_goals++] = f->deviations[i];
	for (size_t i = 0; i < f->nassignments; i++) {
		plan_task_status forecast = f->assignments[i].forecast;
		if (forecast == PLAN_TASK_LATE || forecast == PLAN_TASK_CANCELLED)
			f->feared_assignments[f->nfeared_assignments++] = &f->assignments[i];
	}
	for (size_t i = 0; i < f->neconomy; i++) {
		if (!f->economy[i].is_sum &&
		    plan_economy_feared(&f->economy[i].economy, b->m->deviation_economy_tkr))
			f->feared_economy[f->nfeared_economy++] = &f->economy[i];
	}
}

/* --- god ekonomisk hushållning ------------------------------------------------ */

static void build_hushallning(builder *b)
{
	plan_followup *f = b->f;
	plan_hushallning_rules rules;
	plan_hushallning_rules_read(&rules, b->m);
	int by_forecast = f->period != PLAN_PERIOD_AR && rules.interim_by_forecast;
	plan_hushallning_goal *goals = alloc(b, f->ngoals, sizeof *goals);
	if (f->ngoals && !goals)
		return;
	for (size_t g = 0; g < f->ngoals; g++) {
		const plan_fu_entry *e = &f->goals[g];
		goals[g].perspective = e->perspective;
		/* followup-forecast makes the forecast required in DR1 and DR2;
		 * where it is missing anyway, the status is what there is. */
		goals[g].status = by_forecast && e->forecast != PLAN_GOAL_UNREPORTED ? e->forecast : e->status;
	}
	plan_hushallning_judge(&f->hushallning, &rules, b->m->perspectives, b->m->nperspectives,
		goals, f->ngoals);
	f->has_hushallning = 1;
	f->hushallning_assessment = text_of(plan_node_get(plan_node_get(f->doc->root, "hushallning"),
		"assessment"));
}

/* --- the whole ---------------------------------------------------------------- */

static void resolve_owner(builder *b, const char *owner)
{
	const plan_model *m = b->m;
	plan_followup *f = b->f;
	if (!owner || strcmp(owner, "kommun") == 0) {
		f->kommun = 1;
		return;
	}
	const plan_item *item = plan_model_find(m, owner);
	if (!item) {
		plan_suggest suggest = PLAN_SUGGEST_INIT(owner);
		plan_suggest_add(&suggest, "kommun");
		for (size_t i = 0; i < m->nitems; i++)
			if (is_org(m->items[i]))
				plan_suggest_add(&suggest, m->items[i]->id);
		f->suggestion = suggest.best;
		f->status = PLAN_FOLLOWUP_UNKNOWN_OWNER;
		return;
	}
	f->owner = item;
	if (!is_org(item))
		f->status = PLAN_FOLLOWUP_NOT_AN_OWNER;
}

int plan_followup_build(plan_followup **out, const plan_model *m,
	const plan_followup_options *options, plan_error *err)
{
	*out = NULL;
	builder b = { .m = m, .kolada = options->kolada };
	plan_followup *f = calloc(1, sizeof *f);
	if (!f || !(f->arena = plan_arena_new())) {
		free(f);
		return plan_error_set(err, "out of memory");
	}
	b.f = f;
	f->year = options->year;
	f->period = options->period;
	b.monthday = plan_period_monthday(m, f->period);
	resolve_owner(&b, options->owner);
	if (f->status == PLAN_FOLLOWUP_OK) {
		f->doc = plan_followup_find(m, f->owner, f->year, f->period);
		if (!f->doc)
			f->status = PLAN_FOLLOWUP_NO_DOCUMENT;
	}
	if (f->status != PLAN_FOLLOWUP_OK) {
		*out = f;
		return 0;
	}
	f->as_of = text_of(plan_node_get(f->doc->root, "as_of"));
	size_t n = m->nitems ? m->nitems : 1;
	b.entry_doc = calloc(n, sizeof *b.entry_doc);
	b.entry = calloc(n, sizeof *b.entry);
	b.entry_rank = calloc(n, sizeof *b.entry_rank);
	if (!b.entry_doc || !b.entry || !b.entry_rank) {
		b.oom = 1;
		goto done;
	}
	index_entries(&b);
	build_goals(&b);
	if (!b.oom)
		build_assignments(&b);
	if (!b.oom)
		build_kpis(&b);
	if (!b.oom)
		build_activities(&b);
	if (!b.oom)
		build_economy(&b);
	if (!b.oom)
		build_deviations(&b);
	if (!b.oom)
		build_feared(&b);
	if (!b.oom && f->kommun)
		build_hushallning(&b);
done:
	free(b.entry_doc);
	free(b.entry);
	free(b.entry_rank);
	if (b.oom) {
		plan_followup_free(f);
		return plan_error_set(err, "out of memory");
	}
	*out = f;
	return 0;
}

void plan_followup_free(plan_followup *f)
{
	if (!f)
		return;
	plan_kpi_table_free(f->kpi_table);
	plan_arena_free(f->arena);
	free(f);
}
