/* report_calendar.c: the årshjul: a year's planning and follow-up milestones,
 * legal deadlines included, in date order. */
#include "plan/report_calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/date.h"

static const char *const kind_keys[PLAN_MILESTONE_KINDS] = {
	"ar-deadline", "dr1-checkpoint", "dr1-deadline", "school-year-start",
	"dr2-checkpoint", "dr2-deadline", "budget-deadline", "year-end", "plan-adopted",
};

const char *plan_milestone_kind_key(plan_milestone_kind kind)
{
	return (unsigned)kind < PLAN_MILESTONE_KINDS ? kind_keys[kind] : "";
}

static int days_in(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

/* The first four digits of a date; the caller has checked them. */
static int year_of(const char *date)
{
	return (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
}

int plan_date_add_months(char out[11], const char *date, int months)
{
	if (!date || !plan_date_valid(date, strlen(date)) || months < 0 || months > 1200)
		return -1;
	int y = year_of(date), m = (date[5] - '0') * 10 + (date[6] - '0'), d = (date[8] - '0') * 10 + (date[9] - '0');
	int last = d == days_in(y, m);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	if (last || d > days_in(y, m))
		d = days_in(y, m);
	char text[32];
	snprintf(text, sizeof text, "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(out, text, 10);
	out[10] = '\0';
	return 0;
}

typedef struct list {
	plan_milestone *items;
	size_t n, cap;
	int oom;
} list;

static plan_milestone *add(list *l, int year, const char *monthday, plan_milestone_kind kind,
	int concerns)
{
	char date[32];
	snprintf(date, sizeof date, "%04d-%.5s", year % 10000, monthday);
	if (strlen(date) != 10 || !plan_date_valid(date, 10))
		return NULL;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		plan_milestone *items = realloc(l->items, cap * sizeof *items);
		if (!items) {
			l->oom = 1;
			return NULL;
		}
		l->items = items;
		l->cap = cap;
	}
	plan_milestone *ms = &l->items[l->n++];
	memset(ms, 0, sizeof *ms);
	memcpy(ms->date, date, sizeof ms->date - 1);
	ms->kind = kind;
	ms->concerns_year = concerns;
	snprintf(ms->key, sizeof ms->key, "%s", kind_keys[kind]);
	return ms;
}

/* A checkpoint and its deadline two months later. */
static void add_report(list *l, int year, const char *monthday, plan_milestone_kind checkpoint,
	plan_milestone_kind deadline)
{
	plan_milestone *ms = add(l, year, monthday, checkpoint, year);
	if (!ms)
		return;
	char due[11];
	if (plan_date_add_months(due, ms->date, 2) == 0 && year_of(due) == year)
		add(l, year, due + 5, deadline, year);
}

static int compare(const void *a, const void *b)
{
	const plan_milestone *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->key, y->key);
}

static const char *text_of(const plan_node *n)
{
	return n && n->type == PLAN_NODE_STRING ? n->u.text : NULL;
}

static void note_date(char latest[11], const char *date)
{
	if (date && plan_date_valid(date, strlen(date)) && strcmp(date, latest) > 0)
		memcpy(latest, date, 11);
}

int plan_calendar_build(plan_calendar **out, const plan_model *m, int year)
{
	*out = NULL;
	plan_calendar *cal = calloc(1, sizeof *cal);
	if (!cal)
		return -1;
	cal->year = year;
	char first[32];
	snprintf(first, sizeof first, "%04d-01-01", year % 10000);
	memcpy(cal->latest_date, first, 10);
	list l = { 0 };

	add(&l, year, "04-15", PLAN_MILESTONE_AR_DEADLINE, year - 1);
	add_report(&l, year, m->calendar_dr1 ? m->calendar_dr1 : "04-30",
		PLAN_MILESTONE_DR1_CHECKPOINT, PLAN_MILESTONE_DR1_DEADLINE);
	add_report(&l, year, m->calendar_dr2 ? m->calendar_dr2 : "08-31",
		PLAN_MILESTONE_DR2_CHECKPOINT, PLAN_MILESTONE_DR2_DEADLINE);
	add(&l, year, "11-30", PLAN_MILESTONE_BUDGET_DEADLINE, year + 1);
	add(&l, year, "12-31", PLAN_MILESTONE_YEAR_END, year);

	for (size_t i = 0; i < m->nitems; i++) {
		const plan_item *body = m->items[i];
		if (body->kind != PLAN_ITEM_BODY || !body->school_year || plan_model_find(m, body->id) != body)
			continue;
		plan_milestone *ms = add(&l, year, "08-01", PLAN_MILESTONE_SCHOOL_YEAR_START, year);
		if (ms) {
			ms->body = body;
			snprintf(ms->key, sizeof ms->key, "%s-%s", kind_keys[ms->kind], body->id);
		}
	}
	for (size_t d = 0; d < m->ndocs; d++) {
		const plan_document *doc = m->docs[d];
		if (doc->kind == PLAN_DOC_UPPFOLJNING)
			note_date(cal->latest_date, text_of(plan_node_get(doc->root, "as_of")));
		if (doc->kind != PLAN_DOC_FLERARSPLAN && doc->kind != PLAN_DOC_VERKSAMHETSPLAN)
			continue;
		const char *date = text_of(plan_node_get(plan_node_get(doc->root, "adopted"), "date"));
		note_date(cal->latest_date, date);
		if (!date || !plan_date_valid(date, strlen(date)) || year_of(date) != year || !doc->id)
			continue;
		plan_milestone *ms = add(&l, year, date + 5, PLAN_MILESTONE_PLAN_ADOPTED, year);
		if (ms) {
			ms->plan = doc;
			snprintf(ms->key, sizeof ms->key, "%s-%s", kind_keys[ms->kind], doc->id);
		}
	}
	if (l.oom) {
		free(l.items);
		free(cal);
		return -1;
	}
	if (l.n)
		qsort(l.items, l.n, sizeof *l.items, compare);
	cal->milestones = l.items;
	cal->n = l.n;
	*out = cal;
	return 0;
}

void plan_calendar_free(plan_calendar *cal)
{
	if (!cal)
		return;
	free(cal->milestones);
	free(cal);
}
