/* error.c: filling a plan_error. */
#include "plan/error.h"

#include <stdarg.h>
#include <stdio.h>

int plan_error_set(plan_error *err, const char *fmt, ...)
{
	if (!err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	/* The catalogue's text has the English one's conversions (the build
	 * checks that). */
	vsnprintf(err->message, sizeof err->message, plan_tr(err->lang, fmt), ap);
	va_end(ap);
	return -1;
}
