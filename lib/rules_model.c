/* rules_model.c: catalogue rules over the linked plan set: plan periods,
 * assignments, KPIs, plan coverage, Agenda 2030 and follow-ups. */
#include "rules_model.h"

#include <stddef.h>

static const plan_node *get(const plan_node *map, const char *key)
{
	return plan_node_get(map, key);
}

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
		const char *name = plan_doc_kind_name(doc->kind);
		int years = doc->period_to - doc->period_from + 1;
		if (years != 3) {
			plan_diags_add(diags, doc->file->path, period->line, period->column,
				"period-length", doc->id,
				"the %s spans %d year%s (%d-%d); a three-year plan spans three", name,
				years, years == 1 ? "" : "s", doc->period_from, doc->period_to);
		} else if (fap && doc != fap && fap->period_from && fap->period_to &&
		           (doc->period_from != fap->period_from || doc->period_to != fap->period_to)) {
			plan_diags_add(diags, doc->file->path, period->line, period->column,
				"period-length", doc->id,
				"the %s covers %d-%d, but the flerårsplan covers %d-%d", name,
				doc->period_from, doc->period_to, fap->period_from, fap->period_to);
		}
	}
}

int plan_rules_model(const plan_model *m, plan_diags *diags)
{
	check_period_length(m, diags);
	return plan_diags_oom(diags) ? -1 : 0;
}
