/* plan/source.h: where plan files come from. A source lists the plan set's
 * YAML files and reads them: the directory source from the working tree, the
 * git source from a commit, through the same interface. */
#ifndef PLAN_SOURCE_H
#define PLAN_SOURCE_H

#include <stddef.h>

#include "plan/diag.h"
#include "plan/error.h"

/* Walk up from `path` (a directory or a file inside a plan set) to the first
 * directory that holds `styrmodell.yaml`. On success *out is that directory as
 * an absolute, symlink-free path (free() it) and 0 is returned; otherwise -1
 * and `err` says why. */
int plan_root_find(char **out, const char *path, plan_error *err);

/* The plan set that holds the file `path`, and the file's place in it: as
 * plan_root_find from the file's directory, which must exist (the file
 * itself need not: it may be one being added, or read from elsewhere). On
 * success *root is the root (absolute, symlink-free) and *relpath the path
 * from it with '/' separators (free() both), and 0 is returned; otherwise
 * -1 with `err` saying why (no such directory, no plan set above it, a path
 * that names a directory). */
int plan_root_find_file(char **root, char **relpath, const char *path, plan_error *err);

/* 1 when a file name (or a path: its last segment) ends in ".yaml" or
 * ".yml", the names a plan set's listing holds. */
int plan_source_candidate(const char *name);

typedef struct plan_source plan_source;

/* A source over the directory `root` (as plan_root_find gives it). Free with
 * plan_source_free. Returns 0, or -1 with `err` set. */
int plan_source_open_dir(plan_source **out, const char *root, plan_error *err);

/* A source over the plan set as it is in git revision `rev` (anything git's
 * revision syntax accepts: "HEAD~1", a tag, a commit id, "origin/main") of
 * the repository that holds `path` (NULL means "."; it need not exist in the
 * working tree as long as a directory above it does). The revision is peeled
 * to a commit; `path` is mapped to its place in that commit's tree, and the
 * root is the first directory at or above it that holds a `styrmodell.yaml`
 * blob, as plan_root_find does in the working tree. Only objects are read:
 * never the working tree, the index, hooks, filters or the network. A
 * symbolic link or submodule in the revision is never followed (listing and
 * reading report it as an `io` diagnostic). Free with plan_source_free.
 * Returns 0, or -1 with `err` naming the revision or path: PATH in no
 * repository, an unknown revision, a commit missing from a shallow clone, a
 * corrupt object, no plan set in the revision, or a repository that git's
 * safe.directory check refuses (owned by another user). */
int plan_source_open_git(plan_source **out, const char *path, const char *rev,
	plan_error *err);

/* A file's text held in memory, to be read in place of the file itself. */
typedef struct plan_overlay_file {
	const char *path;        /* relative to the root, '/'-separated, as listed */
	const char *text;        /* `len` bytes, not necessarily NUL-terminated */
	size_t len;
	int add;                 /* 1: also read when `under` does not list the
	                          * file but a listing would hold it (a *.yaml or
	                          * *.yml name, nothing hidden, not under an
	                          * ignore glob): standard input for a file not
	                          * written yet. 0: only in place of a listed
	                          * file (an editor's new buffer waits for its
	                          * save) */
} plan_overlay_file;

/* A source over `under` (which it takes over, and frees with itself, also
 * when this fails) in which each of `files` reads as its text instead of
 * what `under` holds: an editor's unsaved documents checked as they are on
 * screen, or standard input (plan-validate - --stdin-filename NAME). The
 * listing is `under`'s, and the files marked `add` where it would hold them;
 * any other text whose file `under` does not list (not saved yet, hidden,
 * ignored) is never read. The texts are copied; of a path given twice the
 * last counts. A text larger than the read's `max_bytes` is the same
 * `limit` diagnostic a file is. Free with plan_source_free. Returns 0, or
 * -1 with `err` set (a path not inside the set, out of memory). */
int plan_source_open_overlay(plan_source **out, plan_source *under,
	const plan_overlay_file *files, size_t nfiles, plan_error *err);

/* Every `*.yaml` and `*.yml` file below the root, as paths relative to it with
 * '/' separators, sorted bytewise so the order is the same on every machine.
 * Hidden directories and files (name starts with '.') are skipped, and so is
 * every path matching one of the `ignore` globs (see plan_glob_match); a glob
 * that matches a directory, or ends in '/' then `**`, skips everything below
 * it without looking inside.
 * Symbolic links are followed only when they stay inside the root; anything
 * that is not a regular file or directory is never opened. A file is listed
 * under the path it was found by (a link to a file: under the link's name);
 * a directory reachable more than once is walked once, by its real path when
 * it has one, so link loops end. A git source follows no link: a link named
 * like a plan file, a link to a directory of the same commit (both could
 * hold plan files) and a submodule are `io` diagnostics; other links (to
 * files that are not plan files) are passed over. What cannot be listed
 * becomes an `io` diagnostic (line 0), and the walk goes on. `*out` is an array of `*count`
 * strings owned by the source, valid until the next plan_source_list or
 * plan_source_free. Returns 0, or -1 when memory ran out. At most `max_files`
 * paths are listed; reaching a further one is one `limit` diagnostic (file
 * ""), and the walk stops there. */
int plan_source_list(plan_source *source, const char *const *ignore,
	size_t nignore, size_t max_files, const char *const **out, size_t *count,
	plan_diags *diags);

/* Called with each path as the walk finds it, before the listing is done:
 * the string is the listing's own (valid as *out's are), in the walk's
 * order, not the sorted one. A caller may read the file at once, from
 * another thread too, while the walk goes on. */
typedef void plan_source_found(void *ctx, const char *relpath);

/* As plan_source_list, and `found` is told of each path the listing will
 * hold as the walk finds it, where the source can (a directory's walk);
 * a source that cannot tells of none, and *out is then the only word.
 * Every path told of is in *out unless the listing failed. */
int plan_source_list_found(plan_source *source, const char *const *ignore,
	size_t nignore, size_t max_files, const char *const **out, size_t *count,
	plan_diags *diags, plan_source_found *found, void *ctx);

/* Read one listed file in full. On success *out holds `*len` bytes plus a
 * terminating NUL (free() it). A file larger than `max_bytes` is a `limit`
 * diagnostic, an unreadable one an `io` diagnostic; both return -1. So is a
 * `relpath` that is absolute, has a ".." or empty segment, resolves outside
 * the root, or names something other than a regular file (never opened). */
int plan_source_read(plan_source *source, const char *relpath, size_t max_bytes,
	char **out, size_t *len, plan_diags *diags);

/* What a result cache (plan/cache.h) may key the listed file `relpath` by
 * without reading it: 1 with `out` set to git's blob id of its content (a
 * git source, from the tree: the blob is not read), 0 when the id must be
 * computed from the bytes read (the working tree, or a file not listed),
 * -1 when the file's result is not to be cached at all (an overlay's text,
 * an editor's unsaved buffer). */
int plan_source_blob_id(plan_source *source, const char *relpath, unsigned char out[20]);

/* A description for messages and output: the root path. For a git source,
 * the absolute path the root has in the repository's working tree (the
 * repository's directory for a bare one), whether or not it exists there. */
const char *plan_source_root(const plan_source *source);

/* The full commit id (40 hex digits) a git source reads, or NULL for the
 * directory source. Owned by the source. */
const char *plan_source_revision(const plan_source *source);

void plan_source_free(plan_source *source);

/* Match `path` (relative, '/'-separated) against a glob: `*` matches within
 * one path segment, `**` matches any number of whole segments (so `a/` then
 * `**` matches everything below a but not a itself, and `**` then `/b`
 * matches b at any depth), `?` one character (a UTF-8 sequence counts as
 * one), `[...]` a character class with ranges (`[!...]` or `[^...]`
 * negated; a `]` first is a member; with no closing `]` the `[` is literal).
 * There is no escape character. A pattern with no '/' matches the last
 * segment at any depth (as .gitignore does); a leading '/' only anchors. A
 * trailing '/' means directories only, so this function (which matches
 * paths, not knowing what they name) never matches it; listing applies it.
 * Time is bounded by the product of the lengths, whatever the pattern.
 * Returns 1 on a match, else 0. */
int plan_glob_match(const char *pattern, const char *path);

/* Whether the git repository holding the directory `root` (an absolute
 * path) has uncommitted changes under it: 1 yes, 0 no, -1 when `root` is in
 * no repository or its state cannot be read. Reads the index and the working
 * tree; writes nothing. */
int plan_worktree_dirty(const char *root);

/* What the revision `rev` names in the repository holding `root`: a tag, a
 * branch (local or remote), or anything else (a commit id, HEAD~1, or no
 * repository): how advice about moving past it is worded. */
typedef enum plan_revision_kind {
	PLAN_REVISION_OTHER,
	PLAN_REVISION_TAG,
	PLAN_REVISION_BRANCH
} plan_revision_kind;
plan_revision_kind plan_revision_kind_of(const char *root, const char *rev);

#endif
