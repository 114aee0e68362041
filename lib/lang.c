/* lang.c: choosing the language of messages, and looking a message up in
 * the compiled Swedish catalogue. */
#include "plan/lang.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

int plan_lang_parse(const char *text)
{
	if (text && strcmp(text, "sv") == 0)
		return PLAN_LANG_SV;
	if (text && strcmp(text, "en") == 0)
		return PLAN_LANG_EN;
	return -1;
}

const char *plan_lang_key(plan_lang lang)
{
	return lang == PLAN_LANG_EN ? "en" : "sv";
}

plan_lang plan_lang_from_env(void)
{
	/* gettext's order, with the toolkit's own variable first; the locale's
	 * name is read, not loaded, so containers without locales work too. */
	static const char *const names[] = { "PLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *value = getenv(names[i]);
		if (value && value[0])
			return strncmp(value, "sv", 2) == 0 ? PLAN_LANG_SV : PLAN_LANG_EN;
	}
	return PLAN_LANG_EN;
}

plan_lang plan_lang_from_args(int argc, char *const argv[], plan_lang fallback)
{
	plan_lang lang = fallback;
	for (int i = 1; i < argc && argv[i]; i++) {
		const char *value = NULL;
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			value = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			value = argv[i] + 7;
		int parsed = plan_lang_parse(value);
		if (parsed >= 0)
			lang = (plan_lang)parsed;
	}
	return lang;
}

static int entry_cmp(const void *key, const void *member)
{
	return strcmp(key, ((const plan_catalogue_entry *)member)->msgid);
}

static const plan_catalogue_entry *find(const char *msgid)
{
	return bsearch(msgid, plan_catalogue_sv, plan_catalogue_sv_count,
		sizeof plan_catalogue_sv[0], entry_cmp);
}

const char *plan_tr(plan_lang lang, const char *msgid)
{
	if (lang != PLAN_LANG_SV || !msgid)
		return msgid;
	const plan_catalogue_entry *e = find(msgid);
	return e && e->forms[0] ? e->forms[0] : msgid;
}

/* A context and a msgid against a catalogue key "context\004msgid". */
typedef struct context_key {
	const char *context, *msgid;
} context_key;

static int context_cmp(const void *key, const void *member)
{
	const context_key *k = key;
	const unsigned char *m = (const unsigned char *)((const plan_catalogue_entry *)member)->msgid;
	for (const unsigned char *c = (const unsigned char *)k->context; *c; c++, m++)
		if (*c != *m)
			return *c - *m;
	if (*m != '\004')
		return '\004' - *m;
	return strcmp(k->msgid, (const char *)m + 1);
}

const char *plan_trc(plan_lang lang, const char *context, const char *msgid)
{
	if (!context)
		return plan_tr(lang, msgid);
	if (lang != PLAN_LANG_SV || !msgid)
		return msgid;
	context_key key = { context, msgid };
	const plan_catalogue_entry *e = bsearch(&key, plan_catalogue_sv, plan_catalogue_sv_count,
		sizeof plan_catalogue_sv[0], context_cmp);
	return e && e->forms[0] ? e->forms[0] : msgid;
}

const char *plan_ntr(plan_lang lang, const char *singular, const char *plural,
	unsigned long long n)
{
	const char *english = n == 1 ? singular : plural;
	if (lang != PLAN_LANG_SV)
		return english;
	const plan_catalogue_entry *e = find(singular);
	if (!e || !e->forms[0] || !e->forms[1])
		return english;
	return n == 1 ? e->forms[0] : e->forms[1];
}
