/* sha1.h (private): SHA-1 (FIPS 180-4) and git's blob id, for the result
 * cache's keys.
 *
 * libgit2 hashes as well, but only once git_libgit2_init has run, and that
 * reads the system's certificate store for HTTPS: four milliseconds of
 * every run with a cache, on a working tree that needs no git at all. The
 * ids are the ones git computes, so a file's entry serves the working tree
 * and a revision alike. Plain SHA-1, without git's collision detection: a
 * key names a cache entry of the user's own, not a commit anyone trusts. */
#ifndef PLAN_SHA1_H
#define PLAN_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define PLAN_SHA1_BYTES 20

typedef struct plan_sha1 {
	uint32_t h[5];
	uint64_t length;          /* bytes hashed so far */
	unsigned char block[64];
	size_t used;              /* bytes of `block` filled */
} plan_sha1;

void plan_sha1_init(plan_sha1 *s);
void plan_sha1_update(plan_sha1 *s, const void *data, size_t len);
void plan_sha1_final(plan_sha1 *s, unsigned char out[PLAN_SHA1_BYTES]);

/* Start git's id of a blob of `len` bytes: SHA-1 of "blob <len>\0" and
 * them, the bytes then given to plan_sha1_update (in pieces, if need be). */
void plan_git_blob_start(plan_sha1 *s, size_t len);

/* git's id of a blob holding these bytes. */
void plan_git_blob_id(unsigned char out[PLAN_SHA1_BYTES], const void *data, size_t len);

#endif
