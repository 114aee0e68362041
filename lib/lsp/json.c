/* json.c: JSON values as plan-lsp sends them: text from plan files made
 * valid UTF-8 first (jansson takes nothing else), and the three kinds of
 * message (response, error, notification) framed and written. */
#include "lsp_impl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"

json_t *lsp_string(const char *text, size_t len)
{
	plan_buf valid = PLAN_BUF_INIT;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = plan_utf8_decode(text + i, len - i, &cp);
		if (n == 0) {
			plan_buf_puts(&valid, "\xef\xbf\xbd");   /* U+FFFD */
			i++;
		} else {
			plan_buf_put(&valid, text + i, n);
			i += n;
		}
	}
	json_t *s = valid.failed ? NULL :
		json_stringn(valid.ptr ? valid.ptr : "", valid.len);
	plan_buf_free(&valid);
	return s;
}

json_t *lsp_cstring(const char *text)
{
	return lsp_string(text ? text : "", text ? strlen(text) : 0);
}

/* A message's object, "jsonrpc" first as the specification writes it. */
static json_t *message(void)
{
	return json_pack("{s:s}", "jsonrpc", "2.0");
}

void lsp_send(lsp_server *s, json_t *msg)
{
	if (!msg) {
		s->write_failed = 1;
		return;
	}
	/* Compact, and as it is: non-ASCII stays UTF-8, as the protocol's
	 * utf-8 content type says. */
	char *body = json_dumps(msg, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(msg);
	if (!body || plan_lsp_write(s->out, body, strlen(body)) < 0)
		s->write_failed = 1;
	free(body);
}

void lsp_respond(lsp_server *s, json_t *id, json_t *result)
{
	json_t *msg = message();
	if (msg) {
		json_object_set(msg, "id", id ? id : json_null());
		json_object_set_new(msg, "result", result ? result : json_null());
	} else {
		json_decref(result);
	}
	lsp_send(s, msg);
}

void lsp_respond_error(lsp_server *s, json_t *id, int code, const char *fmt, ...)
{
	plan_buf text = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&text, plan_tr(s->lang, fmt), ap);
	va_end(ap);
	json_t *msg = message();
	json_t *error = json_object();
	if (msg && error) {
		json_object_set(msg, "id", id ? id : json_null());
		json_object_set_new(error, "code", json_integer(code));
		json_object_set_new(error, "message",
			lsp_string(text.ptr ? text.ptr : "", text.failed ? 0 : text.len));
		json_object_set_new(msg, "error", error);
		error = NULL;
	}
	json_decref(error);
	plan_buf_free(&text);
	lsp_send(s, msg);
}

void lsp_notify(lsp_server *s, const char *method, json_t *params)
{
	json_t *msg = message();
	if (msg) {
		json_object_set_new(msg, "method", json_string(method));
		json_object_set_new(msg, "params", params ? params : json_object());
	} else {
		json_decref(params);
	}
	lsp_send(s, msg);
}

void lsp_log(lsp_server *s, int type, const char *fmt, ...)
{
	plan_buf text = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&text, plan_tr(s->lang, fmt), ap);
	va_end(ap);
	json_t *params = json_object();
	if (params && !text.failed) {
		json_object_set_new(params, "type", json_integer(type));
		json_object_set_new(params, "message", lsp_string(text.ptr ? text.ptr : "", text.len));
		lsp_notify(s, "window/logMessage", params);
	} else {
		json_decref(params);
	}
	plan_buf_free(&text);
}
