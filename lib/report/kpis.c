/* kpis.c: plan-report kpis: every KPI with its baseline, yearly targets and
 * outcomes (from the follow-ups and, with --kolada, a Kolada file), each
 * outcome judged by the KPI's direction. */
#include "report_impl.h"

#include <string.h>

const char *kpi_note(plan_report_doc *d, const plan_kpi_report *r, const plan_kpi_year *row)
{
	plan_buf buf = PLAN_BUF_INIT;
	int any = 0;
	if (row->has_outcome) {
		plan_buf_printf(&buf, "%s ", plan_word_text(PLAN_W_OUTCOME, d->lang));
		plan_number_format(&buf, row->outcome, -1, 0, d->lang);
		plan_buf_printf(&buf, " (%d)", row->outcome_year);
		any = 1;
	}
	if (row->has_target) {
		plan_buf_printf(&buf, "%s%s ", any ? " · " : "", plan_word_text(PLAN_W_TARGET, d->lang));
		plan_number_format(&buf, row->target, -1, 0, d->lang);
		any = 1;
	}
	if (r->has_baseline) {
		plan_buf_printf(&buf, "%s%s ", any ? " · " : "", plan_word_text(PLAN_W_BASELINE, d->lang));
		plan_number_format(&buf, r->baseline, -1, 0, d->lang);
	}
	if (buf.failed)
		d->oom = 1;
	const char *text = plan_doc_strdup(d, buf.ptr);
	plan_buf_free(&buf);
	return text;
}

void kpi_chart_row(plan_report_doc *d, plan_chart_row *cr, const plan_kpi_report *r, const plan_kpi_year *y)
{
	cr->label = plan_doc_strdup(d, r->kpi->id);
	cr->name = r->kpi->title && *r->kpi->title ? plan_doc_strdup(d, r->kpi->title) : NULL;
	cr->has[0] = (uint8_t)r->has_baseline;
	cr->v[0] = r->baseline;
	cr->has[1] = (uint8_t)y->has_target;
	cr->v[1] = y->target;
	cr->has[2] = (uint8_t)y->has_outcome;
	cr->v[2] = y->outcome;
	cr->result = (uint8_t)y->result;
	cr->note = kpi_note(d, r, y);
}

void kpi_row_start(plan_report_doc *d, const plan_kpi_report *r)
{
	plan_doc_cell(d);
	plan_doc_put(d, PLAN_DOC_PLAIN, r->kpi->id);
	plan_doc_cell(d);
	plan_doc_put(d, PLAN_DOC_PLAIN, r->kpi->title);
	plan_doc_cell(d);
	plan_doc_put(d, PLAN_DOC_PLAIN, r->unit);
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, r->lower_is_better ? PLAN_W_LOWER : PLAN_W_HIGHER);
	plan_doc_cell(d);
	if (r->has_baseline) {
		plan_doc_number(d, PLAN_DOC_PLAIN, r->baseline, -1, 0);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d)", r->baseline_year);
	} else {
		plan_doc_dash(d);
	}
}

/* The goals a KPI measures, "BUN-1, UTBK-2". */
static void measures(plan_report_doc *d, const plan_item *kpi)
{
	int first = 1;
	for (size_t r = 0; r < kpi->nrefs; r++) {
		if (kpi->refs[r].role != PLAN_REF_MEASURES)
			continue;
		if (!first)
			plan_doc_put(d, PLAN_DOC_PLAIN, ", ");
		plan_doc_put(d, PLAN_DOC_PLAIN, kpi->refs[r].id);
		first = 0;
	}
	if (first)
		plan_doc_dash(d);
}

/* The latest year with an outcome, else the last year; NULL without years. */
static const plan_kpi_year *latest(const plan_kpi_report *r)
{
	for (size_t i = r->nyears; i-- > 0;)
		if (r->years[i].has_outcome)
			return &r->years[i];
	return NULL;
}

static void value_cell(plan_report_doc *d, int has, double v)
{
	plan_doc_cell(d);
	if (has)
		plan_doc_number(d, PLAN_DOC_PLAIN, v, -1, 0);
	else
		plan_doc_dash(d);
}

static void source_text(plan_report_doc *d, const plan_kpi_year *y)
{
	if (!y->has_outcome)
		plan_doc_dash(d);
	else if (y->from_kolada)
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KOLADA);
	else if (y->doc && y->doc->id)
		plan_doc_put(d, PLAN_DOC_PLAIN, y->doc->id);
	if (y->has_outcome && y->period && strcmp(y->period, "") != 0) {
		char year[16];
		snprintf(year, sizeof year, "%d", y->outcome_year);
		if (strcmp(y->period, year) != 0)
			plan_doc_putf(d, PLAN_DOC_PLAIN, " (%s)", y->period);
	}
}

static void overview(plan_report_doc *d, const plan_kpi_table *t)
{
	plan_doc_heading(d, 2);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_OVERVIEW);
	const plan_word head[] = { PLAN_W_KPI, PLAN_W_NAME, PLAN_W_UNIT_OF_MEASURE, PLAN_W_BETTER,
		PLAN_W_BASELINE, PLAN_W_LATEST_OUTCOME, PLAN_W_TARGET, PLAN_W_ASSESSMENT_KPI };
	plan_doc_table_head(d, "llllrrrl", head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < t->nkpis; i++) {
		const plan_kpi_report *r = &t->kpis[i];
		const plan_kpi_year *y = latest(r);
		kpi_row_start(d, r);
		plan_doc_cell(d);
		if (y) {
			plan_doc_number(d, PLAN_DOC_PLAIN, y->outcome, -1, 0);
			plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d)", y->year);
		} else {
			plan_doc_dash(d);
		}
		value_cell(d, y && y->has_target, y ? y->target : 0);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_kpi_result(y ? y->result : PLAN_KPI_NO_OUTCOME, d->lang));
	}
}

static void chart_of(plan_report_doc *d, const plan_kpi_table *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nkpis; i++)
		n += latest(&t->kpis[i]) != NULL;
	if (!n)
		return;
	plan_chart *ch = plan_doc_chart(d, PLAN_CHART_KPI, plan_word_text(PLAN_W_CHART_KPI, d->lang), n);
	if (!ch)
		return;
	ch->legend = plan_doc_strdup(d, plan_word_text(PLAN_W_CHART_KPI_LEGEND, d->lang));
	for (size_t i = 0; i < t->nkpis; i++) {
		const plan_kpi_report *r = &t->kpis[i];
		const plan_kpi_year *y = latest(r);
		if (!y)
			continue;
		kpi_chart_row(d, &ch->rows[ch->nrows++], r, y);
	}
}

static void one(plan_report_doc *d, const plan_model *m, const plan_kpi_report *r)
{
	plan_doc_heading(d, 2);
	plan_doc_put(d, PLAN_DOC_PLAIN, r->kpi->id);
	plan_doc_put(d, PLAN_DOC_PLAIN, " ");
	plan_doc_put(d, PLAN_DOC_PLAIN, r->kpi->title);
	plan_doc_item(d, 0);
	plan_doc_label_word(d, PLAN_W_MEASURES);
	measures(d, r->kpi);
	if (r->kpi->owner) {
		plan_doc_item(d, 0);
		plan_doc_label_word(d, PLAN_W_OFFICE);
		plan_doc_put(d, PLAN_DOC_PLAIN, owner_name(m, r->kpi->owner));
	}
	if (r->aspect) {
		plan_doc_item(d, 0);
		plan_doc_label_word(d, PLAN_W_ASPECT);
		plan_doc_put(d, PLAN_DOC_PLAIN, r->aspect);
	}
	plan_doc_item(d, 0);
	plan_doc_label_word(d, PLAN_W_UNIT_OF_MEASURE);
	plan_doc_put(d, PLAN_DOC_PLAIN, r->unit);
	plan_doc_put(d, PLAN_DOC_PLAIN, "; ");
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_BETTER);
	plan_doc_put(d, PLAN_DOC_PLAIN, ": ");
	plan_doc_word(d, PLAN_DOC_PLAIN, r->lower_is_better ? PLAN_W_LOWER : PLAN_W_HIGHER);
	plan_doc_item(d, 0);
	plan_doc_label_word(d, PLAN_W_BASELINE);
	if (r->has_baseline) {
		plan_doc_number(d, PLAN_DOC_PLAIN, r->baseline, -1, 0);
		plan_doc_putf(d, PLAN_DOC_PLAIN, " (%d)", r->baseline_year);
	} else {
		plan_doc_dash(d);
	}
	if (r->kolada) {
		plan_doc_item(d, 0);
		plan_doc_label_word(d, PLAN_W_KOLADA);
		plan_doc_put(d, PLAN_DOC_PLAIN, r->kolada);
	}
	int genders = 0;
	for (size_t i = 0; i < r->nyears; i++)
		genders |= r->years[i].has_women || r->years[i].has_men;
	if (!r->nyears)
		return;
	plan_doc_table(d, genders ? "lrrrrll" : "lrrll");
	plan_word head[] = { PLAN_W_YEAR, PLAN_W_TARGET, PLAN_W_OUTCOME, PLAN_W_WOMEN, PLAN_W_MEN,
		PLAN_W_SOURCE, PLAN_W_ASSESSMENT_KPI };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
		if (!genders && (head[i] == PLAN_W_WOMEN || head[i] == PLAN_W_MEN))
			continue;
		plan_doc_cell(d);
		plan_doc_word(d, PLAN_DOC_PLAIN, head[i]);
	}
	for (size_t i = 0; i < r->nyears; i++) {
		const plan_kpi_year *y = &r->years[i];
		plan_doc_cell(d);
		plan_doc_putf(d, PLAN_DOC_PLAIN, "%d", y->year);
		value_cell(d, y->has_target, y->target);
		value_cell(d, y->has_outcome, y->outcome);
		if (genders) {
			value_cell(d, y->has_women, y->women);
			value_cell(d, y->has_men, y->men);
		}
		plan_doc_cell(d);
		source_text(d, y);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, plan_word_kpi_result(y->result, d->lang));
	}
}

static void kpis_doc(plan_report_doc *d, const plan_model *m, const plan_kpi_table *t, const plan_report_options *opt)
{
	const char *args[] = { owner_name(m, NULL), plan_model_municipality_code(m), opt->kolada_name };
	plan_doc_heading(d, 1);
	plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_KPIS_TITLE, args, 1);
	plan_doc_para(d);
	if (opt->kolada)
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_KPIS_INTRO_KOLADA, args + 1, 1);
	else
		plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_KPIS_INTRO);
	overview(d, t);
	chart_of(d, t);
	for (size_t i = 0; i < t->nkpis; i++)
		one(d, m, &t->kpis[i]);
	if (opt->kolada) {
		report_colophon(d);
		plan_doc_para(d);
		plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_COLOPHON_KOLADA, args + 2, 1);
	}
}

static void kpis_json(plan_out *out, const plan_model *m, const plan_kpi_table *t,
	const plan_report_options *opt)
{
	json_head(out, opt, m, "kpis");
	json_key(out, 1, "kolada", 0);
	if (opt->kolada) {
		plan_buf_puts(&out->buf, "{\"file\": ");
		json_str(out, opt->kolada_name);
		plan_buf_printf(&out->buf, ", \"rows\": %zu, \"skipped\": %zu, \"outcomes\": %zu, "
			"\"overridden\": %zu}", plan_kolada_rows(opt->kolada), plan_kolada_skipped(opt->kolada),
			t->kolada_outcomes, t->kolada_overridden);
	} else {
		plan_buf_puts(&out->buf, "null");
	}
	json_key(out, 1, "kpis", 0);
	plan_buf_putc(&out->buf, '[');
	for (size_t i = 0; i < t->nkpis; i++) {
		const plan_kpi_report *r = &t->kpis[i];
		plan_buf_puts(&out->buf, i ? ",\n    {" : "\n    {");
		json_key(out, 3, "id", 1);
		json_str(out, r->kpi->id);
		json_key(out, 3, "name", 0);
		json_str(out, r->kpi->title);
		json_key(out, 3, "office", 0);
		if (r->kpi->owner)
			json_owner(out, m, r->kpi->owner);
		else
			plan_buf_puts(&out->buf, "null");
		json_key(out, 3, "measures", 0);
		plan_buf_putc(&out->buf, '[');
		size_t n = 0;
		for (size_t k = 0; k < r->kpi->nrefs; k++)
			if (r->kpi->refs[k].role == PLAN_REF_MEASURES) {
				if (n++)
					plan_buf_puts(&out->buf, ", ");
				json_str(out, r->kpi->refs[k].id);
			}
		plan_buf_putc(&out->buf, ']');
		json_key(out, 3, "aspect", 0);
		json_str(out, r->aspect);
		json_key(out, 3, "unit", 0);
		json_str(out, r->unit);
		json_key(out, 3, "direction", 0);
		json_str(out, r->lower_is_better ? "lower" : "higher");
		json_key(out, 3, "kolada", 0);
		json_str(out, r->kolada);
		json_key(out, 3, "baseline", 0);
		if (r->has_baseline) {
			plan_buf_printf(&out->buf, "{\"year\": %d, \"value\": ", r->baseline_year);
			json_num(out, r->baseline);
			plan_buf_putc(&out->buf, '}');
		} else {
			plan_buf_puts(&out->buf, "null");
		}
		json_key(out, 3, "years", 0);
		plan_buf_putc(&out->buf, '[');
		for (size_t k = 0; k < r->nyears; k++) {
			plan_buf_printf(&out->buf, "%s\n        {\"year\": %d, ", k ? "," : "", r->years[k].year);
			kpi_year_json(out, &r->years[k]);
			plan_buf_putc(&out->buf, '}');
		}
		plan_buf_puts(&out->buf, r->nyears ? "\n      ]" : "]");
		plan_buf_puts(&out->buf, "\n    }");
		plan_out_maybe_flush(out);
	}
	plan_buf_puts(&out->buf, t->nkpis ? "\n  ]\n}\n" : "]\n}\n");
}

/* The KPI table, or a status after saying why there is none; the note
 * when the Kolada file matched nothing. */
static int kpi_table(plan_kpi_table **out, const plan_model *m, const plan_report_options *opt)
{
	plan_kpi_options ko = PLAN_KPI_OPTIONS_INIT;
	ko.kolada = opt->kolada;
	plan_kpi_table *t = NULL;
	*out = NULL;
	if (plan_kpi_table_build(&t, m, &ko) < 0)
		return report_oom(opt);
	if (!t->nkpis) {
		report_say(opt, "%s", plan_tr(opt->lang, "the plan set has no KPIs (nyckeltal "
			"are defined under 'kpis' in a kontorsplan)"));
		plan_kpi_table_free(t);
		return PLAN_REPORT_NOTHING;
	}
	if (opt->kolada && !t->kolada_outcomes && !t->kolada_overridden) {
		const char *code = plan_model_municipality_code(m);
		if (code)
			report_say(opt, plan_tr(opt->lang, "note: no row of '%s' matches a KPI's kolada "
				"id for municipality %s"), opt->kolada_name, code);
		else
			report_say(opt, plan_tr(opt->lang, "note: no row of '%s' matches a KPI's "
				"kolada id for municipality (none)"), opt->kolada_name);
	}
	*out = t;
	return PLAN_REPORT_OK;
}

int plan_report_kpis_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt)
{
	plan_kpi_table *t;
	int status = kpi_table(&t, m, opt);
	if (status != PLAN_REPORT_OK)
		return status;
	kpis_doc(d, m, t, opt);
	plan_kpi_table_free(t);
	return report_doc_done(d, opt);
}

int plan_report_kpis_doc_of(plan_report_doc *d, const plan_model *m, const plan_kpi_table *t,
	const plan_report_options *opt)
{
	if (!t->nkpis)
		return PLAN_REPORT_NOTHING;
	kpis_doc(d, m, t, opt);
	return report_doc_done(d, opt);
}

int plan_report_kpis_json(plan_out *out, const plan_model *m, const plan_report_options *opt)
{
	plan_kpi_table *t;
	int status = kpi_table(&t, m, opt);
	if (status != PLAN_REPORT_OK)
		return status;
	kpis_json(out, m, t, opt);
	plan_kpi_table_free(t);
	return PLAN_REPORT_OK;
}
