/* items.c: small readings of the linked model that several commands need:
 * levels and kind names, which links count, orphans, looking up an id. */
#include "plan-link.h"

#include <string.h>
#include <sys/stat.h>

#include "plan/suggest.h"

int item_level(const plan_item *item)
{
	switch (item->kind) {
	case PLAN_ITEM_KF_GOAL: return 0;
	case PLAN_ITEM_ASSIGNMENT: return 1;
	case PLAN_ITEM_BODY_GOAL: return 2;
	case PLAN_ITEM_OFFICE_GOAL: return 3;
	case PLAN_ITEM_KPI: return 4;
	case PLAN_ITEM_ACTIVITY: return 5;
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

plan_item *find_item_or_say(const plan_model *m, const char *id)
{
	plan_item *item = plan_model_find(m, id);
	if (item)
		return item;
	plan_buf msg = PLAN_BUF_INIT;
	plan_buf_puts(&msg, "plan-link: no item has the id '");
	plan_buf_put_safe(&msg, id, strlen(id));
	plan_buf_putc(&msg, '\'');
	const char *best = closest_id(m, id);
	if (best) {
		plan_buf_puts(&msg, "; did you mean '");
		plan_buf_put_safe(&msg, best, strlen(best));
		plan_buf_puts(&msg, "'?");
	}
	/* A plan set named without a slash reads as an id: say how to name it. */
	struct stat st;
	if (stat(id, &st) == 0 && S_ISDIR(st.st_mode)) {
		plan_buf_puts(&msg, " ('");
		plan_buf_put_safe(&msg, id, strlen(id));
		plan_buf_puts(&msg, "' is a directory: to read the plan set there, write '");
		plan_buf_put_safe(&msg, id, strlen(id));
		plan_buf_puts(&msg, "/' or use --root)");
	}
	fprintf(stderr, "%s\n", msg.ptr ? msg.ptr : "plan-link: no such item");
	plan_buf_free(&msg);
	return NULL;
}
