/* cache_pack.c: many result cache entries in one file (cache_pack.h). */
#define _XOPEN_SOURCE 700 /* openat, renameat, mkdirat */

#include "cache_pack.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"

/* 2: checksums by plan_checksum (1: FNV-1a, a sixth of the speed) */
#define MAGIC "plnpack2"
#define MAGIC_LEN 8
#define HEADER_LEN (MAGIC_LEN + 8 + 8)
/* id, offset, length, hash */
#define RECORD_LEN (PLAN_CACHE_ID_BYTES + 8 + 8 + 8)

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

void plan_pack_parse(plan_pack *pack, unsigned char *data, size_t size)
{
	*pack = (plan_pack)PLAN_PACK_INIT;
	pack->data = data;
	pack->size = size;
	if (!data || size < HEADER_LEN || memcmp(data, MAGIC, MAGIC_LEN) != 0)
		return;
	uint64_t count = get_u64(data + MAGIC_LEN);
	if (count > (size - HEADER_LEN) / RECORD_LEN)
		return;
	const unsigned char *table = data + HEADER_LEN;
	size_t table_len = (size_t)count * RECORD_LEN;
	if (plan_checksum(table, table_len) !=
	    get_u64(data + MAGIC_LEN + 8))
		return;
	pack->table = table;
	pack->count = (size_t)count;
}

void plan_pack_read(plan_pack *pack, int dirfd, const char *name)
{
	*pack = (plan_pack)PLAN_PACK_INIT;
	/* Non-blocking: a FIFO in the pack's place must not hang the run. */
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	unsigned char *data = NULL;
	size_t got = 0;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > PLAN_PACK_MAX)
		goto done;
	/* Mapped, not copied: a run reads a few entries of it, or all, and
	 * the page cache holds it already. Packs are replaced by a rename,
	 * never written in place, so the mapped file keeps its size. */
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map != MAP_FAILED) {
		close(fd);
		plan_pack_parse(pack, map, (size_t)st.st_size);
		pack->mapped = 1;
		return;
	}
	if (!(data = malloc((size_t)st.st_size)))
		goto done;
	/* One read takes it whole; a file that shrank meanwhile is read as
	 * far as it goes, and what lies past that is missing. */
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
done:
	if (fd >= 0)
		close(fd);
	plan_pack_parse(pack, data, got);
}

int plan_pack_find(const plan_pack *pack, const unsigned char id[PLAN_CACHE_ID_BYTES],
	size_t *at)
{
	size_t lo = 0, hi = pack->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(pack->table + mid * RECORD_LEN, id, PLAN_CACHE_ID_BYTES);
		if (c == 0) {
			*at = mid;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int plan_pack_entry_at(const plan_pack *pack, size_t at, int check, plan_pack_entry *out)
{
	if (at >= pack->count)
		return -1;
	const unsigned char *r = pack->table + at * RECORD_LEN;
	uint64_t offset = get_u64(r + PLAN_CACHE_ID_BYTES);
	uint64_t len = get_u64(r + PLAN_CACHE_ID_BYTES + 8);
	if (offset > pack->size || len > pack->size - offset)
		return -1;
	memcpy(out->id, r, PLAN_CACHE_ID_BYTES);
	out->bytes = pack->data + offset;
	out->len = (size_t)len;
	out->hash = get_u64(r + PLAN_CACHE_ID_BYTES + 16);
	if (check && plan_checksum(out->bytes, out->len) != out->hash)
		return -1;
	return 0;
}

void plan_pack_free(plan_pack *pack)
{
	if (pack->mapped)
		munmap(pack->data, pack->size);
	else
		free(pack->data);
	*pack = (plan_pack)PLAN_PACK_INIT;
}

/* By id, and of one id the entry given first: qsort is not stable, but the
 * pointers it sorts still say where each entry was given. */
static int by_id(const void *a, const void *b)
{
	const plan_pack_entry *x = *(const plan_pack_entry *const *)a;
	const plan_pack_entry *y = *(const plan_pack_entry *const *)b;
	int c = memcmp(x->id, y->id, PLAN_CACHE_ID_BYTES);
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

long plan_pack_encode(plan_buf *out, const plan_pack_entry *entries, size_t n)
{
	const plan_pack_entry **order = malloc((n ? n : 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t i = 0; i < n; i++)
		order[i] = &entries[i];
	qsort(order, n, sizeof *order, by_id);
	size_t kept = 0, bytes = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || memcmp(order[i]->id, order[kept - 1]->id, PLAN_CACHE_ID_BYTES) != 0) {
			order[kept++] = order[i];
			bytes += order[i]->len;
		}
	size_t start = out->len;
	size_t table_len = kept * RECORD_LEN;
	size_t offset = HEADER_LEN + table_len;
	unsigned char *head = calloc(1, offset);
	if (!head) {
		free(order);
		return -1;
	}
	memcpy(head, MAGIC, MAGIC_LEN);
	put_u64(head + MAGIC_LEN, kept);
	for (size_t i = 0; i < kept; i++) {
		unsigned char *r = head + HEADER_LEN + i * RECORD_LEN;
		memcpy(r, order[i]->id, PLAN_CACHE_ID_BYTES);
		put_u64(r + PLAN_CACHE_ID_BYTES, offset);
		put_u64(r + PLAN_CACHE_ID_BYTES + 8, order[i]->len);
		put_u64(r + PLAN_CACHE_ID_BYTES + 16, order[i]->hash);
		offset += order[i]->len;
	}
	put_u64(head + MAGIC_LEN + 8,
	        plan_checksum(head + HEADER_LEN, table_len));
	int failed = bytes > PLAN_PACK_MAX || plan_buf_put(out, (const char *)head, HEADER_LEN + table_len) < 0;
	for (size_t i = 0; i < kept && !failed; i++)
		failed = plan_buf_put(out, (const char *)order[i]->bytes, order[i]->len) < 0;
	free(head);
	free(order);
	if (failed) {
		out->len = start;
		return -1;
	}
	return (long)kept;
}

int plan_pack_write(int dirfd, const char *name, const char *bytes, size_t len)
{
	char tmp[512];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-%ld-XXXXXX", name, (long)getpid()) >= sizeof tmp)
		return -1;
	/* mkstemp works on a path: the same name under the directory's
	 * descriptor is made by hand, from a counter and the clock. */
	size_t x = strlen(tmp) - 6;
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned long seed = (unsigned long)(uintptr_t)&tmp ^ (unsigned long)len;
	int fd = -1;
	for (int attempt = 0; attempt < 16 && fd < 0; attempt++) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		seed = seed * 6364136223846793005UL + (unsigned long)now.tv_nsec + (unsigned long)attempt;
		for (size_t i = 0; i < 6; i++)
			tmp[x + i] = letters[(seed >> (5 * i)) % 36];
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0 && errno != EEXIST)
			return -1;
	}
	if (fd < 0)
		return -1;
	int ok = 1;
	for (size_t off = 0; ok && off < len;) {
		ssize_t n = write(fd, bytes + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		off += ok ? (size_t)n : 0;
	}
	ok = close(fd) == 0 && ok;
	if (ok && renameat(dirfd, tmp, dirfd, name) == 0)
		return 0;
	unlinkat(dirfd, tmp, 0);
	return -1;
}
