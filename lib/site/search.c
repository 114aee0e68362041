/* search.c: the search page, its index and the site's style sheet and
 * script. The page lists every item, so it works without JavaScript; the
 * script (plain, no library) narrows the list to what matches the query. */
#include "site_impl.h"

#include <string.h>

#include "plan/lang.h"

static const char site_css[] =
	"a{color:#0b4f9c}\n"
	"a:focus,button:focus,input:focus{outline:3px solid #b35900;outline-offset:2px}\n"
	".skip{position:absolute;left:-999em}\n"
	".skip:focus{position:static;display:inline-block;padding:.3em .6em;background:#fff}\n"
	"header.site{border-bottom:2px solid #1a1a1a;padding-bottom:.6em;margin-bottom:1em}\n"
	".site-name{font-size:1.2em;font-weight:700;margin:.2em 0}\n"
	".site-name span{font-weight:400;color:#444}\n"
	"header.site nav ul{list-style:none;padding:0;margin:.4em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}\n"
	"header.site nav a[aria-current]{font-weight:700;color:#1a1a1a}\n"
	"form[role=search] input{font:inherit;padding:.2em .4em;border:1px solid #555;min-width:14em}\n"
	"form[role=search] button{font:inherit;padding:.2em .7em;border:1px solid #1a1a1a;"
	"background:#1a1a1a;color:#fff}\n"
	"form[role=search] label{margin-right:.4em}\n"
	"footer.site{border-top:1px solid #999;margin-top:3em;color:#444;font-size:.9em}\n"
	"#results li[hidden]{display:none}\n"
	"@media (max-width:40em){body{margin:1em auto;padding:0 .8em}table{display:block;overflow-x:auto;max-width:100%}"
	"form[role=search] input{min-width:0;width:60%}}\n"
	"@media print{header.site nav,form[role=search],.skip{display:none}}\n";

static const char search_js[] =
	"// Narrow the list of every item (sok.html) to those whose id or title\n"
	"// holds the query: from ?q= when the page opens, then as one types.\n"
	"// PLAN_SEARCH[i] is [id, title] of the list's item i.\n"
	"(function () {\n"
	"  'use strict';\n"
	"  var input = document.getElementById('q');\n"
	"  var list = document.getElementById('results');\n"
	"  var count = document.getElementById('count');\n"
	"  if (!input || !list || !count || !window.PLAN_SEARCH) return;\n"
	"  var items = list.getElementsByTagName('li');\n"
	"  function show() {\n"
	"    var q = input.value.trim().toLowerCase(), n = 0;\n"
	"    for (var i = 0; i < items.length; i++) {\n"
	"      var e = window.PLAN_SEARCH[i];\n"
	"      var hit = !q || (e && (e[0] + ' ' + e[1]).toLowerCase().indexOf(q) >= 0);\n"
	"      items[i].hidden = !hit;\n"
	"      if (hit) n++;\n"
	"    }\n"
	"    count.textContent = n + ' ' + (n === 1 ? count.getAttribute('data-one') : count.getAttribute('data-many'));\n"
	"  }\n"
	"  var q = new URLSearchParams(window.location.search).get('q');\n"
	"  if (q) input.value = q;\n"
	"  input.addEventListener('input', show);\n"
	"  show();\n"
	"})();\n";

void site_assets(site *s)
{
	const char *base = plan_render_html_css();
	plan_buf css = PLAN_BUF_INIT;
	plan_buf_puts(&css, base);
	plan_buf_puts(&css, site_css);
	if (css.failed)
		s->failed = 1;
	else
		site_file(s, "style.css", css.ptr, css.len);
	plan_buf_free(&css);
	site_file(s, "search.js", search_js, sizeof search_js - 1);
}

/* What search finds: the published items but the plan documents. */
static int searchable(const plan_item *item)
{
	return item->kind != PLAN_ITEM_DOCUMENT && site_item_published(item);
}

void site_search(site *s)
{
	plan_buf js = PLAN_BUF_INIT, list = PLAN_BUF_INIT, path = PLAN_BUF_INIT;
	size_t n = 0;
	plan_buf_puts(&js, "var PLAN_SEARCH = [\n");
	for (size_t i = 0; i < s->m->nitems; i++) {
		const plan_item *item = s->m->items[i];
		if (!searchable(item))
			continue;
		plan_buf_clear(&path);
		site_item_path(&path, item, 1);
		const char *kind = plan_item_word(item, s->lang);
		/* [id, title] only: what the query is matched against. The
		 * address and the kind are in the list item of the same place. */
		plan_buf_puts(&js, n ? ",\n[" : "[");
		plan_buf_put_json(&js, item->id, strlen(item->id));
		plan_buf_putc(&js, ',');
		plan_buf_put_json(&js, item->title, strlen(item->title));
		plan_buf_putc(&js, ']');
		plan_buf_puts(&list, "<li><a href=\"");
		plan_render_html_text(&list, path.ptr ? path.ptr : "");
		plan_buf_puts(&list, "\">");
		plan_render_html_text(&list, item->id);
		if (item->title[0]) {
			plan_buf_putc(&list, ' ');
			plan_render_html_text(&list, item->title);
		}
		plan_buf_puts(&list, "</a> (");
		plan_render_html_text(&list, kind);
		plan_buf_puts(&list, ")</li>\n");
		n++;
	}
	plan_buf_puts(&js, "\n];\n");
	plan_buf extra = PLAN_BUF_INIT;
	plan_buf_printf(&extra, "<p id=\"count\" aria-live=\"polite\" data-one=\"%s\" data-many=\"%s\">%zu %s</p>\n"
		"<ul id=\"results\">\n", plan_trc(s->lang, "site", "item"), plan_trc(s->lang, "site", "items"), n,
		n == 1 ? plan_trc(s->lang, "site", "item") : plan_trc(s->lang, "site", "items"));
	plan_buf_put(&extra, list.ptr ? list.ptr : "", list.len);
	plan_buf_puts(&extra, "</ul>\n");
	plan_report_doc d;
	if (js.failed || extra.failed || plan_doc_init(&d, s->lang) < 0) {
		s->failed = 1;
	} else {
		site_file(s, "search-index.js", js.ptr, js.len);
		plan_doc_heading(&d, 1);
		plan_doc_put(&d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site", "Search"));
		plan_doc_para(&d);
		plan_doc_put(&d, PLAN_DOC_PLAIN, plan_trc(s->lang, "site",
			"Every goal, assignment, key figure, activity and part of the organisation, by id and title. "
			"Type in the search field to narrow the list."));
		site_page(s, "sok.html", &d, extra.ptr);
		plan_doc_free(&d);
	}
	plan_buf_free(&js);
	plan_buf_free(&list);
	plan_buf_free(&path);
	plan_buf_free(&extra);
}
