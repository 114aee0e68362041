/* A program outside the project that uses the installed library: it loads
 * a plan set and prints its document count and the library version. */
#include <stdio.h>

#include <plan/set.h>
#include <plan/version.h>

int main(int argc, char **argv)
{
	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = argc > 1 ? argv[1] : ".";
	plan_error err = PLAN_ERROR_INIT;
	plan_set *set = NULL;
	if (plan_set_load(&set, &options, &err) < 0) {
		fprintf(stderr, "consumer: %s\n", err.message);
		return 1;
	}
	printf("plan-tools %s: %zu documents\n", plan_version(), plan_set_document_count(set));
	plan_set_free(set);
	return 0;
}
