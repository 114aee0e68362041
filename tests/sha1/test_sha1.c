/* Unit tests for SHA-1 and git's blob id: FIPS 180-4's examples, every
 * way of feeding the bytes in, and the ids libgit2 gives the same blobs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "../../lib/sha1.h"

static void hex(char out[41], const unsigned char id[PLAN_SHA1_BYTES])
{
	for (int i = 0; i < PLAN_SHA1_BYTES; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
}

static void expect(const char *text, size_t len, const char *want)
{
	plan_sha1 s;
	unsigned char id[PLAN_SHA1_BYTES];
	char got[41];
	plan_sha1_init(&s);
	plan_sha1_update(&s, text, len);
	plan_sha1_final(&s, id);
	hex(got, id);
	assert_string_equal(got, want);
}

static void test_fips_examples(void **state)
{
	(void)state;
	expect("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	expect("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	expect(two, strlen(two), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	char *million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	expect(million, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(million);
}

/* Fed in pieces of every size from 1 to 130 bytes: the same digest. */
static void test_pieces(void **state)
{
	(void)state;
	unsigned char data[300], whole[PLAN_SHA1_BYTES], pieces[PLAN_SHA1_BYTES];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	plan_sha1 s;
	plan_sha1_init(&s);
	plan_sha1_update(&s, data, sizeof data);
	plan_sha1_final(&s, whole);
	for (size_t step = 1; step <= 130; step++) {
		plan_sha1_init(&s);
		for (size_t at = 0; at < sizeof data; at += step)
			plan_sha1_update(&s, data + at, at + step <= sizeof data ? step : sizeof data - at);
		plan_sha1_final(&s, pieces);
		assert_memory_equal(pieces, whole, PLAN_SHA1_BYTES);
	}
}

/* Blob ids as git computes them, at every length around the block and
 * padding boundaries. */
static void test_blob_ids_are_gits(void **state)
{
	(void)state;
	unsigned char id[PLAN_SHA1_BYTES];
	char got[41];
	plan_git_blob_id(id, "", 0);
	hex(got, id);
	assert_string_equal(got, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	assert_true(git_libgit2_init() > 0);
	char data[200];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)('a' + i % 26);
	for (size_t len = 0; len <= sizeof data; len++) {
		git_oid oid;
		assert_int_equal(git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB), 0);
		plan_git_blob_id(id, data, len);
		assert_memory_equal(id, oid.id, PLAN_SHA1_BYTES);
	}
	git_libgit2_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_examples),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_blob_ids_are_gits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
