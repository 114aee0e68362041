/* set.c: the plan set pipeline: find the root, list the files, load and check
 * each one on a pool of threads, and gather the diagnostics in a stable order. */
#define _POSIX_C_SOURCE 200809L /* sysconf, strdup */

#include "plan/set.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/buf.h"
#include "plan/cache.h"
#include "plan/personal_data.h"
#include "plan/schema.h"
#include "plan/source.h"
#include "plan/suggest.h"
#include "plan/suppress.h"
#include "cache_index.h"
#include "rules_document.h"
#include "set_pool.h"
#include "source_impl.h"
#include "rules_model.h"

#define STYRMODELL "styrmodell.yaml"

const char plan_set_cache_default[] = "(the default cache directory)";

struct plan_set {
	char *root;
	plan_model *model;
	plan_source *source;
	plan_file **files;        /* sorted by path; NULL where a file could not be read */
	const char *const *paths; /* the listing, as files (owned by the source) */
	size_t nfiles;
	char **texts;             /* files read again to quote source lines, lazily */
	size_t *text_lens;
	size_t max_bytes;
	size_t documents;
	int checked_across;       /* the checks across documents ran */
	plan_diags *diags;
	plan_diags *suppressed;   /* what the files' directives took out of diags */
	plan_cache_stats cache;   /* what the result cache did while loading */
	plan_arena **arenas;      /* the loading threads': the model's parts and
	                           * the trees taken from the cache live there, so
	                           * they go after the files and the model */
	size_t narenas;
};

/* --- checking one document's shape ----------------------------------------- */

typedef struct violation_ctx {
	plan_diags *diags;
	plan_file *file;          /* gains the keys presumed misspelt */
	const plan_node *root;
	int oom;
} violation_ctx;

/* Where a schema violation is, found by following its key path through
 * `root`. `key` is what --base matches it by: the path with each list index
 * whose element has a text `id` written as that id, "goals[1].title" as
 * "goals[id=BUN-2].title", so that the fault keeps its key when items are
 * added, removed or moved above it. `pointer` is the path as a JSON Pointer
 * ("/goals/1/title"), and `item` the id of the innermost such element.
 * Returns -1 (nothing set) when the path cannot be followed. */
typedef struct violation_place {
	plan_buf key;
	plan_buf pointer;
	const char *item;       /* in the tree */
} violation_place;

/* One JSON Pointer reference token: '~' and '/' escaped as RFC 6901 says. */
static void put_pointer_token(plan_buf *out, const char *s, size_t len)
{
	plan_buf_putc(out, '/');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '~')
			plan_buf_puts(out, "~0");
		else if (s[i] == '/')
			plan_buf_puts(out, "~1");
		else
			plan_buf_putc(out, s[i]);
	}
}

static int locate(violation_place *at, const plan_node *root, const char *path)
{
	plan_buf *key = &at->key;
	const plan_node *node = root;
	const char *s = path;
	while (*s) {
		if (*s == '[') {
			char *end = NULL;
			unsigned long index = strtoul(s + 1, &end, 10);
			if (!end || end == s + 1 || *end != ']' || !node ||
			    node->type != PLAN_NODE_SEQUENCE || index >= node->len)
				return -1;
			node = node->u.items[index];
			const plan_node *id = plan_node_get(node, "id");
			if (id && id->type == PLAN_NODE_STRING) {
				plan_buf_printf(key, "[id=%s]", id->u.text);
				at->item = id->u.text;
			} else {
				plan_buf_printf(key, "[%lu]", index);
			}
			plan_buf_printf(&at->pointer, "/%lu", index);
			s = end + 1;
			continue;
		}
		if (*s == '.' && key->len > 0) {
			plan_buf_putc(key, '.');
			s++;
		}
		if (!node || node->type != PLAN_NODE_MAPPING)
			return -1;
		/* Keys may hold '.' or '[' themselves: take the longest key that
		 * ends where a segment can end. */
		const plan_pair *best = NULL;
		for (uint32_t i = 0; i < node->len; i++) {
			const plan_node *k = node->u.pairs[i].key;
			size_t n = k->len;
			if (strncmp(s, k->u.text, n) == 0 && strlen(k->u.text) == n &&
			    (s[n] == '\0' || s[n] == '.' || s[n] == '[') &&
			    (!best || n > best->key->len))
				best = &node->u.pairs[i];
		}
		if (!best || best->key->len == 0)
			return -1;
		plan_buf_put(key, s, best->key->len);
		put_pointer_token(&at->pointer, s, best->key->len);
		s += best->key->len;
		node = best->value;
	}
	return key->failed || at->pointer.failed ? -1 : 0;
}

static void on_violation(void *ctx, const plan_schema_violation *v)
{
	violation_ctx *c = ctx;
	violation_place at = { PLAN_BUF_INIT, PLAN_BUF_INIT, NULL };
	int found = locate(&at, c->root, v->path) == 0;
	plan_diag_detail detail = PLAN_DIAG_DETAIL_INIT;
	if (found) {
		/* The root's pointer is "", which a buffer never holding a byte
		 * keeps as NULL. */
		detail.pointer = at.pointer.ptr ? at.pointer.ptr : "";
		detail.item = at.item;
	}
	plan_node_end(&detail.end_line, &detail.end_column, v->node);
	detail.suggestion = v->suggestion;
	if (v->presumed && plan_file_presume(c->file, v->mapping, v->presumed) < 0)
		c->oom = 1;
	if (plan_diags_add(c->diags, c->file->path, v->node->line, v->node->column, "schema",
	                   found && at.key.ptr ? at.key.ptr : v->path, "%s", v->message) == 0)
		plan_diags_detail(c->diags, &detail);
	plan_buf_free(&at.key);
	plan_buf_free(&at.pointer);
}

/* A rule about an item gives its id as the key (what --base matches on);
 * naming it `item` as well, here for every rule at once, spares each rule
 * saying it twice. A key that names no item (a document id, a key path, a
 * perspective) is left alone. */
static int name_items(plan_diags *diags, const plan_model *model)
{
	if (!model)
		return 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (d->item || !d->key || !plan_model_find(model, d->key))
			continue;
		plan_diag_detail detail = PLAN_DIAG_DETAIL_INIT;
		detail.item = d->key;
		if (plan_diags_detail_at(diags, i, &detail) < 0)
			return -1;
	}
	return 0;
}

static void list_kinds(plan_buf *out)
{
	for (size_t i = 0; plan_kinds[i]; i++)
		plan_buf_printf(out, "%s%s", i ? ", " : "", plan_kinds[i]);
}

static void check_document(plan_file *file, const plan_doc *doc, plan_diags *diags)
{
	const plan_node *root = doc->root;
	if (!root || root->type != PLAN_NODE_MAPPING) {
		uint32_t line = root ? root->line : doc->line;
		uint32_t column = root ? root->column : doc->column;
		if (!root || root->type == PLAN_NODE_NULL)
			plan_diags_add(diags, file->path, line, column, "not-a-plan-document", NULL,
				"this YAML document is empty, not a plan document (a mapping with a 'kind' key)");
		else if (root->type == PLAN_NODE_SEQUENCE)
			plan_diags_add(diags, file->path, line, column, "not-a-plan-document", NULL,
				"this YAML document is a list, not a plan document (a mapping with a 'kind' key)");
		else
			plan_diags_add(diags, file->path, line, column, "not-a-plan-document", NULL,
				"this YAML document is a single value, not a plan document (a mapping with a 'kind' key)");
		return;
	}
	const plan_node *kind = plan_node_get(root, "kind");
	if (!kind) {
		plan_diags_add(diags, file->path, root->line, root->column, "not-a-plan-document",
			NULL, "this YAML document has no 'kind', so it is not a plan document");
		return;
	}
	const plan_schema *schema = kind->type == PLAN_NODE_STRING ?
		plan_schema_for_kind(kind->u.text) : NULL;
	if (!schema) {
		plan_buf kinds = PLAN_BUF_INIT;
		list_kinds(&kinds);
		if (kind->type == PLAN_NODE_STRING) {
			plan_suggest suggest = PLAN_SUGGEST_INIT(kind->u.text);
			for (size_t i = 0; plan_kinds[i]; i++)
				plan_suggest_add(&suggest, plan_kinds[i]);
			if (suggest.best &&
			    plan_diags_add(diags, file->path, kind->line, kind->column, "schema", "kind",
			                   "unknown kind '%s'; did you mean '%s'?", kind->u.text,
			                   suggest.best) == 0) {
				plan_diag_detail detail = PLAN_DIAG_DETAIL_INIT;
				detail.pointer = "/kind";
				detail.suggestion = suggest.best;
				plan_node_end(&detail.end_line, &detail.end_column, kind);
				plan_diags_detail(diags, &detail);
			}
			else if (!suggest.best)
				plan_diags_add(diags, file->path, kind->line, kind->column, "schema", "kind",
					"unknown kind '%s' (expected one of %s)", kind->u.text,
					kinds.ptr ? kinds.ptr : "");
		}
		else
			plan_diags_add(diags, file->path, kind->line, kind->column, "schema", "kind",
				"'kind' must be text naming the document kind (one of %s)",
				kinds.ptr ? kinds.ptr : "");
		plan_buf_free(&kinds);
		return;
	}
	violation_ctx ctx = { diags, file, root, 0 };
	if (plan_schema_validate(schema, root, plan_diags_lang(diags), on_violation, &ctx) < 0 ||
	    ctx.oom)
		plan_diags_add(diags, file->path, root->line, root->column, "limit", NULL,
			"out of memory while checking this document");
	plan_rules_document(file, root, kind->u.text, diags);
}

/* The per-file stage: check the `len` bytes of `text`, the file `path`;
 * faults go to `diags`, and the file's suppression directives to *sup. With
 * `keep`, what is returned is the file pruned to those keys. What it gives
 * depends on the text, the path and the settings alone, which is what lets
 * the result cache keep it. */
static plan_file *check_one(const char *path, const char *text, size_t len,
	const plan_limits *limits, const plan_keep *keep, plan_diags *diags,
	plan_suppressions **sup)
{
	plan_file *file = NULL;
	/* The text is not kept, and only it holds the comments. */
	int scanned = plan_suppressions_scan(sup, path, text, len, diags);
	size_t before = plan_diags_count(diags);
	if (scanned < 0 || plan_file_parse(&file, path, text, len, limits, diags) < 0) {
		plan_diags_add(diags, path, 0, 0, "limit", NULL, "out of memory while reading this file");
		return NULL;
	}
	if (file->ndocs == 0 && plan_diags_count(diags) == before)
		plan_diags_add(diags, path, 0, 0, "not-a-plan-document", NULL,
			"the file holds no YAML document; every file under the root must be a plan document");
	for (size_t i = 0; i < file->ndocs; i++) {
		/* Any text of any document, plan document or not, may leak a
		 * personal identity number into a public repository. */
		plan_rules_personal_data(file->path, file->docs[i].root, diags);
		check_document(file, &file->docs[i], diags);
	}
	/* Pruned, or whole in an arena of exactly its size: either way the
	 * parse's arena, a third empty on average, is not what is kept. */
	plan_file *copy = NULL;
	int copied = keep ? plan_file_prune(&copy, file, keep) : plan_file_compact(&copy, file);
	if (copied < 0) {
		plan_diags_add(diags, path, 0, 0, "limit", NULL,
			"out of memory while reading this file");
		plan_file_free(file);
		return NULL;
	}
	if (copy) {
		plan_file_free(file);
		file = copy;
	}
	return file;
}

/* The result kept under `key`, moved into `diags` and *sup: 1 on a hit.
 * Its trees are allocated from `arena` (NULL: one of the file's own). */
static int take_cached(plan_cache *cache, const plan_cache_key *key, const char *path,
	plan_arena *arena, plan_diags *diags, plan_suppressions **sup, plan_file **file)
{
	plan_file_result kept;
	if (!plan_cache_get_into(cache, key, path, &kept, arena))
		return 0;
	if (plan_diags_take(diags, kept.diags) < 0) {
		plan_file_result_release(&kept);
		return 0;
	}
	plan_diags_free(kept.diags);
	*sup = kept.suppressions;
	*file = kept.file;
	return 1;
}

/* The result cache as a plan set uses it: NULL members when there is none,
 * and `index` only for a working tree. */
typedef struct cache_use {
	plan_cache *cache;
	plan_cache_index *index;
} cache_use;

/* The stat of the working tree's file `path`, taken before it is read (see
 * cache_index.h); 0 when there is none to go by. It is the stat the read
 * takes before opening the file, which the read is then spared. */
static int stat_before(struct stat *st, const cache_use *cu, plan_source *source,
	const char *path)
{
	return cu->index && plan_source_stat(source, path, st);
}

/* Load one file and check it: from the result cache when it has the file's
 * result, else from its text (and then kept in the cache). A git source
 * names the file's blob without reading it, and so does the working tree's
 * index for a file unchanged since it was last read: a hit then reads
 * nothing of the plan set at all. A result from the cache is allocated from
 * `arena` when there is one (the loading thread's). */
static plan_file *load_one(plan_source *source, const cache_use *cu, const char *path,
	plan_arena *arena, const plan_limits *limits, const plan_keep *keep, plan_diags *diags,
	plan_suppressions **sup)
{
	plan_cache *cache = cu->cache;
	unsigned char blob[PLAN_CACHE_ID_BYTES];
	plan_cache_key key;
	plan_file *file = NULL;
	struct stat st;
	int known = cache ? plan_source_blob_id(source, path, blob) : -1;
	int stated = known == 0 && stat_before(&st, cu, source, path);
	if (known == 1 || (stated && plan_cache_index_find(cu->index, path, &st, blob))) {
		plan_cache_key_make(&key, cache, !keep, path, blob);
		if (take_cached(cache, &key, path, arena, diags, sup, &file))
			return file;
	}
	char *text = NULL;
	size_t len = 0;
	if (plan_source_read_stated(source, path, stated ? &st : NULL, limits->file_bytes,
	                            &text, &len, diags) < 0)
		return NULL;
	if (known == 0) {
		if (plan_cache_blob_id(blob, text, len) < 0) {
			known = -1;
		} else {
			if (stated)
				plan_cache_index_note(cu->index, path, &st, blob);
			plan_cache_key_make(&key, cache, !keep, path, blob);
			if (take_cached(cache, &key, path, arena, diags, sup, &file)) {
				free(text);
				return file;
			}
		}
	}
	file = check_one(path, text, len, limits, keep, diags, sup);
	free(text);
	/* A result that ran out of memory or past a limit is not the file's
	 * result for good: it is checked again next time. */
	if (known >= 0 && file && !plan_diags_oom(diags) && !plan_diags_input_failed(diags)) {
		plan_file_result result = { file, diags, *sup };
		plan_cache_put(cache, &key, &result);
	}
	return file;
}

/* --- the pool ----------------------------------------------------------------
 * Files are independent until linking: set_pool.c loads them on every
 * processor while the listing goes on, and puts them in the listing's
 * order, so the result is the same whatever the number of threads. */

typedef struct load_ctx {
	plan_source *source;
	const cache_use *cache;
	const plan_limits *limits;
	const plan_keep *keep;
} load_ctx;

/* The file, and its part of the model built at once, on this thread: its
 * trees were just made or read back, and are still in the processor's
 * cache. A part that cannot be built is built with the model instead. */
static plan_file *load_for_pool(void *ctx, plan_arena *arena, const char *path,
	plan_diags *diags, plan_suppressions **sup, plan_model_part **part)
{
	const load_ctx *c = ctx;
	plan_file *file = load_one(c->source, c->cache, path, arena, c->limits, c->keep, diags, sup);
	if (file && plan_model_part_build(part, file, arena) < 0)
		*part = NULL;
	return file;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)(n > 64 ? 64 : n) : 1;
}

/* --- styrmodell: ignore globs and severity overrides ------------------------- */

static const plan_node *styrmodell_root(const plan_file *file)
{
	if (!file || file->ndocs == 0)
		return NULL;
	const plan_node *root = file->docs[0].root;
	return plan_node_is_string(plan_node_get(root, "kind"), "styrmodell") ? root : NULL;
}

static size_t ignore_globs(const plan_node *styrmodell, const char ***out)
{
	const plan_node *list = plan_node_get(styrmodell, "ignore");
	*out = NULL;
	if (!list || list->type != PLAN_NODE_SEQUENCE || list->len == 0)
		return 0;
	const char **globs = calloc(list->len, sizeof *globs);
	if (!globs)
		return 0;
	size_t n = 0;
	for (uint32_t i = 0; i < list->len; i++)
		if (list->u.items[i]->type == PLAN_NODE_STRING)
			globs[n++] = list->u.items[i]->u.text;
	*out = globs;
	return n;
}

static void apply_overrides(const plan_node *styrmodell, plan_diags *diags)
{
	const plan_node *rules = plan_node_get(styrmodell, "rules");
	if (!rules || rules->type != PLAN_NODE_MAPPING)
		return;
	for (uint32_t i = 0; i < rules->len; i++) {
		const plan_node *value = rules->u.pairs[i].value;
		plan_severity severity;
		if (value->type == PLAN_NODE_STRING && plan_severity_parse(&severity, value->u.text) == 0)
			plan_diags_override(diags, rules->u.pairs[i].key->u.text, severity);
	}
}

plan_severity plan_set_rule_severity(const plan_set *set, const plan_rule *rule)
{
	plan_severity severity = rule->severity;
	if (!set || !rule->configurable)
		return severity;
	for (size_t i = 0; i < set->nfiles; i++) {
		if (!set->files[i] || strcmp(set->files[i]->path, STYRMODELL) != 0)
			continue;
		const plan_node *rules = plan_node_get(styrmodell_root(set->files[i]), "rules");
		const plan_node *value = rules && rules->type == PLAN_NODE_MAPPING ?
			plan_node_get(rules, rule->id) : NULL;
		plan_severity configured;
		/* The last of a key written twice wins, as in apply_overrides. */
		if (rules && rules->type == PLAN_NODE_MAPPING)
			for (uint32_t k = 0; k < rules->len; k++)
				if (strcmp(rules->u.pairs[k].key->u.text, rule->id) == 0)
					value = rules->u.pairs[k].value;
		if (value && value->type == PLAN_NODE_STRING &&
		    plan_severity_parse(&configured, value->u.text) == 0)
			severity = configured;
	}
	return severity;
}

/* --- the set ------------------------------------------------------------------ */

/* Every list of the set speaks the language asked for. */
static plan_diags *diags_new(plan_lang lang)
{
	plan_diags *diags = plan_diags_new();
	if (diags)
		plan_diags_set_lang(diags, lang);
	return diags;
}

int plan_set_load(plan_set **out, const plan_set_options *options, plan_error *err)
{
	*out = NULL;
	plan_set *set = calloc(1, sizeof *set);
	if (!set || !(set->diags = diags_new(options->lang)) ||
	    !(set->suppressed = diags_new(options->lang))) {
		if (set)
			plan_diags_free(set->diags);
		free(set);
		return plan_error_set(err, "out of memory");
	}
	const plan_limits *limits = &options->limits;
	set->max_bytes = limits->file_bytes;
	plan_file *styrmodell = NULL;
	plan_diags *styr_diags = NULL;
	plan_suppressions *styr_sup = NULL;
	const char **globs = NULL;
	set_pool *pool = NULL;
	plan_diags **file_diags = NULL;     /* per file, in the listing's order */
	plan_suppressions **file_sups = NULL;
	plan_model_part **parts = NULL;     /* per file, built by the pool */
	plan_arena **arenas = NULL;         /* the parts' */
	long narenas = 0;
	plan_keep *keep = NULL;
	plan_cache *cache = NULL;
	plan_cache_index *index = NULL;
	cache_use cu = { NULL, NULL };
	plan_source *tree = NULL;           /* the working tree's source, under any overlay */
	plan_dir_memo memo;
	char *cache_dir = NULL;
	int rc = -1;

	if (options->rev) {
		/* The git source finds the root in the revision's tree. */
		if (plan_source_open_git(&set->source, options->path, options->rev, err) < 0)
			goto cleanup;
		if (!(set->root = strdup(plan_source_root(set->source))))
			goto oom;
	} else {
		if (plan_root_find(&set->root, options->path ? options->path : ".", err) < 0)
			goto cleanup;
		if (plan_source_open_dir(&set->source, set->root, err) < 0)
			goto cleanup;
		tree = set->source;
	}
	if (options->noverlay) {
		plan_source *under = set->source;
		set->source = NULL;
		if (plan_source_open_overlay(&set->source, under, options->overlay,
		                             options->noverlay, err) < 0) {
			tree = NULL;   /* freed with the overlay that failed */
			goto cleanup;
		}
	}

	int named = options->cache != PLAN_SET_CACHE_DEFAULT;
	if (!named && plan_cache_default_dir(&cache_dir) < 0)
		goto oom;
	const char *dir = named ? options->cache : cache_dir;
	if (dir) {
		/* Never inside the plan set: a copy or a commit of the set would
		 * carry it. The default place there is passed over quietly; a
		 * named one is the user's mistake to hear about. */
		if (plan_cache_inside(dir, set->root)) {
			if (named) {
				plan_error_set(err, "the cache directory %s is inside the plan set at %s: "
				               "name one outside it, or give --no-cache", dir, set->root);
				goto cleanup;
			}
		} else if (plan_cache_open(&cache, dir, options->lang, limits, options->keep, 0) < 0) {
			cache = NULL;   /* no cache, no complaint: it only costs time */
		} else if (plan_cache_set_root(cache, set->root) < 0) {
			plan_cache_close(cache);
			cache = NULL;
		} else if (!options->rev && plan_cache_index_open(&index, dir, set->root) < 0) {
			index = NULL;
		}
	}
	cu = (cache_use){ cache, index };
	/* The index also spares the listing the directories that have not
	 * changed since the last run. */
	if (index && tree) {
		plan_cache_index_dir_memo(index, &memo);
		plan_source_remember_dirs(tree, &memo);
	}

	/* styrmodell.yaml first: its `ignore:` decides what the listing holds. */
	if (!(styr_diags = diags_new(options->lang)))
		goto oom;
	styrmodell = load_one(set->source, &cu, STYRMODELL, NULL, limits, NULL, styr_diags, &styr_sup);
	size_t nglobs = ignore_globs(styrmodell_root(styrmodell), &globs);

	if (options->keep && plan_keep_new(&keep, options->keep) < 0)
		goto oom;
	load_ctx lc = { set->source, &cu, limits, keep };
	if (set_pool_start(&pool, options->jobs ? options->jobs : default_jobs(), options->lang,
	                   load_for_pool, &lc, STYRMODELL) < 0)
		goto oom;
	const char *const *paths = NULL;
	if (plan_source_list_found(set->source, globs, nglobs, limits->files, &paths,
	                           &set->nfiles, set->diags, set_pool_found, pool) < 0)
		goto oom;
	set->paths = paths;
	set->files = calloc(set->nfiles ? set->nfiles : 1, sizeof *set->files);
	file_diags = calloc(set->nfiles ? set->nfiles : 1, sizeof *file_diags);
	file_sups = calloc(set->nfiles ? set->nfiles : 1, sizeof *file_sups);
	parts = calloc(set->nfiles ? set->nfiles : 1, sizeof *parts);
	if (!set->files || !file_diags || !file_sups || !parts ||
	    set_pool_finish(pool, paths, set->nfiles, set->files, file_diags, file_sups,
	                    parts) < 0)
		goto oom;
	for (size_t i = 0; i < set->nfiles; i++)
		if (strcmp(paths[i], STYRMODELL) == 0 && styrmodell) {
			set->files[i] = styrmodell;
			file_diags[i] = styr_diags;
			file_sups[i] = styr_sup;
			styrmodell = NULL;
			styr_diags = NULL;
			styr_sup = NULL;
		}

	const plan_node *styr_root = NULL;
	for (size_t i = 0; i < set->nfiles; i++) {
		if (set->files[i]) {
			set->documents += set->files[i]->ndocs;
			if (strcmp(set->files[i]->path, STYRMODELL) == 0)
				styr_root = styrmodell_root(set->files[i]);
		}
		if (file_diags[i] && plan_diags_take(set->diags, file_diags[i]) < 0)
			goto oom;
	}
	/* Linking needs every file: it runs once all are loaded. When a file
	 * could not be read in full, its items are missing and the checks
	 * across documents would report guesses (references to what is in the
	 * unread part): the model is still built, for plan-link, but its
	 * diagnostics are dropped until the file reads. */
	int complete = !plan_diags_input_failed(set->diags);
	for (size_t i = 0; i < set->nfiles; i++)
		if (!set->files[i] || set->files[i]->truncated)
			complete = 0;
	/* The set keeps the arenas, to free after the files and the model. */
	if ((narenas = set_pool_take_arenas(pool, &arenas)) < 0)
		goto oom;
	set->arenas = arenas;
	set->narenas = (size_t)narenas;
	arenas = NULL;
	plan_diags *link_diags = complete ? set->diags : diags_new(options->lang);
	if (!link_diags)
		goto oom;
	int failed = plan_model_build_parts(&set->model, (const plan_file *const *)set->files,
	                                    parts, set->nfiles, NULL, 0, link_diags) < 0 ||
	             plan_model_link(set->model, link_diags) < 0 ||
	             plan_rules_model(set->model, link_diags) < 0;
	if (!complete)
		plan_diags_free(link_diags);
	if (failed)
		goto oom;
	set->checked_across = complete;
	if (name_items(set->diags, set->model) < 0)
		goto oom;
	/* Before the overrides: a directive for a rule turned off still has its
	 * fault to cover, so it is not reported unused; what it covered is then
	 * counted only if the rule is on. */
	if (plan_suppressions_apply(file_sups, set->nfiles, complete, set->diags,
	                            set->suppressed) < 0)
		goto oom;
	apply_overrides(styr_root, set->diags);
	apply_overrides(styr_root, set->suppressed);
	plan_diags_sort(set->diags);
	rc = 0;
	goto cleanup;

oom:
	rc = plan_error_set(err, "out of memory");
cleanup:
	/* Files taken from the cache live in the pool's arenas: when the set
	 * has not taken those yet, its files go before them (freeing such a
	 * file reads it and frees nothing, so the workers, which may still
	 * run, are not disturbed). */
	if (rc < 0 && !set->arenas && set->files)
		for (size_t i = 0; i < set->nfiles; i++) {
			plan_file_free(set->files[i]);
			set->files[i] = NULL;
		}
	/* Before anything the workers use goes: on a failure they may still run. */
	set_pool_free(pool);
	if (file_diags)
		for (size_t i = 0; i < set->nfiles; i++)
			plan_diags_free(file_diags[i]);
	free(file_diags);
	if (file_sups)
		for (size_t i = 0; i < set->nfiles; i++)
			plan_suppressions_free(file_sups[i]);
	free(file_sups);
	free(parts);
	free(arenas);
	plan_suppressions_free(styr_sup);
	free(globs);
	plan_keep_free(keep);
	if (cache)
		set->cache = plan_cache_get_stats(cache);
	if (tree)
		plan_source_remember_dirs(tree, NULL);   /* the memo goes with the index */
	plan_cache_index_close(index);
	plan_cache_close(cache);
	free(cache_dir);
	plan_file_free(styrmodell);
	plan_diags_free(styr_diags);
	if (rc < 0) {
		plan_set_free(set);
		return -1;
	}
	*out = set;
	return 0;
}

void plan_set_free(plan_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nfiles; i++)
		plan_file_free(set->files[i]);
	free(set->files);
	plan_model_free(set->model);
	for (size_t i = 0; i < set->narenas; i++)
		plan_arena_free(set->arenas[i]);
	free(set->arenas);
	if (set->texts)
		for (size_t i = 0; i < set->nfiles; i++)
			free(set->texts[i]);
	free(set->texts);
	free(set->text_lens);
	plan_source_free(set->source);
	plan_diags_free(set->diags);
	plan_diags_free(set->suppressed);
	free(set->root);
	free(set);
}

const char *plan_set_root(const plan_set *set)
{
	return set->root;
}

int plan_set_provenance(const plan_set *set, long long *commit_time)
{
	*commit_time = set->source->revision_time;
	if (plan_source_revision(set->source))
		return 0;
	return plan_worktree_dirty(set->root);
}

const char *plan_set_revision(const plan_set *set)
{
	return plan_source_revision(set->source);
}

int plan_set_checked_across(const plan_set *set)
{
	return set->checked_across;
}

plan_cache_stats plan_set_cache_stats(const plan_set *set)
{
	return set->cache;
}

size_t plan_set_document_count(const plan_set *set)
{
	return set->documents;
}

size_t plan_set_file_count(const plan_set *set)
{
	return set->nfiles;
}

/* The index of `relpath` in the listing (every source lists its paths
 * sorted bytewise, read or not), or (size_t)-1. */
static size_t path_index(const plan_set *set, const char *relpath)
{
	size_t lo = 0, hi = set->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(set->paths[mid], relpath);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

int plan_set_lists(const plan_set *set, const char *relpath)
{
	return path_index(set, relpath) != (size_t)-1;
}

const plan_file *plan_set_file(const plan_set *set, size_t index)
{
	return index < set->nfiles ? set->files[index] : NULL;
}

const char *plan_set_path(const plan_set *set, size_t index)
{
	return index < set->nfiles ? set->paths[index] : NULL;
}

const plan_model *plan_set_model(const plan_set *set)
{
	return set->model;
}

plan_diags *plan_set_diags(plan_set *set)
{
	return set->diags;
}

plan_diags *plan_set_suppressed(plan_set *set)
{
	return set->suppressed;
}

/* The index of a loaded file by its path, or (size_t)-1. */
static size_t file_index(const plan_set *set, const char *file)
{
	size_t i = path_index(set, file);
	return i != (size_t)-1 && set->files[i] ? i : (size_t)-1;
}

/* The text is not kept while checking (a large plan set would hold it all
 * twice over); a source line is quoted only on a terminal, so the file is
 * read again then, through the same source and its rules. */
const char *plan_set_file_text(void *ctx, const char *file, size_t *len)
{
	plan_set *set = ctx;
	size_t i = file_index(set, file);
	if (i == (size_t)-1)
		return NULL;
	if (!set->texts) {
		set->texts = calloc(set->nfiles, sizeof *set->texts);
		set->text_lens = calloc(set->nfiles, sizeof *set->text_lens);
		if (!set->texts || !set->text_lens) {
			free(set->texts);
			free(set->text_lens);
			set->texts = NULL;
			set->text_lens = NULL;
			return NULL;
		}
	}
	if (!set->texts[i] &&
	    plan_source_read(set->source, file, set->max_bytes, &set->texts[i],
	                     &set->text_lens[i], NULL) < 0)
		return NULL;
	*len = set->text_lens[i];
	return set->texts[i];
}
