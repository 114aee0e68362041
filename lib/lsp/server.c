/* server.c: plan-lsp's loop: read a message, tell a request from a
 * notification, answer by the protocol's lifecycle (nothing before
 * initialize, nothing but exit after shutdown), and dispatch the rest. */
#include "lsp_impl.h"

#include <stdlib.h>
#include <string.h>

#include "plan/version.h"

/* What a parsed message is; PLAN_LSP_INVALID with *code
 * PLAN_LSP_INVALID_REQUEST when it is no JSON-RPC 2.0 message. A request's
 * id is a number or a string; a response's may be null. */
static plan_lsp_kind message_kind(json_t *msg, int *code)
{
	json_t *method = json_object_get(msg, "method");
	json_t *id = json_object_get(msg, "id");
	const char *jsonrpc = json_string_value(json_object_get(msg, "jsonrpc"));
	int id_ok = json_is_integer(id) || json_is_string(id);
	*code = 0;
	if (json_is_object(msg) && jsonrpc && strcmp(jsonrpc, "2.0") == 0) {
		if (json_is_string(method) && !id)
			return PLAN_LSP_NOTIFICATION;
		if (json_is_string(method) && id_ok)
			return PLAN_LSP_REQUEST;
		if (!method && (id_ok || json_is_null(id)))
			return PLAN_LSP_RESPONSE;
	}
	*code = PLAN_LSP_INVALID_REQUEST;
	return PLAN_LSP_INVALID;
}

int plan_lsp_classify(plan_lsp_kind *kind, int *code, plan_buf *method,
	const char *body, size_t len)
{
	*kind = PLAN_LSP_INVALID;
	*code = PLAN_LSP_PARSE_ERROR;
	plan_buf_clear(method);
	json_error_t error;
	json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &error);
	if (!msg)
		return -1;
	*kind = message_kind(msg, code);
	json_t *m = json_object_get(msg, "method");
	if (*kind != PLAN_LSP_INVALID && json_is_string(m))
		plan_buf_put(method, json_string_value(m), json_string_length(m));
	json_decref(msg);
	return *kind == PLAN_LSP_INVALID ? -1 : 0;
}

/* The language of messages: --lang, else initialize's locale, else the
 * environment's. */
static plan_lang choose_lang(const plan_lsp_options *opt, json_t *params)
{
	if (opt->lang >= 0)
		return (plan_lang)opt->lang;
	const char *locale = json_string_value(json_object_get(params, "locale"));
	if (locale && locale[0])
		return strncmp(locale, "sv", 2) == 0 ? PLAN_LANG_SV : PLAN_LANG_EN;
	return opt->fallback_lang;
}

/* Only what is implemented is advertised; the rest of 3.17 a client does
 * not ask for. */
static json_t *capabilities(void)
{
	return json_pack("{s:{s:b,s:i,s:{s:b}},s:b,s:b,s:b,s:b,s:b,s:{s:[s,s]},s:b,"
		"s:{s:[s]}}",
		"textDocumentSync", "openClose", 1, "change", 1, "save", "includeText", 0,
		"definitionProvider", 1,
		"referencesProvider", 1,
		"hoverProvider", 1,
		"documentSymbolProvider", 1,
		"workspaceSymbolProvider", 1,
		"completionProvider", "triggerCharacters", "[", ",",
		"renameProvider", 1,
		"codeActionProvider", "codeActionKinds", "quickfix");
}

static void initialize(lsp_server *s, json_t *id, json_t *params)
{
	s->lang = choose_lang(&s->opt, params);
	s->state = LSP_RUNNING;
	s->watch_dynamic = json_is_true(json_object_get(json_object_get(json_object_get(
		json_object_get(params, "capabilities"), "workspace"), "didChangeWatchedFiles"),
		"dynamicRegistration"));
	lsp_workspace_root(s, params);
	json_t *result = json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities(),
		"serverInfo", "name", "plan-lsp", "version", plan_version());
	lsp_respond(s, id, result);
}

typedef json_t *(*request_fn)(lsp_server *s, json_t *params);
typedef void (*notification_fn)(lsp_server *s, json_t *params);

static const struct {
	const char *method;
	request_fn fn;
} requests[] = {
	{ "textDocument/definition", lsp_definition },
	{ "textDocument/references", lsp_references },
	{ "textDocument/hover", lsp_hover },
	{ "textDocument/documentSymbol", lsp_document_symbols },
	{ "textDocument/completion", lsp_completion },
	{ "textDocument/rename", lsp_rename },
	{ "textDocument/codeAction", lsp_code_action },
	{ "workspace/symbol", lsp_workspace_symbols },
};

static void initialized(lsp_server *s, json_t *params)
{
	(void)params;
	/* Files changed outside the editor (a checkout, a script) arrive as
	 * didChangeWatchedFiles where the client watches on request; the
	 * answer to this request is not waited for. */
	if (s->watch_dynamic) {
		json_t *watch = json_pack("{s:s,s:s,s:s,s:{s:[{s:s,s:s,s:{s:[{s:s}]}}]}}",
			"jsonrpc", "2.0", "id", "plan-lsp-watch", "method", "client/registerCapability",
			"params", "registrations", "id", "plan-lsp-watch",
			"method", "workspace/didChangeWatchedFiles", "registerOptions", "watchers",
			"globPattern", "**/*.{yaml,yml}");
		lsp_send(s, watch);
	}
	/* The whole set's faults, open or not, as plan-validate lists them. */
	lsp_recheck(s);
}

static void watched_files_changed(lsp_server *s, json_t *params)
{
	(void)params;
	/* Whatever changed, the set is read again: what is open still counts
	 * as the editor shows it. */
	lsp_recheck(s);
}

static const struct {
	const char *method;
	notification_fn fn;
} notifications[] = {
	{ "initialized", initialized },
	{ "textDocument/didOpen", lsp_did_open },
	{ "textDocument/didChange", lsp_did_change },
	{ "textDocument/didSave", lsp_did_save },
	{ "textDocument/didClose", lsp_did_close },
	{ "workspace/didChangeWatchedFiles", watched_files_changed },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void on_request(lsp_server *s, const char *method, json_t *id, json_t *params)
{
	if (strcmp(method, "initialize") == 0) {
		if (s->state == LSP_WAITING)
			initialize(s, id, params);
		else
			lsp_respond_error(s, id, PLAN_LSP_INVALID_REQUEST,
				PLAN_N_("the server is initialized already"));
		return;
	}
	if (s->state == LSP_WAITING) {
		lsp_respond_error(s, id, PLAN_LSP_SERVER_NOT_INITIALIZED,
			PLAN_N_("the server is not initialized yet: initialize comes first"));
		return;
	}
	if (s->state == LSP_SHUT_DOWN) {
		lsp_respond_error(s, id, PLAN_LSP_INVALID_REQUEST,
			PLAN_N_("the server is shut down: only exit is taken now"));
		return;
	}
	if (strcmp(method, "shutdown") == 0) {
		s->state = LSP_SHUT_DOWN;
		lsp_respond(s, id, NULL);
		return;
	}
	for (size_t i = 0; i < COUNT(requests); i++)
		if (strcmp(method, requests[i].method) == 0) {
			s->fail_code = 0;
			json_t *result = requests[i].fn(s, params);
			if (s->fail_code) {
				json_decref(result);
				lsp_respond_error(s, id, s->fail_code, "%s",
					s->fail.ptr && !s->fail.failed ? s->fail.ptr : "");
			} else {
				lsp_respond(s, id, result);
			}
			return;
		}
	lsp_respond_error(s, id, PLAN_LSP_METHOD_NOT_FOUND, PLAN_N_("unknown method '%s'"), method);
}

static void on_notification(lsp_server *s, const char *method, json_t *params)
{
	/* Before initialize and after shutdown notifications are dropped
	 * (exit is handled by the loop). */
	if (s->state != LSP_RUNNING)
		return;
	for (size_t i = 0; i < COUNT(notifications); i++)
		if (strcmp(method, notifications[i].method) == 0) {
			notifications[i].fn(s, params);
			return;
		}
	/* Unknown notifications ($/cancelRequest, $/setTrace, ...) ask for
	 * nothing. */
}

/* One message's body. Returns 1 when it was exit, else 0. */
static int on_message(lsp_server *s, const char *body, size_t len)
{
	json_error_t error;
	json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &error);
	if (!msg) {
		lsp_respond_error(s, NULL, PLAN_LSP_PARSE_ERROR,
			PLAN_N_("the message is not valid JSON"));
		return 0;
	}
	int code;
	plan_lsp_kind kind = message_kind(msg, &code);
	json_t *id = json_object_get(msg, "id");
	json_t *params = json_object_get(msg, "params");
	const char *method = json_string_value(json_object_get(msg, "method"));
	int rc = 0;
	switch (kind) {
	case PLAN_LSP_INVALID:
		lsp_respond_error(s, json_is_integer(id) || json_is_string(id) ? id : NULL, code,
			PLAN_N_("the message is not a JSON-RPC 2.0 request or notification"));
		break;
	case PLAN_LSP_RESPONSE:
		break;    /* to a request of ours: none is sent yet */
	case PLAN_LSP_REQUEST:
		on_request(s, method, id, params);
		break;
	case PLAN_LSP_NOTIFICATION:
		if (strcmp(method, "exit") == 0)
			rc = 1;
		else
			on_notification(s, method, params);
		break;
	}
	json_decref(msg);
	return rc;
}

int plan_lsp_serve(FILE *in, FILE *out, const plan_lsp_options *options)
{
	lsp_server s = { 0 };
	plan_buf fail = PLAN_BUF_INIT;
	s.fail = fail;
	s.out = out;
	s.opt = *options;
	s.lang = options->lang >= 0 ? (plan_lang)options->lang : options->fallback_lang;
	s.state = LSP_WAITING;
	plan_buf body = PLAN_BUF_INIT;
	int exited = 0;
	while (!exited && !s.write_failed) {
		plan_error err = PLAN_ERROR_INIT;
		err.lang = s.lang;
		int got = plan_lsp_read(&body, in, options->max_message, &err);
		if (got == PLAN_LSP_END || got == PLAN_LSP_BROKEN)
			break;
		if (got == PLAN_LSP_SKIPPED) {
			/* No id could be read: JSON-RPC answers with a null one. */
			lsp_respond_error(&s, NULL, PLAN_LSP_INVALID_REQUEST, "%s", err.message);
			continue;
		}
		exited = on_message(&s, body.ptr, body.len);
	}
	plan_buf_free(&body);
	plan_buf_free(&s.fail);
	lsp_workspace_free(&s);
	return exited && s.state == LSP_SHUT_DOWN ? 0 : 1;
}
