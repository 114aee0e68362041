/* cache_pack.h (private): the result cache's entries for one plan set in
 * one file, a pack, mapped (or read with one read) and written whole (aside, then
 * renamed), so that a run costs one file's open and read however many
 * files it takes from the cache.
 *
 * A pack is MAGIC, the number of entries, a hash of the table, the table
 * (per entry, sorted by its key's id: the id, where its bytes start, their
 * length and their hash) and then the entries' bytes, each what
 * cache_entry.c writes. The table is checked when the pack is read: a pack
 * whose table does not match its hash is no pack (empty). Each entry's
 * bytes are checked when that entry is read: a damaged entry is a miss for
 * that entry alone, and a pack cut short loses only what lay past its end. */
#ifndef PLAN_CACHE_PACK_H
#define PLAN_CACHE_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "plan/buf.h"
#include "plan/cache.h"

/* No pack is read or written larger than this: a hostile size must not
 * become an allocation, and no plan set's results come near it. */
#define PLAN_PACK_MAX ((size_t)1 << 30)

/* One entry: its key's id, and its bytes with their hash. */
typedef struct plan_pack_entry {
	unsigned char id[PLAN_CACHE_ID_BYTES];
	const unsigned char *bytes;
	size_t len;
	uint64_t hash;            /* plan_checksum over the bytes */
} plan_pack_entry;

/* A pack as read: its bytes (owned) and its table within them. */
typedef struct plan_pack {
	unsigned char *data;      /* read-only when mapped */
	size_t size;
	const unsigned char *table;
	size_t count;             /* entries in the table */
	int mapped;               /* data is the file mapped, not malloc'd */
} plan_pack;

#define PLAN_PACK_INIT { NULL, 0, NULL, 0, 0 }

/* Take the `size` malloc'd bytes at `data` (the pack owns them from now)
 * as a pack: empty when they are not one. */
void plan_pack_parse(plan_pack *pack, unsigned char *data, size_t size);

/* Read the file `name` (relative to the directory `dirfd`) as a pack:
 * empty when it is missing, not a regular file, larger than PLAN_PACK_MAX,
 * unreadable or not a pack. */
void plan_pack_read(plan_pack *pack, int dirfd, const char *name);

/* The position of `id` in the table: 0 with *at set, or -1. */
int plan_pack_find(const plan_pack *pack, const unsigned char id[PLAN_CACHE_ID_BYTES],
	size_t *at);

/* The entry at position `at`: 0 with *out set, or -1 when its bytes lie
 * past the end of the pack or, with `check`, do not match their hash. */
int plan_pack_entry_at(const plan_pack *pack, size_t at, int check, plan_pack_entry *out);

void plan_pack_free(plan_pack *pack);

/* A pack of the `n` entries (of entries with one id, the one first in
 * `entries` is kept), appended to `out`. Returns the number of entries
 * kept, or -1 when memory ran out or `out` refused the bytes. */
long plan_pack_encode(plan_buf *out, const plan_pack_entry *entries, size_t n);

/* Write `len` bytes as the file `name` (relative to `dirfd`): to a
 * temporary file beside it, then renamed over it, so that a reader sees
 * the old pack or the new one whole. Returns 0, or -1 (nothing left). */
int plan_pack_write(int dirfd, const char *name, const char *bytes, size_t len);

#endif
