/* fuzz_schema.c: the schema engine on arbitrary documents. The input is read
 * as YAML; every document is validated against each embedded kind schema,
 * then compiled as a schema itself, and (when it compiles) validates a fixed
 * set of instances and itself. Violations must name a node and a path. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "plan/diag.h"
#include "plan/error.h"
#include "plan/load.h"
#include "plan/schema.h"

/* Instances of every type, nested, for compiled fuzz schemas to check. */
static const char instances_yaml[] =
	"kind: styrmodell\n"
	"municipality: {name: Lindby, code: \"0486\"}\n"
	"perspectives: [{id: a, name: A}, {id: b, name: B}, {id: a, name: A}]\n"
	"x-extra: [1, 2.5, -3, true, false, null, \"\", \"2026-02-30\"]\n"
	"---\n"
	"[1, [2, [3, [4]]], {a: {b: {c: d}}}, yes, 0486, 1e3]\n"
	"---\n"
	"\"text with \\u00e5 and \\t\"\n"
	"---\n"
	"2026\n"
	"---\n"
	"~\n"
	"---\n"
	"{}\n";

static plan_file *instances;

static void free_instances(void)
{
	plan_file_free(instances);
	instances = NULL;
}

static void load_instances(void)
{
	if (instances)
		return;
	atexit(free_instances);
	plan_diags *diags = plan_diags_new();
	const plan_limits limits = PLAN_LIMITS_INIT;
	if (!diags || plan_file_load(&instances, "instances.yaml", instances_yaml,
	                             sizeof instances_yaml - 1, &limits, diags) < 0)
		abort();
	fuzz_check(plan_diags_count(diags) == 0 && instances->ndocs == 6,
		"the fixed instances load cleanly", NULL, 0);
	plan_diags_free(diags);
}

typedef struct counter {
	size_t reports;
} counter;

static void on_violation(void *ctx, const plan_schema_violation *v)
{
	counter *c = ctx;
	c->reports++;
	fuzz_check(v->node != NULL && v->path != NULL && v->message != NULL,
		"a violation has a node, a path and a message", NULL, 0);
	fuzz_check(v->message[0] != '\0', "a violation message says something", NULL, 0);
	fuzz_check(v->node->line >= 1, "a violation's node has a position", v->message,
		strlen(v->message));
}

static void validate(const plan_schema *schema, const plan_node *instance)
{
	counter c = { 0 };
	int n = plan_schema_validate(schema, instance, PLAN_LANG_EN, on_violation, &c);
	fuzz_check(n < 0 || (size_t)n == c.reports, "the count is what was reported", NULL, 0);
	/* Without a report function the verdict is the same. */
	int verdict = plan_schema_validate(schema, instance, PLAN_LANG_EN, NULL, NULL);
	fuzz_check(n < 0 || verdict < 0 || (verdict == 0) == (n == 0),
		"the verdict does not depend on reporting", NULL, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load_instances();
	plan_diags *diags = plan_diags_new();
	if (!diags)
		return 0;
	const plan_limits limits = PLAN_LIMITS_INIT;
	plan_file *file = NULL;
	if (plan_file_load(&file, "fuzz.yaml", (const char *)data, size, &limits, diags) < 0) {
		plan_diags_free(diags);
		return 0;
	}
	/* A few documents are enough to reach everything; many only slow the
	 * fuzzer down. */
	size_t ndocs = file->ndocs < 4 ? file->ndocs : 4;
	for (size_t d = 0; d < ndocs; d++) {
		const plan_node *root = file->docs[d].root;
		if (!root)
			continue;
		for (size_t k = 0; plan_kinds[k]; k++) {
			const plan_schema *schema = plan_schema_for_kind(plan_kinds[k]);
			fuzz_check(schema != NULL, "every kind has a schema", NULL, 0);
			validate(schema, root);
		}
		plan_schema *own = NULL;
		plan_error err = PLAN_ERROR_INIT;
		if (plan_schema_compile(&own, root, "fuzz.yaml", &err) == 0) {
			for (size_t i = 0; i < instances->ndocs; i++)
				validate(own, instances->docs[i].root);
			validate(own, root);
			plan_schema_free(own);
		} else {
			fuzz_check(err.message[0] != '\0', "a schema that does not compile says why",
				NULL, 0);
		}
	}
	plan_file_free(file);
	plan_diags_free(diags);
	return 0;
}
