/* navigate.c: what the model knows about the id under the cursor: where it
 * is defined (definition), who links to it (references), what it is and how
 * it traces (hover, with plan-link trace's own text), and a document's
 * outline (documentSymbol). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include "lsp_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/output.h"
#include "plan/view.h"

/* Ids are at most 64 characters of [A-Za-z0-9_.-] (the schemas' pattern). */
#define MAX_ID 64

/* Where a request points: a file of the set, a line (1-based) and the id
 * under the cursor. */
typedef struct place {
	char *rel;
	uint32_t line;
	char word[MAX_ID + 1];
} place;

static int id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-';
}

/* The file and the text position of a TextDocumentPositionParams (the id
 * may be empty). Returns 0, or -1 when the document is not in the set. */
static int place_of(place *out, lsp_server *s, json_t *params, int want_position)
{
	memset(out, 0, sizeof *out);
	if (!s->set)
		return -1;
	const char *uri = json_string_value(json_object_get(json_object_get(params,
		"textDocument"), "uri"));
	out->rel = lsp_rel_of_uri(s, uri);
	if (!out->rel)
		return -1;
	if (!want_position)
		return 0;
	json_t *position = json_object_get(params, "position");
	json_int_t line = json_integer_value(json_object_get(position, "line"));
	json_int_t character = json_integer_value(json_object_get(position, "character"));
	if (line < 0 || line >= UINT32_MAX || character < 0 || character >= UINT32_MAX)
		return 0;
	out->line = (uint32_t)line + 1;
	size_t len = 0, n = 0;
	const char *text = lsp_text_of(s, out->rel, &len);
	const char *l = lsp_line(text, len, out->line, &n);
	if (!l)
		return 0;
	size_t at = lsp_byte_of_utf16(l, n, (uint32_t)character);
	size_t from = at, to = at;
	while (from > 0 && id_char(l[from - 1]))
		from--;
	while (to < n && id_char(l[to]))
		to++;
	if (to > from && to - from <= MAX_ID) {
		memcpy(out->word, l + from, to - from);
		out->word[to - from] = '\0';
	}
	return 0;
}

static int node_names(const plan_node *node, const place *p)
{
	return node && node->line == p->line && node->type == PLAN_NODE_STRING &&
	       strcmp(node->u.text, p->word) == 0;
}

static const plan_item *ref_at(const plan_ref *refs, size_t n, const place *p, int *found)
{
	for (size_t r = 0; r < n; r++)
		if (node_names(refs[r].node, p)) {
			*found = 1;
			return refs[r].target;
		}
	return NULL;
}

/* The item defined or named at `p`: an `id:` value is the item it
 * defines, a link the item it names. NULL for anything else (and for a
 * link that names nothing). */
static const plan_item *item_at(const plan_model *m, const place *p)
{
	if (!p->word[0])
		return NULL;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		if (strcmp(doc->file->path, p->rel) != 0)
			continue;
		int found = 0;
		const plan_item *target = ref_at(doc->refs, doc->nrefs, p, &found);
		if (found)
			return target;
		if (doc->self && node_names(plan_node_get(doc->self->node, "id"), p))
			return doc->self;
		for (size_t i = 0; i < doc->nitems; i++) {
			const plan_item *item = doc->items[i];
			if (node_names(plan_node_get(item->node, "id"), p))
				return item;
			target = ref_at(item->refs, item->nrefs, p, &found);
			if (found)
				return target;
		}
	}
	return NULL;
}

/* A Location of a node of `rel` spanning `chars` characters. */
static json_t *location(lsp_server *s, const char *rel, const plan_node *node, size_t chars)
{
	size_t len = 0;
	const char *text = lsp_text_of(s, rel, &len);
	char *uri = lsp_uri_of(s, rel);
	json_t *range = lsp_range(text, len, node->line, node->column, (uint32_t)chars);
	json_t *loc = uri && range ? json_pack("{s:s,s:o}", "uri", uri, "range", range) : NULL;
	if (!loc)
		json_decref(range);
	free(uri);
	return loc;
}

/* How many characters a scalar takes where it is written: its text, and
 * the quotes around it. */
static size_t written_chars(const plan_node *node)
{
	return strlen(node->u.text) + (node->quoted ? 2 : 0);
}

static json_t *definition_of(lsp_server *s, const plan_item *item)
{
	const plan_node *id = plan_node_get(item->node, "id");
	const plan_node *at = id && id->type == PLAN_NODE_STRING ? id : item->node;
	return location(s, item->doc->file->path, at, at == id ? written_chars(id) : 0);
}

/* What `answer` says of the item defined or named at the request's
 * position; NULL (JSON null) where there is none. */
static json_t *about_item(lsp_server *s, json_t *params,
	json_t *(*answer)(lsp_server *s, const plan_item *item))
{
	place p;
	json_t *result = NULL;
	if (place_of(&p, s, params, 1) == 0) {
		const plan_item *item = item_at(plan_set_model(s->set), &p);
		if (item)
			result = answer(s, item);
	}
	free(p.rel);
	return result;
}

json_t *lsp_definition(lsp_server *s, json_t *params)
{
	return about_item(s, params, definition_of);
}

static void add_refs_to(lsp_server *s, json_t *list, const plan_document *doc,
	const plan_ref *refs, size_t n, const plan_item *item)
{
	for (size_t r = 0; r < n; r++)
		if (refs[r].target == item && refs[r].node)
			json_array_append_new(list, location(s, doc->file->path, refs[r].node,
				written_chars(refs[r].node)));
}

json_t *lsp_references(lsp_server *s, json_t *params)
{
	place p;
	json_t *list = NULL;
	if (place_of(&p, s, params, 1) == 0) {
		const plan_model *m = plan_set_model(s->set);
		const plan_item *item = item_at(m, &p);
		if (item && (list = json_array())) {
			if (json_is_true(json_object_get(json_object_get(params, "context"),
			                 "includeDeclaration")))
				json_array_append_new(list, definition_of(s, item));
			for (size_t d = 0; d < m->ndocs; d++) {
				const plan_document *doc = m->docs[d];
				add_refs_to(s, list, doc, doc->refs, doc->nrefs, item);
				for (size_t i = 0; i < doc->nitems; i++)
					add_refs_to(s, list, doc, doc->items[i]->refs,
						doc->items[i]->nrefs, item);
			}
		}
	}
	free(p.rel);
	return list;
}

/* --- hover ----------------------------------------------------------------- */

/* Plan text in Markdown: the characters Markdown would act on escaped, and
 * line ends kept as spaces, so a title shows as written. */
static void put_markdown(plan_buf *out, const char *text)
{
	size_t len = strlen(text);
	while (len && strchr("\n\r \t", text[len - 1]))
		len--;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '\n' || c == '\r' || c == '\t')
			plan_buf_putc(out, ' ');
		else {
			if (strchr("\\`*_{}[]()<>#+-.!|~", c))
				plan_buf_putc(out, '\\');
			plan_buf_putc(out, c);
		}
	}
}

/* What `plan-link trace ID` prints, in the server's language. */
static void put_trace(plan_buf *out, const plan_model *m, const plan_item *item, plan_lang lang)
{
	char *text = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&text, &len);
	if (!stream)
		return;
	plan_out view = { stream, PLAN_BUF_INIT, 0 };
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	const char *ids[] = { item->id };
	opt.format = PLAN_VIEW_FORMAT_TEXT;
	opt.ids = ids;
	opt.nids = 1;
	opt.lang = lang;
	plan_view_trace(&view, m, &opt);
	plan_out_flush(&view);
	plan_buf_free(&view.buf);
	if (fclose(stream) == 0 && text && !view.failed) {
		plan_buf_printf(out, "\n\n%s\n\n```text\n", plan_tr(lang, "Trace (as plan-link trace prints it):"));
		plan_buf_put(out, text, len);
		plan_buf_puts(out, "```");
	}
	free(text);
}

static void put_perspectives(plan_buf *out, const plan_model *m, const plan_item *item,
	plan_lang lang)
{
	size_t n = 0;
	for (size_t p = 0; p < m->nperspectives && p < 64; p++) {
		if (!(item->perspectives & ((uint64_t)1 << p)))
			continue;
		plan_buf_puts(out, n++ ? ", " : "");
		if (n == 1)
			plan_buf_printf(out, "  \n%s ", plan_tr(lang, "Perspective:"));
		put_markdown(out, m->perspectives[p].name);
	}
}

static json_t *hover_of(lsp_server *s, const plan_item *item)
{
	const plan_model *m = plan_set_model(s->set);
	plan_lang lang = s->lang;
	plan_buf md = PLAN_BUF_INIT;
	plan_buf_printf(&md, "**%s** `%s`", plan_item_kind_word((plan_item_kind)item->kind, lang),
		item->id);
	if (item->title && item->title[0]) {
		plan_buf_puts(&md, ": ");
		put_markdown(&md, item->title);
	}
	plan_buf_printf(&md, "\n\n%s %s", plan_tr(lang, "Level:"),
		plan_doc_kind_word((plan_doc_kind)item->doc->kind, lang));
	if (item->owner)
		plan_buf_printf(&md, " (%s `%s`)",
			plan_item_kind_word((plan_item_kind)item->owner->kind, lang), item->owner->id);
	put_perspectives(&md, m, item, lang);
	plan_buf_printf(&md, "  \n%s %s:%u", plan_tr(lang, "Defined in:"),
		item->doc->file->path, (unsigned)item->node->line);
	if (plan_view_level(item) >= 0)
		put_trace(&md, m, item, lang);
	json_t *hover = md.failed ? NULL :
		json_pack("{s:{s:s,s:o}}", "contents", "kind", "markdown", "value",
			lsp_string(md.ptr, md.len));
	plan_buf_free(&md);
	return hover;
}

json_t *lsp_hover(lsp_server *s, json_t *params)
{
	return about_item(s, params, hover_of);
}

/* --- the outline ------------------------------------------------------------ */

/* LSP's SymbolKind for each kind of item, so that editors show goals,
 * KPIs and activities with icons of their own. */
static int symbol_kind(plan_item_kind kind)
{
	switch (kind) {
	case PLAN_ITEM_BODY: return 3;        /* Namespace */
	case PLAN_ITEM_OFFICE: return 4;      /* Package */
	case PLAN_ITEM_UNIT: return 19;       /* Object */
	case PLAN_ITEM_ASSIGNMENT: return 11; /* Interface */
	case PLAN_ITEM_KPI: return 16;        /* Number */
	case PLAN_ITEM_ACTIVITY: return 24;   /* Event */
	case PLAN_ITEM_DOCUMENT: return 2;    /* Module */
	default: return 5;                    /* Class: the goals */
	}
}

/* A Range from the start of line `from` to the start of line `to` (both
 * 1-based; LSP's end is exclusive). */
static json_t *line_range(uint32_t from, uint32_t to)
{
	return json_pack("{s:{s:I,s:i},s:{s:I,s:i}}",
		"start", "line", (json_int_t)(from ? from - 1 : 0), "character", 0,
		"end", "line", (json_int_t)(to ? to - 1 : 0), "character", 0);
}

static json_t *symbol(lsp_server *s, const char *rel, const plan_item *item, uint32_t end_line)
{
	const plan_node *id = plan_node_get(item->node, "id");
	const plan_node *at = id && id->type == PLAN_NODE_STRING ? id : item->node;
	size_t len = 0;
	const char *text = lsp_text_of(s, rel, &len);
	json_t *selection = lsp_range(text, len, at->line, at->column,
		at == id ? (uint32_t)written_chars(id) : 0);
	uint32_t from = item->node->line < at->line ? item->node->line : at->line;
	json_t *sym = json_pack("{s:o,s:s,s:i,s:o,s:o}",
		"name", lsp_cstring(item->id),
		"detail", plan_item_kind_word((plan_item_kind)item->kind, s->lang),
		"kind", symbol_kind((plan_item_kind)item->kind),
		"range", line_range(from, end_line > from ? end_line : from + 1),
		"selectionRange", selection);
	if (sym && item->title && item->title[0])
		json_object_set_new(sym, "detail", lsp_cstring(item->title));
	return sym;
}

/* The lines of `text`: the line after the last, for a range to end at. */
static uint32_t lines_of(const char *text, size_t len)
{
	uint32_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + 1;
}

json_t *lsp_document_symbols(lsp_server *s, json_t *params)
{
	place p;
	json_t *list = NULL;
	if (place_of(&p, s, params, 0) == 0 && (list = json_array())) {
		const plan_model *m = plan_set_model(s->set);
		size_t len = 0;
		const char *text = lsp_text_of(s, p.rel, &len);
		uint32_t file_end = lines_of(text, len);
		/* A document's items, in order: each one's range runs to the
		 * next one, the last to the next document (or the file's end). */
		for (size_t d = 0; d < m->ndocs; d++) {
			const plan_document *doc = m->docs[d];
			if (strcmp(doc->file->path, p.rel) != 0)
				continue;
			uint32_t doc_end = file_end;
			if (d + 1 < m->ndocs && m->docs[d + 1]->file == doc->file)
				doc_end = m->docs[d + 1]->root->line;
			json_t *children = json_array();
			for (size_t i = 0; i < doc->nitems; i++) {
				uint32_t end = i + 1 < doc->nitems ? doc->items[i + 1]->node->line : doc_end;
				json_array_append_new(children, symbol(s, p.rel, doc->items[i], end));
			}
			if (doc->self) {
				json_t *top = symbol(s, p.rel, doc->self, doc_end);
				json_object_set_new(top, "range", line_range(doc->root->line, doc_end));
				json_object_set_new(top, "children", children);
				json_array_append_new(list, top);
			} else {
				json_array_extend(list, children);
				json_decref(children);
			}
		}
	}
	free(p.rel);
	return list;
}
