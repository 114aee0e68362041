/* model.c: typed documents and items from the node trees, one id index for
 * the whole plan set, and every reference resolved through it once. */
#include "plan/model.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "hash.h"
#include "model_impl.h"
#include "plan/arena.h"
#include "plan/buf.h"
#include "plan/suggest.h"

/* Suggestions cost a scan of every id; past this many unknown references a
 * hostile plan set gets plain messages instead of quadratic time. */
#define MAX_SUGGESTIONS 256

/* Eight bytes a slot: a hundred thousand items take two megabytes. */
typedef struct slot {
	uint32_t item : 31;   /* the first definition's index + 1 (its id is the
	                       * key); 0: free */
	uint32_t duplicated : 1; /* defined again: references to it are ambiguous */
	uint32_t hash;        /* id_hash of its id: most probes end on it, without
	                       * a look at the id's text elsewhere in memory */
} slot;

/* The index's hash of an id. The text of ids and the items are all over
 * memory (in each file's trees and parts): the hashes are taken while the
 * files are built, on their threads, and the index compares them before any
 * text. */
static uint32_t id_hash(const char *id)
{
	uint64_t h = plan_hash_string(id);
	return (uint32_t)(h ^ (h >> 32));
}

/* Looking a few places ahead: building the index and resolving are a
 * cache miss a step when the plan set is large. */
#define AHEAD 8
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Building is two stages: each file's documents, items and references
 * (a part: plan_model_part_build, on any thread, as the file is loaded),
 * then the parts in order, one id index and every reference resolved
 * (plan_model_build_parts). A builder serves both: the first with `model`
 * NULL. */
typedef struct builder {
	plan_model *model;
	plan_arena *arena;
	plan_diags *diags;
	int oom;

	plan_item **items;            /* the part's items, growing */
	size_t nitems, capitems;
	uint32_t *hashes;             /* id_hash of each item's id */
	size_t caphashes;
	plan_document **docs;         /* the part's documents, growing */
	size_t ndocs, capdocs;

	/* The document being built: its items and refs grow here, then move
	 * into the arena when it is complete. */
	plan_item **doc_items;
	size_t ndoc_items, capdoc_items;
	plan_ref *doc_refs;
	size_t ndoc_refs, capdoc_refs;
	plan_ref *item_refs;
	size_t nitem_refs, capitem_refs;
} builder;

struct plan_model_private {
	plan_model public;            /* first, so a plan_model* is this */
	plan_arena *arena;
	plan_arena **taken;           /* where parts built apart live (owned) */
	plan_item **children;         /* every item's children (link.c) */
	size_t ntaken;
	slot *index;
	size_t capindex;
};

struct plan_model_part {
	plan_document **docs;
	size_t ndocs;
	plan_item **items;            /* in definition order: each document's own
	                               * id first, then what it defines */
	uint32_t *hashes;             /* id_hash of each item's id */
	size_t nitems;
};

/* --- the keys read here, in link.c and in rules_model.c ---------------------- */

/* In alphabetical order, for the reader. A key missing here makes
 * plan-validate, which prunes, silently miss what reads it; tests/rules and
 * tests/prune would show it. "title" is left out on purpose: no check reads
 * a goal's or an activity's title, and titles are a tenth of a large plan
 * set's memory. */
static const char *const model_keys[] = {
	"actions", "activities", "activity", "analysis", "as_of", "assigned_to",
	"assignment", "assignments", "bodies", "body", "budget_tkr", "calendar",
	"contributes_to", "deviations", "dr1", "dr2", "economy", "economy_tkr",
	"forecast", "forecast_tkr", "frames", "from", "goal", "goals", "id",
	"improvements", "kind", "kpi", "kpis", "measures", "name", "office",
	"offices", "owner", "period", "perspective", "perspectives", "results",
	"school_year", "status", "to", "type", "units", "units_must_follow", "year",
};

/* Kept with all they hold: lists of Agenda 2030 targets, the styrmodell's
 * hushållning rule set, and its ignore globs and severity overrides (whose
 * keys are rule ids). */
static const char *const model_whole[] = {
	"agenda2030", "hushallning", "ignore", "rules",
};

const plan_keys plan_model_keys = {
	model_keys, sizeof model_keys / sizeof *model_keys,
	model_whole, sizeof model_whole / sizeof *model_whole, NULL,
};

/* --- reading values -------------------------------------------------------- */

static const char *text_of(const plan_node *node)
{
	return node && node->type == PLAN_NODE_STRING ? node->u.text : NULL;
}

static int int_of(const plan_node *node)
{
	if (!node || node->type != PLAN_NODE_NUMBER || !node->is_integer ||
	    node->number < -100000 || node->number > 100000)
		return 0;
	return (int)node->number;
}

static const plan_node *get(const plan_node *map, const char *key)
{
	return plan_node_get(map, key);
}

/* The mappings of a list value (other entries are the schema's concern). */
#define FOR_EACH_MAPPING(list, var) \
	for (uint32_t var##_i = 0; (list) && (list)->type == PLAN_NODE_SEQUENCE && \
	     var##_i < (list)->len; var##_i++) \
		for (const plan_node *var = (list)->u.items[var##_i]; var; var = NULL) \
			if (var->type == PLAN_NODE_MAPPING)

/* --- building --------------------------------------------------------------- */

static void *alloc(builder *b, size_t size)
{
	void *p = plan_arena_alloc(b->arena, size);
	if (!p)
		b->oom = 1;
	return p;
}

static void add_ref_to(builder *b, plan_ref **refs, size_t *n, size_t *cap,
	const plan_node *node, const plan_node *entry, plan_ref_role role)
{
	const char *id = text_of(node);
	if (!id && node && node->type == PLAN_NODE_NUMBER)
		id = node->u.text;    /* an id written as a bare number: still a reference */
	if (!id)
		return;
	if (plan_array_reserve((void **)refs, cap, *n + 1, sizeof **refs) < 0) {
		b->oom = 1;
		return;
	}
	(*refs)[(*n)++] = (plan_ref){ .id = id, .node = node, .entry = entry, .role = (uint8_t)role,
	                              .hash = id_hash(id) };
}

static void doc_ref(builder *b, const plan_node *node, const plan_node *entry, plan_ref_role role)
{
	add_ref_to(b, &b->doc_refs, &b->ndoc_refs, &b->capdoc_refs, node, entry, role);
}

static void item_ref(builder *b, const plan_node *node, plan_ref_role role)
{
	add_ref_to(b, &b->item_refs, &b->nitem_refs, &b->capitem_refs, node, NULL, role);
}

static void item_ref_list(builder *b, const plan_node *list, plan_ref_role role)
{
	if (!list || list->type != PLAN_NODE_SEQUENCE)
		return;
	for (uint32_t i = 0; i < list->len; i++)
		item_ref(b, list->u.items[i], role);
}

/* Start an item defined by `node` in `doc`; its refs are gathered with
 * item_ref until finish_item. Items without a text id are not items. */
static plan_item *start_item(builder *b, plan_document *doc, const plan_node *node,
	plan_item_kind kind, const char *title_key)
{
	const char *id = text_of(get(node, "id"));
	if (!id)
		return NULL;
	plan_item *item = alloc(b, sizeof *item);
	if (!item)
		return NULL;
	item->kind = (uint8_t)kind;
	item->id = id;
	const char *title = text_of(get(node, title_key));
	item->title = title ? title : "";
	item->node = node;
	item->doc = doc;
	item->perspective_index = -1;
	const plan_node *p = get(node, "perspective");
	item->perspective = p && p->type == PLAN_NODE_STRING ? p : NULL;
	b->nitem_refs = 0;
	return item;
}

static void finish_item(builder *b, plan_item *item)
{
	if (!item)
		return;
	if (b->nitem_refs) {
		item->refs = alloc(b, b->nitem_refs * sizeof *item->refs);
		if (item->refs) {
			memcpy(item->refs, b->item_refs, b->nitem_refs * sizeof *item->refs);
			item->nrefs = b->nitem_refs;
		}
	}
	b->nitem_refs = 0;
	if (plan_array_reserve((void **)&b->doc_items, &b->capdoc_items, b->ndoc_items + 1,
	                       sizeof *b->doc_items) < 0 ||
	    plan_array_reserve((void **)&b->items, &b->capitems, b->nitems + 1,
	                       sizeof *b->items) < 0 ||
	    plan_array_reserve((void **)&b->hashes, &b->caphashes, b->nitems + 1,
	                       sizeof *b->hashes) < 0) {
		b->oom = 1;
		return;
	}
	b->doc_items[b->ndoc_items++] = item;
	b->hashes[b->nitems] = id_hash(item->id);
	b->items[b->nitems++] = item;
}

static void build_goals(builder *b, plan_document *doc, plan_item_kind kind)
{
	FOR_EACH_MAPPING(get(doc->root, "goals"), g) {
		plan_item *item = start_item(b, doc, g, kind, "title");
		if (!item)
			continue;
		item_ref_list(b, get(g, "contributes_to"), PLAN_REF_CONTRIBUTES_TO);
		finish_item(b, item);
	}
}

static void build_planned_assignments(builder *b, plan_document *doc)
{
	FOR_EACH_MAPPING(get(doc->root, "assignments"), a)
		doc_ref(b, get(a, "assignment"), a, PLAN_REF_PLANNED);
}

static void build_organisation(builder *b, plan_document *doc)
{
	FOR_EACH_MAPPING(get(doc->root, "bodies"), body) {
		plan_item *item = start_item(b, doc, body, PLAN_ITEM_BODY, "name");
		if (!item)
			continue;
		const plan_node *sy = get(body, "school_year");
		item->school_year = sy && sy->type == PLAN_NODE_BOOL && sy->bool_value;
		item->company = plan_node_is_string(get(body, "type"), "bolag");
		finish_item(b, item);
	}
	FOR_EACH_MAPPING(get(doc->root, "offices"), office) {
		plan_item *item = start_item(b, doc, office, PLAN_ITEM_OFFICE, "name");
		if (!item)
			continue;
		item_ref(b, get(office, "body"), PLAN_REF_BODY);
		finish_item(b, item);
	}
	FOR_EACH_MAPPING(get(doc->root, "units"), unit) {
		plan_item *item = start_item(b, doc, unit, PLAN_ITEM_UNIT, "name");
		if (!item)
			continue;
		item_ref(b, get(unit, "office"), PLAN_REF_OFFICE);
		finish_item(b, item);
	}
}

static void build_flerarsplan(builder *b, plan_document *doc)
{
	build_goals(b, doc, PLAN_ITEM_KF_GOAL);
	FOR_EACH_MAPPING(get(doc->root, "assignments"), a) {
		plan_item *item = start_item(b, doc, a, PLAN_ITEM_ASSIGNMENT, "title");
		if (!item)
			continue;
		item_ref_list(b, get(a, "assigned_to"), PLAN_REF_ASSIGNED_TO);
		item_ref(b, get(a, "goal"), PLAN_REF_GOAL);
		item->from_year = int_of(get(a, "from"));
		item->to_year = int_of(get(a, "to"));
		finish_item(b, item);
	}
	FOR_EACH_MAPPING(get(doc->root, "frames"), f)
		doc_ref(b, get(f, "body"), f, PLAN_REF_BODY);
}

static void build_kontorsplan(builder *b, plan_document *doc)
{
	build_goals(b, doc, PLAN_ITEM_OFFICE_GOAL);
	build_planned_assignments(b, doc);
	FOR_EACH_MAPPING(get(doc->root, "kpis"), k) {
		plan_item *item = start_item(b, doc, k, PLAN_ITEM_KPI, "name");
		if (!item)
			continue;
		item_ref_list(b, get(k, "measures"), PLAN_REF_MEASURES);
		const plan_node *must = get(k, "units_must_follow");
		item->units_must_follow = must && must->type == PLAN_NODE_BOOL && must->bool_value;
		finish_item(b, item);
	}
}

static void build_arbetsplan(builder *b, plan_document *doc)
{
	FOR_EACH_MAPPING(get(doc->root, "activities"), a) {
		plan_item *item = start_item(b, doc, a, PLAN_ITEM_ACTIVITY, "title");
		if (!item)
			continue;
		item_ref_list(b, get(a, "contributes_to"), PLAN_REF_CONTRIBUTES_TO);
		finish_item(b, item);
	}
	const plan_node *kpis = get(doc->root, "kpis");
	if (kpis && kpis->type == PLAN_NODE_SEQUENCE)
		for (uint32_t i = 0; i < kpis->len; i++)
			doc_ref(b, kpis->u.items[i], NULL, PLAN_REF_FOLLOWED_KPI);
}

static void build_uppfoljning(builder *b, plan_document *doc)
{
	static const struct { const char *list, *key; plan_ref_role role; } entries[] = {
		{ "goals", "goal", PLAN_REF_FU_GOAL },
		{ "kpis", "kpi", PLAN_REF_FU_KPI },
		{ "assignments", "assignment", PLAN_REF_FU_ASSIGNMENT },
		{ "activities", "activity", PLAN_REF_FU_ACTIVITY },
	};
	for (size_t e = 0; e < sizeof entries / sizeof entries[0]; e++)
		FOR_EACH_MAPPING(get(doc->root, entries[e].list), entry)
			doc_ref(b, get(entry, entries[e].key), entry, entries[e].role);
}

/* The perspectives, calendar and thresholds of the model: from the first
 * styrmodell, the root's own. */
static void read_styrmodell(builder *b, const plan_document *doc)
{
	plan_model *m = b->model;
	m->styrmodell = doc;
	const plan_node *list = get(doc->root, "perspectives");
	size_t n = 0;
	FOR_EACH_MAPPING(list, p)
		n += text_of(get(p, "id")) != NULL;
	m->perspectives = n ? alloc(b, n * sizeof *m->perspectives) : NULL;
	if (n && !m->perspectives)
		return;
	FOR_EACH_MAPPING(list, p) {
		const char *id = text_of(get(p, "id"));
		if (!id)
			continue;
		const char *name = text_of(get(p, "name"));
		m->perspectives[m->nperspectives++] = (plan_perspective){ id, name ? name : id, p };
	}
	const plan_node *cal = get(doc->root, "calendar");
	if (text_of(get(cal, "dr1")))
		m->calendar_dr1 = text_of(get(cal, "dr1"));
	if (text_of(get(cal, "dr2")))
		m->calendar_dr2 = text_of(get(cal, "dr2"));
	const plan_node *threshold = get(get(doc->root, "deviations"), "economy_tkr");
	if (threshold && threshold->type == PLAN_NODE_NUMBER && threshold->number >= 0)
		m->deviation_economy_tkr = threshold->number;
}

static const struct { const char *name; plan_doc_kind kind; } kinds[] = {
	{ "styrmodell", PLAN_DOC_STYRMODELL }, { "organisation", PLAN_DOC_ORGANISATION },
	{ "flerarsplan", PLAN_DOC_FLERARSPLAN }, { "verksamhetsplan", PLAN_DOC_VERKSAMHETSPLAN },
	{ "kontorsplan", PLAN_DOC_KONTORSPLAN }, { "arbetsplan", PLAN_DOC_ARBETSPLAN },
	{ "uppfoljning", PLAN_DOC_UPPFOLJNING }, { "agardirektiv", PLAN_DOC_AGARDIREKTIV },
};

static int parse_school_year(const plan_node *node)
{
	const char *s = text_of(node);
	if (!s || strlen(s) != 7 || s[4] != '/')
		return 0;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return y;
}

static void build_document(builder *b, const plan_file *file, const plan_node *root)
{
	const char *kind_name = text_of(get(root, "kind"));
	if (!kind_name)
		return;
	size_t k = 0;
	while (k < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].name, kind_name) != 0)
		k++;
	if (k == sizeof kinds / sizeof kinds[0])
		return;
	plan_document *doc = alloc(b, sizeof *doc);
	if (!doc)
		return;
	doc->kind = (uint8_t)kinds[k].kind;
	doc->file = file;
	doc->root = root;
	doc->id = text_of(get(root, "id"));
	const plan_node *period = get(root, "period");
	if (period && period->type == PLAN_NODE_MAPPING) {
		doc->period_from = int_of(get(period, "from"));
		doc->period_to = int_of(get(period, "to"));
	} else if (text_of(period)) {
		doc->period = text_of(period);
	}
	doc->year = int_of(get(root, "year"));
	doc->school_year = parse_school_year(get(root, "school_year"));
	b->ndoc_items = 0;
	b->ndoc_refs = 0;

	const plan_node *owner = get(root, "owner");
	if (doc->kind == PLAN_DOC_UPPFOLJNING && plan_node_is_string(owner, "kommun"))
		doc->owner_is_kommun = 1;
	else if (owner)
		doc_ref(b, owner, NULL, PLAN_REF_OWNER);

	/* The document's own id is in the namespace too, so a goal cannot take
	 * a plan's id. */
	if (doc->id) {
		plan_item *self = start_item(b, doc, root, PLAN_ITEM_DOCUMENT, "title");
		if (self) {
			doc->self = self;
			finish_item(b, self);
			b->ndoc_items = 0;   /* not one of the document's own items */
		}
	}

	switch (doc->kind) {
	case PLAN_DOC_STYRMODELL: break;
	case PLAN_DOC_ORGANISATION: build_organisation(b, doc); break;
	case PLAN_DOC_FLERARSPLAN: build_flerarsplan(b, doc); break;
	case PLAN_DOC_VERKSAMHETSPLAN:
		build_goals(b, doc, PLAN_ITEM_BODY_GOAL);
		build_planned_assignments(b, doc);
		break;
	case PLAN_DOC_KONTORSPLAN: build_kontorsplan(b, doc); break;
	case PLAN_DOC_ARBETSPLAN: build_arbetsplan(b, doc); break;
	case PLAN_DOC_UPPFOLJNING: build_uppfoljning(b, doc); break;
	case PLAN_DOC_AGARDIREKTIV: build_goals(b, doc, PLAN_ITEM_DIRECTIVE_GOAL); break;
	}

	if (b->ndoc_items) {
		doc->items = alloc(b, b->ndoc_items * sizeof *doc->items);
		if (doc->items) {
			memcpy(doc->items, b->doc_items, b->ndoc_items * sizeof *doc->items);
			doc->nitems = b->ndoc_items;
		}
	}
	if (b->ndoc_refs) {
		doc->refs = alloc(b, b->ndoc_refs * sizeof *doc->refs);
		if (doc->refs) {
			memcpy(doc->refs, b->doc_refs, b->ndoc_refs * sizeof *doc->refs);
			doc->nrefs = b->ndoc_refs;
		}
	}
	if (plan_array_reserve((void **)&b->docs, &b->capdocs, b->ndocs + 1,
	                       sizeof *b->docs) < 0) {
		b->oom = 1;
		return;
	}
	b->docs[b->ndocs++] = doc;
}

/* --- the index ------------------------------------------------------------------ */

static slot *find_slot(const struct plan_model_private *m, const char *id, uint32_t hash)
{
	size_t mask = m->capindex - 1, i = hash & mask;
	slot *table = m->index;
	while (table[i].item && (table[i].hash != hash ||
	                         strcmp(m->public.items[table[i].item - 1]->id, id) != 0))
		i = (i + 1) & mask;
	return &table[i];
}

/* The item a slot holds, or NULL. */
static plan_item *slot_item(const struct plan_model_private *m, const slot *s)
{
	return s->item ? m->public.items[s->item - 1] : NULL;
}

/* `hashes` are id_hash of each item's id, in the items' order. */
static void build_index(builder *b, struct plan_model_private *m, const uint32_t *hashes)
{
	size_t cap = 16;
	while (cap < m->public.nitems * 2 + 1)
		cap *= 2;
	/* Slots number items in 31 bits; no plan set within the limits
	 * comes near, and one past them is refused as too large to hold. */
	m->index = m->public.nitems < ((size_t)1 << 31) ? calloc(cap, sizeof *m->index) : NULL;
	if (!m->index) {
		b->oom = 1;
		return;
	}
	m->capindex = cap;
	for (size_t i = 0; i < m->public.nitems; i++) {
		if (i + AHEAD < m->public.nitems)
			PREFETCH(&m->index[hashes[i + AHEAD] & (cap - 1)]);
		plan_item *item = m->public.items[i];
		slot *s = find_slot(m, item->id, hashes[i]);
		if (!s->item) {
			s->item = (uint32_t)i + 1;
			s->hash = hashes[i];
			continue;
		}
		const plan_item *first = slot_item(m, s);
		s->duplicated = 1;
		item->redefined = 1;
		const plan_node *at = plan_node_get(item->node, "id");
		const plan_node *first_at = plan_node_get(first->node, "id");
		plan_diags_add(b->diags, item->doc->file->path, at->line, at->column,
			"duplicate-id", item->id,
			"id '%s' is defined twice: this %s, and the %s at %s:%u:%u", item->id,
			plan_item_kind_word(item->kind, plan_diags_lang(b->diags)),
			plan_item_kind_word(first->kind, plan_diags_lang(b->diags)), first->doc->file->path,
			(unsigned)first_at->line, (unsigned)first_at->column);
	}
}

plan_item **plan_model_children_block(plan_model *model, size_t n)
{
	struct plan_model_private *m = (struct plan_model_private *)model;
	free(m->children);
	m->children = n ? malloc(n * sizeof *m->children) : NULL;
	return m->children;
}

plan_item *plan_model_find(const plan_model *model, const char *id)
{
	const struct plan_model_private *m = (const struct plan_model_private *)model;
	if (!m->capindex)
		return NULL;
	return slot_item(m, find_slot(m, id, id_hash(id)));
}

int plan_model_perspective(const plan_model *model, const char *id)
{
	for (size_t i = 0; i < model->nperspectives; i++)
		if (strcmp(model->perspectives[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* --- resolving ------------------------------------------------------------------- */

int plan_ref_is_upward(const plan_ref *ref)
{
	return ref->role == PLAN_REF_CONTRIBUTES_TO || ref->role == PLAN_REF_MEASURES ||
	       ref->role == PLAN_REF_GOAL;
}

const char *plan_ref_role_key(plan_ref_role role)
{
	switch (role) {
	case PLAN_REF_CONTRIBUTES_TO: return "contributes_to";
	case PLAN_REF_MEASURES: return "measures";
	case PLAN_REF_GOAL: return "goal";
	case PLAN_REF_ASSIGNED_TO: return "assigned_to";
	case PLAN_REF_BODY: return "body";
	case PLAN_REF_OFFICE: return "office";
	case PLAN_REF_OWNER: return "owner";
	case PLAN_REF_PLANNED: return "assignment";
	case PLAN_REF_FOLLOWED_KPI: return "kpis";
	case PLAN_REF_FU_GOAL: return "goal";
	case PLAN_REF_FU_KPI: return "kpi";
	case PLAN_REF_FU_ASSIGNMENT: return "assignment";
	default: return "activity";
	}
}

const char *plan_ref_suggest(const plan_model *model, const plan_document *doc,
	const plan_item *from, const plan_ref *ref)
{
	plan_suggest suggest = PLAN_SUGGEST_INIT(ref->id);
	for (size_t i = 0; i < model->nitems; i++)
		if (plan_ref_allows(doc, from ? from->kind : -1, ref->role, model->items[i]->kind))
			plan_suggest_add(&suggest, model->items[i]->id);
	return suggest.best;
}

static void resolve(builder *b, plan_document *doc, const plan_item *from, plan_ref *ref,
	size_t *suggestions)
{
	const struct plan_model_private *m = (const struct plan_model_private *)b->model;
	const slot *s = find_slot(m, ref->id, ref->hash);
	/* A reference to a duplicated id is left unresolved without a word:
	 * the duplicate-id diagnostic is the fault, and guessing which
	 * definition was meant would only add faults that are not there. */
	if (s->duplicated)
		return;
	ref->target = slot_item(m, s);
	if (ref->target)
		return;
	const char *guess = NULL;
	if (*suggestions < MAX_SUGGESTIONS) {
		(*suggestions)++;
		guess = plan_ref_suggest(b->model, doc, from, ref);
	}
	const char *where = plan_ref_role_key(ref->role);
	/* The key names who refers and to what ("BUN-1->KF-9"), so that the
	 * same typo in two items stays two faults for --base. */
	plan_buf key = PLAN_BUF_INIT;
	const char *maker = from ? from->id : doc->id;
	plan_buf_printf(&key, "%s->%s", maker ? maker : "", ref->id);
	const char *k = key.ptr ? key.ptr : ref->id;
	if (guess)
		plan_diags_add(b->diags, doc->file->path, ref->node->line, ref->node->column,
			"unknown-reference", k, "'%s' names no item defined in the plan set (in '%s'); did you mean '%s'?",
			ref->id, where, guess);
	else
		plan_diags_add(b->diags, doc->file->path, ref->node->line, ref->node->column,
			"unknown-reference", k, "'%s' names no item defined in the plan set (in '%s')",
			ref->id, where);
	plan_buf_free(&key);
}

/* The owner of what `doc` defines, from its `owner:` reference. */
static void find_owner(plan_document *doc)
{
	for (size_t r = 0; r < doc->nrefs; r++) {
		plan_ref *ref = &doc->refs[r];
		/* An ägardirektiv given to a body that is no bolag
		 * (wrong-level-link) belongs to no one: its goals
		 * are not that body's. */
		if (ref->role == PLAN_REF_OWNER && ref->target &&
		    plan_ref_allows(doc, -1, PLAN_REF_OWNER, ref->target->kind) &&
		    (doc->kind != PLAN_DOC_AGARDIREKTIV || ref->target->company))
			doc->owner = ref->target;
	}
}

/* An item's owner (its document's, for all but the document's own id),
 * organisational parent, as far as its kind allows, and perspective. */
static void place_item(const plan_model *m, plan_item *item)
{
	if (item != item->doc->self)
		item->owner = item->doc->owner;
	for (size_t r = 0; r < item->nrefs; r++) {
		plan_ref *ref = &item->refs[r];
		if (ref->target && plan_ref_allows(item->doc, item->kind, ref->role, ref->target->kind) &&
		    (ref->role == PLAN_REF_BODY || ref->role == PLAN_REF_OFFICE))
			item->parent = ref->target;
	}
	if (item->perspective)
		item->perspective_index = plan_model_perspective(m, item->perspective->u.text);
}

/* Documents first, for their owners; then each item once, all it needs
 * done while it is in the processor's cache. */
static void resolve_all(builder *b)
{
	plan_model *m = b->model;
	size_t suggestions = 0;
	for (size_t d = 0; d < m->ndocs; d++) {
		plan_document *doc = m->docs[d];
		for (size_t r = 0; r < doc->nrefs; r++)
			resolve(b, doc, NULL, &doc->refs[r], &suggestions);
		find_owner(doc);
	}
	const struct plan_model_private *pm = (const struct plan_model_private *)m;
	for (size_t i = 0; i < m->nitems; i++) {
		/* Each step a miss ahead: the item, its references, their slot. */
		if (i + 2 * AHEAD < m->nitems)
			PREFETCH(m->items[i + 2 * AHEAD]);
		if (i + AHEAD < m->nitems)
			PREFETCH(m->items[i + AHEAD]->refs);
		if (i + AHEAD / 2 < m->nitems && m->items[i + AHEAD / 2]->nrefs) {
			const plan_ref *ahead = &m->items[i + AHEAD / 2]->refs[0];
			PREFETCH(&pm->index[ahead->hash & (pm->capindex - 1)]);
			PREFETCH(ahead->id);
		}
		plan_item *item = m->items[i];
		for (size_t r = 0; r < item->nrefs; r++)
			resolve(b, item->doc, item, &item->refs[r], &suggestions);
		place_item(m, item);
	}
}

static void builder_release(builder *b)
{
	free(b->items);
	free(b->hashes);
	free(b->docs);
	free(b->doc_items);
	free(b->doc_refs);
	free(b->item_refs);
}

/* Copy `n` elements of `size` bytes into the arena: a part's arrays,
 * exactly sized. */
static void *arena_copy(builder *b, const void *from, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *to = plan_arena_alloc_dirty(b->arena, n * size);
	if (!to) {
		b->oom = 1;
		return NULL;
	}
	return memcpy(to, from, n * size);
}

int plan_model_part_build(plan_model_part **out, const plan_file *file, plan_arena *arena)
{
	*out = NULL;
	builder b = { .arena = arena };
	for (size_t d = 0; d < file->ndocs && !b.oom; d++) {
		const plan_node *root = file->docs[d].root;
		if (root && root->type == PLAN_NODE_MAPPING)
			build_document(&b, file, root);
	}
	plan_model_part *part = b.oom ? NULL : plan_arena_alloc(arena, sizeof *part);
	if (part) {
		part->docs = arena_copy(&b, b.docs, b.ndocs, sizeof *b.docs);
		part->ndocs = b.ndocs;
		part->items = arena_copy(&b, b.items, b.nitems, sizeof *b.items);
		part->hashes = arena_copy(&b, b.hashes, b.nitems, sizeof *b.hashes);
		part->nitems = b.nitems;
	}
	builder_release(&b);
	if (!part || b.oom)
		return -1;
	*out = part;
	return 0;
}

/* Put the parts together in order (the root's styrmodell.yaml first: it is
 * the one whose perspectives and calendar count, whatever other files sort
 * before it), each item numbered by its place. */
static void gather(builder *b, const plan_file *const *files, plan_model_part **parts,
	size_t nfiles, uint32_t **hashes)
{
	plan_model *m = b->model;
	size_t root_styr = nfiles, ndocs = 0, nitems = 0;
	for (size_t f = 0; f < nfiles; f++)
		if (files[f] && strcmp(files[f]->path, "styrmodell.yaml") == 0)
			root_styr = f;
	for (size_t f = 0; f < nfiles && !b->oom; f++) {
		if (!parts[f] && files[f] && plan_model_part_build(&parts[f], files[f], b->arena) < 0)
			b->oom = 1;
		if (parts[f]) {
			ndocs += parts[f]->ndocs;
			nitems += parts[f]->nitems;
		}
	}
	if (b->oom || !(m->docs = malloc((ndocs ? ndocs : 1) * sizeof *m->docs)) ||
	    !(m->items = malloc((nitems ? nitems : 1) * sizeof *m->items)) ||
	    !(*hashes = malloc((nitems ? nitems : 1) * sizeof **hashes))) {
		b->oom = 1;
		return;
	}
	for (size_t step = 0; step <= nfiles; step++) {
		size_t f = step == 0 ? root_styr : step - 1;
		if (f >= nfiles || (step > 0 && f == root_styr) || !parts[f])
			continue;
		const plan_model_part *part = parts[f];
		for (size_t d = 0; d < part->ndocs; d++) {
			plan_document *doc = part->docs[d];
			doc->index = (uint32_t)m->ndocs;
			m->docs[m->ndocs++] = doc;
			if (doc->kind == PLAN_DOC_STYRMODELL && !m->styrmodell)
				read_styrmodell(b, doc);
			else if (doc->kind == PLAN_DOC_ORGANISATION && !m->organisation)
				m->organisation = doc;
			else if (doc->kind == PLAN_DOC_FLERARSPLAN && !m->flerarsplan)
				m->flerarsplan = doc;
		}
		for (size_t i = 0; i < part->nitems; i++) {
			part->items[i]->index = (uint32_t)m->nitems;
			(*hashes)[m->nitems] = part->hashes[i];
			m->items[m->nitems++] = part->items[i];
		}
	}
}

int plan_model_build_parts(plan_model **out, const plan_file *const *files,
	plan_model_part *const *parts, size_t nfiles, plan_arena **arenas, size_t narenas,
	plan_diags *diags)
{
	*out = NULL;
	struct plan_model_private *m = calloc(1, sizeof *m);
	plan_model_part **all = calloc(nfiles ? nfiles : 1, sizeof *all);
	if (!m || !all || !(m->arena = plan_arena_new()) ||
	    (narenas && !(m->taken = malloc(narenas * sizeof *m->taken)))) {
		for (size_t i = 0; i < narenas; i++)
			plan_arena_free(arenas[i]);
		if (m)
			plan_arena_free(m->arena);
		free(m);
		free(all);
		return -1;
	}
	if (narenas)
		memcpy(m->taken, arenas, narenas * sizeof *m->taken);
	m->ntaken = narenas;
	if (parts)
		memcpy(all, parts, nfiles * sizeof *all);
	m->public.calendar_dr1 = "04-30";
	m->public.calendar_dr2 = "08-31";
	builder b = { .model = &m->public, .arena = m->arena, .diags = diags };
	uint32_t *hashes = NULL;
	gather(&b, files, all, nfiles, &hashes);
	free(all);
	if (!b.oom)
		build_index(&b, m, hashes);
	free(hashes);
	if (!b.oom)
		resolve_all(&b);
	if (b.oom || plan_diags_oom(diags)) {
		plan_model_free(&m->public);
		return -1;
	}
	*out = &m->public;
	return 0;
}

int plan_model_build(plan_model **out, const plan_file *const *files, size_t nfiles,
	plan_diags *diags)
{
	return plan_model_build_parts(out, files, NULL, nfiles, NULL, 0, diags);
}

void plan_model_free(plan_model *model)
{
	if (!model)
		return;
	struct plan_model_private *m = (struct plan_model_private *)model;
	free(m->children);
	free(model->items);
	free(model->docs);
	free(m->index);
	plan_arena_free(m->arena);
	for (size_t i = 0; i < m->ntaken; i++)
		plan_arena_free(m->taken[i]);
	free(m->taken);
	free(m);
}

int plan_item_must_trace(const plan_item *item)
{
	return item->kind == PLAN_ITEM_DIRECTIVE_GOAL || item->kind == PLAN_ITEM_BODY_GOAL ||
	       item->kind == PLAN_ITEM_OFFICE_GOAL || item->kind == PLAN_ITEM_KPI ||
	       item->kind == PLAN_ITEM_ACTIVITY;
}

const char *plan_item_kind_key(plan_item_kind kind)
{
	switch (kind) {
	case PLAN_ITEM_KF_GOAL: return "kf_goal";
	case PLAN_ITEM_ASSIGNMENT: return "assignment";
	case PLAN_ITEM_DIRECTIVE_GOAL: return "directive_goal";
	case PLAN_ITEM_BODY_GOAL: return "body_goal";
	case PLAN_ITEM_OFFICE_GOAL: return "office_goal";
	case PLAN_ITEM_KPI: return "kpi";
	case PLAN_ITEM_ACTIVITY: return "activity";
	case PLAN_ITEM_BODY: return "body";
	case PLAN_ITEM_OFFICE: return "office";
	case PLAN_ITEM_UNIT: return "unit";
	default: return "document";
	}
}

const char *plan_item_kind_name(plan_item_kind kind)
{
	switch (kind) {
	case PLAN_ITEM_BODY: return PLAN_N_("body");
	case PLAN_ITEM_OFFICE: return PLAN_N_("office");
	case PLAN_ITEM_UNIT: return PLAN_N_("unit");
	case PLAN_ITEM_KF_GOAL: return PLAN_N_("fullmäktigemål");
	case PLAN_ITEM_ASSIGNMENT: return PLAN_N_("särskilt uppdrag");
	case PLAN_ITEM_DIRECTIVE_GOAL: return PLAN_N_("direktivmål");
	case PLAN_ITEM_BODY_GOAL: return PLAN_N_("nämndmål");
	case PLAN_ITEM_OFFICE_GOAL: return PLAN_N_("kontorsplan goal");
	case PLAN_ITEM_KPI: return PLAN_N_("KPI");
	case PLAN_ITEM_ACTIVITY: return PLAN_N_("activity");
	default: return PLAN_N_("plan document");
	}
}

const char *plan_item_kind_word(plan_item_kind kind, plan_lang lang)
{
	return plan_tr(lang, plan_item_kind_name(kind));
}

const char *plan_item_word(const plan_item *item, plan_lang lang)
{
	if (item->kind == PLAN_ITEM_BODY && item->company)
		return plan_tr(lang, "bolag");
	return plan_item_kind_word((plan_item_kind)item->kind, lang);
}

const char *plan_doc_kind_name(plan_doc_kind kind)
{
	return kinds[kind].name;
}

/* Swedish prose names a kind with å, ä and ö, and a sentence's subject in
 * the definite form ("nyckeltalet 'X' får ..."); gender and form are the
 * catalogue's, so the English of each is the plain word (or key). */
static const char *const item_definite[PLAN_ITEM_KINDS] = {
	[PLAN_ITEM_BODY] = PLAN_NC_("definite", "body"),
	[PLAN_ITEM_OFFICE] = PLAN_NC_("definite", "office"),
	[PLAN_ITEM_UNIT] = PLAN_NC_("definite", "unit"),
	[PLAN_ITEM_KF_GOAL] = PLAN_NC_("definite", "fullmäktigemål"),
	[PLAN_ITEM_ASSIGNMENT] = PLAN_NC_("definite", "särskilt uppdrag"),
	[PLAN_ITEM_BODY_GOAL] = PLAN_NC_("definite", "nämndmål"),
	[PLAN_ITEM_OFFICE_GOAL] = PLAN_NC_("definite", "kontorsplan goal"),
	[PLAN_ITEM_KPI] = PLAN_NC_("definite", "KPI"),
	[PLAN_ITEM_ACTIVITY] = PLAN_NC_("definite", "activity"),
	[PLAN_ITEM_DOCUMENT] = PLAN_NC_("definite", "plan document"),
	[PLAN_ITEM_DIRECTIVE_GOAL] = PLAN_NC_("definite", "direktivmål"),
};

static const struct { const char *word, *definite; } doc_words[] = {
	[PLAN_DOC_STYRMODELL] = { PLAN_NC_("document", "styrmodell"),
		PLAN_NC_("definite", "styrmodell") },
	[PLAN_DOC_ORGANISATION] = { PLAN_NC_("document", "organisation"),
		PLAN_NC_("definite", "organisation") },
	[PLAN_DOC_FLERARSPLAN] = { PLAN_NC_("document", "flerarsplan"),
		PLAN_NC_("definite", "flerarsplan") },
	[PLAN_DOC_VERKSAMHETSPLAN] = { PLAN_NC_("document", "verksamhetsplan"),
		PLAN_NC_("definite", "verksamhetsplan") },
	[PLAN_DOC_KONTORSPLAN] = { PLAN_NC_("document", "kontorsplan"),
		PLAN_NC_("definite", "kontorsplan") },
	[PLAN_DOC_ARBETSPLAN] = { PLAN_NC_("document", "arbetsplan"),
		PLAN_NC_("definite", "arbetsplan") },
	[PLAN_DOC_UPPFOLJNING] = { PLAN_NC_("document", "uppfoljning"),
		PLAN_NC_("definite", "uppfoljning") },
	[PLAN_DOC_AGARDIREKTIV] = { PLAN_NC_("document", "agardirektiv"),
		PLAN_NC_("definite", "agardirektiv") },
};

const char *plan_item_kind_definite(plan_item_kind kind, plan_lang lang)
{
	return plan_trc(lang, "definite", item_definite[kind]);
}

const char *plan_doc_kind_word(plan_doc_kind kind, plan_lang lang)
{
	return plan_trc(lang, "document", doc_words[kind].word);
}

const char *plan_doc_kind_definite(plan_doc_kind kind, plan_lang lang)
{
	return plan_trc(lang, "definite", doc_words[kind].definite);
}
