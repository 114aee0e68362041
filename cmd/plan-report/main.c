/* plan-report: the texts a municipality publishes, written from its plan
 * set: the follow-up at DR1, DR2 and the årsredovisning (followup), the plan
 * as a readable document (plan), the KPI table (kpis) and the årshjul
 * (calendar). This file parses the command line, loads the set and
 * dispatches; the figures come from the library, the commands render them. */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan-report.h"
#include "plan/cli.h"
#include "plan/diag.h"
#include "plan/lang.h"
#include "plan/output.h"
#include "plan/set.h"
#include "plan/version.h"

/* The language of every message and of the report's text; chosen before the
 * options are read (main). */
static plan_lang lang;

static const char usage_text[] = PLAN_N_(
	"Usage: plan-report COMMAND [options] [PATH]\n"
	"\n"
	"Write the follow-up, the plan, the KPI table or the årshjul of the plan set\n"
	"that holds PATH (default: the current directory; the root is the nearest\n"
	"directory above it with a styrmodell.yaml).\n"
	"\n"
	"Commands:\n"
	"  followup --period dr1|dr2|ar --year YEAR [--owner ID]\n"
	"                the follow-up at a checkpoint, for the municipality or one owner\n"
	"  plan [--owner ID]\n"
	"                the plan as a readable document\n"
	"  kpis [--kolada FILE]\n"
	"                every KPI with baseline, targets and outcomes\n"
	"  calendar --year YEAR\n"
	"                the year's planning and follow-up milestones in date order\n"
	"\n"
	"Options (see 'plan-report COMMAND --help' for each command's own):\n"
	"  --format FORMAT  md (default), text, json or html; calendar also ics\n"
	"  --lang LANG      sv or en: the language of the report's text and of\n"
	"                   messages (default: PLAN_LANG, else sv; not the locale)\n"
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
	"Plan text is escaped for each format: Markdown shows it as written, HTML\n"
	"never runs it, text never sends control characters to a terminal. When the\n"
	"plan set has errors, a note on stderr says so (run plan-validate for them).\n"
	"\n"
	"Exit status:\n"
	"  0  the report was written\n"
	"  1  the query found nothing: no follow-up for that owner, year and period,\n"
	"     an owner id that names no body, office or unit, no KPIs, no plan\n"
	"  2  usage error, unreadable plan set or Kolada file, bad revision, or a\n"
	"     failure to write the result\n");

static const char followup_help[] = PLAN_N_(
	"Usage: plan-report followup --period dr1|dr2|ar --year YEAR [--owner ID] [options] [PATH]\n"
	"\n"
	"The follow-up at one checkpoint: delårsrapport 1 (dr1), delårsrapport 2 (dr2)\n"
	"or the årsredovisning (ar), from the uppfoljning documents of that year and\n"
	"period. For the municipality (owner 'kommun', the default): per perspective\n"
	"each fullmäktigemål's status and forecast with the four answers (actions,\n"
	"results, analysis, improvements) and what the bodies reported on their goals\n"
	"that contribute to it; counts per status per perspective; the assessment of\n"
	"god ekonomisk hushållning by the rules in styrmodell.yaml 'hushallning' with\n"
	"the figures it rests on and the written assessment, when there is one;\n"
	"särskilda uppdrag; KPI outcomes against target and baseline; activities;\n"
	"economy with deviations in tkr and per cent; and the goals below uppfylld\n"
	"with their improvements. With --owner, the same for one body, office or unit.\n"
	"\n"
	"Options:\n"
	"  --period PERIOD  dr1, dr2 or ar (required)\n"
	"  --year YEAR      the year followed up (required)\n"
	"  --owner ID       kommun (default), or a body, office or unit id\n"
	"  --format FORMAT  md (default), text, json or html\n"
	"  --lang LANG      sv or en (default: PLAN_LANG, else sv)\n"
	"  --rev REV, -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 written; 1 no follow-up for that owner, year and period, or an\n"
	"owner id that names no body, office or unit; 2 usage error, unreadable plan\n"
	"set, or a failure to write.\n");

static const char plan_help[] = PLAN_N_(
	"Usage: plan-report plan [--owner ID] [options] [PATH]\n"
	"\n"
	"A plan as a readable document. For the municipality (the default): the\n"
	"flerårsplan's fullmäktigemål by perspective with strategies and Agenda 2030\n"
	"goals, and under each the chain of nämndmål, kontorsplan goals, KPIs (with\n"
	"baseline and targets) and activities (with responsible and due date); then\n"
	"the särskilda uppdrag and the budget frames. With --owner: the plan of that\n"
	"body (verksamhetsplan), office (kontorsplan) or unit (arbetsplan).\n"
	"\n"
	"Options:\n"
	"  --owner ID       kommun (default), or a body, office or unit id\n"
	"  --format FORMAT  md (default), text, json or html\n"
	"  --lang LANG      sv or en (default: PLAN_LANG, else sv)\n"
	"  --rev REV, -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 written; 1 no such plan, or an owner id that names no body,\n"
	"office or unit; 2 usage error, unreadable plan set, or a failure to write.\n");

static const char kpis_help[] = PLAN_N_(
	"Usage: plan-report kpis [--kolada FILE] [options] [PATH]\n"
	"\n"
	"Every KPI (nyckeltal) with its baseline, yearly targets and outcomes, each\n"
	"outcome judged against the year's target by the KPI's direction: met,\n"
	"improved (better than the baseline but short of the target), not met, no\n"
	"target, no outcome. Outcomes come from the follow-ups' 'kpis' entries (the\n"
	"latest checkpoint of a year wins). --kolada FILE adds outcomes from a file\n"
	"in the shape of Kolada's data API (api.kolada.se/v2/data/...): rows whose\n"
	"'kpi' is a KPI's 'kolada' id and whose 'municipality' is the styrmodell's\n"
	"code; the total (gender T) is the outcome, women (K) and men (M) are shown\n"
	"beside it. A follow-up's value wins over Kolada's for the same year.\n"
	"\n"
	"Options:\n"
	"  --kolada FILE    a Kolada data API file (JSON)\n"
	"  --format FORMAT  md (default), text, json or html\n"
	"  --lang LANG      sv or en (default: PLAN_LANG, else sv)\n"
	"  --rev REV, -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 written; 1 the plan set has no KPIs; 2 usage error,\n"
	"unreadable plan set or Kolada file, or a failure to write.\n");

static const char calendar_help[] = PLAN_N_(
	"Usage: plan-report calendar --year YEAR [options] [PATH]\n"
	"\n"
	"The årshjul: the year's planning and follow-up milestones in date order:\n"
	"the DR1 and DR2 checkpoints (styrmodell 'calendar') and their deadlines\n"
	"(to fullmäktige within two months), the budget for next year (adopted by\n"
	"30 November), the previous year's årsredovisning (to fullmäktige and the\n"
	"auditors by 15 April), the year's end, school-year starts of bodies that plan\n"
	"by school year, and the flerårsplan and verksamhetsplaner adopted that year.\n"
	"\n"
	"Options:\n"
	"  --year YEAR      the year (required)\n"
	"  --format FORMAT  md (default), text, json, html, or ics (iCalendar, RFC 5545,\n"
	"                   to import into a calendar)\n"
	"  --lang LANG      sv or en (default: PLAN_LANG, else sv)\n"
	"  --rev REV, -j N, -o FILE, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 written; 2 usage error, unreadable plan set, or a failure to\n"
	"write.\n");

typedef enum command { CMD_NONE, CMD_FOLLOWUP, CMD_PLAN, CMD_KPIS, CMD_CALENDAR } command;

static const plan_cli_command commands[] = {
	{ "followup", CMD_FOLLOWUP, followup_help },
	{ "plan", CMD_PLAN, plan_help },
	{ "kpis", CMD_KPIS, kpis_help },
	{ "calendar", CMD_CALENDAR, calendar_help },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* `fmt` is English, the catalogue's key (mark a literal with PLAN_N_): it
 * is printed in `lang`. */
static int usage_error(const char *cmd, const char *fmt, ...)
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

/* A usage error with the message the library wrote into `msg` (already in
 * `lang`). */
static int usage_error_buf(const char *cmd, const plan_buf *msg)
{
	return usage_error(cmd, "%s", msg->ptr && !msg->failed ? msg->ptr : plan_tr(lang, "out of memory"));
}

/* plan-report's language when no --lang is given: PLAN_LANG when it is sv
 * or en, else Swedish. The locale (LC_ALL, LC_MESSAGES, LANG) is not read:
 * a report's language belongs to the publication, not to the terminal, and
 * a CI job in the C locale keeps writing Swedish reports. */
static plan_lang lang_from_env_var(void)
{
	int parsed = plan_lang_parse(getenv("PLAN_LANG"));
	return parsed >= 0 ? (plan_lang)parsed : PLAN_LANG_SV;
}

static const struct {
	const char *name;
	report_format format;
} format_names[] = {
	{ "md", FORMAT_MD }, { "text", FORMAT_TEXT }, { "json", FORMAT_JSON },
	{ "html", FORMAT_HTML }, { "ics", FORMAT_ICS },
};

static void note_errors(plan_diags *diags)
{
	size_t errors = plan_diags_count_severity(diags, PLAN_SEVERITY_ERROR);
	if (!errors)
		return;
	fprintf(stderr, "plan-report: ");
	fprintf(stderr, plan_ntr(lang,
		"note: the plan set has %zu error (run plan-validate); the report shows what could be read",
		"note: the plan set has %zu errors (run plan-validate); the report shows what could be read",
		errors), errors);
	fputc('\n', stderr);
}

/* The whole file, at most `max` bytes; NULL with errno set on failure
 * (EFBIG when it is larger). */
static char *read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	plan_buf buf = PLAN_BUF_INIT;
	buf.max = max;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (plan_buf_put(&buf, chunk, n) < 0)
			break;
	int failed = ferror(f) || buf.failed;
	int too_big = buf.failed && buf.len + n > max;
	fclose(f);
	if (failed) {
		plan_buf_free(&buf);
		errno = too_big ? EFBIG : EIO;
		return NULL;
	}
	*len = buf.len;
	return plan_buf_detach(&buf);
}

int main(int argc, char **argv)
{
	enum { OPT_FORMAT = PLAN_CLI_OPT_OWN, OPT_LANG, OPT_PERIOD, OPT_YEAR, OPT_OWNER, OPT_KOLADA };
	static const struct option options[] = {
		PLAN_CLI_LONG_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "kolada", required_argument, NULL, OPT_KOLADA },
		{ NULL, 0, NULL, 0 },
	};
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	cli.lang = plan_lang_from_args(argc, argv, lang_from_env_var());
	cli.set.lang = cli.lang;
	lang = cli.lang;
	/* The report's text speaks the language of the messages. */
	report_options opt = { FORMAT_MD, lang, 0, PLAN_PERIOD_DR1, NULL, NULL, NULL, NULL, NULL, 0, -1 };
	const char *format_name = NULL, *period_name = NULL, *kolada_path = NULL;
	int year_given = 0;
	char **args = calloc((size_t)argc + 1, sizeof *args);
	size_t nargs = 0;
	int status = EXIT_TROUBLE;
	plan_buf msg = PLAN_BUF_INIT;
	plan_error err = PLAN_ERROR_INIT;
	err.lang = lang;
	plan_set *set = NULL;
	plan_output *out = NULL;
	plan_kolada *kolada = NULL;
	char *kolada_text = NULL;
	report_out rout = { NULL, PLAN_BUF_INIT, 0 };
	if (!args) {
		fprintf(stderr, "plan-report: %s\n", plan_tr(lang, "out of memory"));
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
		case OPT_FORMAT:
			format_name = optarg;
			break;
		case OPT_LANG: {
			int parsed = plan_lang_parse(optarg);
			if (parsed < 0) {
				status = usage_error(NULL, PLAN_N_("unknown language '%s' (expected sv or en)"), optarg);
				goto cleanup;
			}
			opt.lang = (plan_lang)parsed;
			break;
		}
		case OPT_PERIOD:
			period_name = optarg;
			break;
		case OPT_YEAR: {
			long year;
			if (plan_cli_parse_number(&year, optarg, 1900, 2200) < 0) {
				status = usage_error(NULL, PLAN_N_("--year needs a year from 1900 to 2200, not '%s'"), optarg);
				goto cleanup;
			}
			opt.year = (int)year;
			year_given = 1;
			break;
		}
		case OPT_OWNER:
			opt.owner = optarg;
			break;
		case OPT_KOLADA:
			kolada_path = optarg;
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
		fputs(plan_tr(lang, chosen ? chosen->help : usage_text), stdout);
		status = EXIT_CLEAN;
		goto cleanup;
	case PLAN_CLI_VERSION:
		printf("plan-report %s\n", plan_version());
		status = EXIT_CLEAN;
		goto cleanup;
	case PLAN_CLI_RUN:
		break;
	}
	command cmd = (command)chosen->id;
	const char *cmd_name = chosen->name;

	/* The format, and the options that belong to one command. */
	if (format_name) {
		size_t i = 0;
		while (i < sizeof format_names / sizeof format_names[0] && strcmp(format_name, format_names[i].name) != 0)
			i++;
		if (i == sizeof format_names / sizeof format_names[0] ||
		    (format_names[i].format == FORMAT_ICS && cmd != CMD_CALENDAR)) {
			status = usage_error(cmd_name, cmd == CMD_CALENDAR
				? PLAN_N_("unknown format '%s' for %s (expected md, text, json or html, or ics)")
				: PLAN_N_("unknown format '%s' for %s (expected md, text, json or html)"),
				format_name, cmd_name);
			goto cleanup;
		}
		opt.format = format_names[i].format;
	}
	if (period_name && cmd != CMD_FOLLOWUP) {
		status = usage_error(cmd_name, PLAN_N_("--period is an option of 'followup'"));
		goto cleanup;
	}
	if (year_given && cmd != CMD_FOLLOWUP && cmd != CMD_CALENDAR) {
		status = usage_error(cmd_name, PLAN_N_("--year is an option of 'followup' and 'calendar'"));
		goto cleanup;
	}
	if (opt.owner && cmd != CMD_FOLLOWUP && cmd != CMD_PLAN) {
		status = usage_error(cmd_name, PLAN_N_("--owner is an option of 'followup' and 'plan'"));
		goto cleanup;
	}
	if (kolada_path && cmd != CMD_KPIS) {
		status = usage_error(cmd_name, PLAN_N_("--kolada is an option of 'kpis'"));
		goto cleanup;
	}
	if (cmd == CMD_FOLLOWUP) {
		int period = plan_period_parse(period_name);
		if (!period_name) {
			status = usage_error(cmd_name, PLAN_N_("followup needs --period dr1, dr2 or ar"));
			goto cleanup;
		}
		if (period < 0) {
			status = usage_error(cmd_name, PLAN_N_("unknown period '%s' (expected dr1, dr2 or ar)"), period_name);
			goto cleanup;
		}
		opt.period = (plan_period)period;
	}
	if ((cmd == CMD_FOLLOWUP || cmd == CMD_CALENDAR) && !year_given) {
		status = usage_error(cmd_name, PLAN_N_("%s needs --year YEAR"), cmd_name);
		goto cleanup;
	}
	if (opt.owner && strcmp(opt.owner, "kommun") == 0)
		opt.owner = NULL;

	if (plan_cli_common_path(&cli, (const char *const *)args + 1, nargs - 1, &msg) < 0) {
		status = usage_error_buf(cmd_name, &msg);
		goto cleanup;
	}

	if (kolada_path) {
		size_t len = 0;
		kolada_text = read_file(kolada_path, cli.set.limits.file_bytes, &len);
		if (!kolada_text) {
			int e = errno;
			fprintf(stderr, "plan-report: ");
			fprintf(stderr, plan_tr(lang, "cannot read the Kolada file '%s': %s"), kolada_path,
				e == EFBIG ? plan_tr(lang, "it is larger than 16 MiB") : plan_tr(lang, strerror(e)));
			fputc('\n', stderr);
			goto cleanup;
		}
		if (plan_kolada_load(&kolada, kolada_path, kolada_text, len, &cli.set.limits, &err) < 0) {
			fprintf(stderr, "plan-report: %s\n", err.message);
			goto cleanup;
		}
		opt.kolada = kolada;
		opt.kolada_name = kolada_path;
	}

	if (plan_set_load(&set, &cli.set, &err) < 0) {
		fprintf(stderr, "plan-report: %s\n", err.message);
		goto cleanup;
	}
	plan_diags *diags = plan_set_diags(set);
	if (plan_diags_input_failed(diags) || plan_diags_oom(diags)) {
		fprintf(stderr, "plan-report: %s\n",
			plan_tr(lang, "the plan set could not be read in full (run plan-validate for the details)"));
		goto cleanup;
	}
	note_errors(diags);
	if (plan_output_open(&out, cli.output, plan_set_root(set), &err) < 0) {
		fprintf(stderr, "plan-report: %s\n", err.message);
		goto cleanup;
	}
	rout.stream = plan_output_stream(out);
	opt.root = plan_set_root(set);
	opt.revision = plan_set_revision(set);
	opt.worktree_dirty = plan_set_provenance(set, &opt.revision_time);

	const plan_model *model = plan_set_model(set);
	switch (cmd) {
	case CMD_FOLLOWUP: status = report_followup(&rout, model, &opt); break;
	case CMD_PLAN: status = report_plan(&rout, model, &opt); break;
	case CMD_KPIS: status = report_kpis(&rout, model, &opt); break;
	default: status = report_calendar(&rout, model, &opt); break;
	}
	plan_out_flush(&rout);
	if (rout.failed) {
		fprintf(stderr, "plan-report: %s\n", plan_tr(lang, "cannot write the result"));
		status = EXIT_TROUBLE;
	} else if (status == EXIT_CLEAN) {
		/* Only a whole report replaces a file written with -o; a query
		 * that found nothing leaves it as it was. */
		plan_output *done = out;
		out = NULL;
		if (plan_output_commit(done, &err) < 0) {
			fprintf(stderr, "plan-report: %s\n",
				err.message[0] ? err.message : plan_tr(lang, "cannot write the result"));
			status = EXIT_TROUBLE;
		}
	}

cleanup:
	plan_buf_free(&msg);
	plan_output_abort(out);
	plan_buf_free(&rout.buf);
	plan_set_free(set);
	plan_kolada_free(kolada);
	free(kolada_text);
	free(args);
	return status;
}
