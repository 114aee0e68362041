/* files.c: plan-validate FILE... and `-`: the files named on the command
 * line, in the one plan set that holds them; the whole set is checked (the
 * links between documents need it) and only their diagnostics reported. */
#define _XOPEN_SOURCE 700 /* strdup */

#include "files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan/diag.h"
#include "plan/error.h"
#include "plan/lang.h"
#include "plan/source.h"

/* A directory: in the working tree, or, with --rev, a path gone from it
 * that does not name a plan file (it may be a directory of the revision,
 * as PATH always could be). */
static int names_dir(const char *word, const plan_cli_common *cli)
{
	struct stat st;
	if (stat(word, &st) == 0)
		return S_ISDIR(st.st_mode);
	return cli->set.rev && !plan_source_candidate(word);
}

/* Standard input, at most `max` bytes and one more: the source reports a
 * file over the limit as it does any other. */
static int read_stdin(files *f, size_t max)
{
	size_t cap = 0, have = 0;
	char *data = NULL;
	for (;;) {
		if (have == cap) {
			size_t next = cap ? cap * 2 : 65536;
			if (next > max + 1)
				next = max + 1;
			if (next <= cap)
				break;
			char *grown = realloc(data, next);
			if (!grown) {
				free(data);
				return -1;
			}
			data = grown;
			cap = next;
		}
		size_t got = fread(data + have, 1, cap - have, stdin);
		have += got;
		if (got == 0) {
			if (ferror(stdin)) {
				free(data);
				return -1;
			}
			break;
		}
	}
	f->stdin_text = data;
	f->stdin_len = have;
	return 0;
}

/* One FILE (or --stdin-filename's NAME) into the list: its root must be the
 * others'. */
static int add_file(files *f, const plan_cli_common *cli, const char *word,
	const char *shown, plan_buf *msg)
{
	plan_error err = PLAN_ERROR_INIT;
	err.lang = cli->lang;
	char *root = NULL, *rel = NULL;
	if (plan_root_find_file(&root, &rel, word, &err) < 0) {
		plan_buf_printf(msg, "%s", err.message);
		return -1;
	}
	if (f->root && strcmp(f->root, root) != 0) {
		plan_buf_printf(msg, plan_tr(cli->lang, "'%s' and '%s' are in different plan sets "
			"(%s and %s); run plan-validate once for each"), f->first, shown, f->root, root);
		free(root);
		free(rel);
		return -1;
	}
	if (!f->root) {
		f->root = root;
		f->first = shown;
	}
	else
		free(root);
	f->paths[f->count++] = rel;
	return 0;
}

int files_choose(files *out, plan_cli_common *cli, const char *stdin_name,
	char *const *words, size_t nwords, plan_buf *msg)
{
	memset(out, 0, sizeof *out);
	plan_lang lang = cli->lang;
	size_t dirs = 0;
	int dash = 0;
	for (size_t i = 0; i < nwords; i++) {
		if (strcmp(words[i], "-") == 0)
			dash++;
		else if (names_dir(words[i], cli))
			dirs++;
	}
	if (stdin_name && !dash) {
		plan_buf_puts(msg, plan_tr(lang, "--stdin-filename names the file that '-' reads; "
			"give '-' too"));
		return -1;
	}
	if (dirs == nwords)
		return plan_cli_common_path(cli, (const char *const *)words, nwords, msg);
	if (cli->root) {
		plan_buf_puts(msg, plan_tr(lang, "give the plan set either with --root or as FILE "
			"arguments, not both"));
		return -1;
	}
	if (dash > 1) {
		plan_buf_puts(msg, plan_tr(lang, "'-' (standard input) may be given once"));
		return -1;
	}
	if (dash && !stdin_name) {
		plan_buf_puts(msg, plan_tr(lang, "'-' needs --stdin-filename NAME: the file of the "
			"plan set that standard input stands for"));
		return -1;
	}
	if (dash && cli->set.rev) {
		plan_buf_puts(msg, plan_tr(lang, "'-' with --rev: standard input cannot stand for a "
			"file of a revision"));
		return -1;
	}
	if (!(out->paths = calloc(nwords, sizeof *out->paths)))
		goto oom;
	for (size_t i = 0; i < nwords; i++) {
		const char *w = words[i];
		if (strcmp(w, "-") == 0) {
			if (!plan_source_candidate(stdin_name)) {
				plan_buf_printf(msg, plan_tr(lang, "--stdin-filename must name a plan file "
					"(*.yaml or *.yml), not '%s'"), stdin_name);
				return -1;
			}
			if (add_file(out, cli, stdin_name, stdin_name, msg) < 0)
				return -1;
			out->stdin_path = out->paths[out->count - 1];
			continue;
		}
		if (names_dir(w, cli)) {
			plan_buf_printf(msg, plan_tr(lang, "'%s' is a directory: give one directory, "
				"or files of one plan set"), w);
			return -1;
		}
		struct stat st;
		/* A file of a revision may be gone from the working tree. */
		if (!cli->set.rev && stat(w, &st) != 0) {
			plan_buf_printf(msg, plan_tr(lang, "cannot open '%s': %s"), w,
				plan_tr(lang, strerror(errno)));
			return -1;
		}
		if (add_file(out, cli, w, w, msg) < 0)
			return -1;
	}
	if (dash) {
		if (read_stdin(out, cli->set.limits.file_bytes) < 0) {
			plan_buf_puts(msg, plan_tr(lang, "cannot read standard input"));
			return -1;
		}
		/* It replaces its file, or adds it where the set would list it. */
		out->stdin_file = (plan_overlay_file){ out->stdin_path, out->stdin_text ? out->stdin_text : "",
			out->stdin_len, 1 };
		cli->set.overlay = &out->stdin_file;
		cli->set.noverlay = 1;
	}
	cli->set.path = out->root;
	return 0;
oom:
	plan_buf_puts(msg, plan_tr(lang, "out of memory"));
	return -1;
}

void files_free(files *f)
{
	for (size_t i = 0; i < f->count; i++)
		free(f->paths[i]);
	free(f->paths);
	free(f->root);
	free(f->stdin_text);
	memset(f, 0, sizeof *f);
}

static int named(const files *f, const char *path)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->paths[i], path) == 0)
			return 1;
	return 0;
}

/* Does a file not named fail to read (which skips the checks across
 * documents for all)? The set's own facts decide, as they decided the
 * skip: a file it could not read or read only in part, or a fault of
 * input (io, limit) outside the named files. A syntax fault that did not
 * stop the reading (an unsupported tag) is no such file. */
static int unnamed_unreadable(const files *f, plan_set *set)
{
	for (size_t i = 0; i < plan_set_file_count(set); i++) {
		const plan_file *file = plan_set_file(set, i);
		if ((!file || file->truncated) && !named(f, plan_set_path(set, i)))
			return 1;
	}
	const plan_diags *diags = plan_set_diags(set);
	for (size_t i = 0; i < plan_diags_count(diags); i++) {
		const plan_diag *d = plan_diags_get(diags, i);
		if ((strcmp(d->rule, "io") == 0 || strcmp(d->rule, "limit") == 0) &&
		    (!d->file || !named(f, d->file)))
			return 1;
	}
	return 0;
}

void files_narrow(const files *f, plan_set *set, plan_lang lang)
{
	if (f->count == 0)
		return;
	const char *const *paths = (const char *const *)f->paths;
	int hidden_fault = !plan_set_checked_across(set) &&
		unnamed_unreadable(f, set);
	plan_diags_keep_files(plan_set_diags(set), paths, f->count);
	plan_diags_keep_files(plan_set_suppressed(set), paths, f->count);
	/* Else a file the set does not read would pass in silence, as if
	 * checked and clean. */
	for (size_t i = 0; i < f->count; i++)
		if (!plan_set_lists(set, f->paths[i]))
			fprintf(stderr, plan_tr(lang, "plan-validate: note: '%s' is not a file the plan "
				"set reads (not *.yaml or *.yml, hidden, or under ignore: in "
				"styrmodell.yaml)\n"), f->paths[i]);
	if (hidden_fault)
		fprintf(stderr, "%s\n", plan_tr(lang, "plan-validate: note: a file not named "
			"does not read in full, so links and rules across documents were not checked; "
			"run plan-validate on the whole plan set to see it"));
}
