/* model.c: small readings of the linked model that several commands need:
 * text values, owners' names, looking an owner up. */
#include "plan-report.h"

#include <string.h>

#include "plan/report_kpis.h"
#include "plan/suggest.h"

const char *node_text(const plan_node *map, const char *key)
{
	const plan_node *n = plan_node_get(map, key);
	return n && n->type == PLAN_NODE_STRING ? n->u.text : NULL;
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

const plan_item *find_owner_or_say(const plan_model *m, const char *id, plan_lang lang)
{
	const plan_item *item = plan_model_find(m, id);
	if (item && is_org(item))
		return item;
	/* The ids as the message quotes them: control characters made safe. */
	plan_buf safe_id = PLAN_BUF_INIT, safe_best = PLAN_BUF_INIT;
	plan_buf_put_safe(&safe_id, id, strlen(id));
	const char *shown = safe_id.ptr && !safe_id.failed ? safe_id.ptr : "";
	fputs("plan-report: ", stderr);
	if (item) {
		/* "a" or "an" go with the kind, as "ett" or "en" do in Swedish:
		 * an activity is "en aktivitet", every other kind that is not an
		 * owner is "ett". */
		const char *kind = plan_item_kind_word((plan_item_kind)item->kind, lang);
		if (item->kind == PLAN_ITEM_ACTIVITY)
			fprintf(stderr, plan_tr(lang, "'%s' is an %s, not a body, office or unit (or kommun)"),
				shown, kind);
		else
			fprintf(stderr, plan_tr(lang, "'%s' is a %s, not a body, office or unit (or kommun)"),
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
			fprintf(stderr, plan_tr(lang, "no body, office or unit has the id '%s'; did you mean '%s'?"),
				shown, safe_best.ptr);
		else
			fprintf(stderr, plan_tr(lang, "no body, office or unit has the id '%s'"), shown);
	}
	fputc('\n', stderr);
	plan_buf_free(&safe_id);
	plan_buf_free(&safe_best);
	return NULL;
}
