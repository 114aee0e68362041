/* source_impl.h: what a source implementation provides (private to lib/).
 * Callers only see plan/source.h; each kind of source (directory, git
 * revision) fills in an ops table and the dispatch in source.c calls it. */
#ifndef PLAN_SOURCE_IMPL_H
#define PLAN_SOURCE_IMPL_H

#include <stddef.h>
#include <sys/stat.h>

#include "plan/diag.h"
#include "plan/source.h"

/* One implementation. Every function has the contract of the public function
 * of the same name in plan/source.h; `source` is never NULL when called. */
/* What a directory walk may remember of a directory from one run to the
 * next: its entries, under the stat it had when they were read. A
 * directory's modification time moves whenever a name in it is added,
 * removed or renamed, so an unchanged stat means unchanged entries (the
 * result cache's index keeps them: cache_index.h says when a stat is
 * trusted). `entries` is each name that does not start with '.', in the
 * order read, as its d_type byte, the name and a NUL. */
typedef struct plan_dir_memo {
	void *ctx;
	/* 1 with *entries and *len set when `reldir` ("" for the root) was
	 * noted with exactly the stat `st`; 0 otherwise. The bytes stay valid
	 * until the directory is noted again or the memo goes. */
	int (*find)(void *ctx, const char *reldir, const struct stat *st,
		const char **entries, size_t *len);
	void (*note)(void *ctx, const char *reldir, const struct stat *st,
		const char *entries, size_t len);
} plan_dir_memo;

typedef struct plan_source_ops {
	int (*list)(plan_source *source, const char *const *ignore, size_t nignore,
		size_t max_files, const char *const **out, size_t *count,
		plan_diags *diags);
	/* `before`: as plan_source_read_stated's, or NULL. */
	int (*read)(plan_source *source, const char *relpath, const struct stat *before,
		size_t max_bytes, char **out, size_t *len, plan_diags *diags);
	const char *(*root)(const plan_source *source);
	/* Releases the whole object, base included. */
	void (*free)(plan_source *source);
	/* NULL when the source knows no id without reading: as returning 0. */
	int (*blob_id)(plan_source *source, const char *relpath, unsigned char out[20]);
	/* NULL when the source reads no files of a working tree: as returning 0. */
	int (*stat)(plan_source *source, const char *relpath, struct stat *st);
} plan_source_ops;

/* The base every implementation embeds as its first member, so a pointer to
 * the implementation's struct and to its base are the same pointer. */
struct plan_source {
	const plan_source_ops *ops;
	/* The commit id a source over a revision reads (owned by the
	 * implementation); NULL, as calloc leaves it, for the working tree. */
	const char *revision;
	/* That commit's time, seconds since 1970 (UTC); 0 for the working tree. */
	long long revision_time;
	/* During plan_source_list_found: whom a walk tells of each path it
	 * finds (NULL otherwise, and for sources that tell of none). */
	plan_source_found *found;
	void *found_ctx;
	/* What a directory source's walk remembers its directories by, or
	 * NULL (plan_source_remember_dirs). */
	const plan_dir_memo *memo;
};

/* Have the directory source `source` remember its directories' entries in
 * `memo` (which must outlive its listings), so that a listing reads only
 * the directories that changed since the last; NULL: forget none, read
 * all. Other sources ignore it. */
void plan_source_remember_dirs(plan_source *source, const plan_dir_memo *memo);

/* The stat of the working tree's file `relpath`, taken now by the same
 * call a read makes before it opens the file: 1 with *st set when that is
 * a regular file, 0 when it is not, cannot be stat'ed, or the source reads
 * no working tree (a revision, an editor's text). What the result cache's
 * index compares (cache_index.h: a stat taken before the bytes are read). */
int plan_source_stat(plan_source *source, const char *relpath, struct stat *st);

/* plan_source_read of a file plan_source_stat of the same source has just
 * found to be a regular file, `before` being that stat: the read opens it
 * without a stat of its own, since `before` is the one it would take (what
 * keeps a device or FIFO from being opened). NULL: as plan_source_read. */
int plan_source_read_stated(plan_source *source, const char *relpath,
	const struct stat *before, size_t max_bytes, char **out, size_t *len,
	plan_diags *diags);

/* Rules every implementation must apply the same way, so a plan set lists
 * the same files from a working tree as from a commit of it. */

/* 1 when `relpath` is excluded by one of the ignore globs. For a directory
 * (`is_dir`), 1 means everything below it is excluded as well, so the walk
 * can prune it: see plan_glob_match_dir. */
int plan_source_ignored(const char *const *ignore, size_t nignore,
	const char *relpath, int is_dir);

/* 1 when `pattern` matches the directory `dirpath` itself, or is written so
 * that it matches every path below it: `d/` then `**`, or a trailing '/'
 * (which, as in .gitignore, names directories only). Implemented in glob.c. */
int plan_glob_match_dir(const char *pattern, const char *dirpath);

/* 1 when `relpath`, handed in by a caller, is one a listing could give: not
 * empty or absolute, and no ".." or empty segment. */
int plan_source_relpath_ok(const char *relpath);

/* Record a fault about a whole file or directory (line and column 0) with
 * rule `rule` ("io" or "limit"); `diags` may be NULL. The fault is recorded
 * even when its message is lost to a memory shortage: an `io` or `limit`
 * diagnostic alone changes the exit status. */
void plan_source_report(plan_diags *diags, const char *file, const char *rule,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
