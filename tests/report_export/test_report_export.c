/* Unit tests for the open-data tables of tests/report/sets/full: which
 * tables there are and in what order, rows and cells of each kind (ids
 * joined, numbers in '.' form, booleans, follow-up entries, links), and
 * CSV and JSON written from them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/report_export.h"
#include "plan/set.h"

static plan_set *set;
static plan_export *e;

static int setup(void **state)
{
	(void)state;
	plan_set_options opt = PLAN_SET_OPTIONS_INIT;
	plan_error err = PLAN_ERROR_INIT;
	opt.path = PLAN_TEST_DIR "/report/sets/full";
	opt.jobs = 1;
	if (plan_set_load(&set, &opt, &err) < 0)
		return -1;
	return plan_export_build(&e, plan_set_model(set));
}

static int teardown(void **state)
{
	(void)state;
	plan_export_free(e);
	plan_set_free(set);
	return 0;
}

/* The cell of `column` in the first row of `table` whose first `key`
 * column is `value`. */
static const char *cell(const char *table, const char *key, const char *value, const char *column)
{
	const plan_export_table *t = plan_export_find(e, table);
	assert_non_null(t);
	size_t k = SIZE_MAX, c = SIZE_MAX;
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (strcmp(t->columns[i].name, key) == 0 && k == SIZE_MAX)
			k = i;
		if (strcmp(t->columns[i].name, column) == 0)
			c = i;
	}
	assert_true(k != SIZE_MAX && c != SIZE_MAX);
	for (size_t r = 0; r < t->nrows; r++)
		if (t->cells[r * t->ncolumns + k] && strcmp(t->cells[r * t->ncolumns + k], value) == 0)
			return t->cells[r * t->ncolumns + c];
	fail_msg("%s has no row %s=%s", table, key, value);
	return NULL;
}

static void test_tables_in_order(void **state)
{
	(void)state;
	static const char *const names[] = { "fullmaktigemal", "namndmal", "kontorsmal",
		"sarskilda_uppdrag", "nyckeltal", "nyckeltal_utfall", "aktiviteter", "uppfoljning",
		"lankar", "direktivmal" };
	for (size_t t = 0; t < PLAN_EXPORT_TABLES; t++) {
		assert_string_equal(e->tables[t].name, names[t]);
		assert_true(e->tables[t].nrows > 0);
	}
	assert_null(plan_export_find(e, "nope"));
	assert_int_equal(plan_export_find(e, "fullmaktigemal")->nrows, 6);
}

static void test_cells(void **state)
{
	(void)state;
	assert_string_equal(cell("fullmaktigemal", "id", "KF-1", "agenda2030"), "4;4.1;10.2");
	assert_string_equal(cell("fullmaktigemal", "id", "KF-1", "perspektiv"), "invanare");
	assert_null(cell("fullmaktigemal", "id", "KF-2", "beskrivning"));
	assert_string_equal(cell("namndmal", "id", "BUN-1", "bidrar_till"), "KF-1");
	assert_string_equal(cell("kontorsmal", "id", "UTBK-1", "agare"), "utbk");
	assert_string_equal(cell("sarskilda_uppdrag", "id", "SU-2026-3", "tilldelad"), "ks;sbn");
	assert_string_equal(cell("sarskilda_uppdrag", "id", "SU-2026-1", "belopp_tkr"), "1500");
	assert_string_equal(cell("sarskilda_uppdrag", "id", "SU-2026-1", "fran_ar"), "2026");
	assert_string_equal(cell("nyckeltal", "id", "NT-UTBK-4", "basvarde"), "-1.2");
	assert_string_equal(cell("nyckeltal", "id", "NT-UTBK-1", "enheter_ska_folja"), "true");
	assert_string_equal(cell("nyckeltal", "id", "NT-UTBK-2", "riktning"), "lower");
	assert_null(cell("nyckeltal", "id", "NT-KLK-2", "basvarde_ar"));
	assert_string_equal(cell("nyckeltal_utfall", "nyckeltal_id", "NT-UTBK-1", "utfall"), "77.1");
	assert_string_equal(cell("nyckeltal_utfall", "nyckeltal_id", "NT-UTBK-1", "bedomning"), "met");
	assert_string_equal(cell("uppfoljning", "post_id", "BUN-1", "post_typ"), "body_goal");
	assert_string_equal(cell("lankar", "fran_id", "BUN-1", "till_id"), "KF-1");
	assert_string_equal(cell("lankar", "fran_id", "BUN-1", "roll"), "contributes_to");
	assert_string_equal(cell("lankar", "fran_id", "BUN-1", "till_typ"), "kf_goal");
}

static void test_csv_header_and_records(void **state)
{
	(void)state;
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	plan_export_csv(&out, plan_export_find(e, "lankar"));
	assert_false(out.failed);
	assert_non_null(out.buf.ptr);
	assert_memory_equal(out.buf.ptr, "fran_id,fran_typ,till_id,till_typ,roll\r\n", 40);
	assert_int_equal(out.buf.ptr[out.buf.len - 1], '\n');
	assert_int_equal(out.buf.ptr[out.buf.len - 2], '\r');
	plan_buf_free(&out.buf);
}

static void test_json_types(void **state)
{
	(void)state;
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	plan_export_json(&out, e, plan_set_model(set), &opt);
	assert_false(out.failed);
	const char *s = out.buf.ptr;
	assert_non_null(strstr(s, "\"command\": \"export\""));
	assert_non_null(strstr(s, "\"enheter_ska_folja\": true"));
	assert_non_null(strstr(s, "\"basvarde\": -1.2"));
	assert_non_null(strstr(s, "\"fran_ar\": 2026"));
	assert_non_null(strstr(s, "\"beskrivning\": null"));
	assert_null(strstr(s, "\"root\""));
	plan_buf_free(&out.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_in_order),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_csv_header_and_records),
		cmocka_unit_test(test_json_types),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
