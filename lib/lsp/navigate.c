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

static json_t *definition_of(lsp_server *s, const plan_item *item)
{
	const plan_node *id = lsp_id_node(item);
	return lsp_location(s, item->doc->file->path, id ? id : item->node, id ? lsp_written_chars(id) : 0);
}

/* What `answer` says of the item defined or named at the request's
 * position; NULL (JSON null) where there is none. */
static json_t *about_item(lsp_server *s, json_t *params,
	json_t *(*answer)(lsp_server *s, const plan_item *item))
{
	lsp_place p;
	json_t *result = NULL;
	if (lsp_place_of(&p, s, params, 1) == 0) {
		const plan_item *item = lsp_item_at(plan_set_model(s->set), &p);
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

static void add_location(lsp_server *s, const plan_document *doc, const plan_ref *ref,
	void *list)
{
	json_array_append_new(list, lsp_location(s, doc->file->path, ref->node,
		lsp_written_chars(ref->node)));
}

json_t *lsp_references(lsp_server *s, json_t *params)
{
	lsp_place p;
	json_t *list = NULL;
	if (lsp_place_of(&p, s, params, 1) == 0) {
		const plan_item *item = lsp_item_at(plan_set_model(s->set), &p);
		if (item && (list = json_array())) {
			if (json_is_true(json_object_get(json_object_get(params, "context"),
			                 "includeDeclaration")))
				json_array_append_new(list, definition_of(s, item));
			lsp_each_ref_to(s, item, add_location, list);
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
	plan_buf_printf(&md, "**%s** `%s`", plan_item_word(item, lang), item->id);
	if (item->title && item->title[0]) {
		plan_buf_puts(&md, ": ");
		put_markdown(&md, item->title);
	}
	plan_buf_printf(&md, "\n\n%s %s", plan_tr(lang, "Level:"),
		plan_doc_kind_word((plan_doc_kind)item->doc->kind, lang));
	if (item->owner)
		plan_buf_printf(&md, " (%s `%s`)",
			plan_item_word(item->owner, lang), item->owner->id);
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
	const plan_node *id = lsp_id_node(item);
	const plan_node *at = id ? id : item->node;
	size_t len = 0;
	const char *text = lsp_text_of(s, rel, &len);
	json_t *selection = lsp_range(text, len, at->line, at->column,
		id ? (uint32_t)lsp_written_chars(id) : 0);
	uint32_t from = item->node->line < at->line ? item->node->line : at->line;
	json_t *sym = json_pack("{s:o,s:s,s:i,s:o,s:o}",
		"name", lsp_cstring(item->id),
		"detail", plan_item_word(item, s->lang),
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
	lsp_place p;
	json_t *list = NULL;
	if (lsp_place_of(&p, s, params, 0) == 0 && (list = json_array())) {
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

/* --- workspace/symbol ------------------------------------------------------- */

/* Symbols found are cut here: an empty query matches every item. */
#define MAX_SYMBOLS 500

/* `text` folded for matching without case into `out` (at most `max`
 * bytes and a NUL): ASCII capitals and the Latin-1 ones (Å, Ä, Ö, É: the
 * second byte of C3 80-9E, but the sign ×) as their small letters. */
static size_t fold(char *out, const char *text, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; text[i] && n < max; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (i > 0 && (unsigned char)text[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
		         c != 0x97)
			c = (unsigned char)(c + 0x20);
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

static int matches(const char *folded_query, const char *text)
{
	char folded[1024];
	if (!text)
		return 0;
	fold(folded, text, sizeof folded - 1);
	return strstr(folded, folded_query) != NULL;
}

json_t *lsp_workspace_symbols(lsp_server *s, json_t *params)
{
	if (!s->set)
		return json_array();
	const char *query = json_string_value(json_object_get(params, "query"));
	char folded[256];
	fold(folded, query ? query : "", sizeof folded - 1);
	const plan_model *m = plan_set_model(s->set);
	json_t *list = json_array();
	size_t n = 0;
	for (size_t i = 0; list && i < m->nitems && n < MAX_SYMBOLS; i++) {
		const plan_item *item = m->items[i];
		if (!matches(folded, item->id) && !matches(folded, item->title))
			continue;
		const plan_node *id = lsp_id_node(item);
		plan_buf name = PLAN_BUF_INIT;
		/* The title is in the name: clients filter the answer again by
		 * name, and an item found by its title must stay. */
		plan_buf_puts(&name, item->id);
		if (item->title && item->title[0])
			plan_buf_printf(&name, ": %s", item->title);
		json_t *sym = name.failed ? NULL : json_pack("{s:o,s:i,s:o,s:s}",
			"name", lsp_string(name.ptr, name.len),
			"kind", symbol_kind((plan_item_kind)item->kind),
			"location", lsp_location(s, item->doc->file->path, id ? id : item->node,
				id ? lsp_written_chars(id) : 0),
			"containerName", item->doc->file->path);
		plan_buf_free(&name);
		if (sym && json_array_append_new(list, sym) == 0)
			n++;
	}
	return list;
}
