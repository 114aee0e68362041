/* files.h: plan-validate FILE... and `-` with --stdin-filename: the files
 * named on the command line, found in their one plan set, for a check of
 * the whole set that reports only those files (pre-commit, lint-staged). */
#ifndef PLAN_VALIDATE_FILES_H
#define PLAN_VALIDATE_FILES_H

#include <stddef.h>

#include "plan/buf.h"
#include "plan/cli.h"
#include "plan/set.h"

typedef struct files {
	char *root;            /* the plan set holding them all (absolute) */
	char **paths;          /* each from the root, as diagnostics name it */
	size_t count;          /* 0: no FILE arguments, the whole set is reported */
	char *stdin_text;      /* `-`: what standard input held */
	size_t stdin_len;
	const char *stdin_path;/* `-`: its path from the root (one of paths) */
	plan_overlay_file stdin_file; /* `-`: the overlay cli->set points at */
	const char *first;     /* the first as the user wrote it, for messages */
} files;

/* Sort out the words left after the options. None, or one directory: the
 * whole plan set, as before (plan_cli_common_path). Otherwise every word is
 * a file (or `-`, standard input, named by `stdin_name`) of one plan set:
 * `out` gets them, and cli->set its root and, for `-`, the overlay. A
 * file that does not exist is allowed only with --rev (it may be in the
 * revision alone). Returns 0, or -1 with the usage message in `msg`
 * (files in different plan sets or in none, a directory among files, `-`
 * without --stdin-filename or with --rev...). Free `out` with files_free. */
int files_choose(files *out, plan_cli_common *cli, const char *stdin_name,
	char *const *words, size_t nwords, plan_buf *msg);

void files_free(files *f);

/* Keep only the diagnostics of the named files, in the set's list and in
 * its suppressed ones; say on stderr which named files the set does not
 * read, and when the checks across documents were skipped for a file not
 * named. Nothing happens without FILE arguments. */
void files_narrow(const files *f, plan_set *set, plan_lang lang);

#endif
