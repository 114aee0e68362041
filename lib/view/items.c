/* items.c: small readings of the linked model that several views need:
 * levels and kind names, which links count, orphans, looking up an id. */
#include "view_impl.h"

#include <string.h>
#include <sys/stat.h>

#include "plan/suggest.h"

int plan_view_level(const plan_item *item)
{
	switch (item->kind) {
	case PLAN_ITEM_KF_GOAL: return 0;
	case PLAN_ITEM_ASSIGNMENT: return 1;
	case PLAN_ITEM_DIRECTIVE_GOAL: return 2;
	case PLAN_ITEM_BODY_GOAL: return 3;
	case PLAN_ITEM_OFFICE_GOAL: return 4;
	case PLAN_ITEM_KPI: return 5;
	case PLAN_ITEM_ACTIVITY: return 6;
	default: return -1;
	}
}

int ref_is_link(const plan_ref *ref)
{
	return ref->valid && ref->target && plan_ref_is_upward(ref);
}

int ref_repeats(const plan_item *item, size_t r)
{
	for (size_t k = 0; k < r; k++)
		if (ref_is_link(&item->refs[k]) && item->refs[k].target == item->refs[r].target)
			return 1;
	return 0;
}

int item_is_orphan(const plan_item *item)
{
	return plan_item_must_trace(item) && (!item->traces || !item->perspectives);
}

int item_first_perspective(const plan_model *m, const plan_item *item)
{
	for (size_t p = 0; p < m->nperspectives && p < 64; p++)
		if (item->perspectives & ((uint64_t)1 << p))
			return (int)p;
	return -1;
}

const char *closest_id(const plan_model *m, const char *id)
{
	plan_suggest suggest = PLAN_SUGGEST_INIT(id);
	for (size_t i = 0; i < m->nitems; i++)
		plan_suggest_add(&suggest, m->items[i]->id);
	return suggest.best;
}

const char *item_kind_with_article(plan_item_kind kind, plan_lang lang)
{
	switch (kind) {
	case PLAN_ITEM_BODY: return plan_tr(lang, "a body");
	case PLAN_ITEM_OFFICE: return plan_tr(lang, "an office");
	case PLAN_ITEM_UNIT: return plan_tr(lang, "a unit");
	case PLAN_ITEM_DOCUMENT: return plan_tr(lang, "a plan document");
	default: return plan_item_kind_word(kind, lang);
	}
}

plan_item *find_item_or_say(const plan_model *m, const char *id, const plan_view_options *opt)
{
	plan_lang lang = opt->lang;
	plan_item *item = plan_model_find(m, id);
	if (item)
		return item;
	/* The id and the suggestion escaped for the terminal, then put into
	 * the sentences. */
	plan_buf safe_id = PLAN_BUF_INIT, safe_best = PLAN_BUF_INIT, msg = PLAN_BUF_INIT;
	plan_buf_put_safe(&safe_id, id, strlen(id));
	const char *sid = safe_id.ptr ? safe_id.ptr : "";
	plan_buf_printf(&msg, plan_tr(lang, "plan-link: no item has the id '%s'"), sid);
	const char *best = closest_id(m, id);
	if (best) {
		plan_buf_put_safe(&safe_best, best, strlen(best));
		plan_buf_printf(&msg, plan_tr(lang, "; did you mean '%s'?"),
			safe_best.ptr ? safe_best.ptr : "");
	}
	/* A plan set named without a slash reads as an id: say how to name it. */
	struct stat st;
	if (stat(id, &st) == 0 && S_ISDIR(st.st_mode))
		plan_buf_printf(&msg, plan_tr(lang, " ('%s' is a directory: to read the plan set "
			"there, write '%s/' or use --root)"), sid, sid);
	view_print(opt, "%s\n", msg.ptr && !msg.failed && !safe_id.failed && !safe_best.failed ?
		msg.ptr : plan_tr(lang, "plan-link: no such item"));
	plan_buf_free(&msg);
	plan_buf_free(&safe_id);
	plan_buf_free(&safe_best);
	return NULL;
}
