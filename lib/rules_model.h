/* rules_model.h (private): the catalogue rules that need the whole linked
 * plan set (documents against each other, plans against follow-ups). */
#ifndef PLAN_RULES_MODEL_H
#define PLAN_RULES_MODEL_H

#include "plan/diag.h"
#include "plan/model.h"

/* Run every plan-set rule over the linked model. Returns 0, or -1 when
 * memory ran out. */
int plan_rules_model(const plan_model *model, plan_diags *diags);

#endif
