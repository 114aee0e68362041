/* Unit tests for the report document (plan/doc.h), its renderers
 * (plan/render.h) and the reports built as documents (plan/report_doc.h),
 * the latter from tests/report/sets/full, the set the end-to-end report
 * tests render. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/doc.h"
#include "plan/render.h"
#include "plan/report_doc.h"
#include "plan/set.h"

/* What `format` makes of `d`, as a string the caller frees. */
static char *rendered(const plan_report_doc *d, plan_format format)
{
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	out.buf.max = (size_t)1 << 30;
	assert_int_equal(plan_render(&out, d, format), 0);
	assert_false(out.failed);
	assert_false(out.buf.failed);
	plan_buf_putc(&out.buf, 0);
	return plan_buf_detach(&out.buf);
}

/* The text of a block's spans, one after another. */
static void block_text(const plan_report_doc *d, const plan_doc_block *b, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = b->first; i < b->first + b->n; i++) {
		const plan_doc_span *s = &d->spans[i];
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%.*s", (int)s->len, d->text.ptr + s->off);
	}
}

static void test_markdown_escapes_and_structure(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Mål #1 *viktigt*");
	plan_doc_para(&d);
	plan_doc_put(&d, PLAN_DOC_STRONG, "Status:");
	plan_doc_put(&d, PLAN_DOC_PLAIN, " - [länk](x) <b>");
	plan_doc_item(&d, 0);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "1. första");
	plan_doc_item(&d, 1);
	plan_doc_put(&d, PLAN_DOC_EM, "under");
	char *md = rendered(&d, PLAN_FORMAT_MD);
	assert_string_equal(md,
		"## Mål \\#1 \\*viktigt\\*\n\n"
		"**Status:** - \\[länk\\](x) \\<b\\>\n\n"
		"- 1\\. första\n"
		"  - *under*\n\n");
	free(md);
	plan_doc_free(&d);
}

static void test_html_escapes_hostile_text(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_EN), 0);
	plan_doc_heading(&d, 1);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "<script>alert(1)</script>");
	plan_doc_para(&d);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "a & b \"c\" 'd' \x01 <img src=x onerror=y>");
	char *html = rendered(&d, PLAN_FORMAT_HTML);
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	assert_non_null(strstr(html, "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
	assert_non_null(strstr(html, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>\n"));
	assert_non_null(strstr(html, "<p>a &amp; b &quot;c&quot; &#39;d&#39; \xef\xbf\xbd &lt;img src=x onerror=y&gt;</p>\n"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	free(html);
	plan_doc_free(&d);
}

static void test_text_table_alignment(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_doc_table(&d, "lr");
	const char *cells[] = { "Namn", "Antal", "a", "5", "längre", "1234" };
	for (size_t i = 0; i < 6; i++) {
		plan_doc_cell(&d);
		plan_doc_put(&d, PLAN_DOC_PLAIN, cells[i]);
	}
	char *text = rendered(&d, PLAN_FORMAT_TEXT);
	/* widths in columns, not bytes: "längre" is six wide */
	assert_string_equal(text,
		"Namn    Antal\n"
		"------  -----\n"
		"a           5\n"
		"längre   1234\n\n");
	free(text);
	char *md = rendered(&d, PLAN_FORMAT_MD);
	assert_string_equal(md,
		"| Namn | Antal |\n| --- | ---: |\n| a | 5 |\n| längre | 1234 |\n\n");
	free(md);
	plan_doc_free(&d);
}

static void test_text_wraps_items(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_doc_item(&d, 0);
	for (int i = 0; i < 20; i++)
		plan_doc_put(&d, PLAN_DOC_PLAIN, "ordet ");
	char *text = rendered(&d, PLAN_FORMAT_TEXT);
	/* 78 columns: "- " and twelve words make 73, a thirteenth would make
	 * 79; the rest goes under the text, not under the dash */
	assert_string_equal(text,
		"- ordet ordet ordet ordet ordet ordet ordet ordet ordet ordet ordet ordet\n"
		"  ordet ordet ordet ordet ordet ordet ordet ordet\n\n");
	free(text);
	plan_doc_free(&d);
}

static void test_ids_and_links(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "KF-1");
	plan_doc_id(&d, "goal-KF-1");
	plan_doc_para(&d);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Se ");
	plan_doc_link(&d, "KF-1", "goal-KF-1");
	plan_doc_link(&d, "<x>", "a\"b");
	const plan_doc_block *b = plan_doc_find(&d, "goal-KF-1");
	assert_non_null(b);
	assert_int_equal(b->kind, PLAN_BLOCK_HEADING);
	assert_null(plan_doc_find(&d, "goal-KF-2"));
	/* two links are two spans, even side by side */
	assert_int_equal(d.blocks[1].n, 3);
	assert_int_equal(d.spans[d.blocks[1].first + 1].style, PLAN_DOC_LINK);
	assert_string_equal(d.spans[d.blocks[1].first + 1].ref, "goal-KF-1");
	char *html = rendered(&d, PLAN_FORMAT_HTML);
	assert_non_null(strstr(html, "<h2 id=\"goal-KF-1\">KF-1</h2>\n"));
	assert_non_null(strstr(html, "<p>Se <a href=\"#goal-KF-1\">KF-1</a><a href=\"#a&quot;b\">&lt;x&gt;</a></p>\n"));
	free(html);
	char *md = rendered(&d, PLAN_FORMAT_MD);
	assert_string_equal(md, "## KF-1\n\nSe KF-1\\<x\\>\n\n");
	free(md);
	plan_doc_free(&d);
}

/* The contents: a list of links to the sections, before the first; only in
 * the standalone file (a site's page has its own frame), and only for two
 * sections or more. Section ids are kept where a block has one. */
static void test_html_contents(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_doc_heading(&d, 1);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Titel");
	plan_doc_para(&d);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Inledning.");
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Första <del>");
	plan_doc_heading(&d, 3);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Under");
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_STRONG, "Andra");
	plan_doc_id(&d, "KF-1");
	char *html = rendered(&d, PLAN_FORMAT_HTML);
	assert_non_null(strstr(html, "<p>Inledning.</p>\n<nav class=\"toc\" aria-labelledby=\"_contents\">\n"
		"<h2 id=\"_contents\">Innehåll</h2>\n<ol>\n"
		"<li><a href=\"#_s1\">Första &lt;del&gt;</a></li>\n"
		"<li><a href=\"#KF-1\">Andra</a></li>\n</ol>\n</nav>\n"
		"<h2 id=\"_s1\">Första &lt;del&gt;</h2>\n<h3>Under</h3>\n"
		"<h2 id=\"KF-1\"><strong>Andra</strong></h2>\n"));
	assert_non_null(strstr(html, "@page{size:A4;"));
	assert_non_null(strstr(html, "counter(page)"));
	free(html);
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	plan_render_html_body(&out, &d, NULL);
	plan_buf_putc(&out.buf, 0);
	assert_null(strstr(out.buf.ptr, "toc"));
	assert_non_null(strstr(out.buf.ptr, "<h2>Första &lt;del&gt;</h2>"));
	plan_buf_free(&out.buf);
	plan_doc_free(&d);

	/* One section: no contents. */
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_EN), 0);
	plan_doc_heading(&d, 2);
	plan_doc_put(&d, PLAN_DOC_PLAIN, "Only");
	html = rendered(&d, PLAN_FORMAT_HTML);
	assert_null(strstr(html, "<nav"));
	assert_non_null(strstr(html, "<h2 id=\"_s1\">Only</h2>"));
	free(html);
	plan_doc_free(&d);
}

/* Table columns: figures right aligned, short ones and one-word cells
 * never wrapped, a short parenthesis after a figure kept whole (escaped
 * inside), and the longest text column given room. */
static void test_html_table_columns(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_doc_table(&d, "llr");
	const char *cells[] = {
		"Id", "Namn", "Utfall",
		"NT-SOCK-6", "Andel av hemtjänstens körsträcka med elbil eller elcykel", "72 (jan–aug 2026)",
		"NT-X", "Kort", "125 (sep 2025–aug 2026) (<b>)",
	};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		plan_doc_cell(&d);
		plan_doc_put(&d, PLAN_DOC_PLAIN, cells[i]);
	}
	char *html = rendered(&d, PLAN_FORMAT_HTML);
	assert_non_null(strstr(html, "<tr><th class=\"nw\">Id</th><th class=\"wide\">Namn</th>"
		"<th class=\"num\">Utfall</th></tr>"));
	assert_non_null(strstr(html, "<td class=\"nw\">NT-SOCK-6</td>"));
	assert_non_null(strstr(html, "<td class=\"num\">72 <span class=\"nw\">(jan–aug 2026)</span></td>"));
	assert_non_null(strstr(html, "<td class=\"num\">125 (sep 2025–aug 2026) <span class=\"nw\">(&lt;b&gt;)</span></td>"));
	free(html);
	plan_doc_free(&d);
}

/* A KPI chart names each KPI under its id: a long name in two lines, cut
 * with "…" and whole in a <title>; a name with no space is cut at a
 * character, never inside one. */
static void test_html_kpi_chart_names(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_chart *c = plan_doc_chart(&d, PLAN_CHART_KPI, "Nyckeltal", 3);
	assert_non_null(c);
	const char *names[] = {
		"Kort namn",
		"Skillnad mellan helårsprognosen i delårsrapport 2 och årets utfall, procent av nettokostnaden",
		"ååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååååå",
	};
	for (size_t i = 0; i < 3; i++) {
		plan_chart_row *r = &c->rows[c->nrows++];
		r->label = plan_doc_strdup(&d, i == 0 ? "NT-1" : i == 1 ? "NT-2" : "NT-3");
		r->name = plan_doc_strdup(&d, names[i]);
		r->has[2] = 1;
		r->v[2] = 1;
		r->note = plan_doc_strdup(&d, "Utfall 1");
	}
	char *html = rendered(&d, PLAN_FORMAT_HTML);
	assert_non_null(strstr(html, "font-weight=\"600\">NT-1</text>"));
	assert_non_null(strstr(html, "fill=\"#444\">Kort namn</text>"));
	assert_non_null(strstr(html, ">Skillnad mellan helårsprognosen i</text>"));
	assert_non_null(strstr(html, ">delårsrapport 2 och årets utfall, procent\xe2\x80\xa6<title>Skillnad mellan"));
	/* 44 and 43 å, each two bytes, then the ellipsis */
	char want[256] = ">";
	for (int i = 0; i < 44; i++)
		memcpy(want + 1 + 2 * i, "å", 2);
	memcpy(want + 89, "</text>", 8);
	assert_non_null(strstr(html, want));
	want[0] = '>';
	memcpy(want + 87, "\xe2\x80\xa6<title>", 11);
	assert_non_null(strstr(html, want));
	free(html);
	plan_doc_free(&d);
}

static void test_render_refuses_json(void **state)
{
	(void)state;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, PLAN_LANG_SV), 0);
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };
	assert_int_equal(plan_render(&out, &d, PLAN_FORMAT_JSON), -1);
	assert_int_equal(plan_render(&out, &d, PLAN_FORMAT_ICS), -1);
	assert_int_equal(out.buf.len, 0);
	plan_buf_free(&out.buf);
	plan_doc_free(&d);
}

/* --- reports from tests/report/sets/full ---------------------------------------- */

static plan_set *set;

static int setup(void **state)
{
	(void)state;
	plan_set_options opt = PLAN_SET_OPTIONS_INIT;
	plan_error err = PLAN_ERROR_INIT;
	opt.path = PLAN_TEST_DIR "/report/sets/full";
	opt.jobs = 1;
	if (plan_set_load(&set, &opt, &err) < 0) {
		print_error("%s\n", err.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	plan_set_free(set);
	return 0;
}

static void test_followup_doc(void **state)
{
	(void)state;
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	opt.year = 2026;
	opt.period = PLAN_PERIOD_DR1;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, opt.lang), 0);
	assert_int_equal(plan_report_followup_doc(&d, plan_set_model(set), &opt), PLAN_REPORT_OK);
	char text[512];
	assert_true(d.nblocks > 10);
	assert_int_equal(d.blocks[0].kind, PLAN_BLOCK_HEADING);
	assert_int_equal(d.blocks[0].level, 1);
	block_text(&d, &d.blocks[0], text, sizeof text);
	assert_string_equal(text, "Delårsrapport 1 2026 – Ekeby kommun");
	/* A DR1 opens with the feared deviations, one item each: six goals,
	 * one särskilt uppdrag, two economies. */
	assert_int_equal(d.blocks[2].kind, PLAN_BLOCK_HEADING);
	block_text(&d, &d.blocks[2], text, sizeof text);
	assert_string_equal(text, "Befarade avvikelser");
	size_t b = 4, items = 0;
	while (b < d.nblocks && d.blocks[b].kind == PLAN_BLOCK_ITEM) {
		items++;
		b++;
	}
	assert_int_equal(items, 9);
	block_text(&d, &d.blocks[4 + 6], text, sizeof text);
	assert_non_null(strstr(text, "SU-2026-3"));
	assert_non_null(strstr(text, "prognos: Försenat"));
	assert_int_equal(d.blocks[b].kind, PLAN_BLOCK_HEADING);
	block_text(&d, &d.blocks[b], text, sizeof text);
	assert_string_equal(text, "Sammanfattning");
	/* the counts per perspective: 7 columns, a header and three rows at least */
	size_t t = 0;
	while (t < d.nblocks && d.blocks[t].kind != PLAN_BLOCK_TABLE)
		t++;
	assert_true(t < d.nblocks);
	assert_int_equal(d.blocks[t].ncols, 7);
	assert_string_equal(d.blocks[t].align, "lrrrrrr");
	assert_true(d.blocks[t].n >= 4 * 7);
	/* the HTML has its chart */
	size_t charts = 0;
	for (size_t i = 0; i < d.nblocks; i++)
		charts += d.blocks[i].kind == PLAN_BLOCK_CHART;
	assert_true(charts >= 1);
	/* and it ends with where it came from */
	assert_int_equal(d.blocks[d.nblocks - 1].kind, PLAN_BLOCK_PARA);
	block_text(&d, &d.blocks[d.nblocks - 1], text, sizeof text);
	assert_string_equal(text, "Underlag: arbetskatalogen.");
	plan_doc_free(&d);
}

static void test_followup_nothing(void **state)
{
	(void)state;
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	opt.year = 2031;
	opt.period = PLAN_PERIOD_AR;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, opt.lang), 0);
	/* no follow-up that year; messages NULL: nothing is said */
	assert_int_equal(plan_report_followup_doc(&d, plan_set_model(set), &opt), PLAN_REPORT_NOTHING);
	opt.year = 2026;
	opt.owner = "no-such-owner";
	assert_int_equal(plan_report_followup_doc(&d, plan_set_model(set), &opt), PLAN_REPORT_NOTHING);
	assert_int_equal(plan_report_plan_doc(&d, plan_set_model(set), &opt), PLAN_REPORT_NOTHING);
	assert_int_equal(d.nblocks, 0);
	plan_doc_free(&d);
}

/* The calendar rendered by the library is the end-to-end golden file. */
static void test_calendar_matches_golden(void **state)
{
	(void)state;
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	opt.year = 2026;
	plan_report_doc d;
	assert_int_equal(plan_doc_init(&d, opt.lang), 0);
	assert_int_equal(plan_report_calendar_doc(&d, plan_set_model(set), &opt), PLAN_REPORT_OK);
	assert_int_equal(d.blocks[2].kind, PLAN_BLOCK_TABLE);
	assert_int_equal(d.blocks[2].ncols, 2);
	assert_int_equal(d.blocks[2].n, 2 * 10);
	char *md = rendered(&d, PLAN_FORMAT_MD);
	FILE *f = fopen(PLAN_TEST_DIR "/report/expected/calendar.md", "rb");
	assert_non_null(f);
	char want[8192];
	size_t n = fread(want, 1, sizeof want - 1, f);
	fclose(f);
	want[n] = '\0';
	assert_string_equal(md, want);
	free(md);
	plan_doc_free(&d);
}

/* A report made of data built beforehand is the report that builds it. */
static void test_doc_of_prepared_data(void **state)
{
	(void)state;
	const plan_model *m = plan_set_model(set);
	plan_report_options opt = PLAN_REPORT_OPTIONS_INIT;
	opt.year = 2026;
	opt.period = PLAN_PERIOD_DR1;
	plan_report_doc a, b;
	assert_int_equal(plan_doc_init(&a, opt.lang), 0);
	assert_int_equal(plan_doc_init(&b, opt.lang), 0);
	assert_int_equal(plan_report_followup_doc(&a, m, &opt), PLAN_REPORT_OK);
	plan_followup *f = NULL;
	plan_followup_options fo = { 2026, PLAN_PERIOD_DR1, NULL, NULL };
	plan_error err = PLAN_ERROR_INIT;
	assert_int_equal(plan_followup_build(&f, m, &fo, &err), 0);
	assert_int_equal(plan_report_followup_doc_of(&b, m, f, &opt), PLAN_REPORT_OK);
	char *want = rendered(&a, PLAN_FORMAT_HTML), *got = rendered(&b, PLAN_FORMAT_HTML);
	assert_string_equal(got, want);
	free(want);
	free(got);
	plan_followup_free(f);
	plan_doc_free(&a);
	plan_doc_free(&b);

	assert_int_equal(plan_doc_init(&a, opt.lang), 0);
	assert_int_equal(plan_doc_init(&b, opt.lang), 0);
	assert_int_equal(plan_report_kpis_doc(&a, m, &opt), PLAN_REPORT_OK);
	plan_kpi_table *t = NULL;
	plan_kpi_options ko = PLAN_KPI_OPTIONS_INIT;
	assert_int_equal(plan_kpi_table_build(&t, m, &ko), 0);
	assert_int_equal(plan_report_kpis_doc_of(&b, m, t, &opt), PLAN_REPORT_OK);
	want = rendered(&a, PLAN_FORMAT_MD);
	got = rendered(&b, PLAN_FORMAT_MD);
	assert_string_equal(got, want);
	free(want);
	free(got);
	plan_kpi_table_free(t);
	plan_doc_free(&a);
	plan_doc_free(&b);
}

static void test_help(void **state)
{
	(void)state;
	assert_non_null(strstr(plan_report_help(NULL, PLAN_LANG_EN), "Usage: plan-report COMMAND"));
	assert_non_null(strstr(plan_report_help("kpis", PLAN_LANG_EN), "--kolada FILE"));
	assert_null(plan_report_help("nonsense", PLAN_LANG_EN));
}

int main(void)
{
	const struct CMUnitTest doc_tests[] = {
		cmocka_unit_test(test_markdown_escapes_and_structure),
		cmocka_unit_test(test_html_escapes_hostile_text),
		cmocka_unit_test(test_text_table_alignment),
		cmocka_unit_test(test_text_wraps_items),
		cmocka_unit_test(test_ids_and_links),
		cmocka_unit_test(test_html_contents),
		cmocka_unit_test(test_html_table_columns),
		cmocka_unit_test(test_html_kpi_chart_names),
		cmocka_unit_test(test_render_refuses_json),
		cmocka_unit_test(test_help),
	};
	const struct CMUnitTest report_tests[] = {
		cmocka_unit_test(test_followup_doc),
		cmocka_unit_test(test_followup_nothing),
		cmocka_unit_test(test_calendar_matches_golden),
		cmocka_unit_test(test_doc_of_prepared_data),
	};
	int failed = cmocka_run_group_tests_name("doc", doc_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("report", report_tests, setup, teardown);
	return failed;
}
