/* source.c: finding a plan set's root, the rules every source shares, and
 * the dispatch from the public plan_source_* calls to an implementation. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* realpath, strdup under -std=c11 */
#endif

#include "plan/source.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan/buf.h"
#include "source_impl.h"

#define ROOT_MARKER "styrmodell.yaml"

/* The language of `err`'s messages (plan_error_set allows NULL). */
#define ERR_LANG(err) ((err) ? (err)->lang : PLAN_LANG_EN)

/* 1 when `dir` holds a regular file named styrmodell.yaml, 0 when not, -1
 * when memory ran out building the path. */
static int holds_marker(const char *dir)
{
	plan_buf path = PLAN_BUF_INIT;
	plan_buf_puts(&path, dir);
	if (path.len == 0 || path.ptr[path.len - 1] != '/')
		plan_buf_putc(&path, '/');
	plan_buf_puts(&path, ROOT_MARKER);
	if (path.failed) {
		plan_buf_free(&path);
		return -1;
	}
	struct stat st;
	/* Any stat failure (missing, no permission on the way) just means "not
	 * here"; the walk goes on upwards like git's search for .git. */
	int found = stat(path.ptr, &st) == 0 && S_ISREG(st.st_mode);
	plan_buf_free(&path);
	return found;
}

int plan_root_find(char **out, const char *path, plan_error *err)
{
	int rc = -1;
	char *dir = NULL;
	char *start = NULL;
	*out = NULL;
	if (!path)
		path = ".";

	dir = realpath(path, NULL);
	if (!dir) {
		plan_error_set(err, "cannot open '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		goto cleanup;
	}
	struct stat st;
	if (stat(dir, &st) != 0) {
		plan_error_set(err, "cannot open '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		goto cleanup;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* A file: its directory. realpath gave an absolute path, so there is
		 * always a '/' to cut at; cutting the first one leaves "/". */
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	start = strdup(dir);
	if (!start) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}

	for (;;) {
		int found = holds_marker(dir);
		if (found < 0) {
			plan_error_set(err, "out of memory");
			goto cleanup;
		}
		if (found) {
			*out = dir;
			dir = NULL;
			rc = 0;
			goto cleanup;
		}
		if (strcmp(dir, "/") == 0)
			break;
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	/* ROOT_MARKER written out: the message is the catalogue's key. */
	plan_error_set(err, "no plan set found: no styrmodell.yaml in '%s' or any directory "
		"above it", start);

cleanup:
	free(dir);
	free(start);
	return rc;
}

int plan_root_find_file(char **root, char **relpath, const char *path, plan_error *err)
{
	*root = NULL;
	*relpath = NULL;
	int rc = -1;
	char *dir = NULL, *real_dir = NULL;
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		plan_error_set(err, "'%s' is a directory, not a file", path);
		goto cleanup;
	}
	dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	if (!dir) {
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		plan_error_set(err, "'%s' is a directory, not a file", path);
		goto cleanup;
	}
	if (!(real_dir = realpath(dir, NULL))) {
		plan_error_set(err, "cannot open '%s': %s", dir,
			plan_tr(ERR_LANG(err), strerror(errno)));
		goto cleanup;
	}
	if (plan_root_find(root, real_dir, err) < 0)
		goto cleanup;
	/* The root is real_dir or above it, so real_dir starts with it. */
	size_t n = strlen(*root);
	const char *below = real_dir + n;
	while (*below == '/')
		below++;
	plan_buf rel = PLAN_BUF_INIT;
	if (*below)
		plan_buf_printf(&rel, "%s/", below);
	plan_buf_puts(&rel, name);
	if (rel.failed) {
		plan_buf_free(&rel);
		plan_error_set(err, "out of memory");
		goto cleanup;
	}
	*relpath = plan_buf_detach(&rel);
	rc = 0;

cleanup:
	if (rc < 0) {
		free(*root);
		*root = NULL;
	}
	free(dir);
	free(real_dir);
	return rc;
}

int plan_source_candidate(const char *name)
{
	size_t len = strlen(name);
	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	       (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

int plan_source_ignored(const char *const *ignore, size_t nignore,
	const char *relpath, int is_dir)
{
	for (size_t i = 0; i < nignore; i++) {
		if (!ignore[i])
			continue;
		if (is_dir ? plan_glob_match_dir(ignore[i], relpath)
		           : plan_glob_match(ignore[i], relpath))
			return 1;
	}
	return 0;
}

int plan_source_relpath_ok(const char *relpath)
{
	if (relpath[0] == '\0' || relpath[0] == '/')
		return 0;
	const char *s = relpath;
	for (;;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (n == 0 || (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (!slash)
			return 1;
		s = slash + 1;
	}
}

int plan_source_list(plan_source *source, const char *const *ignore,
	size_t nignore, size_t max_files, const char *const **out, size_t *count,
	plan_diags *diags)
{
	*out = NULL;
	*count = 0;
	if (!source)
		return -1;
	return source->ops->list(source, ignore, nignore, max_files, out, count, diags);
}

int plan_source_list_found(plan_source *source, const char *const *ignore,
	size_t nignore, size_t max_files, const char *const **out, size_t *count,
	plan_diags *diags, plan_source_found *found, void *ctx)
{
	if (!source) {
		*out = NULL;
		*count = 0;
		return -1;
	}
	source->found = found;
	source->found_ctx = ctx;
	int rc = plan_source_list(source, ignore, nignore, max_files, out, count, diags);
	source->found = NULL;
	source->found_ctx = NULL;
	return rc;
}

int plan_source_read(plan_source *source, const char *relpath, size_t max_bytes,
	char **out, size_t *len, plan_diags *diags)
{
	return plan_source_read_stated(source, relpath, NULL, max_bytes, out, len, diags);
}

int plan_source_read_stated(plan_source *source, const char *relpath,
	const struct stat *before, size_t max_bytes, char **out, size_t *len,
	plan_diags *diags)
{
	*out = NULL;
	*len = 0;
	if (!source || !relpath)
		return -1;
	return source->ops->read(source, relpath, before, max_bytes, out, len, diags);
}

int plan_source_stat(plan_source *source, const char *relpath, struct stat *st)
{
	if (!source || !relpath || !source->ops->stat)
		return 0;
	return source->ops->stat(source, relpath, st);
}

void plan_source_remember_dirs(plan_source *source, const plan_dir_memo *memo)
{
	if (source)
		source->memo = memo;
}

int plan_source_blob_id(plan_source *source, const char *relpath, unsigned char out[20])
{
	if (!source || !relpath)
		return -1;
	return source->ops->blob_id ? source->ops->blob_id(source, relpath, out) : 0;
}

const char *plan_source_root(const plan_source *source)
{
	return source ? source->ops->root(source) : NULL;
}

const char *plan_source_revision(const plan_source *source)
{
	return source ? source->revision : NULL;
}

void plan_source_free(plan_source *source)
{
	if (source)
		source->ops->free(source);
}

void plan_source_report(plan_diags *diags, const char *file, const char *rule,
	const char *fmt, ...)
{
	if (!diags)
		return;
	plan_buf msg = PLAN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	plan_buf_vprintf(&msg, plan_tr(plan_diags_lang(diags), fmt), ap);
	va_end(ap);
	plan_diags_add(diags, file, 0, 0, rule, NULL, "%s", msg.failed || !msg.ptr ?
		plan_tr(plan_diags_lang(diags), "(message lost: out of memory)") : msg.ptr);
	plan_buf_free(&msg);
}
