/* test_lang.c: choosing the language (lang.c) and looking messages up in
 * the compiled catalogue, and the rule catalogue's explanations
 * (rule_explain.c) in both languages. */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/model.h"
#include "plan/report_words.h"
#include "plan/rule.h"

static void clear_env(void)
{
	unsetenv("PLAN_LANG");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static void test_parse(void **state)
{
	(void)state;
	assert_int_equal(plan_lang_parse("sv"), PLAN_LANG_SV);
	assert_int_equal(plan_lang_parse("en"), PLAN_LANG_EN);
	assert_int_equal(plan_lang_parse("SV"), -1);
	assert_int_equal(plan_lang_parse("sv_SE"), -1);
	assert_int_equal(plan_lang_parse(""), -1);
	assert_int_equal(plan_lang_parse(NULL), -1);
	assert_string_equal(plan_lang_key(PLAN_LANG_SV), "sv");
	assert_string_equal(plan_lang_key(PLAN_LANG_EN), "en");
}

/* PLAN_LANG, then POSIX's LC_ALL, LC_MESSAGES, LANG; the first one set and
 * not empty decides; sv... is Swedish, anything else English. */
static void test_env_order(void **state)
{
	(void)state;
	clear_env();
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_EN);
	setenv("LANG", "sv_SE.UTF-8", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_SV);
	setenv("LC_MESSAGES", "C", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_EN);
	setenv("LC_ALL", "sv_FI.UTF-8", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_SV);
	setenv("PLAN_LANG", "en", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_EN);
	/* An empty value is not set. */
	setenv("PLAN_LANG", "", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_SV);
	setenv("LC_ALL", "", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_EN);
	setenv("LC_MESSAGES", "", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_SV);
	setenv("LANG", "POSIX", 1);
	assert_int_equal(plan_lang_from_env(), PLAN_LANG_EN);
	clear_env();
}

/* The last valid --lang wins, in both spellings; an invalid one is left
 * for the option parser; nothing after "--" counts. */
static void test_from_args(void **state)
{
	(void)state;
	char *none[] = { "x", "--strict", NULL };
	assert_int_equal(plan_lang_from_args(2, none, PLAN_LANG_SV), PLAN_LANG_SV);
	char *two[] = { "x", "--lang", "sv", "--lang=en", NULL };
	assert_int_equal(plan_lang_from_args(4, two, PLAN_LANG_SV), PLAN_LANG_EN);
	char *bad[] = { "x", "--lang", "de", NULL };
	assert_int_equal(plan_lang_from_args(3, bad, PLAN_LANG_EN), PLAN_LANG_EN);
	char *after[] = { "x", "--", "--lang", "sv", NULL };
	assert_int_equal(plan_lang_from_args(4, after, PLAN_LANG_EN), PLAN_LANG_EN);
	char *last[] = { "x", "--lang", NULL };
	assert_int_equal(plan_lang_from_args(2, last, PLAN_LANG_EN), PLAN_LANG_EN);
}

static void test_lookup(void **state)
{
	(void)state;
	/* English is the key and comes back as it is. */
	const char *msg = "unknown language '%s' (expected sv or en)";
	assert_ptr_equal(plan_tr(PLAN_LANG_EN, msg), msg);
	assert_string_not_equal(plan_tr(PLAN_LANG_SV, msg), msg);
	assert_non_null(strstr(plan_tr(PLAN_LANG_SV, msg), "'%s'"));
	/* A message the catalogue lacks falls back to the English. */
	const char *missing = "a message no catalogue has";
	assert_ptr_equal(plan_tr(PLAN_LANG_SV, missing), missing);
	assert_null(plan_tr(PLAN_LANG_SV, NULL));
	/* Plurals pick the form by the count, in both languages. */
	assert_string_equal(plan_ntr(PLAN_LANG_EN, "%zu error", "%zu errors", 1), "%zu error");
	assert_string_equal(plan_ntr(PLAN_LANG_EN, "%zu error", "%zu errors", 2), "%zu errors");
	assert_string_equal(plan_ntr(PLAN_LANG_SV, "%zu warning", "%zu warnings", 1), "%zu varning");
	assert_string_equal(plan_ntr(PLAN_LANG_SV, "%zu warning", "%zu warnings", 0), "%zu varningar");
}

/* One English word, two Swedish ones, told apart by the context. */
static void test_context(void **state)
{
	(void)state;
	assert_string_equal(plan_trc(PLAN_LANG_SV, "report: goal status", "Met"), "Uppfyllt");
	assert_string_equal(plan_trc(PLAN_LANG_SV, "report: KPI result", "Met"), "Uppnått");
	assert_string_equal(plan_trc(PLAN_LANG_EN, "report: KPI result", "Met"), "Met");
	assert_string_equal(plan_trc(PLAN_LANG_SV, "no such context", "Met"), "Met");
	/* A kind as a sentence names it: definite in Swedish, plain in English. */
	assert_string_equal(plan_item_kind_definite(PLAN_ITEM_KPI, PLAN_LANG_SV), "nyckeltalet");
	assert_string_equal(plan_item_kind_definite(PLAN_ITEM_KPI, PLAN_LANG_EN), "KPI");
	assert_string_equal(plan_doc_kind_word(PLAN_DOC_UPPFOLJNING, PLAN_LANG_SV), "uppföljning");
	assert_string_equal(plan_doc_kind_definite(PLAN_DOC_FLERARSPLAN, PLAN_LANG_SV), "flerårsplanen");
	assert_string_equal(plan_doc_kind_definite(PLAN_DOC_FLERARSPLAN, PLAN_LANG_EN), "flerarsplan");
	assert_string_equal(plan_word_goal_status(PLAN_GOAL_MET, PLAN_LANG_SV), "Uppfyllt");
	assert_string_equal(plan_word_kpi_result(PLAN_KPI_MET, PLAN_LANG_SV), "Uppnått");
	assert_string_equal(plan_word_goal_status(PLAN_GOAL_MET, PLAN_LANG_EN), "Met");
}

/* --explain's text: the headings of the language, the styrmodell's words,
 * both examples; markdown for SARIF. */
static void test_explain(void **state)
{
	(void)state;
	const plan_rule *rule = plan_rule_find("activity-unassigned");
	assert_non_null(rule);
	plan_buf sv = PLAN_BUF_INIT, en = PLAN_BUF_INIT, md = PLAN_BUF_INIT;
	assert_int_equal(plan_rule_explain(&sv, rule, PLAN_LANG_SV, PLAN_EXPLAIN_TEXT), 0);
	assert_int_equal(plan_rule_explain(&en, rule, PLAN_LANG_EN, PLAN_EXPLAIN_TEXT), 0);
	assert_int_equal(plan_rule_explain(&md, rule, PLAN_LANG_EN, PLAN_EXPLAIN_MARKDOWN), 0);
	assert_non_null(strstr(sv.ptr, "activity-unassigned (fel"));
	assert_non_null(strstr(sv.ptr, "Varför:"));
	assert_non_null(strstr(sv.ptr, "Aktiviteter ska vara konkreta, tidsatta och ansvarsfördelade"));
	assert_non_null(strstr(sv.ptr, "Felaktigt exempel (planer/ks/klk/ekon/arbetsplan.yaml):"));
	assert_non_null(strstr(sv.ptr, "Rätt exempel (planer/ks/klk/ekon/arbetsplan.yaml):"));
	assert_non_null(strstr(en.ptr, "activity-unassigned (error"));
	assert_non_null(strstr(en.ptr, "Why:"));
	assert_null(strstr(en.ptr, "Varför"));
	assert_non_null(strstr(md.ptr, "```yaml"));
	/* Text lines are wrapped at 78 columns (the examples aside). */
	for (const char *line = sv.ptr; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (strncmp(line, "    ", 4) != 0) {
			size_t chars = 0;
			for (size_t i = 0; i < len; i++)
				chars += ((unsigned char)line[i] & 0xc0) != 0x80;
			assert_true(chars <= 78);
		}
		line += len + (nl != NULL);
	}
	plan_buf_free(&sv);
	plan_buf_free(&en);
	plan_buf_free(&md);
}

static void test_suggest(void **state)
{
	(void)state;
	assert_string_equal(plan_rule_suggest("no-trac"), "no-trace");
	assert_string_equal(plan_rule_suggest("activity-unasigned"), "activity-unassigned");
	assert_null(plan_rule_suggest("completely-unrelated-words"));
	assert_null(plan_rule_find("no-trac"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_env_order),
		cmocka_unit_test(test_from_args),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
