/* rule_explain.c: one rule explained for a person, as terminal text or as
 * Markdown; --explain, SARIF's rule help and the README's rule section are
 * all written here, from the one catalogue. */
#include "plan/rule.h"

#include <string.h>

#include "plan/display.h"
#include "plan/suggest.h"

#define WRAP_AT 78

/* `text` as paragraphs wrapped at WRAP_AT columns, each line indented by
 * `indent` spaces; a line break in `text` starts a new line. */
static void put_wrapped(plan_buf *out, const char *text, size_t indent)
{
	const char *p = text;
	while (*p) {
		size_t line_end = strcspn(p, "\n");
		size_t col = indent;
		for (size_t i = 0; i < indent; i++)
			plan_buf_putc(out, ' ');
		const char *w = p, *end = p + line_end;
		int first = 1;
		while (w < end) {
			while (w < end && *w == ' ')
				w++;
			if (w == end)
				break;
			size_t n = strcspn(w, " \n");
			if (w + n > end)
				n = (size_t)(end - w);
			size_t width = plan_display_width(w, n);
			if (!first && col + 1 + width > WRAP_AT) {
				plan_buf_putc(out, '\n');
				for (size_t i = 0; i < indent; i++)
					plan_buf_putc(out, ' ');
				col = indent;
				first = 1;
			}
			if (!first) {
				plan_buf_putc(out, ' ');
				col++;
			}
			plan_buf_put_safe(out, w, n);
			col += width;
			first = 0;
			w += n;
		}
		plan_buf_putc(out, '\n');
		p = *end ? end + 1 : end;
	}
}

/* Each line of `text` indented by `indent` spaces (an example file). */
static void put_indented(plan_buf *out, const char *text, size_t indent)
{
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		for (size_t i = 0; i < indent && n; i++)
			plan_buf_putc(out, ' ');
		plan_buf_put_safe(out, p, n);
		plan_buf_putc(out, '\n');
		p += n;
		if (*p)
			p++;
	}
}

static void explain_text(plan_buf *out, const plan_rule *r, plan_lang lang)
{
	plan_buf_printf(out, "%s (%s%s)\n", r->id, plan_severity_word(r->severity, lang),
		r->configurable ? plan_tr(lang, ", can be changed in styrmodell.yaml") : "");
	put_wrapped(out, r->summary[lang], 0);
	plan_buf_printf(out, "\n%s\n", plan_tr(lang, "What it checks:"));
	put_wrapped(out, r->checks[lang], 2);
	plan_buf_printf(out, "\n%s\n", plan_tr(lang, "Why:"));
	put_wrapped(out, r->why[lang], 2);
	if (r->quote) {
		plan_buf_printf(out, "\n  %s\n", plan_tr(lang, "The styrmodell says:"));
		plan_buf_puts(out, "    \"");
		plan_buf_put_safe(out, r->quote, strlen(r->quote));
		plan_buf_puts(out, "\"\n");
	}
	plan_buf_printf(out, "\n%s\n", plan_tr(lang, "How to fix it:"));
	put_wrapped(out, r->fix[lang], 2);
	if (!r->example_wrong)
		return;
	plan_buf_puts(out, "\n");
	plan_buf_printf(out, plan_tr(lang, "Wrong (%s):"), r->example_file);
	plan_buf_putc(out, '\n');
	put_indented(out, r->example_wrong, 4);
	plan_buf_puts(out, "\n");
	plan_buf_printf(out, plan_tr(lang, "Right (%s):"), r->example_file);
	plan_buf_putc(out, '\n');
	put_indented(out, r->example_right, 4);
	if (r->example_limits) {
		plan_buf_puts(out, "\n");
		plan_buf_printf(out, plan_tr(lang, "The example is checked with --limit %s."),
			r->example_limits);
		plan_buf_putc(out, '\n');
	}
}

/* Markdown is read from the catalogue's own text, which holds no HTML: only
 * the code fences need care, and a fence longer than any run of backticks
 * in the example is chosen. */
static void put_fenced(plan_buf *out, const char *text)
{
	size_t longest = 0, run = 0;
	for (const char *p = text; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t fence = longest < 3 ? 3 : longest + 1;
	for (size_t i = 0; i < fence; i++)
		plan_buf_putc(out, '`');
	plan_buf_puts(out, "yaml\n");
	plan_buf_puts(out, text);
	if (text[0] && text[strlen(text) - 1] != '\n')
		plan_buf_putc(out, '\n');
	for (size_t i = 0; i < fence; i++)
		plan_buf_putc(out, '`');
	plan_buf_putc(out, '\n');
}

static void explain_markdown(plan_buf *out, const plan_rule *r, plan_lang lang)
{
	plan_buf_printf(out, "%s\n\n**%s** ", r->summary[lang], plan_tr(lang, "What it checks:"));
	plan_buf_puts(out, r->checks[lang]);
	plan_buf_printf(out, "\n\n**%s** ", plan_tr(lang, "Why:"));
	plan_buf_puts(out, r->why[lang]);
	if (r->quote) {
		plan_buf_printf(out, "\n\n> %s", r->quote);
		plan_buf_printf(out, " (%s)", plan_tr(lang, "styrmodell"));
	}
	plan_buf_printf(out, "\n\n**%s** ", plan_tr(lang, "How to fix it:"));
	plan_buf_puts(out, r->fix[lang]);
	plan_buf_puts(out, "\n");
	if (!r->example_wrong)
		return;
	plan_buf_puts(out, "\n");
	plan_buf_printf(out, plan_tr(lang, "Wrong (%s):"), r->example_file);
	plan_buf_puts(out, "\n\n");
	put_fenced(out, r->example_wrong);
	plan_buf_puts(out, "\n");
	plan_buf_printf(out, plan_tr(lang, "Right (%s):"), r->example_file);
	plan_buf_puts(out, "\n\n");
	put_fenced(out, r->example_right);
}

int plan_rule_explain(plan_buf *out, const plan_rule *rule, plan_lang lang,
	plan_explain_format format)
{
	if (format == PLAN_EXPLAIN_MARKDOWN)
		explain_markdown(out, rule, lang);
	else
		explain_text(out, rule, lang);
	return out->failed ? -1 : 0;
}

const char *plan_rule_suggest(const char *word)
{
	size_t count;
	const plan_rule *rules = plan_rules_all(&count);
	plan_suggest s = PLAN_SUGGEST_INIT(word);
	for (size_t i = 0; i < count; i++)
		plan_suggest_add(&s, rules[i].id);
	return s.best;
}
