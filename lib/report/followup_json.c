/* followup_json.c: plan-report followup --format json: the follow-up as one
 * JSON object with a documented, stable key order (README, plan-report). */
#include "report_impl.h"

#include <string.h>

static void counts_json(plan_out *out, const size_t *n, int count, const char *(*key)(int), size_t total)
{
	plan_buf_putc(&out->buf, '{');
	for (int s = 0; s < count; s++) {
		if (s)
			plan_buf_puts(&out->buf, ", ");
		json_str(out, key(s));
		plan_buf_printf(&out->buf, ": %zu", n[s]);
	}
	plan_buf_printf(&out->buf, ", \"total\": %zu}", total);
}

static const char *goal_key(int s) { return plan_goal_status_key((plan_goal_status)s); }
static const char *task_key(int s) { return plan_task_status_key((plan_task_status)s); }
static const char *result_key(int s) { return plan_kpi_result_key((plan_kpi_result)s); }

static void status_counts(plan_out *out, const plan_status_counts *c)
{
	counts_json(out, c->n, PLAN_GOAL_STATUSES, goal_key, c->total);
}

static void task_counts(plan_out *out, const size_t *n)
{
	size_t total = 0;
	for (int s = 0; s < PLAN_TASK_STATUSES; s++)
		total += n[s];
	counts_json(out, n, PLAN_TASK_STATUSES, task_key, total);
}

static void doc_id(plan_out *out, const plan_document *document)
{
	json_str(out, document ? document->id : NULL);
}

static void owner_or_null(plan_out *out, const plan_model *m, const plan_item *owner)
{
	if (owner)
		json_owner(out, m, owner);
	else
		plan_buf_puts(&out->buf, "null");
}

static void entry_json(plan_out *out, const plan_model *m, const plan_fu_entry *e, int depth,
	int interim, int under_kf)
{
	int activity = e->item->kind == PLAN_ITEM_ACTIVITY;
	plan_buf_putc(&out->buf, '{');
	json_key(out, depth + 1, "id", 1);
	json_str(out, e->item->id);
	json_key(out, depth + 1, "kind", 0);
	json_str(out, plan_item_kind_key(e->item->kind));
	json_key(out, depth + 1, "title", 0);
	json_str(out, e->item->title);
	json_key(out, depth + 1, "owner", 0);
	owner_or_null(out, m, e->item->owner);
	if (under_kf) {
		/* A nämndmål below a fullmäktigemål: the direktivmål a bolag's
		 * goal contributes through, or null. */
		json_key(out, depth + 1, "via", 0);
		json_str(out, e->via ? e->via->id : NULL);
	}
	json_key(out, depth + 1, "perspective", 0);
	json_perspective(out, m, e->perspective);
	json_key(out, depth + 1, "document", 0);
	doc_id(out, e->doc);
	json_key(out, depth + 1, "status", 0);
	json_str(out, activity ? plan_task_status_key(e->task) : plan_goal_status_key(e->status));
	if (activity) {
		json_key(out, depth + 1, "responsible", 0);
		json_str(out, e->responsible);
		json_key(out, depth + 1, "due", 0);
		json_str(out, e->due);
	} else {
		json_key(out, depth + 1, "forecast", 0);
		json_str(out, interim || e->forecast != PLAN_GOAL_UNREPORTED ? plan_goal_status_key(e->forecast) : NULL);
		json_key(out, depth + 1, "actions", 0);
		json_str(out, e->actions);
		json_key(out, depth + 1, "results", 0);
		json_str(out, e->results);
		json_key(out, depth + 1, "analysis", 0);
		json_str(out, e->analysis);
		json_key(out, depth + 1, "improvements", 0);
		json_str(out, e->improvements);
	}
	if (e->nbelow || e->item->kind != PLAN_ITEM_ACTIVITY) {
		json_key(out, depth + 1, "below", 0);
		plan_buf_putc(&out->buf, '[');
		for (size_t k = 0; k < e->nbelow; k++) {
			if (k)
				plan_buf_putc(&out->buf, ',');
			plan_buf_putc(&out->buf, '\n');
			for (int i = 0; i < depth + 2; i++)
				plan_buf_puts(&out->buf, "  ");
			entry_json(out, m, &e->below[k], depth + 2, interim,
				e->item->kind == PLAN_ITEM_KF_GOAL);
		}
		plan_buf_puts(&out->buf, e->nbelow ? "\n" : "");
		if (e->nbelow)
			for (int i = 0; i < depth + 1; i++)
				plan_buf_puts(&out->buf, "  ");
		plan_buf_putc(&out->buf, ']');
	}
	plan_buf_putc(&out->buf, '\n');
	for (int i = 0; i < depth; i++)
		plan_buf_puts(&out->buf, "  ");
	plan_buf_putc(&out->buf, '}');
	plan_out_maybe_flush(out);
}

static void indent(plan_out *out, int depth)
{
	plan_buf_putc(&out->buf, '\n');
	for (int i = 0; i < depth; i++)
		plan_buf_puts(&out->buf, "  ");
}

static void open_list(plan_out *out, size_t i, int depth)
{
	if (i)
		plan_buf_putc(&out->buf, ',');
	indent(out, depth);
}

static void close_list(plan_out *out, size_t n, int depth)
{
	if (n)
		indent(out, depth);
	plan_buf_putc(&out->buf, ']');
}

static void number_or_null(plan_out *out, int has, double value)
{
	if (has)
		json_num(out, value);
	else
		plan_buf_puts(&out->buf, "null");
}

static void assignment_json(plan_out *out, const plan_model *m, const plan_fu_assignment *row)
{
	const plan_item *a = row->assignment;
	plan_buf_puts(&out->buf, "{\"id\": ");
	json_str(out, a->id);
	plan_buf_puts(&out->buf, ", \"title\": ");
	json_str(out, a->title);
	plan_buf_puts(&out->buf, ", \"assigned_to\": [");
	size_t n = 0;
	for (size_t r = 0; r < a->nrefs; r++)
		if (a->refs[r].role == PLAN_REF_ASSIGNED_TO) {
			if (n++)
				plan_buf_puts(&out->buf, ", ");
			json_str(out, a->refs[r].id);
		}
	plan_buf_puts(&out->buf, "], \"from\": ");
	number_or_null(out, a->from_year != 0, a->from_year);
	plan_buf_puts(&out->buf, ", \"to\": ");
	number_or_null(out, a->to_year != 0, a->to_year);
	plan_buf_puts(&out->buf, ", \"funding\": {\"type\": ");
	json_str(out, row->funding == PLAN_FUNDING_TILLSKOTT ? "tillskott" :
		row->funding == PLAN_FUNDING_INOM_RAM ? "inom_ram" : NULL);
	plan_buf_puts(&out->buf, ", \"amount_tkr\": ");
	number_or_null(out, row->has_amount, row->amount_tkr);
	plan_buf_puts(&out->buf, "}, \"status\": ");
	json_str(out, plan_task_status_key(row->status));
	plan_buf_puts(&out->buf, ", \"reported_by\": ");
	if (row->doc)
		json_owner(out, m, row->reporter);
	else
		plan_buf_puts(&out->buf, "null");
	plan_buf_puts(&out->buf, ", \"document\": ");
	doc_id(out, row->doc);
	plan_buf_puts(&out->buf, ", \"report\": ");
	json_str(out, row->report);
	plan_buf_puts(&out->buf, ", \"forecast\": ");
	json_str(out, row->forecast == PLAN_TASK_UNREPORTED ? NULL : plan_task_status_key(row->forecast));
	plan_buf_puts(&out->buf, ", \"actions\": ");
	json_str(out, row->actions);
	plan_buf_puts(&out->buf, ", \"improvements\": ");
	json_str(out, row->improvements);
	plan_buf_putc(&out->buf, '}');
}

void kpi_year_json(plan_out *out, const plan_kpi_year *row)
{
	plan_buf_puts(&out->buf, "\"target\": ");
	number_or_null(out, row->has_target, row->target);
	plan_buf_puts(&out->buf, ", \"outcome\": ");
	if (!row->has_outcome) {
		plan_buf_puts(&out->buf, "null");
	} else {
		plan_buf_puts(&out->buf, "{\"value\": ");
		json_num(out, row->outcome);
		plan_buf_printf(&out->buf, ", \"year\": %d, \"period\": ", row->outcome_year);
		json_str(out, row->period);
		plan_buf_puts(&out->buf, ", \"women\": ");
		number_or_null(out, row->has_women, row->women);
		plan_buf_puts(&out->buf, ", \"men\": ");
		number_or_null(out, row->has_men, row->men);
		plan_buf_puts(&out->buf, ", \"source\": ");
		json_str(out, row->from_kolada ? "kolada" : "followup");
		plan_buf_puts(&out->buf, ", \"document\": ");
		doc_id(out, row->doc);
		plan_buf_putc(&out->buf, '}');
	}
	plan_buf_puts(&out->buf, ", \"result\": ");
	json_str(out, plan_kpi_result_key(row->result));
	plan_buf_puts(&out->buf, ", \"margin\": ");
	number_or_null(out, row->has_outcome && row->has_target, row->margin);
}

static void kpi_json(plan_out *out, const plan_kpi_report *r, const plan_kpi_year *row)
{
	plan_buf_puts(&out->buf, "{\"id\": ");
	json_str(out, r->kpi->id);
	plan_buf_puts(&out->buf, ", \"name\": ");
	json_str(out, r->kpi->title);
	plan_buf_puts(&out->buf, ", \"unit\": ");
	json_str(out, r->unit);
	plan_buf_puts(&out->buf, ", \"direction\": ");
	json_str(out, r->lower_is_better ? "lower" : "higher");
	plan_buf_puts(&out->buf, ", \"baseline\": ");
	if (r->has_baseline) {
		plan_buf_printf(&out->buf, "{\"year\": %d, \"value\": ", r->baseline_year);
		json_num(out, r->baseline);
		plan_buf_putc(&out->buf, '}');
	} else {
		plan_buf_puts(&out->buf, "null");
	}
	plan_buf_puts(&out->buf, ", ");
	kpi_year_json(out, row);
	plan_buf_putc(&out->buf, '}');
}

static void economy_json(plan_out *out, const plan_model *m, const plan_fu_economy *row)
{
	const plan_economy *e = &row->economy;
	plan_buf_puts(&out->buf, "{\"owner\": ");
	if (row->is_sum)
		plan_buf_puts(&out->buf, "null");
	else
		json_owner(out, m, row->owner);
	plan_buf_printf(&out->buf, ", \"sum\": %s, \"document\": ", row->is_sum ? "true" : "false");
	doc_id(out, row->doc);
	plan_buf_puts(&out->buf, ", \"budget_tkr\": ");
	number_or_null(out, e->has_budget, e->budget_tkr);
	plan_buf_puts(&out->buf, ", \"outcome_tkr\": ");
	number_or_null(out, e->has_outcome, e->outcome_tkr);
	plan_buf_puts(&out->buf, ", \"forecast_tkr\": ");
	number_or_null(out, e->has_forecast, e->forecast_tkr);
	plan_buf_puts(&out->buf, ", \"deviation_tkr\": ");
	number_or_null(out, e->has_deviation, e->deviation_tkr);
	plan_buf_puts(&out->buf, ", \"deviation_pct\": ");
	number_or_null(out, e->has_deviation_pct, e->deviation_pct);
	plan_buf_puts(&out->buf, ", \"basis\": ");
	json_str(out, e->basis == PLAN_ECONOMY_FORECAST ? "forecast" :
		e->basis == PLAN_ECONOMY_OUTCOME ? "outcome" : NULL);
	plan_buf_puts(&out->buf, ", \"comment\": ");
	json_str(out, e->comment);
	plan_buf_puts(&out->buf, ", \"actions\": ");
	json_str(out, e->actions);
	plan_buf_putc(&out->buf, '}');
}

/* DR1 and DR2: what the feared deviations are, by id (goals and
 * assignments are in full under "goals", "deviations" and "assignments"),
 * and for each economy, its owner and how far over budget it is. */
static void feared_json(plan_out *out, const plan_model *m, const plan_followup *f)
{
	plan_buf_puts(&out->buf, "{\"goals\": [");
	for (size_t i = 0; i < f->nfeared_goals; i++) {
		if (i)
			plan_buf_puts(&out->buf, ", ");
		json_str(out, f->feared_goals[i]->item->id);
	}
	plan_buf_puts(&out->buf, "], \"assignments\": [");
	for (size_t i = 0; i < f->nfeared_assignments; i++) {
		if (i)
			plan_buf_puts(&out->buf, ", ");
		json_str(out, f->feared_assignments[i]->assignment->id);
	}
	plan_buf_puts(&out->buf, "], \"economy\": [");
	for (size_t i = 0; i < f->nfeared_economy; i++) {
		const plan_fu_economy *row = f->feared_economy[i];
		plan_buf_puts(&out->buf, i ? ", {\"owner\": " : "{\"owner\": ");
		json_owner(out, m, row->owner);
		plan_buf_puts(&out->buf, ", \"over_tkr\": ");
		json_num(out, row->economy.forecast_tkr - row->economy.budget_tkr);
		plan_buf_putc(&out->buf, '}');
	}
	plan_buf_puts(&out->buf, "]}");
}

static void part_json(plan_out *out, const plan_hushallning_part *part)
{
	plan_buf_printf(&out->buf, "\"goals\": %zu, \"counts\": ", part->counts.total);
	status_counts(out, &part->counts);
	plan_buf_puts(&out->buf, ", \"score\": ");
	json_num(out, part->score);
	plan_buf_puts(&out->buf, ", \"share\": ");
	number_or_null(out, part->counts.total > 0, part->share);
}

static void hushallning_json(plan_out *out, const plan_model *m, const plan_followup *f)
{
	const plan_hushallning *h = &f->hushallning;
	const plan_hushallning_rules *r = &h->rules;
	plan_buf_putc(&out->buf, '{');
	json_key(out, 2, "verdict", 1);
	json_str(out, plan_hushallning_verdict_key(h->verdict));
	json_key(out, 2, "basis", 0);
	json_str(out, f->period != PLAN_PERIOD_AR && r->interim_by_forecast ? "forecast" : "status");
	json_key(out, 2, "rules", 0);
	plan_buf_puts(&out->buf, "{\"min_share_met\": ");
	json_num(out, r->min_share_met);
	plan_buf_puts(&out->buf, ", \"partly_met_counts_as\": ");
	json_num(out, r->partly_met_counts_as);
	plan_buf_puts(&out->buf, ", \"min_share_each_perspective\": ");
	json_num(out, r->min_share_each_perspective);
	plan_buf_puts(&out->buf, ", \"perspectives_fully_met\": [");
	for (size_t i = 0; i < r->nfully_met; i++) {
		if (i)
			plan_buf_puts(&out->buf, ", ");
		json_str(out, r->fully_met[i]);
	}
	plan_buf_puts(&out->buf, "], \"interim_basis\": ");
	json_str(out, r->interim_by_forecast ? "forecast" : "status");
	plan_buf_putc(&out->buf, '}');
	json_key(out, 2, "total", 0);
	plan_buf_putc(&out->buf, '{');
	part_json(out, &h->all);
	plan_buf_printf(&out->buf, ", \"share_ok\": %s}", h->share_ok ? "true" : "false");
	json_key(out, 2, "perspectives", 0);
	plan_buf_putc(&out->buf, '[');
	size_t n = 0;
	for (size_t p = 0; p <= h->nperspectives; p++) {
		const plan_hushallning_part *part = p < h->nperspectives ? &h->perspectives[p] : &h->unplaced;
		if (p == h->nperspectives && !part->counts.total)
			continue;
		open_list(out, n++, 3);
		plan_buf_puts(&out->buf, "{\"perspective\": ");
		json_perspective(out, m, p < h->nperspectives ? (int)p : -1);
		plan_buf_puts(&out->buf, ", ");
		part_json(out, part);
		plan_buf_printf(&out->buf, ", \"must_be_fully_met\": %s, \"fully_met\": %s, \"share_ok\": %s}",
			part->must_be_fully_met ? "true" : "false", part->fully_met ? "true" : "false",
			part->share_ok ? "true" : "false");
	}
	close_list(out, n, 2);
	json_key(out, 2, "unknown_perspective", 0);
	json_str(out, h->unknown_perspective);
	json_key(out, 2, "assessment", 0);
	json_str(out, f->hushallning_assessment);
	indent(out, 1);
	plan_buf_putc(&out->buf, '}');
}

void followup_json(plan_out *out, const plan_model *m, const plan_followup *f,
	const plan_report_options *opt)
{
	int interim = f->period != PLAN_PERIOD_AR;
	json_head(out, opt, m, "followup");
	json_key(out, 1, "owner", 0);
	json_owner(out, m, f->owner);
	json_key(out, 1, "year", 0);
	plan_buf_printf(&out->buf, "%d", f->year);
	json_key(out, 1, "period", 0);
	json_str(out, plan_period_key(f->period));
	json_key(out, 1, "as_of", 0);
	json_str(out, f->as_of);
	json_key(out, 1, "document", 0);
	plan_buf_puts(&out->buf, "{\"id\": ");
	json_str(out, f->doc->id);
	plan_buf_puts(&out->buf, ", \"file\": ");
	json_str(out, f->doc->file->path);
	plan_buf_putc(&out->buf, '}');

	json_key(out, 1, "status_counts", 0);
	plan_buf_putc(&out->buf, '[');
	size_t n = 0;
	for (size_t p = 0; p < f->nperspective_rows; p++) {
		int last = p + 1 == f->nperspective_rows;
		if (last && !f->status_by_perspective[p].total)
			continue;
		open_list(out, n++, 2);
		plan_buf_puts(&out->buf, "{\"perspective\": ");
		json_perspective(out, m, last ? -1 : (int)p);
		plan_buf_puts(&out->buf, ", \"status\": ");
		status_counts(out, &f->status_by_perspective[p]);
		plan_buf_puts(&out->buf, ", \"forecast\": ");
		if (interim)
			status_counts(out, &f->forecast_by_perspective[p]);
		else
			plan_buf_puts(&out->buf, "null");
		plan_buf_putc(&out->buf, '}');
	}
	close_list(out, n, 1);
	json_key(out, 1, "status_total", 0);
	status_counts(out, &f->status_all);
	json_key(out, 1, "forecast_total", 0);
	if (interim)
		status_counts(out, &f->forecast_all);
	else
		plan_buf_puts(&out->buf, "null");

	json_key(out, 1, "hushallning", 0);
	if (f->has_hushallning)
		hushallning_json(out, m, f);
	else
		plan_buf_puts(&out->buf, "null");

	json_key(out, 1, "goals", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t g = 0; g < f->ngoals; g++) {
		open_list(out, g, 2);
		entry_json(out, m, &f->goals[g], 2, interim, 0);
	}
	close_list(out, f->ngoals, 1);

	json_key(out, 1, "assignments", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t i = 0; i < f->nassignments; i++) {
		open_list(out, i, 2);
		assignment_json(out, m, &f->assignments[i]);
	}
	close_list(out, f->nassignments, 1);
	json_key(out, 1, "assignment_counts", 0);
	task_counts(out, f->assignment_counts);

	json_key(out, 1, "kpis", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t i = 0; i < f->nkpis; i++) {
		open_list(out, i, 2);
		kpi_json(out, f->kpis[i], &f->kpi_rows[i]);
	}
	close_list(out, f->nkpis, 1);
	json_key(out, 1, "kpi_counts", 0);
	counts_json(out, f->kpi_counts, PLAN_KPI_RESULTS, result_key, f->nkpis);

	json_key(out, 1, "activities", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t i = 0; i < f->nactivities; i++) {
		open_list(out, i, 2);
		entry_json(out, m, &f->activities[i], 2, interim, 0);
	}
	close_list(out, f->nactivities, 1);
	json_key(out, 1, "activity_counts", 0);
	task_counts(out, f->activity_counts);

	json_key(out, 1, "economy", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t i = 0; i < f->neconomy; i++) {
		open_list(out, i, 2);
		economy_json(out, m, &f->economy[i]);
	}
	close_list(out, f->neconomy, 1);

	json_key(out, 1, "deviations", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t i = 0; i < f->ndeviations; i++) {
		const plan_fu_entry *e = f->deviations[i];
		open_list(out, i, 2);
		plan_buf_puts(&out->buf, "{\"id\": ");
		json_str(out, e->item->id);
		plan_buf_puts(&out->buf, ", \"kind\": ");
		json_str(out, plan_item_kind_key(e->item->kind));
		plan_buf_puts(&out->buf, ", \"owner\": ");
		owner_or_null(out, m, e->item->owner);
		plan_buf_puts(&out->buf, ", \"status\": ");
		json_str(out, plan_goal_status_key(e->status));
		plan_buf_puts(&out->buf, ", \"forecast\": ");
		json_str(out, interim ? plan_goal_status_key(e->forecast) : NULL);
		plan_buf_puts(&out->buf, ", \"improvements\": ");
		json_str(out, e->improvements);
		plan_buf_putc(&out->buf, '}');
	}
	close_list(out, f->ndeviations, 1);

	json_key(out, 1, "feared_deviations", 0);
	if (interim)
		feared_json(out, m, f);
	else
		plan_buf_puts(&out->buf, "null");
	plan_buf_puts(&out->buf, "\n}\n");
}
