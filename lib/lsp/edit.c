/* edit.c: help with writing links: completion offers the ids the level
 * rules allow at the cursor (less those the list holds), rename changes an id and every link to it in
 * one workspace edit, and the quick fixes (this file's for unknown-reference's
 * "did you mean", fix.c's for what a rule finds missing) are offered. Each only proposes: the client applies an edit, the server never
 * writes a file. */
#include "lsp_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"

/* Completion lists are cut here (and marked incomplete): a follow-up's
 * `activity` could be any activity of a large set. */
#define MAX_COMPLETIONS 1000

static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

/* The key a value at byte `at` of `line` belongs to, written on the same
 * line: "key: |", "key: [a, |" or "{key: |". 1 with the key in `key`
 * (NUL-terminated, at most `size` - 1 bytes), 0 when the line says none. */
static int key_on_line(char *key, size_t size, const char *line, size_t at)
{
	size_t i = at;
	/* Back over what is typed and, in a flow list, the items before it. */
	int in_list = 0;
	while (i > 0) {
		char c = line[i - 1];
		if (c == '[') {
			in_list = 1;
			i--;
			break;
		}
		if (c == ':' || c == ']' || c == '{' || c == '}')
			break;
		i--;
	}
	if (in_list)
		while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t'))
			i--;
	if (i == 0 || line[i - 1] != ':')
		return 0;
	size_t end = i - 1, start = end;
	while (start > 0 && key_char(line[start - 1]))
		start--;
	if (start == end || end - start >= size)
		return 0;
	memcpy(key, line + start, end - start);
	key[end - start] = '\0';
	return 1;
}

static size_t indent_of(const char *line, size_t len)
{
	size_t n = 0;
	while (n < len && line[n] == ' ')
		n++;
	return n;
}

/* The key of a block list whose item the cursor is in ("  - |"): the
 * nearest line above, indented no deeper than the dash, that ends in
 * "key:". 1 with `key`, 0 when there is none. */
static int key_of_block_list(char *key, size_t size, const lsp_place *p)
{
	size_t dash = indent_of(p->line_text, p->line_len);
	if (dash >= p->line_len || p->line_text[dash] != '-' || p->from < dash + 1)
		return 0;
	for (uint32_t l = p->line; l > 1; l--) {
		size_t n = 0;
		const char *above = lsp_line(p->text, p->len, l - 1, &n);
		size_t ind = indent_of(above, n);
		if (ind == n || above[ind] == '#')
			continue;      /* blank or a comment */
		if (ind > dash || (ind == dash && above[ind] == '-'))
			continue;      /* an item of the same list, or inside one */
		while (n > ind && (above[n - 1] == ' ' || above[n - 1] == '\t'))
			n--;
		/* "key:" or "- key:" (the list is the first key of an item). */
		size_t start = ind;
		if (n - start > 2 && above[start] == '-' && above[start + 1] == ' ')
			start += 2;
		if (n == start || above[n - 1] != ':' || n - 1 - start >= size)
			return 0;
		for (size_t k = start; k < n - 1; k++)
			if (!key_char(above[k]))
				return 0;
		memcpy(key, above + start, n - 1 - start);
		key[n - 1 - start] = '\0';
		return 1;
	}
	return 0;
}

/* The role a link written under `key` has in a document of `kind`, and
 * whether the document itself makes it (1) or one of its items (0).
 * Returns -1 for a key that is no link. */
static int role_of(const char *key, plan_doc_kind kind, int *by_document)
{
	*by_document = 0;
	if (strcmp(key, "contributes_to") == 0)
		return PLAN_REF_CONTRIBUTES_TO;
	if (strcmp(key, "measures") == 0)
		return PLAN_REF_MEASURES;
	if (strcmp(key, "assigned_to") == 0)
		return PLAN_REF_ASSIGNED_TO;
	if (strcmp(key, "office") == 0)
		return PLAN_REF_OFFICE;
	if (strcmp(key, "body") == 0) {
		*by_document = kind != PLAN_DOC_ORGANISATION;
		return PLAN_REF_BODY;
	}
	if (strcmp(key, "goal") == 0) {
		*by_document = kind == PLAN_DOC_UPPFOLJNING;
		return *by_document ? PLAN_REF_FU_GOAL : PLAN_REF_GOAL;
	}
	*by_document = 1;
	if (strcmp(key, "owner") == 0)
		return PLAN_REF_OWNER;
	if (strcmp(key, "assignment") == 0)
		return kind == PLAN_DOC_UPPFOLJNING ? PLAN_REF_FU_ASSIGNMENT : PLAN_REF_PLANNED;
	if (strcmp(key, "kpis") == 0)
		return PLAN_REF_FOLLOWED_KPI;
	if (strcmp(key, "kpi") == 0)
		return PLAN_REF_FU_KPI;
	if (strcmp(key, "activity") == 0)
		return PLAN_REF_FU_ACTIVITY;
	return -1;
}

/* The range of the id the cursor is in: what a completion replaces
 * whole, so that completing inside "KF-1" leaves no "-1" behind. */
static json_t *typed_range(const lsp_place *p)
{
	uint32_t from = lsp_utf16_of_byte(p->line_text, p->line_len, p->from);
	uint32_t at = lsp_utf16_of_byte(p->line_text, p->line_len, p->to);
	return json_pack("{s:{s:I,s:I},s:{s:I,s:I}}",
		"start", "line", (json_int_t)(p->line - 1), "character", (json_int_t)from,
		"end", "line", (json_int_t)(p->line - 1), "character", (json_int_t)at);
}

/* 1 when the list being written names `id` already, in another place than
 * the one being typed at the cursor: a link written twice is no help. The
 * model is of the text on screen (each change is checked before the next
 * request), so its links are the list's items. */
static int listed_already(const plan_ref *refs, size_t n, int role, const lsp_place *p,
	const char *id)
{
	for (size_t r = 0; r < n; r++) {
		const plan_ref *ref = &refs[r];
		if (ref->role != role || strcmp(ref->id, id) != 0)
			continue;
		int at_cursor = ref->node && ref->node->line == p->line && p->word[0] &&
			strcmp(ref->id, p->word) == 0;
		if (!at_cursor)
			return 1;
	}
	return 0;
}

json_t *lsp_completion(lsp_server *s, json_t *params)
{
	lsp_place p;
	json_t *result = NULL;
	char key[32];
	if (lsp_place_of(&p, s, params, 1) < 0 || !p.line_text)
		goto cleanup;
	if (!key_on_line(key, sizeof key, p.line_text, p.from) &&
	    !key_of_block_list(key, sizeof key, &p))
		goto cleanup;
	const plan_model *m = plan_set_model(s->set);
	const plan_item *item;
	const plan_document *doc = lsp_document_at(m, p.rel, p.line, &item);
	int by_document;
	int role = doc ? role_of(key, (plan_doc_kind)doc->kind, &by_document) : -1;
	if (role < 0)
		goto cleanup;
	const plan_item *from = by_document ? NULL : item;
	const plan_ref *refs = from ? from->refs : doc->refs;
	size_t nrefs = from ? from->nrefs : doc->nrefs;
	json_t *items = json_array();
	size_t n = 0;
	int cut = 0;
	for (size_t i = 0; items && i < m->nitems; i++) {
		const plan_item *target = m->items[i];
		if (target->redefined || target == from || target->kind == PLAN_ITEM_DOCUMENT ||
		    !plan_ref_fits(doc, from, (plan_ref_role)role, target) ||
		    listed_already(refs, nrefs, role, &p, target->id))
			continue;
		if (n == MAX_COMPLETIONS) {
			cut = 1;
			break;
		}
		json_t *c = json_pack("{s:o,s:i,s:{s:s},s:{s:o,s:o}}",
			"label", lsp_cstring(target->id),
			"kind", 18,   /* Reference */
			"labelDetails", "description",
			plan_item_word(target, s->lang),
			"textEdit", "range", typed_range(&p), "newText", lsp_cstring(target->id));
		if (c && target->title && target->title[0])
			json_object_set_new(c, "detail", lsp_cstring(target->title));
		json_array_append_new(items, c);
		n++;
	}
	result = json_pack("{s:b,s:o}", "isIncomplete", cut, "items", items);
cleanup:
	free(p.rel);
	return result;
}

/* --- rename ---------------------------------------------------------------- */

/* 1 when `id` is one the schemas take: ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$. */
static int valid_id(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > LSP_MAX_ID || id[0] == '-' || id[0] == '_' || id[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

/* A TextEdit replacing a scalar's text (inside its quotes) in the
 * WorkspaceEdit's `changes`, under the file's URI. */
static void add_edit(lsp_server *s, json_t *changes, const char *rel, const plan_node *node,
	const char *text)
{
	size_t len = 0;
	const char *file = lsp_text_of(s, rel, &len);
	char *uri = lsp_uri_of(s, rel);
	json_t *range = lsp_range(file, len, node->line, node->column + (node->quoted ? 1 : 0),
		(uint32_t)strlen(node->u.text));
	json_t *edit = range ? json_pack("{s:o,s:o}", "range", range, "newText", lsp_cstring(text)) : NULL;
	json_t *list = uri ? json_object_get(changes, uri) : NULL;
	if (uri && !list && json_object_set_new(changes, uri, json_array()) == 0)
		list = json_object_get(changes, uri);
	if (list && edit)
		json_array_append_new(list, edit);
	else
		json_decref(edit);
	free(uri);
}

typedef struct renaming {
	json_t *changes;
	const char *name;
} renaming;

static void rename_ref(lsp_server *s, const plan_document *doc, const plan_ref *ref, void *ctx)
{
	renaming *r = ctx;
	add_edit(s, r->changes, doc->file->path, ref->node, r->name);
}

json_t *lsp_rename(lsp_server *s, json_t *params)
{
	lsp_place p;
	json_t *result = NULL;
	const char *name = json_string_value(json_object_get(params, "newName"));
	if (lsp_place_of(&p, s, params, 1) < 0)
		goto cleanup;
	const plan_model *m = plan_set_model(s->set);
	const plan_item *item = lsp_item_at(m, &p);
	const plan_node *id = item ? lsp_id_node(item) : NULL;
	if (!id) {
		lsp_fail(s, PLAN_LSP_REQUEST_FAILED, PLAN_N_("there is no id to rename here"));
		goto cleanup;
	}
	if (!name || !valid_id(name)) {
		lsp_fail(s, PLAN_LSP_INVALID_PARAMS,
			PLAN_N_("'%s' is not an id: letters A-Z, digits and _ . - (at most 64, "
			"starting with a letter or digit)"), name ? name : "");
		goto cleanup;
	}
	if (strcmp(name, item->id) != 0 && plan_model_find(m, name)) {
		lsp_fail(s, PLAN_LSP_REQUEST_FAILED, PLAN_N_("'%s' is defined already"), name);
		goto cleanup;
	}
	renaming r = { json_object(), name };
	add_edit(s, r.changes, item->doc->file->path, id, name);
	lsp_each_ref_to(s, item, rename_ref, &r);
	result = json_pack("{s:o}", "changes", r.changes);
cleanup:
	free(p.rel);
	return result;
}

/* --- quick fixes -------------------------------------------------------------- */

/* A quick fix for one unknown-reference diagnostic of the request: the
 * link at its start changed to the id its message suggests. */
static json_t *fix_unknown(lsp_server *s, const lsp_place *file, json_t *diagnostic)
{
	json_t *start = json_object_get(json_object_get(diagnostic, "range"), "start");
	json_int_t line = json_integer_value(json_object_get(start, "line"));
	json_int_t character = json_integer_value(json_object_get(start, "character"));
	if (line < 0 || line >= UINT32_MAX || character < 0 || character >= UINT32_MAX)
		return NULL;
	lsp_place p = *file;
	p.line = (uint32_t)line + 1;
	p.line_text = lsp_line(p.text, p.len, p.line, &p.line_len);
	if (!p.line_text)
		return NULL;
	size_t at = lsp_byte_of_utf16(p.line_text, p.line_len, (uint32_t)character);
	if (at < p.line_len && (p.line_text[at] == '"' || p.line_text[at] == '\''))
		at++;
	size_t to = at;
	while (to < p.line_len && to - at < LSP_MAX_ID && p.line_text[to] != ',' &&
	       p.line_text[to] != ']' && p.line_text[to] != '}' && p.line_text[to] != ' ' &&
	       p.line_text[to] != '"' && p.line_text[to] != '\'')
		to++;
	memcpy(p.word, p.line_text + at, to - at);
	p.word[to - at] = '\0';
	const plan_model *m = plan_set_model(s->set);
	const plan_document *doc;
	const plan_item *from;
	const plan_ref *ref = lsp_ref_at(m, &p, &doc, &from);
	const char *guess = ref && !ref->target ? plan_ref_suggest(m, doc, from, ref) : NULL;
	if (!guess)
		return NULL;
	json_t *changes = json_object();
	add_edit(s, changes, p.rel, ref->node, guess);
	plan_buf title = PLAN_BUF_INIT;
	plan_buf_printf(&title, plan_tr(s->lang, "Change '%s' to '%s'"), ref->id, guess);
	json_t *action = title.failed ? NULL :
		json_pack("{s:o,s:s,s:[O],s:b,s:{s:o}}", "title", lsp_string(title.ptr, title.len),
			"kind", "quickfix", "diagnostics", diagnostic, "isPreferred", 1,
			"edit", "changes", changes);
	plan_buf_free(&title);
	return action;
}

json_t *lsp_code_action(lsp_server *s, json_t *params)
{
	lsp_place p;
	json_t *actions = NULL;
	if (lsp_place_of(&p, s, params, 0) == 0 && (actions = json_array())) {
		json_t *diagnostics = json_object_get(json_object_get(params, "context"), "diagnostics");
		size_t i;
		json_t *d;
		json_array_foreach(diagnostics, i, d) {
			const char *code = json_string_value(json_object_get(d, "code"));
			if (code && strcmp(code, "unknown-reference") == 0)
				json_array_append_new(actions, fix_unknown(s, &p, d));
			else if (code && (strcmp(code, "mandatory-kpi-missing") == 0 ||
			                  strcmp(code, "assignment-unplanned") == 0))
				json_array_append_new(actions, lsp_fix_missing(s, &p, d));
		}
	}
	free(p.rel);
	return actions;
}
