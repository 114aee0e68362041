/* site.c: building the site: the refusals first (personal data, a folder
 * that is not the site's to replace), then what every page reads (the
 * KPIs' figures, the newest follow-up, each item's follow-up history),
 * then the pages, and the swap into place. */
#define _POSIX_C_SOURCE 200809L   /* openat, O_CLOEXEC, O_DIRECTORY */
#include "site_impl.h"
#include "site_write.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/diag.h"
#include "plan/lang.h"

/* A checkpoint's place in time, to order follow-ups. */
static int when(const plan_document *doc)
{
	int period = plan_period_parse(doc->period);
	return doc->year * 4 + (period >= 0 ? period : 3);
}

static int fu_order(const void *a, const void *b)
{
	const site_fu *x = a, *y = b;
	int wx = when(x->doc), wy = when(y->doc);
	if (wx != wy)
		return wx < wy ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int counted(const plan_ref *ref)
{
	return ref->target && (ref->role == PLAN_REF_FU_GOAL || ref->role == PLAN_REF_FU_KPI ||
		ref->role == PLAN_REF_FU_ASSIGNMENT || ref->role == PLAN_REF_FU_ACTIVITY);
}

/* Every follow-up entry by the item it reports on (up to opt->year). */
static int index_followups(site *s)
{
	const plan_model *m = s->m;
	if (!(s->fu_first = calloc(m->nitems + 1, sizeof *s->fu_first)))
		return -1;
	size_t total = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t d = 0; d < m->ndocs; d++) {
			const plan_document *doc = m->docs[d];
			if (doc->kind != PLAN_DOC_UPPFOLJNING || (s->opt->year && doc->year > s->opt->year))
				continue;
			for (size_t r = 0; r < doc->nrefs; r++) {
				const plan_ref *ref = &doc->refs[r];
				if (!counted(ref))
					continue;
				if (pass == 0) {
					s->fu_first[ref->target->index + 1]++;
					total++;
				} else {
					size_t at = s->fu_first[ref->target->index]++;
					s->fu[at] = (site_fu){ doc, ref->entry, total++ };
				}
			}
		}
		if (pass == 0) {
			for (size_t i = 0; i < m->nitems; i++)
				s->fu_first[i + 1] += s->fu_first[i];
			if (!(s->fu = malloc((total ? total : 1) * sizeof *s->fu)))
				return -1;
			total = 0;
		} else {
			/* Filling moved each start to the next item's; move them back. */
			memmove(s->fu_first + 1, s->fu_first, m->nitems * sizeof *s->fu_first);
			s->fu_first[0] = 0;
		}
	}
	for (size_t i = 0; i < m->nitems; i++)
		if (s->fu_first[i + 1] - s->fu_first[i] > 1)
			qsort(s->fu + s->fu_first[i], s->fu_first[i + 1] - s->fu_first[i], sizeof *s->fu, fu_order);
	return 0;
}

/* The municipality's newest follow-up up to opt->year. */
static int newest_followup(site *s)
{
	const plan_document *best = NULL;
	for (size_t d = 0; d < s->m->ndocs; d++) {
		const plan_document *doc = s->m->docs[d];
		if (doc->kind != PLAN_DOC_UPPFOLJNING || !doc->owner_is_kommun || plan_period_parse(doc->period) < 0 ||
		    (s->opt->year && doc->year > s->opt->year))
			continue;
		if (!best || when(doc) > when(best))
			best = doc;
	}
	if (!best)
		return 0;
	plan_followup_options fo = { best->year, (plan_period)plan_period_parse(best->period), NULL,
		s->opt->kolada };
	plan_error err = { { 0 }, s->lang };
	return plan_followup_build(&s->latest, s->m, &fo, &err);
}

static int prepare(site *s)
{
	const plan_model *m = s->m;
	plan_kpi_options ko = PLAN_KPI_OPTIONS_INIT;
	ko.kolada = s->opt->kolada;
	ko.upto_year = s->opt->year;
	if (plan_kpi_table_build(&s->kpis, m, &ko) < 0)
		return -1;
	s->seen = calloc(m->nitems ? m->nitems : 1, sizeof *s->seen);
	if (!s->seen)
		return -1;
	if (m->styrmodell)
		s->publish = plan_node_get(m->styrmodell->root, "x-publish");
	site_footer(s);
	if (s->footer.failed)
		return -1;
	return index_followups(s) < 0 || newest_followup(s) < 0 ? -1 : 0;
}

static void release(site *s)
{
	plan_kpi_table_free(s->kpis);
	plan_followup_free(s->latest);
	free(s->seen);
	free(s->fu);
	free(s->fu_first);
	plan_buf_free(&s->href);
	plan_buf_free(&s->target);
	plan_buf_free(&s->footer);
}

/* The second thread's share: every other organisational page (the bulk of
 * a large site) and the search. Its own copy of the state pages change. */
static void *second_half(void *arg)
{
	site *s = arg;
	site_owner_pages(s, 1, 2);
	site_search(s);
	return NULL;
}

/* org/BODY/ for every body with a published office or unit. */
static int body_folders(const site *s, const site_dir *w)
{
	const plan_model *m = s->m;
	unsigned char *made = calloc(m->nitems ? m->nitems : 1, 1);
	plan_buf path = PLAN_BUF_INIT;
	int rc = made ? 0 : -1;
	for (size_t i = 0; i < m->nitems && rc == 0; i++) {
		const plan_item *item = m->items[i];
		const plan_item *body = site_item_published(item) ? site_owner_body(item) : NULL;
		if (!body || made[body->index])
			continue;
		made[body->index] = 1;
		plan_buf_clear(&path);
		plan_buf_puts(&path, "org/");
		site_file_name(&path, body->id);
		rc = path.failed ? -1 : site_dir_mkdir(w, path.ptr);
	}
	free(made);
	plan_buf_free(&path);
	return rc;
}

static void pages(site *s, const site_dir *w)
{
	static const char *const folders[] = { "mal", "uppdrag", "nyckeltal", "org" };
	for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++)
		if (site_dir_mkdir(w, folders[i]) < 0 && !s->failed) {
			site_say(s, plan_trc(s->lang, "site", "cannot write the site to '%s': %s"), w->dir,
				plan_tr(s->lang, "cannot create a folder"));
			s->failed = 1;
		}
	if (body_folders(s, w) < 0 && !s->failed) {
		site_say(s, plan_trc(s->lang, "site", "cannot write the site to '%s': %s"), w->dir,
			plan_tr(s->lang, "cannot create a folder"));
		s->failed = 1;
	}
	/* The pages only read the model and the tables prepare() built; what
	 * a page changes (the address buffer, the tree walk's marks, the
	 * counts) each thread has of its own. */
	site other = *s;
	other.href = (plan_buf)PLAN_BUF_INIT;
	other.target = (plan_buf)PLAN_BUF_INIT;
	other.seen = calloc(s->m->nitems ? s->m->nitems : 1, sizeof *other.seen);
	other.pages = other.bytes = 0;
	pthread_t thread;
	int threaded = other.seen && pthread_create(&thread, NULL, second_half, &other) == 0;
	site_assets(s);
	site_start_page(s);
	site_goal_pages(s);
	site_item_pages(s);
	site_owner_pages(s, 0, threaded ? 2 : 1);
	site_report_pages(s);
	if (threaded) {
		pthread_join(thread, NULL);
		s->failed |= other.failed;
		s->pages += other.pages;
		s->bytes += other.bytes;
	} else {
		site_search(s);
	}
	free(other.seen);
	plan_buf_free(&other.href);
	plan_buf_free(&other.target);
	site_file(s, PLAN_SITE_MARKER, "plan-report site\n", 17);
}

int plan_site_build(plan_set *set, const char *dir, const plan_report_options *opt)
{
	site s = { 0 };
	s.m = plan_set_model(set);
	s.opt = opt;
	s.lang = opt->lang;
	s.href = (plan_buf)PLAN_BUF_INIT;
	s.target = (plan_buf)PLAN_BUF_INIT;
	s.footer = (plan_buf)PLAN_BUF_INIT;
	size_t found = plan_report_personal_data(opt, plan_set_diags(set));
	if (found) {
		site_say(&s, plan_ntr(s.lang,
			"the site is not built: the plan set has %zu personal-data finding; publish nothing until it is gone",
			"the site is not built: the plan set has %zu personal-data findings; publish nothing until they are gone",
			found), found);
		return PLAN_REPORT_NOTHING;
	}
	site_dir w;
	plan_buf why = PLAN_BUF_INIT;
	if (site_dir_begin(&w, dir, plan_set_root(set), s.lang, &why) < 0) {
		site_say(&s, "%s", why.ptr ? why.ptr : plan_tr(s.lang, "out of memory"));
		plan_buf_free(&why);
		return PLAN_REPORT_TROUBLE;
	}
	s.dir = w.tmp;
	s.dirfd = open(w.tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int status = PLAN_REPORT_OK;
	if (s.dirfd < 0) {
		site_say(&s, plan_trc(s.lang, "site", "cannot write the site to '%s': %s"), dir,
			plan_tr(s.lang, strerror(errno)));
		status = PLAN_REPORT_TROUBLE;
	} else if (prepare(&s) < 0) {
		site_say(&s, "%s", plan_tr(s.lang, "out of memory"));
		status = PLAN_REPORT_TROUBLE;
	} else {
		pages(&s, &w);
		if (s.failed)
			status = PLAN_REPORT_TROUBLE;
	}
	if (s.dirfd >= 0)
		close(s.dirfd);
	if (status != PLAN_REPORT_OK)
		site_dir_abort(&w);
	else if (site_dir_commit(&w, s.lang, &why) < 0) {
		site_say(&s, "%s", why.ptr ? why.ptr : plan_tr(s.lang, "out of memory"));
		status = PLAN_REPORT_TROUBLE;
	}
	release(&s);
	plan_buf_free(&why);
	return status;
}
