/* plan/schema.h: a JSON Schema draft-07 validator over plan node trees.
 *
 * A schema is compiled once (keywords checked, patterns compiled, $refs
 * resolved) and then validates any number of trees, from any thread. Only the
 * keywords listed in the README are supported; compiling a schema that uses
 * any other keyword fails, so nothing is silently ignored. */
#ifndef PLAN_SCHEMA_H
#define PLAN_SCHEMA_H

#include <stddef.h>

#include "plan/error.h"
#include "plan/lang.h"
#include "plan/load.h"

typedef struct plan_schema plan_schema;

/* Compile the schema whose document root is `root`. The schema keeps
 * pointers into the node tree, which must outlive it. `name` appears in
 * error messages. Returns 0 with *out set, or -1 with `err` naming the
 * position and the reason (unsupported keyword, bad pattern, bad $ref). */
int plan_schema_compile(plan_schema **out, const plan_node *root,
	const char *name, plan_error *err);

void plan_schema_free(plan_schema *schema);

/* One schema violation: the node at fault (for its position), the key path
 * to it ("goals[0].title"; "" for the root), an English message, and the
 * key or value the message suggests instead (NULL when it suggests none).
 *
 * An unknown key that was meant to be a key its mapping lacks (`titel:` for
 * `title`, `ansvarig:` for `responsible`: close to its name, or its schema
 * title's Swedish words) is one fault: that violation says "did you mean"
 * and sets `presumed` to the key meant and `mapping` to the mapping. The
 * missing key is not reported as well when it is required, and a caller
 * running checks of its own on the mapping should take the key as written
 * (misspelt) rather than report it missing a second time. */
typedef struct plan_schema_violation {
	const plan_node *node;
	const char *path;
	const char *message;
	const char *suggestion;
	const plan_node *mapping;  /* with `presumed`; else NULL */
	const char *presumed;      /* the schema's text: lives as long as the schema */
} plan_schema_violation;

typedef void (*plan_schema_report_fn)(void *ctx, const plan_schema_violation *v);

/* Validate `instance`; report each violation through `report` (may be NULL
 * when only the verdict matters), its message in `lang`. Returns the number
 * of violations reported (0: valid), or -1 when memory ran out. */
int plan_schema_validate(const plan_schema *schema, const plan_node *instance,
	plan_lang lang, plan_schema_report_fn report, void *ctx);

/* The document kinds, in plan-format.md's order; NULL-terminated. */
extern const char *const plan_kinds[];

/* The built-in schema for a document kind (compiled from schemas/ embedded at
 * build time), or NULL for an unknown kind. Compiled on first use, safely from
 * any thread; lives until the process exits. */
const plan_schema *plan_schema_for_kind(const char *kind);

/* The embedded JSON text of a kind's schema, or NULL. */
const char *plan_schema_text(const char *kind, size_t *len);

#endif
