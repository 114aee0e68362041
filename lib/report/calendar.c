/* calendar.c: plan-report calendar: the year's planning and follow-up
 * milestones (the årshjul) in date order, as a document, JSON, or an
 * iCalendar file (RFC 5545) to import into a calendar. */
#include "report_impl.h"

#include <string.h>

#include "plan/report_calendar.h"

/* The milestone's text: "Delårsrapport 1 2026: avstämningsdag". */
static void summary_of(plan_buf *buf, const plan_model *m, const plan_milestone *ms, plan_lang lang)
{
	char year[16], school[16];
	snprintf(year, sizeof year, "%d", ms->concerns_year);
	snprintf(school, sizeof school, "%d/%02d", ms->concerns_year, (ms->concerns_year + 1) % 100);
	const char *args[2] = { year, NULL };
	plan_buf name = PLAN_BUF_INIT;
	switch (ms->kind) {
	case PLAN_MILESTONE_SCHOOL_YEAR_START:
		args[0] = school;
		args[1] = owner_name(m, ms->body);
		break;
	case PLAN_MILESTONE_PLAN_ADOPTED: {
		/* A verksamhetsplan has no title: its kind, years and body. */
		const char *title = node_text(ms->plan->root, "title");
		const char *by = node_text(plan_node_get(ms->plan->root, "adopted"), "by");
		const plan_item *body = by ? plan_model_find(m, by) : NULL;
		if (!title) {
			plan_buf_clear(&name);
			plan_buf_printf(&name, "%s %d–%d, %s", plan_word_text(PLAN_W_VERKSAMHETSPLAN, lang),
				ms->plan->period_from, ms->plan->period_to, owner_name(m, ms->plan->owner));
			title = name.ptr;
		}
		args[0] = title ? title : ms->plan->id;
		args[1] = body && body->kind == PLAN_ITEM_BODY ? owner_name(m, body) : by ? by : "";
		break;
	}
	default:
		break;
	}
	plan_word_fill(buf, plan_word_milestone(ms->kind, lang), args, 2);
	if (ms->kind == PLAN_MILESTONE_PLAN_ADOPTED) {
		const char *ref = node_text(plan_node_get(ms->plan->root, "adopted"), "reference");
		if (ref)
			plan_buf_printf(buf, " (%s)", ref);
	}
	if (name.failed)
		buf->failed = 1;
	plan_buf_free(&name);
}

static void calendar_doc(plan_report_doc *d, const plan_model *m, const plan_calendar *cal)
{
	char year[16];
	snprintf(year, sizeof year, "%d", cal->year);
	const char *args[] = { year, owner_name(m, NULL) };
	plan_doc_heading(d, 1);
	plan_doc_fill(d, PLAN_DOC_PLAIN, PLAN_W_CALENDAR_TITLE, args, 2);
	plan_doc_para(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_CALENDAR_INTRO);
	plan_doc_table(d, "ll");
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_DATE);
	plan_doc_cell(d);
	plan_doc_word(d, PLAN_DOC_PLAIN, PLAN_W_EVENT);
	plan_buf buf = PLAN_BUF_INIT;
	for (size_t i = 0; i < cal->n; i++) {
		plan_buf_clear(&buf);
		summary_of(&buf, m, &cal->milestones[i], d->lang);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, cal->milestones[i].date);
		plan_doc_cell(d);
		plan_doc_put(d, PLAN_DOC_PLAIN, buf.ptr);
	}
	if (buf.failed)
		d->oom = 1;
	plan_buf_free(&buf);
}

static void calendar_json(plan_out *out, const plan_model *m, const plan_calendar *cal,
	const plan_report_options *opt)
{
	json_head(out, opt, m, "calendar");
	json_key(out, 1, "year", 0);
	plan_buf_printf(&out->buf, "%d", cal->year);
	json_key(out, 1, "milestones", 0);
	plan_buf_putc(&out->buf, '[');
	/* The text in both languages, so that JSON is the same whatever
	 * --lang says, as every other report's is. */
	plan_buf text = PLAN_BUF_INIT, text_en = PLAN_BUF_INIT;
	for (size_t i = 0; i < cal->n; i++) {
		const plan_milestone *ms = &cal->milestones[i];
		plan_buf_clear(&text);
		plan_buf_clear(&text_en);
		summary_of(&text, m, ms, PLAN_LANG_SV);
		summary_of(&text_en, m, ms, PLAN_LANG_EN);
		plan_buf_puts(&out->buf, i ? ",\n    {\"date\": " : "\n    {\"date\": ");
		json_str(out, ms->date);
		plan_buf_puts(&out->buf, ", \"kind\": ");
		json_str(out, plan_milestone_kind_key(ms->kind));
		plan_buf_puts(&out->buf, ", \"key\": ");
		json_str(out, ms->key);
		plan_buf_printf(&out->buf, ", \"concerns_year\": %d, \"body\": ", ms->concerns_year);
		json_str(out, ms->body ? ms->body->id : NULL);
		plan_buf_puts(&out->buf, ", \"plan\": ");
		json_str(out, ms->plan ? ms->plan->id : NULL);
		plan_buf_puts(&out->buf, ", \"text\": {\"sv\": ");
		json_str(out, text.ptr ? text.ptr : "");
		plan_buf_puts(&out->buf, ", \"en\": ");
		json_str(out, text_en.ptr ? text_en.ptr : "");
		plan_buf_puts(&out->buf, "}}");
	}
	if (text.failed || text_en.failed)
		out->failed = 1;
	plan_buf_free(&text);
	plan_buf_free(&text_en);
	plan_buf_puts(&out->buf, cal->n ? "\n  ]\n}\n" : "]\n}\n");
}

/* --- iCalendar (RFC 5545) ------------------------------------------------------ */

/* One content line: `name` and the value as given (already escaped), folded
 * so that no line is longer than 75 octets, never inside a UTF-8 character,
 * continuation lines starting with a space; CRLF at the end of each. */
static void ics_line(plan_buf *out, const char *name, const char *value)
{
	plan_buf line = PLAN_BUF_INIT;
	plan_buf_puts(&line, name);
	plan_buf_puts(&line, value);
	const char *s = line.ptr ? line.ptr : "";
	size_t len = line.len, used = 0, limit = 75;
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xf0)
			n = 4;
		else if (c >= 0xe0)
			n = 3;
		else if (c >= 0xc0)
			n = 2;
		if (i + n > len)
			n = len - i;
		if (used + n > limit) {
			plan_buf_puts(out, "\r\n ");
			used = 1;   /* the space counts */
		}
		plan_buf_put(out, s + i, n);
		used += n;
		i += n;
	}
	plan_buf_puts(out, "\r\n");
	if (line.failed)
		out->failed = 1;
	plan_buf_free(&line);
}

/* TEXT as RFC 5545 3.3.11 writes it: backslash, semicolon and comma
 * escaped, line ends as \n, other controls and invalid UTF-8 replaced. */
static void ics_text(plan_buf *out, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == ';' || c == ',') {
			plan_buf_putc(out, '\\');
			plan_buf_putc(out, (char)c);
			i++;
		} else if (c == '\n') {
			plan_buf_puts(out, "\\n");
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			plan_buf_putc(out, ' ');
			i++;
		} else if (c < 0x80) {
			plan_buf_putc(out, (char)c);
			i++;
		} else {
			uint32_t cp;
			size_t n = plan_utf8_decode(s + i, len - i, &cp);
			if (n == 0 || (cp >= 0x80 && cp < 0xa0)) {
				plan_buf_puts(out, "\xef\xbf\xbd");
				i += n ? n : 1;
			} else {
				plan_buf_put(out, s + i, n);
				i += n;
			}
		}
	}
}

/* YYYY-MM-DD to YYYYMMDD. */
static void ics_date(char out[9], const char *date)
{
	memcpy(out, date, 4);
	memcpy(out + 4, date + 5, 2);
	memcpy(out + 6, date + 8, 2);
	out[8] = '\0';
}

/* The day after a date, for DTEND (exclusive) of an all-day event. */
static void next_day(char out[11], const char *date)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 0, mo, d;
	for (int i = 0; i < 4; i++)
		y = y * 10 + (date[i] - '0');
	mo = (date[5] - '0') * 10 + (date[6] - '0');
	d = (date[8] - '0') * 10 + (date[9] - '0');
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (++d > days[mo - 1] + (mo == 2 && leap)) {
		d = 1;
		if (++mo > 12) {
			mo = 1;
			y++;
		}
	}
	char text[32];
	snprintf(text, sizeof text, "%04d-%02d-%02d", y % 10000, mo, d);
	memcpy(out, text, 10);
	out[10] = '\0';
}

static void calendar_ics(plan_out *out, const plan_model *m, const plan_calendar *cal,
	const plan_report_options *opt)
{
	plan_buf *buf = &out->buf;
	plan_buf value = PLAN_BUF_INIT;
	const char *code = plan_model_municipality_code(m);
	char stamp[9], year[16];
	ics_date(stamp, cal->latest_date);
	snprintf(year, sizeof year, "%d", cal->year);

	ics_line(buf, "BEGIN:", "VCALENDAR");
	ics_line(buf, "VERSION:", "2.0");
	ics_line(buf, "PRODID:", opt->lang == PLAN_LANG_EN ? "-//plan-tools//plan-report//EN" :
		"-//plan-tools//plan-report//SV");
	ics_line(buf, "CALSCALE:", "GREGORIAN");
	ics_line(buf, "METHOD:", "PUBLISH");
	const char *args[] = { year, owner_name(m, NULL) };
	plan_buf title = PLAN_BUF_INIT;
	plan_word_fill(&title, plan_word_text(PLAN_W_CALENDAR_TITLE, opt->lang), args, 2);
	ics_text(&value, title.ptr ? title.ptr : "");
	ics_line(buf, "X-WR-CALNAME:", value.ptr ? value.ptr : "");
	plan_buf_free(&title);

	plan_buf text = PLAN_BUF_INIT;
	for (size_t i = 0; i < cal->n; i++) {
		const plan_milestone *ms = &cal->milestones[i];
		char day[9], end[11], endday[9];
		ics_date(day, ms->date);
		next_day(end, ms->date);
		ics_date(endday, end);
		ics_line(buf, "BEGIN:", "VEVENT");
		/* Stable across runs and unique per municipality, year and
		 * milestone, so a re-import updates rather than duplicates. */
		plan_buf_clear(&value);
		plan_buf_printf(&value, "%d-", cal->year);
		ics_text(&value, ms->key);
		plan_buf_puts(&value, "@");
		ics_text(&value, code ? code : "kommun");
		plan_buf_puts(&value, ".plan-report.invalid");
		ics_line(buf, "UID:", value.ptr);
		plan_buf_clear(&value);
		plan_buf_printf(&value, "%sT000000Z", stamp);
		ics_line(buf, "DTSTAMP:", value.ptr);
		ics_line(buf, "DTSTART;VALUE=DATE:", day);
		ics_line(buf, "DTEND;VALUE=DATE:", endday);
		plan_buf_clear(&text);
		summary_of(&text, m, ms, opt->lang);
		plan_buf_clear(&value);
		ics_text(&value, text.ptr ? text.ptr : "");
		ics_line(buf, "SUMMARY:", value.ptr ? value.ptr : "");
		ics_line(buf, "CATEGORIES:", plan_milestone_kind_key(ms->kind));
		ics_line(buf, "TRANSP:", "TRANSPARENT");
		ics_line(buf, "END:", "VEVENT");
		plan_out_maybe_flush(out);
	}
	ics_line(buf, "END:", "VCALENDAR");
	if (text.failed || value.failed)
		out->failed = 1;
	plan_buf_free(&text);
	plan_buf_free(&value);
}

typedef void (*calendar_write_fn)(plan_out *out, const plan_model *m, const plan_calendar *cal,
	const plan_report_options *opt);

static int calendar_write(plan_out *out, const plan_model *m, const plan_report_options *opt,
	calendar_write_fn write)
{
	plan_calendar *cal = NULL;
	if (plan_calendar_build(&cal, m, opt->year) < 0)
		return report_oom(opt);
	write(out, m, cal, opt);
	plan_calendar_free(cal);
	return PLAN_REPORT_OK;
}

int plan_report_calendar_json(plan_out *out, const plan_model *m, const plan_report_options *opt)
{
	return calendar_write(out, m, opt, calendar_json);
}

int plan_report_calendar_ics(plan_out *out, const plan_model *m, const plan_report_options *opt)
{
	return calendar_write(out, m, opt, calendar_ics);
}

int plan_report_calendar_doc(plan_report_doc *d, const plan_model *m, const plan_report_options *opt)
{
	plan_calendar *cal = NULL;
	if (plan_calendar_build(&cal, m, opt->year) < 0)
		return report_oom(opt);
	calendar_doc(d, m, cal);
	plan_calendar_free(cal);
	return report_doc_done(d, opt);
}
