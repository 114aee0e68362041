/* plan/load.h: YAML text to a node tree with line and column on every node.
 *
 * libyaml's event parser feeds the tree straight into the file's arena. Scalars
 * are typed by the YAML 1.2 core schema with two deliberate differences, so
 * that plan documents mean what they look like:
 *   - an unquoted number with a leading zero (`0486`) stays a string: it is a
 *     code, not the number 486;
 *   - `yes`, `no`, `on`, `off` (YAML 1.1 booleans) stay strings.
 * Unquoted dates (`2026-01-15`) are strings too (JSON Schema's "date" format
 * checks them); `1e3` is the number 1000; `2026` is the integer 2026. Quoted
 * scalars are always strings. See README, "How YAML values are read". */
#ifndef PLAN_LOAD_H
#define PLAN_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "plan/arena.h"
#include "plan/diag.h"

typedef enum plan_node_type {
	PLAN_NODE_NULL,
	PLAN_NODE_BOOL,
	PLAN_NODE_NUMBER,
	PLAN_NODE_STRING,
	PLAN_NODE_MAPPING,
	PLAN_NODE_SEQUENCE
} plan_node_type;

typedef struct plan_node plan_node;

typedef struct plan_pair {
	plan_node *key;       /* always a scalar node; its text is the key */
	plan_node *value;
} plan_pair;

/* A node of the tree. Read-only for everyone but the loader. An alias is the
 * very node its anchor names, so a tree may share subtrees (never cycles);
 * only an alias used as a mapping key is a copy, carrying the alias's own
 * position so that faults about the key point at it. */
struct plan_node {
	/* Flags as bit-fields and the number sharing its room with the subtree
	 * size: a plan set holds millions of nodes, and 32 bytes a node instead
	 * of 40 is a fifth less memory. */
	unsigned type : 3;        /* plan_node_type */
	unsigned is_integer : 1;  /* NUMBER: no fractional part */
	unsigned quoted : 1;      /* scalar written quoted or as a block */
	unsigned bool_value : 1;  /* BOOL */
	unsigned shared : 1;      /* an alias names it too: the tree holds it twice */
	uint32_t line;        /* 1-based */
	uint32_t column;      /* 1-based, in characters */
	uint32_t len;         /* scalar: bytes of text; mapping: pairs; sequence: items */
	union {
		double number;        /* NUMBER */
		uint32_t size;        /* MAPPING, SEQUENCE: nodes in the subtree, itself
		                       * included (use plan_node_size) */
		struct {
			uint32_t line, column;
		} end;                /* STRING, BOOL, NULL: just after the text as
		                       * written (use plan_node_end) */
	};
	union {
		const char *text;     /* scalars (every type): the text as written, NUL-terminated */
		plan_pair *pairs;     /* MAPPING */
		plan_node **items;    /* SEQUENCE */
	} u;
};

/* True for a mapping or a list; false for a scalar of any type. */
static inline int plan_node_is_collection(const plan_node *node)
{
	return node->type == PLAN_NODE_MAPPING || node->type == PLAN_NODE_SEQUENCE;
}

/* Nodes in the subtree of `node`, itself included: 1 for a scalar. */
static inline uint32_t plan_node_size(const plan_node *node)
{
	return plan_node_is_collection(node) ? node->size : 1;
}

/* Where `node` ends as written: just after a scalar's last character (its
 * closing quote, its block's last line), and for a mapping or list the end of
 * its last value or item (a flow collection's closing bracket is not
 * counted); an empty collection ends where it starts. Sets *line and
 * *column (1-based, as the node's own position), or 0 and 0 when the end is
 * not known (a node built by hand). */
void plan_node_end(uint32_t *line, uint32_t *column, const plan_node *node);

typedef struct plan_doc {
	plan_node *root;      /* NULL for an empty document */
	uint32_t line;        /* where the document starts */
	uint32_t column;
} plan_doc;

typedef struct plan_limits {
	size_t file_bytes;        /* largest file read */
	size_t scalar_bytes;      /* longest scalar */
	uint32_t depth;           /* deepest nesting of collections */
	uint32_t alias_nodes;     /* nodes reachable through aliases, per document */
	uint32_t documents;       /* documents in one file */
	uint32_t files;           /* files in a plan set */
} plan_limits;

#define PLAN_LIMITS_INIT { (size_t)16 << 20, (size_t)1 << 20, 64, 100000, 1000, 200000 }

struct plan_error;

/* Set one limit from "NAME=VALUE" as a user writes it on the command line:
 * file-size and scalar-size in bytes (with K, M or G), depth, alias-nodes,
 * documents and files as counts. Returns 0, or -1 with `err` saying what is
 * wrong (an unknown name, a value that is not a positive whole number). */
int plan_limits_set(plan_limits *limits, const char *spec, struct plan_error *err);

/* One loaded file: its text (kept for quoting source lines) and documents. */
/* A key a mapping is presumed to have although it is written misspelt
 * (`ansvarig:` for `responsible:`): the schema check reported the unknown
 * key with "did you mean", and checks of the key's absence leave it be (one
 * fault, one diagnostic). The mapping is named by its position, which a
 * pruned copy keeps. */
typedef struct plan_presumed_key {
	uint32_t line, column;    /* of the mapping */
	const char *key;          /* the key meant; static (a built-in schema's text) */
} plan_presumed_key;

typedef struct plan_file {
	const char *path;     /* relative to the plan set root */
	const char *text;     /* the bytes read, NUL-terminated, owned by the arena;
	                       * NULL when loaded with plan_file_parse or pruned */
	size_t len;
	plan_doc *docs;
	size_t ndocs;
	int truncated;        /* a fault (syntax, limit) stopped reading before the end */
	plan_presumed_key *presumed;  /* recorded by the plan set's schema check */
	size_t npresumed, cappresumed;
	plan_arena *arena;    /* owns everything above */
} plan_file;

/* Record that `mapping` of `file` is presumed to have `key` (a string that
 * outlives the file). Returns 0, or -1 when memory ran out. */
int plan_file_presume(plan_file *file, const plan_node *mapping, const char *key);

/* True when `mapping` of `file` is presumed to have `key`: a check that
 * would report the key missing should say nothing, since the schema check
 * reported the misspelt key already. False for a NULL file or mapping. */
int plan_file_presumes(const plan_file *file, const plan_node *mapping, const char *key);

/* Parse `len` bytes of YAML named `path`. Faults (yaml-syntax, duplicate-key,
 * limit) become diagnostics in `diags`; the documents parsed before a syntax
 * error are kept. Returns 0 with *out set (free with plan_file_free), or -1
 * when memory ran out (*out NULL). */
int plan_file_load(plan_file **out, const char *path, const char *text,
	size_t len, const plan_limits *limits, plan_diags *diags);

/* As plan_file_load, but the file's text is not kept (file->text is NULL):
 * `text` need only live until the call returns. For callers that can read
 * the file again when they need its text, as a plan set does to quote a
 * source line; a large plan set then holds its node trees only. */
int plan_file_parse(plan_file **out, const char *path, const char *text,
	size_t len, const plan_limits *limits, plan_diags *diags);

void plan_file_free(plan_file *file);

/* The value of `key` in a mapping node, or NULL (also when `map` is not a
 * mapping). */
const plan_node *plan_node_get(const plan_node *map, const char *key);

/* The values of `n` keys of a mapping, in one pass over it: out[i] for
 * keys[i], NULL when absent or `map` is no mapping. For a reader that wants
 * several fields of each of many mappings (a report's lines): each lookup
 * alone would walk the mapping again. */
void plan_node_get_keys(const plan_node *map, const char *const *keys, size_t n,
	const plan_node **out);

/* True when the node is a string scalar equal to `text`. */
int plan_node_is_string(const plan_node *node, const char *text);

/* "null", "boolean", "number", "integer", "string", "mapping" or "list":
 * what a message should call the node's type. */
const char *plan_node_type_name(const plan_node *node);

#endif
