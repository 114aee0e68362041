/* workspace.c: the plan set behind the client's folder: its root, the open
 * documents whose unsaved texts stand in for their files, and the
 * diagnostics published per file, sent again only when they change. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* realpath, strdup under -std=c11 */
#endif

#include "lsp_impl.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/rule.h"
#include "plan/source.h"

#define STYRMODELL "styrmodell.yaml"

/* --- URIs ------------------------------------------------------------------ */

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *lsp_uri_path(const char *uri)
{
	if (!uri || strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *p = uri + 7;
	/* file://localhost/x is file:///x; another host is not ours to read. */
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	plan_buf path = PLAN_BUF_INIT;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hex_value((unsigned char)p[1])) >= 0 &&
		    (lo = hex_value((unsigned char)p[2])) >= 0) {
			char c = (char)(hi * 16 + lo);
			if (c == '\0')
				break;    /* a NUL ends no path we could open */
			plan_buf_putc(&path, c);
			p += 2;
		} else {
			plan_buf_putc(&path, *p);
		}
	}
	if (path.failed) {
		plan_buf_free(&path);
		return NULL;
	}
	return plan_buf_detach(&path);
}

/* A path as a file URI: every byte but RFC 3986's unreserved ones and '/'
 * percent-encoded, as editors write them ('å' is %C3%A5). */
static char *uri_of_path(const char *path)
{
	plan_buf uri = PLAN_BUF_INIT;
	plan_buf_puts(&uri, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			plan_buf_putc(&uri, (char)*p);
		else
			plan_buf_printf(&uri, "%%%02X", *p);
	}
	if (uri.failed) {
		plan_buf_free(&uri);
		return NULL;
	}
	return plan_buf_detach(&uri);
}

char *lsp_uri_of(const lsp_server *s, const char *rel)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].rel && strcmp(s->docs[i].rel, rel) == 0)
			return strdup(s->docs[i].uri);
	plan_buf path = PLAN_BUF_INIT;
	plan_buf_printf(&path, "%s/%s", s->root ? s->root : "", rel);
	char *uri = path.failed ? NULL : uri_of_path(path.ptr);
	plan_buf_free(&path);
	return uri;
}

/* 1 when a relative path has no empty, "." or ".." segment: one a
 * listing could give. */
static int plain_relative(const char *rel)
{
	for (const char *s = rel;;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (n == 0 || (s[0] == '.' && (n == 1 || (n == 2 && s[1] == '.'))))
			return 0;
		if (!slash)
			return 1;
		s = slash + 1;
	}
}

/* The path of `abs` relative to the root (free() it), or NULL when it is
 * not below the root. The root has no symbolic links (plan_root_find), so
 * the document's path is resolved too when it exists. */
static char *relative_to_root(const lsp_server *s, const char *abs)
{
	if (!s->root)
		return NULL;
	char *real = realpath(abs, NULL);
	const char *p = real ? real : abs;
	size_t n = strlen(s->root);
	char *rel = NULL;
	if (strncmp(p, s->root, n) == 0 && p[n] == '/' && p[n + 1] &&
	    plain_relative(p + n + 1))
		rel = strdup(p + n + 1);
	free(real);
	return rel;
}

/* --- the root -------------------------------------------------------------- */

/* Find the root from a directory or file; 0, or -1 after a log message. */
static int root_from(lsp_server *s, const char *path)
{
	plan_error err = PLAN_ERROR_INIT;
	err.lang = s->lang;
	char *root = NULL;
	if (plan_root_find(&root, path, &err) < 0) {
		lsp_log(s, 2, "%s", err.message);
		return -1;
	}
	free(s->root);
	s->root = root;
	for (size_t i = 0; i < s->ndocs; i++) {
		free(s->docs[i].rel);
		s->docs[i].rel = relative_to_root(s, s->docs[i].path);
	}
	return 0;
}

int lsp_workspace_root(lsp_server *s, json_t *params)
{
	const char *uri = json_string_value(json_object_get(params, "rootUri"));
	json_t *folders = json_object_get(params, "workspaceFolders");
	if (!uri && json_is_array(folders))
		uri = json_string_value(json_object_get(json_array_get(folders, 0), "uri"));
	char *path = lsp_uri_path(uri);
	if (!path) {
		const char *root_path = json_string_value(json_object_get(params, "rootPath"));
		if (root_path && root_path[0] == '/')
			path = strdup(root_path);
	}
	if (!path)
		return -1;    /* the first document opened will tell */
	int rc = root_from(s, path);
	free(path);
	return rc;
}

/* --- documents --------------------------------------------------------------- */

lsp_doc *lsp_doc_find(lsp_server *s, const char *uri)
{
	for (size_t i = 0; uri && i < s->ndocs; i++)
		if (strcmp(s->docs[i].uri, uri) == 0)
			return &s->docs[i];
	return NULL;
}

static void doc_free(lsp_doc *doc)
{
	free(doc->uri);
	free(doc->rel);
	free(doc->path);
	free(doc->text);
}

/* Replace a document's text with a JSON string's bytes (NULs and all). */
static int doc_set_text(lsp_doc *doc, json_t *text)
{
	size_t len = json_string_length(text);
	char *copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, json_string_value(text), len);
	copy[len] = '\0';
	free(doc->text);
	doc->text = copy;
	doc->len = len;
	return 0;
}

static json_t *text_document(json_t *params, const char **uri)
{
	json_t *td = json_object_get(params, "textDocument");
	*uri = json_string_value(json_object_get(td, "uri"));
	return td;
}

void lsp_did_open(lsp_server *s, json_t *params)
{
	const char *uri;
	json_t *td = text_document(params, &uri);
	json_t *text = json_object_get(td, "text");
	char *path = lsp_uri_path(uri);
	if (!path || !json_is_string(text)) {
		free(path);
		return;    /* not a file we could check: nothing to say */
	}
	lsp_doc *doc = lsp_doc_find(s, uri);
	if (!doc) {
		if (s->ndocs == s->capdocs) {
			size_t cap = s->capdocs ? s->capdocs * 2 : 8;
			lsp_doc *bigger = realloc(s->docs, cap * sizeof *bigger);
			if (!bigger) {
				free(path);
				return;
			}
			s->docs = bigger;
			s->capdocs = cap;
		}
		doc = &s->docs[s->ndocs];
		memset(doc, 0, sizeof *doc);
		if (!(doc->uri = strdup(uri))) {
			free(path);
			return;
		}
		s->ndocs++;
	}
	free(doc->path);
	doc->path = path;
	doc->version = json_integer_value(json_object_get(td, "version"));
	if (doc_set_text(doc, text) < 0)
		return;
	/* Without a workspace folder the first document names the plan set. */
	if (!s->root)
		root_from(s, path);
	free(doc->rel);
	doc->rel = relative_to_root(s, path);
	if (doc->rel)
		lsp_recheck(s);
}

void lsp_did_change(lsp_server *s, json_t *params)
{
	const char *uri;
	json_t *td = text_document(params, &uri);
	lsp_doc *doc = lsp_doc_find(s, uri);
	json_t *changes = json_object_get(params, "contentChanges");
	size_t n = json_array_size(changes);
	if (!doc || n == 0)
		return;
	/* Full sync, as initialize says: the last change is the whole text. */
	json_t *text = json_object_get(json_array_get(changes, n - 1), "text");
	if (!json_is_string(text) || doc_set_text(doc, text) < 0)
		return;
	doc->version = json_integer_value(json_object_get(td, "version"));
	if (doc->rel)
		lsp_recheck(s);
}

void lsp_did_save(lsp_server *s, json_t *params)
{
	const char *uri;
	text_document(params, &uri);
	lsp_doc *doc = lsp_doc_find(s, uri);
	/* The saved file is what the text said; files beside it may have
	 * changed on disk too (a save of several, a checkout). */
	if (doc && doc->rel)
		lsp_recheck(s);
}

void lsp_did_close(lsp_server *s, json_t *params)
{
	const char *uri;
	text_document(params, &uri);
	lsp_doc *doc = lsp_doc_find(s, uri);
	if (!doc)
		return;
	int inside = doc->rel != NULL;
	doc_free(doc);
	size_t i = (size_t)(doc - s->docs);
	memmove(doc, doc + 1, (s->ndocs - i - 1) * sizeof *doc);
	s->ndocs--;
	/* The file on disk counts again. */
	if (inside)
		lsp_recheck(s);
}

const char *lsp_text_of(lsp_server *s, const char *rel, size_t *len)
{
	*len = 0;
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].rel && strcmp(s->docs[i].rel, rel) == 0) {
			*len = s->docs[i].len;
			return s->docs[i].text;
		}
	return s->set ? plan_set_file_text(s->set, rel, len) : NULL;
}

/* --- diagnostics --------------------------------------------------------------- */

/* Where a diagnostic's range ends: its own end when it has one; else the
 * end of the scalar written at its start (the id an unknown-reference
 * names, the key a rule points at) or of the flow collection there, on
 * its line; else the token there in the text (a syntax error's place);
 * else its start. */
static json_t *diagnostic_end(lsp_server *s, const plan_diag *d, const char *rel,
	const char *text, size_t len, size_t *hint)
{
	if (d->end_line > d->line || (d->end_line == d->line && d->end_column > d->column))
		return lsp_position(text, len, d->end_line, d->end_column);
	const plan_node *node = lsp_node_at(s, rel, d->line, d->column, hint);
	uint32_t line = 0, column = 0;
	if (node && !plan_node_is_collection(node))
		plan_node_end(&line, &column, node);
	if (node && !plan_node_is_collection(node) &&
	    (line > d->line || (line == d->line && column > d->column)))
		return lsp_position(text, len, line, column);
	size_t n = 0;
	const char *l = lsp_line(text, len, d->line, &n);
	size_t from = lsp_byte_of_column(l, n, d->column ? d->column : 1);
	if (!l || from >= n)
		return lsp_position(text, len, d->line, d->column);
	size_t to;
	if (node && plan_node_is_collection(node)) {
		/* A collection (a goal written "{id: ..., ...}"): as far as it
		 * goes on its first line, its closing bracket included; the
		 * squiggle stays on one line as the diagnostic's place does. */
		to = lsp_flow_end(l, n, from);
		while (to > from && (l[to - 1] == ' ' || l[to - 1] == '\t'))
			to--;
	} else {
		to = lsp_token_end(l, n, from);
	}
	return json_pack("{s:I,s:I}", "line", (json_int_t)(d->line - 1),
		"character", (json_int_t)lsp_utf16_of_byte(l, n, to));
}

static json_t *diagnostic_json(lsp_server *s, const plan_diag *d, size_t *hint)
{
	size_t len = 0;
	const char *rel = d->file && d->file[0] ? d->file : STYRMODELL;
	const char *text = d->line ? lsp_text_of(s, rel, &len) : NULL;
	json_t *start = lsp_position(text, len, d->line, d->column);
	json_t *end = d->line ? diagnostic_end(s, d, rel, text, len, hint) :
		lsp_position(text, len, 0, 0);
	json_t *range = start && end ? json_pack("{s:o,s:o}", "start", start, "end", end) : NULL;
	if (!range) {
		json_decref(start);
		json_decref(end);
	}
	json_t *diag = json_object();
	if (!range || !diag) {
		json_decref(range);
		json_decref(diag);
		return NULL;
	}
	json_object_set_new(diag, "range", range);
	json_object_set_new(diag, "severity",
		json_integer(d->severity == PLAN_SEVERITY_ERROR ? 1 : 2));
	json_object_set_new(diag, "code", json_string(d->rule));
	if (s->opt.help_uri && s->opt.help_uri[0]) {
		plan_buf href = PLAN_BUF_INIT;
		plan_rule_help_uri(&href, s->opt.help_uri, d->rule);
		if (!href.failed && href.ptr)
			json_object_set_new(diag, "codeDescription",
				json_pack("{s:s%}", "href", href.ptr, href.len));
		plan_buf_free(&href);
	}
	json_object_set_new(diag, "source", json_string("plan-validate"));
	json_object_set_new(diag, "message", lsp_cstring(d->message));
	return diag;
}

/* The diagnostics of one file while they are gathered. */
typedef struct gathered {
	const char *rel;
	json_t *list;
} gathered;

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const gathered *)a)->rel, ((const gathered *)b)->rel);
}

/* The set's diagnostics per file, sorted by path. A diagnostic about no
 * file (the file-count limit) goes to styrmodell.yaml, where the plan set
 * begins, so that it is seen. Returns the count, or (size_t)-1. */
static size_t gather(lsp_server *s, gathered **out)
{
	*out = NULL;
	const plan_diags *diags = s->set ? plan_set_diags(s->set) : NULL;
	size_t n = diags ? plan_diags_count(diags) : 0;
	gathered *files = calloc(n ? n : 1, sizeof *files);
	if (!files)
		return (size_t)-1;
	size_t count = 0, hint = 0;
	for (size_t i = 0; i < n; i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (d->severity == PLAN_SEVERITY_OFF)
			continue;
		const char *rel = d->file && d->file[0] ? d->file : STYRMODELL;
		size_t f = 0;
		/* Sorted by file: the last group is nearly always the one. */
		if (count && strcmp(files[count - 1].rel, rel) == 0)
			f = count - 1;
		else {
			for (f = 0; f < count && strcmp(files[f].rel, rel) != 0; f++)
				;
			if (f == count) {
				files[count].rel = rel;
				files[count].list = json_array();
				count++;
			}
		}
		json_array_append_new(files[f].list, diagnostic_json(s, d, &hint));
	}
	qsort(files, count, sizeof *files, by_rel);
	*out = files;
	return count;
}

static void publish(lsp_server *s, const char *rel, json_t *list)
{
	char *uri = lsp_uri_of(s, rel);
	json_t *params = json_object();
	if (!uri || !params) {
		free(uri);
		json_decref(params);
		json_decref(list);
		return;
	}
	json_object_set_new(params, "uri", json_string(uri));
	lsp_doc *doc = lsp_doc_find(s, uri);
	if (doc)
		json_object_set_new(params, "version", json_integer(doc->version));
	json_object_set_new(params, "diagnostics", list);
	lsp_notify(s, "textDocument/publishDiagnostics", params);
	free(uri);
}

/* Publish what differs from what was published, and keep the new. */
static void publish_changes(lsp_server *s)
{
	gathered *files = NULL;
	size_t count = gather(s, &files);
	if (count == (size_t)-1)
		return;
	lsp_published *next = calloc(count ? count : 1, sizeof *next);
	if (!next) {
		for (size_t i = 0; i < count; i++)
			json_decref(files[i].list);
		free(files);
		return;
	}
	size_t a = 0, b = 0;
	while (a < s->npub || b < count) {
		int c = a == s->npub ? 1 : b == count ? -1 : strcmp(s->pub[a].rel, files[b].rel);
		if (c < 0) {
			/* Clean now: an empty list clears what the client shows. */
			publish(s, s->pub[a].rel, json_array());
			a++;
			continue;
		}
		char *json = json_dumps(files[b].list, JSON_COMPACT);
		int same = c == 0 && json && strcmp(json, s->pub[a].json) == 0;
		next[b].rel = strdup(files[b].rel);
		next[b].json = json;
		if (same)
			json_decref(files[b].list);
		else
			publish(s, files[b].rel, files[b].list);
		if (c == 0)
			a++;
		b++;
	}
	for (size_t i = 0; i < s->npub; i++) {
		free(s->pub[i].rel);
		free(s->pub[i].json);
	}
	free(s->pub);
	s->pub = next;
	s->npub = count;
	/* A copy that failed is dropped: its file is published again. */
	size_t kept = 0;
	for (size_t i = 0; i < count; i++) {
		if (next[i].rel && next[i].json)
			next[kept++] = next[i];
		else {
			free(next[i].rel);
			free(next[i].json);
		}
	}
	s->npub = kept;
	free(files);
}

void lsp_recheck(lsp_server *s)
{
	if (!s->root)
		return;
	plan_overlay_file *overlay = calloc(s->ndocs ? s->ndocs : 1, sizeof *overlay);
	if (!overlay)
		return;
	size_t n = 0;
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].rel) {
			overlay[n].path = s->docs[i].rel;
			overlay[n].text = s->docs[i].text;
			overlay[n].len = s->docs[i].len;
			n++;
		}
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = s->root;
	options.jobs = s->opt.jobs;
	options.limits = s->opt.limits;
	options.lang = s->lang;
	options.overlay = overlay;
	options.noverlay = n;
	/* Whole trees are kept: hover and the outline read titles, which the
	 * pruned trees of plan-validate leave out. */
	options.keep = NULL;
	plan_error err = PLAN_ERROR_INIT;
	err.lang = s->lang;
	plan_set *set = NULL;
	if (plan_set_load(&set, &options, &err) < 0)
		lsp_log(s, 1, "%s", err.message);
	free(overlay);
	plan_set_free(s->set);
	s->set = set;
	publish_changes(s);
}

void lsp_workspace_free(lsp_server *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		doc_free(&s->docs[i]);
	free(s->docs);
	for (size_t i = 0; i < s->npub; i++) {
		free(s->pub[i].rel);
		free(s->pub[i].json);
	}
	free(s->pub);
	plan_set_free(s->set);
	free(s->root);
}

char *lsp_rel_of_uri(lsp_server *s, const char *uri)
{
	lsp_doc *doc = lsp_doc_find(s, uri);
	if (doc)
		return doc->rel ? strdup(doc->rel) : NULL;
	char *path = lsp_uri_path(uri);
	char *rel = path ? relative_to_root(s, path) : NULL;
	free(path);
	return rel;
}
