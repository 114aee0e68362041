/* render.c: the renderer that a format names. */
#include "plan/render.h"

int plan_render(plan_out *out, const plan_report_doc *d, plan_format format)
{
	switch (format) {
	case PLAN_FORMAT_MD: plan_render_md(out, d); return 0;
	case PLAN_FORMAT_TEXT: plan_render_text(out, d); return 0;
	case PLAN_FORMAT_HTML: plan_render_html(out, d); return 0;
	default: return -1;
	}
}
