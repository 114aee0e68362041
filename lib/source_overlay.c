/* source_overlay.c: a source that reads another source's files, except that
 * some of them read as texts held in memory: an editor's unsaved documents
 * checked in place of what is on disk. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* strdup under -std=c11 */
#endif

#include "plan/source.h"

#include <stdlib.h>
#include <string.h>

#include "source_impl.h"

/* A text held: the overlay's own copy of one plan_overlay_file. */
typedef struct held {
	char *path;
	char *text;
	size_t len;
} held;

typedef struct overlay_source {
	plan_source base;         /* first: an overlay_source * is a plan_source * */
	plan_source *under;       /* owned */
	held *files;              /* sorted by path */
	size_t nfiles;
} overlay_source;

static int by_path(const void *a, const void *b)
{
	return strcmp(((const held *)a)->path, ((const held *)b)->path);
}

static const held *overlay_find(const overlay_source *src, const char *relpath)
{
	held key = { (char *)relpath, NULL, 0 };
	return bsearch(&key, src->files, src->nfiles, sizeof *src->files, by_path);
}

/* The listing is the underlying one: a text that stands in for a file
 * replaces it, and one whose file does not exist yet is not read until it
 * is saved, so that an overlay never adds what the ignore globs, hidden
 * folders or the file limit would keep out. */
static int overlay_list(plan_source *base, const char *const *ignore, size_t nignore,
	size_t max_files, const char *const **out, size_t *count, plan_diags *diags)
{
	overlay_source *src = (overlay_source *)base;
	return plan_source_list(src->under, ignore, nignore, max_files, out, count, diags);
}

static int overlay_read(plan_source *base, const char *relpath, size_t max_bytes,
	char **out, size_t *len, plan_diags *diags)
{
	overlay_source *src = (overlay_source *)base;
	const held *file = overlay_find(src, relpath);
	if (!file)
		return plan_source_read(src->under, relpath, max_bytes, out, len, diags);
	if (file->len > max_bytes) {
		plan_source_report(diags, relpath, "limit", "file is larger than the limit of %zu bytes",
			max_bytes);
		return -1;
	}
	char *copy = malloc(file->len + 1);
	if (!copy)
		return -1;
	memcpy(copy, file->text, file->len);
	copy[file->len] = '\0';
	*out = copy;
	*len = file->len;
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
	for (size_t i = 0; i < src->nfiles; i++) {
		free(src->files[i].path);
		free(src->files[i].text);
	}
	free(src->files);
	plan_source_free(src->under);
	free(src);
}

static const plan_source_ops overlay_ops = {
	overlay_list, overlay_read, overlay_root, overlay_free
};

int plan_source_open_overlay(plan_source **out, plan_source *under,
	const plan_overlay_file *files, size_t nfiles, plan_error *err)
{
	*out = NULL;
	if (!under)
		return plan_error_set(err, "out of memory");
	overlay_source *src = calloc(1, sizeof *src);
	if (!src || !(src->files = calloc(nfiles ? nfiles : 1, sizeof *src->files))) {
		free(src);
		plan_source_free(under);
		return plan_error_set(err, "out of memory");
	}
	src->under = under;
	src->base.ops = &overlay_ops;
	src->base.revision = under->revision;
	src->base.revision_time = under->revision_time;
	for (size_t i = 0; i < nfiles; i++) {
		/* The last of a path given twice wins, as a later edit would. The
		 * texts are the documents open in an editor, a handful: a scan for
		 * a later one costs nothing. */
		int later = 0;
		for (size_t j = i + 1; j < nfiles && !later; j++)
			later = strcmp(files[i].path, files[j].path) == 0;
		if (later)
			continue;
		held *copy = &src->files[src->nfiles];
		char *text = malloc(files[i].len ? files[i].len : 1);
		copy->path = strdup(files[i].path);
		copy->text = text;
		copy->len = files[i].len;
		src->nfiles++;
		if (!copy->path || !text) {
			overlay_free(&src->base);
			return plan_error_set(err, "out of memory");
		}
		if (files[i].len)
			memcpy(text, files[i].text, files[i].len);
	}
	qsort(src->files, src->nfiles, sizeof *src->files, by_path);
	*out = &src->base;
	return 0;
}
