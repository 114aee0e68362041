/* version.c: the version number, given by the build (CMakeLists.txt). */
#include "plan/version.h"

const char *plan_version(void)
{
	return PLAN_VERSION;
}
