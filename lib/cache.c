/* cache.c: the result cache's store: keys, entries as files in a directory
 * (written aside, then renamed into place), and the size bound.
 *
 * An entry is DIR/xx/<38 hex digits>, the 40 of its key's id split as git
 * splits its objects, so that no directory holds more than a few hundred
 * names. It starts with a header: MAGIC, the key's id again, the length of
 * what follows and an FNV-1a hash of it; what follows is cache_entry.c's.
 * The key's id is a SHA-1 over everything that decides a file's result, so
 * a header that names the right id and a body of the right length and hash
 * is the result of this file under these settings. */
#define _XOPEN_SOURCE 700 /* realpath, openat, futimens */

#include "plan/cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "cache_entry.h"
#include "hash.h"
#include "plan/buf.h"
#include "plan/schema.h"
#include "plan/version.h"

/* cmake/build_id.cmake: a hash of the sources the library was built from. */
extern const char plan_build_id[];

#define MAGIC "plncache"
#define MAGIC_LEN 8
#define HEADER_LEN (MAGIC_LEN + PLAN_CACHE_ID_BYTES + 8 + 8)

/* An entry larger than this is not read: no pruned or whole file's result
 * comes near it, and a hostile size must not become an allocation. */
#define ENTRY_MAX ((uint64_t)1 << 30)

/* How often the directory is walked to keep it under its bound. */
#define TRIM_AFTER (60 * 60)
#define STAMP "trimmed"

struct plan_cache {
	char *dir;
	size_t max_bytes;
	/* SHA-1 of the settings: [0] trees pruned as opened, [1] whole. */
	unsigned char context[2][PLAN_CACHE_ID_BYTES];
	pthread_mutex_t lock;     /* guards the counts */
	plan_cache_stats stats;
	size_t bytes_written;
	plan_lang lang;
	plan_keep *keep;          /* the lists, compiled: keys they name are read
	                           * back as their strings (cache_entry.h) */
	int dirfd;                /* the directory: entries are opened relative to
	                           * it, a lookup walking two names, not the path */
	unsigned long serial;     /* names this process's temporary files */
};

/* --- where ------------------------------------------------------------------- */

static char *join(const char *a, const char *b)
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_buf_printf(&buf, "%s/%s", a, b);
	if (buf.failed) {
		plan_buf_free(&buf);
		return NULL;
	}
	return plan_buf_detach(&buf);
}

int plan_cache_default_dir(char **out)
{
	*out = NULL;
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		*out = join(xdg, "plan-tools");
	else if (home && home[0])
		*out = join(home, ".cache/plan-tools");
	else
		return 0;
	return *out ? 0 : -1;
}

/* `path` made absolute, with links resolved as far as it exists. */
static char *resolve(const char *path)
{
	plan_buf buf = PLAN_BUF_INIT;
	if (path[0] != '/') {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd))
			return NULL;
		plan_buf_printf(&buf, "%s/", cwd);
	}
	plan_buf_puts(&buf, path);
	if (buf.failed) {
		plan_buf_free(&buf);
		return NULL;
	}
	char *full = plan_buf_detach(&buf);
	if (!full)
		return NULL;
	/* Cut at each '/' from the end until what is left exists: a cache
	 * directory is often one not made yet. */
	size_t cut = strlen(full);
	for (;;) {
		char saved = full[cut];
		full[cut] = '\0';
		char *real = realpath(cut ? full : "/", NULL);
		full[cut] = saved;
		if (real) {
			plan_buf_printf(&buf, "%s%s", strcmp(real, "/") == 0 && full[cut] ? "" : real,
			                full + cut);
			free(real);
			free(full);
			if (buf.failed) {
				plan_buf_free(&buf);
				return NULL;
			}
			return plan_buf_detach(&buf);
		}
		while (cut > 0 && full[cut - 1] != '/')
			cut--;
		if (cut == 0) {
			free(full);
			return NULL;
		}
		cut--;
	}
}

int plan_cache_inside(const char *dir, const char *root)
{
	char *real = resolve(dir);
	if (!real)
		return 0;
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	int inside = strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/' ||
	                                             (n == 1 && root[0] == '/'));
	free(real);
	return inside;
}

/* mkdir -p, private to the user: a cache may hold text from the plans. */
static int make_dirs(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : -1;
	char *copy = strdup(dir);
	if (!copy)
		return -1;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	int rc = mkdir(copy, 0700) < 0 && errno != EEXIST ? -1 : 0;
	free(copy);
	return rc;
}

/* --- keys -------------------------------------------------------------------- */

static int sha1(unsigned char out[PLAN_CACHE_ID_BYTES], const void *data, size_t len)
{
	git_oid oid;
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0)
		return -1;
	memcpy(out, oid.id, PLAN_CACHE_ID_BYTES);
	return 0;
}

int plan_cache_blob_id(unsigned char out[PLAN_CACHE_ID_BYTES], const char *data, size_t len)
{
	return sha1(out, data, len);
}

static void put_keys(plan_buf *buf, const plan_keys *keep)
{
	if (!keep) {
		plan_buf_puts(buf, "trees whole\n");
		return;
	}
	for (const plan_keys *k = keep; k; k = k->next) {
		plan_buf_puts(buf, "keys");
		for (size_t i = 0; i < k->nkeys; i++)
			plan_buf_printf(buf, " %s", k->keys[i]);
		plan_buf_puts(buf, "\nwhole");
		for (size_t i = 0; i < k->nwhole; i++)
			plan_buf_printf(buf, " %s", k->whole[i]);
		plan_buf_puts(buf, "\n");
	}
}

/* Everything besides the file itself that decides its result. */
static int context_id(unsigned char out[PLAN_CACHE_ID_BYTES], plan_lang lang,
	const plan_limits *limits, const plan_keys *keep)
{
	uint64_t schemas = PLAN_HASH_START;
	for (size_t i = 0; plan_kinds[i]; i++) {
		size_t len = 0;
		const char *text = plan_schema_text(plan_kinds[i], &len);
		schemas = plan_hash_bytes(schemas, plan_kinds[i], strlen(plan_kinds[i]) + 1);
		if (text)
			schemas = plan_hash_bytes(schemas, text, len);
	}
	const double probe = 1.0;
	unsigned char order[sizeof probe];
	memcpy(order, &probe, sizeof order);
	plan_buf buf = PLAN_BUF_INIT;
	plan_buf_printf(&buf, "plan-tools result cache, format %d\nversion %s\nbuild %s\n"
		"schemas %016llx\nlang %d\nnumbers %zu %02x%02x\n"
		"limits %zu %zu %lu %lu %lu %lu\n",
		PLAN_CACHE_FORMAT, plan_version(), plan_build_id, (unsigned long long)schemas,
		(int)lang, sizeof probe, order[0], order[sizeof order - 1],
		limits->file_bytes, limits->scalar_bytes, (unsigned long)limits->depth,
		(unsigned long)limits->alias_nodes, (unsigned long)limits->documents,
		(unsigned long)limits->files);
	put_keys(&buf, keep);
	int rc = buf.failed ? -1 : sha1(out, buf.ptr, buf.len);
	plan_buf_free(&buf);
	return rc;
}

void plan_cache_key_make(plan_cache_key *out, const plan_cache *cache, int whole,
	const char *path, const unsigned char blob[PLAN_CACHE_ID_BYTES])
{
	plan_buf buf = PLAN_BUF_INIT;
	plan_buf_put(&buf, (const char *)cache->context[whole ? 1 : 0], PLAN_CACHE_ID_BYTES);
	plan_buf_put(&buf, path, strlen(path) + 1);
	plan_buf_put(&buf, (const char *)blob, PLAN_CACHE_ID_BYTES);
	/* A key that cannot be made is one no entry has. */
	if (buf.failed || sha1(out->id, buf.ptr, buf.len) < 0)
		memset(out->id, 0, sizeof out->id);
	plan_buf_free(&buf);
}

/* --- opening ------------------------------------------------------------------ */

int plan_cache_open(plan_cache **out, const char *dir, plan_lang lang,
	const plan_limits *limits, const plan_keys *keep, size_t max_bytes)
{
	*out = NULL;
	if (!dir || !dir[0] || make_dirs(dir) < 0)
		return -1;
	/* Anyone who can write the directory can put words in a run's mouth:
	 * keys are no secret. Only the user's own, closed to others. */
	struct stat st;
	if (stat(dir, &st) < 0 || st.st_uid != geteuid() || (st.st_mode & S_IWOTH))
		return -1;
	plan_cache *cache = calloc(1, sizeof *cache);
	if (!cache)
		return -1;
	if (git_libgit2_init() < 0) {
		free(cache);
		return -1;
	}
	cache->max_bytes = max_bytes ? max_bytes : PLAN_CACHE_MAX_DEFAULT;
	cache->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cache->lang = lang;
	if (cache->dirfd < 0 || !(cache->dir = strdup(dir)) ||
	    pthread_mutex_init(&cache->lock, NULL) != 0) {
		free(cache->dir);
		if (cache->dirfd >= 0)
			close(cache->dirfd);
		free(cache);
		git_libgit2_shutdown();
		return -1;
	}
	if (context_id(cache->context[0], lang, limits, keep) < 0 ||
	    context_id(cache->context[1], lang, limits, NULL) < 0 ||
	    (keep && plan_keep_new(&cache->keep, keep) < 0)) {
		pthread_mutex_destroy(&cache->lock);
		free(cache->dir);
		if (cache->dirfd >= 0)
			close(cache->dirfd);
		free(cache);
		git_libgit2_shutdown();
		return -1;
	}
	*out = cache;
	return 0;
}

plan_cache_stats plan_cache_get_stats(const plan_cache *cache)
{
	plan_cache_stats stats = { 0, 0, 0 };
	if (cache) {
		pthread_mutex_lock((pthread_mutex_t *)&cache->lock);
		stats = cache->stats;
		pthread_mutex_unlock((pthread_mutex_t *)&cache->lock);
	}
	return stats;
}

static void count(plan_cache *cache, size_t *counter, size_t bytes)
{
	pthread_mutex_lock(&cache->lock);
	(*counter)++;
	cache->bytes_written += bytes;
	pthread_mutex_unlock(&cache->lock);
}

/* --- entries ------------------------------------------------------------------ */

/* "xx/" and the rest of the id in hex: the entry's name in the directory. */
static void entry_name(char out[2 * PLAN_CACHE_ID_BYTES + 2], const plan_cache_key *key)
{
	static const char digits[] = "0123456789abcdef";
	size_t n = 0;
	for (size_t i = 0; i < PLAN_CACHE_ID_BYTES; i++) {
		out[n++] = digits[key->id[i] >> 4];
		out[n++] = digits[key->id[i] & 15];
		if (i == 0)
			out[n++] = '/';
	}
	out[n] = '\0';
}

static void put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static int read_all(int fd, unsigned char *buf, size_t len)
{
	while (len) {
		ssize_t n = read(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One read, again when a signal cut it short: what the file holds up to
 * `len` bytes, or -1. */
static ssize_t read_some(int fd, unsigned char *buf, size_t len)
{
	ssize_t n;
	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

int plan_cache_get(plan_cache *cache, const plan_cache_key *key, const char *path,
	plan_file_result *out)
{
	memset(out, 0, sizeof *out);
	unsigned char *data = NULL;
	int hit = 0;
	char name[2 * PLAN_CACHE_ID_BYTES + 2];
	entry_name(name, key);
	/* Non-blocking: a FIFO under an entry's name must not hang the run, and
	 * a directory or anything else that is not a file fails its read. */
	int fd = openat(cache->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	/* Most entries are a few hundred bytes: one read takes them whole,
	 * and the header says whether that was all. */
	unsigned char first[16384];
	ssize_t n = fd >= 0 ? read_some(fd, first, sizeof first) : -1;
	if (n < (ssize_t)HEADER_LEN)
		goto done;
	uint64_t body = get_u64(first + MAGIC_LEN + PLAN_CACHE_ID_BYTES);
	uint64_t hash = get_u64(first + MAGIC_LEN + PLAN_CACHE_ID_BYTES + 8);
	if (memcmp(first, MAGIC, MAGIC_LEN) != 0 ||
	    memcmp(first + MAGIC_LEN, key->id, PLAN_CACHE_ID_BYTES) != 0 || body > ENTRY_MAX)
		goto done;
	size_t size = (size_t)body;
	size_t got = (size_t)n - HEADER_LEN;
	const unsigned char *bytes = first + HEADER_LEN;
	if (got > size)
		goto done;   /* longer than its header says */
	if (got < size) {
		/* Only a large entry needs more; a short read of a small one is
		 * an entry cut short. */
		if ((size_t)n < sizeof first || !(data = malloc(size)))
			goto done;
		memcpy(data, bytes, got);
		if (read_all(fd, data + got, size - got) < 0)
			goto done;
		bytes = data;
	}
	if (plan_hash_bytes(PLAN_HASH_START, (const char *)bytes, size) != hash ||
	    plan_result_decode(out, path, bytes, size, cache->lang, cache->keep) < 0)
		goto done;
	hit = 1;
done:
	if (fd >= 0)
		close(fd);
	free(data);
	count(cache, hit ? &cache->stats.hits : &cache->stats.misses, 0);
	return hit;
}

/* A temporary file in the entry's directory `dir` ("xx"), made when
 * missing: its descriptor, with its name in `tmp`, or -1. */
static int open_temp(plan_cache *cache, const char *dir, char *tmp, size_t size)
{
	for (int attempt = 0; attempt < 8; attempt++) {
		pthread_mutex_lock(&cache->lock);
		unsigned long serial = cache->serial++;
		pthread_mutex_unlock(&cache->lock);
		snprintf(tmp, size, "%s/.tmp-%ld-%lu", dir, (long)getpid(), serial);
		int fd = openat(cache->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		                0600);
		if (fd >= 0)
			return fd;
		if (errno == ENOENT) {
			if (mkdirat(cache->dirfd, dir, 0700) < 0 && errno != EEXIST)
				return -1;
		} else if (errno != EEXIST) {
			return -1;
		}
	}
	return -1;
}

void plan_cache_put(plan_cache *cache, const plan_cache_key *key,
	const plan_file_result *result)
{
	plan_buf buf = PLAN_BUF_INIT;
	char header[HEADER_LEN] = { 0 };
	if (plan_buf_put(&buf, header, sizeof header) < 0 ||
	    plan_result_encode(&buf, result, cache->keep) < 0) {
		plan_buf_free(&buf);
		return;
	}
	unsigned char *h = (unsigned char *)buf.ptr;
	memcpy(h, MAGIC, MAGIC_LEN);
	memcpy(h + MAGIC_LEN, key->id, PLAN_CACHE_ID_BYTES);
	put_u64(h + MAGIC_LEN + PLAN_CACHE_ID_BYTES, buf.len - HEADER_LEN);
	put_u64(h + MAGIC_LEN + PLAN_CACHE_ID_BYTES + 8,
	        plan_hash_bytes(PLAN_HASH_START, buf.ptr + HEADER_LEN, buf.len - HEADER_LEN));
	char name[2 * PLAN_CACHE_ID_BYTES + 2], dir[3], tmp[64];
	entry_name(name, key);
	memcpy(dir, name, 2);
	dir[2] = '\0';
	/* Written aside and renamed over: a reader sees the old entry or the
	 * new one whole, never a mix, however many runs write at once. */
	int fd = open_temp(cache, dir, tmp, sizeof tmp);
	if (fd >= 0) {
		int ok = write_all(fd, buf.ptr, buf.len) == 0;
		ok = close(fd) == 0 && ok;
		if (ok && renameat(cache->dirfd, tmp, cache->dirfd, name) == 0)
			count(cache, &cache->stats.written, buf.len);
		else
			unlinkat(cache->dirfd, tmp, 0);
	}
	plan_buf_free(&buf);
}

/* --- the size bound ------------------------------------------------------------ */

typedef struct entry {
	char *path;
	time_t mtime;
	off_t size;
} entry;

static int by_age(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Entries used longest ago go first, until a quarter of the bound is free;
 * a temporary file an hour old is a run's that died, and goes too. Only
 * names this cache writes are touched, whatever else the directory holds. */
void plan_cache_trim(plan_cache *cache)
{
	if (!cache)
		return;
	entry *entries = NULL;
	size_t n = 0, cap = 0;
	uint64_t total = 0;
	time_t now = time(NULL);
	for (int i = 0; i < 256; i++) {
		char sub[3];
		snprintf(sub, sizeof sub, "%02x", i);
		char *dirpath = join(cache->dir, sub);
		DIR *d = dirpath ? opendir(dirpath) : NULL;
		struct dirent *de;
		while (d && (de = readdir(d))) {
			const char *name = de->d_name;
			int tmp = strncmp(name, ".tmp-", 5) == 0;
			if (!tmp && strspn(name, "0123456789abcdef") != 2 * PLAN_CACHE_ID_BYTES - 2)
				continue;
			char *path = join(dirpath, name);
			struct stat st;
			if (!path || lstat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
				free(path);
				continue;
			}
			if (tmp) {
				if (now - st.st_mtime > TRIM_AFTER)
					unlink(path);
				free(path);
				continue;
			}
			if (n == cap) {
				size_t grown_cap = cap ? cap * 2 : 1024;
				entry *grown = realloc(entries, grown_cap * sizeof *grown);
				if (!grown) {
					free(path);
					break;
				}
				entries = grown;
				cap = grown_cap;
			}
			/* Used: read (the access time, which the kernel's relatime
			 * moves at most once a day) or written, whichever is later. */
			time_t used = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
			entries[n++] = (entry){ path, used, st.st_size };
			total += (uint64_t)st.st_size;
		}
		if (d)
			closedir(d);
		free(dirpath);
	}
	if (total > cache->max_bytes) {
		qsort(entries, n, sizeof *entries, by_age);
		uint64_t goal = cache->max_bytes - cache->max_bytes / 4;
		for (size_t i = 0; i < n && total > goal; i++)
			if (unlink(entries[i].path) == 0)
				total -= (uint64_t)entries[i].size;
	}
	for (size_t i = 0; i < n; i++)
		free(entries[i].path);
	free(entries);
	char *stamp = join(cache->dir, STAMP);
	int fd = stamp ? open(stamp, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600) : -1;
	if (fd >= 0) {
		futimens(fd, NULL);
		close(fd);
	}
	free(stamp);
}

void plan_cache_close(plan_cache *cache)
{
	if (!cache)
		return;
	if (cache->stats.written) {
		char *stamp = join(cache->dir, STAMP);
		struct stat st;
		int due = !stamp || stat(stamp, &st) < 0 || time(NULL) - st.st_mtime >= TRIM_AFTER ||
		          cache->bytes_written >= cache->max_bytes / 8;
		free(stamp);
		if (due)
			plan_cache_trim(cache);
	}
	pthread_mutex_destroy(&cache->lock);
	if (cache->dirfd >= 0)
		close(cache->dirfd);
	plan_keep_free(cache->keep);
	free(cache->dir);
	free(cache);
	git_libgit2_shutdown();
}
