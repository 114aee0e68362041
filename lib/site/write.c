/* write.c: the folder a site is written to. A build writes into a new
 * temporary folder beside DIR and then swaps it into place, so readers of
 * the published folder never see half a site, a failed build leaves the
 * old one, and pages the plan set no longer has are gone. Only a folder
 * that is new, empty or a site built before is ever replaced: the marker
 * file tells, so that `-o ~` cannot delete a home folder. */
#define _XOPEN_SOURCE 700   /* nftw, mkdtemp, realpath */
#include "site_write.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/lang.h"
#include "plan/site.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void remove_tree(const char *path)
{
	if (path)
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
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
