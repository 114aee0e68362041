/* plan/report_export.h: the plan set as open-data tables (plan-report
 * export): fullmäktigemål, nämndmål, kontorsplan goals, särskilda uppdrag,
 * KPIs and their yearly targets and outcomes, activities, follow-up entries
 * and links, each a table with fixed, never translated column names, written
 * as RFC 4180 CSV (one file per table) or as one JSON object. The column
 * dictionary is in the README; a test holds the two together. */
#ifndef PLAN_REPORT_EXPORT_H
#define PLAN_REPORT_EXPORT_H

#include <stddef.h>

#include "plan/arena.h"
#include "plan/error.h"
#include "plan/model.h"
#include "plan/output.h"
#include "plan/report_doc.h"

/* What a column holds; JSON writes integer, number and boolean bare. */
typedef enum plan_export_type {
	PLAN_EXPORT_TEXT,      /* plan text as written */
	PLAN_EXPORT_ID,        /* an id or an enum code as written */
	PLAN_EXPORT_IDS,       /* ids separated by ';' */
	PLAN_EXPORT_INTEGER,   /* a year */
	PLAN_EXPORT_NUMBER,    /* '.' decimal, no exponent */
	PLAN_EXPORT_BOOLEAN,   /* true or false */
	PLAN_EXPORT_DATE       /* YYYY-MM-DD */
} plan_export_type;

typedef struct plan_export_column {
	const char *name;      /* ASCII snake_case, stable */
	plan_export_type type;
} plan_export_column;

/* One table: rows of ncolumns cells each; a NULL cell is empty (null). */
typedef struct plan_export_table {
	const char *name;      /* the file's name without .csv: "nyckeltal" */
	const plan_export_column *columns;
	size_t ncolumns;
	const char **cells;    /* nrows * ncolumns, row by row */
	size_t nrows;
	size_t cap;            /* rows allocated */
} plan_export_table;

#define PLAN_EXPORT_TABLES 10

typedef struct plan_export {
	plan_export_table tables[PLAN_EXPORT_TABLES];   /* in a fixed order */
	plan_arena *arena;     /* owns the cells made for the export */
} plan_export;

/* "text", "id", "ids", "integer", "number", "boolean", "date". */
const char *plan_export_type_key(plan_export_type type);

/* Every table of `model` (the first definition of an id only), rows in the
 * order the plan set defines them (files by path, then documents and items
 * as written). Cells point into the model or the export's arena: the export
 * lives no longer than the model. Returns 0 with *out set (free with
 * plan_export_free), or -1 when memory ran out. */
int plan_export_build(plan_export **out, const plan_model *model);

void plan_export_free(plan_export *e);

/* The table of that name, or NULL. */
const plan_export_table *plan_export_find(const plan_export *e, const char *name);

/* One table as RFC 4180 CSV (plan/csv.h): a header of the column names,
 * then a record per row, CRLF line ends. Failures land in out->failed. */
void plan_export_csv(plan_out *out, const plan_export_table *table);

/* Every table as one JSON object: {"command": "export", "revision",
 * "municipality", "tables": {NAME: [{COLUMN: value, ...}, ...], ...}}. No
 * root path: the file is for publishing. */
void plan_export_json(plan_out *out, const plan_export *e, const plan_model *model,
	const plan_report_options *opt);

/* Write the export into the folder `dir` (made when missing; its parent
 * must exist): with `csv` one file per table, NAME.csv, else plan.json.
 * Each file is replaced only once written whole (plan_output_open, which
 * also refuses a YAML file inside opt->root); other files in `dir` are left
 * alone. Returns 0, or -1 with `err` set (files written before the failure
 * stay). */
int plan_export_write_dir(const plan_export *e, const plan_model *model, const char *dir,
	int csv, const plan_report_options *opt, plan_error *err);

#endif
