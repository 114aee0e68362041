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

/* A JSON string of `fmt` in the server's language, filled in from `ap`;
 * NULL when memory ran out. */
static json_t *translated(lsp_server *s, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static json_t *translated(lsp_server *s, const char *fmt, va_list ap)
{
	plan_buf text = PLAN_BUF_INIT;
	plan_buf_vprintf(&text, plan_tr(s->lang, fmt), ap);
	json_t *str = text.failed ? NULL : lsp_string(text.ptr ? text.ptr : "", text.len);
	plan_buf_free(&text);
	return str;
}

void lsp_respond_error(lsp_server *s, json_t *id, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_t *text = translated(s, fmt, ap);
	va_end(ap);
	json_t *msg = message();
	json_t *error = json_pack("{s:i,s:o}", "code", code, "message", text ? text : json_string(""));
	if (msg && error)
		json_object_set(msg, "id", id ? id : json_null());
	if (!error || json_object_set_new(msg, "error", error) < 0) {
		json_decref(msg);
		msg = NULL;
	}
	lsp_send(s, msg);
}

void lsp_fail(lsp_server *s, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plan_buf_clear(&s->fail);
	plan_buf_vprintf(&s->fail, plan_tr(s->lang, fmt), ap);
	va_end(ap);
	s->fail_code = code;
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
	va_list ap;
	va_start(ap, fmt);
	json_t *text = translated(s, fmt, ap);
	va_end(ap);
	if (text)
		lsp_notify(s, "window/logMessage", json_pack("{s:i,s:o}", "type", type, "message", text));
}
