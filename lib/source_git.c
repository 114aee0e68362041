/* source_git.c: the git source: the plan set as it is in one commit, read
 * from the repository's objects with libgit2, never from the working tree,
 * the index, hooks, filters or the network. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* realpath, strdup under -std=c11 */
#endif

#include "plan/source.h"

#include <errno.h>
#include <git2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "plan/buf.h"
#include "source_impl.h"

#define ROOT_MARKER "styrmodell.yaml"

/* The language of `err`'s messages (plan_error_set allows NULL). */
#define ERR_LANG(err) ((err) ? (err)->lang : PLAN_LANG_EN)

/* Tree entries looked at per file the listing may hold: a commit can name
 * one subtree many times over, so a small repository can describe a tree of
 * billions of entries; this bounds the walk whatever the trees say. */
#define ENTRIES_PER_FILE 16
#define ENTRIES_MIN 100000

/* A symbolic link's target longer than this is not worth classifying. */
#define LINK_TARGET_MAX 4096

typedef struct rev_source {
	plan_source base;       /* first: a rev_source * is a plan_source * */
	char *root;             /* the root's absolute path in the work tree */
	char *root_in_tree;     /* the root's path in the commit's tree ("" at the top) */
	char *gitdir;           /* to open more handles on the same repository */
	char *rev;              /* as given, for messages */
	char hex[GIT_OID_HEXSZ + 1];
	git_oid commit_tree;    /* the commit's whole tree */
	git_oid root_tree;      /* the plan root's tree */
	/* A git_repository serves one thread at a time, and files are read on a
	 * pool of threads: each read borrows an idle handle or opens one. */
	pthread_mutex_t lock;
	int lock_ready;
	git_repository **idle;
	size_t nidle, cap_idle;
	/* The last listing: paths sorted bytewise, with their blobs' ids. */
	char **paths;
	git_oid *oids;
	size_t npaths;
	int libgit2_ready;
} rev_source;

/* libgit2's message for the last failure on this thread (English: libgit2
 * has no translations), or "unknown error" in `lang`. */
static const char *git_message(plan_lang lang)
{
	const git_error *e = git_error_last();
	return e && e->message && e->message[0] ? e->message : plan_tr(lang, "unknown error");
}

/* `dir` + '/' + `name`, with no '/' after an empty `dir` or one ending in
 * '/'; NULL when memory ran out. */
static char *join(const char *dir, const char *name)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_buf_puts(&buf, dir);
	if (buf.len > 0 && buf.ptr[buf.len - 1] != '/' && name[0])
		plan_buf_putc(&buf, '/');
	plan_buf_puts(&buf, name);
	return plan_buf_detach(&buf);
}

static int is_blob_mode(git_filemode_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* --- repository handles ------------------------------------------------------ */

/* An idle handle, or a new one on the same repository; NULL with libgit2's
 * error set when opening failed. */
static git_repository *borrow(rev_source *src)
{
	git_repository *repo = NULL;
	pthread_mutex_lock(&src->lock);
	if (src->nidle > 0)
		repo = src->idle[--src->nidle];
	pthread_mutex_unlock(&src->lock);
	if (!repo && git_repository_open_ext(&repo, src->gitdir,
	                                     GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		repo = NULL;
	return repo;
}

static void give_back(rev_source *src, git_repository *repo)
{
	if (!repo)
		return;
	pthread_mutex_lock(&src->lock);
	int kept = plan_array_reserve((void **)&src->idle, &src->cap_idle,
		src->nidle + 1, sizeof *src->idle) == 0;
	if (kept)
		src->idle[src->nidle++] = repo;
	pthread_mutex_unlock(&src->lock);
	if (!kept)
		git_repository_free(repo);
}

/* --- listing ----------------------------------------------------------------- */

typedef struct pending {
	char *rel;              /* relative to the plan root */
	git_oid oid;            /* its tree */
} pending;

typedef struct walk {
	rev_source *src;
	git_repository *repo;
	const char *const *ignore;
	size_t nignore;
	size_t max_files;
	size_t entries_left;    /* tree entries the walk may still look at */
	plan_diags *diags;
	pending *stack;         /* depth first, as the directory source walks */
	size_t nstack, cap_stack;
	char **paths;
	git_oid *oids;
	size_t npaths, cap_paths, cap_oids;
	int full;               /* max_files or the entry budget reached */
	int oom;
} walk;

/* Takes ownership of rel. */
static void add_path(walk *w, char *rel, const git_oid *oid)
{
	if (w->npaths >= w->max_files) {
		plan_source_report(w->diags, "", "limit",
			"more than %zu files in the plan set: listing stopped at the limit",
			w->max_files);
		w->full = 1;
		free(rel);
		return;
	}
	if (plan_array_reserve((void **)&w->paths, &w->cap_paths, w->npaths + 1, sizeof *w->paths) < 0 ||
	    plan_array_reserve((void **)&w->oids, &w->cap_oids, w->npaths + 1, sizeof *w->oids) < 0) {
		w->oom = 1;
		free(rel);
		return;
	}
	w->paths[w->npaths] = rel;
	git_oid_cpy(&w->oids[w->npaths], oid);
	w->npaths++;
}

/* Takes ownership of rel. */
static void push_dir(walk *w, char *rel, const git_oid *oid)
{
	if (plan_array_reserve((void **)&w->stack, &w->cap_stack, w->nstack + 1, sizeof *w->stack) < 0) {
		w->oom = 1;
		free(rel);
		return;
	}
	w->stack[w->nstack].rel = rel;
	git_oid_cpy(&w->stack[w->nstack].oid, oid);
	w->nstack++;
}

/* Whether the symbolic link at `rel` (relative to the plan root) names a
 * directory of the same commit. Only its target text is read, and only the
 * commit's trees are looked up: nothing is followed, and a target that
 * leaves the repository, passes through another link or names nothing
 * counts as "no" (it cannot hold plan files of this commit). */
static int link_names_tree(walk *w, const char *rel, const git_oid *oid)
{
	int result = 0;
	git_blob *blob = NULL;
	git_tree *top = NULL;
	git_tree_entry *entry = NULL;
	char *target = NULL;
	char **parts = NULL;
	size_t nparts = 0, cap = 0;
	plan_buf path = PLAN_BUF_INIT;
	plan_buf where = PLAN_BUF_INIT;

	if (git_blob_lookup(&blob, w->repo, oid) < 0)
		goto cleanup;
	size_t size = (size_t)git_blob_rawsize(blob);
	if (size == 0 || size > LINK_TARGET_MAX)
		goto cleanup;
	target = malloc(size + 1);
	if (!target) {
		w->oom = 1;
		goto cleanup;
	}
	memcpy(target, git_blob_rawcontent(blob), size);
	target[size] = '\0';
	if (strlen(target) != size || target[0] == '/')
		goto cleanup;

	/* The link's directory in the commit's tree, then the target's
	 * segments applied to it as the file system would. */
	plan_buf_puts(&where, w->src->root_in_tree);
	if (where.len > 0)
		plan_buf_putc(&where, '/');
	plan_buf_puts(&where, rel);
	if (where.failed) {
		w->oom = 1;
		goto cleanup;
	}
	char *cut = strrchr(where.ptr, '/');
	if (cut)
		*cut = '\0';
	else
		where.ptr[0] = '\0';
	for (int pass = 0; pass < 2; pass++) {
		char *s = pass == 0 ? where.ptr : target;
		while (*s) {
			char *slash = strchr(s, '/');
			if (slash)
				*slash = '\0';
			if (strcmp(s, "..") == 0) {
				if (nparts == 0)
					goto cleanup;       /* leaves the repository */
				nparts--;
			} else if (s[0] && strcmp(s, ".") != 0) {
				if (plan_array_reserve((void **)&parts, &cap, nparts + 1, sizeof *parts) < 0) {
					w->oom = 1;
					goto cleanup;
				}
				parts[nparts++] = s;
			}
			if (!slash)
				break;
			s = slash + 1;
		}
	}
	if (nparts == 0) {
		result = 1;                     /* the top of the repository */
		goto cleanup;
	}
	for (size_t i = 0; i < nparts; i++) {
		if (i)
			plan_buf_putc(&path, '/');
		plan_buf_puts(&path, parts[i]);
	}
	if (path.failed) {
		w->oom = 1;
		goto cleanup;
	}
	if (git_tree_lookup(&top, w->repo, &w->src->commit_tree) < 0 ||
	    git_tree_entry_bypath(&entry, top, path.ptr) < 0)
		goto cleanup;
	result = git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE;

cleanup:
	git_tree_entry_free(entry);
	git_tree_free(top);
	git_blob_free(blob);
	free(target);
	free(parts);
	plan_buf_free(&path);
	plan_buf_free(&where);
	return result;
}

/* One entry of a tree: list it, queue it, report it or pass over it. */
static void visit(walk *w, const char *dir, const git_tree_entry *e)
{
	const char *name = git_tree_entry_name(e);
	char *rel = join(dir, name);
	if (!rel) {
		w->oom = 1;
		return;
	}
	git_filemode_t mode = git_tree_entry_filemode(e);
	int candidate = plan_source_candidate(name);
	switch (mode) {
	case GIT_FILEMODE_TREE:
		if (!plan_source_ignored(w->ignore, w->nignore, rel, 1)) {
			push_dir(w, rel, git_tree_entry_id(e));
			rel = NULL;
		}
		break;
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		if (candidate && !plan_source_ignored(w->ignore, w->nignore, rel, 0)) {
			add_path(w, rel, git_tree_entry_id(e));
			rel = NULL;
		}
		break;
	case GIT_FILEMODE_LINK:
		/* The working tree's walk would follow it; a revision's never
		 * does, so say so wherever plan files could lie behind it. */
		if (candidate ? !plan_source_ignored(w->ignore, w->nignore, rel, 0)
		              : !plan_source_ignored(w->ignore, w->nignore, rel, 1) &&
		                link_names_tree(w, rel, git_tree_entry_id(e)))
			plan_source_report(w->diags, rel, "io",
				"skipped: a symbolic link in the revision (links are not followed there)");
		break;
	case GIT_FILEMODE_COMMIT:
		if (!plan_source_ignored(w->ignore, w->nignore, rel, 1))
			plan_source_report(w->diags, rel, "io",
				"skipped: a submodule (its files are in another repository, which is not read)");
		break;
	default:
		if (candidate && !plan_source_ignored(w->ignore, w->nignore, rel, 0))
			plan_source_report(w->diags, rel, "io", "skipped: not a regular file");
		break;
	}
	free(rel);
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(git_tree_entry_name(*(const git_tree_entry *const *)a),
	              git_tree_entry_name(*(const git_tree_entry *const *)b));
}

/* One tree's entries in bytewise order of their names (git sorts a tree
 * as if directory names ended in '/'), files listed at once, trees queued
 * to come off the stack in the same order: the directory source's walk, so
 * that a max_files cut keeps the same files. */
static void walk_tree(walk *w, const pending *dir)
{
	git_tree *tree = NULL;
	const git_tree_entry **entries = NULL;
	if (git_tree_lookup(&tree, w->repo, &dir->oid) < 0) {
		plan_source_report(w->diags, dir->rel, "io", "cannot read directory from revision %s: %s",
			w->src->hex, git_message(plan_diags_lang(w->diags)));
		goto cleanup;
	}
	size_t count = git_tree_entrycount(tree);
	if (count > w->entries_left) {
		plan_source_report(w->diags, "", "limit",
			"the revision's tree has more entries than a plan set of at most %zu files "
			"would need: listing stopped at the limit", w->max_files);
		w->full = 1;
		goto cleanup;
	}
	w->entries_left -= count;
	entries = calloc(count ? count : 1, sizeof *entries);
	if (!entries) {
		w->oom = 1;
		goto cleanup;
	}
	size_t n = 0;
	for (size_t i = 0; i < count; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		/* Hidden names are never part of a plan set. */
		if (e && git_tree_entry_name(e)[0] != '.')
			entries[n++] = e;
	}
	if (n > 1)
		qsort(entries, n, sizeof *entries, compare_entries);
	size_t base = w->nstack;
	for (size_t i = 0; i < n && !w->oom && !w->full; i++)
		visit(w, dir->rel, entries[i]);
	for (size_t i = base, j = w->nstack; i + 1 < j; i++, j--) {
		pending t = w->stack[i];
		w->stack[i] = w->stack[j - 1];
		w->stack[j - 1] = t;
	}

cleanup:
	free(entries);
	git_tree_free(tree);
}

static void free_listing(rev_source *src)
{
	for (size_t i = 0; i < src->npaths; i++)
		free(src->paths[i]);
	free(src->paths);
	free(src->oids);
	src->paths = NULL;
	src->oids = NULL;
	src->npaths = 0;
}

/* Sorting paths and their ids together: sort an index, then permute. */
typedef struct listed {
	char *path;
	git_oid oid;
} listed;

static int compare_listed(const void *a, const void *b)
{
	return strcmp(((const listed *)a)->path, ((const listed *)b)->path);
}

static int rev_list(plan_source *base, const char *const *ignore, size_t nignore,
	size_t max_files, const char *const **out, size_t *count, plan_diags *diags)
{
	rev_source *src = (rev_source *)base;
	int rc = -1;
	listed *sorted = NULL;
	walk w = { 0 };
	w.src = src;
	w.ignore = ignore;
	w.nignore = ignore ? nignore : 0;
	w.max_files = max_files;
	w.entries_left = max_files > (SIZE_MAX - ENTRIES_MIN) / ENTRIES_PER_FILE ? SIZE_MAX :
		max_files * ENTRIES_PER_FILE + ENTRIES_MIN;
	w.diags = diags;
	free_listing(src);

	w.repo = borrow(src);
	if (!w.repo) {
		plan_source_report(diags, "", "io", "cannot open the repository at %s: %s", src->gitdir,
			git_message(plan_diags_lang(diags)));
		rc = 0;
		goto done;
	}
	char *rel = strdup("");
	if (!rel)
		goto cleanup;
	push_dir(&w, rel, &src->root_tree);
	while (!w.oom && !w.full && w.nstack > 0) {
		pending next = w.stack[--w.nstack];
		walk_tree(&w, &next);
		free(next.rel);
	}
	if (w.oom)
		goto cleanup;

	if (w.npaths > 1) {
		sorted = malloc(w.npaths * sizeof *sorted);
		if (!sorted)
			goto cleanup;
		for (size_t i = 0; i < w.npaths; i++) {
			sorted[i].path = w.paths[i];
			git_oid_cpy(&sorted[i].oid, &w.oids[i]);
		}
		qsort(sorted, w.npaths, sizeof *sorted, compare_listed);
		for (size_t i = 0; i < w.npaths; i++) {
			w.paths[i] = sorted[i].path;
			git_oid_cpy(&w.oids[i], &sorted[i].oid);
		}
	}
	rc = 0;
done:
	src->paths = w.paths;
	src->oids = w.oids;
	src->npaths = w.npaths;
	w.paths = NULL;
	w.oids = NULL;
	w.npaths = 0;
	/* The public type promises callers read-only strings. */
	*out = (const char *const *)src->paths;
	*count = src->npaths;

cleanup:
	give_back(src, w.repo);
	for (size_t i = 0; i < w.nstack; i++)
		free(w.stack[i].rel);
	free(w.stack);
	for (size_t i = 0; i < w.npaths; i++)
		free(w.paths[i]);
	free(w.paths);
	free(w.oids);
	free(sorted);
	return rc;
}

/* --- reading ----------------------------------------------------------------- */

/* The listed blob at `relpath`, by binary search; NULL when not listed. */
static const git_oid *listed_oid(const rev_source *src, const char *relpath)
{
	size_t lo = 0, hi = src->npaths;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(src->paths[mid], relpath);
		if (c == 0)
			return &src->oids[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int rev_read(plan_source *base, const char *relpath, const struct stat *before,
	size_t max_bytes, char **out, size_t *len, plan_diags *diags)
{
	rev_source *src = (rev_source *)base;
	(void)before;           /* never given: a revision has no stat */
	int rc = -1;
	git_repository *repo = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	char *data = NULL;
	git_oid oid;

	if (!plan_source_relpath_ok(relpath)) {
		plan_source_report(diags, relpath, "io", "skipped: not a path inside the plan set");
		goto cleanup;
	}
	repo = borrow(src);
	if (!repo) {
		plan_source_report(diags, relpath, "io", "cannot open the repository at %s: %s", src->gitdir,
			git_message(plan_diags_lang(diags)));
		goto cleanup;
	}
	/* Files are read after the listing, but styrmodell.yaml before it (its
	 * ignore globs shape the listing): that one is looked up in the tree. */
	const git_oid *known = listed_oid(src, relpath);
	if (known) {
		git_oid_cpy(&oid, known);
	} else {
		if (git_tree_lookup(&tree, repo, &src->root_tree) < 0) {
			plan_source_report(diags, relpath, "io", "cannot read from revision %s: %s", src->hex,
				git_message(plan_diags_lang(diags)));
			goto cleanup;
		}
		int found = git_tree_entry_bypath(&entry, tree, relpath);
		if (found == GIT_ENOTFOUND) {
			plan_source_report(diags, relpath, "io", "cannot read: no such file in revision %s", src->hex);
			goto cleanup;
		}
		if (found < 0) {
			plan_source_report(diags, relpath, "io", "cannot read from revision %s: %s", src->hex,
				git_message(plan_diags_lang(diags)));
			goto cleanup;
		}
		git_filemode_t mode = git_tree_entry_filemode(entry);
		if (mode == GIT_FILEMODE_LINK) {
			plan_source_report(diags, relpath, "io",
				"skipped: a symbolic link in the revision (links are not followed there)");
			goto cleanup;
		}
		if (mode == GIT_FILEMODE_COMMIT) {
			plan_source_report(diags, relpath, "io",
				"skipped: a submodule (its files are in another repository, which is not read)");
			goto cleanup;
		}
		if (!is_blob_mode(mode)) {
			plan_source_report(diags, relpath, "io", "skipped: not a regular file");
			goto cleanup;
		}
		git_oid_cpy(&oid, git_tree_entry_id(entry));
	}

	/* The size first, from the object's header: a small object can inflate
	 * to a huge blob, and the limit must hold before it is inflated. */
	size_t size = 0;
	git_object_t type = GIT_OBJECT_INVALID;
	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read_header(&size, &type, odb, &oid) < 0) {
		plan_source_report(diags, relpath, "io", "cannot read from revision %s: %s", src->hex,
			git_message(plan_diags_lang(diags)));
		goto cleanup;
	}
	if (size > max_bytes) {
		plan_source_report(diags, relpath, "limit", "file is larger than the limit of %zu bytes",
			max_bytes);
		goto cleanup;
	}
	/* The raw bytes of the blob, as committed: no filters (line endings,
	 * smudge, LFS) run, since they could run programs. */
	if (git_blob_lookup(&blob, repo, &oid) < 0) {
		plan_source_report(diags, relpath, "io", "cannot read from revision %s: %s", src->hex,
			git_message(plan_diags_lang(diags)));
		goto cleanup;
	}
	git_object_size_t raw = git_blob_rawsize(blob);
	if (raw > (git_object_size_t)max_bytes || (uint64_t)raw > SIZE_MAX - 1) {
		plan_source_report(diags, relpath, "limit", "file is larger than the limit of %zu bytes",
			max_bytes);
		goto cleanup;
	}
	size = (size_t)raw;
	data = malloc(size + 1);
	if (!data)
		goto cleanup;
	if (size)
		memcpy(data, git_blob_rawcontent(blob), size);
	data[size] = '\0';
	*out = data;
	*len = size;
	data = NULL;
	rc = 0;

cleanup:
	git_blob_free(blob);
	git_odb_free(odb);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	give_back(src, repo);
	free(data);
	return rc;
}

/* The id the listing found in the tree: a result cache keyed by it needs
 * no blob read at all. styrmodell.yaml, read before the listing, has none. */
static int rev_blob_id(plan_source *base, const char *relpath, unsigned char out[20])
{
	const git_oid *oid = listed_oid((const rev_source *)base, relpath);
	if (!oid)
		return 0;
	memcpy(out, oid->id, 20);
	return 1;
}

static const char *rev_root(const plan_source *base)
{
	return ((const rev_source *)base)->root;
}

static void rev_free(plan_source *base)
{
	rev_source *src = (rev_source *)base;
	free_listing(src);
	for (size_t i = 0; i < src->nidle; i++)
		git_repository_free(src->idle[i]);
	free(src->idle);
	if (src->lock_ready)
		pthread_mutex_destroy(&src->lock);
	free(src->root);
	free(src->root_in_tree);
	free(src->gitdir);
	free(src->rev);
	/* libgit2 counts initialisations: the last shutdown frees its state. */
	if (src->libgit2_ready)
		git_libgit2_shutdown();
	free(src);
}

static const plan_source_ops rev_ops = {
	rev_list, rev_read, rev_root, rev_free, rev_blob_id, NULL
};

/* --- opening ----------------------------------------------------------------- */

/* `path` as an absolute path, symlink-free as far as it exists in the file
 * system, with the rest (a directory the working tree no longer has, say)
 * appended as written. *existing gets the part that exists (a directory, to
 * search for the repository from). Returns 0, or -1 with `err` set. */
static int locate(const char *path, char **full, char **existing, plan_error *err)
{
	int rc = -1;
	char *head = strdup(path);
	char *real = NULL;
	plan_buf tail = PLAN_BUF_INIT;
	plan_buf result = PLAN_BUF_INIT;
	*full = NULL;
	*existing = NULL;
	if (!head) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	for (;;) {
		real = realpath(head, NULL);
		if (real)
			break;
		int error = errno;
		/* "." or "/" gone (a deleted current directory) ends the walk. */
		if (error != ENOENT || strcmp(head, ".") == 0 || strcmp(head, "/") == 0) {
			plan_error_set(err, "cannot open '%s': %s", path,
				plan_tr(ERR_LANG(err), strerror(error)));
			goto cleanup;
		}
		size_t n = strlen(head);
		while (n > 1 && head[n - 1] == '/')
			head[--n] = '\0';
		char *slash = strrchr(head, '/');
		const char *last = slash ? slash + 1 : head;
		/* ".." after a missing directory cannot be resolved the way the
		 * file system would; "." can. */
		if (strcmp(last, "..") == 0 || last[0] == '\0') {
			plan_error_set(err, "cannot open '%s': %s", path,
				plan_tr(ERR_LANG(err), strerror(error)));
			goto cleanup;
		}
		if (strcmp(last, ".") != 0) {
			plan_buf segment = PLAN_BUF_INIT;
			plan_buf_puts(&segment, last);
			if (tail.len > 0) {
				plan_buf_putc(&segment, '/');
				plan_buf_put(&segment, tail.ptr, tail.len);
			}
			plan_buf_free(&tail);
			tail = segment;
		}
		if (!slash) {
			/* `last` was not empty: head has room for ".". */
			head[0] = '.';
			head[1] = '\0';
		} else if (slash == head)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	struct stat st;
	if (stat(real, &st) != 0) {
		plan_error_set(err, "cannot open '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		goto cleanup;
	}
	plan_buf_puts(&result, real);
	if (tail.len > 0) {
		if (result.len > 0 && result.ptr[result.len - 1] != '/')
			plan_buf_putc(&result, '/');
		plan_buf_put(&result, tail.ptr, tail.len);
	}
	if (!S_ISDIR(st.st_mode)) {
		/* A file: its directory is where the search starts. */
		char *slash = strrchr(real, '/');
		if (slash == real)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	if (result.failed || tail.failed) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	*full = plan_buf_detach(&result);
	*existing = real;
	real = NULL;
	rc = 0;

cleanup:
	free(head);
	free(real);
	plan_buf_free(&tail);
	plan_buf_free(&result);
	return rc;
}

/* The path of `full` inside the directory `top` ("" for `top` itself), or
 * NULL when it is not inside. Both are absolute and symlink-free. */
static const char *inside(const char *full, const char *top)
{
	size_t n = strlen(top);
	while (n > 1 && top[n - 1] == '/')
		n--;
	if (strncmp(full, top, n) != 0)
		return NULL;
	if (full[n] == '\0')
		return full + n;
	if (full[n] == '/')
		return full + n + 1;
	return n == 1 && top[0] == '/' ? full + 1 : NULL;
}

/* A copy of `s` without trailing slashes (but "/" stays "/"). */
static char *strip_slash(const char *s)
{
	char *copy = strdup(s);
	if (copy) {
		size_t n = strlen(copy);
		while (n > 1 && copy[n - 1] == '/')
			copy[--n] = '\0';
	}
	return copy;
}

/* When the repository a search from `start` finds (git_repository_discover
 * makes no ownership check) belongs to another user than the one running:
 * the directory safe.directory would have to name (the work tree, or the
 * git directory of a bare repository; free() it). Else NULL. */
static char *owned_by_other(const char *start)
{
	git_buf found = { 0 };
	char *dir = NULL;
	struct stat st;
	if (git_repository_discover(&found, start, 0, NULL) == 0 && found.ptr &&
	    stat(found.ptr, &st) == 0 && st.st_uid != geteuid()) {
		dir = strip_slash(found.ptr);
		size_t n = dir ? strlen(dir) : 0;
		if (n > 5 && strcmp(dir + n - 5, "/.git") == 0)
			dir[n - 5] = '\0';
	}
	git_buf_dispose(&found);
	return dir;
}

/* Read the object a revision's leading reference name ("HEAD" of
 * "HEAD~1", "v1" of "v1^{commit}") points to, as git_revparse_single will:
 * libgit2 leaks that reference when the object cannot be read (a corrupt
 * commit or tag), so the failure is found and reported here first. Returns
 * 0 (readable, or not a reference: revparse decides), or -1 with `err` set. */
static int probe_reference(git_repository *repo, const char *rev,
	const char *repo_name, plan_error *err)
{
	int rc = 0;
	git_reference *ref = NULL;
	git_object *object = NULL;
	size_t n = 0;
	while (rev[n] && rev[n] != '^' && rev[n] != '~' && rev[n] != ':' &&
	       !(rev[n] == '@' && rev[n + 1] == '{'))
		n++;
	char *name = n > 0 ? malloc(n + 1) : NULL;
	if (!name)
		return 0;
	memcpy(name, rev, n);
	name[n] = '\0';
	if (git_reference_dwim(&ref, repo, name) == 0 && git_reference_target(ref) &&
	    git_object_lookup(&object, repo, git_reference_target(ref), GIT_OBJECT_ANY) < 0)
		rc = plan_error_set(err, "cannot read revision '%s' in repository %s: %s", rev,
			repo_name, git_message(ERR_LANG(err)));
	git_object_free(object);
	git_reference_free(ref);
	free(name);
	return rc;
}

/* Walk up from `start` (a path in the commit's tree) to the first directory
 * that holds a styrmodell.yaml blob. On success *out is that directory ("" at
 * the top) and *oid its tree. Returns 0, 1 when there is none, -1 with `err`
 * set when a tree could not be read. */
static int find_root(char **out, git_oid *oid, git_tree *top, const char *start,
	const char *rev, const char *hex, plan_error *err)
{
	int rc = -1;
	git_tree_entry *entry = NULL;
	char *dir = strdup(start);
	plan_buf marker = PLAN_BUF_INIT;
	*out = NULL;
	if (!dir)
		return plan_error_set(err, "out of memory");

	/* A file (or a link, which names no directory here): start from the
	 * directory that holds it. */
	if (dir[0] && git_tree_entry_bypath(&entry, top, dir) == 0 &&
	    git_tree_entry_filemode(entry) != GIT_FILEMODE_TREE) {
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		else
			dir[0] = '\0';
	}
	git_tree_entry_free(entry);
	entry = NULL;

	for (;;) {
		plan_buf_clear(&marker);
		plan_buf_puts(&marker, dir);
		if (dir[0])
			plan_buf_putc(&marker, '/');
		plan_buf_puts(&marker, ROOT_MARKER);
		if (marker.failed) {
			plan_error_set(err, "out of memory");
			goto cleanup;
		}
		int found = git_tree_entry_bypath(&entry, top, marker.ptr);
		if (found < 0 && found != GIT_ENOTFOUND) {
			plan_error_set(err, "cannot read '%s' in revision '%s' (commit %s): %s",
				marker.ptr, rev, hex, git_message(ERR_LANG(err)));
			goto cleanup;
		}
		if (found == 0 && is_blob_mode(git_tree_entry_filemode(entry)))
			break;
		git_tree_entry_free(entry);
		entry = NULL;
		if (!dir[0]) {
			rc = 1;
			goto cleanup;
		}
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		else
			dir[0] = '\0';
	}

	if (!dir[0]) {
		git_oid_cpy(oid, git_tree_id(top));
	} else {
		git_tree_entry_free(entry);
		entry = NULL;
		if (git_tree_entry_bypath(&entry, top, dir) < 0) {
			plan_error_set(err, "cannot read '%s' in revision '%s' (commit %s): %s",
				dir, rev, hex, git_message(ERR_LANG(err)));
			goto cleanup;
		}
		git_oid_cpy(oid, git_tree_entry_id(entry));
	}
	*out = dir;
	dir = NULL;
	rc = 0;

cleanup:
	git_tree_entry_free(entry);
	plan_buf_free(&marker);
	free(dir);
	return rc;
}

int plan_source_open_git(plan_source **out, const char *path, const char *rev,
	plan_error *err)
{
	int rc = -1;
	rev_source *src = NULL;
	git_repository *repo = NULL;
	git_object *object = NULL;
	git_object *peeled = NULL;
	git_tree *top = NULL;
	char *full = NULL, *existing = NULL, *workdir = NULL;
	*out = NULL;
	if (!path)
		path = ".";
	if (!rev || !rev[0])
		return plan_error_set(err, "an empty revision: give a commit, tag or branch");

	src = calloc(1, sizeof *src);
	if (!src || !(src->rev = strdup(rev))) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	src->base.ops = &rev_ops;
	if (pthread_mutex_init(&src->lock, NULL) != 0) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	src->lock_ready = 1;
	if (git_libgit2_init() < 0) {
		plan_error_set(err, "cannot start libgit2: %s", git_message(ERR_LANG(err)));
		goto cleanup;
	}
	src->libgit2_ready = 1;
	/* Each object is read once: libgit2's object cache and its mapped
	 * windows of the pack would only hold what is never asked for again.
	 * Small windows with a low limit keep the pack's pages in memory to a
	 * few megabytes, however large the repository. These options are the
	 * process's; history.c turns the cache on again for its walk. */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)8 << 20);

	if (locate(path, &full, &existing, err) < 0)
		goto cleanup;
	/* The default search: upwards from PATH, not across file systems, and
	 * with libgit2's ownership check (git's safe.directory). */
	int opened = git_repository_open_ext(&repo, existing, 0, NULL);
	if (opened == GIT_EOWNER) {
		plan_error_set(err, "cannot read the repository that holds '%s': %s; git's "
			"safe.directory check refuses a repository owned by another user (if you "
			"trust it: git config --global --add safe.directory DIR)", path,
			git_message(ERR_LANG(err)));
		goto cleanup;
	}
	/* libgit2 1.5.1 fails its ownership check with GIT_ENOTFOUND ("config
	 * value 'safe.directory' was not found"): tell that apart from no
	 * repository at all. */
	char *foreign = opened == GIT_ENOTFOUND ? owned_by_other(existing) : NULL;
	if (foreign) {
		plan_error_set(err, "the repository at %s is owned by another user, and git's "
			"safe.directory check refuses to read it; if you trust it: "
			"git config --global --add safe.directory %s", foreign, foreign);
		free(foreign);
		goto cleanup;
	}
	if (opened == GIT_ENOTFOUND) {
		plan_error_set(err, "'%s' is not in a git repository (--rev reads the plan set "
			"from the repository that holds PATH)", path);
		goto cleanup;
	}
	if (opened < 0) {
		plan_error_set(err, "cannot open the repository that holds '%s': %s", path,
			git_message(ERR_LANG(err)));
		goto cleanup;
	}
	if (!(src->gitdir = strip_slash(git_repository_path(repo)))) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}

	/* PATH's place in the tree: relative to the work tree; in a bare
	 * repository there is none, and the plan set is read from the top. */
	const char *in_tree = "";
	if (git_repository_workdir(repo)) {
		workdir = realpath(git_repository_workdir(repo), NULL);
		if (!workdir) {
			plan_error_set(err, "cannot open the working tree of the repository at %s: %s",
				src->gitdir, plan_tr(ERR_LANG(err), strerror(errno)));
			goto cleanup;
		}
		in_tree = inside(full, workdir);
		if (!in_tree) {
			plan_error_set(err, "'%s' is not in the working tree of the repository at %s",
				path, src->gitdir);
			goto cleanup;
		}
	} else if (!(workdir = strdup(src->gitdir))) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	const char *repo_name = workdir;

	if (probe_reference(repo, rev, repo_name, err) < 0)
		goto cleanup;
	int parsed = git_revparse_single(&object, repo, rev);
	if (parsed < 0) {
		if (parsed == GIT_ENOTFOUND && git_repository_is_shallow(repo) == 1)
			plan_error_set(err, "unknown revision '%s' in repository %s: it is a shallow "
				"clone, so the commit may be missing from it (fetch the history, e.g. "
				"'git fetch --unshallow', or 'fetch-depth: 0' in actions/checkout): %s",
				rev, repo_name, git_message(ERR_LANG(err)));
		else if (parsed == GIT_ENOTFOUND || parsed == GIT_EINVALIDSPEC)
			plan_error_set(err, "unknown revision '%s' in repository %s", rev, repo_name);
		else if (parsed == GIT_EAMBIGUOUS)
			plan_error_set(err, "ambiguous revision '%s' in repository %s: give more "
				"digits of the commit id, or a full reference name", rev, repo_name);
		else
			plan_error_set(err, "cannot read revision '%s' in repository %s: %s", rev,
				repo_name, git_message(ERR_LANG(err)));
		goto cleanup;
	}
	if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0) {
		git_object_t type = git_object_type(object);
		/* One message per type, each whole for the catalogue. */
		if (type == GIT_OBJECT_TREE)
			plan_error_set(err, "revision '%s' in repository %s names a tree, not a commit",
				rev, repo_name);
		else if (type == GIT_OBJECT_BLOB)
			plan_error_set(err, "revision '%s' in repository %s names a blob, not a commit",
				rev, repo_name);
		else
			plan_error_set(err, "cannot read revision '%s' in repository %s: %s", rev,
				repo_name, git_message(ERR_LANG(err)));
		goto cleanup;
	}
	git_oid_tostr(src->hex, sizeof src->hex, git_object_id(peeled));
	src->base.revision = src->hex;
	src->base.revision_time = (long long)git_commit_time((git_commit *)peeled);
	if (git_commit_tree(&top, (git_commit *)peeled) < 0) {
		plan_error_set(err, "cannot read the files of revision '%s' (commit %s) in "
			"repository %s: %s", rev, src->hex, repo_name, git_message(ERR_LANG(err)));
		goto cleanup;
	}
	git_oid_cpy(&src->commit_tree, git_tree_id(top));

	int found = find_root(&src->root_in_tree, &src->root_tree, top, in_tree, rev,
		src->hex, err);
	if (found < 0)
		goto cleanup;
	if (found > 0) {
		/* ROOT_MARKER written out: the message is the catalogue's key. */
		plan_error_set(err, "no plan set found in revision '%s' (commit %.12s): no "
			"styrmodell.yaml in '%s' or any directory above it", rev, src->hex,
			in_tree[0] ? in_tree : "/");
		goto cleanup;
	}
	src->root = join(workdir, src->root_in_tree);
	if (!src->root) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	give_back(src, repo);
	repo = NULL;
	*out = &src->base;
	src = NULL;
	rc = 0;

cleanup:
	git_tree_free(top);
	git_object_free(peeled);
	git_object_free(object);
	git_repository_free(repo);
	free(full);
	free(existing);
	free(workdir);
	if (src)
		rev_free(&src->base);
	return rc;
}

/* --- the working tree's state ------------------------------------------------ */

/* Is there a ".git" (a directory, or the file of a worktree or submodule) in
 * `root` or any directory above it? Without one there is no repository to
 * open, and starting libgit2 (which loads the system's certificates) is
 * time thrown away. */
static int git_entry_above(const char *root)
{
	plan_buf path = PLAN_BUF_INIT;
	plan_buf_puts(&path, root);
	int found = 0;
	while (!found && !path.failed && path.len > 0) {
		size_t len = path.len;
		struct stat st;
		plan_buf_puts(&path, path.ptr[len - 1] == '/' ? ".git" : "/.git");
		found = !path.failed && lstat(path.ptr, &st) == 0;
		path.len = len;
		while (path.len > 0 && path.ptr[path.len - 1] != '/')
			path.len--;           /* drop the last segment */
		if (path.len > 1)
			path.len--;           /* and its slash, except the root's */
		else if (len == 1)
			break;                /* "/" was the last to look in */
		path.ptr[path.len] = '\0';
	}
	int failed = path.failed;
	plan_buf_free(&path);
	return found || failed;    /* when unsure, let libgit2 look */
}

int plan_worktree_dirty(const char *root)
{
	if (!git_entry_above(root))
		return -1;
	if (git_libgit2_init() < 0)
		return -1;
	int rc = -1;
	git_repository *repo = NULL;
	git_status_list *list = NULL;
	char *workdir = NULL;
	if (git_repository_open_ext(&repo, root, 0, NULL) < 0 || !git_repository_workdir(repo))
		goto cleanup;
	workdir = realpath(git_repository_workdir(repo), NULL);
	const char *under = workdir ? inside(root, workdir) : NULL;
	if (!under)
		goto cleanup;
	/* Only what lies under the plan set's root counts; the index is read,
	 * never written (no GIT_STATUS_OPT_UPDATE_INDEX). */
	char *spec = NULL;
	git_status_options opts;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (*under) {
		spec = join(under, "");
		if (!spec)
			goto cleanup;
		opts.pathspec.strings = &spec;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, repo, &opts) == 0)
		rc = git_status_list_entrycount(list) > 0;
	free(spec);
cleanup:
	git_status_list_free(list);
	git_repository_free(repo);
	free(workdir);
	git_libgit2_shutdown();
	return rc;
}

plan_revision_kind plan_revision_kind_of(const char *root, const char *rev)
{
	plan_revision_kind kind = PLAN_REVISION_OTHER;
	if (!rev || !git_entry_above(root) || git_libgit2_init() < 0)
		return kind;
	git_repository *repo = NULL;
	git_object *object = NULL;
	git_reference *ref = NULL;
	/* A name that parses to a reference is a tag or a branch; an id, or
	 * an expression such as HEAD~1, names a commit. */
	if (git_repository_open_ext(&repo, root, 0, NULL) == 0 &&
	    git_revparse_ext(&object, &ref, repo, rev) == 0 && ref) {
		if (git_reference_is_tag(ref))
			kind = PLAN_REVISION_TAG;
		else if (git_reference_is_branch(ref) || git_reference_is_remote(ref))
			kind = PLAN_REVISION_BRANCH;
	}
	git_reference_free(ref);
	git_object_free(object);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return kind;
}
