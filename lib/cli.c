/* cli.c: the options every binary takes, checked once for all of them; the
 * messages are the binaries' usage errors, word for word. */
#include "plan/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "plan/error.h"
#include "plan/lang.h"
#include "plan/load.h"

/* A message part in the command line's language. */
#define TR(text) plan_tr(cli->lang, text)

int plan_cli_parse_number(long *out, const char *text, long min, long max)
{
	char *end = NULL;
	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno || !end || end == text || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

int plan_cli_common_apply(plan_cli_common *cli, int code, const char *arg,
	plan_buf *msg)
{
	long jobs = 0;
	plan_error err = PLAN_ERROR_INIT;
	err.lang = cli->lang;
	switch (code) {
	case PLAN_CLI_OPT_ROOT:
		cli->root = arg;
		return 1;
	case PLAN_CLI_OPT_REV:
		if (!arg[0]) {
			plan_buf_puts(msg, TR("--rev needs a revision, not ''"));
			return -1;
		}
		cli->set.rev = arg;
		return 1;
	case 'j':
		if (plan_cli_parse_number(&jobs, arg, 1, 1024) < 0) {
			plan_buf_printf(msg, TR("-j needs a number of threads from 1 to 1024, not '%s'"), arg);
			return -1;
		}
		cli->set.jobs = (unsigned)jobs;
		return 1;
	case PLAN_CLI_OPT_LIMIT:
		if (plan_limits_set(&cli->set.limits, arg, &err) < 0) {
			plan_buf_puts(msg, err.message);
			return -1;
		}
		return 1;
	case PLAN_CLI_OPT_CACHE:
		if (!arg[0]) {
			plan_buf_puts(msg, TR("--cache needs a directory, not ''"));
			return -1;
		}
		cli->set.cache = arg;
		return 1;
	case PLAN_CLI_OPT_NO_CACHE:
		cli->set.cache = NULL;
		return 1;
	case 'o':
		cli->output = arg;
		return 1;
	case 'h':
		cli->help = 1;
		return 1;
	case PLAN_CLI_OPT_VERSION:
		cli->version = 1;
		return 1;
	default:
		return 0;
	}
}

int plan_cli_getopt_error(plan_buf *msg, plan_lang lang, int code, const char *word)
{
	if (code == ':')
		plan_buf_printf(msg, plan_tr(lang, "option '%s' needs a value"), word);
	else
		plan_buf_printf(msg, plan_tr(lang, "unknown option '%s'"), word);
	return -1;
}

int plan_cli_common_path(plan_cli_common *cli, const char *const *paths,
	size_t npaths, plan_buf *msg)
{
	if (npaths > 1) {
		plan_buf_printf(msg, TR("too many paths: '%s' (give one plan set)"), paths[1]);
		return -1;
	}
	const char *path = npaths == 1 ? paths[0] : NULL;
	if (path && cli->root) {
		plan_buf_printf(msg, TR("give the plan set either as PATH or with --root, not both ('%s')"), path);
		return -1;
	}
	cli->set.path = path ? path : cli->root;
	return 0;
}

const plan_cli_command *plan_cli_command_find(const plan_cli_command *table,
	size_t count, const char *word)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(word, table[i].name) == 0)
			return &table[i];
	return NULL;
}

/* "a, b or c": the commands' names, for a usage message. */
static void command_list(plan_buf *out, plan_lang lang, const plan_cli_command *table,
	size_t count)
{
	for (size_t i = 0; i < count; i++)
		plan_buf_printf(out, "%s%s", i == 0 ? "" : i + 1 == count ? plan_tr(lang, " or ") : ", ",
			table[i].name);
}

int plan_cli_command_choose(const plan_cli_command **out, plan_lang lang,
	const plan_cli_command *table, size_t count, const char *const *words, size_t nwords,
	plan_buf *msg)
{
	*out = NULL;
	if (nwords == 0)
		return 0;
	*out = plan_cli_command_find(table, count, words[0]);
	if (*out)
		return 0;
	plan_buf_printf(msg, plan_tr(lang, "unknown command '%s' (expected "), words[0]);
	command_list(msg, lang, table, count);
	plan_buf_putc(msg, ')');
	return -1;
}

int plan_cli_command_missing(plan_buf *msg, plan_lang lang, const plan_cli_command *table,
	size_t count)
{
	plan_buf_puts(msg, plan_tr(lang, "no command (expected "));
	command_list(msg, lang, table, count);
	plan_buf_putc(msg, ')');
	return -1;
}

plan_cli_next plan_cli_command_next(const plan_cli_command **chosen,
	const plan_cli_command *table, size_t count, const char *const *words,
	size_t nwords, const plan_cli_common *cli, plan_buf *msg)
{
	if (plan_cli_command_choose(chosen, cli->lang, table, count, words, nwords, msg) < 0)
		return PLAN_CLI_USAGE;
	if (cli->help)
		return PLAN_CLI_HELP;
	if (cli->version)
		return PLAN_CLI_VERSION;
	if (!*chosen) {
		plan_cli_command_missing(msg, cli->lang, table, count);
		return PLAN_CLI_USAGE;
	}
	return PLAN_CLI_RUN;
}

int plan_color_parse(plan_color *out, const char *text)
{
	static const char *const names[] = { "auto", "always", "never" };
	for (int i = 0; i < 3; i++)
		if (strcmp(text, names[i]) == 0) {
			*out = (plan_color)i;
			return 0;
		}
	return -1;
}

/* An environment variable that says yes: set, not empty and not "0". */
static int env_yes(const char *name)
{
	const char *value = getenv(name);
	return value && *value && strcmp(value, "0") != 0;
}

int plan_color_wanted(plan_color choice, int terminal)
{
	if (choice != PLAN_COLOR_AUTO)
		return choice == PLAN_COLOR_ALWAYS;
	const char *no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return 0;
	if (env_yes("FORCE_COLOR") || env_yes("CLICOLOR_FORCE"))
		return 1;
	return terminal;
}

const char *plan_cli_help(const plan_cli_help_text *table, size_t n, const char *usage,
	const char *command, plan_lang lang)
{
	if (!command)
		return plan_tr(lang, usage);
	for (size_t i = 0; i < n; i++)
		if (strcmp(table[i].command, command) == 0)
			return plan_tr(lang, table[i].text);
	return NULL;
}
