/* source_dir.c: the directory source: walks a working tree for plan files
 * and reads them, never leaving the root and never opening anything but
 * regular files and directories. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* realpath, strdup, O_NOFOLLOW, fdopendir, getdents64 under -std=c11 */
#endif

#include "plan/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#include <sys/syscall.h>
#define HAVE_OPENAT2 1
#endif
#endif

/* getdents64 came with glibc 2.30. */
#if defined(__linux__) && defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
#define HAVE_GETDENTS64 1
#endif

#include "array.h"
#include "plan/buf.h"
#include "source_impl.h"

/* The C library's text for an errno value, in the language of `diags`'s
 * messages (the catalogue knows glibc's common texts). */
#define ERRNO_TEXT(diags, e) plan_tr(plan_diags_lang(diags), strerror(e))
/* The same for a plan_error (which may be NULL). */
#define ERR_ERRNO_TEXT(err, e) plan_tr((err) ? (err)->lang : PLAN_LANG_EN, strerror(e))

typedef struct dir_source {
	plan_source base;       /* first: a dir_source * is a plan_source * */
	char *root;             /* realpath of the root */
	int root_fd;            /* the root, opened, or -1 */
	char **paths;           /* the last listing, sorted */
	size_t npaths;
} dir_source;

/* A directory waiting to be walked: its path for output and ignore globs,
 * and the path to open it by (the link target when reached through a link). */
typedef struct pending {
	char *rel;
	char *fs;
	int beneath;            /* reached without a link: `rel` from the root
	                         * names it as `fs` does */
} pending;

typedef struct pending_list {
	pending *items;
	size_t count;
	size_t cap;
} pending_list;

/* Directories walked, by identity, so that links (or bind mounts) that lead
 * back into the tree end the walk there instead of going round forever. */
typedef struct seen_key {
	dev_t dev;
	ino_t ino;
} seen_key;

typedef struct seen_set {
	seen_key *keys;
	unsigned char *used;
	size_t cap;             /* a power of two, or 0 */
	size_t count;
} seen_set;

typedef struct walk {
	dir_source *src;
	const char *const *ignore;
	size_t nignore;
	size_t max_files;
	plan_diags *diags;
	pending_list stack;     /* real directories, depth first */
	pending_list links;     /* directories reached through links, for later */
	size_t next_link;
	seen_set seen;
	char **paths;
	size_t npaths;
	size_t cap_paths;
	uid_t euid;             /* for may_search */
	int full;               /* max_files reached: the walk stops */
	int oom;
} walk;

/* `dir` + '/' + `name` (no '/' added after "/" or before nothing in `dir`
 * ""), freshly allocated; NULL when memory ran out. */
static char *join(const char *dir, const char *name)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_buf_puts(&buf, dir);
	if (buf.len > 0 && buf.ptr[buf.len - 1] != '/')
		plan_buf_putc(&buf, '/');
	plan_buf_puts(&buf, name);
	return plan_buf_detach(&buf);
}

/* Whether a symlink-free absolute path is the root or below it. Comparing
 * against root + '/' keeps /a/bc from counting as inside /a/b. */
static int inside_root(const dir_source *src, const char *real)
{
	size_t n = strlen(src->root);
	if (strncmp(real, src->root, n) != 0)
		return 0;
	if (real[n] == '\0')
		return 1;
	/* The root "/" already ends in the separator. */
	return real[n] == '/' || (n > 0 && src->root[n - 1] == '/');
}

/* Takes ownership of rel and fs, also on failure. */
static int pending_push(pending_list *list, char *rel, char *fs, int beneath)
{
	if (plan_array_reserve((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items) < 0) {
		free(rel);
		free(fs);
		return -1;
	}
	list->items[list->count].rel = rel;
	list->items[list->count].fs = fs;
	list->items[list->count].beneath = beneath;
	list->count++;
	return 0;
}

static void pending_list_free(pending_list *list, size_t from)
{
	for (size_t i = from; i < list->count; i++) {
		free(list->items[i].rel);
		free(list->items[i].fs);
	}
	free(list->items);
}

static size_t seen_slot(const seen_set *set, dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)ino * UINT64_C(0x9E3779B97F4A7C15)) ^ (uint64_t)dev;
	h ^= h >> 29;
	size_t i = (size_t)h & (set->cap - 1);
	while (set->used[i] && (set->keys[i].dev != dev || set->keys[i].ino != ino))
		i = (i + 1) & (set->cap - 1);
	return i;
}

/* 1 when (dev, ino) was new and is now recorded, 0 when already seen, -1
 * when memory ran out. */
static int seen_add(seen_set *set, dev_t dev, ino_t ino)
{
	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		seen_set bigger = { calloc(cap, sizeof *bigger.keys), calloc(cap, 1), cap, 0 };
		if (!bigger.keys || !bigger.used) {
			free(bigger.keys);
			free(bigger.used);
			return -1;
		}
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->used[i])
				continue;
			size_t j = seen_slot(&bigger, set->keys[i].dev, set->keys[i].ino);
			bigger.keys[j] = set->keys[i];
			bigger.used[j] = 1;
			bigger.count++;
		}
		free(set->keys);
		free(set->used);
		*set = bigger;
	}
	size_t i = seen_slot(set, dev, ino);
	if (set->used[i])
		return 0;
	set->keys[i].dev = dev;
	set->keys[i].ino = ino;
	set->used[i] = 1;
	set->count++;
	return 1;
}

/* Takes ownership of rel. */
static void add_path(walk *w, char *rel)
{
	if (w->npaths >= w->max_files) {
		plan_source_report(w->diags, "", "limit",
			"more than %zu files in the plan set: listing stopped at the limit",
			w->max_files);
		w->full = 1;
		free(rel);
		return;
	}
	if (plan_array_reserve((void **)&w->paths, &w->cap_paths, w->npaths + 1, sizeof *w->paths) < 0) {
		w->oom = 1;
		free(rel);
		return;
	}
	w->paths[w->npaths++] = rel;
	if (w->src->base.found)
		w->src->base.found(w->src->base.found_ctx, rel);
}

/* A directory entry's file type (readdir's d_type) as stat's S_IF* bits,
 * or 0 when the entry does not tell: DT_UNKNOWN, which some file systems
 * give for every entry, and a link, whose target has to be looked at. */
static mode_t entry_mode(unsigned char type)
{
	switch (type) {
	case DT_REG: return S_IFREG;
	case DT_DIR: return S_IFDIR;
	case DT_FIFO: return S_IFIFO;
	case DT_CHR: return S_IFCHR;
	case DT_BLK: return S_IFBLK;
	case DT_SOCK: return S_IFSOCK;
	default: return 0;
	}
}

/* One entry of a directory: list it, queue it, report it or pass over it.
 * `type` is its d_type: when that tells, the entry is not stat'ed at all.
 * Nothing is lost by that: a listed file is stat'ed again before it is
 * opened and once opened (dir_read), a directory is opened without
 * following links and stat'ed on its descriptor (walk_dir), so what the
 * entry has become since readdir is decided there as it would be here. */
static void visit(walk *w, const pending *dir, const char *name, unsigned char type)
{
	char *rel = join(dir->rel, name);
	char *fs = join(dir->fs, name);
	char *real = NULL;
	if (!rel || !fs) {
		w->oom = 1;
		goto cleanup;
	}
	struct stat st;
	mode_t mode = entry_mode(type);
	if (mode == 0) {
		if (lstat(fs, &st) != 0) {
			/* Gone since readdir (an editor's probe file, say): nothing
			 * is missing from the plan set, so nothing to report. */
			if (errno != ENOENT)
				plan_source_report(w->diags, rel, "io", "cannot read: %s",
					ERRNO_TEXT(w->diags, errno));
			goto cleanup;
		}
		mode = st.st_mode & S_IFMT;
	}
	int is_link = S_ISLNK(mode);
	int outside = 0;
	if (is_link) {
		real = realpath(fs, NULL);
		if (!real || stat(real, &st) != 0) {
			int error = errno;
			/* Dangling links are common and harmless unless they were meant
			 * to be plan files; only those are worth a diagnostic. */
			if (error == ENOMEM)
				w->oom = 1;
			else if (plan_source_candidate(name) &&
			         !plan_source_ignored(w->ignore, w->nignore, rel, 0))
				plan_source_report(w->diags, rel, "io",
					"skipped: cannot follow symbolic link: %s", ERRNO_TEXT(w->diags, error));
			goto cleanup;
		}
		outside = !inside_root(w->src, real);
		mode = st.st_mode & S_IFMT;
	}

	if (S_ISDIR(mode)) {
		if (plan_source_ignored(w->ignore, w->nignore, rel, 1))
			goto cleanup;
		if (outside) {
			plan_source_report(w->diags, rel, "io",
				"skipped: symbolic link leads outside the plan set");
			goto cleanup;
		}
		/* Linked directories wait until every real one has been walked, so
		 * a file is listed under its real path, whatever the names sort to. */
		int pushed = is_link ? pending_push(&w->links, rel, real, 0)
		                     : pending_push(&w->stack, rel, fs, 1);
		if (is_link)
			real = NULL;
		else
			fs = NULL;
		rel = NULL;
		if (pushed < 0)
			w->oom = 1;
		goto cleanup;
	}

	if (!plan_source_candidate(name) ||
	    plan_source_ignored(w->ignore, w->nignore, rel, 0))
		goto cleanup;
	if (outside) {
		plan_source_report(w->diags, rel, "io", "skipped: symbolic link leads outside the plan set");
		goto cleanup;
	}
	if (!S_ISREG(mode)) {
		plan_source_report(w->diags, rel, "io", "skipped: not a regular file");
		goto cleanup;
	}
	add_path(w, rel);
	rel = NULL;

cleanup:
	free(rel);
	free(fs);
	free(real);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name read from a directory, with its d_type. */
typedef struct entry {
	char *name;
	unsigned char type;
} entry;

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* A directory's entries, read from its descriptor. With glibc on Linux the
 * kernel's records are read straight into a buffer (getdents64): fdopendir
 * would stat the descriptor and get and set its flags, three calls per
 * directory the walk has no use for (it stats the descriptor itself, and
 * opened it with O_CLOEXEC). Elsewhere, readdir. */
typedef struct entries {
#ifdef HAVE_GETDENTS64
	int fd;
	size_t len, pos;
	union {
		struct dirent64 align;  /* the records are aligned for it */
		char bytes[32768];      /* glibc's readdir reads as much at once */
	} buf;
#else
	DIR *dir;
#endif
} entries;

/* Takes over `fd`, also on failure. 0, or -1 with errno set. */
static int entries_open(entries *e, int fd)
{
#ifdef HAVE_GETDENTS64
	e->fd = fd;
	e->len = e->pos = 0;
	return 0;
#else
	e->dir = fdopendir(fd);
	if (!e->dir) {
		int error = errno;
		close(fd);
		errno = error;
		return -1;
	}
	return 0;
#endif
}

/* The next entry: 1 with *name (valid until the next call) and *type (its
 * d_type) set, 0 at the end, -1 with errno set. */
static int entries_next(entries *e, const char **name, unsigned char *type)
{
#ifdef HAVE_GETDENTS64
	if (e->pos >= e->len) {
		ssize_t n = getdents64(e->fd, e->buf.bytes, sizeof e->buf.bytes);
		if (n <= 0)
			return n < 0 ? -1 : 0;
		e->len = (size_t)n;
		e->pos = 0;
	}
	const struct dirent64 *d = (const struct dirent64 *)(e->buf.bytes + e->pos);
	e->pos += d->d_reclen;
	*name = d->d_name;
	*type = d->d_type;
	return 1;
#else
	errno = 0;
	struct dirent *d = readdir(e->dir);
	if (!d)
		return errno ? -1 : 0;
	*name = d->d_name;
	*type = d->d_type;
	return 1;
#endif
}

static void entries_close(entries *e)
{
#ifdef HAVE_GETDENTS64
	close(e->fd);
#else
	closedir(e->dir);
#endif
}

/* Whether the directory `st` surely lets this process look names up in it
 * (its search bit for the owner when that is us, else both the group's and
 * everyone's, whichever applies; root always). Where it may not, no entry
 * can be stat'ed or opened, and readdir's d_type would hide that: each
 * entry is then stat'ed, so that each is the fault of its own it always
 * was. (An ACL denying one user what the bits grant everyone is not seen:
 * its plan files are still faults when read, its folders when opened.) */
static int may_search(const walk *w, const struct stat *st)
{
	if (w->euid == 0)
		return 1;
	if (st->st_uid == w->euid)
		return (st->st_mode & S_IXUSR) != 0;
	return (st->st_mode & (S_IXGRP | S_IXOTH)) == (S_IXGRP | S_IXOTH);
}

/* A directory's names, as read or recalled. */
typedef struct names {
	entry *items;
	size_t count, cap;
} names;

static int add_name(names *list, const char *name, size_t len, unsigned char type)
{
	char *copy = malloc(len + 1);
	if (!copy || plan_array_reserve((void **)&list->items, &list->cap, list->count + 1,
	                                sizeof *list->items) < 0) {
		free(copy);
		return -1;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	list->items[list->count].name = copy;
	list->items[list->count].type = type;
	list->count++;
	return 0;
}

static void names_clear(names *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].name);
	list->count = 0;
}

/* The names of `dir` as the memo remembers them, when it remembers them
 * under the stat the directory has now (*st): 1 with them in `list`, 0
 * when the directory has to be read (it changed, or was never noted, or
 * is no directory now: opening it decides and reports), -1 when memory
 * ran out. Only a directory below the root by its own path is looked up,
 * since only such a one is noted (walk_dir). */
static int recall(const walk *w, const pending *dir, struct stat *st, names *list)
{
	const plan_dir_memo *memo = w->src->base.memo;
	const char *p;
	size_t len;
	if (!memo || !dir->beneath || w->src->root_fd < 0 ||
	    fstatat(w->src->root_fd, dir->rel[0] ? dir->rel : ".", st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISDIR(st->st_mode) || !memo->find(memo->ctx, dir->rel, st, &p, &len))
		return 0;
	/* The memo's bytes passed its file's checksum; what they hold is
	 * still checked to be names, or the directory is read instead. */
	for (const char *end = p + len; p < end;) {
		unsigned char type = (unsigned char)*p++;
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		size_t n = nul ? (size_t)(nul - p) : 0;
		if (!nul || n == 0 || p[0] == '.' || memchr(p, '/', n)) {
			names_clear(list);
			return 0;
		}
		if (add_name(list, p, n, type) < 0)
			return -1;
		p = nul + 1;
	}
	return 1;
}

/* Read the names of the directory open on `fd` (which this takes over)
 * into `list`, and have the memo note them when `note` (under `st`, the
 * directory's stat taken before they were read). 0, or -1 when memory ran
 * out; a fault reading is reported, and what was read before it is kept. */
static int read_names(walk *w, const pending *dir, int fd, const struct stat *st,
	names *list, int note)
{
	plan_buf memo = PLAN_BUF_INIT;
	entries *e = malloc(sizeof *e);
	if (!e) {
		close(fd);
		return -1;
	}
	if (entries_open(e, fd) < 0) {
		plan_source_report(w->diags, dir->rel, "io", "cannot open directory: %s",
			ERRNO_TEXT(w->diags, errno));
		free(e);
		return 0;
	}
	int rc = 0;
	for (;;) {
		const char *name;
		unsigned char type;
		int got = entries_next(e, &name, &type);
		if (got <= 0) {
			if (got < 0) {
				plan_source_report(w->diags, dir->rel, "io", "cannot read directory: %s",
					ERRNO_TEXT(w->diags, errno));
				note = 0;
			}
			break;
		}
		/* Hidden names, "." and ".." among them, are never part of a plan set. */
		if (name[0] == '.')
			continue;
		size_t len = strlen(name);
		if (add_name(list, name, len, type) < 0) {
			rc = -1;
			break;
		}
		if (note) {
			plan_buf_putc(&memo, (char)type);
			plan_buf_put(&memo, name, len + 1);
		}
	}
	entries_close(e);
	free(e);
	if (rc == 0 && note && !memo.failed)
		w->src->base.memo->note(w->src->base.memo->ctx, dir->rel, st,
		                        memo.ptr ? memo.ptr : "", memo.len);
	plan_buf_free(&memo);
	return rc;
}

/* Read one directory's names (or recall them, when it has not changed
 * since they were last read), then visit them in sorted order so that the
 * walk (and so which files a max_files cut keeps) is the same everywhere. */
static void walk_dir(walk *w, const pending *dir)
{
	names list = { NULL, 0, 0 };
	int fd = -1;
	struct stat st;
	int recalled = recall(w, dir, &st, &list);
	if (recalled < 0) {
		w->oom = 1;
		goto cleanup;
	}
	if (!recalled) {
		/* O_NOFOLLOW: a directory swapped for a link since readdir is not
		 * followed; O_NONBLOCK: nor does a swapped-in FIFO hang the walk. */
		const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
		/* From the root's descriptor where it names the same directory:
		 * the kernel then walks the path below the root only, not the
		 * root's own path again for each of ten thousand directories. */
		fd = dir->beneath && dir->rel[0] && w->src->root_fd >= 0 ?
			openat(w->src->root_fd, dir->rel, flags) : open(dir->fs, flags);
		if (fd < 0 || fstat(fd, &st) != 0) {
			plan_source_report(w->diags, dir->rel, "io", "cannot open directory: %s",
				ERRNO_TEXT(w->diags, errno));
			goto cleanup;
		}
	}
	int fresh = seen_add(&w->seen, st.st_dev, st.st_ino);
	if (fresh < 0)
		w->oom = 1;
	if (fresh <= 0)
		goto cleanup;
	if (!recalled) {
		/* Noted only where the memo can find it again: by the path
		 * below the root that names it. */
		int note = w->src->base.memo && dir->beneath && w->src->root_fd >= 0;
		int rc = read_names(w, dir, fd, &st, &list, note);
		fd = -1;
		if (rc < 0) {
			w->oom = 1;
			goto cleanup;
		}
	}
	if (!may_search(w, &st))
		for (size_t i = 0; i < list.count; i++)
			list.items[i].type = DT_UNKNOWN;

	if (list.count > 1)
		qsort(list.items, list.count, sizeof *list.items, compare_entries);
	size_t base = w->stack.count;
	for (size_t i = 0; i < list.count && !w->oom && !w->full; i++)
		visit(w, dir, list.items[i].name, list.items[i].type);
	/* The stack pops last-in first; reversed, subdirectories come off it in
	 * sorted order. */
	for (size_t i = base, j = w->stack.count; i + 1 < j; i++, j--) {
		pending t = w->stack.items[i];
		w->stack.items[i] = w->stack.items[j - 1];
		w->stack.items[j - 1] = t;
	}

cleanup:
	if (fd >= 0)
		close(fd);
	names_clear(&list);
	free(list.items);
}

static void free_listing(dir_source *src)
{
	for (size_t i = 0; i < src->npaths; i++)
		free(src->paths[i]);
	free(src->paths);
	src->paths = NULL;
	src->npaths = 0;
}

static int dir_list(plan_source *base, const char *const *ignore, size_t nignore,
	size_t max_files, const char *const **out, size_t *count, plan_diags *diags)
{
	dir_source *src = (dir_source *)base;
	int rc = -1;
	walk w = { 0 };
	w.src = src;
	w.ignore = ignore;
	w.nignore = ignore ? nignore : 0;
	w.max_files = max_files;
	w.diags = diags;
	w.euid = geteuid();
	free_listing(src);

	char *rel = strdup("");
	char *fs = strdup(src->root);
	if (!rel || !fs) {
		free(rel);
		free(fs);
		goto cleanup;
	}
	if (pending_push(&w.stack, rel, fs, 1) < 0)
		goto cleanup;

	while (!w.oom && !w.full) {
		pending next;
		if (w.stack.count > 0)
			next = w.stack.items[--w.stack.count];
		else if (w.next_link < w.links.count)
			next = w.links.items[w.next_link++];
		else
			break;
		walk_dir(&w, &next);
		free(next.rel);
		free(next.fs);
	}
	if (w.oom)
		goto cleanup;

	if (w.npaths > 1)
		qsort(w.paths, w.npaths, sizeof *w.paths, compare_names);
	src->paths = w.paths;
	src->npaths = w.npaths;
	w.paths = NULL;
	w.npaths = 0;
	/* The public type promises callers read-only strings. */
	*out = (const char *const *)src->paths;
	*count = src->npaths;
	rc = 0;

cleanup:
	pending_list_free(&w.stack, 0);
	pending_list_free(&w.links, w.next_link);
	free(w.seen.keys);
	free(w.seen.used);
	for (size_t i = 0; i < w.npaths; i++)
		free(w.paths[i]);
	free(w.paths);
	return rc;
}

/* The stat open_beneath takes before it opens `relpath`: from the root's
 * descriptor, which spares the kernel walking the root's own path again;
 * by the full path when there is none. 0 or -1 as stat. */
static int stat_at_root(const dir_source *src, const char *relpath, struct stat *st)
{
	if (src->root_fd >= 0)
		return fstatat(src->root_fd, relpath, st, 0);
	char *full = join(src->root, relpath);
	int rc = full ? stat(full, st) : -1;
	free(full);
	return rc;
}

static int dir_stat(plan_source *base, const char *relpath, struct stat *st)
{
	const dir_source *src = (const dir_source *)base;
	return plan_source_relpath_ok(relpath) && stat_at_root(src, relpath, st) == 0 &&
	       S_ISREG(st->st_mode);
}

/* The quick way to open a plan file, for the common case: a regular file
 * reached without leaving the root. The kernel resolves `relpath` beneath
 * the root (openat2 with RESOLVE_BENEATH, Linux 5.6), so one call does what
 * realpath, a check and open do with a system call per path segment; a
 * plan set of ten thousand files saves a hundred thousand calls. `before`
 * is the stat dir_stat took of it just now, or NULL. Returns the
 * descriptor, or -1 for the careful way to decide and report: no openat2
 * (an older kernel, a sandbox), anything not a regular file, a link that
 * leaves the root or is absolute, any error. */
static int open_beneath(const dir_source *src, const char *relpath, const struct stat *before)
{
#ifdef HAVE_OPENAT2
	if (src->root_fd < 0)
		return -1;
	/* stat before open, as the careful way does: opening a device can have
	 * effects (a watchdog, a tape), and the open itself is what the stat
	 * keeps from happening, so the fstat once open (dir_read) cannot stand
	 * in for it. O_NONBLOCK alone would only keep a FIFO from blocking. A
	 * stat the caller took a moment ago by the same call is that stat. */
	struct stat st;
	if (!before && (stat_at_root(src, relpath, &st) != 0 || !S_ISREG(st.st_mode)))
		return -1;
	struct open_how how;
	memset(&how, 0, sizeof how);
	how.flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	long fd = syscall(SYS_openat2, src->root_fd, relpath, &how, sizeof how);
	return fd >= 0 && fd <= INT32_MAX ? (int)fd : -1;
#else
	(void)src;
	(void)relpath;
	(void)before;
	return -1;
#endif
}

/* Whether a stat call (its result `rc`) found a regular file; reports what
 * else it found. */
static int regular_or_report(int rc, const struct stat *st, const char *relpath,
	plan_diags *diags)
{
	if (rc != 0) {
		plan_source_report(diags, relpath, "io", "cannot read: %s", ERRNO_TEXT(diags, errno));
		return 0;
	}
	if (!S_ISREG(st->st_mode)) {
		plan_source_report(diags, relpath, "io", "skipped: not a regular file");
		return 0;
	}
	return 1;
}

/* The careful way to open a plan file, for whatever open_beneath leaves:
 * resolve the whole path, refuse what leads out of the root, stat before
 * open. Returns the descriptor, or -1 with the reason reported. */
static int open_carefully(const dir_source *src, const char *relpath, plan_diags *diags)
{
	int fd = -1;
	char *full = join(src->root, relpath);
	char *real = NULL;
	struct stat st;
	if (!full)
		goto cleanup;
	/* Resolving the whole path catches links in any segment, not only the
	 * last, that were changed to lead out since the listing. */
	real = realpath(full, NULL);
	if (!real) {
		plan_source_report(diags, relpath, "io", "cannot read: %s", ERRNO_TEXT(diags, errno));
		goto cleanup;
	}
	if (!inside_root(src, real)) {
		plan_source_report(diags, relpath, "io", "skipped: symbolic link leads outside the plan set");
		goto cleanup;
	}
	/* stat before open: opening a device or FIFO can block or have effects. */
	if (!regular_or_report(stat(real, &st), &st, relpath, diags))
		goto cleanup;
	fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
	if (fd < 0)
		plan_source_report(diags, relpath, "io", "cannot read: %s", ERRNO_TEXT(diags, errno));
cleanup:
	free(full);
	free(real);
	return fd;
}

static int dir_read(plan_source *base, const char *relpath, const struct stat *before,
	size_t max_bytes, char **out, size_t *len, plan_diags *diags)
{
	dir_source *src = (dir_source *)base;
	int rc = -1;
	char *data = NULL;
	int fd = -1;
	struct stat st;
	/* The buffer holds max_bytes plus the NUL. */
	if (max_bytes > SIZE_MAX - 1)
		max_bytes = SIZE_MAX - 1;

	if (!plan_source_relpath_ok(relpath)) {
		plan_source_report(diags, relpath, "io", "skipped: not a path inside the plan set");
		goto cleanup;
	}
	fd = open_beneath(src, relpath, before);
	if (fd < 0 && (fd = open_carefully(src, relpath, diags)) < 0)
		goto cleanup;
	/* Checked again on what was opened, in case the path changed meanwhile. */
	if (!regular_or_report(fstat(fd, &st), &st, relpath, diags))
		goto cleanup;
	if (st.st_size < 0 || (uintmax_t)st.st_size > max_bytes) {
		plan_source_report(diags, relpath, "limit", "file is larger than the limit of %zu bytes",
			max_bytes);
		goto cleanup;
	}

	/* The size is a hint only: the file may grow or shrink while read. */
	size_t size = (size_t)st.st_size;
	size_t cap = size;      /* bytes of text the buffer holds, its NUL aside */
	size_t have = 0;
	data = malloc(cap + 1);
	if (!data)
		goto cleanup;
	for (;;) {
		/* Into the NUL's place too: a byte that lands there is one more
		 * than the buffer holds, so the file has grown. */
		ssize_t r = read(fd, data + have, cap + 1 - have);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			plan_source_report(diags, relpath, "io", "cannot read: %s", ERRNO_TEXT(diags, errno));
			goto cleanup;
		}
		if (r == 0)
			break;
		have += (size_t)r;
		if (have <= cap) {
			/* Short of the room asked for, at the size fstat gave: the
			 * end of the file (a read of a regular file stops short only
			 * there), so the read that would return 0 is not made. A
			 * file that shrank, or grew, is read until that 0. */
			if (have == size)
				break;
			continue;
		}
		if (cap == max_bytes) {
			plan_source_report(diags, relpath, "limit",
				"file is larger than the limit of %zu bytes", max_bytes);
			goto cleanup;
		}
		size_t bigger = cap < 4096 ? 4096 : cap;
		bigger = bigger > max_bytes - cap ? max_bytes : cap + bigger;
		char *p = realloc(data, bigger + 1);
		if (!p)
			goto cleanup;
		data = p;
		cap = bigger;
	}
	data[have] = '\0';
	*out = data;
	*len = have;
	data = NULL;
	rc = 0;

cleanup:
	if (fd >= 0)
		close(fd);
	free(data);
	return rc;
}

static const char *dir_root(const plan_source *base)
{
	return ((const dir_source *)base)->root;
}

static void dir_free(plan_source *base)
{
	dir_source *src = (dir_source *)base;
	free_listing(src);
	free(src->root);
	if (src->root_fd >= 0)
		close(src->root_fd);
	free(src);
}

static const plan_source_ops dir_ops = {
	dir_list, dir_read, dir_root, dir_free, NULL, dir_stat
};

int plan_source_open_dir(plan_source **out, const char *root, plan_error *err)
{
	int rc = -1;
	dir_source *src = NULL;
	*out = NULL;

	src = calloc(1, sizeof *src);
	if (!src) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	src->base.ops = &dir_ops;
	src->root_fd = -1;
	src->root = realpath(root, NULL);
	if (!src->root) {
		plan_error_set(err, "cannot open '%s': %s", root, ERR_ERRNO_TEXT(err, errno));
		goto cleanup;
	}
	struct stat st;
	if (stat(src->root, &st) != 0) {
		plan_error_set(err, "cannot open '%s': %s", root, ERR_ERRNO_TEXT(err, errno));
		goto cleanup;
	}
	if (!S_ISDIR(st.st_mode)) {
		plan_error_set(err, "cannot open '%s': %s", root, ERR_ERRNO_TEXT(err, ENOTDIR));
		goto cleanup;
	}
#ifdef HAVE_OPENAT2
	/* For open_beneath; without it every file takes the careful way. */
	src->root_fd = open(src->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
	*out = &src->base;
	src = NULL;
	rc = 0;

cleanup:
	if (src)
		dir_free(&src->base);
	return rc;
}
