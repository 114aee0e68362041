/* plan/site.h: the whole plan set as a static website that residents can
 * read: a start page with every fullmäktigemål and its latest status, a
 * page per fullmäktigemål, särskilt uppdrag, KPI and organisational item,
 * the reports of plan/report_doc.h, and a search over titles and ids. The
 * pages need no network and no JavaScript (search works better with it),
 * and the same plan set gives the same bytes. */
#ifndef PLAN_SITE_H
#define PLAN_SITE_H

#include "plan/report_doc.h"
#include "plan/set.h"

/* Build the site of `set` into the folder `dir`, in opt->lang, as of
 * opt->year (0: the newest follow-up there is); opt->messages hears why
 * it could not.
 *
 * The pages are written to a temporary folder beside `dir`, which then
 * takes its place: a failed build leaves the old site as it was, and files
 * the new site no longer has are gone. `dir` may be new, empty, or a site
 * built before (it holds the marker file ".plan-site"); anything else, and
 * a folder inside the plan set or holding it, is refused. So is a plan set
 * with personal-data findings: every place is named.
 *
 * Returns PLAN_REPORT_OK; PLAN_REPORT_NOTHING when refused for personal
 * data; PLAN_REPORT_TROUBLE when `dir` was refused or could not be
 * written, or memory ran out. */
int plan_site_build(plan_set *set, const char *dir, const plan_report_options *opt);

/* The marker file every site has, by which a rebuild knows the folder it
 * replaces is a site. */
#define PLAN_SITE_MARKER ".plan-site"

#endif
