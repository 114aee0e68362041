/* source_overlay.c: a source that reads another source's files, except that
 * some of them read as texts held in memory: an editor's unsaved documents
 * checked in place of what is on disk, or standard input (`plan-validate -
 * --stdin-filename`), which may also add a file where the listing would
 * have held it. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* strdup under -std=c11 */
#endif

#include "plan/source.h"

#include <stdlib.h>
#include <string.h>

#include "plan/buf.h"
#include "source_impl.h"

/* A text held: the overlay's own copy of one plan_overlay_file. */
typedef struct held {
	char *path;
	char *text;
	size_t len;
	int add;
} held;

typedef struct overlay_source {
	plan_source base;         /* first: an overlay_source * is a plan_source * */
	plan_source *under;       /* owned */
	held *files;              /* sorted by path */
	size_t nfiles;
	const char **listing;     /* under's paths with the added ones among
	                           * them; the strings are theirs or ours */
} overlay_source;

static int by_path(const void *a, const void *b)
{
	return strcmp(((const held *)a)->path, ((const held *)b)->path);
}

static const held *overlay_find(const overlay_source *src, const char *relpath)
{
	held key = { (char *)relpath, NULL, 0, 0 };
	return bsearch(&key, src->files, src->nfiles, sizeof *src->files, by_path);
}

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

/* The listing is the underlying one: a text that stands in for a file
 * replaces it, and one whose file does not exist yet is read only when it
 * is marked `add` and a listing would hold it, so that an overlay never
 * adds what the ignore globs or hidden folders keep out. */
static int overlay_list(plan_source *base, const char *const *ignore, size_t nignore,
	size_t max_files, const char *const **out, size_t *count, plan_diags *diags)
{
	overlay_source *src = (overlay_source *)base;
	const char *const *paths = NULL;
	size_t n = 0;
	if (plan_source_list(src->under, ignore, nignore, max_files, &paths, &n, diags) < 0)
		return -1;
	free(src->listing);
	src->listing = malloc((n + src->nfiles + 1) * sizeof *src->listing);
	if (!src->listing)
		return -1;
	/* Both sorted bytewise: merged, an added file in its place. */
	size_t k = 0, i = 0;
	for (size_t f = 0; f < src->nfiles; f++) {
		const held *h = &src->files[f];
		if (!h->add || !listable(h->path, ignore, nignore))
			continue;
		while (i < n && strcmp(paths[i], h->path) < 0)
			src->listing[k++] = paths[i++];
		if (i < n && strcmp(paths[i], h->path) == 0)
			i++;
		src->listing[k++] = h->path;
	}
	while (i < n)
		src->listing[k++] = paths[i++];
	*out = src->listing;
	*count = k;
	return 0;
}

static int overlay_read(plan_source *base, const char *relpath, const struct stat *before,
	size_t max_bytes, char **out, size_t *len, plan_diags *diags)
{
	overlay_source *src = (overlay_source *)base;
	const held *file = overlay_find(src, relpath);
	if (!file)
		return plan_source_read_stated(src->under, relpath, before, max_bytes, out,
			len, diags);
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

/* An editor's text changes with every keystroke: caching each version
 * would fill the cache with entries never read again. */
static int overlay_blob_id(plan_source *base, const char *relpath, unsigned char out[20])
{
	overlay_source *src = (overlay_source *)base;
	if (overlay_find(src, relpath))
		return -1;
	return plan_source_blob_id(src->under, relpath, out);
}

/* A text held here has no stat (overlay_stat never gives one for it, so
 * overlay_read never gets one for it either). */
static int overlay_stat(plan_source *base, const char *relpath, struct stat *st)
{
	overlay_source *src = (overlay_source *)base;
	if (overlay_find(src, relpath))
		return 0;
	return plan_source_stat(src->under, relpath, st);
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
	free(src->listing);
	plan_source_free(src->under);
	free(src);
}

static const plan_source_ops overlay_ops = {
	overlay_list, overlay_read, overlay_root, overlay_free, overlay_blob_id, overlay_stat
};

int plan_source_open_overlay(plan_source **out, plan_source *under,
	const plan_overlay_file *files, size_t nfiles, plan_error *err)
{
	*out = NULL;
	if (!under)
		return plan_error_set(err, "out of memory");
	for (size_t i = 0; i < nfiles; i++)
		if (!plan_source_relpath_ok(files[i].path)) {
			plan_source_free(under);
			return plan_error_set(err, "'%s' is not a path inside the plan set", files[i].path);
		}
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
		copy->add = files[i].add;
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
