/* plan-link: follow the links between the goals, KPIs, activities and
 * särskilda uppdrag of a plan set: chains up (trace), trees down (tree),
 * what does not trace (orphans), coverage (matrix), the graph (graph), and
 * between revisions what changed (diff) and which links it puts in doubt
 * (suspect). This file parses the command line, loads the set and
 * dispatches. */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan-link.h"
#include "plan/cli.h"
#include "plan/diag.h"
#include "plan/display.h"
#include "plan/lang.h"
#include "plan/output.h"
#include "plan/set.h"
#include "plan/version.h"

static const char usage_text[] = PLAN_N_(
	"Usage: plan-link COMMAND [options] [PATH]\n"
	"\n"
	"Follow the links between the goals, KPIs, activities and särskilda uppdrag\n"
	"of the plan set that holds PATH (default: the current directory; the root is\n"
	"the nearest directory above it with a styrmodell.yaml).\n"
	"\n"
	"Commands:\n"
	"  trace ID...          every upward chain from each item to a fullmäktigemål\n"
	"  tree [ID]            the tree below one item, or below every fullmäktigemål\n"
	"  orphans              every item that must trace and does not\n"
	"  matrix               fullmäktigemål x bodies: how many nämndmål contribute\n"
	"  graph                the link graph for Graphviz, Mermaid or a script\n"
	"  diff OLD [NEW]       items, links and documents changed between revisions\n"
	"  suspect --since REV  links to review because what they point to changed\n"
	"\n"
	"Options (see 'plan-link COMMAND --help' for each command's own):\n"
	"  --format FORMAT  the output format; which ones depends on the command\n"
	"  --lang LANG      sv or en: the language of messages and text output\n"
	"                   (default: PLAN_LANG, LC_ALL, LC_MESSAGES, LANG; else en)\n"
	"  --rev REV        read the plan set as it is in git revision REV (a commit,\n"
	"                   tag, branch, HEAD~1, origin/main...), not the working tree\n"
	"  -j N             worker threads for reading (default: one per processor)\n"
	"  --limit NAME=VALUE  change a limit: file-size, scalar-size (bytes; K, M,\n"
	"                   G allowed), depth, alias-nodes, documents, files\n"
	"  -o FILE          write the result to FILE, replaced only once complete\n"
	"  --root DIR       the plan set (or a directory in it); same as PATH\n"
	"  -h, --help       show this help (or the command's) and exit\n"
	"  --version        show the version and exit\n"
	"\n"
	"Links are followed only where they are valid; when the plan set has errors,\n"
	"a note on stderr says so (run plan-validate for them).\n"
	"\n"
	"Exit status:\n"
	"  0  the query found what it asked for (and, for orphans, there are none)\n"
	"  1  an item does not trace, an id names no item, there are orphans, or\n"
	"     there are suspect links\n"
	"  2  usage error, unreadable plan set, bad revision, or an internal limit hit\n");

static const char trace_help[] = PLAN_N_(
	"Usage: plan-link trace [options] ID... [PATH]\n"
	"\n"
	"For each item, every upward chain of valid links to a fullmäktigemål, one\n"
	"per line, with the fullmäktigemål's perspective:\n"
	"  EKB-A1 -> UTBK-1 -> BUN-1 -> KF-1 [Invånare]\n"
	"A chain through a särskilt uppdrag goes on to the uppdrag's goal; one whose\n"
	"uppdrag has no goal ends there: EKB-A6 -> SU-2026-2 [no fullmäktigemål].\n"
	"An item that does not trace (or has no perspective) gets a line saying so.\n"
	"\n"
	"PATH must contain a '/' or start with '.' (an id cannot); else use --root.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT   text (default) or json\n"
	"  --max-chains N    show at most N chains per item (default 1000; 0: all)\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 every item traces; 1 an item does not trace or an id names\n"
	"no item; 2 usage error, unreadable plan set, or an internal limit hit.\n");

static const char tree_help[] = PLAN_N_(
	"Usage: plan-link tree [options] [ID] [PATH]\n"
	"\n"
	"The tree of the items that link to ID, level by level, indented two spaces\n"
	"per level, each line 'ID  title'. Without ID: the tree below every\n"
	"fullmäktigemål, grouped under its perspective, then the särskilda uppdrag\n"
	"that have no fullmäktigemål. An item reached twice is printed twice.\n"
	"With one argument, it is PATH when it contains a '/' or starts with '.'.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  text (default) or json\n"
	"  --width N        shorten titles so lines fit N columns (0: never); default:\n"
	"                   the terminal's width on a terminal, else $COLUMNS, else 0\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 printed; 1 ID names no item; 2 usage error, unreadable plan\n"
	"set, or an internal limit hit.\n");

static const char orphans_help[] = PLAN_N_(
	"Usage: plan-link orphans [options] [PATH]\n"
	"\n"
	"Every nämndmål, kontorsplan goal, KPI and activity that does not trace to a\n"
	"fullmäktigemål (or a särskilt uppdrag), or that has no perspective, one per\n"
	"line: 'FILE:LINE: ID  title', sorted by file and line. Nothing is printed\n"
	"when there are none.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  text (default) or json\n"
	"  --width N        shorten titles so lines fit N columns (0: never)\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 no orphans; 1 there are orphans; 2 usage error, unreadable\n"
	"plan set, or an internal limit hit.\n");

static const char matrix_help[] = PLAN_N_(
	"Usage: plan-link matrix [options] [PATH]\n"
	"\n"
	"Fullmäktigemål (rows, by perspective) x bodies (columns): how many nämndmål\n"
	"of each body contribute to each fullmäktigemål through a valid link.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  md (default; text is the same), csv or json\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 printed; 2 usage error, unreadable plan set, or an internal\n"
	"limit hit.\n");

static const char graph_help[] = PLAN_N_(
	"Usage: plan-link graph [options] [PATH]\n"
	"\n"
	"The link graph: fullmäktigemål, särskilda uppdrag, nämndmål, kontorsplan\n"
	"goals, KPIs and activities, grouped by level, coloured by perspective, with\n"
	"an edge from each item to every item it links to. Items that must trace and\n"
	"do not are drawn with a dashed red border.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  dot (default, for Graphviz), mermaid (a flowchart, as\n"
	"                   GitHub renders it) or json\n"
	"  --from ID        only ID and the items below it\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 printed; 1 --from names no item of the graph; 2 usage\n"
	"error, unreadable plan set, or an internal limit hit.\n");

static const char diff_help[] = PLAN_N_(
	"Usage: plan-link diff [options] OLD [NEW] [PATH]\n"
	"\n"
	"What changed in the plan set between revision OLD and revision NEW (default:\n"
	"the working tree; --rev NEW says the same): items added and removed, items\n"
	"changed with the fields that changed (old and new values), links added and\n"
	"removed, and plan documents added, removed and changed. Items are matched by\n"
	"id, links by linking item, role and target, documents by file, kind and id.\n"
	"OLD and NEW are anything git accepts (v1, HEAD~1, origin/main, a commit id).\n"
	"With two arguments the second is PATH when it names an existing file or\n"
	"directory, else NEW; give all three, or --root, to be explicit.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  text (default), json, or md (tables for meeting papers)\n"
	"  --rev NEW        compare OLD with revision NEW instead of the working tree\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 compared (whether or not anything changed); 2 usage error,\n"
	"unreadable plan set, or a revision that cannot be read.\n");

static const char suspect_help[] = PLAN_N_(
	"Usage: plan-link suspect --since REV [options] [PATH]\n"
	"\n"
	"The links to review after a change of meaning: when an item's title, name,\n"
	"description, perspective or own links (contributes_to, measures, goal)\n"
	"changed since REV (or it was added), every link into it from an item that\n"
	"did not change is suspect, and so is every link further down through items\n"
	"that did not change. One line per suspect link, with the chain up to the\n"
	"changed item and the newest commit that changed it:\n"
	"  UTBK-1 -> BUN-1  (BUN-1 changed in 1a2b3c4 2026-03-01 \"Nytt nämndmål\")\n"
	"  EKB-A1 -> UTBK-1  (UTBK-1 -> BUN-1: BUN-1 changed in 1a2b3c4 2026-03-01 ...)\n"
	"Nothing is stored in the plan files: a link stops being suspect when the\n"
	"linking item is updated (then the links below it are suspect), or when REV\n"
	"(a baseline tag) is moved past the change once the links are reviewed.\n"
	"\n"
	"Options:\n"
	"  --since REV      the baseline: a tag, branch or commit (required)\n"
	"  --rev NEW        compare revision NEW, not the working tree, with REV\n"
	"  --format FORMAT  text (default) or json\n"
	"  -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 no suspect links; 1 there are suspect links; 2 usage error,\n"
	"unreadable plan set, or a revision that cannot be read.\n");

/* The language of every message; chosen before the options are read. */
static plan_lang lang;
#define TR(text) plan_tr(lang, text)

typedef enum command {
	CMD_NONE, CMD_TRACE, CMD_TREE, CMD_ORPHANS, CMD_MATRIX, CMD_GRAPH, CMD_DIFF, CMD_SUSPECT
} command;

static const plan_cli_command commands[] = {
	{ "trace", CMD_TRACE, trace_help },
	{ "tree", CMD_TREE, tree_help },
	{ "orphans", CMD_ORPHANS, orphans_help },
	{ "matrix", CMD_MATRIX, matrix_help },
	{ "graph", CMD_GRAPH, graph_help },
	{ "diff", CMD_DIFF, diff_help },
	{ "suspect", CMD_SUSPECT, suspect_help },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* A usage error: `fmt` is English, the catalogue's key (mark a literal with
 * PLAN_N_ where it is passed), printed in `lang`. */
static int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "plan-link: ");
	vfprintf(stderr, TR(fmt), ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, TR("Try 'plan-link %s --help' for more information.\n"), cmd);
	else
		fputs(TR("Try 'plan-link --help' for more information.\n"), stderr);
	va_end(ap);
	return EXIT_TROUBLE;
}

/* A usage error with the message the library wrote into `msg`. */
static int usage_error_buf(const char *cmd, const plan_buf *msg)
{
	return usage_error(cmd, "%s", msg->ptr && !msg->failed ? msg->ptr : TR("out of memory"));
}

static const struct {
	const char *name;
	link_format format;
} format_names[] = {
	{ "text", FORMAT_TEXT }, { "json", FORMAT_JSON }, { "md", FORMAT_MD },
	{ "csv", FORMAT_CSV }, { "dot", FORMAT_DOT }, { "mermaid", FORMAT_MERMAID },
};

/* The formats each command prints, as the usage error lists them. */
static const char *formats_of(command cmd)
{
	switch (cmd) {
	case CMD_MATRIX: return TR("md, csv or json");
	case CMD_GRAPH: return TR("dot, mermaid or json");
	case CMD_DIFF: return TR("text, json or md");
	default: return TR("text or json");
	}
}

static int format_allowed(command cmd, link_format f)
{
	switch (cmd) {
	case CMD_MATRIX: return f == FORMAT_MD || f == FORMAT_TEXT || f == FORMAT_CSV || f == FORMAT_JSON;
	case CMD_GRAPH: return f == FORMAT_DOT || f == FORMAT_MERMAID || f == FORMAT_JSON;
	case CMD_DIFF: return f == FORMAT_TEXT || f == FORMAT_JSON || f == FORMAT_MD;
	default: return f == FORMAT_TEXT || f == FORMAT_JSON;
	}
}

static link_format default_format(command cmd)
{
	switch (cmd) {
	case CMD_MATRIX: return FORMAT_MD;
	case CMD_GRAPH: return FORMAT_DOT;
	default: return FORMAT_TEXT;
	}
}

/* An id matches ^[A-Za-z0-9][A-Za-z0-9_.-]*$, so an argument with a '/' or a
 * leading '.' can only be the plan set. */
static int looks_like_path(const char *arg)
{
	return arg[0] == '.' || arg[0] == '\0' || strchr(arg, '/') != NULL;
}

/* A plan set named without a '/' reads as an id: when the set cannot be
 * found and an id names a directory, say how to name it. */
static void hint_directory_ids(const link_options *opt)
{
	for (size_t i = 0; i < opt->nids; i++) {
		struct stat st;
		if (stat(opt->ids[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			fprintf(stderr, TR("plan-link: '%s' was read as an id; to read the plan set in "
				"that directory, write '%s/' or use --root\n"), opt->ids[i], opt->ids[i]);
			return;
		}
	}
}

static void note_errors(plan_diags *diags)
{
	size_t errors = plan_diags_count_severity(diags, PLAN_SEVERITY_ERROR);
	if (errors)
		fprintf(stderr, plan_ntr(lang, "plan-link: note: the plan set has %zu error (run "
			"plan-validate); links through faulty items are missing\n", "plan-link: note: the "
			"plan set has %zu errors (run plan-validate); links through faulty items are "
			"missing\n", errors), errors);
}

int main(int argc, char **argv)
{
	enum { OPT_FORMAT = PLAN_CLI_OPT_OWN, OPT_FROM, OPT_WIDTH, OPT_MAX_CHAINS, OPT_SINCE, OPT_LANG };
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
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	cli.lang = plan_lang_from_args(argc, argv, plan_lang_from_env());
	cli.set.lang = cli.lang;
	lang = cli.lang;
	link_set_lang(lang);
	link_options opt = { FORMAT_DEFAULT, NULL, 0, NULL, 0, 1000, NULL };
	const char *since = NULL, *old_rev = NULL, *format_name = NULL;
	int width_given = 0, max_chains_given = 0;
	long number = 0;
	char **args = calloc((size_t)argc + 1, sizeof *args);
	size_t nargs = 0;
	int status = EXIT_TROUBLE;
	plan_buf msg = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	err.lang = lang;
	plan_set *set = NULL;
	plan_output *out = NULL;
	link_out lout = { NULL, PLAN_BUF_INIT, 0 };
	if (!args) {
		fprintf(stderr, "plan-link: %s\n", TR("out of memory"));
		return EXIT_TROUBLE;
	}

	/* '-' first: arguments come back in order (as 1), so the command may
	 * stand before or after options whatever POSIXLY_CORRECT says. */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "-:" PLAN_CLI_SHORT_OPTIONS, options, NULL)) != -1) {
		int common = plan_cli_common_apply(&cli, c, optarg, &msg);
		if (common < 0) {
			status = usage_error_buf(NULL, &msg);
			goto cleanup;
		}
		if (common)
			continue;
		switch (c) {
		case 1:
			args[nargs++] = optarg;
			break;
		case OPT_LANG:
			/* Chosen already before the options were read, so that errors
			 * about earlier options speak it too; here only checked. */
			if (plan_lang_parse(optarg) < 0) {
				status = usage_error(NULL, PLAN_N_("unknown language '%s' (expected sv or en)"), optarg);
				goto cleanup;
			}
			break;
		case OPT_FORMAT:
			format_name = optarg;
			break;
		case OPT_FROM:
			opt.from = optarg;
			break;
		case OPT_SINCE:
			if (!optarg[0]) {
				status = usage_error(NULL, PLAN_N_("--since needs a revision, not ''"));
				goto cleanup;
			}
			since = optarg;
			break;
		case OPT_WIDTH:
			if (plan_cli_parse_number(&number, optarg, 0, 10000) < 0) {
				status = usage_error(NULL, PLAN_N_("--width needs a number of columns from 0 to 10000, not '%s'"), optarg);
				goto cleanup;
			}
			opt.width = (size_t)number;
			width_given = 1;
			break;
		case OPT_MAX_CHAINS:
			if (plan_cli_parse_number(&number, optarg, 0, 1000000000L) < 0) {
				status = usage_error(NULL, PLAN_N_("--max-chains needs a number (0 for all), not '%s'"), optarg);
				goto cleanup;
			}
			opt.max_chains = (size_t)number;
			max_chains_given = 1;
			break;
		default:
			plan_cli_getopt_error(&msg, cli.lang, c, argv[optind - 1]);
			status = usage_error_buf(NULL, &msg);
			goto cleanup;
		}
	}
	while (optind < argc)
		args[nargs++] = argv[optind++];

	const plan_cli_command *chosen = NULL;
	switch (plan_cli_command_next(&chosen, commands, NCOMMANDS, (const char *const *)args,
	                              nargs, &cli, &msg)) {
	case PLAN_CLI_USAGE:
		status = usage_error_buf(NULL, &msg);
		goto cleanup;
	case PLAN_CLI_HELP:
		fputs(TR(chosen ? chosen->help : usage_text), stdout);
		status = EXIT_CLEAN;
		goto cleanup;
	case PLAN_CLI_VERSION:
		printf("plan-link %s\n", plan_version());
		status = EXIT_CLEAN;
		goto cleanup;
	case PLAN_CLI_RUN:
		break;
	}
	command cmd = (command)chosen->id;
	const char *cmd_name = chosen->name;

	/* The formats, and the options that belong to one command. */
	if (format_name) {
		for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
			if (strcmp(format_name, format_names[i].name) == 0)
				opt.format = format_names[i].format;
		if (opt.format == FORMAT_DEFAULT || !format_allowed(cmd, opt.format)) {
			status = usage_error(cmd_name, PLAN_N_("unknown format '%s' for %s (expected %s)"),
				format_name, cmd_name, formats_of(cmd));
			goto cleanup;
		}
		if (opt.format == FORMAT_TEXT && cmd == CMD_MATRIX)
			opt.format = FORMAT_MD;
	} else {
		opt.format = default_format(cmd);
	}
	if (opt.from && cmd != CMD_GRAPH) {
		status = usage_error(cmd_name, PLAN_N_("--from is an option of 'graph' (tree takes the item as its argument)"));
		goto cleanup;
	}
	if (max_chains_given && cmd != CMD_TRACE) {
		status = usage_error(cmd_name, PLAN_N_("--max-chains is an option of 'trace'"));
		goto cleanup;
	}
	if (width_given && cmd != CMD_TREE && cmd != CMD_ORPHANS) {
		status = usage_error(cmd_name, PLAN_N_("--width is an option of 'tree' and 'orphans'"));
		goto cleanup;
	}
	if (since && cmd != CMD_SUSPECT) {
		status = cmd == CMD_DIFF ? usage_error(cmd_name, PLAN_N_("--since is an option of "
			"'suspect' (diff takes OLD as its argument)")) :
			usage_error(cmd_name, PLAN_N_("--since is an option of 'suspect'"));
		goto cleanup;
	}

	/* The arguments after the command: ids or revisions (the first
	 * nrest), then the plan set. */
	char **rest = args + 1;
	size_t nrest = nargs - 1;
	switch (cmd) {
	case CMD_TRACE:
		if (nrest > 0 && looks_like_path(rest[nrest - 1]))
			nrest--;
		if (nrest == 0) {
			status = usage_error(cmd_name, PLAN_N_("trace needs at least one ID"));
			goto cleanup;
		}
		for (size_t i = 0; i < nrest; i++)
			if (looks_like_path(rest[i])) {
				status = usage_error(cmd_name, PLAN_N_("'%s' is not an id, and only the last argument may be the plan set"), rest[i]);
				goto cleanup;
			}
		opt.ids = rest;
		opt.nids = nrest;
		break;
	case CMD_TREE:
		if (nrest > 2) {
			status = usage_error(cmd_name, PLAN_N_("too many arguments: '%s' (tree takes at most one ID and a PATH)"), rest[2]);
			goto cleanup;
		}
		if (nrest == 2 || (nrest == 1 && looks_like_path(rest[nrest - 1])))
			nrest--;
		if (nrest == 1 && looks_like_path(rest[0])) {
			status = usage_error(cmd_name, PLAN_N_("'%s' is not an id"), rest[0]);
			goto cleanup;
		}
		opt.ids = rest;
		opt.nids = nrest;
		break;
	case CMD_DIFF: {
		struct stat st;
		if (nrest == 0) {
			status = usage_error(cmd_name, PLAN_N_("diff needs the revision OLD to compare with"));
			goto cleanup;
		}
		if (nrest > 3) {
			status = usage_error(cmd_name, PLAN_N_("too many arguments: '%s' (diff takes OLD, NEW and a PATH)"), rest[3]);
			goto cleanup;
		}
		/* Revisions may hold a '/' (origin/main): with two arguments the
		 * second is the plan set only when there is one by that name. */
		if (nrest == 3 || (nrest == 2 && stat(rest[1], &st) == 0))
			nrest--;
		old_rev = rest[0];
		if (nrest == 2) {
			if (cli.set.rev) {
				status = usage_error(cmd_name, PLAN_N_("give NEW either as an argument or with --rev, not both ('%s')"), rest[1]);
				goto cleanup;
			}
			cli.set.rev = rest[1];
		}
		if (!old_rev[0] || (cli.set.rev && !cli.set.rev[0])) {
			status = usage_error(cmd_name, PLAN_N_("a revision cannot be ''"));
			goto cleanup;
		}
		break;
	}
	case CMD_SUSPECT:
		if (!since) {
			status = usage_error(cmd_name, PLAN_N_("suspect needs --since REV, the baseline to compare with"));
			goto cleanup;
		}
		old_rev = since;
		nrest = 0;
		break;
	default:
		nrest = 0;
		break;
	}
	if (plan_cli_common_path(&cli, (const char *const *)rest + nrest, nargs - 1 - nrest, &msg) < 0) {
		status = usage_error_buf(cmd_name, &msg);
		goto cleanup;
	}

	/* trace, tree, orphans, matrix and graph show the model and titles, so
	 * the trees keep no more than that; diff and suspect compare every
	 * field and keep them whole. */
	static const char *const titles[] = { "title" };
	static const plan_keys model_and_titles = { titles, 1, NULL, 0, &plan_model_keys };
	if (cmd != CMD_DIFF && cmd != CMD_SUSPECT)
		cli.set.keep = &model_and_titles;
	if (plan_set_load(&set, &cli.set, &err) < 0) {
		fprintf(stderr, "plan-link: %s\n", err.message);
		hint_directory_ids(&opt);
		goto cleanup;
	}
	plan_diags *diags = plan_set_diags(set);
	if (plan_diags_input_failed(diags) || plan_diags_oom(diags)) {
		fprintf(stderr, "plan-link: %s\n", TR("the plan set could not be read in full "
			"(run plan-validate for the details)"));
		goto cleanup;
	}
	/* diff compares what is written, valid or not. */
	if (cmd != CMD_DIFF)
		note_errors(diags);
	if (plan_output_open(&out, cli.output, plan_set_root(set), &err) < 0) {
		fprintf(stderr, "plan-link: %s\n", err.message);
		goto cleanup;
	}
	lout.stream = plan_output_stream(out);
	opt.root = plan_set_root(set);
	out_set_revision(plan_set_revision(set));
	/* Shorten titles only for a reader: a terminal, or COLUMNS when set;
	 * never in a file written with -o unless --width says so. */
	if (!width_given)
		opt.width = cli.output && strcmp(cli.output, "-") != 0 ? 0 :
			plan_display_columns(fileno(lout.stream));

	const plan_model *model = plan_set_model(set);
	switch (cmd) {
	case CMD_TRACE: status = link_trace(&lout, model, &opt); break;
	case CMD_TREE: status = link_tree(&lout, model, &opt); break;
	case CMD_ORPHANS: status = link_orphans(&lout, model, &opt); break;
	case CMD_MATRIX: status = link_matrix(&lout, model, &opt); break;
	case CMD_DIFF: status = link_diff(&lout, set, &cli.set, old_rev, &opt); break;
	case CMD_SUSPECT: status = link_suspect(&lout, set, &cli.set, old_rev, &opt); break;
	default: status = link_graph(&lout, model, &opt); break;
	}
	plan_out_flush(&lout);
	if (lout.failed) {
		fprintf(stderr, "plan-link: %s\n", TR("cannot write the result"));
		status = EXIT_TROUBLE;
	} else if (status == EXIT_TROUBLE) {
		/* A limit cut the result short: a file written with -o is left as
		 * it was rather than replaced by half a result. */
	} else {
		plan_output *done = out;
		out = NULL;
		if (plan_output_commit(done, &err) < 0) {
			fprintf(stderr, "plan-link: %s\n", err.message[0] ? err.message : TR("cannot write the result"));
			status = EXIT_TROUBLE;
		}
	}

cleanup:
	plan_buf_free(&msg);
	plan_output_abort(out);
	plan_buf_free(&lout.buf);
	plan_set_free(set);
	free(args);
	return status;
}
