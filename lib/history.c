/* history.c: which commit last changed an item's meaning: one walk over the
 * commits between two revisions, parsing a file's version only where its blob
 * changed, and only the files that hold the items asked about. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* realpath, strdup, gmtime_r under -std=c11 */
#endif

#include "plan/history.h"

#include <errno.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "array.h"
#include "plan/buf.h"
#include "plan/diag.h"
#include "plan/model_diff.h"

/* Parsed versions kept at once: consecutive commits mostly share a file's
 * versions, so a few suffice to parse each version about once. */
#define CACHE_SLOTS 32

typedef struct id_entry {
	const char *id;
	const plan_node *node;
	size_t order;
} id_entry;

/* One parsed version of a file: its mappings with an `id`, sorted by it. */
typedef struct version {
	git_oid oid;
	plan_file *file;
	id_entry *ids;
	size_t nids, cap;
	unsigned long used;         /* for evicting the least recently used */
	int valid;
} version;

/* Where an item is in one commit: the blobs of its two candidate files. */
typedef struct place {
	git_oid oid[2];
	uint8_t has[2];
} place;

typedef struct query {
	const plan_history_item *item;
	char *path[2];              /* in the commit's tree: the new file, the old file */
	size_t pid[2];              /* their numbers among the distinct paths */
	size_t npaths;
	int done;
} query;

/* What one tree holds at the queries' paths, each looked up once however
 * many items share the file. */
typedef struct tree_memo {
	git_tree *tree;
	uint8_t *state;             /* per path number: 0 not looked up, 1 a blob, 2 none */
	git_oid *oids;
} tree_memo;

typedef struct history {
	git_repository *repo;
	size_t npids;               /* distinct paths of all queries */
	version cache[CACHE_SLOTS];
	unsigned long clock;
	plan_limits limits;
	plan_error *err;
	int failed;
} history;

/* The language of `err`'s messages (plan_error_set allows NULL). */
#define ERR_LANG(err) ((err) ? (err)->lang : PLAN_LANG_EN)

/* libgit2's message for its last error (English: libgit2 has no
 * translations), or "unknown error" in `lang`. */
static const char *git_message(plan_lang lang)
{
	const git_error *e = git_error_last();
	return e && e->message && e->message[0] ? e->message : plan_tr(lang, "unknown error");
}

/* --- parsed versions ----------------------------------------------------------- */

static int id_entry_cmp(const void *x, const void *y)
{
	const id_entry *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Every mapping with a string `id`, in document order. */
static void collect_ids(version *v, const plan_node *node, int *oom)
{
	if (!node || *oom)
		return;
	if (node->type == PLAN_NODE_MAPPING) {
		const plan_node *id = plan_node_get(node, "id");
		if (id && id->type == PLAN_NODE_STRING && strlen(id->u.text) == id->len) {
			if (plan_array_reserve((void **)&v->ids, &v->cap, v->nids + 1, sizeof *v->ids) < 0) {
				*oom = 1;
				return;
			}
			v->ids[v->nids].id = id->u.text;
			v->ids[v->nids].node = node;
			v->ids[v->nids].order = v->nids;
			v->nids++;
		}
		for (uint32_t i = 0; i < node->len; i++)
			collect_ids(v, node->u.pairs[i].value, oom);
	} else if (node->type == PLAN_NODE_SEQUENCE) {
		for (uint32_t i = 0; i < node->len; i++)
			collect_ids(v, node->u.items[i], oom);
	}
}

static void version_clear(version *v)
{
	plan_file_free(v->file);
	free(v->ids);
	memset(v, 0, sizeof *v);
}

/* The parsed version of a blob, from the cache or read now; NULL when it
 * cannot be read (h->failed is set when that is a fault of the repository). */
static version *version_get(history *h, const git_oid *oid, const char *path)
{
	version *slot = &h->cache[0];
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		version *v = &h->cache[i];
		if (v->valid && git_oid_equal(&v->oid, oid)) {
			v->used = ++h->clock;
			return v;
		}
		if (!v->valid || v->used < slot->used)
			slot = v;
	}
	version_clear(slot);

	git_blob *blob = NULL;
	plan_diags *diags = NULL;
	if (git_blob_lookup(&blob, h->repo, oid) < 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, oid);
		plan_error_set(h->err, "cannot read '%s' (blob %s) from the history: %s", path, hex,
			git_message(ERR_LANG(h->err)));
		h->failed = 1;
		return NULL;
	}
	/* A version too large to read is one the item is not found in. */
	size_t size = (size_t)git_blob_rawsize(blob);
	int oom = 0;
	if (size <= h->limits.file_bytes) {
		if (!(diags = plan_diags_new()) ||
		    plan_file_load(&slot->file, path, git_blob_rawcontent(blob), size, &h->limits,
		                   diags) < 0)
			oom = 1;
		for (size_t d = 0; !oom && slot->file && d < slot->file->ndocs; d++)
			collect_ids(slot, slot->file->docs[d].root, &oom);
	}
	plan_diags_free(diags);
	git_blob_free(blob);
	if (oom) {
		version_clear(slot);
		plan_error_set(h->err, "out of memory");
		h->failed = 1;
		return NULL;
	}
	qsort(slot->ids, slot->nids, sizeof *slot->ids, id_entry_cmp);
	git_oid_cpy(&slot->oid, oid);
	slot->valid = 1;
	slot->used = ++h->clock;
	return slot;
}

static const plan_node *version_find(const version *v, const char *id)
{
	size_t lo = 0, hi = v->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v->ids[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->nids && strcmp(v->ids[lo].id, id) == 0 ? v->ids[lo].node : NULL;
}

/* --- items in commits ------------------------------------------------------------- */

/* Point a memo at a tree (owned by the memo from then on), forgetting what
 * it knew; its arrays are made on first use. */
static int memo_reset(history *h, tree_memo *m, git_tree *tree)
{
	git_tree_free(m->tree);
	m->tree = tree;
	if (!m->state) {
		m->state = calloc(h->npids ? h->npids : 1, 1);
		m->oids = calloc(h->npids ? h->npids : 1, sizeof *m->oids);
		if (!m->state || !m->oids) {
			plan_error_set(h->err, "out of memory");
			h->failed = 1;
			return -1;
		}
	} else {
		memset(m->state, 0, h->npids);
	}
	return 0;
}

static void memo_free(tree_memo *m)
{
	git_tree_free(m->tree);
	free(m->state);
	free(m->oids);
	memset(m, 0, sizeof *m);
}

/* The blobs of the query's files in a memo's tree. */
static int place_of(history *h, tree_memo *m, const query *q, place *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; m->tree && i < q->npaths; i++) {
		size_t pid = q->pid[i];
		if (m->state[pid] == 0) {
			git_tree_entry *e = NULL;
			int rc = git_tree_entry_bypath(&e, m->tree, q->path[i]);
			m->state[pid] = 2;
			if (rc < 0 && rc != GIT_ENOTFOUND) {
				plan_error_set(h->err, "cannot read '%s' from the history: %s", q->path[i],
					git_message(ERR_LANG(h->err)));
				h->failed = 1;
				return -1;
			}
			git_filemode_t mode = rc == 0 ? git_tree_entry_filemode(e) : GIT_FILEMODE_UNREADABLE;
			if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
				git_oid_cpy(&m->oids[pid], git_tree_entry_id(e));
				m->state[pid] = 1;
			}
			git_tree_entry_free(e);
		}
		if (m->state[pid] == 1) {
			git_oid_cpy(&out->oid[i], &m->oids[pid]);
			out->has[i] = 1;
		}
	}
	return 0;
}

typedef struct path_ref {
	const char *path;
	size_t *pid;
} path_ref;

static int path_ref_cmp(const void *x, const void *y)
{
	return strcmp(((const path_ref *)x)->path, ((const path_ref *)y)->path);
}

/* Number the distinct paths of all queries. */
static int number_paths(history *h, query *queries, size_t nqueries)
{
	path_ref *refs = malloc((nqueries ? nqueries : 1) * 2 * sizeof *refs);
	size_t n = 0;
	if (!refs)
		return plan_error_set(h->err, "out of memory");
	for (size_t i = 0; i < nqueries; i++)
		for (size_t k = 0; k < queries[i].npaths; k++) {
			refs[n].path = queries[i].path[k];
			refs[n].pid = &queries[i].pid[k];
			n++;
		}
	qsort(refs, n, sizeof *refs, path_ref_cmp);
	h->npids = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(refs[i - 1].path, refs[i].path) != 0)
			h->npids++;
		*refs[i].pid = h->npids;
	}
	if (n)
		h->npids++;
	free(refs);
	return 0;
}

static int same_place(const place *a, const place *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a->has[i] != b->has[i])
			return 0;
		if (a->has[i] && !git_oid_equal(&a->oid[i], &b->oid[i]))
			return 0;
	}
	return 1;
}

/* The item's mapping where `p` says its files are, or NULL. */
static const plan_node *node_at(history *h, const query *q, const place *p)
{
	for (size_t i = 0; i < q->npaths; i++) {
		if (!p->has[i])
			continue;
		version *v = version_get(h, &p->oid[i], q->path[i]);
		if (!v)
			return NULL;
		const plan_node *node = version_find(v, q->item->id);
		if (node)
			return node;
	}
	return NULL;
}

static int same_meaning(const plan_node *a, const plan_node *b)
{
	if (!a || !b)
		return !a && !b;
	return plan_node_meaning_equal(a, b);
}

static void record(history *h, plan_history_change *change, git_commit *commit)
{
	git_buf buf = { 0 };
	change->state = PLAN_HISTORY_COMMIT;
	git_oid_tostr(change->commit, sizeof change->commit, git_commit_id(commit));
	if (git_object_short_id(&buf, (const git_object *)commit) == 0 && buf.ptr &&
	    buf.size < sizeof change->short_id) {
		memcpy(change->short_id, buf.ptr, buf.size);
		change->short_id[buf.size] = '\0';
	} else {
		memcpy(change->short_id, change->commit, 7);
		change->short_id[7] = '\0';
	}
	git_buf_dispose(&buf);
	const git_signature *author = git_commit_author(commit);
	if (author) {
		time_t t = (time_t)(author->when.time + (git_time_t)author->when.offset * 60);
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(change->date, sizeof change->date, "%Y-%m-%d", &tm);
	}
	const char *summary = git_commit_summary(commit);
	if (!(change->subject = strdup(summary ? summary : ""))) {
		plan_error_set(h->err, "out of memory");
		h->failed = 1;
	}
}

/* --- the repository ------------------------------------------------------------------ */

/* `path` without trailing slashes ("/" stays). */
static void strip_slash(char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
}

/* The repository holding `root`, or the nearest existing directory above it
 * (a revision's root need not exist in the working tree). */
static int open_repo(history *h, const char *root)
{
	char *dir = strdup(root);
	struct stat st;
	if (!dir)
		return plan_error_set(h->err, "out of memory");
	strip_slash(dir);
	while (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			return plan_error_set(h->err, "cannot find the repository that holds '%s'", root);
		}
		*slash = '\0';
	}
	int rc = git_repository_open_ext(&h->repo, dir, 0, NULL);
	free(dir);
	if (rc < 0)
		return plan_error_set(h->err, "cannot open the repository that holds '%s': %s", root,
			git_message(ERR_LANG(h->err)));
	return 0;
}

/* `root`'s path in the repository's trees ("" at the top), in *out (free()
 * it): relative to the work tree, or to the git directory of a bare
 * repository, as the git source places a root. */
static int path_in_tree(history *h, const char *root, char **out)
{
	const char *workdir = git_repository_workdir(h->repo);
	char *base = workdir ? realpath(workdir, NULL) : strdup(git_repository_path(h->repo));
	*out = NULL;
	if (!base)
		return plan_error_set(h->err, "cannot open the repository's working tree: %s",
			plan_tr(ERR_LANG(h->err), strerror(errno)));
	strip_slash(base);
	size_t n = strlen(base);
	const char *rest = NULL;
	if (strncmp(root, base, n) == 0 && (root[n] == '/' || root[n] == '\0'))
		rest = root[n] == '/' ? root + n + 1 : root + n;
	else if (strcmp(base, "/") == 0 && root[0] == '/')
		rest = root + 1;
	if (!rest) {
		plan_error_set(h->err, "the plan set at '%s' is not in the repository at %s", root, base);
		free(base);
		return -1;
	}
	*out = strdup(rest);
	free(base);
	if (!*out)
		return plan_error_set(h->err, "out of memory");
	strip_slash(*out);
	if (strcmp(*out, "/") == 0)
		(*out)[0] = '\0';
	return 0;
}

static char *join(const char *dir, const char *file)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_buf_puts(&buf, dir);
	if (dir[0])
		plan_buf_putc(&buf, '/');
	plan_buf_puts(&buf, file);
	return plan_buf_detach(&buf);
}

void plan_history_free(plan_history_change *changes, size_t nitems)
{
	if (!changes)
		return;
	for (size_t i = 0; i < nitems; i++)
		free(changes[i].subject);
	free(changes);
}

/* Whether commit C changed the query's item: its version differs in meaning
 * from the version in every parent (memos[1..nparents]; none for a root
 * commit, where it changed if it is there at all). */
static int changed_in(history *h, const query *q, tree_memo *memos, size_t nparents)
{
	place here;
	if (place_of(h, &memos[0], q, &here) < 0)
		return 0;
	if (nparents == 0)
		return node_at(h, q, &here) != NULL;
	for (size_t k = 0; k < nparents; k++) {
		place there;
		if (place_of(h, &memos[1 + k], q, &there) < 0)
			return 0;
		/* The same blobs: the same item, nothing to parse. */
		if (same_place(&here, &there, q->npaths))
			return 0;
		/* Both versions looked up last, so neither is evicted from the
		 * cache while the other is read (a cached version is found again
		 * without parsing). */
		const plan_node *before = node_at(h, q, &there);
		const plan_node *node = h->failed ? NULL : node_at(h, q, &here);
		if (h->failed || same_meaning(node, before))
			return 0;
	}
	return 1;
}

int plan_history_find(plan_history_change **out, const plan_history_range *range,
	const plan_history_item *items, size_t nitems, plan_error *err)
{
	int rc = -1;
	history h;
	memset(&h, 0, sizeof h);
	h.err = err;
	h.limits = (plan_limits)PLAN_LIMITS_INIT;
	plan_history_change *changes = calloc(nitems ? nitems : 1, sizeof *changes);
	query *queries = calloc(nitems ? nitems : 1, sizeof *queries);
	char *new_dir = NULL, *old_dir = NULL;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL, *parent = NULL;
	git_tree *tree = NULL;
	tree_memo *memos = NULL;            /* the commit's tree, then its parents' */
	size_t nmemos = 0, cap_memos = 0;
	int libgit2_ready = 0;
	*out = NULL;
	if (!changes || !queries) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	if (git_libgit2_init() < 0) {
		plan_error_set(err, "cannot start libgit2: %s", git_message(ERR_LANG(err)));
		goto cleanup;
	}
	libgit2_ready = 1;
	/* The walk looks the same trees up commit after commit: libgit2's
	 * object cache pays here (reading a revision turns it off, since there
	 * every object is read once). */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	if (open_repo(&h, range->root) < 0 || path_in_tree(&h, range->root, &new_dir) < 0 ||
	    path_in_tree(&h, range->old_root ? range->old_root : range->root, &old_dir) < 0)
		goto cleanup;

	size_t pending = 0;
	for (size_t i = 0; i < nitems; i++) {
		query *q = &queries[i];
		q->item = &items[i];
		if (!items[i].file || !(q->path[q->npaths++] = join(new_dir, items[i].file))) {
			if (items[i].file)
				plan_error_set(err, "out of memory");
			else
				plan_error_set(err, "an item without a file");
			goto cleanup;
		}
		if (items[i].old_file) {
			char *old = join(old_dir, items[i].old_file);
			if (!old) {
				plan_error_set(err, "out of memory");
				goto cleanup;
			}
			if (strcmp(old, q->path[0]) == 0)
				free(old);
			else
				q->path[q->npaths++] = old;
		}
		pending++;
	}
	if (number_paths(&h, queries, nitems) < 0 ||
	    plan_array_reserve((void **)&memos, &cap_memos, 2, sizeof *memos) < 0) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	memset(memos, 0, cap_memos * sizeof *memos);
	nmemos = cap_memos;

	git_oid start;
	if (range->until) {
		if (git_oid_fromstr(&start, range->until) < 0) {
			plan_error_set(err, "not a commit id: '%s'", range->until);
			goto cleanup;
		}
	} else {
		/* The working tree against HEAD: what differs is not committed. */
		git_reference *head = NULL;
		int found = git_repository_head(&head, h.repo);
		if (found == GIT_EUNBORNBRANCH || found == GIT_ENOTFOUND) {
			for (size_t i = 0; i < nitems; i++)
				changes[i].state = PLAN_HISTORY_UNCOMMITTED;
			pending = 0;
		} else if (found < 0 || git_reference_peel((git_object **)&commit, head,
		                                           GIT_OBJECT_COMMIT) < 0) {
			plan_error_set(err, "cannot read HEAD: %s", git_message(ERR_LANG(err)));
			git_reference_free(head);
			goto cleanup;
		}
		git_reference_free(head);
		if (commit) {
			git_oid_cpy(&start, git_commit_id(commit));
			if (git_commit_tree(&tree, commit) < 0) {
				plan_error_set(err, "cannot read the files of HEAD: %s", git_message(ERR_LANG(err)));
				goto cleanup;
			}
			int reset = memo_reset(&h, &memos[0], tree);
			tree = NULL;        /* the memo's now, whatever happened */
			if (reset < 0)
				goto cleanup;
			for (size_t i = 0; i < nitems && !h.failed; i++) {
				place p;
				if (place_of(&h, &memos[0], &queries[i], &p) < 0)
					break;
				const plan_node *at_head = node_at(&h, &queries[i], &p);
				if (!h.failed && !same_meaning(items[i].node, at_head)) {
					changes[i].state = PLAN_HISTORY_UNCOMMITTED;
					queries[i].done = 1;
					pending--;
				}
			}
			if (h.failed)
				goto cleanup;
			git_commit_free(commit);
			commit = NULL;
		}
	}

	if (pending) {
		git_oid since;
		if (git_revwalk_new(&walk, h.repo) < 0 ||
		    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0 ||
		    git_revwalk_push(walk, &start) < 0 ||
		    (range->since && (git_oid_fromstr(&since, range->since) < 0 ||
		                      git_revwalk_hide(walk, &since) < 0))) {
			plan_error_set(err, "cannot walk the history: %s", git_message(ERR_LANG(err)));
			goto cleanup;
		}
	}
	git_oid oid;
	while (pending && git_revwalk_next(&oid, walk) == 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, &oid);
		if (git_commit_lookup(&commit, h.repo, &oid) < 0 || git_commit_tree(&tree, commit) < 0) {
			plan_error_set(err, "cannot read commit %s: %s", hex, git_message(ERR_LANG(err)));
			goto cleanup;
		}
		int reset = memo_reset(&h, &memos[0], tree);
		tree = NULL;                /* the memo's now, whatever happened */
		if (reset < 0)
			goto cleanup;
		size_t nparents = git_commit_parentcount(commit);
		if (1 + nparents > nmemos) {
			if (plan_array_reserve((void **)&memos, &cap_memos, 1 + nparents, sizeof *memos) < 0) {
				plan_error_set(err, "out of memory");
				goto cleanup;
			}
			memset(memos + nmemos, 0, (cap_memos - nmemos) * sizeof *memos);
			nmemos = cap_memos;
		}
		for (size_t k = 0; k < nparents; k++) {
			if (git_commit_parent(&parent, commit, (unsigned)k) < 0 ||
			    git_commit_tree(&tree, parent) < 0) {
				plan_error_set(err, "cannot read a parent of commit %s: %s", hex, git_message(ERR_LANG(err)));
				goto cleanup;
			}
			git_commit_free(parent);
			parent = NULL;
			reset = memo_reset(&h, &memos[1 + k], tree);
			tree = NULL;
			if (reset < 0)
				goto cleanup;
		}
		for (size_t i = 0; i < nitems && !h.failed; i++) {
			if (queries[i].done || !changed_in(&h, &queries[i], memos, nparents) || h.failed)
				continue;
			record(&h, &changes[i], commit);
			queries[i].done = 1;
			pending--;
		}
		if (h.failed)
			goto cleanup;
		git_commit_free(commit);
		commit = NULL;
	}
	*out = changes;
	changes = NULL;
	rc = 0;

cleanup:
	for (size_t k = 0; k < nmemos; k++)
		memo_free(&memos[k]);
	free(memos);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(commit);
	git_revwalk_free(walk);
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		version_clear(&h.cache[i]);
	git_repository_free(h.repo);
	for (size_t i = 0; queries && i < nitems; i++) {
		free(queries[i].path[0]);
		free(queries[i].path[1]);
	}
	free(queries);
	free(new_dir);
	free(old_dir);
	plan_history_free(changes, nitems);
	if (libgit2_ready)
		git_libgit2_shutdown();
	return rc;
}
