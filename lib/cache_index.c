/* cache_index.c: a working tree's files by their stat, with the blob ids
 * their bytes had (cache_index.h): one file per plan set root under the
 * cache directory, DIR/trees/<SHA-1 of the root's path>, read whole at the
 * start of a run and written whole (aside, then renamed) at its end when
 * anything changed. A damaged one is an empty one. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, st_mtim */

#include "cache_index.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "hash.h"
#include "plan/buf.h"

/* "plnindx3": directories' entries too ("plnindx2": files only; "plnindex":
 * checksums by FNV-1a, a sixth of plan_checksum's speed) */
#define MAGIC "plnindx3"
#define MAGIC_LEN 8
#define INDEX_MAX ((size_t)256 << 20)
/* How long after its last change a file's stat is trusted: see the header. */
#define SETTLED 2

typedef struct record {
	char *path;
	uint64_t dev, ino, size, mode;
	int64_t mtime, mtime_ns, ctime, ctime_ns;
	unsigned char blob[PLAN_CACHE_ID_BYTES];   /* a file's */
	char *entries;            /* a directory's (plan_dir_memo), or NULL */
	size_t entries_len;
	int seen;                 /* looked at in this run */
} record;

struct plan_cache_index {
	char *file;
	record *items;
	size_t count, cap;
	size_t *slots;            /* 1 + an index into items; 0: free */
	size_t nslots;            /* a power of two, at least twice count */
	pthread_mutex_t lock;
	time_t opened;            /* before any stat this run takes */
	int changed;
};

static void from_stat(record *r, const struct stat *st)
{
	r->dev = (uint64_t)st->st_dev;
	r->ino = (uint64_t)st->st_ino;
	r->size = (uint64_t)st->st_size;
	r->mode = (uint64_t)st->st_mode;
	r->mtime = (int64_t)st->st_mtim.tv_sec;
	r->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	r->ctime = (int64_t)st->st_ctim.tv_sec;
	r->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

static int same_stat(const record *a, const record *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mode == b->mode &&
	       a->mtime == b->mtime && a->mtime_ns == b->mtime_ns && a->ctime == b->ctime &&
	       a->ctime_ns == b->ctime_ns;
}

static size_t *slot_for(const plan_cache_index *index, const char *path)
{
	size_t i = (size_t)plan_hash_string(path) & (index->nslots - 1);
	while (index->slots[i] && strcmp(index->items[index->slots[i] - 1].path, path) != 0)
		i = (i + 1) & (index->nslots - 1);
	return &index->slots[i];
}

/* Room for `want` records, the table rebuilt when they would fill it more
 * than half. */
static int reserve_for(plan_cache_index *index, size_t want)
{
	if (want > index->cap) {
		size_t cap = index->cap ? index->cap : 1024;
		while (cap < want)
			cap *= 2;
		record *grown = realloc(index->items, cap * sizeof *grown);
		if (!grown)
			return -1;
		index->items = grown;
		index->cap = cap;
	}
	if (want * 2 > index->nslots) {
		size_t n = index->nslots ? index->nslots : 2048;
		while (n < want * 2)
			n *= 2;
		size_t *slots = calloc(n, sizeof *slots);
		if (!slots)
			return -1;
		free(index->slots);
		index->slots = slots;
		index->nslots = n;
		for (size_t i = 0; i < index->count; i++)
			*slot_for(index, index->items[i].path) = i + 1;
	}
	return 0;
}

static int reserve(plan_cache_index *index)
{
	return reserve_for(index, index->count + 1);
}

/* Add `r` (taking its path), or replace the record of its path. */
static int put(plan_cache_index *index, record *r)
{
	if (reserve(index) < 0)
		return -1;
	size_t *slot = slot_for(index, r->path);
	if (*slot) {
		record *old = &index->items[*slot - 1];
		free(old->path);
		free(old->entries);
		*old = *r;
	} else {
		index->items[index->count] = *r;
		*slot = ++index->count;
	}
	return 0;
}

static void read_index(plan_cache_index *index)
{
	int fd = open(index->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	unsigned char *data = NULL;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < MAGIC_LEN + 8 || (uint64_t)st.st_size > INDEX_MAX)
		goto done;
	size_t size = (size_t)st.st_size;
	if (!(data = malloc(size)))
		goto done;
	for (size_t got = 0; got < size;) {
		ssize_t n = read(fd, data + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto done;
		got += (size_t)n;
	}
	uint64_t hash = 0;
	for (int i = 0; i < 8; i++)
		hash |= (uint64_t)data[size - 8 + i] << (8 * i);
	if (memcmp(data, MAGIC, MAGIC_LEN) != 0 ||
	    plan_checksum(data + MAGIC_LEN, size - MAGIC_LEN - 8) != hash)
		goto done;
	plan_codec_reader r = { data + MAGIC_LEN, data + size - 8, 0 };
	uint64_t count = plan_codec_get_uint(&r);
	/* Room for all at once, not grown and rehashed record by record; a
	 * count past what the bytes could hold is not believed. */
	if (count <= (size_t)(r.end - r.p) / (PLAN_CACHE_ID_BYTES + 9) &&
	    reserve_for(index, (size_t)count) < 0)
		goto done;
	for (uint64_t i = 0; i < count && !r.bad; i++) {
		record rec = { 0 };
		size_t len = 0;
		const char *path = plan_codec_get_bytes(&r, &len);
		rec.dev = plan_codec_get_uint(&r);
		rec.ino = plan_codec_get_uint(&r);
		rec.size = plan_codec_get_uint(&r);
		rec.mode = plan_codec_get_uint(&r);
		rec.mtime = (int64_t)plan_codec_get_uint(&r);
		rec.mtime_ns = (int64_t)plan_codec_get_uint(&r);
		rec.ctime = (int64_t)plan_codec_get_uint(&r);
		rec.ctime_ns = (int64_t)plan_codec_get_uint(&r);
		if (r.bad || (size_t)(r.end - r.p) < PLAN_CACHE_ID_BYTES || !path ||
		    memchr(path, '\0', len))
			break;
		memcpy(rec.blob, r.p, PLAN_CACHE_ID_BYTES);
		r.p += PLAN_CACHE_ID_BYTES;
		size_t nentries = 0;
		const char *entries = plan_codec_get_bytes(&r, &nentries);
		if (r.bad || !(rec.path = malloc(len + 1)))
			break;
		memcpy(rec.path, path, len);
		rec.path[len] = '\0';
		if (nentries && (rec.entries = malloc(nentries)))
			memcpy(rec.entries, entries, nentries);
		rec.entries_len = rec.entries ? nentries : 0;
		if ((nentries && !rec.entries) || put(index, &rec) < 0) {
			free(rec.path);
			free(rec.entries);
			break;
		}
	}
done:
	if (fd >= 0)
		close(fd);
	free(data);
}

int plan_cache_index_open(plan_cache_index **out, const char *dir, const char *root)
{
	*out = NULL;
	plan_cache_index *index = calloc(1, sizeof *index);
	if (!index)
		return -1;
	unsigned char id[PLAN_CACHE_ID_BYTES];
	plan_buf file = PLAN_BUF_INIT;
	if (plan_cache_blob_id(id, root, strlen(root)) == 0) {
		plan_buf_printf(&file, "%s/trees/", dir);
		for (size_t i = 0; i < PLAN_CACHE_ID_BYTES; i++)
			plan_buf_printf(&file, "%02x", id[i]);
	}
	if (file.failed || !file.ptr || pthread_mutex_init(&index->lock, NULL) != 0) {
		plan_buf_free(&file);
		free(index);
		return -1;
	}
	index->file = plan_buf_detach(&file);
	index->opened = time(NULL);
	read_index(index);
	*out = index;
	return 0;
}

int plan_cache_index_find(plan_cache_index *index, const char *relpath,
	const struct stat *st, unsigned char blob[PLAN_CACHE_ID_BYTES])
{
	record now;
	from_stat(&now, st);
	int found = 0;
	pthread_mutex_lock(&index->lock);
	if (index->nslots) {
		size_t slot = *slot_for(index, relpath);
		record *r = slot ? &index->items[slot - 1] : NULL;
		if (r && same_stat(r, &now)) {
			memcpy(blob, r->blob, PLAN_CACHE_ID_BYTES);
			r->seen = 1;
			found = 1;
		}
	}
	pthread_mutex_unlock(&index->lock);
	return found;
}

/* Changed so lately that a change to come could keep its stat: not
 * recorded, so read again next time. */
static int unsettled(const plan_cache_index *index, const struct stat *st)
{
	return st->st_mtim.tv_sec > index->opened - SETTLED ||
	       st->st_ctim.tv_sec > index->opened - SETTLED;
}

/* Put `rec` (taking its path and entries), marked seen. */
static void note(plan_cache_index *index, record *rec)
{
	rec->seen = 1;
	pthread_mutex_lock(&index->lock);
	if (put(index, rec) < 0) {
		free(rec->path);
		free(rec->entries);
	} else {
		index->changed = 1;
	}
	pthread_mutex_unlock(&index->lock);
}

void plan_cache_index_note(plan_cache_index *index, const char *relpath,
	const struct stat *st, const unsigned char blob[PLAN_CACHE_ID_BYTES])
{
	if (unsettled(index, st))
		return;
	record rec = { 0 };
	from_stat(&rec, st);
	memcpy(rec.blob, blob, PLAN_CACHE_ID_BYTES);
	if ((rec.path = strdup(relpath)))
		note(index, &rec);
}

/* A directory is kept under its path and a '/', which no file's path ends
 * in: "/" for the root. */
static char *dir_key(const char *reldir)
{
	size_t len = strlen(reldir);
	char *key = malloc(len + 2);
	if (key) {
		memcpy(key, reldir, len);
		key[len] = '/';
		key[len + 1] = '\0';
	}
	return key;
}

static int find_dir(void *ctx, const char *reldir, const struct stat *st,
	const char **entries, size_t *len)
{
	plan_cache_index *index = ctx;
	char *key = dir_key(reldir);
	if (!key)
		return 0;
	record now;
	from_stat(&now, st);
	int found = 0;
	pthread_mutex_lock(&index->lock);
	if (index->nslots) {
		size_t slot = *slot_for(index, key);
		record *r = slot ? &index->items[slot - 1] : NULL;
		if (r && same_stat(r, &now)) {
			*entries = r->entries ? r->entries : "";
			*len = r->entries_len;
			r->seen = 1;
			found = 1;
		}
	}
	pthread_mutex_unlock(&index->lock);
	free(key);
	return found;
}

static void note_dir(void *ctx, const char *reldir, const struct stat *st,
	const char *entries, size_t len)
{
	plan_cache_index *index = ctx;
	if (unsettled(index, st))
		return;
	record rec = { 0 };
	from_stat(&rec, st);
	if (!(rec.path = dir_key(reldir)))
		return;
	if (len && !(rec.entries = malloc(len))) {
		free(rec.path);
		return;
	}
	if (len)
		memcpy(rec.entries, entries, len);
	rec.entries_len = len;
	note(index, &rec);
}

void plan_cache_index_dir_memo(plan_cache_index *index, plan_dir_memo *out)
{
	*out = (plan_dir_memo){ index, find_dir, note_dir };
}

static void write_index(const plan_cache_index *index)
{
	plan_buf buf = PLAN_BUF_INIT;
	buf.max = INDEX_MAX;
	plan_buf_put(&buf, MAGIC, MAGIC_LEN);
	size_t seen = 0;
	for (size_t i = 0; i < index->count; i++)
		seen += index->items[i].seen != 0;
	plan_codec_put_uint(&buf, seen);
	for (size_t i = 0; i < index->count; i++) {
		const record *r = &index->items[i];
		if (!r->seen)
			continue;
		plan_codec_put_string(&buf, r->path);
		plan_codec_put_uint(&buf, r->dev);
		plan_codec_put_uint(&buf, r->ino);
		plan_codec_put_uint(&buf, r->size);
		plan_codec_put_uint(&buf, r->mode);
		plan_codec_put_uint(&buf, (uint64_t)r->mtime);
		plan_codec_put_uint(&buf, (uint64_t)r->mtime_ns);
		plan_codec_put_uint(&buf, (uint64_t)r->ctime);
		plan_codec_put_uint(&buf, (uint64_t)r->ctime_ns);
		plan_buf_put(&buf, (const char *)r->blob, PLAN_CACHE_ID_BYTES);
		plan_codec_put_bytes(&buf, r->entries ? r->entries : "", r->entries_len);
	}
	if (!buf.failed) {
		uint64_t hash = plan_checksum(buf.ptr + MAGIC_LEN, buf.len - MAGIC_LEN);
		char tail[8];
		for (int i = 0; i < 8; i++)
			tail[i] = (char)(hash >> (8 * i));
		plan_buf_put(&buf, tail, sizeof tail);
	}
	plan_buf tmp = PLAN_BUF_INIT;
	plan_buf_printf(&tmp, "%s.tmp-XXXXXX", index->file);
	char *dir = strdup(index->file);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash) {
		*slash = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			buf.failed = 1;
	}
	int fd = buf.failed || tmp.failed || !tmp.ptr ? -1 : mkstemp(tmp.ptr);
	if (fd >= 0) {
		int ok = 1;
		for (size_t off = 0; ok && off < buf.len;) {
			ssize_t n = write(fd, buf.ptr + off, buf.len - off);
			if (n < 0 && errno == EINTR)
				continue;
			ok = n > 0;
			off += ok ? (size_t)n : 0;
		}
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp.ptr, index->file) < 0)
			unlink(tmp.ptr);
	}
	free(dir);
	plan_buf_free(&tmp);
	plan_buf_free(&buf);
}

void plan_cache_index_close(plan_cache_index *index)
{
	if (!index)
		return;
	int changed = index->changed;
	for (size_t i = 0; i < index->count && !changed; i++)
		changed = !index->items[i].seen;
	if (changed)
		write_index(index);
	for (size_t i = 0; i < index->count; i++) {
		free(index->items[i].path);
		free(index->items[i].entries);
	}
	free(index->items);
	free(index->slots);
	pthread_mutex_destroy(&index->lock);
	free(index->file);
	free(index);
}
