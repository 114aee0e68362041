/* export.c: the plan set as open-data tables (plan/report_export.h): the
 * tables built from the model and the KPI table, and written as CSV or
 * JSON. The column lists below are the contract the README documents. */
#define _POSIX_C_SOURCE 200809L /* mkdir */

#include "report_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "array.h"
#include "plan/csv.h"
#include "plan/report_export.h"

#define T PLAN_EXPORT_TEXT
#define I PLAN_EXPORT_ID
#define L PLAN_EXPORT_IDS
#define Y PLAN_EXPORT_INTEGER
#define N PLAN_EXPORT_NUMBER
#define B PLAN_EXPORT_BOOLEAN
#define D PLAN_EXPORT_DATE

static const plan_export_column kf_columns[] = {
	{ "dokument_id", I }, { "id", I }, { "titel", T }, { "perspektiv", I },
	{ "beskrivning", T }, { "strategier", T }, { "agenda2030", L } };
static const plan_export_column goal_columns[] = {
	{ "dokument_id", I }, { "agare", I }, { "id", I }, { "titel", T },
	{ "perspektiv", I }, { "beskrivning", T }, { "bidrar_till", L } };
static const plan_export_column assignment_columns[] = {
	{ "dokument_id", I }, { "id", I }, { "titel", T }, { "tilldelad", L },
	{ "fullmaktigemal", I }, { "fran_ar", Y }, { "till_ar", Y },
	{ "finansiering", I }, { "belopp_tkr", N } };
static const plan_export_column kpi_columns[] = {
	{ "dokument_id", I }, { "agare", I }, { "id", I }, { "namn", T },
	{ "mater", L }, { "aspekt", I }, { "enhet", T }, { "riktning", I },
	{ "kolada", I }, { "basvarde_ar", Y }, { "basvarde", N },
	{ "enheter_ska_folja", B } };
static const plan_export_column outcome_columns[] = {
	{ "nyckeltal_id", I }, { "ar", Y }, { "malvarde", N }, { "utfall", N },
	{ "utfall_period", I }, { "kalla", I }, { "bedomning", I } };
static const plan_export_column activity_columns[] = {
	{ "dokument_id", I }, { "agare", I }, { "ar", Y }, { "lasar", I },
	{ "id", I }, { "titel", T }, { "bidrar_till", L }, { "perspektiv", I },
	{ "ansvarig", T }, { "start", D }, { "klart", D } };
static const plan_export_column followup_columns[] = {
	{ "dokument_id", I }, { "agare", I }, { "ar", Y }, { "period", I },
	{ "per_datum", D }, { "post_id", I }, { "post_typ", I }, { "status", I },
	{ "prognos", I }, { "atgarder", T }, { "resultat", T }, { "analys", T },
	{ "forbattringar", T }, { "redovisning", T }, { "varde", N }, { "varde_period", I } };
static const plan_export_column link_columns[] = {
	{ "fran_id", I }, { "fran_typ", I }, { "till_id", I }, { "till_typ", I },
	{ "roll", I } };

#undef T
#undef I
#undef L
#undef Y
#undef N
#undef B
#undef D

enum { KF, BODY_GOALS, OFFICE_GOALS, ASSIGNMENTS, KPIS, OUTCOMES, ACTIVITIES, FOLLOWUP, LINKS,
	DIRECTIVE_GOALS };

#define COLUMNS(c) c, sizeof c / sizeof c[0]
static const struct { const char *name; const plan_export_column *columns; size_t n; }
specs[PLAN_EXPORT_TABLES] = {
	{ "fullmaktigemal", COLUMNS(kf_columns) },
	{ "namndmal", COLUMNS(goal_columns) },
	{ "kontorsmal", COLUMNS(goal_columns) },
	{ "sarskilda_uppdrag", COLUMNS(assignment_columns) },
	{ "nyckeltal", COLUMNS(kpi_columns) },
	{ "nyckeltal_utfall", COLUMNS(outcome_columns) },
	{ "aktiviteter", COLUMNS(activity_columns) },
	{ "uppfoljning", COLUMNS(followup_columns) },
	{ "lankar", COLUMNS(link_columns) },
	{ "direktivmal", COLUMNS(goal_columns) } };

const char *plan_export_type_key(plan_export_type type)
{
	static const char *const keys[] = { "text", "id", "ids", "integer", "number", "boolean", "date" };
	return (size_t)type < sizeof keys / sizeof keys[0] ? keys[type] : "text";
}

/* What building needs: the export, and whether memory ran out. */
typedef struct builder {
	plan_export *e;
	const plan_model *m;
	int oom;
	plan_buf tmp;
} builder;

/* A new row of table `t`, its cells empty; NULL when memory ran out. */
static const char **row(builder *b, int t)
{
	plan_export_table *table = &b->e->tables[t];
	size_t cells = table->cap * table->ncolumns;
	if (plan_array_reserve((void **)&table->cells, &cells, (table->nrows + 1) * table->ncolumns,
	                       sizeof *table->cells) < 0) {
		b->oom = 1;
		return NULL;
	}
	table->cap = cells / table->ncolumns;
	const char **r = table->cells + table->nrows++ * table->ncolumns;
	for (size_t i = 0; i < table->ncolumns; i++)
		r[i] = NULL;
	return r;
}

/* The text in b->tmp as a cell owned by the arena (NULL when empty). */
static const char *take(builder *b)
{
	const char *s = NULL;
	if (b->tmp.failed)
		b->oom = 1;
	else if (b->tmp.len && !(s = plan_arena_strndup(b->e->arena, b->tmp.ptr, b->tmp.len)))
		b->oom = 1;
	plan_buf_clear(&b->tmp);
	b->tmp.failed = 0;
	return s;
}

static const char *number(builder *b, double value)
{
	plan_out o = { NULL, b->tmp, 0 };
	json_num(&o, value);
	b->tmp = o.buf;
	return take(b);
}

static const char *integer(builder *b, long long value)
{
	plan_buf_printf(&b->tmp, "%lld", value);
	return take(b);
}

/* A scalar value as a cell: text as written, a number in JSON's form (so
 * CSV and JSON agree). */
static const char *scalar(builder *b, const plan_node *n)
{
	if (!n || plan_node_is_collection(n) || n->type == PLAN_NODE_NULL)
		return NULL;
	if (n->type == PLAN_NODE_NUMBER)   /* 0x10, 1_000 and 1e3 as plain decimals */
		return number(b, n->number);
	return n->u.text;
}

static const char *value_of(builder *b, const plan_node *map, const char *key)
{
	return scalar(b, plan_node_get(map, key));
}

/* A list of scalars joined by `sep`. */
static const char *joined(builder *b, const plan_node *list, const char *sep)
{
	if (!list || list->type != PLAN_NODE_SEQUENCE)
		return scalar(b, list);
	for (uint32_t i = 0; i < list->len; i++) {
		const plan_node *n = list->u.items[i];
		if (plan_node_is_collection(n))
			continue;
		if (b->tmp.len)
			plan_buf_puts(&b->tmp, sep);
		plan_buf_puts(&b->tmp, n->u.text);
	}
	return take(b);
}

/* The ids an item's references of `role` name, joined by ';'. */
static const char *refs_of(builder *b, const plan_item *item, plan_ref_role role)
{
	for (size_t i = 0; i < item->nrefs; i++) {
		if (item->refs[i].role != role)
			continue;
		if (b->tmp.len)
			plan_buf_putc(&b->tmp, ';');
		plan_buf_puts(&b->tmp, item->refs[i].id);
	}
	return take(b);
}

static const char *perspective(const builder *b, const plan_item *item)
{
	int p = plan_report_perspective(b->m, item);
	return p >= 0 ? b->m->perspectives[p].id : NULL;
}

static const char *owner_id(const plan_document *doc)
{
	const plan_node *n = plan_node_get(doc->root, "owner");
	return doc->owner ? doc->owner->id : n && n->type == PLAN_NODE_STRING ? n->u.text : NULL;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static void item_rows(builder *b, const plan_item *item)
{
	const char **r;
	const char *doc = item->doc ? item->doc->id : NULL;
	switch (item->kind) {
	case PLAN_ITEM_KF_GOAL:
		if (!(r = row(b, KF)))
			return;
		r[0] = doc, r[1] = item->id, r[2] = nonempty(item->title), r[3] = perspective(b, item);
		r[4] = value_of(b, item->node, "description");
		r[5] = joined(b, plan_node_get(item->node, "strategies"), "\n");
		r[6] = joined(b, plan_node_get(item->node, "agenda2030"), ";");
		break;
	case PLAN_ITEM_BODY_GOAL:
	case PLAN_ITEM_OFFICE_GOAL:
	case PLAN_ITEM_DIRECTIVE_GOAL:
		if (!(r = row(b, item->kind == PLAN_ITEM_BODY_GOAL ? BODY_GOALS :
		                 item->kind == PLAN_ITEM_OFFICE_GOAL ? OFFICE_GOALS : DIRECTIVE_GOALS)))
			return;
		r[0] = doc, r[1] = item->doc ? owner_id(item->doc) : NULL, r[2] = item->id;
		r[3] = nonempty(item->title), r[4] = perspective(b, item);
		r[5] = value_of(b, item->node, "description");
		r[6] = refs_of(b, item, PLAN_REF_CONTRIBUTES_TO);
		break;
	case PLAN_ITEM_ASSIGNMENT: {
		if (!(r = row(b, ASSIGNMENTS)))
			return;
		const plan_node *funding = plan_node_get(item->node, "funding");
		r[0] = doc, r[1] = item->id, r[2] = nonempty(item->title);
		r[3] = refs_of(b, item, PLAN_REF_ASSIGNED_TO);
		r[4] = refs_of(b, item, PLAN_REF_GOAL);
		r[5] = item->from_year ? integer(b, item->from_year) : NULL;
		r[6] = item->to_year ? integer(b, item->to_year) : NULL;
		r[7] = value_of(b, funding, "type");
		r[8] = value_of(b, funding, "amount_tkr");
		break;
	}
	case PLAN_ITEM_KPI: {
		if (!(r = row(b, KPIS)))
			return;
		const plan_node *baseline = plan_node_get(item->node, "baseline");
		r[0] = doc, r[1] = item->doc ? owner_id(item->doc) : NULL, r[2] = item->id;
		r[3] = nonempty(item->title), r[4] = refs_of(b, item, PLAN_REF_MEASURES);
		r[5] = value_of(b, item->node, "aspect"), r[6] = value_of(b, item->node, "unit");
		r[7] = value_of(b, item->node, "direction"), r[8] = value_of(b, item->node, "kolada");
		r[9] = value_of(b, baseline, "year"), r[10] = value_of(b, baseline, "value");
		r[11] = item->units_must_follow ? "true" : "false";
		break;
	}
	case PLAN_ITEM_ACTIVITY:
		if (!(r = row(b, ACTIVITIES)))
			return;
		r[0] = doc, r[1] = item->doc ? owner_id(item->doc) : NULL;
		r[2] = !item->doc ? NULL : item->doc->year ? integer(b, item->doc->year)
			: item->doc->school_year ? integer(b, item->doc->school_year) : NULL;
		r[3] = item->doc ? value_of(b, item->doc->root, "school_year") : NULL;
		r[4] = item->id, r[5] = nonempty(item->title);
		r[6] = refs_of(b, item, PLAN_REF_CONTRIBUTES_TO), r[7] = perspective(b, item);
		r[8] = value_of(b, item->node, "responsible");
		r[9] = value_of(b, item->node, "start"), r[10] = value_of(b, item->node, "due");
		break;
	default:
		return;
	}
	/* Every link the item writes, upward or to its bodies. */
	for (size_t i = 0; i < item->nrefs; i++) {
		const plan_ref *ref = &item->refs[i];
		if (!(r = row(b, LINKS)))
			return;
		r[0] = item->id, r[1] = plan_item_kind_key(item->kind), r[2] = ref->id;
		r[3] = ref->target ? plan_item_kind_key(ref->target->kind) : NULL;
		r[4] = plan_ref_role_key(ref->role);
	}
}

static void followup_rows(builder *b, const plan_document *doc)
{
	for (size_t i = 0; i < doc->nrefs; i++) {
		const plan_ref *ref = &doc->refs[i];
		if (ref->role != PLAN_REF_FU_GOAL && ref->role != PLAN_REF_FU_ASSIGNMENT &&
		    ref->role != PLAN_REF_FU_ACTIVITY && ref->role != PLAN_REF_FU_KPI)
			continue;
		const char **r = row(b, FOLLOWUP);
		if (!r)
			return;
		const plan_node *entry = ref->entry;
		r[0] = doc->id, r[1] = doc->owner_is_kommun ? "kommun" : owner_id(doc);
		r[2] = doc->year ? integer(b, doc->year) : NULL, r[3] = doc->period;
		r[4] = value_of(b, doc->root, "as_of");
		r[5] = ref->id, r[6] = ref->target ? plan_item_kind_key(ref->target->kind) : NULL;
		r[7] = value_of(b, entry, "status"), r[8] = value_of(b, entry, "forecast");
		r[9] = value_of(b, entry, "actions"), r[10] = value_of(b, entry, "results");
		r[11] = value_of(b, entry, "analysis"), r[12] = value_of(b, entry, "improvements");
		r[13] = value_of(b, entry, "report");
		r[14] = value_of(b, entry, "value"), r[15] = value_of(b, entry, "period");
	}
}

static void outcome_rows(builder *b, const plan_kpi_table *t)
{
	for (size_t k = 0; k < t->nkpis; k++) {
		const plan_kpi_report *kpi = &t->kpis[k];
		for (size_t y = 0; y < kpi->nyears; y++) {
			const plan_kpi_year *year = &kpi->years[y];
			const char **r = row(b, OUTCOMES);
			if (!r)
				return;
			r[0] = kpi->kpi->id, r[1] = integer(b, year->year);
			r[2] = year->has_target ? number(b, year->target) : NULL;
			r[3] = year->has_outcome ? number(b, year->outcome) : NULL;
			r[4] = year->has_outcome ? year->period : NULL;
			r[5] = !year->has_outcome ? NULL : year->from_kolada ? "kolada" : year->doc ? year->doc->id : NULL;
			r[6] = plan_kpi_result_key(year->result);
		}
	}
}

int plan_export_build(plan_export **out, const plan_model *model)
{
	*out = NULL;
	builder b = { calloc(1, sizeof *b.e), model, 0, PLAN_BUF_INIT };
	plan_kpi_table *kpis = NULL;
	if (!b.e)
		return -1;
	for (size_t t = 0; t < PLAN_EXPORT_TABLES; t++) {
		b.e->tables[t].name = specs[t].name;
		b.e->tables[t].columns = specs[t].columns;
		b.e->tables[t].ncolumns = specs[t].n;
	}
	plan_kpi_options ko = PLAN_KPI_OPTIONS_INIT;
	if (!(b.e->arena = plan_arena_new()) || plan_kpi_table_build(&kpis, model, &ko) < 0)
		goto cleanup;
	for (size_t i = 0; i < model->nitems && !b.oom; i++)
		if (plan_report_defines(model, model->items[i]))
			item_rows(&b, model->items[i]);
	outcome_rows(&b, kpis);
	for (size_t d = 0; d < model->ndocs && !b.oom; d++)
		if (model->docs[d]->kind == PLAN_DOC_UPPFOLJNING)
			followup_rows(&b, model->docs[d]);
	if (!b.oom) {
		*out = b.e;
		b.e = NULL;
	}

cleanup:
	plan_kpi_table_free(kpis);
	plan_buf_free(&b.tmp);
	plan_export_free(b.e);
	return *out ? 0 : -1;
}

void plan_export_free(plan_export *e)
{
	if (!e)
		return;
	for (size_t t = 0; t < PLAN_EXPORT_TABLES; t++)
		free(e->tables[t].cells);
	plan_arena_free(e->arena);
	free(e);
}

const plan_export_table *plan_export_find(const plan_export *e, const char *name)
{
	for (size_t t = 0; name && t < PLAN_EXPORT_TABLES; t++)
		if (strcmp(e->tables[t].name, name) == 0)
			return &e->tables[t];
	return NULL;
}

void plan_export_csv(plan_out *out, const plan_export_table *table)
{
	for (size_t c = 0; c < table->ncolumns; c++) {
		if (c)
			plan_buf_putc(&out->buf, ',');
		plan_csv_field_str(&out->buf, table->columns[c].name);
	}
	plan_csv_end_record(&out->buf);
	for (size_t r = 0; r < table->nrows; r++) {
		const char *const *cells = table->cells + r * table->ncolumns;
		for (size_t c = 0; c < table->ncolumns; c++) {
			if (c)
				plan_buf_putc(&out->buf, ',');
			plan_csv_field_str(&out->buf, cells[c]);
		}
		plan_csv_end_record(&out->buf);
		plan_out_maybe_flush(out);
	}
	if (out->buf.failed)
		out->failed = 1;
}

/* A cell as JSON: numbers and booleans bare, the rest strings, empty null. */
static void json_cell(plan_out *out, const char *cell, plan_export_type type)
{
	if (!cell)
		plan_buf_puts(&out->buf, "null");
	else if (type == PLAN_EXPORT_BOOLEAN)
		plan_buf_puts(&out->buf, strcmp(cell, "true") == 0 ? "true" : "false");
	else if (type == PLAN_EXPORT_INTEGER || type == PLAN_EXPORT_NUMBER) {
		char *end = NULL;
		double v = strtod(cell, &end);
		if (end && end != cell && *end == '\0')
			json_num(out, v);
		else
			json_str(out, cell);   /* a value the schema refused, kept as text */
	} else
		json_str(out, cell);
}

void plan_export_json(plan_out *out, const plan_export *e, const plan_model *model,
	const plan_report_options *opt)
{
	plan_buf *b = &out->buf;
	plan_buf_putc(b, '{');
	json_key(out, 1, "command", 1);
	json_str(out, "export");
	json_key(out, 1, "revision", 0);
	json_str(out, opt->revision);
	json_key(out, 1, "municipality", 0);
	json_municipality(out, model);
	json_key(out, 1, "tables", 0);
	plan_buf_putc(b, '{');
	for (size_t t = 0; t < PLAN_EXPORT_TABLES; t++) {
		const plan_export_table *table = &e->tables[t];
		json_key(out, 2, table->name, t == 0);
		plan_buf_putc(b, '[');
		for (size_t r = 0; r < table->nrows; r++) {
			plan_buf_puts(b, r ? ",\n      {" : "\n      {");
			for (size_t c = 0; c < table->ncolumns; c++) {
				if (c)
					plan_buf_puts(b, ", ");
				json_str(out, table->columns[c].name);
				plan_buf_puts(b, ": ");
				json_cell(out, table->cells[r * table->ncolumns + c], table->columns[c].type);
			}
			plan_buf_putc(b, '}');
			plan_out_maybe_flush(out);
		}
		plan_buf_puts(b, table->nrows ? "\n    ]" : "]");
	}
	plan_buf_puts(b, "\n  }\n}\n");
	if (b->failed)
		out->failed = 1;
}

/* One file of the export, written whole or not at all. */
static int write_file(const plan_export *e, const plan_model *model, const char *path,
	const plan_export_table *table, const char *root, const plan_report_options *opt,
	plan_error *err)
{
	plan_output *output = NULL;
	if (plan_output_open(&output, path, root, err) < 0)
		return -1;
	plan_out out = { plan_output_stream(output), PLAN_BUF_INIT, 0 };
	if (table)
		plan_export_csv(&out, table);
	else
		plan_export_json(&out, e, model, opt);
	plan_out_flush(&out);
	plan_buf_free(&out.buf);
	if (out.failed) {
		plan_output_abort(output);
		return plan_error_set(err, "cannot write '%s': %s", path,
			plan_tr(err ? err->lang : PLAN_LANG_EN, strerror(EIO)));
	}
	return plan_output_commit(output, err);
}

int plan_export_write_dir(const plan_export *e, const plan_model *model, const char *dir,
	int csv, const plan_report_options *opt, plan_error *err)
{
	struct stat st;
	plan_lang lang = err ? err->lang : PLAN_LANG_EN;
	if (mkdir(dir, 0755) != 0 && (errno != EEXIST || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		return plan_error_set(err, "cannot make the folder '%s': %s", dir,
			plan_tr(lang, strerror(errno == EEXIST ? ENOTDIR : errno)));
	plan_buf path = PLAN_BUF_INIT;
	int status = 0;
	for (size_t t = 0; status == 0 && t < (csv ? PLAN_EXPORT_TABLES : 1); t++) {
		plan_buf_clear(&path);
		plan_buf_printf(&path, "%s/%s", dir, csv ? e->tables[t].name : "plan");
		plan_buf_puts(&path, csv ? ".csv" : ".json");
		if (path.failed)
			status = plan_error_set(err, "out of memory");
		else
			status = write_file(e, model, path.ptr, csv ? &e->tables[t] : NULL, opt->root, opt, err);
	}
	plan_buf_free(&path);
	return status;
}
