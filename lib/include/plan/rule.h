/* plan/rule.h: the rule catalogue: every rule id plan-validate can report,
 * its default severity and a one-line summary (used by SARIF and --help). */
#ifndef PLAN_RULE_H
#define PLAN_RULE_H

#include <stddef.h>

typedef enum plan_severity {
	PLAN_SEVERITY_OFF = 0,
	PLAN_SEVERITY_WARNING = 1,
	PLAN_SEVERITY_ERROR = 2
} plan_severity;

typedef struct plan_rule {
	const char *id;               /* stable, shown in every diagnostic */
	plan_severity severity;       /* default */
	int configurable;             /* may styrmodell.yaml `rules:` change it? */
	const char *summary;          /* one English sentence */
} plan_rule;

/* The whole catalogue, in the order of domain.md, with the toolkit's own
 * additions (`io`, `limit`) last. Static storage; `*count` gets its length. */
const plan_rule *plan_rules_all(size_t *count);

/* The rule with this id, or NULL. */
const plan_rule *plan_rule_find(const char *id);

/* "error", "warning" or "off"; parse returns -1 for anything else. */
const char *plan_severity_name(plan_severity severity);
int plan_severity_parse(plan_severity *out, const char *name);

#endif
