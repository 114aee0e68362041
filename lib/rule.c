/* rule.c: the rule catalogue, compiled from lib/catalogue/rules.yaml, and
 * the names of severities. */
#include "plan/rule.h"

#include <string.h>

#include "catalogue.h"

const plan_rule *plan_rules_all(size_t *count)
{
	*count = plan_rule_catalogue_count;
	return plan_rule_catalogue;
}

int plan_rule_help_uri(plan_buf *out, const char *base, const char *id)
{
	return plan_buf_printf(out, "%s#rule-%s", base, id);
}

const plan_rule *plan_rule_find(const char *id)
{
	for (size_t i = 0; i < plan_rule_catalogue_count; i++)
		if (strcmp(plan_rule_catalogue[i].id, id) == 0)
			return &plan_rule_catalogue[i];
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

const char *plan_severity_word(plan_severity severity, plan_lang lang)
{
	switch (severity) {
	case PLAN_SEVERITY_ERROR: return plan_tr(lang, "error");
	case PLAN_SEVERITY_WARNING: return plan_tr(lang, "warning");
	default: return plan_tr(lang, "off");
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
