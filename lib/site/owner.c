/* owner.c: a page per body, office and unit (where it sits in the
 * organisation, and each of its plans with every goal and activity as a
 * section of its own), and the organisation as one nested list. */
#include "site_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/lang.h"

static int is_org(const plan_item *item)
{
	return item->kind == PLAN_ITEM_BODY || item->kind == PLAN_ITEM_OFFICE || item->kind == PLAN_ITEM_UNIT;
}

/* The plan's title, or its id. */
static const char *plan_title(const plan_document *doc)
{
	const plan_node *t = plan_node_get(doc->root, "title");
	return t && t->type == PLAN_NODE_STRING && t->len ? t->u.text : doc->id ? doc->id : "";
}

static void plan_section(site *s, plan_report_doc *d, const plan_document *doc)
{
	plan_doc_heading(d, 2);
	if (doc->self && site_item_published(doc->self))
		plan_doc_id(d, doc->id);
	/* An ägardirektiv has no title of its own: it is the company's. */
	if (doc->kind == PLAN_DOC_AGARDIREKTIV && !plan_node_get(doc->root, "title"))
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_AGARDIREKTIV);
	else
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_title(doc));
	if (doc->id) {
		plan_doc_para(d);
		plan_doc_put(d, PLAN_DOC_STRONG, plan_trc(s->lang, "site", "Kind"));
		plan_doc_put(d, PLAN_DOC_STRONG, ": ");
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_doc_kind_word((plan_doc_kind)doc->kind, s->lang));
		plan_doc_put(d, PLAN_DOC_PLAIN, " · ");
		plan_doc_put(d, PLAN_DOC_PLAIN, doc->id);
	}
	if (doc->kind == PLAN_DOC_AGARDIREKTIV)
		plan_report_directive_text(d, doc);
	size_t kpis = 0;
	for (size_t i = 0; i < doc->nitems; i++) {
		const plan_item *item = doc->items[i];
		if (!site_item_published(item))
			continue;
		if (item->kind == PLAN_ITEM_KPI) {
			kpis++;
			continue;
		}
		site_item_section(s, d, item, 3, 1);
	}
	if (!kpis)
		return;
	plan_doc_heading(d, 3);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KPIS);
	for (size_t i = 0; i < doc->nitems; i++)
		if (doc->items[i]->kind == PLAN_ITEM_KPI && site_item_published(doc->items[i])) {
			plan_doc_item(d, 0);
			site_link(d, doc->items[i], 1);
		}
}

/* The organisational items by their parent: items[first[i] .. first[i + 1])
 * are the parts of the item with index i. */
typedef struct org_parts {
	const plan_item **items;
	size_t *first;
} org_parts;

static int parts_build(org_parts *p, const plan_model *m)
{
	p->first = calloc(m->nitems + 2, sizeof *p->first);
	p->items = malloc((m->nitems + 1) * sizeof *p->items);
	if (!p->first || !p->items)
		return -1;
	for (size_t i = 0; i < m->nitems; i++)
		if (is_org(m->items[i]) && m->items[i]->parent)
			p->first[m->items[i]->parent->index + 2]++;
	for (size_t i = 0; i < m->nitems; i++)
		p->first[i + 2] += p->first[i + 1];
	/* first[i + 1] is now where item i's parts start; filling moves it
	 * to their end, which is where item i + 1's start. */
	for (size_t i = 0; i < m->nitems; i++)
		if (is_org(m->items[i]) && m->items[i]->parent)
			p->items[p->first[m->items[i]->parent->index + 1]++] = m->items[i];
	return 0;
}

static void owner_page(site *s, const plan_item *owner, const plan_document **docs, size_t ndocs,
	const org_parts *parts)
{
	plan_report_doc d;
	if (plan_doc_init(&d, s->lang) < 0) {
		s->failed = 1;
		return;
	}
	site_item_section(s, &d, owner, 1, 0);
	if (owner->parent) {
		plan_doc_para(&d);
		plan_doc_put(&d, PLAN_DOC_STRONG, plan_trc(s->lang, "site", "Part of"));
		plan_doc_put(&d, PLAN_DOC_STRONG, ": ");
		site_link(&d, owner->parent, 1);
	}
	size_t below = 0;
	for (size_t i = parts->first[owner->index]; i < parts->first[owner->index + 1]; i++) {
		const plan_item *c = parts->items[i];
		if (!site_item_published(c))
			continue;
		if (!below++) {
			plan_doc_para(&d);
			plan_doc_put(&d, PLAN_DOC_STRONG, plan_trc(s->lang, "site", "Parts of it"));
		}
		plan_doc_item(&d, 0);
		site_link(&d, c, 1);
	}
	for (size_t i = 0; i < ndocs; i++)
		plan_section(s, &d, docs[i]);
	if (!ndocs) {
		plan_doc_para(&d);
		plan_doc_word(&d, PLAN_DOC_EM, PLAN_W_NO_PLAN);
	}
	plan_buf path = PLAN_BUF_INIT;
	site_item_path(&path, owner, 0);
	if (path.failed)
		s->failed = 1;
	else
		site_page(s, path.ptr, &d, NULL);
	plan_buf_free(&path);
	plan_doc_free(&d);
}

static int plan_kind(const plan_document *doc)
{
	return doc->kind == PLAN_DOC_VERKSAMHETSPLAN || doc->kind == PLAN_DOC_KONTORSPLAN ||
		doc->kind == PLAN_DOC_AGARDIREKTIV ||
		doc->kind == PLAN_DOC_ARBETSPLAN;
}

static int by_owner(const void *a, const void *b)
{
	const plan_document *x = *(const plan_document *const *)a, *y = *(const plan_document *const *)b;
	if (x->owner->index != y->owner->index)
		return x->owner->index < y->owner->index ? -1 : 1;
	/* Of one owner, in the model's order: the documents' addresses
	 * depend on the thread that built each. */
	return x->index < y->index ? -1 : x->index > y->index;
}

static void organisation_page(site *s)
{
	plan_report_doc d;
	if (plan_doc_init(&d, s->lang) < 0) {
		s->failed = 1;
		return;
	}
	plan_doc_heading(&d, 1);
	plan_doc_word(&d, PLAN_DOC_PLAIN, PLAN_W_ORGANISATION);
	const plan_document *org = s->m->organisation;
	for (size_t i = 0; org && i < org->nitems; i++) {
		const plan_item *body = org->items[i];
		if (body->kind != PLAN_ITEM_BODY || !site_item_published(body))
			continue;
		plan_doc_item(&d, 0);
		site_link(&d, body, 1);
		for (size_t j = 0; j < org->nitems; j++) {
			const plan_item *office = org->items[j];
			if (office->parent != body || !site_item_published(office))
				continue;
			plan_doc_item(&d, 1);
			site_link(&d, office, 1);
			for (size_t k = 0; k < org->nitems; k++)
				if (org->items[k]->parent == office && site_item_published(org->items[k])) {
					plan_doc_item(&d, 2);
					site_link(&d, org->items[k], 1);
				}
		}
	}
	site_page(s, "organisation.html", &d, NULL);
	plan_doc_free(&d);
}

/* The item whose share an owner's page is in: its body, so that each
 * thread writes folders of its own (two threads creating files in one
 * folder wait for each other), or the owner itself when it has none. */
static size_t owner_share(const plan_item *owner)
{
	const plan_item *body = site_owner_body(owner);
	return (body ? body : owner)->index;
}

/* Which part writes each body's pages (by item index): the bodies in
 * order, each to the part with the fewest pages so far. Every thread
 * computes the same answer. */
static unsigned char *shares(const plan_model *m, size_t nparts)
{
	size_t *pages = calloc(m->nitems ? m->nitems : 1, sizeof *pages);
	unsigned char *share = calloc(m->nitems ? m->nitems : 1, 1);
	size_t load[2] = { 0, 0 };
	if (!pages || !share || nparts > 2) {
		free(pages);
		free(share);
		return NULL;
	}
	for (size_t i = 0; i < m->nitems; i++)
		if (is_org(m->items[i]) && site_item_published(m->items[i]))
			pages[owner_share(m->items[i])]++;
	for (size_t i = 0; i < m->nitems; i++) {
		if (!pages[i])
			continue;
		share[i] = nparts == 2 && load[1] < load[0];
		load[share[i]] += pages[i];
	}
	free(pages);
	return share;
}

void site_owner_pages(site *s, size_t part, size_t nparts)
{
	const plan_model *m = s->m;
	const plan_document **docs = malloc((m->ndocs + 1) * sizeof *docs);
	org_parts parts = { NULL, NULL };
	unsigned char *share = NULL;
	if (!docs || parts_build(&parts, m) < 0 || !(share = shares(m, nparts))) {
		s->failed = 1;
		goto cleanup;
	}
	size_t n = 0;
	for (size_t i = 0; i < m->ndocs; i++)
		if (plan_kind(m->docs[i]) && m->docs[i]->owner && site_item_published(m->docs[i]->owner))
			docs[n++] = m->docs[i];
	qsort(docs, n, sizeof *docs, by_owner);
	size_t at = 0;
	for (size_t i = 0; i < m->nitems && !s->failed; i++) {
		const plan_item *owner = m->items[i];
		if (!is_org(owner) || !site_item_published(owner) || share[owner_share(owner)] != part)
			continue;
		while (at < n && docs[at]->owner->index < owner->index)
			at++;
		size_t end = at;
		while (end < n && docs[end]->owner == owner)
			end++;
		owner_page(s, owner, docs + at, end - at, &parts);
		at = end;
	}
	if (part == 0)
		organisation_page(s);
cleanup:
	free(share);
	free(docs);
	free(parts.items);
	free(parts.first);
}
