/* reports.c: the library's reports as pages of the site: the KPI table,
 * the municipality's newest follow-up and the årshjul of its year. The
 * first two are made of what prepare() built for the rest of the site. */
#include "site_impl.h"

#include "plan/lang.h"

/* `d` ready for a report; 0, the site failed, when memory ran out. */
static int fresh(site *s, plan_report_doc *d)
{
	if (plan_doc_init(d, s->lang) == 0)
		return 1;
	s->failed = 1;
	return 0;
}

/* A page of `d` as a report function left it (`status`); a short page
 * saying `none` when it found nothing. */
static void report_page(site *s, const char *path, plan_report_doc *d, int status, const char *none)
{
	if (status != PLAN_REPORT_OK) {
		plan_doc_free(d);
		if (!fresh(s, d))
			return;
		plan_doc_heading(d, 1);
		plan_doc_put(d, PLAN_DOC_PLAIN, none);
	}
	site_page(s, path, d, NULL);
	plan_doc_free(d);
}

void site_report_pages(site *s)
{
	plan_report_options opt = *s->opt;
	opt.messages = NULL;   /* a report that finds nothing is a page saying so */
	opt.owner = NULL;
	opt.provenance_elsewhere = 1;   /* the page's footer says it */
	opt.format = PLAN_FORMAT_HTML;
	const plan_followup *f = s->latest && s->latest->status == PLAN_FOLLOWUP_OK ? s->latest : NULL;
	plan_report_doc d;
	if (!fresh(s, &d))
		return;
	report_page(s, "nyckeltal.html", &d, plan_report_kpis_doc_of(&d, s->m, s->kpis, &opt),
		plan_trc(s->lang, "site", "No KPIs yet"));
	if (!fresh(s, &d))
		return;
	report_page(s, "uppfoljning.html", &d, f ? plan_report_followup_doc_of(&d, s->m, f, &opt) : PLAN_REPORT_NOTHING,
		plan_trc(s->lang, "site", "No follow-up has been published yet."));
	opt.year = f ? f->year : opt.year;
	if (!opt.year && s->m->flerarsplan)
		opt.year = s->m->flerarsplan->period_from;
	if (!fresh(s, &d))
		return;
	report_page(s, "arshjul.html", &d, plan_report_calendar_doc(&d, s->m, &opt),
		plan_trc(s->lang, "site", "No annual cycle yet"));
}
