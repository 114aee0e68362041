/* page.c: every page's frame (the header with the municipality's name,
 * the navigation and the search form, the footer saying what the site was
 * made from) around a document, and writing the site's files. */
#define _POSIX_C_SOURCE 200809L   /* openat, O_CLOEXEC, O_DIRECTORY */
#include "site_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "plan/lang.h"
#include "plan/report_kpis.h"

void site_say(const site *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plan_vsay(s->opt->messages, s->opt->program ? s->opt->program : "plan-report", fmt, ap);
	va_end(ap);
}

/* `len` bytes of `data` as the file `path` (from the root) of the
 * temporary folder: one open, one write, one close, relative to the
 * folder's descriptor; a site is thousands of small files. Mode 0666 less
 * the umask, as a shell redirection makes it. */
static void write_file(site *s, const char *path, const char *data, size_t len)
{
	int fd = openat(s->dirfd, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int ok = fd >= 0;
	while (ok && len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		if (ok) {
			data += n;
			len -= (size_t)n;
			s->bytes += (size_t)n;
		}
	}
	if (fd >= 0 && close(fd) != 0)
		ok = 0;
	if (!ok && !s->failed) {
		int error = errno ? errno : EIO;
		plan_buf full = PLAN_BUF_INIT;
		plan_buf_printf(&full, "%s/%s", s->dir, path);
		site_say(s, plan_trc(s->lang, "site", "cannot write '%s': %s"), full.ptr ? full.ptr : path,
			plan_tr(s->lang, strerror(error)));
		plan_buf_free(&full);
	}
	s->failed |= !ok;
	s->pages++;
}

void site_file(site *s, const char *path, const char *data, size_t len)
{
	write_file(s, path, data, len);
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
	plan_out out = { NULL, PLAN_BUF_INIT, 0 };   /* no stream: all of it in out.buf */
	s->page = path;
	plan_html_links links = { site_href, s, 1 };
	head(s, &out, path, d);
	plan_render_html_body(&out, d, &links);
	if (extra)
		plan_buf_puts(&out.buf, extra);
	foot(s, &out, path);
	if (out.buf.failed) {
		if (!s->failed)
			site_say(s, "%s", plan_tr(s->lang, "out of memory"));
		s->failed = 1;
	} else {
		write_file(s, path, out.buf.ptr ? out.buf.ptr : "", out.buf.len);
	}
	plan_buf_free(&out.buf);
	s->page = NULL;
}
