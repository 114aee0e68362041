/* help.c: plan-report's help, the binary's and each command's, in the
 * language asked for (the English texts are the catalogue's msgids). */
#include "plan/lang.h"
#include "plan/report_doc.h"

#include <string.h>

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
	"  site -o DIR [--year YEAR]\n"
	"                the whole plan set as a website, written to the folder DIR\n"
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

static const char site_help[] = PLAN_N_(
	"Usage: plan-report site -o DIR [--year YEAR] [options] [PATH]\n"
	"\n"
	"The whole plan set as a static website that residents can read, written to\n"
	"the folder DIR: a start page with the vision, every fullmäktigemål with its\n"
	"latest status and forecast, the counts per status per perspective and the\n"
	"verdict on god ekonomisk hushållning; a page per fullmäktigemål (strategies,\n"
	"Agenda 2030, the nämndmål and särskilda uppdrag under it, everything that\n"
	"contributes, its KPIs with a chart each, every follow-up); a page per\n"
	"särskilt uppdrag, KPI, body, office and unit (with its plans); the KPI\n"
	"table, the latest follow-up and the årshjul; and a search page. Every page\n"
	"works from file:// or any web server, without network or JavaScript.\n"
	"\n"
	"The site is written to a temporary folder beside DIR and then takes its\n"
	"place, so a failed build leaves the old site. DIR must be new, empty, or a\n"
	"site built before (it holds a file named .plan-site); it may not lie inside\n"
	"the plan set. x- fields are published only when styrmodell.yaml lists them\n"
	"in 'x-publish'. A plan set with personal-data findings is not published.\n"
	"\n"
	"Options:\n"
	"  -o DIR           the folder to write (required)\n"
	"  --year YEAR      the site as of YEAR: follow-ups and outcomes up to then\n"
	"                   (default: everything, with the newest follow-up)\n"
	"  --kolada FILE    KPI outcomes from a Kolada data API file, as for kpis\n"
	"  --lang LANG      sv or en (default: PLAN_LANG, else sv)\n"
	"  --rev REV, -j N, --root DIR, -h, --help, --version: as for every command\n"
	"\n"
	"Exit status: 0 written; 1 not built because of personal-data findings (each\n"
	"is named on stderr); 2 usage error, unreadable plan set, DIR refused, or a\n"
	"failure to write.\n");

static const struct {
	const char *command;
	const char *text;
} helps[] = {
	{ "followup", followup_help },
	{ "plan", plan_help },
	{ "kpis", kpis_help },
	{ "calendar", calendar_help },
	{ "site", site_help },
};

const char *plan_report_help(const char *command, plan_lang lang)
{
	if (!command)
		return plan_tr(lang, usage_text);
	for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
		if (strcmp(helps[i].command, command) == 0)
			return plan_tr(lang, helps[i].text);
	return NULL;
}
