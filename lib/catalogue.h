/* catalogue.h: the compiled catalogues (made at build time by
 * lib/catalogue/compile.c from sv.po and rules.yaml); private to the library. */
#ifndef PLAN_CATALOGUE_PRIVATE_H
#define PLAN_CATALOGUE_PRIVATE_H

#include <stddef.h>

#include "plan/rule.h"

/* One message: its English text (the key), its English plural or NULL, and
 * the Swedish text (forms[0]) with its plural (forms[1], or NULL). */
typedef struct plan_catalogue_entry {
	const char *msgid;
	const char *msgid_plural;
	const char *forms[2];
} plan_catalogue_entry;

/* Sorted by msgid in strcmp order, for bsearch. */
extern const plan_catalogue_entry plan_catalogue_sv[];
extern const size_t plan_catalogue_sv_count;

/* The rule catalogue in the order of rules.yaml. */
extern const plan_rule plan_rule_catalogue[];
extern const size_t plan_rule_catalogue_count;

#endif
