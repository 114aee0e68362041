/* lsp_impl.h: what the parts of plan-lsp share (private to lib/lsp/): the
 * server's state, the open documents, positions in both counts (the
 * library's characters, LSP's UTF-16 units) and JSON helpers. */
#ifndef PLAN_LSP_IMPL_H
#define PLAN_LSP_IMPL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "plan/lsp.h"
#include "plan/model.h"
#include "plan/set.h"

/* A document the client has open: its text replaces the file on disk. */
typedef struct lsp_doc {
	char *uri;               /* as the client wrote it */
	char *rel;               /* path relative to the root; NULL when outside
	                          * the plan set (or no set is known yet) */
	char *path;              /* absolute, decoded from the URI */
	char *text;
	size_t len;
	long long version;
} lsp_doc;

/* The diagnostics last published for one file, as sent. */
typedef struct lsp_published {
	char *rel;
	char *json;              /* the "diagnostics" array, compact */
} lsp_published;

enum { LSP_WAITING, LSP_RUNNING, LSP_SHUT_DOWN };

typedef struct lsp_server {
	FILE *out;
	plan_lsp_options opt;
	plan_lang lang;
	int state;               /* LSP_WAITING, LSP_RUNNING or LSP_SHUT_DOWN */
	int write_failed;
	char *root;              /* the plan set's root; NULL: none found yet */
	lsp_doc *docs;
	size_t ndocs, capdocs;
	plan_set *set;           /* the set as last loaded with the open texts */
	lsp_published *pub;      /* sorted by rel */
	size_t npub;
	int watch_dynamic;       /* the client registers file watchers on request */
	int fail_code;           /* a request failed (lsp_fail): its error */
	plan_buf fail;
} lsp_server;

/* --- json.c ------------------------------------------------------------- */

/* A JSON string of `len` bytes of text that may not be valid UTF-8: each
 * invalid byte becomes U+FFFD, as plan-validate's JSON has it. NULL when
 * memory ran out. */
json_t *lsp_string(const char *text, size_t len);
json_t *lsp_cstring(const char *text);

/* Send one message (takes `msg`). Records a failed write in the server. */
void lsp_send(lsp_server *s, json_t *msg);
/* A response with `result` (taken; NULL is JSON null) to request `id`. */
void lsp_respond(lsp_server *s, json_t *id, json_t *result);
/* An error response; `id` NULL answers with a null id. `fmt` is English,
 * sent in the server's language, filled in like printf. */
void lsp_respond_error(lsp_server *s, json_t *id, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Make the request being answered fail with `code` and a message (English,
 * sent in the server's language): the dispatcher sends the error instead
 * of the result. */
void lsp_fail(lsp_server *s, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A notification of `method` with `params` (taken). */
void lsp_notify(lsp_server *s, const char *method, json_t *params);
/* window/logMessage of `type` (1 error ... 4 log) with an English message
 * sent in the server's language, filled in like printf. */
void lsp_log(lsp_server *s, int type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* --- position.c ---------------------------------------------------------- */

/* The bytes of line `line` (1-based) of `text`, without its line end, or
 * NULL when the text has fewer lines. */
const char *lsp_line(const char *text, size_t len, uint32_t line, size_t *line_len);

/* The UTF-16 units before character `column` (1-based, as the library
 * counts: one per code point, one per invalid byte) of a line; past its
 * end each missing character counts as one. */
uint32_t lsp_utf16_of_column(const char *line, size_t len, uint32_t column);

/* The byte of character `column` (1-based, as the library counts) of a
 * line, at most `len`. */
size_t lsp_byte_of_column(const char *line, size_t len, uint32_t column);

/* The UTF-16 units before byte `byte` of a line. */
uint32_t lsp_utf16_of_byte(const char *line, size_t len, size_t byte);

/* The byte offset in a line of UTF-16 position `units`, at most `len`. */
size_t lsp_byte_of_utf16(const char *line, size_t len, uint32_t units);

/* An LSP Position of the library's (line, column), both 1-based; line 0
 * is the start of the file. The text of the file is needed for UTF-16. */
json_t *lsp_position(const char *text, size_t len, uint32_t line, uint32_t column);
/* A Range from that position over `chars` characters of the same line. */
json_t *lsp_range(const char *text, size_t len, uint32_t line, uint32_t column,
	uint32_t chars);

/* --- workspace.c ---------------------------------------------------------- */

/* A file URI's path, decoded (free() it), or NULL when it is not a file
 * URI or memory ran out. */
char *lsp_uri_path(const char *uri);
/* The URI of a path relative to the root (free() it): an open document's
 * own URI when there is one, so that the client finds it as it named it. */
char *lsp_uri_of(const lsp_server *s, const char *rel);

/* The path relative to the root of a document (open or not) the client
 * names (free() it), or NULL when it is outside the plan set. */
char *lsp_rel_of_uri(lsp_server *s, const char *uri);

/* The open document with this URI, or NULL. */
lsp_doc *lsp_doc_find(lsp_server *s, const char *uri);

/* The text of a file of the set (an open document's, else as read). */
const char *lsp_text_of(lsp_server *s, const char *rel, size_t *len);

/* initialize's rootUri, workspaceFolders or rootPath: find the root.
 * Returns 0, or -1 when none was given or no styrmodell.yaml was found
 * (said in a log message). */
int lsp_workspace_root(lsp_server *s, json_t *params);

/* Notifications about documents. */
void lsp_did_open(lsp_server *s, json_t *params);
void lsp_did_change(lsp_server *s, json_t *params);
void lsp_did_save(lsp_server *s, json_t *params);
void lsp_did_close(lsp_server *s, json_t *params);

/* Load the set again with the open texts and publish every file whose
 * diagnostics changed. */
void lsp_recheck(lsp_server *s);

void lsp_workspace_free(lsp_server *s);

/* --- place.c ----------------------------------------------------------------- */

/* Ids are at most 64 characters of [A-Za-z0-9_.-] (the schemas' pattern). */
#define LSP_MAX_ID 64

/* Where a request points: a file of the set, its text, and (with a
 * position) the line (1-based), the id around the cursor and where it
 * starts, in bytes of the line. */
typedef struct lsp_place {
	char *rel;               /* free() it */
	const char *text;        /* the file's text as checked */
	size_t len;
	uint32_t line;           /* 0: no position, or past the text */
	const char *line_text;   /* NULL with line 0 */
	size_t line_len;
	size_t from;             /* the id's first byte in the line */
	size_t at;               /* the cursor's byte in the line */
	size_t to;               /* the byte after the id */
	char word[LSP_MAX_ID + 1];   /* the id around the cursor, or "" */
} lsp_place;

/* The place of a request's textDocument (and position, when asked).
 * Returns 0, or -1 when no set is loaded or the document is not in it
 * (out->rel is then NULL; free() it either way). */
int lsp_place_of(lsp_place *out, lsp_server *s, json_t *params, int want_position);

/* The byte after the token that starts at byte `from` of a line: a
 * quoted scalar with its quotes, else the id there (`from` itself when
 * there is none). */
size_t lsp_token_end(const char *line, size_t len, size_t from);

/* The byte after the flow collection ("{...}", "[...]") that starts at
 * byte `from` of a line, its closing bracket included; the line's end
 * when it goes on below or no bracket starts there. */
size_t lsp_flow_end(const char *line, size_t len, size_t from);

/* The node of the file `rel` written exactly at (line, column), both
 * 1-based, in the set's trees: a scalar (a key or a value) where one starts
 * there, else a collection (a flow mapping's '{'); NULL when there is
 * none. `hint` (start it at 0) keeps the index of the file found last, so
 * that asking for one file's places in turn finds it at once. */
const plan_node *lsp_node_at(lsp_server *s, const char *rel, uint32_t line, uint32_t column,
	size_t *hint);

/* The reference written at `p` (the id under the cursor, on its line),
 * with the document and the item (NULL: the document itself) that make
 * it; NULL when there is none. */
const plan_ref *lsp_ref_at(const plan_model *m, const lsp_place *p,
	const plan_document **doc, const plan_item **from);

/* The item defined (its `id:` value) or named (a link) at `p`, or NULL. */
const plan_item *lsp_item_at(const plan_model *m, const lsp_place *p);

/* An item's `id` value node, or NULL when it has none as text. */
const plan_node *lsp_id_node(const plan_item *item);

/* The characters a scalar takes where it is written (quotes included). */
size_t lsp_written_chars(const plan_node *node);

/* A Location of a node of the file `rel` spanning `chars` characters. */
json_t *lsp_location(lsp_server *s, const char *rel, const plan_node *node, size_t chars);

/* The document of the file `rel` that line `line` is in (a file may hold
 * several), and in *item the last of its items that starts at or above the
 * line: the one being written. NULL when there is none. */
const plan_document *lsp_document_at(const plan_model *m, const char *rel, uint32_t line,
	const plan_item **item);

/* Call `fn` for every reference to `item` in the set, in file order. */
typedef void (*lsp_ref_fn)(lsp_server *s, const plan_document *doc, const plan_ref *ref,
	void *ctx);
void lsp_each_ref_to(lsp_server *s, const plan_item *item, lsp_ref_fn fn, void *ctx);

/* --- navigate.c ------------------------------------------------------------ */

json_t *lsp_definition(lsp_server *s, json_t *params);
json_t *lsp_references(lsp_server *s, json_t *params);
json_t *lsp_hover(lsp_server *s, json_t *params);
json_t *lsp_document_symbols(lsp_server *s, json_t *params);
json_t *lsp_workspace_symbols(lsp_server *s, json_t *params);

/* --- edit.c ------------------------------------------------------------------ */

json_t *lsp_completion(lsp_server *s, json_t *params);
json_t *lsp_rename(lsp_server *s, json_t *params);
json_t *lsp_code_action(lsp_server *s, json_t *params);

/* --- fix.c ------------------------------------------------------------------- */

/* The quick fix for one mandatory-kpi-missing or assignment-unplanned
 * diagnostic the client sends back (of the file `file`): the KPI added to
 * the arbetsplan's `kpis`, an entry {assignment, plan} added to the
 * verksamhetsplan's `assignments`. NULL when the diagnostic is not the
 * set's or the document is written so that no safe edit is known. */
json_t *lsp_fix_missing(lsp_server *s, const lsp_place *file, json_t *diagnostic);

#endif
