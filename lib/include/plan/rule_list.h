/* plan/rule_list.h: the rule catalogue as plan-validate lists it: every
 * rule with its default severity, its severity in a plan set and its
 * summary (text columns or JSON), and one rule explained as JSON (the text
 * form is plan_rule_explain in plan/rule.h). */
#ifndef PLAN_RULE_LIST_H
#define PLAN_RULE_LIST_H

#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/rule.h"
#include "plan/set.h"

/* Every rule into `b`; `set` NULL gives the defaults as the severity here.
 * JSON keeps the severities' own names ("error", "off"). */
void plan_rules_list(plan_buf *b, const plan_set *set, plan_lang lang, int json);

/* One rule as a JSON object: id, default, configurable, summary, checks,
 * why, fix, quote and example. */
void plan_rule_explain_json(plan_buf *b, const plan_rule *r, plan_lang lang);

#endif
