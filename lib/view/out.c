/* out.c: what the views write: plan text escaped for text and JSON, the
 * head of every JSON result, and the lines said on opt->messages. */
#include "view_impl.h"

#include <stdarg.h>
#include <string.h>

#include "plan/display.h"

void out_text(plan_out *out, const char *text, size_t columns)
{
	size_t len = text ? strlen(text) : 0;
	/* A block scalar's final newline is not part of what a title says. */
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' ||
	               text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	plan_display_put(&out->buf, text ? text : "", len, columns);
}

size_t out_text_columns(const char *text)
{
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	out_text(&tmp, text, 0);
	size_t columns = tmp.buf.ptr ? plan_display_width(tmp.buf.ptr, tmp.buf.len) : 0;
	plan_buf_free(&tmp.buf);
	return columns;
}

void out_title(plan_out *out, const char *title, size_t used, size_t width)
{
	enum { MIN_TITLE_COLUMNS = 10 };   /* below this a title is not worth shortening */
	if (!title || !*title)
		return;
	size_t columns = 0;
	if (width) {
		columns = width > used + 2 ? width - used - 2 : 0;
		if (columns < MIN_TITLE_COLUMNS)
			columns = MIN_TITLE_COLUMNS;
	}
	plan_buf_puts(&out->buf, "  ");
	out_text(out, title, columns);
}

void out_json(plan_out *out, const char *text)
{
	if (!text)
		plan_buf_puts(&out->buf, "null");
	else
		plan_buf_put_json(&out->buf, text, strlen(text));
}

void out_json_perspective(plan_out *out, const plan_model *m, int index)
{
	if (index < 0 || (size_t)index >= m->nperspectives) {
		plan_buf_puts(&out->buf, "null");
		return;
	}
	plan_buf_puts(&out->buf, "{\"id\": ");
	out_json(out, m->perspectives[index].id);
	plan_buf_puts(&out->buf, ", \"name\": ");
	out_json(out, m->perspectives[index].name);
	plan_buf_putc(&out->buf, '}');
}

void out_json_head(plan_out *out, const plan_view_options *opt)
{
	plan_buf_puts(&out->buf, "{\n  \"root\": ");
	out_json(out, opt->root);
	plan_buf_puts(&out->buf, ",\n  \"revision\": ");
	out_json(out, opt->revision);
	plan_buf_puts(&out->buf, ",\n");
}

void view_say(const plan_view_options *opt, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plan_vsay(opt->messages, opt->program ? opt->program : "plan-link", fmt, ap);
	va_end(ap);
}

void view_print(const plan_view_options *opt, const char *fmt, ...)
{
	if (!opt->messages)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(opt->messages, fmt, ap);
	va_end(ap);
}
