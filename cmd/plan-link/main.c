/* plan-link: follow the links between the goals, KPIs, activities and
 * särskilda uppdrag of a plan set: chains up (trace), trees down (tree),
 * what does not trace (orphans), coverage (matrix), the graph (graph), and
 * between revisions what changed (diff) and which links it puts in doubt
 * (suspect). This file parses the command line, loads the set, asks the
 * library for the view (plan/view.h) and writes it. */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan/cli.h"
#include "plan/diag.h"
#include "plan/display.h"
#include "plan/set.h"
#include "plan/version.h"
#include "plan/view.h"

/* The options that belong to one command, and AS_WRITTEN for a command
 * that compares what is written, valid or not (no note on errors). */
enum { TAKES_FROM = 1, TAKES_MAX_CHAINS = 2, TAKES_WIDTH = 4, TAKES_SINCE = 8, AS_WRITTEN = 16 };
enum { OPT_FORMAT = PLAN_CLI_OPT_OWN, OPT_FROM, OPT_WIDTH, OPT_MAX_CHAINS, OPT_SINCE, OPT_LANG };
/* A set of formats: a bit per plan_view_format. */
#define FORMAT(name) (1u << PLAN_VIEW_FORMAT_##name)

/* What the command line asked for. */
typedef struct args {
	plan_cli_common cli;
	plan_view_options opt;
	const char *format, *since;
	const char *old_rev;        /* diff's OLD, suspect's --since */
	unsigned given;             /* TAKES_* bits of the options given */
	char **words;               /* the command, its ids or revisions, the PATH */
	size_t nwords;
	plan_buf msg;
} args;

/* A usage error: `fmt` is English, the catalogue's key (mark a literal with
 * PLAN_N_ where it is passed), printed in `lang`. */
__attribute__((format(printf, 3, 4)))
static int usage_error(plan_lang lang, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "plan-link: ");
	vfprintf(stderr, plan_tr(lang, fmt), ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, plan_tr(lang, "Try 'plan-link %s --help' for more information.\n"), cmd);
	else
		fputs(plan_tr(lang, "Try 'plan-link --help' for more information.\n"), stderr);
	va_end(ap);
	return PLAN_VIEW_TROUBLE;
}

/* A usage error with the message the library wrote into `msg`. */
static int usage_error_buf(plan_lang lang, const char *cmd, const plan_buf *msg)
{
	return usage_error(lang, cmd, "%s", msg->ptr && !msg->failed ? msg->ptr : plan_tr(lang, "out of memory"));
}

/* One of plan-link's own options; -1 after a usage error. */
static int own_option(args *a, int c, const char *arg)
{
	plan_lang lang = a->opt.lang;
	long number;
	switch (c) {
	case 1: a->words[a->nwords++] = (char *)arg; return 0;
	/* --lang was chosen before the options were read, so that errors
	 * about earlier options speak it too; here only checked. */
	case OPT_LANG:
		if (plan_lang_parse(arg) < 0)
			return usage_error(lang, NULL, PLAN_N_("unknown language '%s' (expected sv or en)"), arg), -1;
		return 0;
	case OPT_FORMAT: a->format = arg; return 0;
	case OPT_FROM: a->opt.from = arg; a->given |= TAKES_FROM; return 0;
	case OPT_SINCE:
		if (!arg[0])
			return usage_error(lang, NULL, PLAN_N_("--since needs a revision, not ''")), -1;
		a->since = arg;
		a->given |= TAKES_SINCE;
		return 0;
	case OPT_WIDTH:
		if (plan_cli_parse_number(&number, arg, 0, 10000) < 0)
			return usage_error(lang, NULL, PLAN_N_("--width needs a number of columns from 0 to 10000, not '%s'"), arg), -1;
		a->opt.width = (size_t)number;
		a->given |= TAKES_WIDTH;
		return 0;
	case OPT_MAX_CHAINS:
		if (plan_cli_parse_number(&number, arg, 0, 1000000000L) < 0)
			return usage_error(lang, NULL, PLAN_N_("--max-chains needs a number (0 for all), not '%s'"), arg), -1;
		a->opt.max_chains = (size_t)number;
		a->given |= TAKES_MAX_CHAINS;
		return 0;
	default:
		plan_cli_getopt_error(&a->msg, a->cli.lang, c, arg);
		return usage_error_buf(lang, NULL, &a->msg), -1;
	}
}

/* The options and words of the command line; -1 after a usage error. */
static int parse(args *a, int argc, char **argv)
{
	static const struct option options[] = {
		PLAN_CLI_LONG_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "max-chains", required_argument, NULL, OPT_MAX_CHAINS },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ NULL, 0, NULL, 0 },
	};
	/* '-' first: arguments come back in order (as 1), so the command may
	 * stand before or after options whatever POSIXLY_CORRECT says. */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "-:" PLAN_CLI_SHORT_OPTIONS, options, NULL)) != -1) {
		int common = plan_cli_common_apply(&a->cli, c, optarg, &a->msg);
		if (common < 0)
			return usage_error_buf(a->opt.lang, NULL, &a->msg), -1;
		if (!common && own_option(a, c, c == 1 || c >= PLAN_CLI_OPT_OWN ? optarg : argv[optind - 1]) < 0)
			return -1;
	}
	while (optind < argc)
		a->words[a->nwords++] = argv[optind++];
	return 0;
}

/* An id matches ^[A-Za-z0-9][A-Za-z0-9_.-]*$, so an argument with a '/' or a
 * leading '.' can only be the plan set. */
static int looks_like_path(const char *arg)
{
	return arg[0] == '.' || arg[0] == '\0' || strchr(arg, '/') != NULL;
}

static int words_trace(args *a, const char *cmd, size_t *nrest)
{
	char **rest = a->words + 1;
	if (*nrest > 0 && looks_like_path(rest[*nrest - 1]))
		(*nrest)--;
	if (*nrest == 0)
		return usage_error(a->opt.lang, cmd, PLAN_N_("trace needs at least one ID")), -1;
	for (size_t i = 0; i < *nrest; i++)
		if (looks_like_path(rest[i]))
			return usage_error(a->opt.lang, cmd, PLAN_N_("'%s' is not an id, and only the last argument may be the plan set"), rest[i]), -1;
	a->opt.ids = (const char *const *)rest;
	a->opt.nids = *nrest;
	return 0;
}

static int words_tree(args *a, const char *cmd, size_t *nrest)
{
	char **rest = a->words + 1;
	if (*nrest > 2)
		return usage_error(a->opt.lang, cmd, PLAN_N_("too many arguments: '%s' (tree takes at most one ID and a PATH)"), rest[2]), -1;
	if (*nrest == 2 || (*nrest == 1 && looks_like_path(rest[0])))
		(*nrest)--;
	if (*nrest == 1 && looks_like_path(rest[0]))
		return usage_error(a->opt.lang, cmd, PLAN_N_("'%s' is not an id"), rest[0]), -1;
	a->opt.ids = (const char *const *)rest;
	a->opt.nids = *nrest;
	return 0;
}

static int words_diff(args *a, const char *cmd, size_t *nrest)
{
	char **rest = a->words + 1;
	plan_lang lang = a->opt.lang;
	struct stat st;
	if (*nrest == 0)
		return usage_error(lang, cmd, PLAN_N_("diff needs the revision OLD to compare with")), -1;
	if (*nrest > 3)
		return usage_error(lang, cmd, PLAN_N_("too many arguments: '%s' (diff takes OLD, NEW and a PATH)"), rest[3]), -1;
	/* Revisions may hold a '/' (origin/main): with two arguments the
	 * second is the plan set only when there is one by that name. */
	if (*nrest == 3 || (*nrest == 2 && stat(rest[1], &st) == 0))
		(*nrest)--;
	a->old_rev = rest[0];
	if (*nrest == 2) {
		if (a->cli.set.rev)
			return usage_error(lang, cmd, PLAN_N_("give NEW either as an argument or with --rev, not both ('%s')"), rest[1]), -1;
		a->cli.set.rev = rest[1];
	}
	if (!a->old_rev[0] || (a->cli.set.rev && !a->cli.set.rev[0]))
		return usage_error(lang, cmd, PLAN_N_("a revision cannot be ''")), -1;
	return 0;
}

static int words_suspect(args *a, const char *cmd, size_t *nrest)
{
	if (!a->since)
		return usage_error(a->opt.lang, cmd, PLAN_N_("suspect needs --since REV, the baseline to compare with")), -1;
	a->old_rev = a->since;
	*nrest = 0;
	return 0;
}

static const struct command {
	const char *name;
	unsigned takes;                /* TAKES_*, AS_WRITTEN */
	unsigned formats;              /* FORMAT(...) | ... */
	const char *formats_text;      /* as the usage error lists them */
	plan_view_format default_format;
	/* The arguments after the command: the first *nrest are ids or
	 * revisions, the rest the plan set; -1 after a usage error. NULL: only
	 * the plan set. */
	int (*words)(args *a, const char *cmd, size_t *nrest);
	plan_view_fn view;             /* a view of the model, or */
	plan_view_compare_fn compare;  /* a comparison with an older revision */
} commands[] = {
	{ "trace", TAKES_MAX_CHAINS, FORMAT(TEXT) | FORMAT(JSON), PLAN_N_("text or json"),
	  PLAN_VIEW_FORMAT_TEXT, words_trace, plan_view_trace, NULL },
	{ "tree", TAKES_WIDTH, FORMAT(TEXT) | FORMAT(JSON), PLAN_N_("text or json"),
	  PLAN_VIEW_FORMAT_TEXT, words_tree, plan_view_tree, NULL },
	{ "orphans", TAKES_WIDTH, FORMAT(TEXT) | FORMAT(JSON), PLAN_N_("text or json"),
	  PLAN_VIEW_FORMAT_TEXT, NULL, plan_view_orphans, NULL },
	/* text is md */
	{ "matrix", 0, FORMAT(MD) | FORMAT(TEXT) | FORMAT(CSV) | FORMAT(JSON),
	  PLAN_N_("md, csv or json"), PLAN_VIEW_FORMAT_MD, NULL, plan_view_matrix, NULL },
	{ "graph", TAKES_FROM, FORMAT(DOT) | FORMAT(MERMAID) | FORMAT(JSON),
	  PLAN_N_("dot, mermaid or json"), PLAN_VIEW_FORMAT_DOT, NULL, plan_view_graph, NULL },
	{ "diff", AS_WRITTEN, FORMAT(TEXT) | FORMAT(JSON) | FORMAT(MD), PLAN_N_("text, json or md"),
	  PLAN_VIEW_FORMAT_TEXT, words_diff, NULL, plan_view_diff },
	{ "suspect", TAKES_SINCE, FORMAT(TEXT) | FORMAT(JSON), PLAN_N_("text or json"),
	  PLAN_VIEW_FORMAT_TEXT, words_suspect, NULL, plan_view_suspect },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* An option that a command does not take, and what the message says. */
static const struct { unsigned bit; const char *message; } foreign[] = {
	{ TAKES_FROM, PLAN_N_("--from is an option of 'graph' (tree takes the item as its argument)") },
	{ TAKES_MAX_CHAINS, PLAN_N_("--max-chains is an option of 'trace'") },
	{ TAKES_WIDTH, PLAN_N_("--width is an option of 'tree' and 'orphans'") },
	{ TAKES_SINCE, PLAN_N_("--since is an option of 'suspect'") } };
/* What it says to diff. */
static const char since_in_diff[] = PLAN_N_("--since is an option of 'suspect' (diff takes OLD as its argument)");

static const struct { const char *name; plan_view_format format; } format_names[] = {
	{ "text", PLAN_VIEW_FORMAT_TEXT }, { "json", PLAN_VIEW_FORMAT_JSON },
	{ "md", PLAN_VIEW_FORMAT_MD }, { "csv", PLAN_VIEW_FORMAT_CSV },
	{ "dot", PLAN_VIEW_FORMAT_DOT }, { "mermaid", PLAN_VIEW_FORMAT_MERMAID } };

/* The options and words checked against the command; -1 after a usage
 * error. */
static int check(args *a, const struct command *cmd)
{
	plan_lang lang = a->opt.lang;
	a->opt.format = cmd->default_format;
	if (a->format) {
		size_t i = 0, n = sizeof format_names / sizeof format_names[0];
		while (i < n && strcmp(a->format, format_names[i].name) != 0)
			i++;
		if (i == n || !(cmd->formats & (1u << format_names[i].format)))
			return usage_error(lang, cmd->name, PLAN_N_("unknown format '%s' for %s (expected %s)"),
				a->format, cmd->name, plan_tr(lang, cmd->formats_text)), -1;
		a->opt.format = format_names[i].format;
	}
	for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
		if ((a->given & foreign[i].bit) && !(cmd->takes & foreign[i].bit))
			return usage_error(lang, cmd->name, "%s", plan_tr(lang, foreign[i].bit == TAKES_SINCE &&
				cmd->compare ? since_in_diff : foreign[i].message)), -1;
	size_t nrest = cmd->words ? a->nwords - 1 : 0;
	if (cmd->words && cmd->words(a, cmd->name, &nrest) < 0)
		return -1;
	if (plan_cli_common_path(&a->cli, (const char *const *)a->words + 1 + nrest,
	                         a->nwords - 1 - nrest, &a->msg) < 0)
		return usage_error_buf(lang, cmd->name, &a->msg), -1;
	return 0;
}

/* A plan set named without a '/' reads as an id: when the set cannot be
 * found and an id names a directory, say how to name it. */
static void hint_directory_ids(const plan_view_options *opt)
{
	for (size_t i = 0; i < opt->nids; i++) {
		struct stat st;
		if (stat(opt->ids[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			fprintf(stderr, plan_tr(opt->lang, "plan-link: '%s' was read as an id; to read the "
				"plan set in that directory, write '%s/' or use --root\n"), opt->ids[i], opt->ids[i]);
			return;
		}
	}
}

/* The plan set loaded, with a note when it has errors (not for diff, which
 * compares what is written, valid or not); NULL after saying why it could
 * not be read. */
static plan_set *load_set(args *a, const struct command *cmd)
{
	plan_lang lang = a->opt.lang;
	plan_error err = { { 0 }, lang };
	plan_set *set = NULL;
	/* The views of the model show it and titles, so the trees keep no more
	 * than that; diff and suspect compare every field and keep them whole. */
	static const char *const titles[] = { "title" };
	static const plan_keys model_and_titles = { titles, 1, NULL, 0, &plan_model_keys };
	if (cmd->view)
		a->cli.set.keep = &model_and_titles;
	if (plan_set_load(&set, &a->cli.set, &err) < 0) {
		fprintf(stderr, "plan-link: %s\n", err.message);
		hint_directory_ids(&a->opt);
		return NULL;
	}
	plan_diags *diags = plan_set_diags(set);
	if (plan_diags_input_failed(diags) || plan_diags_oom(diags)) {
		fprintf(stderr, "plan-link: %s\n", plan_tr(lang, "the plan set could not be read in full "
			"(run plan-validate for the details)"));
		plan_set_free(set);
		return NULL;
	}
	size_t errors = plan_diags_count_severity(diags, PLAN_SEVERITY_ERROR);
	if (errors && !(cmd->takes & AS_WRITTEN))
		fprintf(stderr, plan_ntr(lang, "plan-link: note: the plan set has %zu error (run "
			"plan-validate); links through faulty items are missing\n", "plan-link: note: the "
			"plan set has %zu errors (run plan-validate); links through faulty items are "
			"missing\n", errors), errors);
	return set;
}

/* The view of `cmd` of `set`, written where -o says; the exit status. */
static int run(const struct command *cmd, plan_set *set, args *a)
{
	plan_lang lang = a->opt.lang;
	plan_error err = { { 0 }, lang };
	plan_output *output = NULL;
	if (plan_output_open(&output, a->cli.output, plan_set_root(set), &err) < 0) {
		fprintf(stderr, "plan-link: %s\n", err.message);
		return PLAN_VIEW_TROUBLE;
	}
	plan_out out = { plan_output_stream(output), PLAN_BUF_INIT, 0 };
	a->opt.root = plan_set_root(set);
	a->opt.revision = plan_set_revision(set);
	/* Shorten titles only for a reader: a terminal, or COLUMNS when set;
	 * never in a file written with -o unless --width says so. */
	if (!(a->given & TAKES_WIDTH))
		a->opt.width = a->cli.output && strcmp(a->cli.output, "-") != 0 ? 0 :
			plan_display_columns(fileno(out.stream));
	int status = cmd->view ? cmd->view(&out, plan_set_model(set), &a->opt) :
		cmd->compare(&out, set, &a->cli.set, a->old_rev, &a->opt);
	plan_out_flush(&out);
	plan_buf_free(&out.buf);
	/* Only a whole result replaces a file written with -o: when a limit cut
	 * it short (PLAN_VIEW_TROUBLE) the file is left as it was. */
	if (out.failed) {
		fprintf(stderr, "plan-link: %s\n", plan_tr(lang, "cannot write the result"));
		status = PLAN_VIEW_TROUBLE;
	} else if (status != PLAN_VIEW_TROUBLE) {
		plan_output *done = output;
		output = NULL;
		if (plan_output_commit(done, &err) < 0) {
			fprintf(stderr, "plan-link: %s\n",
				err.message[0] ? err.message : plan_tr(lang, "cannot write the result"));
			status = PLAN_VIEW_TROUBLE;
		}
	}
	plan_output_abort(output);
	return status;
}

int main(int argc, char **argv)
{
	args a = { PLAN_CLI_COMMON_INIT, PLAN_VIEW_OPTIONS_INIT, NULL, NULL, NULL, 0, NULL, 0, PLAN_BUF_INIT };
	a.cli.lang = plan_lang_from_args(argc, argv, plan_lang_from_env());
	a.cli.set.lang = a.cli.lang;
	plan_lang lang = a.cli.lang;
	a.opt.lang = lang;
	a.opt.messages = stderr;
	plan_cli_command table[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		table[i] = (plan_cli_command){ commands[i].name, (int)i, NULL };
	int status = PLAN_VIEW_TROUBLE;
	plan_set *set = NULL;
	const plan_cli_command *chosen = NULL;
	if (!(a.words = calloc((size_t)argc + 1, sizeof *a.words))) {
		fprintf(stderr, "plan-link: %s\n", plan_tr(lang, "out of memory"));
		return PLAN_VIEW_TROUBLE;
	}
	if (parse(&a, argc, argv) < 0)
		goto cleanup;
	switch (plan_cli_command_next(&chosen, table, NCOMMANDS, (const char *const *)a.words,
	                              a.nwords, &a.cli, &a.msg)) {
	case PLAN_CLI_USAGE:
		status = usage_error_buf(lang, NULL, &a.msg);
		goto cleanup;
	case PLAN_CLI_HELP:
		fputs(plan_view_help(chosen ? chosen->name : NULL, lang), stdout);
		status = PLAN_VIEW_OK;
		goto cleanup;
	case PLAN_CLI_VERSION:
		printf("plan-link %s\n", plan_version());
		status = PLAN_VIEW_OK;
		goto cleanup;
	case PLAN_CLI_RUN:
		break;
	}
	const struct command *cmd = &commands[chosen->id];
	if (check(&a, cmd) < 0)
		goto cleanup;
	if ((set = load_set(&a, cmd)))
		status = run(cmd, set, &a);

cleanup:
	plan_buf_free(&a.msg);
	plan_set_free(set);
	free(a.words);
	return status;
}
