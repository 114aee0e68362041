/* rules_document.h (private): catalogue rules that one document's own tree
 * decides, run right after its schema check. */
#ifndef PLAN_RULES_DOCUMENT_H
#define PLAN_RULES_DOCUMENT_H

#include "plan/diag.h"
#include "plan/load.h"

/* Check a document of kind `kind` (its schema already applied) for the faults
 * the catalogue gives their own rule rather than `schema`: activity-unassigned,
 * activity-undated, funding-missing and an empty link list (no-trace). */
void plan_rules_document(const plan_file *file, const plan_node *root,
	const char *kind, plan_diags *diags);

#endif
