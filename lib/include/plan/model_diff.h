/* plan/model_diff.h: what changed between two models of a plan set (two
 * revisions, or a revision and the working tree): documents, items and links
 * added and removed, which fields of an item changed, and whether its
 * meaning did; and the links that a changed meaning makes suspect. */
#ifndef PLAN_MODEL_DIFF_H
#define PLAN_MODEL_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "plan/arena.h"
#include "plan/buf.h"
#include "plan/load.h"
#include "plan/model.h"

typedef enum plan_change {
	PLAN_CHANGE_ADDED,
	PLAN_CHANGE_REMOVED,
	PLAN_CHANGE_CHANGED
} plan_change;

/* A field whose value differs between the two versions of an item or a
 * document. */
typedef struct plan_field_change {
	const char *path;             /* the key; "targets.2027", "period.to": keys of
	                               * nested mappings joined by '.' (a list is one
	                               * field, whatever changed in it) */
	const plan_node *old_value;   /* NULL: the key is absent in the old version */
	const plan_node *new_value;   /* NULL: absent in the new version */
} plan_field_change;

typedef struct plan_item_change {
	uint8_t change;               /* plan_change */
	uint8_t meaning;              /* its meaning changed: always for ADDED and
	                               * REMOVED; for CHANGED, when its kind changed or
	                               * plan_node_meaning_equal says so */
	uint8_t kind_changed;         /* CHANGED: the id names an item of another kind */
	uint8_t moved;                /* CHANGED: it is defined in another file */
	const plan_item *old_item;    /* NULL when added */
	const plan_item *new_item;    /* NULL when removed */
	plan_field_change *fields;    /* CHANGED: the new version's keys in its order,
	                               * then the keys only the old one has */
	size_t nfields;
} plan_item_change;

/* A link (an upward reference: contributes_to, measures, goal) that one
 * version has and the other has not, by linking item, role and the id linked
 * to as written. */
typedef struct plan_link_change {
	uint8_t change;               /* PLAN_CHANGE_ADDED or PLAN_CHANGE_REMOVED */
	uint8_t role;                 /* plan_ref_role */
	const plan_item *from;        /* the linking item, in the version that has the link */
	const plan_ref *ref;          /* the reference itself (ref->id: the target's id) */
} plan_link_change;

/* A document, known by its file, kind and id (a moved or renamed plan is
 * removed and added). Its items are compared one by one, so the fields of a
 * changed document leave out the lists that hold items (goals, activities,
 * KPIs, ...). */
typedef struct plan_document_change {
	uint8_t change;               /* plan_change */
	const plan_document *old_doc; /* NULL when added */
	const plan_document *new_doc; /* NULL when removed */
	plan_field_change *fields;    /* CHANGED */
	size_t nfields;
} plan_document_change;

typedef struct plan_model_diff {
	/* Items by level (fullmäktigemål, särskilda uppdrag, nämndmål, kontorsplan
	 * goals, KPIs, activities, then bodies, offices and units); within a level
	 * the added and changed ones in the new version's order, then the removed
	 * ones in the old version's. Documents' own ids are not items here. */
	plan_item_change *items;
	size_t nitems;
	/* Links by the level of the linking item, its id, the role and the id
	 * linked to; a removed link before an added one. */
	plan_link_change *links;
	size_t nlinks;
	/* Documents by file, kind and id. */
	plan_document_change *documents;
	size_t ndocuments;
	size_t items_added, items_removed, items_changed;
	size_t links_added, links_removed;
	size_t documents_added, documents_removed, documents_changed;
	plan_arena *arena;            /* owns the arrays above (private) */
} plan_model_diff;

/* Compare two models: items matched by id (an id defined more than once is
 * matched in definition order), documents by file, kind and id, links by
 * linking item, role and target id. The models must outlive the diff, which
 * points into them. Returns 0 with *out set (free with plan_model_diff_free),
 * or -1 when memory ran out. */
int plan_model_diff_build(plan_model_diff **out, const plan_model *old_model,
	const plan_model *new_model);

void plan_model_diff_free(plan_model_diff *diff);

/* True when two nodes are the same JSON value: the same type, strings with the
 * same bytes, numbers with the same value (`76` and `76.0`), mappings with the
 * same keys and equal values in any order, lists with equal items in the same
 * order. How a value is written (quoted, flow or block style, anchors) does not
 * count. NULL (absent) equals only NULL. */
int plan_node_equal(const plan_node *a, const plan_node *b);

/* True when two versions of an item (their mappings) mean the same: the same
 * title, name, description and perspective (absent and null are the same),
 * and links to the same ids under contributes_to, measures and goal, in any
 * order. This is what the items that link to it rely on; its dates, status,
 * owner or KPI targets are not part of it. */
int plan_node_meaning_equal(const plan_node *a, const plan_node *b);

/* Append a node's value: as JSON (`json` true; always valid JSON), or for
 * reading (strings quoted and escaped as plan_buf_put_safe does, lists and
 * mappings in flow style). Returns 0, or -1 when the buffer failed. */
int plan_node_put_value(plan_buf *buf, const plan_node *node, int json);

/* A suspect link: `from` links to `chain[1]`, and the item `changed` at the
 * end of the chain changed its meaning while every item before it did not. */
typedef struct plan_suspect {
	const plan_item *from;        /* the item whose link is suspect */
	const plan_ref *ref;          /* its link */
	const plan_item **chain;      /* from, the item it links to, ..., changed */
	size_t nchain;                /* at least 2 */
	const plan_item_change *origin;   /* the change of chain[nchain - 1] */
} plan_suspect;

typedef struct plan_suspects {
	plan_suspect *items;          /* for each changed item in diff order, the links
	                               * below it, nearest first (breadth first) */
	size_t count;
	size_t links;                 /* distinct suspect links (one may be below
	                               * several changed items) */
	plan_arena *arena;            /* owns the above (private) */
} plan_suspects;

/* The links a change of meaning makes suspect in `new_model` (the model the
 * diff calls new): below every item whose meaning changed (or that was
 * added), each valid upward link into it from an item whose meaning did not
 * change, and on down through such unchanged items, transitively; a changed
 * item stops the walk (its own change makes the links below it suspect). Each
 * link is reported once per changed item above it, with the shortest chain.
 * Returns 0 with *out set (free with plan_suspects_free), or -1 when memory
 * ran out. */
int plan_suspects_find(plan_suspects **out, const plan_model_diff *diff,
	const plan_model *new_model);

void plan_suspects_free(plan_suspects *suspects);

#endif
