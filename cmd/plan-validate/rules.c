/* rules.c: --list-rules and --explain: the library's texts
 * (plan/rule_list.h, plan/rule.h) written where -o says. */
#include "rules.h"

#include <stdio.h>

#include "plan/output.h"
#include "plan/rule_list.h"

/* Write `text` to `output` (NULL: standard output), replaced only once
 * complete; `root` is the plan set that must not be written into. */
static int write_all(const plan_buf *text, const char *output, const char *root,
	plan_lang lang)
{
	plan_error err = PLAN_ERROR_INIT;
	err.lang = lang;
	plan_output *out = NULL;
	if (text->failed) {
		fprintf(stderr, "plan-validate: %s\n", plan_tr(lang, "out of memory"));
		return EXIT_TROUBLE;
	}
	if (plan_output_open(&out, output, root, &err) < 0) {
		fprintf(stderr, "plan-validate: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	FILE *f = plan_output_stream(out);
	if (fwrite(text->ptr ? text->ptr : "", 1, text->len, f) != text->len ||
	    plan_output_commit(out, &err) < 0) {
		if (!err.message[0])
			plan_error_set(&err, "cannot write the result");
		fprintf(stderr, "plan-validate: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

int list_rules(const plan_set *set, plan_lang lang, int json, const char *output)
{
	plan_buf b = PLAN_BUF_INIT;
	plan_rules_list(&b, set, lang, json);
	int status = write_all(&b, output, set ? plan_set_root(set) : NULL, lang);
	plan_buf_free(&b);
	return status;
}

int explain_rule(const char *id, plan_lang lang, int json, const char *output)
{
	const plan_rule *rule = plan_rule_find(id);
	if (!rule) {
		const char *guess = plan_rule_suggest(id);
		fprintf(stderr, "plan-validate: ");
		if (guess)
			fprintf(stderr, plan_tr(lang, "unknown rule '%s'; did you mean '%s'?"), id, guess);
		else
			fprintf(stderr, plan_tr(lang, "unknown rule '%s' (plan-validate --list-rules lists them)"), id);
		fprintf(stderr, "\n%s\n", plan_tr(lang, "Try 'plan-validate --help' for more information."));
		return EXIT_TROUBLE;
	}
	plan_buf b = PLAN_BUF_INIT;
	if (json)
		plan_rule_explain_json(&b, rule, lang);
	else
		plan_rule_explain(&b, rule, lang, PLAN_EXPLAIN_TEXT);
	int status = write_all(&b, output, NULL, lang);
	plan_buf_free(&b);
	return status;
}
