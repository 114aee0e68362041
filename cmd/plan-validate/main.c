/* plan-validate: check every document of a plan set and print the
 * diagnostics for a terminal, a script (json), code scanning (sarif),
 * GitHub Actions annotations or a CI's reports (GitLab Code Quality, JUnit
 * XML, TAP); the exit status says whether it is clean. */
#define _XOPEN_SOURCE 700 /* getcwd, realpath */

#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/buf.h"
#include "plan/cli.h"
#include "plan/diag.h"
#include "plan/lang.h"
#include "plan/output.h"
#include "plan/rule.h"
#include "plan/set.h"
#include "plan/version.h"

#include "files.h"
#include "rules.h"

/* The language of every message; chosen before the options are read. */
static plan_lang lang;

static const char usage_text[] = PLAN_N_(
	"Usage: plan-validate [options] [PATH | FILE... | -]\n"
	"\n"
	"Check every plan document of the plan set that holds PATH (default: the\n"
	"current directory; the root is the nearest directory above it with a\n"
	"styrmodell.yaml): YAML syntax, each document's shape against its kind's\n"
	"schema, and the rules of the rule catalogue. Nothing is ever written into\n"
	"the plan set. Given files of one plan set instead (as pre-commit passes\n"
	"them), the whole set is checked and only their faults are reported; '-'\n"
	"reads one of them from standard input (--stdin-filename).\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  text (default), json, sarif, github, gitlab (GitLab Code\n"
	"                   Quality), junit (JUnit XML) or tap (TAP version 13)\n"
	"  --lang LANG      sv or en: the language of messages (default: PLAN_LANG,\n"
	"                   then LC_ALL, LC_MESSAGES, LANG; sv... is Swedish, any\n"
	"                   other value English)\n"
	"  --strict         warnings also make the exit status 1\n"
	"  --rule RULE=SEVERITY  error, warning or off for one rule, over what\n"
	"                   styrmodell.yaml says (repeatable)\n"
	"  -q, --quiet      text, tap: the diagnostics only, no summary line\n"
	"  --color WHEN     auto (default), always or never\n"
	"  --rev REV        read the plan set as it is in git revision REV (a commit,\n"
	"                   tag, branch, HEAD~1, origin/main...) of the repository\n"
	"                   that holds PATH; the working tree is not read\n"
	"  --base REV       report only what is new compared with the plan set at\n"
	"                   REV: a fault is the same when its file, rule and item id\n"
	"                   (or key path) are, wherever its line moved; the exit\n"
	"                   status follows the new faults only\n"
	"  -j N             worker threads (default: one per processor)\n"
	"  --limit NAME=VALUE  change a limit: file-size, scalar-size (bytes; K, M,\n"
	"                   G allowed), depth, alias-nodes, documents, files\n"
	"  --cache DIR      keep each file's own results in DIR for the next run\n"
	"                   (default: $XDG_CACHE_HOME/plan-tools, else\n"
	"                   ~/.cache/plan-tools); never a directory in the plan set\n"
	"  --no-cache       neither read nor write the result cache\n"
	"  -o FILE          write the result to FILE, replaced only once complete\n"
	"  --root DIR       the plan set (or a directory in it); same as PATH\n"
	"  --stdin-filename NAME  with '-': the file of the plan set that standard\n"
	"                   input stands for (it replaces that file, or is added)\n"
	"  --list-rules     list every rule: its default severity, its severity in\n"
	"                   this plan set and what it checks (--format text or json)\n"
	"  --explain RULE   explain one rule: what it checks, why, how to fix it,\n"
	"                   with a wrong and a right example\n"
	"  -h, --help       show this help and exit\n"
	"  --version        show the version and exit\n"
	"\n"
	"Output: text prints FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE] per fault,\n"
	"quoting the source line on a terminal, then a summary line. Colour on a\n"
	"terminal unless NO_COLOR is set; FORCE_COLOR or CLICOLOR_FORCE colour a pipe\n"
	"too; --color decides over both. Rule severities can be changed in\n"
	"styrmodell.yaml under rules: (error, warning or off).\n"
	"\n"
	"A fault can be suppressed where it is, with the reason: at the end of its\n"
	"line '# plan-validate: disable-line RULE[,RULE...] -- reason', or on the\n"
	"line above '# plan-validate: disable-next-line RULE[,RULE...] -- reason'.\n"
	"\n"
	"Exit status:\n"
	"  0  no errors (with --strict: no warnings either)\n"
	"  1  the plan set has errors (or warnings, with --strict)\n"
	"  2  usage error, unreadable input, bad revision, or an internal limit hit\n");

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "plan-validate: ");
	vfprintf(stderr, plan_tr(lang, fmt), ap);
	fprintf(stderr, "\n%s\n", plan_tr(lang, "Try 'plan-validate --help' for more information."));
	va_end(ap);
	return EXIT_TROUBLE;
}

/* A usage error with the message the library wrote into `msg` (freed). */
static int usage_error_buf(plan_buf *msg)
{
	int status = usage_error("%s", msg->ptr && !msg->failed ? msg->ptr : plan_tr(lang, "out of memory"));
	plan_buf_free(msg);
	return status;
}

/* GitHub annotations and GitLab's Code Quality report want paths from the
 * repository root, which is where a workflow or job runs; so github and
 * gitlab output name files from the current directory. */
static char *path_prefix_from_cwd(const char *root)
{
	char *cwd = getcwd(NULL, 0);
	char *real_cwd = cwd ? realpath(cwd, NULL) : NULL;
	free(cwd);
	plan_buf prefix = PLAN_BUF_INIT;
	if (real_cwd) {
		size_t n = strlen(real_cwd);
		if (strcmp(real_cwd, root) == 0)
			plan_buf_puts(&prefix, "");
		else if (strncmp(root, real_cwd, n) == 0 && root[n] == '/')
			plan_buf_printf(&prefix, "%s/", root + n + 1);
		else
			plan_buf_printf(&prefix, "%s/", root);
	}
	free(real_cwd);
	return plan_buf_detach(&prefix);
}

/* --base: the plan set at REV, loaded on a thread of its own while the
 * working tree's loads: the two are independent until one is subtracted
 * from the other, and each has stretches (the listing, the checks across
 * documents) that keep one processor busy only. */
typedef struct base_load {
	plan_set_options options;
	plan_error err;
	plan_set *set;
	int rc;
	enum { BASE_NONE, BASE_RUNNING, BASE_HERE } state;   /* HERE: no thread */
	pthread_t thread;
} base_load;

static void *load_base(void *arg)
{
	base_load *b = arg;
	b->rc = plan_set_load(&b->set, &b->options, &b->err);
	return NULL;
}

/* Start loading the plan set at `rev` (same PATH and settings as
 * `head_options`); when no thread can be started, base_take loads it. */
static void base_start(base_load *b, const plan_set_options *head_options, const char *rev)
{
	b->options = *head_options;
	b->options.rev = rev;
	/* Standard input stands for a file of the working tree, not of REV. */
	b->options.overlay = NULL;
	b->options.noverlay = 0;
	b->err = (plan_error)PLAN_ERROR_INIT;
	b->err.lang = lang;
	b->set = NULL;
	b->rc = -1;
	b->state = pthread_create(&b->thread, NULL, load_base, b) == 0 ? BASE_RUNNING : BASE_HERE;
}

/* The plan set at REV, waited for (or loaded now, when `load`): the
 * caller's to free; NULL when it could not be loaded (b->err says why)
 * or was not. */
static plan_set *base_take(base_load *b, int load)
{
	if (b->state == BASE_RUNNING)
		pthread_join(b->thread, NULL);
	else if (b->state == BASE_HERE && load)
		load_base(b);
	b->state = BASE_NONE;
	plan_set *set = b->rc == 0 ? b->set : NULL;
	b->set = NULL;
	return set;
}

/* Drop from the set's diagnostics every one the plan set at `rev` has too.
 * Returns 0, or -1 after saying why on stderr. */
static int subtract_base(plan_set *set, base_load *b, const char *rev)
{
	plan_set *base = base_take(b, 1);
	if (!base) {
		fprintf(stderr, "plan-validate: --base: %s\n", b->err.message);
		return -1;
	}
	/* Files are matched by their paths from each root: say so when the
	 * root moved, since then they cannot match. */
	if (strcmp(plan_set_root(base), plan_set_root(set)) != 0)
		fprintf(stderr, plan_tr(lang, "plan-validate: note: the plan set's root at %s is %s, not %s: "
			"faults are matched by file paths from each root\n"), rev,
			plan_set_root(base), plan_set_root(set));
	int rc = plan_diags_subtract(plan_set_diags(set), plan_set_diags(base));
	if (rc < 0)
		fprintf(stderr, "plan-validate: %s\n", plan_tr(lang, "out of memory"));
	plan_set_free(base);
	return rc;
}

/* What the command line asked for. */
typedef struct request {
	plan_cli_common cli;
	plan_diag_format format;
	int format_given;
	const char *base_rev;
	int strict;
	int list_rules;
	const char *explain;
	int quiet;
	plan_color color;
	const char *rules[64];    /* --rule RULE=SEVERITY, in order */
	size_t nrules;
	const char *stdin_filename;
	files files;              /* FILE... and '-': the files reported */
} request;

/* --rule RULE=SEVERITY: a configurable rule of the catalogue and error,
 * warning or off. Returns 0, or -1 with the usage message in `msg`. */
static int check_rule_option(const char *arg, plan_buf *msg)
{
	const char *eq = strchr(arg, '=');
	plan_severity severity;
	if (!eq || eq == arg || plan_severity_parse(&severity, eq + 1) < 0) {
		plan_buf_printf(msg, plan_tr(lang, "--rule needs RULE=SEVERITY (error, warning or off), not '%s'"), arg);
		return -1;
	}
	char id[64];
	snprintf(id, sizeof id, "%.*s", (int)(eq - arg), arg);
	const plan_rule *rule = plan_rule_find(id);
	if (!rule) {
		const char *guess = plan_rule_suggest(id);
		plan_buf_printf(msg, plan_tr(lang, "--rule: unknown rule '%s'"), id);
		if (guess)
			plan_buf_printf(msg, plan_tr(lang, "; did you mean '%s'?"), guess);
		return -1;
	}
	if (!rule->configurable) {
		plan_buf_printf(msg, plan_tr(lang, "--rule: the severity of '%s' cannot be changed"), id);
		return -1;
	}
	return 0;
}

/* The --rule options over the set's diagnostics, the last of a rule
 * winning, as in styrmodell.yaml. */
static void apply_rule_options(const request *r, plan_diags *diags)
{
	for (size_t i = 0; i < r->nrules; i++) {
		const char *eq = strchr(r->rules[i], '=');
		char id[64];
		snprintf(id, sizeof id, "%.*s", (int)(eq - r->rules[i]), r->rules[i]);
		plan_severity severity;
		if (plan_severity_parse(&severity, eq + 1) == 0)
			plan_diags_override(diags, id, severity);
	}
}

enum { OPT_FORMAT = PLAN_CLI_OPT_OWN, OPT_STRICT, OPT_BASE, OPT_LANG, OPT_LIST_RULES,
	OPT_EXPLAIN, OPT_COLOR, OPT_RULE, OPT_STDIN_FILENAME };

/* One of plan-validate's own options (`given` as written, for messages).
 * Returns -1 to go on, or the exit status. */
static int own_option(request *r, int c, plan_buf *msg, const char *given)
{
	switch (c) {
	case OPT_FORMAT:
		if (plan_diag_format_parse(&r->format, optarg) < 0)
			return usage_error("unknown format '%s' (expected text, json, sarif, github, gitlab, junit or tap)", optarg);
		r->format_given = 1;
		return -1;
	case OPT_LANG:
		if (plan_lang_parse(optarg) < 0)
			return usage_error("unknown language '%s' (expected sv or en)", optarg);
		return -1;
	case OPT_STRICT:
		r->strict = 1;
		return -1;
	case OPT_BASE:
		if (!optarg[0])
			return usage_error("--base needs a revision, not ''");
		r->base_rev = optarg;
		return -1;
	case OPT_LIST_RULES:
		r->list_rules = 1;
		return -1;
	case OPT_EXPLAIN:
		r->explain = optarg;
		return -1;
	case 'q':
		r->quiet = 1;
		return -1;
	case OPT_COLOR:
		if (plan_color_parse(&r->color, optarg) < 0)
			return usage_error("unknown --color '%s' (expected auto, always or never)", optarg);
		return -1;
	case OPT_STDIN_FILENAME:
		if (!optarg[0])
			return usage_error("--stdin-filename needs a file name, not ''");
		r->stdin_filename = optarg;
		return -1;
	case OPT_RULE:
		if (check_rule_option(optarg, msg) < 0)
			return usage_error_buf(msg);
		if (r->nrules == sizeof r->rules / sizeof *r->rules)
			return usage_error("too many --rule options (at most 64)");
		r->rules[r->nrules++] = optarg;
		return -1;
	default:
		plan_cli_getopt_error(msg, lang, c, given);
		return usage_error_buf(msg);
	}
}

/* Read the options into `r`. Returns -1 to go on, or the exit status. */
static int read_options(request *r, int argc, char **argv)
{
	static const struct option options[] = {
		PLAN_CLI_LONG_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "base", required_argument, NULL, OPT_BASE },
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "quiet", no_argument, NULL, 'q' },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "rule", required_argument, NULL, OPT_RULE },
		{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
		{ NULL, 0, NULL, 0 },
	};
	plan_buf msg = PLAN_BUF_INIT;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":" PLAN_CLI_SHORT_OPTIONS "q", options, NULL)) != -1) {
		int common = plan_cli_common_apply(&r->cli, c, optarg, &msg);
		if (common < 0)
			return usage_error_buf(&msg);
		if (r->cli.help) {
			fputs(plan_tr(lang, usage_text), stdout);
			return EXIT_CLEAN;
		}
		if (r->cli.version) {
			printf("plan-validate %s\n", plan_version());
			return EXIT_CLEAN;
		}
		if (common)
			continue;
		int status = own_option(r, c, &msg, argv[optind - 1]);
		if (status >= 0)
			return status;
	}
	if (files_choose(&r->files, &r->cli, r->stdin_filename, argv + optind,
	                 (size_t)(argc - optind), &msg) < 0)
		return usage_error_buf(&msg);
	if (r->list_rules && r->explain)
		return usage_error("give either --list-rules or --explain, not both");
	if ((r->list_rules || r->explain) && r->format_given &&
	    r->format != PLAN_DIAG_TEXT && r->format != PLAN_DIAG_JSON)
		return usage_error("--list-rules and --explain write text or json, not this --format");
	return -1;
}

/* The files the report covers, for junit's and tap's passing tests: the
 * named files the set reads (FILE...), else every file of the listing.
 * *out (free(); the strings are the set's and the request's) may be NULL
 * with *n 0. Returns 0, or -1 when memory ran out. */
static int checked_files(const request *r, const plan_set *set, const char ***out, size_t *n)
{
	size_t max = r->files.count ? r->files.count : plan_set_file_count(set);
	*out = NULL;
	*n = 0;
	if (max == 0 || (r->format != PLAN_DIAG_JUNIT && r->format != PLAN_DIAG_TAP))
		return 0;
	const char **list = malloc(max * sizeof *list);
	if (!list)
		return -1;
	for (size_t i = 0; i < max; i++) {
		const char *path = r->files.count ? r->files.paths[i] : plan_set_path(set, i);
		if (!r->files.count || plan_set_lists(set, path))
			list[(*n)++] = path;
	}
	*out = list;
	return 0;
}

/* Print the set's diagnostics; returns the exit status. */
static int report(const request *r, plan_set *set)
{
	plan_error err = PLAN_ERROR_INIT;
	err.lang = lang;
	plan_output *out = NULL;
	if (plan_output_open(&out, r->cli.output, plan_set_root(set), &err) < 0) {
		fprintf(stderr, "plan-validate: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	plan_diags *diags = plan_set_diags(set);
	apply_rule_options(r, diags);
	apply_rule_options(r, plan_set_suppressed(set));
	int terminal = plan_output_is_terminal(out);
	char *prefix = r->format == PLAN_DIAG_GITHUB || r->format == PLAN_DIAG_GITLAB ?
		path_prefix_from_cwd(plan_set_root(set)) : NULL;
	const char **checked = NULL;
	size_t nchecked = 0;
	if (checked_files(r, set, &checked, &nchecked) < 0) {
		free(prefix);
		plan_output_abort(out);
		fprintf(stderr, "plan-validate: %s\n", plan_tr(lang, "out of memory"));
		return EXIT_TROUBLE;
	}
	plan_diag_print_options print = PLAN_DIAG_PRINT_OPTIONS_INIT;
	print.format = r->format;
	print.color = plan_color_wanted(r->color, terminal);
	print.quiet = r->quiet;
	print.lang = lang;
	print.show_source = terminal;
	print.source_text = plan_set_file_text;
	print.source_ctx = set;
	print.root = plan_set_root(set);
	print.revision = plan_set_revision(set);
	print.documents = plan_set_document_count(set);
	print.skipped_across = !plan_set_checked_across(set);
	print.tool_version = plan_version();
	print.help_uri = PLAN_HELP_URI;
	print.path_prefix = prefix && *prefix ? prefix : NULL;
	print.suppressed = plan_diags_count(plan_set_suppressed(set));
	print.files = checked;
	print.nfiles = nchecked;
	print.strict = r->strict;

	int status = EXIT_CLEAN;
	if (plan_diags_print(plan_output_stream(out), diags, &print) < 0 ||
	    plan_output_commit(out, &err) < 0) {
		if (!err.message[0])
			plan_error_set(&err, "cannot write the result");
		fprintf(stderr, "plan-validate: %s\n", err.message);
		status = EXIT_TROUBLE;
	} else if (plan_diags_input_failed(diags) || plan_diags_oom(diags)) {
		status = EXIT_TROUBLE;
	} else if (plan_diags_count_severity(diags, PLAN_SEVERITY_ERROR) > 0 ||
	           (r->strict && plan_diags_count_severity(diags, PLAN_SEVERITY_WARNING) > 0)) {
		status = EXIT_FAULTS;
	}
	free(checked);
	free(prefix);
	return status;
}

/* With FILE arguments and --rev, the root was found in the working tree:
 * the revision must have its plan set there too, or the files' paths from
 * it would name other files. Returns 0, or -1 after saying so. */
static int same_root(const request *r, const plan_set *set)
{
	if (r->files.count == 0 || strcmp(plan_set_root(set), r->files.root) == 0)
		return 0;
	usage_error("in %s the plan set's root is %s, not %s: give a directory instead of files",
		r->cli.set.rev, plan_set_root(set), r->files.root);
	return -1;
}

static int run(request *r, int argc, char **argv)
{
	int status = read_options(r, argc, argv);
	if (status >= 0)
		return status;
	if (r->explain)
		return explain_rule(r->explain, lang, r->format == PLAN_DIAG_JSON, r->cli.output);

	/* Once a file's own checks have run, only what the checks across
	 * documents read is kept: a large plan set fits in a fraction of the
	 * memory its whole trees would take. */
	r->cli.set.keep = &plan_model_keys;
	base_load base = { .state = BASE_NONE };
	int with_base = r->base_rev && !r->list_rules;
	if (with_base)
		base_start(&base, &r->cli.set, r->base_rev);
	plan_error err = PLAN_ERROR_INIT;
	err.lang = lang;
	plan_set *set = NULL;
	if (plan_set_load(&set, &r->cli.set, &err) < 0) {
		if (with_base)
			plan_set_free(base_take(&base, 0));
		if (r->list_rules && !r->cli.set.path)
			return list_rules(NULL, lang, r->format == PLAN_DIAG_JSON, r->cli.output);
		fprintf(stderr, "plan-validate: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	if (r->list_rules) {
		status = list_rules(set, lang, r->format == PLAN_DIAG_JSON, r->cli.output);
	} else if (same_root(r, set) < 0 ||
	           (with_base && subtract_base(set, &base, r->base_rev) < 0)) {
		status = EXIT_TROUBLE;
	} else {
		files_narrow(&r->files, set, lang);
		status = report(r, set);
	}
	if (with_base)
		plan_set_free(base_take(&base, 0));   /* NULL once subtracted */
	plan_set_free(set);
	return status;
}

int main(int argc, char **argv)
{
	lang = plan_lang_from_args(argc, argv, plan_lang_from_env());
	request r = { .cli = PLAN_CLI_COMMON_INIT, .format = PLAN_DIAG_TEXT };
	r.cli.lang = lang;
	r.cli.set.lang = lang;
	int status = run(&r, argc, argv);
	files_free(&r.files);
	return status;
}
