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

static void say(const char *what, const char *id, const char *rest)
{
	plan_buf msg = PLAN_BUF_INIT;
	plan_buf_puts(&msg, "plan-report: ");
	if (*what) {
		plan_buf_puts(&msg, what);
		plan_buf_putc(&msg, ' ');
	}
	plan_buf_putc(&msg, '\'');
	plan_buf_put_safe(&msg, id, strlen(id));
	plan_buf_putc(&msg, '\'');
	plan_buf_puts(&msg, rest);
	fprintf(stderr, "%s\n", msg.ptr ? msg.ptr : "plan-report: no such owner");
	plan_buf_free(&msg);
}

const plan_item *find_owner_or_say(const plan_model *m, const char *id)
{
	const plan_item *item = plan_model_find(m, id);
	if (item && is_org(item))
		return item;
	plan_buf rest = PLAN_BUF_INIT;
	if (item) {
		const char *kind = plan_item_kind_name((plan_item_kind)item->kind);
		plan_buf_printf(&rest, " is %s %s, not a body, office or unit (or kommun)",
			item->kind == PLAN_ITEM_ACTIVITY ? "an" : "a", kind);
	} else {
		plan_suggest suggest = PLAN_SUGGEST_INIT(id);
		plan_suggest_add(&suggest, "kommun");
		for (size_t i = 0; i < m->nitems; i++)
			if (is_org(m->items[i]))
				plan_suggest_add(&suggest, m->items[i]->id);
		if (suggest.best) {
			plan_buf_puts(&rest, "; did you mean '");
			plan_buf_put_safe(&rest, suggest.best, strlen(suggest.best));
			plan_buf_puts(&rest, "'?");
		}
	}
	say(item ? "" : "no body, office or unit has the id", id, rest.ptr ? rest.ptr : "");
	plan_buf_free(&rest);
	return NULL;
}
