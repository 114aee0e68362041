/* model_impl.h (private): the link-level table shared by the model (for
 * suggestions and owners) and the link stage (for wrong-level-link). */
#ifndef PLAN_MODEL_IMPL_H
#define PLAN_MODEL_IMPL_H

#include "plan/model.h"

/* May a reference of `role`, made by an item of kind `source` (-1: by the
 * document `doc` itself), point to an item of kind `target`? The table is
 * plan-format.md's "What traces means", with the organisational and
 * follow-up references added. */
int plan_ref_allows(const plan_document *doc, int source, plan_ref_role role,
	plan_item_kind target);

/* Room for `n` children in all, owned by the model (the link stage's, for
 * every item's children): the block of an earlier call is freed. NULL when
 * memory ran out or `n` is 0. */
plan_item **plan_model_children_block(plan_model *model, size_t n);

#endif
