/* rule_list.c: the rule catalogue for a person (--list-rules) and for a
 * script (the same as JSON), and one rule explained as JSON; the texts
 * come from the catalogue, in the language asked for. */
#include "plan/rule_list.h"

#include <string.h>

#include "plan/display.h"

/* `text` padded with spaces to `width` columns. */
static void put_column(plan_buf *b, const char *text, size_t width)
{
	plan_buf_puts(b, text);
	for (size_t w = plan_display_width(text, strlen(text)); w < width; w++)
		plan_buf_putc(b, ' ');
	plan_buf_putc(b, ' ');
}

static void list_text(plan_buf *b, const plan_set *set, plan_lang lang)
{
	size_t count;
	const plan_rule *rules = plan_rules_all(&count);
	size_t id_width = 0;
	for (size_t i = 0; i < count; i++)
		if (strlen(rules[i].id) > id_width)
			id_width = strlen(rules[i].id);
	const char *heads[4] = { plan_tr(lang, "RULE"), plan_tr(lang, "DEFAULT"),
		plan_tr(lang, "HERE"), plan_tr(lang, "WHAT IT CHECKS") };
	size_t sev_width = 0;
	for (int k = 1; k <= 2; k++)
		if (plan_display_width(heads[k], strlen(heads[k])) > sev_width)
			sev_width = plan_display_width(heads[k], strlen(heads[k]));
	plan_severity all[3] = { PLAN_SEVERITY_ERROR, PLAN_SEVERITY_WARNING, PLAN_SEVERITY_OFF };
	for (int k = 0; k < 3; k++) {
		const char *w = plan_severity_word(all[k], lang);
		if (plan_display_width(w, strlen(w)) > sev_width)
			sev_width = plan_display_width(w, strlen(w));
	}
	put_column(b, heads[0], id_width);
	put_column(b, heads[1], sev_width);
	put_column(b, heads[2], sev_width);
	plan_buf_printf(b, "%s\n", heads[3]);
	for (size_t i = 0; i < count; i++) {
		put_column(b, rules[i].id, id_width);
		put_column(b, plan_severity_word(rules[i].severity, lang), sev_width);
		put_column(b, plan_severity_word(plan_set_rule_severity(set, &rules[i]), lang), sev_width);
		plan_buf_printf(b, "%s\n", rules[i].summary[lang]);
	}
}

static void put_json(plan_buf *b, const char *s)
{
	plan_buf_put_json(b, s, strlen(s));
}

/* The machine form keeps the severities' own names ("error", "off"). */
static void list_json(plan_buf *b, const plan_set *set, plan_lang lang)
{
	size_t count;
	const plan_rule *rules = plan_rules_all(&count);
	plan_buf_puts(b, "{\"rules\": [");
	for (size_t i = 0; i < count; i++) {
		plan_buf_puts(b, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
		put_json(b, rules[i].id);
		plan_buf_printf(b, ", \"default\": \"%s\", \"severity\": \"%s\", \"configurable\": %s, \"summary\": ",
			plan_severity_name(rules[i].severity),
			plan_severity_name(plan_set_rule_severity(set, &rules[i])),
			rules[i].configurable ? "true" : "false");
		put_json(b, rules[i].summary[lang]);
		plan_buf_putc(b, '}');
	}
	plan_buf_puts(b, count ? "\n]}\n" : "]}\n");
}

void plan_rules_list(plan_buf *b, const plan_set *set, plan_lang lang, int json)
{
	if (json)
		list_json(b, set, lang);
	else
		list_text(b, set, lang);
}

void plan_rule_explain_json(plan_buf *b, const plan_rule *r, plan_lang lang)
{
	plan_buf_puts(b, "{\"id\": ");
	put_json(b, r->id);
	plan_buf_printf(b, ", \"default\": \"%s\", \"configurable\": %s",
		plan_severity_name(r->severity), r->configurable ? "true" : "false");
	const char *keys[4] = { "summary", "checks", "why", "fix" };
	const char *texts[4] = { r->summary[lang], r->checks[lang], r->why[lang], r->fix[lang] };
	for (int k = 0; k < 4; k++) {
		plan_buf_printf(b, ", \"%s\": ", keys[k]);
		put_json(b, texts[k]);
	}
	plan_buf_puts(b, ", \"quote\": ");
	if (r->quote)
		put_json(b, r->quote);
	else
		plan_buf_puts(b, "null");
	plan_buf_puts(b, ", \"example\": ");
	if (r->example_wrong) {
		plan_buf_puts(b, "{\"file\": ");
		put_json(b, r->example_file);
		plan_buf_puts(b, ", \"wrong\": ");
		put_json(b, r->example_wrong);
		plan_buf_puts(b, ", \"right\": ");
		put_json(b, r->example_right);
		plan_buf_puts(b, ", \"limits\": ");
		if (r->example_limits)
			put_json(b, r->example_limits);
		else
			plan_buf_puts(b, "null");
		plan_buf_putc(b, '}');
	} else {
		plan_buf_puts(b, "null");
	}
	plan_buf_puts(b, "}\n");
}
