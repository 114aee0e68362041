/* test_git.c: unit tests of the git source (plan_source_open_git): trees
 * written straight into a repository with libgit2, never checked out, so
 * whatever is read can only have come from the commit. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, realpath */
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "plan/diag.h"
#include "plan/error.h"
#include "plan/source.h"

/* ---- a repository per test ---- */

typedef struct repo_fixture {
	char dir[64];           /* from mkdtemp */
	char *real;             /* its realpath */
	git_repository *repo;
	git_index *index;       /* in memory only: what the next commit holds */
	git_oid head;
	plan_diags *diags;
	plan_source *src;
} repo_fixture;

static int setup(void **state)
{
	repo_fixture *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/plan-test-git.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->real = realpath(fx->dir, NULL);
	assert_non_null(fx->real);
	assert_true(git_libgit2_init() > 0);
	/* Gitlinks name commits that need not be in this repository. */
	assert_int_equal(git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0), 0);
	assert_int_equal(git_repository_init(&fx->repo, fx->dir, 0), 0);
	assert_int_equal(git_index_new(&fx->index), 0);
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	*state = fx;
	return 0;
}

static int remove_tree(const char *dir)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static int teardown(void **state)
{
	repo_fixture *fx = *state;
	plan_source_free(fx->src);
	plan_diags_free(fx->diags);
	git_index_free(fx->index);
	git_repository_free(fx->repo);
	git_libgit2_shutdown();
	remove_tree(fx->dir);
	free(fx->real);
	free(fx);
	return 0;
}

/* Put a file (or link, or gitlink) into the next commit. */
static void put_mode(repo_fixture *fx, const char *path, unsigned mode, const char *text)
{
	git_index_entry e;
	memset(&e, 0, sizeof e);
	e.path = path;
	e.mode = mode;
	if (mode == GIT_FILEMODE_COMMIT)
		assert_int_equal(git_oid_fromstr(&e.id, text), 0);
	else
		assert_int_equal(git_blob_create_from_buffer(&e.id, fx->repo, text, strlen(text)), 0);
	assert_int_equal(git_index_add(fx->index, &e), 0);
}

static void put(repo_fixture *fx, const char *path, const char *text)
{
	put_mode(fx, path, GIT_FILEMODE_BLOB, text);
}

/* Commit the index on HEAD (a branch "main"), with `extra` (may be zero)
 * as a further top-level tree entry named `extra_name`. */
static void commit_with(repo_fixture *fx, const char *extra_name, const git_oid *extra)
{
	git_oid tree_id;
	assert_int_equal(git_index_write_tree_to(&tree_id, fx->index, fx->repo), 0);
	if (extra_name) {
		git_tree *top = NULL;
		git_treebuilder *tb = NULL;
		assert_int_equal(git_tree_lookup(&top, fx->repo, &tree_id), 0);
		assert_int_equal(git_treebuilder_new(&tb, fx->repo, top), 0);
		assert_int_equal(git_treebuilder_insert(NULL, tb, extra_name, extra, GIT_FILEMODE_TREE), 0);
		assert_int_equal(git_treebuilder_write(&tree_id, tb), 0);
		git_treebuilder_free(tb);
		git_tree_free(top);
	}
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	assert_int_equal(git_tree_lookup(&tree, fx->repo, &tree_id), 0);
	assert_int_equal(git_signature_new(&sig, "t", "t@t", 1700000000, 0), 0);
	int has_parent = !git_oid_is_zero(&fx->head);
	if (has_parent)
		assert_int_equal(git_commit_lookup(&parent, fx->repo, &fx->head), 0);
	const git_commit *parents[1] = { parent };
	assert_int_equal(git_commit_create(&fx->head, fx->repo, "HEAD", sig, sig, NULL, "c",
		tree, has_parent ? 1 : 0, parents), 0);
	git_commit_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
}

static void commit(repo_fixture *fx)
{
	commit_with(fx, NULL, NULL);
}

static const char *in_repo(const repo_fixture *fx, const char *rel)
{
	static char buf[4][4096];
	static unsigned next;
	char *b = buf[next++ % 4];
	snprintf(b, sizeof buf[0], "%s/%s", fx->dir, rel);
	return b;
}

static void open_ok(repo_fixture *fx, const char *path, const char *rev)
{
	plan_error err = PLAN_ERROR_INIT;
	plan_source_free(fx->src);
	fx->src = NULL;
	int rc = plan_source_open_git(&fx->src, path, rev, &err);
	if (rc != 0)
		fail_msg("plan_source_open_git: %s", err.message);
	assert_non_null(fx->src);
}

static void open_fails(repo_fixture *fx, const char *path, const char *rev, const char *message)
{
	plan_error err = PLAN_ERROR_INIT;
	plan_source *src = NULL;
	assert_int_equal(plan_source_open_git(&src, path, rev, &err), -1);
	assert_null(src);
	if (!strstr(err.message, message))
		fail_msg("error '%s' lacks '%s'", err.message, message);
	(void)fx;
}

/* The listing, joined by '|'. */
static void assert_lists(repo_fixture *fx, const char *const *ignore, size_t nignore,
	size_t max_files, const char *expected)
{
	const char *const *paths = NULL;
	size_t count = 0;
	assert_int_equal(plan_source_list(fx->src, ignore, nignore, max_files, &paths, &count,
		fx->diags), 0);
	char joined[4096] = "";
	size_t used = 0;
	for (size_t i = 0; i < count; i++) {
		int n = snprintf(joined + used, sizeof joined - used, "%s%s", i ? "|" : "", paths[i]);
		assert_true(n > 0 && (size_t)n < sizeof joined - used);
		used += (size_t)n;
	}
	assert_string_equal(joined, expected);
}

/* The files of the diagnostics with `rule`, joined by '|'. */
static void assert_diag_files(const plan_diags *diags, const char *rule, const char *expected)
{
	char joined[4096] = "";
	size_t used = 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if (strcmp(d->rule, rule) != 0)
			continue;
		int n = snprintf(joined + used, sizeof joined - used, "%s%s", used ? "|" : "", d->file);
		assert_true(n > 0 && (size_t)n < sizeof joined - used);
		used += (size_t)n;
	}
	assert_string_equal(joined, expected);
}

static size_t count_rule(const plan_diags *diags, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < plan_diags_count(diags); i++)
		n += strcmp(plan_diags_get(diags, i)->rule, rule) == 0;
	return n;
}

static void assert_reads(repo_fixture *fx, const char *rel, const char *expected)
{
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, rel, 1 << 20, &text, &len, fx->diags), 0);
	assert_int_equal(len, strlen(expected));
	assert_string_equal(text, expected);
	free(text);
}

/* A read that fails with one diagnostic of `rule` whose message holds `what`. */
static void assert_read_fails(repo_fixture *fx, const char *rel, size_t max_bytes,
	const char *rule, const char *what)
{
	char *text = NULL;
	size_t len = 0;
	size_t before = plan_diags_count(fx->diags);
	assert_int_equal(plan_source_read(fx->src, rel, max_bytes, &text, &len, fx->diags), -1);
	assert_null(text);
	assert_int_equal(plan_diags_count(fx->diags), before + 1);
	const plan_diag *d = plan_diags_get(fx->diags, before);
	assert_string_equal(d->rule, rule);
	assert_string_equal(d->file, rel);
	if (!strstr(d->message, what))
		fail_msg("message '%s' lacks '%s'", d->message, what);
}

static void put_plan(repo_fixture *fx)
{
	put(fx, "plan/styrmodell.yaml", "kind: styrmodell\n");
	put(fx, "plan/a.yaml", "kind: a\n");
	put(fx, "plan/B.yaml", "kind: b\n");
	put_mode(fx, "plan/exec.yaml", GIT_FILEMODE_BLOB_EXECUTABLE, "kind: exec\n");
	put(fx, "plan/notes.txt", "notes\n");
	put(fx, "plan/sub/c.yml", "kind: c\n");
	put(fx, "plan/sub/deeper/d.yaml", "kind: d\n");
	put(fx, "plan/sub/.f.yaml", "kind: hidden\n");
	put(fx, "plan/.hidden/e.yaml", "kind: hidden\n");
	put(fx, "plan/sub-x.yaml", "kind: sub-x\n");
	put(fx, "outside.yaml", "kind: outside\n");
}

/* ---- the tests ---- */

/* The root is found by walking up from a path the working tree does not
 * even have; files are listed bytewise with the directory source's rules. */
static void test_list_and_read(void **state)
{
	repo_fixture *fx = *state;
	put_plan(fx);
	commit(fx);
	open_ok(fx, in_repo(fx, "plan/sub/deeper"), "HEAD");

	char want[4096];
	snprintf(want, sizeof want, "%s/plan", fx->real);
	assert_string_equal(plan_source_root(fx->src), want);
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, &fx->head);
	assert_string_equal(plan_source_revision(fx->src), hex);

	/* Files first, then subdirectories: "sub-x.yaml" sorts before "sub/". */
	assert_lists(fx, NULL, 0, 1000,
		"B.yaml|a.yaml|exec.yaml|styrmodell.yaml|sub-x.yaml|sub/c.yml|sub/deeper/d.yaml");
	assert_int_equal(plan_diags_count(fx->diags), 0);
	assert_reads(fx, "sub/c.yml", "kind: c\n");
	assert_reads(fx, "exec.yaml", "kind: exec\n");
	assert_reads(fx, "styrmodell.yaml", "kind: styrmodell\n");

	assert_read_fails(fx, "../outside.yaml", 1 << 20, "io", "not a path inside the plan set");
	assert_read_fails(fx, "/etc/passwd", 1 << 20, "io", "not a path inside the plan set");
	assert_read_fails(fx, "sub//c.yml", 1 << 20, "io", "not a path inside the plan set");
	assert_read_fails(fx, "missing.yaml", 1 << 20, "io", "no such file in revision");
	assert_read_fails(fx, "sub", 1 << 20, "io", "not a regular file");

	/* A file as PATH, and the root itself. */
	open_ok(fx, in_repo(fx, "plan/sub/c.yml"), "HEAD");
	assert_string_equal(plan_source_root(fx->src), want);
	open_ok(fx, in_repo(fx, "plan"), hex);
	assert_string_equal(plan_source_root(fx->src), want);
}

/* styrmodell.yaml is read before any listing: from the tree, by path. */
static void test_read_before_list(void **state)
{
	repo_fixture *fx = *state;
	put_plan(fx);
	commit(fx);
	git_commit *c = NULL;
	git_reference *branch = NULL;
	assert_int_equal(git_commit_lookup(&c, fx->repo, &fx->head), 0);
	assert_int_equal(git_branch_create(&branch, fx->repo, "release", c, 0), 0);
	git_reference_free(branch);
	git_commit_free(c);
	open_ok(fx, in_repo(fx, "plan"), "release");
	assert_reads(fx, "styrmodell.yaml", "kind: styrmodell\n");
	assert_reads(fx, "sub/deeper/d.yaml", "kind: d\n");
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

static void test_ignore(void **state)
{
	repo_fixture *fx = *state;
	put_plan(fx);
	commit(fx);
	open_ok(fx, in_repo(fx, "plan"), "HEAD");
	const char *ignore[] = { "sub/", "*.yml", "B.yaml" };
	assert_lists(fx, ignore, 3, 1000, "a.yaml|exec.yaml|styrmodell.yaml|sub-x.yaml");
	const char *deep[] = { "sub/deeper/**", NULL };
	assert_lists(fx, deep, 2, 1000,
		"B.yaml|a.yaml|exec.yaml|styrmodell.yaml|sub-x.yaml|sub/c.yml");
}

/* Links and submodules are never followed; they are reported where plan
 * files could be behind them. */
static void test_links_and_submodules(void **state)
{
	repo_fixture *fx = *state;
	put_plan(fx);
	put_mode(fx, "plan/link.yaml", GIT_FILEMODE_LINK, "a.yaml");
	put_mode(fx, "plan/dirlink", GIT_FILEMODE_LINK, "sub");
	put_mode(fx, "plan/sub/up", GIT_FILEMODE_LINK, "../../plan/./sub/..");
	put_mode(fx, "plan/top", GIT_FILEMODE_LINK, "..");
	put_mode(fx, "plan/filelink", GIT_FILEMODE_LINK, "notes.txt");
	put_mode(fx, "plan/absolute", GIT_FILEMODE_LINK, "/etc");
	put_mode(fx, "plan/escape", GIT_FILEMODE_LINK, "../../outside");
	put_mode(fx, "plan/dangling", GIT_FILEMODE_LINK, "nowhere");
	put_mode(fx, "plan/mod", GIT_FILEMODE_COMMIT, "0123456789abcdef0123456789abcdef01234567");
	commit(fx);
	open_ok(fx, in_repo(fx, "plan"), "HEAD");
	assert_lists(fx, NULL, 0, 1000,
		"B.yaml|a.yaml|exec.yaml|styrmodell.yaml|sub-x.yaml|sub/c.yml|sub/deeper/d.yaml");
	assert_diag_files(fx->diags, "io", "dirlink|link.yaml|mod|top|sub/up");
	assert_int_equal(plan_diags_count(fx->diags), 5);

	assert_read_fails(fx, "link.yaml", 1 << 20, "io", "a symbolic link in the revision");
	assert_read_fails(fx, "mod", 1 << 20, "io", "a submodule");

	/* Ignored ones are not reported. */
	plan_diags_free(fx->diags);
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	const char *ignore[] = { "link.yaml", "dirlink/", "mod", "top", "sub/**" };
	assert_lists(fx, ignore, 5, 1000, "B.yaml|a.yaml|exec.yaml|styrmodell.yaml|sub-x.yaml");
	assert_int_equal(plan_diags_count(fx->diags), 0);
}

static void test_limits(void **state)
{
	repo_fixture *fx = *state;
	put_plan(fx);
	/* 2 MiB that compress to almost nothing. */
	size_t big = (size_t)2 << 20;
	char *zeros = malloc(big + 1);
	assert_non_null(zeros);
	memset(zeros, 'a', big);
	zeros[big] = '\0';
	put(fx, "plan/big.yaml", zeros);
	free(zeros);
	commit(fx);
	open_ok(fx, in_repo(fx, "plan"), "HEAD");

	assert_lists(fx, NULL, 0, 3, "B.yaml|a.yaml|big.yaml");
	assert_int_equal(count_rule(fx->diags, "limit"), 1);
	assert_read_fails(fx, "big.yaml", (size_t)1 << 20, "limit", "larger than the limit of 1048576 bytes");
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(plan_source_read(fx->src, "big.yaml", big, &text, &len, fx->diags), 0);
	assert_int_equal(len, big);
	free(text);
	assert_int_equal(plan_source_read(fx->src, "a.yaml", 8, &text, &len, fx->diags), 0);
	assert_string_equal(text, "kind: a\n");
	free(text);
	assert_read_fails(fx, "a.yaml", 7, "limit", "larger than the limit of 7 bytes");
}

/* A tree that names one subtree twice at each of 40 levels describes 2^40
 * directories in a few kilobytes: the walk stops at its budget. */
static void test_tree_bomb(void **state)
{
	repo_fixture *fx = *state;
	git_oid level, blob;
	assert_int_equal(git_blob_create_from_buffer(&blob, fx->repo, "x", 1), 0);
	git_treebuilder *tb = NULL;
	assert_int_equal(git_treebuilder_new(&tb, fx->repo, NULL), 0);
	assert_int_equal(git_treebuilder_insert(NULL, tb, "x.txt", &blob, GIT_FILEMODE_BLOB), 0);
	assert_int_equal(git_treebuilder_write(&level, tb), 0);
	git_treebuilder_free(tb);
	for (int i = 0; i < 40; i++) {
		assert_int_equal(git_treebuilder_new(&tb, fx->repo, NULL), 0);
		assert_int_equal(git_treebuilder_insert(NULL, tb, "a", &level, GIT_FILEMODE_TREE), 0);
		assert_int_equal(git_treebuilder_insert(NULL, tb, "b", &level, GIT_FILEMODE_TREE), 0);
		assert_int_equal(git_treebuilder_write(&level, tb), 0);
		git_treebuilder_free(tb);
	}
	put(fx, "styrmodell.yaml", "kind: styrmodell\n");
	commit_with(fx, "bomb", &level);
	open_ok(fx, fx->dir, "HEAD");

	time_t start = time(NULL);
	const char *const *paths = NULL;
	size_t count = 0;
	assert_int_equal(plan_source_list(fx->src, NULL, 0, 100, &paths, &count, fx->diags), 0);
	assert_true(time(NULL) - start < 60);
	assert_int_equal(count_rule(fx->diags, "limit"), 1);
	assert_int_equal(count, 1);
	assert_string_equal(paths[count - 1], "styrmodell.yaml");
}

static void test_errors(void **state)
{
	repo_fixture *fx = *state;
	char msg[4200];
	/* No commit yet: HEAD names nothing. */
	snprintf(msg, sizeof msg, "unknown revision 'HEAD' in repository %s", fx->real);
	open_fails(fx, fx->dir, "HEAD", msg);

	put(fx, "README", "no plans\n");
	commit(fx);
	snprintf(msg, sizeof msg, "unknown revision 'nope' in repository %s", fx->real);
	open_fails(fx, fx->dir, "nope", msg);
	open_fails(fx, fx->dir, "HEAD^{tree}", "names a tree, not a commit");
	open_fails(fx, fx->dir, "HEAD:README", "names a blob, not a commit");
	open_fails(fx, fx->dir, "", "an empty revision");
	open_fails(fx, in_repo(fx, "a/b"), "HEAD",
		"no plan set found in revision 'HEAD' (commit ");
	open_fails(fx, in_repo(fx, "a/b"), "HEAD",
		"no styrmodell.yaml in 'a/b' or any directory above it");
	open_fails(fx, in_repo(fx, "missing/../x"), "HEAD", "cannot open");

	/* Outside any repository. */
	char plain[64];
	snprintf(plain, sizeof plain, "/tmp/plan-test-plain.XXXXXX");
	assert_non_null(mkdtemp(plain));
	snprintf(msg, sizeof msg, "'%s' is not in a git repository", plain);
	open_fails(fx, plain, "HEAD", msg);
	remove_tree(plain);
}

/* A bare repository has no working tree: the plan set is read from the top
 * of the tree, and the root is the repository's directory. */
static void test_bare(void **state)
{
	repo_fixture *fx = *state;
	char bare[64];
	snprintf(bare, sizeof bare, "/tmp/plan-test-bare.XXXXXX");
	assert_non_null(mkdtemp(bare));
	git_repository *repo = NULL;
	assert_int_equal(git_repository_init(&repo, bare, 1), 0);
	git_repository *work = fx->repo;
	fx->repo = repo;
	put(fx, "styrmodell.yaml", "kind: styrmodell\n");
	put(fx, "plan.yaml", "kind: plan\n");
	commit(fx);
	fx->repo = work;
	git_repository_free(repo);

	open_ok(fx, bare, "HEAD");
	char *real = realpath(bare, NULL);
	assert_non_null(real);
	assert_string_equal(plan_source_root(fx->src), real);
	free(real);
	assert_lists(fx, NULL, 0, 1000, "plan.yaml|styrmodell.yaml");
	assert_reads(fx, "plan.yaml", "kind: plan\n");
	plan_source_free(fx->src);
	fx->src = NULL;
	remove_tree(bare);
}

/* The directory source reads no revision. */
static void test_dir_source_revision(void **state)
{
	repo_fixture *fx = *state;
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_source_open_dir(&fx->src, fx->dir, &err), 0);
	assert_null(plan_source_revision(fx->src));
	assert_null(plan_source_revision(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_and_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_before_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ignore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_and_submodules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_bomb, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_source_revision, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
