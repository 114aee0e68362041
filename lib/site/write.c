/* write.c: the folder a site is written to. A build writes into a new
 * temporary folder beside DIR and then swaps it into place, so readers of
 * the published folder never see half a site, a failed build leaves the
 * old one, and pages the plan set no longer has are gone. Only a folder
 * that is new, empty or a site built before is ever replaced: the marker
 * file tells, so that `-o ~` cannot delete a home folder. */
#define _DEFAULT_SOURCE   /* d_type, mkdtemp, realpath, openat */
#include "site_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/lang.h"
#include "plan/site.h"

/* Everything in the folder open as `fd`, which is closed. Relative to the
 * folder's descriptor, and without a stat per entry where the directory
 * says what each entry is: a site is thousands of small files. */
static void empty_folder(int fd);

/* The folder `name` in the folder open as `parent`, and all it holds; a
 * link is never followed. */
static void remove_folder(int parent, const char *name)
{
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		empty_folder(fd);
		unlinkat(parent, name, AT_REMOVEDIR);
	}
}

static void empty_folder(int fd)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_type != DT_DIR && unlinkat(dirfd(d), e->d_name, 0) == 0)
			continue;
		remove_folder(dirfd(d), e->d_name);   /* or, with DT_UNKNOWN, perhaps one */
	}
	closedir(d);
}

typedef struct folders {
	int parent;        /* the folder they are in, open */
	char **names;
	size_t n;
} folders;

/* The folders names[1], names[3], ... of `arg` (a folders), removed. */
static void *remove_odd(void *arg)
{
	const folders *f = arg;
	for (size_t i = 1; i < f->n; i += 2)
		remove_folder(f->parent, f->names[i]);
	return NULL;
}

/* The folders directly in the folder open as `fd` (the bodies' folders of
 * org/), into f; 0, or -1 when memory ran out. */
static int list_folders(folders *f, int fd)
{
	int again = dup(fd);
	DIR *d = again >= 0 ? fdopendir(again) : NULL;
	if (!d) {
		if (again >= 0)
			close(again);
		return -1;
	}
	size_t cap = 0;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_type != DT_DIR || strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (f->n == cap) {
			char **more = realloc(f->names, (cap ? 2 * cap : 64) * sizeof *more);
			if (!more) {
				rc = -1;
				break;
			}
			f->names = more;
			cap = cap ? 2 * cap : 64;
		}
		if (!(f->names[f->n] = strdup(e->d_name)))
			rc = -1;
		else
			f->n++;
	}
	closedir(d);
	return rc;
}

/* Remove the tree at `path`: the bodies' folders of org/ (the bulk of a
 * large site) shared between two threads, then the rest. */
static void remove_tree(const char *path)
{
	if (!path)
		return;
	int root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (root < 0) {
		unlink(path);
		return;
	}
	folders f = { openat(root, "org", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), NULL, 0 };
	if (f.parent >= 0 && list_folders(&f, f.parent) == 0 && f.n > 1) {
		pthread_t thread;
		int threaded = pthread_create(&thread, NULL, remove_odd, &f) == 0;
		for (size_t i = 0; i < f.n; i += threaded ? 2 : 1)
			remove_folder(f.parent, f.names[i]);
		if (threaded)
			pthread_join(thread, NULL);
	}
	for (size_t i = 0; i < f.n; i++)
		free(f.names[i]);
	free(f.names);
	if (f.parent >= 0)
		close(f.parent);
	empty_folder(root);
	rmdir(path);
}

/* True when `path` is `dir` or lies under it (both absolute, resolved). */
static int within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* An existing folder may be replaced when empty or when it holds the marker. */
static int replaceable(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int empty = 1;
	struct dirent *e;
	while (empty && (e = readdir(d)))
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	if (empty)
		return 1;
	char marker[SITE_PATH_MAX];
	struct stat st;
	return snprintf(marker, sizeof marker, "%s/%s", dir, PLAN_SITE_MARKER) < (int)sizeof marker &&
		lstat(marker, &st) == 0 && S_ISREG(st.st_mode);
}

int site_dir_begin(site_dir *w, const char *dir, const char *root, plan_lang lang, plan_buf *why)
{
	memset(w, 0, sizeof *w);
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 0 || len >= SITE_PATH_MAX - 32) {
		plan_buf_printf(why, plan_trc(lang, "site", "'%s' is no folder name"), dir);
		return -1;
	}
	memcpy(w->dir, dir, len);
	w->dir[len] = '\0';
	const char *slash = strrchr(w->dir, '/');
	const char *base = slash ? slash + 1 : w->dir;
	char parent[SITE_PATH_MAX];
	snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash == w->dir ? 1 : slash - w->dir) : 1,
		slash ? w->dir : ".");
	char real_parent[SITE_PATH_MAX], real_root[SITE_PATH_MAX], target[2 * SITE_PATH_MAX + 8];
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || !realpath(parent, real_parent)) {
		plan_buf_printf(why, plan_trc(lang, "site", "cannot write the site to '%s': %s"), dir,
			strcmp(base, ".") == 0 || strcmp(base, "..") == 0
				? plan_trc(lang, "site", "name a folder of its own")
				: plan_tr(lang, strerror(errno)));
		return -1;
	}
	snprintf(target, sizeof target, "%s/%s", strcmp(real_parent, "/") == 0 ? "" : real_parent, base);
	if (root && realpath(root, real_root) && (within(target, real_root) || within(real_root, target))) {
		plan_buf_printf(why, within(target, real_root)
			? plan_trc(lang, "site", "'%s' is inside the plan set: the site is written outside what it is made from")
			: plan_trc(lang, "site", "'%s' holds the plan set: the site would replace it"), dir);
		return -1;
	}
	struct stat st;
	if (lstat(w->dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode) || !replaceable(w->dir)) {
			plan_buf_printf(why, plan_trc(lang, "site",
				"'%s' exists and is not a site plan-report wrote (it has no %s); "
				"name a new or empty folder"), dir, PLAN_SITE_MARKER);
			return -1;
		}
		w->existed = 1;
	} else if (errno != ENOENT) {
		plan_buf_printf(why, plan_trc(lang, "site", "cannot write the site to '%s': %s"), dir,
			plan_tr(lang, strerror(errno)));
		return -1;
	}
	snprintf(w->tmp, sizeof w->tmp, "%s/.%s.new-XXXXXX", parent, base);
	if (!mkdtemp(w->tmp) || chmod(w->tmp, 0755) != 0) {
		plan_buf_printf(why, plan_trc(lang, "site", "cannot write the site to '%s': %s"), dir,
			plan_tr(lang, strerror(errno)));
		w->tmp[0] = '\0';
		return -1;
	}
	snprintf(w->old, sizeof w->old, "%s/.%s.old-XXXXXX", parent, base);
	return 0;
}

int site_dir_mkdir(const site_dir *w, const char *sub)
{
	char path[2 * SITE_PATH_MAX + 256];
	snprintf(path, sizeof path, "%s/%s", w->tmp, sub);
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int site_dir_commit(site_dir *w, plan_lang lang, plan_buf *why)
{
	if (w->existed) {
		if (!mkdtemp(w->old) || rename(w->dir, w->old) != 0) {
			plan_buf_printf(why, plan_trc(lang, "site", "cannot replace '%s': %s"), w->dir,
				plan_tr(lang, strerror(errno)));
			if (w->old[0] && strstr(w->old, "XXXXXX") == NULL)
				rmdir(w->old);
			site_dir_abort(w);
			return -1;
		}
	}
	if (rename(w->tmp, w->dir) != 0) {
		plan_buf_printf(why, plan_trc(lang, "site", "cannot replace '%s': %s"), w->dir,
			plan_tr(lang, strerror(errno)));
		if (w->existed)
			rename(w->old, w->dir);
		site_dir_abort(w);
		return -1;
	}
	w->tmp[0] = '\0';
	if (w->existed)
		remove_tree(w->old);
	return 0;
}

void site_dir_abort(site_dir *w)
{
	if (w->tmp[0])
		remove_tree(w->tmp);
	w->tmp[0] = '\0';
}
