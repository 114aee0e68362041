/* out.c: plan-report's buffered output, and the pieces its JSON is made of. */
#include "report_impl.h"

#include <math.h>
#include <string.h>

#include "plan/report_kpis.h"

void json_str(plan_out *out, const char *text)
{
	if (!text)
		plan_buf_puts(&out->buf, "null");
	else
		plan_buf_put_json(&out->buf, text, strlen(text));
}

void json_num(plan_out *out, double value)
{
	if (!isfinite(value)) {
		plan_buf_puts(&out->buf, "null");
		return;
	}
	if (fabs(value) >= 1e15) {
		plan_buf_printf(&out->buf, "%.17g", value);
		return;
	}
	/* Plain decimals, never an exponent, trailing zeros dropped. */
	char text[64];
	snprintf(text, sizeof text, "%.10f", value);
	char *end = text + strlen(text);
	while (end[-1] == '0')
		*--end = '\0';
	if (end[-1] == '.')
		*--end = '\0';
	if (strcmp(text, "-0") == 0)
		memcpy(text, "0", 2);
	plan_buf_puts(&out->buf, text);
}

void json_key(plan_out *out, int depth, const char *key, int first)
{
	if (!first)
		plan_buf_putc(&out->buf, ',');
	plan_buf_putc(&out->buf, '\n');
	for (int i = 0; i < depth; i++)
		plan_buf_puts(&out->buf, "  ");
	json_str(out, key);
	plan_buf_puts(&out->buf, ": ");
}

void json_perspective(plan_out *out, const plan_model *m, int index)
{
	if (index < 0 || (size_t)index >= m->nperspectives) {
		plan_buf_puts(&out->buf, "null");
		return;
	}
	plan_buf_puts(&out->buf, "{\"id\": ");
	json_str(out, m->perspectives[index].id);
	plan_buf_puts(&out->buf, ", \"name\": ");
	json_str(out, m->perspectives[index].name);
	plan_buf_putc(&out->buf, '}');
}

static const char *org_kind(const plan_item *item)
{
	switch (item->kind) {
	case PLAN_ITEM_BODY: return "body";
	case PLAN_ITEM_OFFICE: return "office";
	case PLAN_ITEM_UNIT: return "unit";
	default: return "item";
	}
}

void json_owner(plan_out *out, const plan_model *m, const plan_item *owner)
{
	plan_buf_puts(&out->buf, "{\"id\": ");
	json_str(out, owner ? owner->id : "kommun");
	plan_buf_puts(&out->buf, ", \"kind\": ");
	json_str(out, owner ? org_kind(owner) : "kommun");
	plan_buf_puts(&out->buf, ", \"name\": ");
	json_str(out, owner_name(m, owner));
	plan_buf_putc(&out->buf, '}');
}

void json_municipality(plan_out *out, const plan_model *m)
{
	plan_buf_puts(&out->buf, "{\"name\": ");
	json_str(out, plan_model_municipality_name(m));
	plan_buf_puts(&out->buf, ", \"code\": ");
	json_str(out, plan_model_municipality_code(m));
	plan_buf_putc(&out->buf, '}');
}

void json_head(plan_out *out, const plan_report_options *opt, const plan_model *m,
	const char *command)
{
	plan_buf_putc(&out->buf, '{');
	json_key(out, 1, "root", 1);
	json_str(out, opt->root);
	json_key(out, 1, "revision", 0);
	json_str(out, opt->revision);
	json_key(out, 1, "command", 0);
	json_str(out, command);
	json_key(out, 1, "municipality", 0);
	json_municipality(out, m);
}
