/* model.c: small readings of the linked model that several reports need:
 * text values, owners' names, looking an owner up; what a report says on
 * opt->messages, and the colophon every document ends with. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include "report_impl.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "plan/report_kpis.h"
#include "plan/suggest.h"

const char *text_value(const plan_node *n)
{
	return n && n->type == PLAN_NODE_STRING ? n->u.text : NULL;
}

const char *node_text(const plan_node *map, const char *key)
{
	return text_value(plan_node_get(map, key));
}

const char *owner_name(const plan_model *m, const plan_item *owner)
{
	if (!owner) {
		const char *name = plan_model_municipality_name(m);
		return name ? name : "kommun";
	}
	return owner->title && *owner->title ? owner->title : owner->id;
}

static int is_org(const plan_item *item)
{
	return item->kind == PLAN_ITEM_BODY || item->kind == PLAN_ITEM_OFFICE ||
	       item->kind == PLAN_ITEM_UNIT;
}

const plan_item *find_owner_or_say(const plan_model *m, const char *id, const plan_report_options *opt)
{
	plan_lang lang = opt->lang;
	const plan_item *item = plan_model_find(m, id);
	if (item && is_org(item))
		return item;
	FILE *f = opt->messages;
	if (!f)
		return NULL;
	/* The ids as the message quotes them: control characters made safe. */
	plan_buf safe_id = PLAN_BUF_INIT, safe_best = PLAN_BUF_INIT;
	plan_buf_put_safe(&safe_id, id, strlen(id));
	const char *shown = safe_id.ptr && !safe_id.failed ? safe_id.ptr : "";
	fprintf(f, "%s: ", opt->program ? opt->program : "plan-report");
	if (item) {
		/* "a" or "an" go with the kind, as "ett" or "en" do in Swedish:
		 * an activity is "en aktivitet", every other kind that is not an
		 * owner is "ett". */
		const char *kind = plan_item_kind_word((plan_item_kind)item->kind, lang);
		if (item->kind == PLAN_ITEM_ACTIVITY)
			fprintf(f, plan_tr(lang, "'%s' is an %s, not a body, office or unit (or kommun)"),
				shown, kind);
		else
			fprintf(f, plan_tr(lang, "'%s' is a %s, not a body, office or unit (or kommun)"),
				shown, kind);
	} else {
		plan_suggest suggest = PLAN_SUGGEST_INIT(id);
		plan_suggest_add(&suggest, "kommun");
		for (size_t i = 0; i < m->nitems; i++)
			if (is_org(m->items[i]))
				plan_suggest_add(&suggest, m->items[i]->id);
		if (suggest.best)
			plan_buf_put_safe(&safe_best, suggest.best, strlen(suggest.best));
		if (suggest.best && safe_best.ptr && !safe_best.failed)
			fprintf(f, plan_tr(lang, "no body, office or unit has the id '%s'; did you mean '%s'?"),
				shown, safe_best.ptr);
		else
			fprintf(f, plan_tr(lang, "no body, office or unit has the id '%s'"), shown);
	}
	fputc('\n', f);
	plan_buf_free(&safe_id);
	plan_buf_free(&safe_best);
	return NULL;
}

void report_say(const plan_report_options *opt, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plan_vsay(opt->messages, opt->program ? opt->program : "plan-report", fmt, ap);
	va_end(ap);
}

size_t plan_report_personal_data(const plan_report_options *opt, const plan_diags *diags)
{
	size_t n = 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *g = plan_diags_get(diags, i);
		if (strcmp(g->rule, "personal-data") != 0)
			continue;
		report_say(opt, "%s:%u:%u: %s", g->file, (unsigned)g->line, (unsigned)g->column, g->message);
		n++;
	}
	return n;
}

int report_oom(const plan_report_options *opt)
{
	report_say(opt, "%s", plan_tr(opt->lang, "out of memory"));
	return PLAN_REPORT_TROUBLE;
}

/* No plan id starts with '_', so no item's block can have this id. */
#define COLOPHON_ID "_colophon"

void report_colophon(plan_report_doc *d)
{
	if (plan_doc_find(d, COLOPHON_ID))
		return;
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_COLOPHON);
	plan_doc_id(d, COLOPHON_ID);
}

int report_doc_done(plan_report_doc *d, const plan_report_options *opt)
{
	if (!opt->provenance_elsewhere) {
		report_colophon(d);
		plan_report_provenance(d, opt);
	}
	return d->oom ? report_oom(opt) : PLAN_REPORT_OK;
}

void plan_report_provenance(plan_report_doc *d, const plan_report_options *opt)
{
	if (opt->revision) {
		char id[8], date[16];
		snprintf(id, sizeof id, "%.7s", opt->revision);
		time_t t = (time_t)opt->revision_time;
		struct tm tm;
		if (!gmtime_r(&t, &tm) || strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
			snprintf(date, sizeof date, "?");
		const char *args[] = { id, date };
		plan_doc_para(d);
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_SOURCE_COMMIT, args, 2);
	} else {
		/* Uncommitted changes are worth a reader's notice: the text may
		 * not be what was decided. */
		plan_doc_para(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, opt->worktree_dirty == 1 ? PLAN_W_SOURCE_DIRTY : PLAN_W_SOURCE_WORKTREE);
	}
}
