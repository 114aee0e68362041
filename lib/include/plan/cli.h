/* plan/cli.h: the command-line options every binary takes (cli.md, "Common
 * to every binary"): PATH or --root, --rev, -j, -o, --limit, --cache,
 * --no-cache, -h/--help and --version. Checked and collected here; the binaries print the messages and
 * choose the exit status. A message is written to a plan_buf, not a
 * plan_error, because it quotes the user's word whole, however long. */
#ifndef PLAN_CLI_H
#define PLAN_CLI_H

#include <stddef.h>

#include "plan/buf.h"
#include "plan/lang.h"
#include "plan/set.h"

/* getopt_long codes of the common long options; a binary numbers its own
 * from PLAN_CLI_OPT_OWN on. -h and --help both give 'h'. */
enum {
	PLAN_CLI_OPT_ROOT = 256,
	PLAN_CLI_OPT_REV,
	PLAN_CLI_OPT_LIMIT,
	PLAN_CLI_OPT_VERSION,
	PLAN_CLI_OPT_CACHE,
	PLAN_CLI_OPT_NO_CACHE,
	PLAN_CLI_OPT_OWN
};

/* The common short options, for getopt_long's option string (after any
 * leading '-' or ':'). */
#define PLAN_CLI_SHORT_OPTIONS "hj:o:"

/* The common entries of a `struct option` table (needs <getopt.h>), to put
 * before a binary's own entries and the terminating zero entry. */
#define PLAN_CLI_LONG_OPTIONS \
	{ "limit", required_argument, NULL, PLAN_CLI_OPT_LIMIT }, \
	{ "root", required_argument, NULL, PLAN_CLI_OPT_ROOT }, \
	{ "rev", required_argument, NULL, PLAN_CLI_OPT_REV }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, PLAN_CLI_OPT_VERSION }, \
	{ "cache", required_argument, NULL, PLAN_CLI_OPT_CACHE }, \
	{ "no-cache", no_argument, NULL, PLAN_CLI_OPT_NO_CACHE }

/* What the common options asked for. */
typedef struct plan_cli_common {
	plan_set_options set;  /* --rev, -j, --limit, --cache and --no-cache
	                        * (the last of the two counts; without
	                        * either, the default cache directory); .path
	                        * is set by plan_cli_common_path */
	const char *root;      /* --root DIR, or NULL */
	const char *output;    /* -o FILE, or NULL for standard output */
	int help;              /* -h or --help was given */
	int version;           /* --version was given */
	plan_lang lang;        /* the language of messages (plan_lang_from_args
	                        * before the options are read, so that even the
	                        * first usage error speaks it) */
} plan_cli_common;

#define PLAN_CLI_COMMON_INIT \
	{ { NULL, 0, PLAN_LIMITS_INIT, NULL, NULL, PLAN_LANG_EN, NULL, 0, PLAN_SET_CACHE_DEFAULT }, \
	  NULL, NULL, 0, 0, PLAN_LANG_EN }

/* Messages below are written in cli->lang (or `lang`). */

/* Apply one getopt_long result: `code` is what getopt_long returned and `arg`
 * its optarg (borrowed: it must outlive `cli`, as argv does). Returns 1 when
 * `code` is a common option and was applied, 0 when it is not a common option
 * (nothing changed), or -1 with the usage message appended to `msg` (the
 * caller frees it) when the value is bad (--rev '', -j out of 1..1024, an
 * unknown or bad --limit, --cache ''). */
int plan_cli_common_apply(plan_cli_common *cli, int code, const char *arg,
	plan_buf *msg);

/* The usage message for getopt_long's ':' (a missing value) or any other
 * code it returns for an unknown option; `word` is the command-line word
 * (argv[optind - 1]). Appends it to `msg` and returns -1. */
int plan_cli_getopt_error(plan_buf *msg, plan_lang lang, int code, const char *word);

/* Choose the plan set from the PATH arguments left after the options
 * (`npaths` of them; at most one is allowed) or --root, and store it in
 * cli->set.path (NULL: the current directory). Returns 0, or -1 with the
 * message appended to `msg` when there are too many paths or both a PATH and
 * --root. */
int plan_cli_common_path(plan_cli_common *cli, const char *const *paths,
	size_t npaths, plan_buf *msg);

/* Parse a whole decimal number from `min` to `max` into *out. Returns 0, or
 * -1 (*out unchanged) when `text` is empty, has anything after the digits,
 * or is out of range. */
int plan_cli_parse_number(long *out, const char *text, long min, long max);

/* A command of a binary that has commands (plan-link trace, plan-report
 * followup): its name, the binary's own id for it, and its --help text. */
typedef struct plan_cli_command {
	const char *name;
	int id;
	const char *help;
} plan_cli_command;

/* The command named `word` among the `count` of `table`, or NULL. */
const plan_cli_command *plan_cli_command_find(const plan_cli_command *table,
	size_t count, const char *word);

/* Choose the command from the first of the `nwords` words left after the
 * options: *out is it, or NULL when there are no words. Returns 0, or -1
 * with "unknown command 'X' (expected a, b or c)" appended to `msg`. */
int plan_cli_command_choose(const plan_cli_command **out, plan_lang lang,
	const plan_cli_command *table, size_t count, const char *const *words, size_t nwords,
	plan_buf *msg);

/* Appends "no command (expected a, b or c)" to `msg`; returns -1. */
int plan_cli_command_missing(plan_buf *msg, plan_lang lang, const plan_cli_command *table,
	size_t count);

/* What a binary with commands does once its options are read. */
typedef enum plan_cli_next {
	PLAN_CLI_RUN,        /* run *chosen */
	PLAN_CLI_HELP,       /* print *chosen's help, or the binary's when NULL */
	PLAN_CLI_VERSION,    /* print the version */
	PLAN_CLI_USAGE       /* a usage error: the message is in `msg` */
} plan_cli_next;

/* Choose the command from the words left after the options and decide what
 * comes next, in the one order every binary keeps: an unknown command is a
 * usage error; then --help (of the command, if one was named) and
 * --version; then no command at all is a usage error. */
plan_cli_next plan_cli_command_next(const plan_cli_command **chosen,
	const plan_cli_command *table, size_t count, const char *const *words,
	size_t nwords, const plan_cli_common *cli, plan_buf *msg);

/* A command's help text (English, the catalogue's key), for plan_cli_help. */
typedef struct plan_cli_help_text {
	const char *command;
	const char *text;
} plan_cli_help_text;

/* The help in `lang`: `usage` for `command` NULL, else that command's from
 * the table of `n`; NULL for a command it does not hold. */
const char *plan_cli_help(const plan_cli_help_text *table, size_t n, const char *usage,
	const char *command, plan_lang lang);

/* --color: auto (the default), always or never. */
typedef enum plan_color {
	PLAN_COLOR_AUTO,
	PLAN_COLOR_ALWAYS,
	PLAN_COLOR_NEVER
} plan_color;

/* Parse "auto", "always" or "never". Returns 0, or -1 for anything else. */
int plan_color_parse(plan_color *out, const char *text);

/* Whether to colour text output, as linters decide it: --color always or
 * never decides; with auto, NO_COLOR (set and not empty) turns colour off,
 * then FORCE_COLOR or CLICOLOR_FORCE (set, not empty and not "0") turn it
 * on even for a pipe or a file, and otherwise a terminal gets colour. */
int plan_color_wanted(plan_color choice, int terminal);

#endif
