/* help.c: plan-link's help, the binary's and each command's, in the
 * language asked for (the English texts are the catalogue's msgids). */
#include "plan/cli.h"
#include "plan/lang.h"
#include "plan/view.h"

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
	"  --cache DIR      keep each file's own results in DIR for the next run\n"
	"                   (default: $XDG_CACHE_HOME/plan-tools, else\n"
	"                   ~/.cache/plan-tools); never a directory in the plan set\n"
	"  --no-cache       neither read nor write the result cache\n"
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

static const plan_cli_help_text helps[] = {
	{ "trace", trace_help },
	{ "tree", tree_help },
	{ "orphans", orphans_help },
	{ "matrix", matrix_help },
	{ "graph", graph_help },
	{ "diff", diff_help },
	{ "suspect", suspect_help },
};

const char *plan_view_help(const char *command, plan_lang lang)
{
	return plan_cli_help(helps, sizeof helps / sizeof helps[0], usage_text, command, lang);
}
