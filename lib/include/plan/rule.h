/* plan/rule.h: the rule catalogue: every rule id plan-validate can report,
 * its default severity, and what it checks, why and how to fix it, with a
 * wrong and a right example, in Swedish and English (--list-rules,
 * --explain, SARIF). The source is lib/catalogue/rules.yaml. */
#ifndef PLAN_RULE_H
#define PLAN_RULE_H

#include <stddef.h>

#include "plan/buf.h"
#include "plan/lang.h"

typedef enum plan_severity {
	PLAN_SEVERITY_OFF = 0,
	PLAN_SEVERITY_WARNING = 1,
	PLAN_SEVERITY_ERROR = 2
} plan_severity;

/* Each text is indexed by plan_lang: summary[PLAN_LANG_SV]. */
typedef struct plan_rule {
	const char *id;               /* stable, shown in every diagnostic */
	plan_severity severity;       /* default */
	int configurable;             /* may styrmodell.yaml `rules:` change it? */
	const char *summary[PLAN_LANGS];  /* one sentence */
	const char *checks[PLAN_LANGS];   /* what the rule checks */
	const char *why[PLAN_LANGS];      /* why it matters in the model */
	const char *fix[PLAN_LANGS];      /* how to put it right */
	const char *quote;            /* the styrmodell's own words, or NULL */
	/* A plan file that breaks the rule and the same file put right: laid
	 * over the rules tests' base plan set at example_file (a path from the
	 * root), `wrong` raises this rule alone and `right` nothing. NULL for a
	 * rule that no file text can show. example_limits: a --limit value the
	 * example runs with, or NULL. */
	const char *example_file;
	const char *example_limits;
	const char *example_wrong;
	const char *example_right;
} plan_rule;

/* The whole catalogue, in the order of domain.md, with the toolkit's own
 * additions last (`io`, `limit`, and the suppression directives'
 * `suppression-invalid` and `unused-suppression`). Static storage; `*count`
 * gets its length. */
const plan_rule *plan_rules_all(size_t *count);

/* The rule with this id, or NULL. */
const plan_rule *plan_rule_find(const char *id);

/* What a person reads for a severity in `lang`: "fel", "varning", "av". */
const char *plan_severity_word(plan_severity severity, plan_lang lang);

/* "error", "warning" or "off"; parse returns -1 for anything else. */
const char *plan_severity_name(plan_severity severity);
int plan_severity_parse(plan_severity *out, const char *name);

/* How an explanation is written out. */
typedef enum plan_explain_format {
	PLAN_EXPLAIN_TEXT,       /* for a terminal: headed paragraphs wrapped at
	                          * 78 columns, the examples indented */
	PLAN_EXPLAIN_MARKDOWN    /* for SARIF's help.markdown and the README */
} plan_explain_format;

/* Append `rule` explained in `lang`: what it checks, why (with the
 * styrmodell's own words where it has them), how to fix it, and the wrong
 * and the right example. Returns 0, or -1 when memory ran out. */
int plan_rule_explain(plan_buf *out, const plan_rule *rule, plan_lang lang,
	plan_explain_format format);

/* Append where a rule is explained on the web: `base` (the README's
 * address) then "#rule-ID", the anchor of the rule's row in the README's
 * rule table. SARIF's helpUri and plan-lsp's codeDescription.href are it.
 * Returns 0, or -1 when memory ran out. */
int plan_rule_help_uri(plan_buf *out, const char *base, const char *id);

/* The rule ids nearest to `word` (a mistyped --explain), for "did you
 * mean": the best one, or NULL when none is near. */
const char *plan_rule_suggest(const char *word);

#endif
