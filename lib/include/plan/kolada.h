/* plan/kolada.h: KPI outcomes from a file in the shape of Kolada's data API
 * (https://api.kolada.se/v2/data/...): a JSON object whose `values` list
 * holds rows of `kpi`, `municipality`, `period` and `values`, the latter a
 * list of `{gender: T|K|M, value: N}`. JSON is YAML, so the library's loader
 * reads it; no other parser is involved. */
#ifndef PLAN_KOLADA_H
#define PLAN_KOLADA_H

#include <stddef.h>

#include "plan/error.h"
#include "plan/load.h"

typedef struct plan_kolada plan_kolada;

/* Parse `len` bytes named `name` (for messages). Returns 0 with *out set
 * (free with plan_kolada_free), or -1 with `err` set: the text is not
 * well-formed JSON/YAML (the message names line and column), or it has no
 * `values` list. Rows that lack a KPI id, a municipality or a year are
 * skipped and counted. */
int plan_kolada_load(plan_kolada **out, const char *name, const char *text, size_t len,
	const plan_limits *limits, plan_error *err);

void plan_kolada_free(plan_kolada *kolada);

/* Move the rows of `from` after those of `into` (a later file's row wins
 * where both have one) and free `from`. Returns 0, or -1 when memory ran
 * out, leaving both as they were. */
int plan_kolada_merge(plan_kolada *into, plan_kolada *from);

/* Rows read, and rows skipped for lack of a KPI id, municipality or year. */
size_t plan_kolada_rows(const plan_kolada *kolada);
size_t plan_kolada_skipped(const plan_kolada *kolada);

/* The values for one KPI id, municipality code and year: the total (gender
 * T) and, when the row has them, women (K) and men (M). Returns 1 when a row
 * with a total exists, else 0. The has_ flags and values of absent genders
 * are 0. When several rows match, the last one in the file wins. */
typedef struct plan_kolada_value {
	double total, women, men;
	int has_women, has_men;
} plan_kolada_value;

int plan_kolada_find(const plan_kolada *kolada, const char *kpi, const char *municipality,
	int year, plan_kolada_value *out);

/* The years (ascending, each once) that have a total for this KPI id and
 * municipality: at most `max` are stored in `years`; returns how many there
 * are in all. */
size_t plan_kolada_years(const plan_kolada *kolada, const char *kpi, const char *municipality,
	int *years, size_t max);

#endif
