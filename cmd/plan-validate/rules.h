/* rules.h: plan-validate's --list-rules and --explain, and the exit
 * statuses every part of plan-validate returns. */
#ifndef PLAN_VALIDATE_RULES_H
#define PLAN_VALIDATE_RULES_H

#include "plan/lang.h"
#include "plan/set.h"

#define EXIT_CLEAN 0
#define EXIT_FAULTS 1
#define EXIT_TROUBLE 2

/* Every rule with its default severity, its severity in `set` (NULL: no
 * plan set, so the defaults) and its summary, as text or JSON, to `output`
 * (NULL: standard output). Returns the exit status. */
int list_rules(const plan_set *set, plan_lang lang, int json, const char *output);

/* One rule explained (--explain RULE); an unknown id is a usage error with
 * "did you mean". Returns the exit status. */
int explain_rule(const char *id, plan_lang lang, int json, const char *output);

#endif
