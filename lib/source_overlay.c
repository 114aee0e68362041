/* source_overlay.c: a source that reads as another does, except one file
 * whose text is given (standard input, `plan-validate - --stdin-filename`;
 * an editor's unsaved buffer): it replaces the file of that path, or is
 * added where the listing would have held it. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "source_impl.h"

typedef struct overlay_source {
	plan_source base;          /* first: see source_impl.h */
	plan_source *under;        /* owned */
	char *relpath;
	char *text;
	size_t len;
	const char **listing;      /* the under source's paths with relpath in
	                            * its place; the strings are theirs or ours */
} overlay_source;

/* Would a listing hold `relpath`? A plan file's name, nothing hidden on the
 * way (listing skips names starting with '.'), and no ignore glob over it
 * or over a directory above it. */
static int listable(const char *relpath, const char *const *ignore, size_t nignore)
{
	const char *name = strrchr(relpath, '/');
	name = name ? name + 1 : relpath;
	if (!plan_source_candidate(name) || plan_source_ignored(ignore, nignore, relpath, 0))
		return 0;
	plan_buf dir = PLAN_BUF_INIT;
	int ok = 1;
	for (const char *s = relpath; ok;) {
		if (*s == '.')
			ok = 0;
		const char *slash = strchr(s, '/');
		if (!slash)
			break;
		plan_buf_clear(&dir);
		plan_buf_put(&dir, relpath, (size_t)(slash - relpath));
		if (dir.failed || plan_source_ignored(ignore, nignore, dir.ptr, 1))
			ok = 0;
		s = slash + 1;
	}
	plan_buf_free(&dir);
	return ok;
}

static int overlay_list(plan_source *base, const char *const *ignore, size_t nignore,
	size_t max_files, const char *const **out, size_t *count, plan_diags *diags)
{
	overlay_source *src = (overlay_source *)base;
	const char *const *paths = NULL;
	size_t n = 0;
	if (plan_source_list(src->under, ignore, nignore, max_files, &paths, &n, diags) < 0)
		return -1;
	free(src->listing);
	src->listing = malloc((n + 1) * sizeof *src->listing);
	if (!src->listing)
		return -1;
	/* Sorted bytewise like the listing, the given file in its place. */
	int add = listable(src->relpath, ignore, nignore);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int c = strcmp(paths[i], src->relpath);
		if (add && c >= 0) {
			src->listing[k++] = src->relpath;
			add = 0;
			if (c == 0)
				continue;
		}
		src->listing[k++] = paths[i];
	}
	if (add)
		src->listing[k++] = src->relpath;
	*out = src->listing;
	*count = k;
	return 0;
}

static int overlay_read(plan_source *base, const char *relpath, size_t max_bytes,
	char **out, size_t *len, plan_diags *diags)
{
	overlay_source *src = (overlay_source *)base;
	if (strcmp(relpath, src->relpath) != 0)
		return plan_source_read(src->under, relpath, max_bytes, out, len, diags);
	if (src->len > max_bytes) {
		plan_source_report(diags, relpath, "limit", "file is larger than the limit of %zu bytes",
			max_bytes);
		return -1;
	}
	/* The caller owns what it gets: a copy, since the set may read it twice
	 * (once to check, once to quote a line). */
	char *copy = malloc(src->len + 1);
	if (!copy)
		return -1;
	memcpy(copy, src->text, src->len);
	copy[src->len] = '\0';
	*out = copy;
	*len = src->len;
	return 0;
}

static const char *overlay_root(const plan_source *base)
{
	const overlay_source *src = (const overlay_source *)base;
	return plan_source_root(src->under);
}

static void overlay_free(plan_source *base)
{
	overlay_source *src = (overlay_source *)base;
	plan_source_free(src->under);
	free(src->relpath);
	free(src->text);
	free(src->listing);
	free(src);
}

static const plan_source_ops overlay_ops = { overlay_list, overlay_read, overlay_root,
	overlay_free };

int plan_source_open_overlay(plan_source **out, plan_source *under, const char *relpath,
	const char *text, size_t len, plan_error *err)
{
	*out = NULL;
	if (!plan_source_relpath_ok(relpath)) {
		plan_source_free(under);
		return plan_error_set(err, "'%s' is not a path inside the plan set", relpath);
	}
	overlay_source *src = calloc(1, sizeof *src);
	if (src) {
		src->relpath = strdup(relpath);
		src->text = malloc(len + 1);
	}
	if (!src || !src->relpath || !src->text) {
		if (src) {
			free(src->relpath);
			free(src->text);
		}
		free(src);
		plan_source_free(under);
		return plan_error_set(err, "out of memory");
	}
	memcpy(src->text, text, len);
	src->text[len] = '\0';
	src->len = len;
	src->base.ops = &overlay_ops;
	src->base.revision = under->revision;
	src->base.revision_time = under->revision_time;
	src->under = under;
	*out = &src->base;
	return 0;
}
