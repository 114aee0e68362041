/* place.c: where a request points, in the model's terms: the file, the
 * line and the id under the cursor; the item defined or named there; the
 * places that link to an item; and a node's place as an LSP Location. */
#include "lsp_impl.h"

#include <stdlib.h>
#include <string.h>

static int id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-';
}

/* The byte after the run of id characters from byte `at`. */
static size_t id_end(const char *line, size_t len, size_t at)
{
	while (at < len && id_char(line[at]))
		at++;
	return at;
}

size_t lsp_token_end(const char *line, size_t len, size_t from)
{
	if (from >= len)
		return from;
	char quote = line[from];
	if (quote != '"' && quote != '\'')
		return id_end(line, len, from);
	/* A quoted scalar on one line: '' is a quote in single quotes, a
	 * backslash escapes in double quotes. Unclosed: to the line's end. */
	for (size_t i = from + 1; i < len; i++) {
		if (quote == '"' && line[i] == '\\' && i + 1 < len)
			i++;
		else if (line[i] == quote) {
			if (quote == '\'' && i + 1 < len && line[i + 1] == '\'')
				i++;
			else
				return i + 1;
		}
	}
	return len;
}

size_t lsp_flow_end(const char *line, size_t len, size_t from)
{
	if (from >= len || (line[from] != '{' && line[from] != '['))
		return len;
	size_t depth = 0;
	for (size_t i = from; i < len; i++) {
		char c = line[i];
		if (c == '"' || c == '\'') {
			i = lsp_token_end(line, len, i) - 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			return i + 1;
		} else if (c == '#' && i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
			break;    /* a comment: the collection goes on below */
		}
	}
	return len;
}

static int before_or_at(const plan_node *n, uint32_t line, uint32_t column)
{
	return n->line < line || (n->line == line && n->column <= column);
}

/* The node written at (line, column) in `node`'s subtree, a scalar (a key
 * or a value) rather than the collection that starts at the same place;
 * NULL when there is none. Children are in the order written, so only the
 * last one starting at or before the place can hold it (an alias's shared
 * subtree, written elsewhere, is then missed: the caller falls back to the
 * text). */
static const plan_node *node_in(const plan_node *node, uint32_t line, uint32_t column)
{
	if (!node)
		return NULL;
	int here = node->line == line && node->column == column;
	if (!plan_node_is_collection(node))
		return here ? node : NULL;
	const plan_node *next = NULL;
	for (uint32_t i = 0; i < node->len; i++) {
		const plan_node *child;
		if (node->type == PLAN_NODE_MAPPING) {
			const plan_pair *pair = &node->u.pairs[i];
			if (!before_or_at(pair->key, line, column))
				break;
			if (pair->key->line == line && pair->key->column == column)
				return pair->key;
			child = pair->value;
		} else {
			child = node->u.items[i];
		}
		if (child && before_or_at(child, line, column))
			next = child;
	}
	const plan_node *found = node_in(next, line, column);
	return found ? found : here ? node : NULL;
}

const plan_node *lsp_node_at(lsp_server *s, const char *rel, uint32_t line, uint32_t column,
	size_t *hint)
{
	size_t n = s->set ? plan_set_file_count(s->set) : 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = (*hint + k) % n;
		const plan_file *f = plan_set_file(s->set, i);
		if (!f || strcmp(f->path, rel) != 0)
			continue;
		*hint = i;
		/* The last document starting at or before the place holds it. */
		const plan_node *root = NULL;
		for (size_t d = 0; d < f->ndocs; d++)
			if (f->docs[d].root && before_or_at(f->docs[d].root, line, column))
				root = f->docs[d].root;
			else if (f->docs[d].line > line)
				break;
		return node_in(root, line, column);
	}
	return NULL;
}

int lsp_place_of(lsp_place *out, lsp_server *s, json_t *params, int want_position)
{
	memset(out, 0, sizeof *out);
	if (!s->set)
		return -1;
	const char *uri = json_string_value(json_object_get(json_object_get(params,
		"textDocument"), "uri"));
	out->rel = lsp_rel_of_uri(s, uri);
	if (!out->rel)
		return -1;
	out->text = lsp_text_of(s, out->rel, &out->len);
	if (!want_position)
		return 0;
	json_t *position = json_object_get(params, "position");
	json_int_t line = json_integer_value(json_object_get(position, "line"));
	json_int_t character = json_integer_value(json_object_get(position, "character"));
	if (line < 0 || line >= UINT32_MAX || character < 0 || character >= UINT32_MAX)
		return 0;
	out->line = (uint32_t)line + 1;
	const char *l = lsp_line(out->text, out->len, out->line, &out->line_len);
	if (!l)
		return 0;
	out->line_text = l;
	size_t at = lsp_byte_of_utf16(l, out->line_len, (uint32_t)character);
	size_t from = at, to = id_end(l, out->line_len, at);
	while (from > 0 && id_char(l[from - 1]))
		from--;
	out->from = from;
	out->at = at;
	out->to = to;
	if (to > from && to - from <= LSP_MAX_ID) {
		memcpy(out->word, l + from, to - from);
		out->word[to - from] = '\0';
	}
	return 0;
}

static int node_names(const plan_node *node, const lsp_place *p)
{
	return node && node->line == p->line && node->type == PLAN_NODE_STRING &&
	       strcmp(node->u.text, p->word) == 0;
}

static const plan_ref *ref_named(const plan_ref *refs, size_t n, const lsp_place *p)
{
	for (size_t r = 0; r < n; r++)
		if (node_names(refs[r].node, p))
			return &refs[r];
	return NULL;
}

const plan_ref *lsp_ref_at(const plan_model *m, const lsp_place *p,
	const plan_document **doc, const plan_item **from)
{
	*doc = NULL;
	*from = NULL;
	if (!p->word[0])
		return NULL;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *dd = m->docs[d];
		if (strcmp(dd->file->path, p->rel) != 0)
			continue;
		const plan_ref *ref = ref_named(dd->refs, dd->nrefs, p);
		if (ref) {
			*doc = dd;
			return ref;
		}
		for (size_t i = 0; i < dd->nitems; i++)
			if ((ref = ref_named(dd->items[i]->refs, dd->items[i]->nrefs, p))) {
				*doc = dd;
				*from = dd->items[i];
				return ref;
			}
	}
	return NULL;
}

const plan_item *lsp_item_at(const plan_model *m, const lsp_place *p)
{
	if (!p->word[0])
		return NULL;
	const plan_document *doc;
	const plan_item *from;
	const plan_ref *ref = lsp_ref_at(m, p, &doc, &from);
	if (ref)
		return ref->target;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *dd = m->docs[d];
		if (strcmp(dd->file->path, p->rel) != 0)
			continue;
		if (dd->self && node_names(lsp_id_node(dd->self), p))
			return dd->self;
		for (size_t i = 0; i < dd->nitems; i++)
			if (node_names(lsp_id_node(dd->items[i]), p))
				return dd->items[i];
	}
	return NULL;
}

const plan_node *lsp_id_node(const plan_item *item)
{
	const plan_node *id = plan_node_get(item->node, "id");
	return id && id->type == PLAN_NODE_STRING ? id : NULL;
}

size_t lsp_written_chars(const plan_node *node)
{
	return strlen(node->u.text) + (node->quoted ? 2 : 0);
}

json_t *lsp_location(lsp_server *s, const char *rel, const plan_node *node, size_t chars)
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

const plan_document *lsp_document_at(const plan_model *m, const char *rel, uint32_t line,
	const plan_item **item)
{
	const plan_document *doc = NULL;
	*item = NULL;
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *dd = m->docs[d];
		if (strcmp(dd->file->path, rel) == 0 && dd->root && dd->root->line <= line)
			doc = dd;
	}
	for (size_t i = 0; doc && i < doc->nitems; i++)
		if (doc->items[i]->node->line <= line)
			*item = doc->items[i];
	return doc;
}

static void each_ref_in(lsp_server *s, const plan_document *doc, const plan_ref *refs,
	size_t n, const plan_item *item, lsp_ref_fn fn, void *ctx)
{
	for (size_t r = 0; r < n; r++)
		if (refs[r].target == item && refs[r].node)
			fn(s, doc, &refs[r], ctx);
}

void lsp_each_ref_to(lsp_server *s, const plan_item *item, lsp_ref_fn fn, void *ctx)
{
	const plan_model *m = plan_set_model(s->set);
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		each_ref_in(s, doc, doc->refs, doc->nrefs, item, fn, ctx);
		for (size_t i = 0; i < doc->nitems; i++)
			each_ref_in(s, doc, doc->items[i]->refs, doc->items[i]->nrefs, item, fn, ctx);
	}
}
