/* plan-report: the follow-up (followup), the plan (plan), the KPI table
 * (kpis), the årshjul (calendar), the website (site) and the open-data
 * tables (export) of a plan set. This file parses the
 * command line, loads the set, asks the library for the report
 * (plan/report_doc.h) and writes it. */
#define _POSIX_C_SOURCE 200809L /* getopt_long's optarg and optind */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/cli.h"
#include "plan/diag.h"
#include "plan/report_doc.h"
#include "plan/report_export.h"
#include "plan/set.h"
#include "plan/site.h"
#include "plan/version.h"

#define EXIT_CLEAN PLAN_REPORT_OK
#define EXIT_TROUBLE PLAN_REPORT_TROUBLE   /* also usage, unreadable input, output failed */
/* The options a command takes; PERIOD and YEAR it also needs. */
enum { TAKES_PERIOD = 1, TAKES_YEAR = 2, TAKES_OWNER = 4, TAKES_KOLADA = 8,
	MAY_TAKE_YEAR = 16,   /* --year, not needed */
	WRITES_SITE = 32,     /* -o DIR, no --format */
	WRITES_TABLES = 64 }; /* --format csv|json, -o DIR */

static const struct command {
	const char *name;
	unsigned takes;
	plan_report_doc_fn doc;            /* md, text, html */
	plan_report_write_fn json, ics;    /* ics NULL: no --format ics */
} commands[] = {
	{ "followup", TAKES_PERIOD | TAKES_YEAR | TAKES_OWNER | TAKES_KOLADA, plan_report_followup_doc,
	  plan_report_followup_json, NULL },
	{ "plan", TAKES_OWNER, plan_report_plan_doc, plan_report_plan_json, NULL },
	{ "kpis", TAKES_KOLADA, plan_report_kpis_doc, plan_report_kpis_json, NULL },
	{ "calendar", TAKES_YEAR, plan_report_calendar_doc, plan_report_calendar_json,
	  plan_report_calendar_ics },
	{ "site", MAY_TAKE_YEAR | TAKES_KOLADA | WRITES_SITE, NULL, NULL, NULL },
	{ "export", WRITES_TABLES, NULL, NULL, NULL } };
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* An option that a command does not take, and what the message says. */
static const struct { unsigned bit; const char *message; } foreign[] = {
	{ TAKES_PERIOD, PLAN_N_("--period is an option of 'followup'") },
	{ TAKES_YEAR | MAY_TAKE_YEAR, PLAN_N_("--year is an option of 'followup', 'calendar' and 'site'") },
	{ TAKES_OWNER, PLAN_N_("--owner is an option of 'followup' and 'plan'") },
	{ TAKES_KOLADA, PLAN_N_("--kolada is an option of 'kpis', 'followup' and 'site'") } };

static const struct { const char *name; plan_format format; } format_names[] = {
	{ "md", PLAN_FORMAT_MD }, { "text", PLAN_FORMAT_TEXT }, { "json", PLAN_FORMAT_JSON },
	{ "html", PLAN_FORMAT_HTML }, { "ics", PLAN_FORMAT_ICS } };

/* What the command line asked for. */
typedef struct args {
	plan_cli_common cli;
	plan_report_options opt;
	const char *format, *period;
	const char **koladas;       /* every --kolada FILE, in order */
	size_t nkoladas;
	int csv;                    /* export --format csv */
	unsigned given;             /* TAKES_* bits of the options given */
	char **words;               /* the command and the PATH */
	size_t nwords;
	plan_buf msg;
} args;

/* `fmt` is English, the catalogue's key (mark a literal with PLAN_N_): it
 * is printed in `lang`. */
__attribute__((format(printf, 3, 4)))
static int usage_error(plan_lang lang, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "plan-report: ");
	vfprintf(stderr, plan_tr(lang, fmt), ap);
	fputc('\n', stderr);
	fprintf(stderr, plan_tr(lang, "Try 'plan-report%s%s --help' for more information."),
		cmd ? " " : "", cmd ? cmd : "");
	fputc('\n', stderr);
	va_end(ap);
	return EXIT_TROUBLE;
}

/* A usage error with the message the library wrote into `msg`. */
static int usage_error_buf(plan_lang lang, const char *cmd, const plan_buf *msg)
{
	return usage_error(lang, cmd, "%s", msg->ptr && !msg->failed ? msg->ptr : plan_tr(lang, "out of memory"));
}

/* One of plan-report's own options; -1 after a usage error. */
static int own_option(args *a, int c, const char *arg)
{
	plan_lang lang = a->cli.lang;
	long year;
	int parsed;
	switch (c) {
	case 1: a->words[a->nwords++] = (char *)arg; return 0;
	case 'f': a->format = arg; return 0;
	case 'p': a->period = arg; a->given |= TAKES_PERIOD; return 0;
	case 'w': a->opt.owner = arg; a->given |= TAKES_OWNER; return 0;
	case 'k': a->koladas[a->nkoladas++] = arg; a->given |= TAKES_KOLADA; return 0;
	case 'l':
		if ((parsed = plan_lang_parse(arg)) < 0)
			return usage_error(lang, NULL, PLAN_N_("unknown language '%s' (expected sv or en)"), arg), -1;
		a->opt.lang = (plan_lang)parsed;
		return 0;
	case 'y':
		if (plan_cli_parse_number(&year, arg, 1900, 2200) < 0)
			return usage_error(lang, NULL, PLAN_N_("--year needs a year from 1900 to 2200, not '%s'"), arg), -1;
		a->opt.year = (int)year;
		a->given |= TAKES_YEAR;
		return 0;
	default:
		plan_cli_getopt_error(&a->msg, lang, c, arg);
		return usage_error_buf(lang, NULL, &a->msg), -1;
	}
}

/* The options and words of the command line; -1 after a usage error. */
static int parse(args *a, int argc, char **argv)
{
	static const struct option options[] = {
		PLAN_CLI_LONG_OPTIONS,
		{ "format", required_argument, NULL, 'f' }, { "lang", required_argument, NULL, 'l' },
		{ "period", required_argument, NULL, 'p' }, { "year", required_argument, NULL, 'y' },
		{ "owner", required_argument, NULL, 'w' }, { "kolada", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	/* '-' first: arguments come back in order (as 1), so the command may
	 * stand before or after options whatever POSIXLY_CORRECT says. */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "-:" PLAN_CLI_SHORT_OPTIONS, options, NULL)) != -1) {
		int common = plan_cli_common_apply(&a->cli, c, optarg, &a->msg);
		if (common < 0)
			return usage_error_buf(a->cli.lang, NULL, &a->msg), -1;
		if (!common && own_option(a, c, c == 1 || c == 'f' || c == 'l' || c == 'p' || c == 'y' ||
		                          c == 'w' || c == 'k' ? optarg : argv[optind - 1]) < 0)
			return -1;
	}
	while (optind < argc)
		a->words[a->nwords++] = argv[optind++];
	return 0;
}

/* The options checked against the command; -1 after a usage error. */
static int check(args *a, const struct command *cmd)
{
	plan_lang lang = a->cli.lang;
	if (cmd->takes & WRITES_SITE) {
		if (a->format)
			return usage_error(lang, cmd->name, PLAN_N_("site writes HTML pages; it takes no --format")), -1;
		if (!a->cli.output || strcmp(a->cli.output, "-") == 0)
			return usage_error(lang, cmd->name, PLAN_N_("site needs -o DIR, the folder to write the site to")), -1;
	}
	if (cmd->takes & WRITES_TABLES) {
		const char *f = a->format ? a->format : "json";
		if (strcmp(f, "csv") != 0 && strcmp(f, "json") != 0)
			return usage_error(lang, cmd->name, PLAN_N_("unknown format '%s' for export (expected csv or json)"),
				f), -1;
		a->csv = strcmp(f, "csv") == 0;
		if (a->csv && (!a->cli.output || strcmp(a->cli.output, "-") == 0))
			return usage_error(lang, cmd->name,
				PLAN_N_("export --format csv writes one file per table; it needs -o DIR, the folder to write them to")), -1;
	} else if (a->format) {
		size_t i = 0, n = sizeof format_names / sizeof format_names[0];
		while (i < n && strcmp(a->format, format_names[i].name) != 0)
			i++;
		if (i == n || (format_names[i].format == PLAN_FORMAT_ICS && !cmd->ics))
			return usage_error(lang, cmd->name, cmd->ics
				? PLAN_N_("unknown format '%s' for %s (expected md, text, json or html, or ics)")
				: PLAN_N_("unknown format '%s' for %s (expected md, text, json or html)"),
				a->format, cmd->name), -1;
		a->opt.format = format_names[i].format;
	}
	for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
		if ((a->given & foreign[i].bit) && !(cmd->takes & foreign[i].bit))
			return usage_error(lang, cmd->name, "%s", plan_tr(lang, foreign[i].message)), -1;
	if (cmd->takes & TAKES_PERIOD) {
		int period = plan_period_parse(a->period);
		if (!a->period)
			return usage_error(lang, cmd->name, PLAN_N_("followup needs --period dr1, dr2 or ar")), -1;
		if (period < 0)
			return usage_error(lang, cmd->name, PLAN_N_("unknown period '%s' (expected dr1, dr2 or ar)"),
				a->period), -1;
		a->opt.period = (plan_period)period;
	}
	if ((cmd->takes & TAKES_YEAR) && !(a->given & TAKES_YEAR))
		return usage_error(lang, cmd->name, PLAN_N_("%s needs --year YEAR"), cmd->name), -1;
	if (a->opt.owner && strcmp(a->opt.owner, "kommun") == 0)
		a->opt.owner = NULL;
	if (plan_cli_common_path(&a->cli, (const char *const *)a->words + 1, a->nwords - 1, &a->msg) < 0)
		return usage_error_buf(lang, cmd->name, &a->msg), -1;
	return 0;
}

/* The Kolada file of --kolada, loaded into *out; -1 after saying why not. */
static int load_kolada(plan_kolada **out, char **text, const char *path, const plan_cli_common *cli)
{
	plan_lang lang = cli->lang;
	plan_buf buf = PLAN_BUF_INIT;
	buf.max = cli->set.limits.file_bytes;
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n = 0;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0 && plan_buf_put(&buf, chunk, n) == 0)
		;
	int e = !f ? errno : ferror(f) || buf.failed ? (buf.failed && buf.len + n > buf.max ? EFBIG : EIO) : 0;
	if (f)
		fclose(f);
	if (e) {
		plan_buf_free(&buf);
		fprintf(stderr, "plan-report: ");
		fprintf(stderr, plan_tr(lang, "cannot read the Kolada file '%s': %s"), path,
			e == EFBIG ? plan_tr(lang, "it is larger than 16 MiB") : plan_tr(lang, strerror(e)));
		fputc('\n', stderr);
		return -1;
	}
	size_t len = buf.len;
	*text = plan_buf_detach(&buf);
	plan_error err = { { 0 }, lang };
	if (plan_kolada_load(out, path, *text ? *text : "", len, &cli->set.limits, &err) < 0) {
		fprintf(stderr, "plan-report: %s\n", err.message);
		return -1;
	}
	return 0;
}

/* Every --kolada file, read in order into one *out (a later file's row wins),
 * their names joined into `names`; the texts kept in `texts` (the rows point
 * into them). -1 after saying why not. */
static int load_koladas(plan_kolada **out, char **texts, plan_buf *names, const args *a)
{
	*out = NULL;
	for (size_t i = 0; i < a->nkoladas; i++) {
		plan_kolada *k = NULL;
		if (load_kolada(&k, &texts[i], a->koladas[i], &a->cli) < 0)
			return -1;
		if (!*out) {
			*out = k;
		} else if (plan_kolada_merge(*out, k) < 0) {
			plan_kolada_free(k);
			fprintf(stderr, "plan-report: %s\n", plan_tr(a->cli.lang, "out of memory"));
			return -1;
		}
		plan_buf_printf(names, "%s%s", i ? ", " : "", a->koladas[i]);
	}
	return names->failed ? -1 : 0;
}

/* The open-data tables of `set`: plan.json on standard output, or the
 * files in the folder -o names; the exit status. Nothing is written from a
 * plan set with personal-data findings: the tables are for publishing. */
static int run_export(plan_set *set, const plan_cli_common *cli, const plan_report_options *opt, int csv)
{
	plan_lang lang = cli->lang;
	size_t found = plan_report_personal_data(opt, plan_set_diags(set));
	if (found) {
		fprintf(stderr, "plan-report: ");
		fprintf(stderr, plan_ntr(lang,
			"the export is not written: the plan set has %zu personal-data finding; publish nothing until it is gone",
			"the export is not written: the plan set has %zu personal-data findings; publish nothing until they are gone",
			found), found);
		fputc('\n', stderr);
		return PLAN_REPORT_NOTHING;
	}
	plan_export *e = NULL;
	plan_error err = { { 0 }, lang };
	const plan_model *model = plan_set_model(set);
	if (plan_export_build(&e, model) < 0) {
		fprintf(stderr, "plan-report: %s\n", plan_tr(lang, "out of memory"));
		return EXIT_TROUBLE;
	}
	int status = EXIT_CLEAN;
	if (cli->output && strcmp(cli->output, "-") != 0) {
		if (plan_export_write_dir(e, model, cli->output, csv, opt, &err) < 0) {
			fprintf(stderr, "plan-report: %s\n", err.message);
			status = EXIT_TROUBLE;
		}
	} else {
		plan_out out = { stdout, PLAN_BUF_INIT, 0 };
		plan_export_json(&out, e, model, opt);
		plan_out_flush(&out);
		plan_buf_free(&out.buf);
		if (out.failed || fflush(stdout) != 0) {
			fprintf(stderr, "plan-report: %s\n", plan_tr(lang, "cannot write the result"));
			status = EXIT_TROUBLE;
		}
	}
	plan_export_free(e);
	return status;
}

/* The report of `cmd` from `set`, written where -o says; the exit status. */
static int run(const struct command *cmd, plan_set *set, const plan_cli_common *cli, plan_report_options *opt,
	int csv)
{
	plan_lang lang = cli->lang;
	plan_error err = { { 0 }, lang };
	plan_output *output = NULL;
	opt->root = plan_set_root(set);
	opt->revision = plan_set_revision(set);
	opt->worktree_dirty = plan_set_provenance(set, &opt->revision_time);
	if (cmd->takes & WRITES_SITE)
		return plan_site_build(set, cli->output, opt);
	if (cmd->takes & WRITES_TABLES)
		return run_export(set, cli, opt, csv);
	if (plan_output_open(&output, cli->output, plan_set_root(set), &err) < 0) {
		fprintf(stderr, "plan-report: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	plan_out out = { plan_output_stream(output), PLAN_BUF_INIT, 0 };
	opt->root = plan_set_root(set);
	opt->revision = plan_set_revision(set);
	opt->worktree_dirty = plan_set_provenance(set, &opt->revision_time);
	const plan_model *model = plan_set_model(set);
	int status;
	if (opt->format == PLAN_FORMAT_JSON || opt->format == PLAN_FORMAT_ICS) {
		status = (opt->format == PLAN_FORMAT_JSON ? cmd->json : cmd->ics)(&out, model, opt);
	} else {
		plan_report_doc d;
		status = plan_doc_init(&d, opt->lang) < 0 ? EXIT_TROUBLE : cmd->doc(&d, model, opt);
		if (status == EXIT_CLEAN)
			plan_render(&out, &d, opt->format);
		plan_doc_free(&d);
	}
	plan_out_flush(&out);
	plan_buf_free(&out.buf);
	if (out.failed) {
		fprintf(stderr, "plan-report: %s\n", plan_tr(lang, "cannot write the result"));
		status = EXIT_TROUBLE;
	} else if (status == EXIT_CLEAN) {
		/* Only a whole report replaces a file written with -o; a query
		 * that found nothing leaves it as it was. */
		plan_output *done = output;
		output = NULL;
		if (plan_output_commit(done, &err) < 0) {
			fprintf(stderr, "plan-report: %s\n",
				err.message[0] ? err.message : plan_tr(lang, "cannot write the result"));
			status = EXIT_TROUBLE;
		}
	}
	plan_output_abort(output);
	return status;
}

/* The plan set loaded, with a note when it has errors; NULL after saying
 * why it could not be read. */
static plan_set *load_set(const plan_cli_common *cli)
{
	plan_lang lang = cli->lang;
	plan_error err = { { 0 }, lang };
	plan_set *set = NULL;
	if (plan_set_load(&set, &cli->set, &err) < 0) {
		fprintf(stderr, "plan-report: %s\n", err.message);
		return NULL;
	}
	plan_diags *diags = plan_set_diags(set);
	if (plan_diags_input_failed(diags) || plan_diags_oom(diags)) {
		fprintf(stderr, "plan-report: %s\n",
			plan_tr(lang, "the plan set could not be read in full (run plan-validate for the details)"));
		plan_set_free(set);
		return NULL;
	}
	size_t errors = plan_diags_count_severity(diags, PLAN_SEVERITY_ERROR);
	if (errors) {
		fprintf(stderr, "plan-report: ");
		fprintf(stderr, plan_ntr(lang,
			"note: the plan set has %zu error (run plan-validate); the report shows what could be read",
			"note: the plan set has %zu errors (run plan-validate); the report shows what could be read",
			errors), errors);
		fputc('\n', stderr);
	}
	return set;
}

/* The language without --lang: PLAN_LANG when sv or en, else Swedish. Not
 * the locale: a report's language belongs to the publication, not to the
 * terminal, and a CI job in the C locale keeps writing Swedish reports. */
static plan_lang lang_from_env_var(void)
{
	int parsed = plan_lang_parse(getenv("PLAN_LANG"));
	return parsed >= 0 ? (plan_lang)parsed : PLAN_LANG_SV;
}

int main(int argc, char **argv)
{
	args a = { PLAN_CLI_COMMON_INIT, PLAN_REPORT_OPTIONS_INIT, NULL, NULL, NULL, 0, 0, 0, NULL, 0, PLAN_BUF_INIT };
	a.cli.lang = plan_lang_from_args(argc, argv, lang_from_env_var());
	a.cli.set.lang = a.cli.lang;
	plan_lang lang = a.cli.lang;
	/* The report's text speaks the language of the messages. */
	a.opt.lang = lang;
	a.opt.messages = stderr;
	plan_cli_command table[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		table[i] = (plan_cli_command){ commands[i].name, (int)i, NULL };
	int status = EXIT_TROUBLE;
	plan_set *set = NULL;
	plan_kolada *kolada = NULL;
	char **kolada_texts = NULL;
	plan_buf kolada_names = PLAN_BUF_INIT;
	const plan_cli_command *chosen = NULL;
	if (!(a.words = calloc((size_t)argc + 1, sizeof *a.words)) ||
	    !(a.koladas = calloc((size_t)argc + 1, sizeof *a.koladas)) ||
	    !(kolada_texts = calloc((size_t)argc + 1, sizeof *kolada_texts))) {
		free(a.words);
		free(a.koladas);
		fprintf(stderr, "plan-report: %s\n", plan_tr(lang, "out of memory"));
		return EXIT_TROUBLE;
	}
	if (parse(&a, argc, argv) < 0)
		goto cleanup;
	switch (plan_cli_command_next(&chosen, table, NCOMMANDS, (const char *const *)a.words,
	                              a.nwords, &a.cli, &a.msg)) {
	case PLAN_CLI_USAGE:
		status = usage_error_buf(lang, NULL, &a.msg);
		goto cleanup;
	case PLAN_CLI_HELP:
		fputs(plan_report_help(chosen ? chosen->name : NULL, lang), stdout);
		status = EXIT_CLEAN;
		goto cleanup;
	case PLAN_CLI_VERSION:
		printf("plan-report %s\n", plan_version());
		status = EXIT_CLEAN;
		goto cleanup;
	case PLAN_CLI_RUN:
		break;
	}
	const struct command *cmd = &commands[chosen->id];
	if (check(&a, cmd) < 0 || load_koladas(&kolada, kolada_texts, &kolada_names, &a) < 0)
		goto cleanup;
	a.opt.kolada = kolada;
	a.opt.kolada_name = kolada ? kolada_names.ptr : NULL;
	if ((set = load_set(&a.cli)))
		status = run(cmd, set, &a.cli, &a.opt, a.csv);

cleanup:
	plan_buf_free(&a.msg);
	plan_set_free(set);
	plan_kolada_free(kolada);
	for (size_t i = 0; i < a.nkoladas; i++)
		free(kolada_texts[i]);
	free(kolada_texts);
	free(a.koladas);
	plan_buf_free(&kolada_names);
	free(a.words);
	return status;
}
