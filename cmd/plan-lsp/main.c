/* plan-lsp: the language server: reads the options, then serves one editor
 * over standard input and output (plan/lsp.h) until it says exit. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "plan/buf.h"
#include "plan/cli.h"
#include "plan/lang.h"
#include "plan/lsp.h"
#include "plan/version.h"

/* A usage error is the only thing plan-lsp writes to standard error, before
 * it speaks the protocol: the editor's log shows it. */
#define EXIT_USAGE 2

static plan_lang lang;

static const char usage_text[] = PLAN_N_(
	"Usage: plan-lsp [options]\n"
	"\n"
	"A language server (LSP 3.17) for plan sets, over standard input and\n"
	"output: an editor starts it and gets plan-validate's diagnostics while\n"
	"typing, go to definition, references, hover with the trace of an item,\n"
	"the outline of a document, completion of links, rename of an id and\n"
	"quick fixes. The plan set is the one that holds the editor's workspace\n"
	"folder (the nearest directory at or above it with a styrmodell.yaml).\n"
	"Nothing is ever written into the plan set: edits are the editor's to\n"
	"make.\n"
	"\n"
	"Options:\n"
	"  --stdio          speak over standard input and output (the default and\n"
	"                   only way; taken because editors pass it)\n"
	"  --lang LANG      sv or en: the language of messages, over what the\n"
	"                   editor's locale says (default: the editor's locale, then\n"
	"                   PLAN_LANG, LC_ALL, LC_MESSAGES, LANG)\n"
	"  -j N             worker threads loading the plan set (default: one per\n"
	"                   processor)\n"
	"  --limit NAME=VALUE  change a limit, as for plan-validate\n"
	"  -h, --help       show this help and exit\n"
	"  --version        show the version and exit\n"
	"\n"
	"Exit status:\n"
	"  0  the editor asked to shut down, then to exit\n"
	"  1  the input ended, or exit came without shutdown\n"
	"  2  usage error\n");

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "plan-lsp: ");
	vfprintf(stderr, plan_tr(lang, fmt), ap);
	fprintf(stderr, "\n%s\n", plan_tr(lang, "Try 'plan-lsp --help' for more information."));
	va_end(ap);
	return EXIT_USAGE;
}

enum { OPT_LANG = PLAN_CLI_OPT_OWN, OPT_STDIO };

int main(int argc, char **argv)
{
	lang = plan_lang_from_args(argc, argv, plan_lang_from_env());
	static const struct option options[] = {
		{ "limit", required_argument, NULL, PLAN_CLI_OPT_LIMIT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, PLAN_CLI_OPT_VERSION },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "stdio", no_argument, NULL, OPT_STDIO },
		{ NULL, 0, NULL, 0 },
	};
	plan_cli_common cli = PLAN_CLI_COMMON_INIT;
	cli.lang = lang;
	plan_lsp_options lsp = PLAN_LSP_OPTIONS_INIT;
	lsp.fallback_lang = lang;
	plan_buf msg = PLAN_BUF_INIT;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":hj:", options, NULL)) != -1) {
		if (c == OPT_LANG) {
			if (plan_lang_parse(optarg) < 0)
				return usage_error("unknown language '%s' (expected sv or en)", optarg);
			lsp.lang = plan_lang_parse(optarg);
			continue;
		}
		if (c == OPT_STDIO)
			continue;
		int common = plan_cli_common_apply(&cli, c, optarg, &msg);
		if (common == 0)
			plan_cli_getopt_error(&msg, lang, c, argv[optind - 1]);
		if (common <= 0) {
			int status = usage_error("%s", msg.ptr && !msg.failed ? msg.ptr :
				plan_tr(lang, "out of memory"));
			plan_buf_free(&msg);
			return status;
		}
		if (cli.help) {
			fputs(plan_tr(lang, usage_text), stdout);
			return EXIT_SUCCESS;
		}
		if (cli.version) {
			printf("plan-lsp %s\n", plan_version());
			return EXIT_SUCCESS;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	lsp.help_uri = PLAN_HELP_URI;
	lsp.limits = cli.set.limits;
	lsp.jobs = cli.set.jobs;
	return plan_lsp_serve(stdin, stdout, &lsp);
}
