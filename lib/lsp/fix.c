/* fix.c: quick fixes that add what a rule finds missing: a KPI the office
 * makes mandatory to an arbetsplan's `kpis`, a planned entry for a
 * särskilt uppdrag to a verksamhetsplan's `assignments`. Each is one
 * TextEdit that appends to the list as it is written (flow or block), or
 * writes the list when the key is missing. */
#include "lsp_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/diag.h"

/* An LSP Position at byte `byte` of line `line` (1-based) of the text. */
static json_t *at_byte(const char *text, size_t len, uint32_t line, size_t byte)
{
	size_t n = 0;
	const char *l = lsp_line(text, len, line, &n);
	uint32_t units = l ? lsp_utf16_of_byte(l, n, byte < n ? byte : n) : 0;
	return json_pack("{s:I,s:I}", "line", (json_int_t)(line - 1), "character", (json_int_t)units);
}

/* A TextEdit putting `str` in place of the text from `from` to `to`
 * (both taken); NULL when one is. */
static json_t *text_edit(json_t *from, json_t *to, const char *str)
{
	if (!from || !to) {
		json_decref(from);
		json_decref(to);
		return NULL;
	}
	return json_pack("{s:{s:o,s:o},s:o}", "range", "start", from, "end", to,
		"newText", lsp_cstring(str));
}

static json_t *insert_at(const char *text, size_t len, uint32_t line, size_t byte,
	const char *str)
{
	return text_edit(at_byte(text, len, line, byte), at_byte(text, len, line, byte), str);
}

/* An insertion of lines (`block`, which starts with "\n") below the node
 * that ends at (line, column): at the end of that line. */
static json_t *insert_after(const char *text, size_t len, uint32_t line, uint32_t column,
	const char *block)
{
	size_t n = 0;
	const char *l = lsp_line(text, len, line, &n);
	if (!l)
		return NULL;
	if (column == 1) {
		/* The node ended at the start of this line (a block scalar's
		 * last line is the one before): the new lines go before it,
		 * each with its line end. */
		plan_buf b = PLAN_BUF_INIT;
		plan_buf_printf(&b, "%s\n", block + 1);
		json_t *edit = b.failed ? NULL : insert_at(text, len, line, 0, b.ptr);
		plan_buf_free(&b);
		return edit;
	}
	return insert_at(text, len, line, n, block);
}

/* `str` as a double-quoted YAML scalar, safe in flow and block context. */
static void put_quoted(plan_buf *b, const char *str)
{
	plan_buf_putc(b, '"');
	for (const char *p = str; *p; p++) {
		if (*p == '"' || *p == '\\')
			plan_buf_putc(b, '\\');
		plan_buf_putc(b, *p);
	}
	plan_buf_putc(b, '"');
}

/* What to add: the item as written in a flow list, and as the lines of a
 * block list item (the first after "- ", the others under it). */
typedef struct addition {
	const char *key;
	const char *flow;
	const char *lines[2];
	size_t nlines;
} addition;

static void put_block_item(plan_buf *b, const addition *a, size_t dash, size_t under)
{
	for (size_t i = 0; i < a->nlines; i++) {
		plan_buf_putc(b, '\n');
		for (size_t k = 0; k < (i ? under : dash); k++)
			plan_buf_putc(b, ' ');
		plan_buf_printf(b, "%s%s", i ? "" : "- ", a->lines[i]);
	}
}

/* The pair of `key` in a mapping, or NULL. */
static const plan_pair *pair_of(const plan_node *map, const char *key)
{
	for (uint32_t i = 0; map && map->type == PLAN_NODE_MAPPING && i < map->len; i++)
		if (strcmp(map->u.pairs[i].key->u.text, key) == 0)
			return &map->u.pairs[i];
	return NULL;
}

static int starts_with_bracket(const char *text, size_t len, const plan_node *node)
{
	size_t n = 0;
	const char *l = lsp_line(text, len, node->line, &n);
	size_t at = l ? lsp_byte_of_column(l, n, node->column) : 0;
	return l && at < n && (l[at] == '[' || l[at] == '{');
}

/* The TextEdit that adds `a` to the list under its key in the document
 * `root` of a file's `text`, or NULL when the document is not written so
 * that an edit can be made safely (a flow mapping, a value that is no
 * list: the schema reports those). */
static json_t *add_to_list(const char *text, size_t len, const plan_node *root,
	const addition *a)
{
	if (!root || root->type != PLAN_NODE_MAPPING || starts_with_bracket(text, len, root))
		return NULL;
	const plan_pair *pair = pair_of(root, a->key);
	const plan_node *list = pair ? pair->value : NULL;
	plan_buf b = PLAN_BUF_INIT;
	json_t *edit = NULL;
	uint32_t line, column;
	if (!pair) {
		/* No list yet: a block list at the end of the document. */
		size_t indent = root->column - 1;
		plan_buf_putc(&b, '\n');
		for (size_t k = 0; k < indent; k++)
			plan_buf_putc(&b, ' ');
		plan_buf_printf(&b, "%s:", a->key);
		put_block_item(&b, a, indent + 2, indent + 4);
		plan_node_end(&line, &column, root);
		if (!b.failed && line)
			edit = insert_after(text, len, line, column, b.ptr);
	} else if (list->type == PLAN_NODE_NULL) {
		/* "kpis:" with nothing after it, or "kpis: ~": a flow list. */
		plan_buf_putc(&b, '[');
		plan_buf_puts(&b, a->flow);
		plan_buf_putc(&b, ']');
		plan_node_end(&line, &column, pair->key);
		size_t n = 0;
		const char *l = lsp_line(text, len, line, &n);
		size_t colon = l ? lsp_byte_of_column(l, n, column) : 0;
		while (l && colon < n && l[colon] != ':')
			colon++;
		if (list->len > 0)   /* written: put the list in its place */
			edit = text_edit(lsp_position(text, len, list->line, list->column),
				lsp_position(text, len, list->end.line, list->end.column), b.ptr);
		else if (l && colon < n && !b.failed) {
			plan_buf spaced = PLAN_BUF_INIT;
			plan_buf_printf(&spaced, " %s", b.ptr);
			if (!spaced.failed)
				edit = insert_at(text, len, line, colon + 1, spaced.ptr);
			plan_buf_free(&spaced);
		}
	} else if (list->type == PLAN_NODE_SEQUENCE && starts_with_bracket(text, len, list)) {
		if (list->len == 0) {
			size_t n = 0;
			const char *l = lsp_line(text, len, list->line, &n);
			edit = l ? insert_at(text, len, list->line,
				lsp_byte_of_column(l, n, list->column) + 1, a->flow) : NULL;
		} else {
			const plan_node *last = list->u.items[list->len - 1];
			size_t n = 0;
			const char *l = lsp_line(text, len, last->line, &n);
			size_t after = 0;
			if (plan_node_is_collection(last)) {
				/* Past its closing bracket, on its line. */
				size_t from = l ? lsp_byte_of_column(l, n, last->column) : 0;
				after = l ? lsp_flow_end(l, n, from) : 0;
				if (after == n && (after == 0 || (l[after - 1] != '}' && l[after - 1] != ']')))
					l = NULL;
				line = last->line;
			} else {
				plan_node_end(&line, &column, last);
				l = lsp_line(text, len, line, &n);
				after = l ? lsp_byte_of_column(l, n, column) : 0;
			}
			plan_buf_printf(&b, ", %s", a->flow);
			if (l && !b.failed)
				edit = insert_at(text, len, line, after, b.ptr);
		}
	} else if (list->type == PLAN_NODE_SEQUENCE && list->len > 0) {
		/* A block list: one more item under the last, as indented. */
		const plan_node *last = list->u.items[list->len - 1];
		size_t dash = list->column - 1;
		size_t under = last->column > list->column ? last->column - 1 : dash + 2;
		put_block_item(&b, a, dash, under);
		plan_node_end(&line, &column, last);
		if (!b.failed && line)
			edit = insert_after(text, len, line, column, b.ptr);
	}
	plan_buf_free(&b);
	return edit;
}

/* The diagnostic of the set that the client's `diagnostic` (of the file
 * `rel`) is: the same rule, start and message. */
static const plan_diag *set_diag(lsp_server *s, const lsp_place *file, json_t *diagnostic)
{
	const char *code = json_string_value(json_object_get(diagnostic, "code"));
	json_t *message = json_object_get(diagnostic, "message");
	json_t *start = json_object_get(json_object_get(diagnostic, "range"), "start");
	plan_diags *diags = plan_set_diags(s->set);
	for (size_t i = 0; code && i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (strcmp(d->rule, code) != 0 || !d->file || strcmp(d->file, file->rel) != 0)
			continue;
		json_t *at = lsp_position(file->text, file->len, d->line, d->column);
		json_t *said = lsp_cstring(d->message);
		int same = json_equal(at, start) && json_equal(said, message);
		json_decref(at);
		json_decref(said);
		if (same)
			return d;
	}
	return NULL;
}

/* A quick fix titled `title` with one TextEdit (taken) of the file. */
static json_t *action(lsp_server *s, const char *rel, json_t *diagnostic, const char *title,
	json_t *edit)
{
	char *uri = lsp_uri_of(s, rel);
	json_t *result = uri && edit ?
		json_pack("{s:o,s:s,s:[O],s:b,s:{s:{s:[o]}}}", "title", lsp_cstring(title),
			"kind", "quickfix", "diagnostics", diagnostic, "isPreferred", 1,
			"edit", "changes", uri, edit) : NULL;
	if (!result)
		json_decref(edit);
	free(uri);
	return result;
}

json_t *lsp_fix_missing(lsp_server *s, const lsp_place *file, json_t *diagnostic)
{
	const plan_diag *d = set_diag(s, file, diagnostic);
	if (!d)
		return NULL;
	const plan_model *m = plan_set_model(s->set);
	const plan_item *item;
	const plan_document *doc = lsp_document_at(m, file->rel, d->line ? d->line : 1, &item);
	if (!doc)
		return NULL;
	plan_buf title = PLAN_BUF_INIT, entry = PLAN_BUF_INIT, plan = PLAN_BUF_INIT;
	json_t *edit = NULL;
	if (strcmp(d->rule, "mandatory-kpi-missing") == 0 && doc->kind == PLAN_DOC_ARBETSPLAN) {
		/* The KPI is the suggestion, or the last part of the key the rule
		 * gives ("AP-ID:KPI-ID"; ids have no ':'). */
		const char *colon = d->key ? strrchr(d->key, ':') : NULL;
		const char *id = d->suggestion ? d->suggestion : colon ? colon + 1 : NULL;
		const plan_item *kpi = id ? plan_model_find(m, id) : NULL;
		if (kpi && kpi->kind == PLAN_ITEM_KPI) {
			addition a = { "kpis", kpi->id, { kpi->id, NULL }, 1 };
			edit = add_to_list(file->text, file->len, doc->root, &a);
			plan_buf_printf(&title, plan_tr(s->lang, "Add KPI '%s' to 'kpis'"), kpi->id);
		}
	} else if (strcmp(d->rule, "assignment-unplanned") == 0 &&
	           doc->kind == PLAN_DOC_VERKSAMHETSPLAN) {
		const plan_item *su = d->item ? plan_model_find(m, d->item) : NULL;
		if (su && su->kind == PLAN_ITEM_ASSIGNMENT) {
			/* The plan is the body's to write: a text that says so. */
			plan_buf_printf(&plan, "plan: ");
			put_quoted(&plan, plan_tr(s->lang,
				"To be written: how the body will carry out the assignment."));
			plan_buf_printf(&entry, "{assignment: %s, %s}", su->id, plan.ptr ? plan.ptr : "");
			plan_buf assignment = PLAN_BUF_INIT;
			plan_buf_printf(&assignment, "assignment: %s", su->id);
			if (!plan.failed && !entry.failed && !assignment.failed) {
				addition a = { "assignments", entry.ptr, { assignment.ptr, plan.ptr }, 2 };
				edit = add_to_list(file->text, file->len, doc->root, &a);
			}
			plan_buf_free(&assignment);
			plan_buf_printf(&title,
				plan_tr(s->lang, "Plan särskilt uppdrag '%s' under 'assignments'"), su->id);
		}
	}
	json_t *result = edit && !title.failed && title.ptr ?
		action(s, file->rel, diagnostic, title.ptr, edit) : NULL;
	if (!result && edit && (title.failed || !title.ptr))
		json_decref(edit);
	plan_buf_free(&title);
	plan_buf_free(&entry);
	plan_buf_free(&plan);
	return result;
}
