/* reports.c: the library's reports as pages of the site: the KPI table,
 * the municipality's newest follow-up and the årshjul of its year. */
#include "site_impl.h"

#include "plan/lang.h"

/* A report as a page; a short page saying so when there is none. */
static void report_page(site *s, const char *path, plan_report_doc_fn fn, const plan_report_options *opt,
	const char *none)
{
	plan_report_doc d;
	if (plan_doc_init(&d, s->lang) < 0) {
		s->failed = 1;
		return;
	}
	if (fn(&d, s->m, opt) != PLAN_REPORT_OK) {
		plan_doc_free(&d);
		if (plan_doc_init(&d, s->lang) < 0) {
			s->failed = 1;
			return;
		}
		plan_doc_heading(&d, 1);
		plan_doc_put(&d, PLAN_DOC_PLAIN, none);
	}
	site_page(s, path, &d, NULL);
	plan_doc_free(&d);
}

void site_report_pages(site *s)
{
	plan_report_options opt = *s->opt;
	opt.messages = NULL;   /* a report that finds nothing is a page saying so */
	opt.owner = NULL;
	opt.provenance_elsewhere = 1;   /* the page's footer says it */
	const plan_followup *f = s->latest && s->latest->status == PLAN_FOLLOWUP_OK ? s->latest : NULL;
	opt.format = PLAN_FORMAT_HTML;
	report_page(s, "nyckeltal.html", plan_report_kpis_doc, &opt,
		plan_trc(s->lang, "site", "No KPIs yet"));
	if (f) {
		opt.year = f->year;
		opt.period = f->period;
	}
	report_page(s, "uppfoljning.html", plan_report_followup_doc, &opt,
		plan_trc(s->lang, "site", "No follow-up has been published yet."));
	if (!opt.year && s->m->flerarsplan)
		opt.year = s->m->flerarsplan->period_from;
	report_page(s, "arshjul.html", plan_report_calendar_doc, &opt,
		plan_trc(s->lang, "site", "No annual cycle yet"));
}
