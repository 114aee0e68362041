/* cache.c: the result cache's store: keys, the plan set's pack of entries
 * (cache_pack.c: read at the first lookup, written anew at the end of a run
 * that changed what it should hold), and the size bound.
 *
 * An entry's bytes are cache_entry.c's, under its key's id: a SHA-1 over
 * everything that decides a file's result, so an entry found under the
 * right id whose bytes match their length and hash is the result of this
 * file under these settings. A pack holds what one kind of run (one set of
 * settings, as context[0] says) used on one plan set: DIR/trees/<the stat
 * index's name>.<16 hex of the settings>.pack. Runs of plan-validate and
 * plan-report on one set prune trees otherwise, and so keep packs apart
 * instead of each dropping the other's entries. */
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

#include "array.h"
#include "cache_entry.h"
#include "cache_pack.h"
#include "hash.h"
#include "plan/buf.h"
#include "plan/schema.h"
#include "plan/version.h"
#include "sha1.h"

/* cmake/build_id.cmake: a hash of the sources the library was built from. */
extern const char plan_build_id[];

/* An entry larger than this is not read: no pruned or whole file's result
 * comes near it, and a hostile size must not become an allocation. */
#define ENTRY_MAX ((uint64_t)1 << 30)

/* How often the directory is walked to keep it under its bound. */
#define TRIM_AFTER (60 * 60)
#define STAMP "trimmed"

/* An entry put in this run, its bytes in fresh_bytes. */
typedef struct fresh_entry {
	unsigned char id[PLAN_CACHE_ID_BYTES];
	size_t offset, len;
	uint64_t hash;
} fresh_entry;

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
	int dirfd;                /* the directory, which names are relative to */
	char *pack_name;          /* "trees/....pack" */
	char *add_name;           /* "trees/....pack.add": the pack's additions */
	plan_pack pack;           /* as read at the first lookup */
	plan_pack add;            /* the additions, read with it */
	int pack_read;
	unsigned char *used;      /* per entry of the pack: hit in this run */
	unsigned char *add_used;  /* per entry of the additions */
	fresh_entry *fresh;       /* put in this run */
	size_t nfresh, fresh_cap;
	plan_buf fresh_bytes;
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


int plan_cache_blob_id(unsigned char out[PLAN_CACHE_ID_BYTES], const char *data, size_t len)
{
	plan_git_blob_id(out, data, len);
	return 0;
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
	/* Settings are hashed as git hashes a blob, like the files. */
	int rc = buf.failed ? -1 : 0;
	if (!buf.failed)
		plan_git_blob_id(out, buf.ptr, buf.len);
	plan_buf_free(&buf);
	return rc;
}

void plan_cache_key_make(plan_cache_key *out, const plan_cache *cache, int whole,
	const char *path, const unsigned char blob[PLAN_CACHE_ID_BYTES])
{
	/* The settings, the path with its NUL and the blob id, hashed as git
	 * hashes a blob of them: in pieces, with no copy, once a file. */
	size_t plen = strlen(path) + 1;
	plan_sha1 s;
	plan_git_blob_start(&s, 2 * PLAN_CACHE_ID_BYTES + plen);
	plan_sha1_update(&s, cache->context[whole ? 1 : 0], PLAN_CACHE_ID_BYTES);
	plan_sha1_update(&s, path, plen);
	plan_sha1_update(&s, blob, PLAN_CACHE_ID_BYTES);
	plan_sha1_final(&s, out->id);
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
	cache->max_bytes = max_bytes ? max_bytes : PLAN_CACHE_MAX_DEFAULT;
	cache->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cache->lang = lang;
	if (cache->dirfd < 0 || !(cache->dir = strdup(dir)) ||
	    pthread_mutex_init(&cache->lock, NULL) != 0) {
		free(cache->dir);
		if (cache->dirfd >= 0)
			close(cache->dirfd);
		free(cache);
		return -1;
	}
	cache->fresh_bytes = (plan_buf)PLAN_BUF_INIT;
	cache->fresh_bytes.max = PLAN_PACK_MAX;
	if (context_id(cache->context[0], lang, limits, keep) < 0 ||
	    context_id(cache->context[1], lang, limits, NULL) < 0 ||
	    (keep && plan_keep_new(&cache->keep, keep) < 0) ||
	    plan_cache_set_root(cache, "") < 0) {
		pthread_mutex_destroy(&cache->lock);
		plan_keep_free(cache->keep);
		free(cache->pack_name);
		free(cache->add_name);
		free(cache->dir);
		if (cache->dirfd >= 0)
			close(cache->dirfd);
		free(cache);
		return -1;
	}
	*out = cache;
	return 0;
}

int plan_cache_set_root(plan_cache *cache, const char *root)
{
	/* The root as the stat index names it (cache_index.c), and the
	 * settings: one pack per plan set and kind of run. */
	unsigned char id[PLAN_CACHE_ID_BYTES];
	if (cache->pack_read || plan_cache_blob_id(id, root, strlen(root)) < 0)
		return -1;
	plan_buf name = PLAN_BUF_INIT;
	plan_buf_puts(&name, "trees/");
	for (size_t i = 0; i < PLAN_CACHE_ID_BYTES; i++)
		plan_buf_printf(&name, "%02x", id[i]);
	plan_buf_putc(&name, '.');
	for (size_t i = 0; i < 8; i++)
		plan_buf_printf(&name, "%02x", cache->context[0][i]);
	plan_buf_puts(&name, ".pack");
	if (name.failed) {
		plan_buf_free(&name);
		return -1;
	}
	free(cache->pack_name);
	free(cache->add_name);
	cache->pack_name = plan_buf_detach(&name);
	cache->add_name = NULL;
	if (cache->pack_name) {
		plan_buf add = PLAN_BUF_INIT;
		plan_buf_printf(&add, "%s.add", cache->pack_name);
		cache->add_name = add.failed ? NULL : plan_buf_detach(&add);
		plan_buf_free(&add);
	}
	return cache->pack_name && cache->add_name ? 0 : -1;
}

plan_cache_stats plan_cache_get_stats(const plan_cache *cache)
{
	plan_cache_stats stats = { 0, 0, 0, 0 };
	if (cache) {
		pthread_mutex_lock((pthread_mutex_t *)&cache->lock);
		stats = cache->stats;
		pthread_mutex_unlock((pthread_mutex_t *)&cache->lock);
	}
	return stats;
}


/* --- entries ------------------------------------------------------------------ */

/* The pack of this cache's plan set and its additions, read once, at the
 * first lookup. */
static void read_pack(plan_cache *cache)
{
	if (cache->pack_read)
		return;
	cache->pack_read = 1;
	plan_pack_read(&cache->pack, cache->dirfd, cache->pack_name);
	cache->stats.reads++;
	if (cache->pack.count && !(cache->used = calloc(cache->pack.count, 1)))
		plan_pack_free(&cache->pack);
	plan_pack_read(&cache->add, cache->dirfd, cache->add_name);
	if (cache->add.size)
		cache->stats.reads++;
	if (cache->add.count && !(cache->add_used = calloc(cache->add.count, 1)))
		plan_pack_free(&cache->add);
}

/* The entry `id` of `pack`, decoded into *out: 1, with *at set, on a hit. */
static int take_from(plan_cache *cache, const plan_pack *pack, const plan_cache_key *key,
	const char *path, plan_file_result *out, size_t *at, plan_arena *into)
{
	plan_pack_entry entry;
	return plan_pack_find(pack, key->id, at) == 0 &&
	       plan_pack_entry_at(pack, *at, 1, &entry) == 0 &&
	       plan_result_decode_into(out, path, entry.bytes, entry.len, cache->lang, cache->keep,
	                               into) == 0;
}

int plan_cache_get(plan_cache *cache, const plan_cache_key *key, const char *path,
	plan_file_result *out)
{
	return plan_cache_get_into(cache, key, path, out, NULL);
}

int plan_cache_get_into(plan_cache *cache, const plan_cache_key *key, const char *path,
	plan_file_result *out, plan_arena *into)
{
	memset(out, 0, sizeof *out);
	pthread_mutex_lock(&cache->lock);
	read_pack(cache);
	pthread_mutex_unlock(&cache->lock);
	/* The packs are not changed again until the cache is closed: lookups
	 * need no lock. The additions first: what they hold is newer. */
	size_t at = 0;
	int added = take_from(cache, &cache->add, key, path, out, &at, into);
	int hit = added || take_from(cache, &cache->pack, key, path, out, &at, into);
	pthread_mutex_lock(&cache->lock);
	if (hit) {
		(added ? cache->add_used : cache->used)[at] = 1;
		cache->stats.hits++;
	} else {
		cache->stats.misses++;
	}
	pthread_mutex_unlock(&cache->lock);
	return hit;
}

void plan_cache_put(plan_cache *cache, const plan_cache_key *key,
	const plan_file_result *result)
{
	plan_buf buf = PLAN_BUF_INIT;
	buf.max = ENTRY_MAX;
	if (plan_result_encode(&buf, result, cache->keep) < 0 || buf.len == 0) {
		plan_buf_free(&buf);
		return;
	}
	fresh_entry fresh;
	memcpy(fresh.id, key->id, PLAN_CACHE_ID_BYTES);
	fresh.hash = plan_checksum(buf.ptr, buf.len);
	fresh.len = buf.len;
	/* Kept in memory until the cache is closed, and written into the
	 * plan set's pack then. */
	pthread_mutex_lock(&cache->lock);
	fresh.offset = cache->fresh_bytes.len;
	if (plan_array_reserve((void **)&cache->fresh, &cache->fresh_cap, cache->nfresh + 1,
	                       sizeof *cache->fresh) == 0 &&
	    plan_buf_put(&cache->fresh_bytes, buf.ptr, buf.len) == 0) {
		cache->fresh[cache->nfresh++] = fresh;
		cache->stats.written++;
	}
	pthread_mutex_unlock(&cache->lock);
	plan_buf_free(&buf);
}

/* Up to this many entries (for a pack of `count`), what a run puts goes
 * into the pack's additions, a small file written whole, instead of the
 * pack being written anew: a run after a one-file change would otherwise
 * write ten megabytes to keep one entry. */
static size_t additions_max(size_t count)
{
	return count / 8 + 16;
}

/* Gather the entries of `pack` whose `used` flag is `want` (all, with `want`
 * -1) into `entries` from *k on. */
static void gather_entries(const plan_pack *pack, const unsigned char *used, int want,
	plan_pack_entry *entries, size_t *k)
{
	for (size_t i = 0; i < pack->count; i++)
		if ((want < 0 || (used[i] != 0) == want) &&
		    plan_pack_entry_at(pack, i, 0, &entries[*k]) == 0)
			(*k)++;
}

/* Write `entries` as the file `name`; returns the bytes written. */
static size_t write_entries(plan_cache *cache, const char *name, plan_pack_entry *entries,
	size_t k)
{
	plan_buf bytes = PLAN_BUF_INIT;
	bytes.max = PLAN_PACK_MAX;
	size_t written = 0;
	if (plan_pack_encode(&bytes, entries, k) >= 0 &&
	    (mkdirat(cache->dirfd, "trees", 0700) == 0 || errno == EEXIST) &&
	    plan_pack_write(cache->dirfd, name, bytes.ptr, bytes.len) == 0)
		written = bytes.len;
	plan_buf_free(&bytes);
	return written;
}

/* Keep what this run put, and let go of what the plan set no longer uses:
 * - nothing put, and few entries unused: nothing is written;
 * - put a few, the pack existing and few of it unused: the additions are
 *   written anew, with what they held and what was put (the pack is left
 *   as it is);
 * - else the pack is written anew: what the run used, copied as it was
 *   read, what it put, and, when they are few, the entries it did not use
 *   (another revision's, for --base, whose run opens a cache of its own);
 *   the additions are then in it, and their file goes.
 * Returns the bytes written. */
static size_t write_pack(plan_cache *cache)
{
	size_t used = 0, add_used = 0;
	for (size_t i = 0; i < cache->pack.count; i++)
		used += cache->used[i] != 0;
	for (size_t i = 0; i < cache->add.count; i++)
		add_used += cache->add_used[i] != 0;
	size_t unused = cache->pack.count - used + cache->add.count - add_used;
	size_t slack = (used + add_used + cache->nfresh) / 8 + 16;
	/* A run that took nothing and kept nothing (one that failed early)
	 * says nothing of what the pack should hold. */
	if (!cache->nfresh && (unused <= slack || !(used + add_used)))
		return 0;
	int keep_unused = unused <= slack;
	int additions = cache->nfresh && keep_unused && cache->pack.count &&
	                cache->nfresh + cache->add.count <= additions_max(cache->pack.count);
	size_t n = cache->nfresh + cache->add.count + (keep_unused ? cache->pack.count : used);
	plan_pack_entry *entries = malloc((n ? n : 1) * sizeof *entries);
	if (!entries)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < cache->nfresh; i++) {
		const fresh_entry *f = &cache->fresh[i];
		memcpy(entries[k].id, f->id, PLAN_CACHE_ID_BYTES);
		entries[k].bytes = (const unsigned char *)cache->fresh_bytes.ptr + f->offset;
		entries[k].len = f->len;
		entries[k++].hash = f->hash;
	}
	size_t written;
	if (additions) {
		gather_entries(&cache->add, cache->add_used, -1, entries, &k);
		written = write_entries(cache, cache->add_name, entries, k);
	} else {
		/* Used first: of one id, the entry given first is kept. */
		gather_entries(&cache->add, cache->add_used, 1, entries, &k);
		gather_entries(&cache->pack, cache->used, 1, entries, &k);
		if (keep_unused) {
			gather_entries(&cache->add, cache->add_used, 0, entries, &k);
			gather_entries(&cache->pack, cache->used, 0, entries, &k);
		}
		written = write_entries(cache, cache->pack_name, entries, k);
		if (written)
			unlinkat(cache->dirfd, cache->add_name, 0);
	}
	free(entries);
	return written;
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

/* The files of the cache kept under a directory ("trees" or not): what the
 * cache writes there and nothing else. Under "xx", entries of the versions that kept each file on
 * its own (38 hex digits); under "trees", stat indexes (40 hex digits),
 * packs (40, a dot, 16, ".pack") and their additions (".pack.add"). */
static int cache_file_name(int trees, const char *name)
{
	size_t hex = strspn(name, "0123456789abcdef");
	if (!trees)
		return hex == 2 * PLAN_CACHE_ID_BYTES - 2 && !name[hex];
	if (hex != 2 * PLAN_CACHE_ID_BYTES)
		return 0;
	name += hex;
	if (!*name)
		return 1;
	hex = strspn(name + 1, "0123456789abcdef");
	return name[0] == '.' && hex == 16 && (strcmp(name + 1 + hex, ".pack") == 0 ||
	                                       strcmp(name + 1 + hex, ".pack.add") == 0);
}

/* A temporary file the cache writes there, to rename into place. */
static int cache_temp_name(int trees, const char *name)
{
	if (!trees)
		return strncmp(name, ".tmp-", 5) == 0;
	return strspn(name, "0123456789abcdef") == 2 * PLAN_CACHE_ID_BYTES && strstr(name, ".tmp-");
}

/* Add the cache's files under `sub` (trees/ or not) to *entries and their bytes to *total,
 * `spare` only to *total; remove its temporary files an hour old. */
static void list_files(const plan_cache *cache, const char *sub, int trees, const char *spare,
	entry **entries, size_t *n, size_t *cap, uint64_t *total, time_t now)
{
	char *dirpath = join(cache->dir, sub);
	DIR *d = dirpath ? opendir(dirpath) : NULL;
	struct dirent *de;
	while (d && (de = readdir(d))) {
		const char *name = de->d_name;
		int tmp = cache_temp_name(trees, name);
		if (!tmp && !cache_file_name(trees, name))
			continue;
		char *path = join(dirpath, name);
		struct stat st;
		if (!path || lstat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		/* The own pack and its additions. */
		size_t nspare = spare ? strlen(spare) : 0;
		if (spare && strncmp(path, spare, nspare) == 0 &&
		    (!path[nspare] || strcmp(path + nspare, ".add") == 0)) {
			*total += (uint64_t)st.st_size;
			free(path);
			continue;
		}
		if (tmp) {
			if (now - st.st_mtime > TRIM_AFTER)
				unlink(path);
			free(path);
			continue;
		}
		if (plan_array_reserve((void **)entries, cap, *n + 1, sizeof **entries) < 0) {
			free(path);
			break;
		}
		/* Used: read (the access time, which the kernel's relatime
		 * moves at most once a day) or written, whichever is later. */
		time_t used = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
		(*entries)[(*n)++] = (entry){ path, used, st.st_size };
		*total += (uint64_t)st.st_size;
	}
	if (d)
		closedir(d);
	free(dirpath);
}

/* Files used longest ago go first, until a quarter of the bound is free:
 * packs, stat indexes and the entries older versions kept one file each,
 * but never this cache's own pack and its additions (a plan set whose
 * results alone pass the bound keeps them). A temporary file an hour old is a run's that died,
 * and goes too. Only names this cache writes are touched, whatever else
 * the directory holds. */
void plan_cache_trim(plan_cache *cache)
{
	if (!cache)
		return;
	entry *entries = NULL;
	size_t n = 0, cap = 0;
	uint64_t total = 0;
	time_t now = time(NULL);
	char *own = join(cache->dir, cache->pack_name);
	for (int i = 0; i < 256; i++) {
		char sub[3];
		snprintf(sub, sizeof sub, "%02x", i);
		list_files(cache, sub, 0, NULL, &entries, &n, &cap, &total, now);
	}
	list_files(cache, "trees", 1, own, &entries, &n, &cap, &total, now);
	free(own);
	if (total > cache->max_bytes && n) {   /* n: the own pack may be all */
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
	/* What is put is merged with the pack, read now when nothing was
	 * looked up. */
	if (cache->nfresh && !cache->pack_read)
		read_pack(cache);
	size_t written = write_pack(cache);
	if (written) {
		cache->bytes_written += written;
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
	plan_pack_free(&cache->pack);
	plan_pack_free(&cache->add);
	free(cache->used);
	free(cache->add_used);
	free(cache->fresh);
	plan_buf_free(&cache->fresh_bytes);
	free(cache->pack_name);
	free(cache->add_name);
	free(cache->dir);
	free(cache);
}
