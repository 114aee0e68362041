/* page.c: every page's frame (the header with the municipality's name,
 * the navigation and the search form, the footer saying what the site was
 * made from) around a document, and writing the site's files. */
#include "site_impl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plan/lang.h"
#include "plan/report_kpis.h"

void site_say(const site *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plan_vsay(s->opt->messages, s->opt->program ? s->opt->program : "plan-report", fmt, ap);
	va_end(ap);
}

/* `path` (from the root) opened for writing in the temporary folder. */
static FILE *open_file(site *s, const char *path)
{
	plan_buf full = PLAN_BUF_INIT;
	plan_buf_printf(&full, "%s/%s", s->dir, path);
	FILE *f = full.failed ? NULL : fopen(full.ptr, "wb");
	if (!f && !s->failed) {
		site_say(s, plan_trc(s->lang, "site", "cannot write '%s': %s"), full.ptr ? full.ptr : path,
			plan_tr(s->lang, strerror(errno)));
		s->failed = 1;
	}
	plan_buf_free(&full);
	return f;
}

/* Close a file written through `out`; a failed write is said once. */
static void close_file(site *s, FILE *f, plan_out *out, const char *path)
{
	plan_out_flush(out);
	s->bytes += (size_t)ftell(f);
	if (fclose(f) != 0 || out->failed) {
		if (!s->failed)
			site_say(s, plan_trc(s->lang, "site", "cannot write '%s': %s"), path,
				plan_tr(s->lang, strerror(errno ? errno : EIO)));
		s->failed = 1;
	}
	plan_buf_free(&out->buf);
	s->pages++;
}

void site_file(site *s, const char *path, const char *data, size_t len)
{
	FILE *f = open_file(s, path);
	if (!f)
		return;
	plan_out out = { f, PLAN_BUF_INIT, 0 };
	plan_buf_put(&out.buf, data, len);
	close_file(s, f, &out, path);
}

/* The places the navigation leads to, in its order. */
static const struct { const char *path, *text; } nav[] = {
	{ "index.html", PLAN_NC_("site", "Goals") },
	{ "organisation.html", PLAN_NC_("site", "Organisation") },
	{ "nyckeltal.html", PLAN_NC_("site", "Key figures") },
	{ "uppfoljning.html", PLAN_NC_("site", "Follow-up") },
	{ "arshjul.html", PLAN_NC_("site", "Annual cycle") },
};

static void head(site *s, plan_out *out, const char *path, const plan_report_doc *d)
{
	plan_buf *b = &out->buf;
	const char *name = plan_model_municipality_name(s->m);
	plan_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		plan_lang_key(s->lang));
	plan_render_html_title(out, d);
	if (name && strcmp(path, "index.html") != 0) {
		plan_buf_puts(b, " – ");
		plan_render_html_text(b, name);
	}
	plan_buf_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%s\">\n</head>\n<body>\n",
		site_href_path(s, "style.css"));
	plan_buf_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>\n<header class=\"site\">\n"
		"<p class=\"site-name\"><a href=\"%s\">", plan_trc(s->lang, "site", "Skip to content"),
		site_href_path(s, "index.html"));
	plan_render_html_text(b, name ? name : plan_trc(s->lang, "site", "The municipality"));
	plan_buf_printf(b, "</a> <span>%s</span></p>\n<nav aria-label=\"%s\">\n<ul>\n",
		plan_trc(s->lang, "site", "plans and results"), plan_trc(s->lang, "site", "The site"));
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++)
		plan_buf_printf(b, "<li><a href=\"%s\"%s>%s</a></li>\n", site_href_path(s, nav[i].path),
			strcmp(path, nav[i].path) == 0 ? " aria-current=\"page\"" : "",
			plan_trc(s->lang, "site", nav[i].text));
	plan_buf_printf(b, "</ul>\n</nav>\n<form role=\"search\" action=\"%s\" method=\"get\">\n"
		"<label for=\"q\">%s</label>\n<input type=\"search\" id=\"q\" name=\"q\">\n"
		"<button type=\"submit\">%s</button>\n</form>\n</header>\n<main id=\"main\">\n",
		site_href_path(s, "sok.html"), plan_trc(s->lang, "site", "Search goals, assignments and key figures"),
		plan_trc(s->lang, "site", "Search"));
}

void site_footer(site *s)
{
	plan_report_doc d;
	if (plan_doc_init(&d, s->lang) < 0) {
		s->footer.failed = 1;
		return;
	}
	plan_report_provenance(&d, s->opt);
	plan_out out = { NULL, s->footer, 0 };
	plan_render_html_body(&out, &d, NULL);
	s->footer = out.buf;
	plan_doc_free(&d);
}

static void foot(site *s, plan_out *out, const char *path)
{
	plan_buf *b = &out->buf;
	plan_buf_puts(b, "</main>\n<footer class=\"site\">\n");
	plan_buf_put(b, s->footer.ptr ? s->footer.ptr : "", s->footer.len);
	plan_buf_puts(b, "</footer>\n");
	if (strcmp(path, "sok.html") == 0)
		plan_buf_puts(b, "<script src=\"search-index.js\"></script>\n<script src=\"search.js\"></script>\n");
	plan_buf_puts(b, "</body>\n</html>\n");
}

void site_page(site *s, const char *path, const plan_report_doc *d, const char *extra)
{
	FILE *f = open_file(s, path);
	if (!f)
		return;
	plan_out out = { f, PLAN_BUF_INIT, 0 };
	s->page = path;
	plan_html_links links = { site_href, s, 1 };
	head(s, &out, path, d);
	plan_render_html_body(&out, d, &links);
	if (extra)
		plan_buf_puts(&out.buf, extra);
	foot(s, &out, path);
	close_file(s, f, &out, path);
	s->page = NULL;
}
