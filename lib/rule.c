/* rule.c: the rule catalogue (domain.md) with default severities. */
#include "plan/rule.h"

#include <string.h>

#define E PLAN_SEVERITY_ERROR
#define W PLAN_SEVERITY_WARNING

static const plan_rule catalogue[] = {
	{ "yaml-syntax", E, 0, "The file is not well-formed YAML." },
	{ "schema", E, 1, "A document breaks its schema (wrong type, missing or unknown key, bad enum, bad date)." },
	{ "duplicate-key", E, 1, "A key appears twice in one mapping." },
	{ "not-a-plan-document", E, 1, "A YAML document under the root has no kind." },
	{ "duplicate-id", E, 1, "An id is defined twice." },
	{ "unknown-reference", E, 1, "A link names no defined item." },
	{ "wrong-level-link", E, 1, "A link points to an item of a level it may not point to." },
	{ "cross-body-link", W, 1, "A link points into another body's or office's plan." },
	{ "no-trace", E, 1, "An item does not reach any fullmäktigemål." },
	{ "link-cycle", E, 1, "Links form a cycle." },
	{ "perspective-unknown", E, 1, "A perspective id that styrmodell does not define." },
	{ "perspective-mismatch", W, 1, "The declared perspective is not that of any reached fullmäktigemål." },
	{ "perspective-gap", W, 1, "A verksamhetsplan or arbetsplan does not cover every perspective." },
	{ "kf-goal-unaddressed", W, 1, "No body goal contributes to a fullmäktigemål." },
	{ "assignment-unplanned", E, 1, "A body that got a särskilt uppdrag does not plan it in its verksamhetsplan." },
	{ "assignment-duration", E, 1, "A särskilt uppdrag spans fewer than 1 or more than 3 years, or lies outside the flerårsplan." },
	{ "funding-missing", E, 1, "A särskilt uppdrag lacks funding type, or tillskott lacks an amount." },
	{ "goal-without-kpi", W, 1, "A nämndmål no KPI measures." },
	{ "mandatory-kpi-missing", E, 1, "An arbetsplan leaves out a KPI its office marks units_must_follow." },
	{ "activity-undated", E, 1, "An activity lacks due, or its dates fall outside the plan's year." },
	{ "activity-unassigned", E, 1, "An activity lacks responsible." },
	{ "period-length", E, 1, "A 3-year plan does not span 3 years, or differs from the flerårsplan's period." },
	{ "school-year", E, 1, "An arbetsplan uses year where its body plans by school year, or the reverse." },
	{ "plan-missing", W, 1, "A body, office or unit has no plan of its level." },
	{ "agenda2030-invalid", E, 1, "Not a real Agenda 2030 goal (1-17) or target id." },
	{ "agenda2030-missing", W, 1, "A fullmäktigemål names no Agenda 2030 goal." },
	{ "followup-incomplete", W, 1, "A follow-up leaves out goals of its owner's plan." },
	{ "followup-forecast", E, 1, "A DR1 or DR2 entry has no forecast." },
	{ "followup-analysis", E, 1, "A goal not fully met lacks actions, results, analysis or improvements." },
	{ "followup-date", E, 1, "as_of does not match the period (30 April, 31 August, 31 December)." },
	{ "personal-data", E, 1, "A Swedish personal identity number appears in a text." },
	/* The toolkit's own: input that could not be read in full. */
	{ "io", E, 0, "A file or directory under the root could not be read." },
	{ "limit", E, 0, "An input exceeds one of the toolkit's limits (size, depth, aliases, count)." },
};

const plan_rule *plan_rules_all(size_t *count)
{
	*count = sizeof catalogue / sizeof catalogue[0];
	return catalogue;
}

const plan_rule *plan_rule_find(const char *id)
{
	for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++)
		if (strcmp(catalogue[i].id, id) == 0)
			return &catalogue[i];
	return NULL;
}

const char *plan_severity_name(plan_severity severity)
{
	switch (severity) {
	case PLAN_SEVERITY_ERROR: return "error";
	case PLAN_SEVERITY_WARNING: return "warning";
	default: return "off";
	}
}

int plan_severity_parse(plan_severity *out, const char *name)
{
	if (strcmp(name, "error") == 0)
		*out = PLAN_SEVERITY_ERROR;
	else if (strcmp(name, "warning") == 0)
		*out = PLAN_SEVERITY_WARNING;
	else if (strcmp(name, "off") == 0)
		*out = PLAN_SEVERITY_OFF;
	else
		return -1;
	return 0;
}
