/* limits.c: setting a limit from the command line ("file-size=32M"). */
#include "plan/load.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/error.h"

typedef struct limit_name {
	const char *name;
	size_t offset;      /* into plan_limits */
	int is_size;        /* a size_t in bytes (K, M, G allowed), else a uint32_t */
} limit_name;

static const limit_name names[] = {
	{ "file-size", offsetof(plan_limits, file_bytes), 1 },
	{ "scalar-size", offsetof(plan_limits, scalar_bytes), 1 },
	{ "depth", offsetof(plan_limits, depth), 0 },
	{ "alias-nodes", offsetof(plan_limits, alias_nodes), 0 },
	{ "documents", offsetof(plan_limits, documents), 0 },
	{ "files", offsetof(plan_limits, files), 0 },
};

int plan_limits_set(plan_limits *limits, const char *spec, plan_error *err)
{
	const char *eq = strchr(spec, '=');
	size_t n = eq ? (size_t)(eq - spec) : 0;
	const limit_name *which = NULL;
	for (size_t i = 0; eq && i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n && strncmp(names[i].name, spec, n) == 0)
			which = &names[i];
	if (!which)
		return plan_error_set(err, "unknown limit '%s' (expected NAME=VALUE with NAME one of "
			"file-size, scalar-size, depth, alias-nodes, documents, files)", spec);
	const char *value = eq + 1;
	char *end = NULL;
	errno = 0;
	unsigned long long v = strtoull(value, &end, 10);
	unsigned long long unit = 1;
	if (which->is_size && end && *end && !end[1]) {
		switch (*end) {
		case 'K': unit = 1ULL << 10; end++; break;
		case 'M': unit = 1ULL << 20; end++; break;
		case 'G': unit = 1ULL << 30; end++; break;
		default: break;
		}
	}
	/* A limit of 0 would refuse everything; past 4 G entries or 16 GiB a
	 * limit no longer protects anything. */
	unsigned long long max = which->is_size ? 16ULL << 30 : UINT32_MAX;
	if (errno || end == value || *end || *value == '-' || v == 0 || v > max / unit) {
		if (which->is_size)
			return plan_error_set(err, "limit '%s' needs a whole number from 1 (bytes; "
				"K, M or G allowed) up to 16G", spec);
		return plan_error_set(err, "limit '%s' needs a whole number from 1 up to 4294967295",
			spec);
	}
	char *field = (char *)limits + which->offset;
	if (which->is_size) {
		size_t s = (size_t)(v * unit);
		memcpy(field, &s, sizeof s);
	} else {
		uint32_t u = (uint32_t)v;
		memcpy(field, &u, sizeof u);
	}
	return 0;
}
