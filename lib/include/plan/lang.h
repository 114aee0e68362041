/* plan/lang.h: the language a person reads, how it is chosen, and the
 * message catalogue that turns an English message into Swedish.
 *
 * English is the source language: every message is written in English in the
 * code, and that text is the key of its translation in the Swedish catalogue
 * (lib/catalogue/sv.po, a gettext PO file compiled into the library at build
 * time). A message missing from the catalogue is printed in English; a test
 * (tests/catalogue) fails when any message lacks its translation. */
#ifndef PLAN_LANG_H
#define PLAN_LANG_H

/* English is 0, so that anything zeroed speaks English until told. */
typedef enum plan_lang {
	PLAN_LANG_EN,
	PLAN_LANG_SV
} plan_lang;

#define PLAN_LANGS 2

/* "sv" or "en" to a language; -1 for anything else. */
int plan_lang_parse(const char *text);

/* "sv", "en". */
const char *plan_lang_key(plan_lang lang);

/* The language of messages from the environment, in this order: PLAN_LANG,
 * then POSIX's LC_ALL, LC_MESSAGES, LANG (the first that is set and not
 * empty decides). A value that starts with "sv" is Swedish; any other value,
 * "C" and none at all are English. No locale needs to be installed. */
plan_lang plan_lang_from_env(void);

/* The language a command line asks for: the value of the last `--lang X` or
 * `--lang=X` among argv[1..argc-1] (before any "--"), else `fallback`. A
 * value other than sv or en is left for the option parser to refuse; until
 * then messages use `fallback`. */
plan_lang plan_lang_from_args(int argc, char *const argv[], plan_lang fallback);

/* The message `msgid` (English, often a printf format) in `lang`: the
 * catalogue's Swedish text, or `msgid` itself for English or when the
 * catalogue lacks it. The result has the same printf conversions, in the same
 * order, as `msgid` (the build checks this). Static storage. */
const char *plan_tr(plan_lang lang, const char *msgid)
	__attribute__((format_arg(2)));

/* plan_tr for a message with a context (the PO file's msgctxt): the same
 * English in two places with two Swedish texts ("Met" of a goal is
 * "Uppfylld", of a KPI "Uppnått"). A NULL context is plan_tr. */
const char *plan_trc(plan_lang lang, const char *context, const char *msgid)
	__attribute__((format_arg(3)));

/* The singular or plural form for the count `n`, as gettext's ngettext: in
 * both languages `singular` is for n == 1 and `plural` for any other n. */
const char *plan_ntr(plan_lang lang, const char *singular, const char *plural,
	unsigned long long n) __attribute__((format_arg(2), format_arg(3)));

/* Marks a message for the catalogue where it is defined (a table of
 * messages, say) but translated later, with plan_tr, where it is printed. */
#define PLAN_N_(text) text
#define PLAN_NC_(context, text) text

#endif
