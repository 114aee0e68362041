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
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return -1;
}
