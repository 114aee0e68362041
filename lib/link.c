/* link.c: the link stage: which levels each reference may point to, whose
 * plans it may point into, cycles, and every item's trace to the
 * fullmäktigemål with the perspectives it reaches. */
#include "plan/model.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "model_impl.h"
#include "plan/buf.h"
#include "plan/suggest.h"

#define BIT(k) ((uint64_t)1 << (k))

static uint64_t bit_of(int index)
{
	return index >= 0 && index < 64 ? BIT(index) : 0;
}

/* --- levels ------------------------------------------------------------------ */

int plan_ref_allows(const plan_document *doc, int source, plan_ref_role role,
	plan_item_kind target)
{
	switch (role) {
	case PLAN_REF_CONTRIBUTES_TO:
		if (source == PLAN_ITEM_DIRECTIVE_GOAL)
			return target == PLAN_ITEM_KF_GOAL;
		/* A bolag's goals may contribute to its ägardirektiv's goals;
		 * whose directive it is, is cross-body-link's concern. */
		if (source == PLAN_ITEM_BODY_GOAL)
			return target == PLAN_ITEM_KF_GOAL || target == PLAN_ITEM_DIRECTIVE_GOAL;
		if (source == PLAN_ITEM_OFFICE_GOAL)
			return target == PLAN_ITEM_BODY_GOAL;
		return target == PLAN_ITEM_OFFICE_GOAL || target == PLAN_ITEM_BODY_GOAL ||
		       target == PLAN_ITEM_ASSIGNMENT;
	case PLAN_REF_MEASURES:
		return target == PLAN_ITEM_BODY_GOAL || target == PLAN_ITEM_OFFICE_GOAL;
	case PLAN_REF_GOAL:
		return target == PLAN_ITEM_KF_GOAL;
	case PLAN_REF_ASSIGNED_TO:
	case PLAN_REF_BODY:
		return target == PLAN_ITEM_BODY;
	case PLAN_REF_OFFICE:
		return target == PLAN_ITEM_OFFICE;
	case PLAN_REF_OWNER:
		switch (doc->kind) {
		case PLAN_DOC_VERKSAMHETSPLAN:
		case PLAN_DOC_AGARDIREKTIV: return target == PLAN_ITEM_BODY;
		case PLAN_DOC_KONTORSPLAN: return target == PLAN_ITEM_OFFICE;
		case PLAN_DOC_ARBETSPLAN: return target == PLAN_ITEM_UNIT;
		default:
			return target == PLAN_ITEM_BODY || target == PLAN_ITEM_OFFICE ||
			       target == PLAN_ITEM_UNIT;
		}
	case PLAN_REF_PLANNED:
	case PLAN_REF_FU_ASSIGNMENT:
		return target == PLAN_ITEM_ASSIGNMENT;
	case PLAN_REF_FOLLOWED_KPI:
	case PLAN_REF_FU_KPI:
		return target == PLAN_ITEM_KPI;
	case PLAN_REF_FU_GOAL:
		/* A follow-up reports on its owner's own level of goals. */
		if (doc->owner_is_kommun)
			return target == PLAN_ITEM_KF_GOAL;
		if (doc->owner && doc->owner->kind == PLAN_ITEM_BODY)
			return target == PLAN_ITEM_BODY_GOAL;
		if (doc->owner && doc->owner->kind == PLAN_ITEM_OFFICE)
			return target == PLAN_ITEM_OFFICE_GOAL;
		if (doc->owner && doc->owner->kind == PLAN_ITEM_UNIT)
			return 0;
		return target == PLAN_ITEM_KF_GOAL || target == PLAN_ITEM_BODY_GOAL ||
		       target == PLAN_ITEM_OFFICE_GOAL;
	case PLAN_REF_FU_ACTIVITY:
		return target == PLAN_ITEM_ACTIVITY;
	}
	return 0;
}

/* "a nämndmål", "an activity": a kind with its article, for messages (the
 * article differs by kind in both languages: en aktivitet, ett nämndmål). */
static const char *with_article(plan_item_kind kind, plan_lang lang)
{
	switch (kind) {
	case PLAN_ITEM_BODY: return plan_tr(lang, "a body");
	case PLAN_ITEM_OFFICE: return plan_tr(lang, "an office");
	case PLAN_ITEM_UNIT: return plan_tr(lang, "a unit");
	case PLAN_ITEM_KF_GOAL: return plan_tr(lang, "a fullmäktigemål");
	case PLAN_ITEM_ASSIGNMENT: return plan_tr(lang, "a särskilt uppdrag");
	case PLAN_ITEM_BODY_GOAL: return plan_tr(lang, "a nämndmål");
	case PLAN_ITEM_DIRECTIVE_GOAL: return plan_tr(lang, "a direktivmål");
	case PLAN_ITEM_OFFICE_GOAL: return plan_tr(lang, "a kontorsplan goal");
	case PLAN_ITEM_KPI: return plan_tr(lang, "a KPI");
	case PLAN_ITEM_ACTIVITY: return plan_tr(lang, "an activity");
	default: return plan_tr(lang, "a plan document");
	}
}

/* "a fullmäktigemål", "a kontorsplan goal, a nämndmål or a särskilt uppdrag":
 * the kinds a reference may name, for messages. */
static void allowed_kinds(plan_buf *out, const plan_document *doc, int source, plan_ref_role role,
	plan_lang lang)
{
	size_t n = 0, total = 0;
	for (int k = 0; k < PLAN_ITEM_KINDS; k++)
		total += plan_ref_allows(doc, source, role, (plan_item_kind)k) != 0;
	if (total == 0) {
		plan_buf_puts(out, plan_tr(lang, "nothing at this level"));
		return;
	}
	for (int k = 0; k < PLAN_ITEM_KINDS; k++) {
		if (!plan_ref_allows(doc, source, role, (plan_item_kind)k))
			continue;
		if (n)
			plan_buf_puts(out, n + 1 == total ? plan_tr(lang, " or ") : ", ");
		plan_buf_puts(out, with_article((plan_item_kind)k, lang));
		n++;
	}
}

static void check_level(plan_diags *diags, const plan_document *doc, const plan_item *item,
	plan_ref *ref)
{
	int source = item ? item->kind : -1;
	ref->valid = 0;
	if (!ref->target)
		return;
	plan_lang lang = plan_diags_lang(diags);
	if (ref->role == PLAN_REF_OWNER && doc->kind == PLAN_DOC_AGARDIREKTIV &&
	    ref->target->kind == PLAN_ITEM_BODY && !ref->target->company) {
		plan_diags_add(diags, doc->file->path, ref->node->line, ref->node->column,
			"wrong-level-link", ref->id,
			"'%s' is a body that is not a bolag, but an ägardirektiv is given to a bolag (a body of type 'bolag' in the organisation)",
			ref->id);
		return;
	}
	if (plan_ref_allows(doc, source, ref->role, ref->target->kind)) {
		ref->valid = 1;
		return;
	}
	const char *key = item ? item->id : ref->id;
	const char *is = with_article(ref->target->kind, lang);
	if (ref->role == PLAN_REF_FU_GOAL && doc->owner && doc->owner->kind == PLAN_ITEM_UNIT) {
		plan_diags_add(diags, doc->file->path, ref->node->line, ref->node->column,
			"wrong-level-link", key,
			"'%s' is %s, but a unit's follow-up reports on activities, not goals", ref->id, is);
		return;
	}
	plan_buf allowed = PLAN_BUF_INIT;
	allowed_kinds(&allowed, doc, source, ref->role, lang);
	if (item)
		plan_diags_add(diags, doc->file->path, ref->node->line, ref->node->column,
			"wrong-level-link", key, "'%s' is %s, but %s '%s' may name in '%s' only %s",
			ref->id, is, plan_item_kind_definite(item->kind, lang), item->id,
			plan_ref_role_key(ref->role), allowed.ptr ? allowed.ptr : "");
	else
		plan_diags_add(diags, doc->file->path, ref->node->line, ref->node->column,
			"wrong-level-link", key, "'%s' is %s, but this %s may name in '%s' only %s",
			ref->id, is, plan_doc_kind_definite(doc->kind, lang), plan_ref_role_key(ref->role),
			allowed.ptr ? allowed.ptr : "");
	plan_buf_free(&allowed);
}

/* --- whose plan ------------------------------------------------------------------ */

/* The body an organisational item belongs to (itself for a body). */
static const plan_item *body_of(const plan_item *org)
{
	for (int i = 0; org && i < 3; i++) {
		if (org->kind == PLAN_ITEM_BODY)
			return org;
		org = org->parent;
	}
	return NULL;
}

static const plan_item *office_of(const plan_item *org)
{
	if (org && org->kind == PLAN_ITEM_UNIT)
		return org->parent;
	return org && org->kind == PLAN_ITEM_OFFICE ? org : NULL;
}

static int assigned_to(const plan_item *assignment, const plan_item *body)
{
	for (size_t r = 0; r < assignment->nrefs; r++)
		if (assignment->refs[r].role == PLAN_REF_ASSIGNED_TO &&
		    assignment->refs[r].target == body)
			return 1;
	return 0;
}

/* Whose plan a link from `item` (NULL: the document `doc` itself) to
 * `target` by `role` points into: WHOSE_OWN when that is as it should be
 * (or the check does not apply, or an owner is unknown); WHOSE_OTHER when
 * it is `*got`'s plan, not `*want`'s (`*office`: offices', not bodies');
 * WHOSE_NOT_GIVEN for a särskilt uppdrag not given to the body `*want`. */
enum { WHOSE_OWN, WHOSE_OTHER, WHOSE_NOT_GIVEN };

static int whose_plan(const plan_document *doc, const plan_item *item, plan_ref_role role,
	const plan_item *target, const plan_item **want, const plan_item **got, int *office)
{
	const plan_item *from = item ? item->owner : doc->owner;
	*want = *got = NULL;
	*office = 0;
	if (!from)
		return WHOSE_OWN;
	switch (target->kind) {
	case PLAN_ITEM_BODY_GOAL:
	case PLAN_ITEM_DIRECTIVE_GOAL:   /* its owner: the bolag the directive is for */
		if (role == PLAN_REF_FU_GOAL)
			return WHOSE_OWN;    /* follow-up coverage is the follow-up rules' concern */
		*want = body_of(from);
		*got = target->owner;
		break;
	case PLAN_ITEM_OFFICE_GOAL:
		if (role == PLAN_REF_FU_GOAL)
			return WHOSE_OWN;
		*want = office_of(from);
		*got = target->owner;
		*office = 1;
		break;
	case PLAN_ITEM_KPI:
		if (role != PLAN_REF_FOLLOWED_KPI)
			return WHOSE_OWN;
		*want = office_of(from);
		*got = target->owner;
		*office = 1;
		break;
	case PLAN_ITEM_ASSIGNMENT:
		*want = body_of(from);
		if (!*want || role == PLAN_REF_FU_ASSIGNMENT || assigned_to(target, *want))
			return WHOSE_OWN;
		return WHOSE_NOT_GIVEN;
	default:
		return WHOSE_OWN;
	}
	return *want && *got && *want != *got ? WHOSE_OTHER : WHOSE_OWN;
}

int plan_ref_fits(const plan_document *doc, const plan_item *item, plan_ref_role role,
	const plan_item *target)
{
	const plan_item *want, *got;
	int office;
	/* An ägardirektiv is given to a bolag only (check_level says so). */
	if (role == PLAN_REF_OWNER && doc->kind == PLAN_DOC_AGARDIREKTIV &&
	    target->kind == PLAN_ITEM_BODY && !target->company)
		return 0;
	return plan_ref_allows(doc, item ? item->kind : -1, role, (plan_item_kind)target->kind) &&
	       whose_plan(doc, item, role, target, &want, &got, &office) == WHOSE_OWN;
}

/* cross-body-link for a valid reference that points into another body's or
 * office's plan. */
static void cross_check(plan_diags *diags, const plan_document *doc, const plan_item *item,
	const plan_ref *ref)
{
	const plan_item *target = ref->target;
	const plan_item *want = NULL, *got = NULL;
	int office = 0;   /* whose plan: the body's or the office's */
	plan_lang lang = plan_diags_lang(diags);
	const char *key = item ? item->id : ref->id;
	if (!ref->valid)
		return;
	int whose = whose_plan(doc, item, (plan_ref_role)ref->role, target, &want, &got, &office);
	if (whose == WHOSE_OWN)
		return;
	if (whose == WHOSE_NOT_GIVEN) {
		const plan_item *body = want;
		if (item)
			plan_diags_add(diags, doc->file->path, ref->node->line, ref->node->column,
				"cross-body-link", key,
				"%s '%s' names särskilt uppdrag '%s', which is not given to its body '%s'",
				plan_item_kind_definite(item->kind, lang), item->id, target->id, body->id);
		else
			plan_diags_add(diags, doc->file->path, ref->node->line, ref->node->column,
				"cross-body-link", key,
				"this %s names särskilt uppdrag '%s', which is not given to its body '%s'",
				plan_doc_kind_definite(doc->kind, lang), target->id, body->id);
		return;
	}
	const char *path = doc->file->path;
	uint32_t line = ref->node->line, column = ref->node->column;
	if (item && target->kind == PLAN_ITEM_DIRECTIVE_GOAL)
		plan_diags_add(diags, path, line, column, "cross-body-link", key,
			"%s '%s' links to direktivmål '%s' in the ägardirektiv of bolag '%s'; a body's goals may contribute only to the direktivmål of its own ägardirektiv",
			plan_item_kind_definite(item->kind, lang), item->id, target->id, got->id);
	else if (item && office)
		plan_diags_add(diags, path, line, column, "cross-body-link", key,
			"%s '%s' links to '%s' in the plan of office '%s', not of its own office '%s'",
			plan_item_kind_definite(item->kind, lang), item->id, target->id, got->id, want->id);
	else if (item)
		plan_diags_add(diags, path, line, column, "cross-body-link", key,
			"%s '%s' links to '%s' in the plan of body '%s', not of its own body '%s'",
			plan_item_kind_definite(item->kind, lang), item->id, target->id, got->id, want->id);
	else if (office)
		plan_diags_add(diags, path, line, column, "cross-body-link", key,
			"this %s links to '%s' in the plan of office '%s', not of its own office '%s'",
			plan_doc_kind_definite(doc->kind, lang), target->id, got->id, want->id);
	else
		plan_diags_add(diags, path, line, column, "cross-body-link", key,
			"this %s links to '%s' in the plan of body '%s', not of its own body '%s'",
			plan_doc_kind_definite(doc->kind, lang), target->id, got->id, want->id);
}

/* --- cycles and traces --------------------------------------------------------------
 * One depth-first walk over the valid upward links, with an explicit stack so
 * that no chain length can overflow the C stack. The level rules let links
 * point only strictly upward, so every cycle holds a link that breaks them:
 * check_level has reported it (wrong-level-link, at each such link) and made
 * it invalid, and the walk never meets it. A link to an item still on the
 * stack would close a cycle the level rules let through: link-cycle, kept as
 * the guard should the rules ever allow a link within a level. */

typedef struct frame {
	plan_item *item;
	size_t next;          /* the next ref to follow */
} frame;

enum { UNSEEN, ACTIVE, DONE };

static void report_cycle(plan_diags *diags, const frame *stack, size_t depth,
	const plan_item *from, plan_ref *ref)
{
	plan_buf chain = PLAN_BUF_INIT;
	size_t start = depth;
	while (start > 0 && stack[start - 1].item != ref->target)
		start--;
	if (start > 0)
		start--;
	for (size_t i = start; i < depth; i++)
		plan_buf_printf(&chain, "%s -> ", stack[i].item->id);
	plan_buf_puts(&chain, ref->target->id);
	plan_diags_add(diags, from->doc->file->path, ref->node->line, ref->node->column,
		"link-cycle", from->id, "links form a cycle: %s", chain.ptr ? chain.ptr : "");
	plan_buf_free(&chain);
}

/* Walk up from `root`, appending each item to `order` once all its targets
 * are done: `order` ends up with every target before the items linking to it. */
static int walk(plan_item *root, unsigned char *state, frame **stack, size_t *cap,
	plan_item **order, size_t *norder, plan_diags *diags)
{
	size_t depth = 0;
	if (plan_array_reserve((void **)stack, cap, 1, sizeof **stack) < 0)
		return -1;
	(*stack)[depth++] = (frame){ root, 0 };
	state[root->index] = ACTIVE;
	while (depth) {
		frame *f = &(*stack)[depth - 1];
		plan_item *item = f->item;
		if (f->next < item->nrefs) {
			plan_ref *ref = &item->refs[f->next++];
			if (!plan_ref_is_upward(ref) || !ref->valid)
				continue;
			plan_item *target = ref->target;
			if (state[target->index] == ACTIVE) {
				ref->valid = 0;
				report_cycle(diags, *stack, depth, item, ref);
			} else if (state[target->index] == UNSEEN) {
				if (plan_array_reserve((void **)stack, cap, depth + 1, sizeof **stack) < 0)
					return -1;
				state[target->index] = ACTIVE;
				(*stack)[depth++] = (frame){ target, 0 };
			}
			continue;
		}
		state[item->index] = DONE;
		order[(*norder)++] = item;
		depth--;
	}
	return 0;
}

/* An item's trace from its targets' (all computed before it). */
static void compute_trace(const plan_model *m, plan_item *item)
{
	if (item->kind == PLAN_ITEM_KF_GOAL) {
		item->traces = 1;
		item->reached = bit_of(item->perspective_index);
	} else if (item->kind == PLAN_ITEM_ASSIGNMENT) {
		/* Reaching a särskilt uppdrag counts as tracing; its goal, when
		 * set, carries the chain on to a fullmäktigemål. */
		item->traces = 1;
	}
	for (size_t r = 0; r < item->nrefs; r++) {
		const plan_ref *ref = &item->refs[r];
		if (!ref->valid || !plan_ref_is_upward(ref))
			continue;
		item->traces |= ref->target->traces;
		item->reached |= ref->target->reached;
	}
	item->perspectives = item->perspective_index >= 0 ?
		bit_of(item->perspective_index) : item->reached;
	(void)m;
}

static int add_children(plan_model *m)
{
	for (size_t i = 0; i < m->nitems; i++) {
		plan_item *item = m->items[i];
		for (size_t r = 0; r < item->nrefs; r++) {
			const plan_ref *ref = &item->refs[r];
			if (ref->valid && plan_ref_is_upward(ref))
				ref->target->nchildren++;
		}
	}
	/* One block for every item's children: a malloc and a free each for
	 * tens of thousands of goals and KPIs cost more than filling them. */
	size_t total = 0;
	for (size_t i = 0; i < m->nitems; i++)
		total += m->items[i]->nchildren;
	plan_item **block = plan_model_children_block(m, total);
	if (total && !block)
		return -1;
	for (size_t i = 0; i < m->nitems; i++) {
		plan_item *item = m->items[i];
		if (item->nchildren) {
			item->children = block;
			block += item->nchildren;
			item->nchildren = 0;
		}
	}
	for (size_t i = 0; i < m->nitems; i++) {
		plan_item *item = m->items[i];
		for (size_t r = 0; r < item->nrefs; r++) {
			const plan_ref *ref = &item->refs[r];
			if (ref->valid && plan_ref_is_upward(ref))
				ref->target->children[ref->target->nchildren++] = item;
		}
	}
	return 0;
}

const plan_item *plan_contributors_next(plan_contributors *it, const plan_item **via)
{
	const plan_item *goal = it->goal;
	while (it->child < goal->nchildren) {
		const plan_item *child = goal->children[it->child];
		if (child->kind == PLAN_ITEM_BODY_GOAL) {
			it->child++;
			*via = NULL;
			return child;
		}
		if (child->kind == PLAN_ITEM_DIRECTIVE_GOAL) {
			while (it->grandchild < child->nchildren) {
				const plan_item *g = child->children[it->grandchild++];
				if (g->kind == PLAN_ITEM_BODY_GOAL) {
					*via = child;
					return g;
				}
			}
		}
		it->child++;
		it->grandchild = 0;
	}
	*via = NULL;
	return NULL;
}

/* --- perspectives ------------------------------------------------------------------ */

static void perspective_names(plan_buf *out, const plan_model *m, uint64_t mask)
{
	size_t n = 0;
	for (size_t p = 0; p < m->nperspectives && p < 64; p++) {
		if (!(mask & BIT(p)))
			continue;
		plan_buf_printf(out, "%s%s", n ? ", " : "", m->perspectives[p].name);
		n++;
	}
}

static void check_perspective(const plan_model *m, const plan_item *item, plan_diags *diags)
{
	const plan_node *p = item->perspective;
	if (!p)
		return;
	const char *file = item->doc->file->path;
	plan_lang lang = plan_diags_lang(diags);
	const char *kind = plan_item_kind_definite(item->kind, lang);
	if (item->perspective_index < 0) {
		plan_suggest suggest = PLAN_SUGGEST_INIT(p->u.text);
		for (size_t i = 0; i < m->nperspectives; i++)
			plan_suggest_add(&suggest, m->perspectives[i].id);
		if (suggest.best) {
			plan_diags_add(diags, file, p->line, p->column, "perspective-unknown", item->id,
				"perspective '%s' of %s '%s' is not defined in styrmodell.yaml; did you mean '%s'?",
				p->u.text, kind, item->id, suggest.best);
			return;
		}
		plan_buf defined = PLAN_BUF_INIT;
		for (size_t i = 0; i < m->nperspectives; i++)
			plan_buf_printf(&defined, "%s%s", i ? ", " : "", m->perspectives[i].id);
		plan_diags_add(diags, file, p->line, p->column, "perspective-unknown", item->id,
			"perspective '%s' of %s '%s' is not defined in styrmodell.yaml (defined: %s)",
			p->u.text, kind, item->id, defined.ptr ? defined.ptr : "");
		plan_buf_free(&defined);
		return;
	}
	if (item->kind == PLAN_ITEM_KF_GOAL || item->reached == 0 ||
	    (item->reached & bit_of(item->perspective_index)))
		return;
	plan_buf reached = PLAN_BUF_INIT;
	perspective_names(&reached, m, item->reached);
	plan_diags_add(diags, file, p->line, p->column, "perspective-mismatch", item->id,
		"%s '%s' declares the perspective %s, but the fullmäktigemål it reaches are in %s",
		kind, item->id, m->perspectives[item->perspective_index].name,
		reached.ptr ? reached.ptr : "");
	plan_buf_free(&reached);
}

/* An item that traces only to särskilda uppdrag without a fullmäktigemål,
 * and declares no perspective, has none: that too is a trace fault. */
static void check_has_perspective(const plan_item *item, plan_diags *diags)
{
	if (!plan_item_must_trace(item) || !item->traces || item->perspectives ||
	    item->perspective)
		return;
	plan_diags_add(diags, item->doc->file->path, item->node->line, item->node->column,
		"no-trace", item->id,
		"%s '%s' reaches no fullmäktigemål (its links end at särskilda uppdrag with no usable 'goal'), so it has no perspective; declare one with 'perspective'",
		plan_item_kind_definite(item->kind, plan_diags_lang(diags)), item->id);
}

int plan_model_link(plan_model *m, plan_diags *diags)
{
	unsigned char *state = calloc(m->nitems ? m->nitems : 1, 1);
	plan_item **order = malloc((m->nitems ? m->nitems : 1) * sizeof *order);
	frame *stack = NULL;
	size_t cap = 0, norder = 0;
	int rc = -1;
	if (!state || !order)
		goto cleanup;
	for (size_t d = 0; d < m->ndocs; d++) {
		plan_document *doc = m->docs[d];
		for (size_t r = 0; r < doc->nrefs; r++) {
			check_level(diags, doc, NULL, &doc->refs[r]);
			cross_check(diags, doc, NULL, &doc->refs[r]);
		}
	}
	for (size_t i = 0; i < m->nitems; i++) {
		plan_item *item = m->items[i];
		for (size_t r = 0; r < item->nrefs; r++) {
			check_level(diags, item->doc, item, &item->refs[r]);
			cross_check(diags, item->doc, item, &item->refs[r]);
		}
	}
	for (size_t i = 0; i < m->nitems; i++)
		if (state[i] == UNSEEN && walk(m->items[i], state, &stack, &cap, order, &norder, diags) < 0)
			goto cleanup;
	for (size_t i = 0; i < norder; i++)
		compute_trace(m, order[i]);
	for (size_t i = 0; i < m->nitems; i++) {
		check_perspective(m, m->items[i], diags);
		check_has_perspective(m->items[i], diags);
	}
	rc = add_children(m);
cleanup:
	free(state);
	free(order);
	free(stack);
	return rc;
}
