/* plan/report_doc.h: the reports a municipality publishes, each as a
 * document (plan/doc.h) to render, or written as JSON (or, the calendar,
 * iCalendar): the follow-up at a checkpoint, the plan as a readable
 * document, the KPI table and the årshjul. The figures behind them come
 * from plan/report_followup.h, plan/report_kpis.h and plan/report.h. */
#ifndef PLAN_REPORT_DOC_H
#define PLAN_REPORT_DOC_H

#include <stdio.h>

#include "plan/diag.h"
#include "plan/doc.h"
#include "plan/kolada.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/render.h"
#include "plan/report.h"
#include "plan/report_followup.h"
#include "plan/report_kpis.h"

/* What a report function returns (the exit status of plan-report). */
typedef enum plan_report_status {
	PLAN_REPORT_OK = 0,
	PLAN_REPORT_NOTHING = 1,   /* the query found nothing: no follow-up, an unknown owner */
	PLAN_REPORT_TROUBLE = 2    /* out of memory and the like */
} plan_report_status;

typedef struct plan_report_options {
	plan_format format;
	plan_lang lang;
	int year;                 /* followup, calendar; 0 when not given */
	plan_period period;       /* followup */
	const char *owner;        /* followup, plan: NULL for kommun */
	const plan_kolada *kolada;/* kpis --kolada */
	const char *kolada_name;  /* the file as given */
	const char *root;         /* the plan set root, for JSON */
	const char *revision;     /* the commit read (--rev), or NULL */
	long long revision_time;  /* that commit's time (seconds since 1970) */
	int worktree_dirty;       /* without --rev: 1 uncommitted changes, 0 none,
	                           * -1 not in a git repository */
	FILE *messages;           /* where a report says why it found nothing, and
	                           * its notes, one line each; NULL: nowhere */
	const char *program;      /* the name those lines start with ("plan-report") */
	int provenance_elsewhere; /* the document does not end with its provenance:
	                           * the page around it says it (plan/site.h) */
} plan_report_options;

#define PLAN_REPORT_OPTIONS_INIT { PLAN_FORMAT_MD, PLAN_LANG_SV, 0, PLAN_PERIOD_DR1, NULL, \
	NULL, NULL, NULL, NULL, 0, -1, NULL, "plan-report", 0 }

/* A report as a document in `d` (plan_doc_init'ed in opt->lang), ending
 * with where it was made from (plan_report_provenance). */
typedef int (*plan_report_doc_fn)(plan_report_doc *d, const plan_model *m, const plan_report_options *opt);
/* A report written to `out` (JSON, ICS). */
typedef int (*plan_report_write_fn)(plan_out *out, const plan_model *m, const plan_report_options *opt);

/* The follow-up of opt->owner (NULL: kommun) at opt->period of opt->year. */
int plan_report_followup_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt);
int plan_report_followup_json(plan_out *out, const plan_model *m, const plan_report_options *opt);
/* Say each personal-data finding in `diags` (FILE:LINE:COLUMN: message)
 * through opt->messages, and return how many there are. What is published
 * (the site, the export) is refused while there are any; each caller says
 * so in its own words. */
size_t plan_report_personal_data(const plan_report_options *opt, const plan_diags *diags);

/* An ägardirektiv's own words into `d`: the company's purpose and
 * direction and the council's directives for its operations and economy,
 * each under its label (plan-report plan, the site's company page). */
void plan_report_directive_text(plan_report_doc *d, const plan_document *ad);

/* The same document of a follow-up already built (plan_followup_build,
 * status PLAN_FOLLOWUP_OK), for a caller that uses it for more than the
 * report; opt->year, period and owner are not read. */
int plan_report_followup_doc_of(plan_report_doc *d, const plan_model *m, const plan_followup *f,
	const plan_report_options *opt);
/* The plan of opt->owner (NULL: the flerårsplan and the chain below it). */
int plan_report_plan_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt);
int plan_report_plan_json(plan_out *out, const plan_model *m, const plan_report_options *opt);
/* Every KPI with baseline, targets and outcomes (with opt->kolada's). */
int plan_report_kpis_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt);
int plan_report_kpis_json(plan_out *out, const plan_model *m, const plan_report_options *opt);
/* The same document of a KPI table already built (plan_kpi_table_build);
 * PLAN_REPORT_NOTHING, saying nothing, when it has no KPIs. */
int plan_report_kpis_doc_of(plan_report_doc *d, const plan_model *m, const plan_kpi_table *t,
	const plan_report_options *opt);
/* The årshjul of opt->year; also as iCalendar (RFC 5545). */
int plan_report_calendar_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt);
int plan_report_calendar_json(plan_out *out, const plan_model *m, const plan_report_options *opt);
int plan_report_calendar_ics(plan_out *out, const plan_model *m, const plan_report_options *opt);

/* A closing paragraph saying what the report was made from: a commit (id
 * and date), or the working tree, with a note when its git repository has
 * uncommitted changes under the plan set. */
void plan_report_provenance(plan_report_doc *d, const plan_report_options *opt);

/* plan-report's help in `lang`: the whole binary's for `command` NULL, else
 * that command's; NULL for a command it does not know. */
const char *plan_report_help(const char *command, plan_lang lang);

#endif
