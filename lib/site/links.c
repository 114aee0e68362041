/* links.c: where each item lives on the site, and the addresses pages use
 * to refer to each other. Every address is relative, so the site works
 * from file:// and from any folder of any web server. */
#include "site_impl.h"

#include <string.h>

int site_item_published(const plan_item *item)
{
	if (!item || item->redefined)
		return 0;
	switch ((plan_item_kind)item->kind) {
	case PLAN_ITEM_KF_GOAL:
	case PLAN_ITEM_ASSIGNMENT:
	case PLAN_ITEM_KPI:
	case PLAN_ITEM_BODY:
	case PLAN_ITEM_OFFICE:
	case PLAN_ITEM_UNIT:
		return 1;
	case PLAN_ITEM_DIRECTIVE_GOAL:
	case PLAN_ITEM_BODY_GOAL:
	case PLAN_ITEM_OFFICE_GOAL:
	case PLAN_ITEM_ACTIVITY:
		return item->owner && !item->owner->redefined;
	case PLAN_ITEM_DOCUMENT:
		return item->doc && item->doc->owner && !item->doc->owner->redefined &&
			(item->doc->kind == PLAN_DOC_VERKSAMHETSPLAN || item->doc->kind == PLAN_DOC_KONTORSPLAN ||
			 item->doc->kind == PLAN_DOC_AGARDIREKTIV ||
			 item->doc->kind == PLAN_DOC_ARBETSPLAN);
	}
	return 0;
}

static int plain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '-' || c == '_' || c == '.';
}

void site_file_name(plan_buf *buf, const char *id)
{
	int plain = id[0] && id[0] != '.' && strlen(id) <= 120;
	for (const char *p = id; plain && *p; p++)
		plain = plain_char((unsigned char)*p);
	if (plain) {
		plan_buf_puts(buf, id);
		return;
	}
	/* An id no file system should see as a name ("../x", "a/b", a dot
	 * first): spelled out in hex, shortened so the name stays legal. */
	plan_buf_putc(buf, '_');
	for (size_t i = 0; id[i] && i < 100; i++)
		plan_buf_printf(buf, "%02x", (unsigned char)id[i]);
}

/* The id as a URL fragment: percent-encoded beyond the plain characters. */
static void fragment(plan_buf *buf, const char *id)
{
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if (plain_char(*p))
			plan_buf_putc(buf, (char)*p);
		else
			plan_buf_printf(buf, "%%%02X", *p);
	}
}

static const char *folder(plan_item_kind kind)
{
	switch (kind) {
	case PLAN_ITEM_KF_GOAL: return "mal/";
	case PLAN_ITEM_ASSIGNMENT: return "uppdrag/";
	case PLAN_ITEM_KPI: return "nyckeltal/";
	default: return "org/";
	}
}

const plan_item *site_owner_body(const plan_item *owner)
{
	const plan_item *p = owner;
	while (p && p->kind != PLAN_ITEM_BODY)
		p = p->kind == PLAN_ITEM_OFFICE || p->kind == PLAN_ITEM_UNIT ? p->parent : NULL;
	return p != owner ? p : NULL;
}

void site_item_path(plan_buf *buf, const plan_item *item, int with_anchor)
{
	const plan_item *page = item;
	if (item->kind == PLAN_ITEM_BODY_GOAL || item->kind == PLAN_ITEM_OFFICE_GOAL ||
	    item->kind == PLAN_ITEM_ACTIVITY || item->kind == PLAN_ITEM_DIRECTIVE_GOAL)
		page = item->owner;
	else if (item->kind == PLAN_ITEM_DOCUMENT)
		page = item->doc->owner;
	plan_buf_puts(buf, folder((plan_item_kind)page->kind));
	/* Offices and units in a folder of their body's: a large municipality
	 * has thousands of units, and a folder of thousands of files is slow
	 * to write, to replace and to list. */
	const plan_item *body = site_owner_body(page);
	if (body) {
		site_file_name(buf, body->id);
		plan_buf_putc(buf, '/');
	}
	site_file_name(buf, page->id);
	plan_buf_puts(buf, ".html");
	if (with_anchor && page != item) {
		plan_buf_putc(buf, '#');
		fragment(buf, item->id);
	}
}

/* Where the directory part of the page and of `path` stop being the
 * same: just after their last shared '/'. */
static size_t shared_folders(const char *page, const char *path)
{
	size_t common = 0;
	for (size_t i = 0; page[i] && page[i] == path[i]; i++)
		if (page[i] == '/')
			common = i + 1;
	return common;
}

const char *site_href_path(site *s, const char *path)
{
	plan_buf_clear(&s->href);
	const char *page = s->page ? s->page : "";
	size_t n = strlen(page);
	if (n && strncmp(path, page, n) == 0 && path[n] == '#') {
		plan_buf_puts(&s->href, path + n);
		return s->href.failed ? NULL : s->href.ptr;
	}
	size_t common = shared_folders(page, path);
	for (const char *c = page + common; *c; c++)
		if (*c == '/')
			plan_buf_puts(&s->href, "../");
	plan_buf_puts(&s->href, path + common);
	return s->href.failed ? NULL : s->href.ptr;
}

const char *site_href(void *ctx, const char *ref)
{
	site *s = ctx;
	const plan_item *item = plan_model_find(s->m, ref);
	if (!site_item_published(item))
		return NULL;
	plan_buf_clear(&s->target);
	site_item_path(&s->target, item, 1);
	return s->target.failed ? NULL : site_href_path(s, s->target.ptr);
}
