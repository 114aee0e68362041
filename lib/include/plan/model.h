/* plan/model.h: the plan set as typed documents and items, built from the
 * checked node trees, with every reference resolved once through one id index
 * and every item's trace to the fullmäktigemål computed.
 *
 * The structures are read-only for everyone but the model and link stages;
 * they live as long as the plan set that built them. */
#ifndef PLAN_MODEL_H
#define PLAN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "plan/arena.h"
#include "plan/diag.h"
#include "plan/lang.h"
#include "plan/load.h"
#include "plan/prune.h"

typedef enum plan_doc_kind {
	PLAN_DOC_STYRMODELL,
	PLAN_DOC_ORGANISATION,
	PLAN_DOC_FLERARSPLAN,
	PLAN_DOC_VERKSAMHETSPLAN,
	PLAN_DOC_KONTORSPLAN,
	PLAN_DOC_ARBETSPLAN,
	PLAN_DOC_UPPFOLJNING,
	PLAN_DOC_AGARDIREKTIV     /* kommunfullmäktige's owner directive to a bolag */
} plan_doc_kind;

/* Everything that has an id in the one namespace of a plan set. */
typedef enum plan_item_kind {
	PLAN_ITEM_BODY,        /* nämnd, styrelse or bolag (organisation bodies) */
	PLAN_ITEM_OFFICE,      /* kontor (organisation offices) */
	PLAN_ITEM_UNIT,        /* enhet (organisation units) */
	PLAN_ITEM_KF_GOAL,     /* fullmäktigemål (flerarsplan goals) */
	PLAN_ITEM_ASSIGNMENT,  /* särskilt uppdrag (flerarsplan assignments) */
	PLAN_ITEM_BODY_GOAL,   /* nämndmål (verksamhetsplan goals) */
	PLAN_ITEM_OFFICE_GOAL, /* kontorsplan goals */
	PLAN_ITEM_KPI,         /* nyckeltal (kontorsplan kpis) */
	PLAN_ITEM_ACTIVITY,    /* aktivitet (arbetsplan activities) */
	PLAN_ITEM_DOCUMENT,    /* a plan document's own id (FAP-2026-2028, VP-BUN-2026, ...) */
	PLAN_ITEM_DIRECTIVE_GOAL /* direktivmål (agardirektiv goals): between the
	                          * fullmäktigemål and a bolag's own goals */
} plan_item_kind;

#define PLAN_ITEM_KINDS 11

/* What a reference is for; the roles marked "upward" are the links that
 * traces follow (plan-format.md, "What traces means"). */
typedef enum plan_ref_role {
	PLAN_REF_CONTRIBUTES_TO,  /* upward: goals and activities */
	PLAN_REF_MEASURES,        /* upward: KPIs */
	PLAN_REF_GOAL,            /* upward: an assignment's fullmäktigemål */
	PLAN_REF_ASSIGNED_TO,     /* assignment -> body */
	PLAN_REF_BODY,            /* office -> body; frames -> body */
	PLAN_REF_OFFICE,          /* unit -> office */
	PLAN_REF_OWNER,           /* plan or follow-up -> its owner */
	PLAN_REF_PLANNED,         /* verksamhetsplan/kontorsplan assignments[].assignment */
	PLAN_REF_FOLLOWED_KPI,    /* arbetsplan kpis[] */
	PLAN_REF_FU_GOAL,         /* uppfoljning goals[].goal */
	PLAN_REF_FU_KPI,          /* uppfoljning kpis[].kpi */
	PLAN_REF_FU_ASSIGNMENT,   /* uppfoljning assignments[].assignment */
	PLAN_REF_FU_ACTIVITY      /* uppfoljning activities[].activity */
} plan_ref_role;

typedef struct plan_item plan_item;
typedef struct plan_document plan_document;

/* One reference from a document or item to an item, by id. */
typedef struct plan_ref {
	const char *id;           /* as written */
	const plan_node *node;    /* where it is written (for positions) */
	const plan_node *entry;   /* the mapping it sits in (a follow-up entry,
	                           * an assignment plan), or NULL */
	plan_item *target;        /* the item it names; NULL when unknown */
	uint8_t role;             /* plan_ref_role */
	uint32_t hash;            /* of `id`, for the id index (model.c) */
	uint8_t valid;            /* target exists, is of a kind the role allows
	                           * and the link closes no cycle */
} plan_ref;

struct plan_item {
	/* Flags and small numbers first: a large plan set holds a hundred
	 * thousand items, and no padding between them saves a tenth. */
	uint8_t kind;                 /* plan_item_kind */
	uint8_t redefined;            /* its id was defined before it (duplicate-id):
	                               * plan_model_find names the first definition */
	uint8_t school_year;          /* body: plans by school year */
	uint8_t company;              /* body: of type bolag (gets an ägardirektiv) */
	uint8_t units_must_follow;    /* KPI */
	uint8_t traces;               /* link stage: reaches a fullmäktigemål or a
	                               * särskilt uppdrag */
	uint32_t index;               /* its place in plan_model.items */
	int perspective_index;        /* declared perspective in the model's list, or -1 */
	int from_year, to_year;       /* assignment; 0 when absent */
	const char *id;
	const char *title;            /* title (name for organisation and KPIs); "" if none */
	const plan_node *node;        /* the item's mapping: its position */
	plan_document *doc;           /* the document that defines it */
	plan_item *owner;             /* goals, KPIs, activities: the body, office or
	                               * unit whose plan holds them; NULL otherwise */
	plan_item *parent;            /* office: its body; unit: its office (resolved) */
	const plan_node *perspective; /* declared perspective (its value node), or NULL */
	plan_ref *refs;               /* every reference the item makes, in order */
	size_t nrefs;

	/* Filled by the link stage. */
	plan_item **children;         /* items whose valid upward links point here,
	                               * in the model's order; one that links here
	                               * twice is here twice, one after the other
	                               * (plan_child_repeated) */
	size_t nchildren;
	uint64_t reached;             /* perspectives of the fullmäktigemål reached */
	uint64_t perspectives;        /* effective: the declared one, else `reached` */
};

struct plan_document {
	uint8_t kind;                 /* plan_doc_kind */
	uint32_t index;               /* its place in plan_model.docs */
	const plan_file *file;
	const plan_node *root;
	plan_item *self;              /* the document's id as an item, or NULL */
	const char *id;               /* NULL for styrmodell and organisation */
	plan_item *owner;             /* resolved owner (body, office, unit); NULL for
	                               * level 1, `kommun` or an unknown owner */
	uint8_t owner_is_kommun;      /* uppfoljning owned by the municipality */
	int period_from, period_to;   /* flerarsplan, verksamhetsplan, kontorsplan; 0 if absent */
	int year;                     /* arbetsplan `year`, uppfoljning `year`; 0 if absent */
	int school_year;              /* arbetsplan `school_year` "2026/27" -> 2026; 0 if absent */
	const char *period;           /* uppfoljning: "dr1", "dr2" or "ar"; NULL otherwise */
	plan_item **items;            /* the items this document defines, in order */
	size_t nitems;
	plan_ref *refs;               /* references the document makes itself (owner,
	                               * planned assignments, followed KPIs, follow-up
	                               * entries, frames) */
	size_t nrefs;
};

typedef struct plan_perspective {
	const char *id;
	const char *name;             /* as the plan set spells it */
	const plan_node *node;
} plan_perspective;

typedef struct plan_model {
	plan_document **docs;         /* in file order, then document order */
	size_t ndocs;
	plan_item **items;            /* in definition order */
	size_t nitems;
	plan_perspective *perspectives;   /* styrmodell order; at most 64 count in masks */
	size_t nperspectives;
	const plan_document *styrmodell;  /* the first of each, or NULL */
	const plan_document *organisation;
	const plan_document *flerarsplan;
	const char *calendar_dr1;     /* "MM-DD" (default "04-30") */
	const char *calendar_dr2;     /* "MM-DD" (default "08-31") */
	double deviation_economy_tkr; /* deviations.economy_tkr (default 0) */
} plan_model;

/* The mapping keys that the checks across documents read: trees pruned to
 * them (plan_file_prune) give the same faults as whole trees, and the same
 * model except that goals, assignments, activities and documents have no
 * title (item->title is ""): no check reads one. */
extern const plan_keys plan_model_keys;

/* Build the model from the loaded files (documents whose shape is broken are
 * still read as far as they make sense). Reports duplicate-id and
 * unknown-reference into `diags`. Returns 0 with *out set (free with
 * plan_model_free), or -1 when memory ran out. */
int plan_model_build(plan_model **out, const plan_file *const *files, size_t nfiles,
	plan_diags *diags);

void plan_model_free(plan_model *model);

/* One file's documents, items and references, built apart from the rest:
 * the part of building that needs nothing but the file, so that it can run
 * on the thread that loaded the file, while its trees are still in the
 * processor's cache. */
typedef struct plan_model_part plan_model_part;

/* Build the part of `file`, allocated from `arena` (which may hold the
 * parts of many files, and must live as long as the model built from them:
 * plan_model_build_parts takes it). Items are numbered when the model is.
 * Returns 0 with *out set, or -1 when memory ran out. */
int plan_model_part_build(plan_model_part **out, const plan_file *file, plan_arena *arena);

/* As plan_model_build, with parts[i] built from files[i] already (NULL: it
 * is built now; `parts` NULL: all are). The model takes the `narenas`
 * arenas the parts live in and frees them with itself, also when it cannot
 * be built. The model is the same as plan_model_build's. */
int plan_model_build_parts(plan_model **out, const plan_file *const *files,
	plan_model_part *const *parts, size_t nfiles, plan_arena **arenas, size_t narenas,
	plan_diags *diags);

/* The item with this id, or NULL. */
plan_item *plan_model_find(const plan_model *model, const char *id);

/* The index of a perspective id, or -1. */
int plan_model_perspective(const plan_model *model, const char *id);

/* Check every reference's target kind and owner (wrong-level-link,
 * cross-body-link), follow the valid upward links to compute each item's
 * trace and perspectives, and report link-cycle (a guard: the level rules
 * leave no cycle to find), perspective-unknown,
 * perspective-mismatch and the no-trace faults that only the whole chain
 * shows. Fills children, reached, perspectives and traces. Returns 0, or -1
 * when memory ran out. */
int plan_model_link(plan_model *model, plan_diags *diags);

/* True when a link of `role` from `item` (NULL: the document `doc`
 * itself) to `target` is one the link stage takes without a fault: of a
 * level the role allows (no wrong-level-link) and into the plan it belongs
 * to (no cross-body-link): what an editor offers to complete a link with. */
int plan_ref_fits(const plan_document *doc, const plan_item *item, plan_ref_role role,
	const plan_item *target);

/* The id unknown-reference's "did you mean" names for `ref` (made by
 * `from`, NULL: by the document `doc`): the closest id of a level the role
 * allows, or NULL when none is close. Owned by the model. */
const char *plan_ref_suggest(const plan_model *model, const plan_document *doc,
	const plan_item *from, const plan_ref *ref);

/* The nämndmål that contribute to a fullmäktigemål, directly or through a
 * direktivmål of an ägardirektiv (a bolag's goals), in the order of the
 * fullmäktigemål's children: start with PLAN_CONTRIBUTORS_INIT(kf), then
 * call plan_contributors_next until it returns NULL. *via gets the
 * direktivmål a goal contributes through, or NULL for a direct one. A
 * nämndmål that names the fullmäktigemål more than once (or through two
 * direktivmål) comes as often. Reads the link stage's children. */
typedef struct plan_contributors {
	const plan_item *goal;
	size_t child, grandchild;
} plan_contributors;

#define PLAN_CONTRIBUTORS_INIT(kf) { (kf), 0, 0 }

const plan_item *plan_contributors_next(plan_contributors *it, const plan_item **via);

/* True for the roles traces follow: contributes_to, measures and an
 * assignment's goal. */
int plan_ref_is_upward(const plan_ref *ref);

/* The key a reference is written under: "contributes_to", "measures",
 * "goal", "assigned_to", "body", "office", "owner", "assignment", "kpis",
 * "kpi", "activity". */
const char *plan_ref_role_key(plan_ref_role role);

/* True when item->children[k] is the child before it again (an item that
 * links to `item` twice): what lists each child once skip. */
static inline int plan_child_repeated(const plan_item *item, size_t k)
{
	return k > 0 && item->children[k] == item->children[k - 1];
}

/* True for kinds that must trace to a fullmäktigemål: direktivmål,
 * nämndmål, kontorsplan goals, KPIs and activities. */
int plan_item_must_trace(const plan_item *item);

/* "fullmäktigemål", "nämndmål", "kontorsplan goal", "KPI", "activity", ...:
 * how messages name an item kind. */
const char *plan_item_kind_name(plan_item_kind kind);

/* The same in `lang`, as a message names the kind: "aktivitet". */
const char *plan_item_kind_word(plan_item_kind kind, plan_lang lang);

/* What `item` is, in `lang`, as a reader is told: its kind's word, but
 * "bolag" for a body of type bolag. */
const char *plan_item_word(const plan_item *item, plan_lang lang);

/* "kf_goal", "assignment", "directive_goal", "body_goal", "office_goal",
 * "kpi", "activity", "body", "office", "unit", "document": the kind as JSON
 * output names it. */
const char *plan_item_kind_key(plan_item_kind kind);

/* "styrmodell", "verksamhetsplan", ...: the document kind's name. */
const char *plan_doc_kind_name(plan_doc_kind kind);

/* How a message in `lang` names a kind where Swedish needs more than the
 * plain word: an item kind as the definite subject ("aktiviteten"), a
 * document kind as a word ("uppföljning") or definite ("uppföljningen").
 * In English each is plan_item_kind_word or plan_doc_kind_name. */
const char *plan_item_kind_definite(plan_item_kind kind, plan_lang lang);
const char *plan_doc_kind_word(plan_doc_kind kind, plan_lang lang);
const char *plan_doc_kind_definite(plan_doc_kind kind, plan_lang lang);

#endif
