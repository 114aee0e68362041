/* diff.c: plan-link diff: the items, links and documents added, removed and
 * changed between two revisions of a plan set (or a revision and the working
 * tree), as text, JSON or a Markdown table for the meeting papers. */
#include "view_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/model_diff.h"

/* A file cut short by a syntax error loses its later items: say so, or the
 * comparison would report them as removed (or added) without a word. */
static void note_truncated(const plan_set *set, const char *rev, const plan_view_options *opt)
{
	plan_lang lang = opt->lang;
	for (size_t i = 0; i < plan_set_file_count(set); i++) {
		const plan_file *f = plan_set_file(set, i);
		if (!f || !f->truncated)
			continue;
		/* The path and the revision escaped for the terminal first. */
		plan_buf path = PLAN_BUF_INIT, at = PLAN_BUF_INIT, msg = PLAN_BUF_INIT;
		plan_buf_put_safe(&path, f->path, strlen(f->path));
		if (rev) {
			plan_buf_put_safe(&at, rev, strlen(rev));
			plan_buf_printf(&msg, plan_tr(lang, "plan-link: note: %s at %s could not be read "
				"in full (run plan-validate): the items after the fault are missing from "
				"the comparison"), path.ptr ? path.ptr : "", at.ptr ? at.ptr : "");
		} else {
			plan_buf_printf(&msg, plan_tr(lang, "plan-link: note: %s in the working tree could "
				"not be read in full (run plan-validate): the items after the fault are "
				"missing from the comparison"), path.ptr ? path.ptr : "");
		}
		view_print(opt, "%s\n", msg.ptr && !msg.failed && !path.failed && !at.failed ? msg.ptr :
			plan_tr(lang, "plan-link: note: a file could not be read in full"));
		plan_buf_free(&path);
		plan_buf_free(&at);
		plan_buf_free(&msg);
	}
}

int load_older(plan_set **out, const plan_set *set, const plan_set_options *options,
	const char *rev, const char *what, const plan_view_options *opt)
{
	plan_set_options older = *options;
	older.rev = rev;
	plan_error err = PLAN_ERROR_INIT;
	plan_lang lang = options->lang;
	err.lang = lang;
	*out = NULL;
	if (plan_set_load(out, &older, &err) < 0) {
		view_say(opt, "%s: %s", what, err.message);
		return -1;
	}
	plan_diags *diags = plan_set_diags(*out);
	if (plan_diags_input_failed(diags) || plan_diags_oom(diags)) {
		view_print(opt, plan_tr(lang, "plan-link: %s: the plan set at '%s' could not be read "
			"in full (run plan-validate --rev '%s' for the details)\n"), what, rev, rev);
		plan_set_free(*out);
		*out = NULL;
		return -1;
	}
	/* Files are compared by their paths from each root. */
	if (strcmp(plan_set_root(*out), plan_set_root(set)) != 0)
		view_print(opt, plan_tr(lang, "plan-link: note: the plan set's root at %s is %s, not "
			"%s: documents are matched by their paths from each root\n"), rev,
			plan_set_root(*out), plan_set_root(set));
	note_truncated(*out, rev, opt);
	note_truncated(set, options->rev, opt);
	return 0;
}

static const char *file_of(const plan_item *item)
{
	return item->doc && item->doc->file ? item->doc->file->path : "";
}

static unsigned line_of(const plan_item *item)
{
	return item->node ? (unsigned)item->node->line : 0u;
}

static const char *doc_file(const plan_document *doc)
{
	return doc->file && doc->file->path ? doc->file->path : "";
}

static const char *change_name(uint8_t change)
{
	switch (change) {
	case PLAN_CHANGE_ADDED: return "added";
	case PLAN_CHANGE_REMOVED: return "removed";
	default: return "changed";
	}
}

static const plan_item *item_of(const plan_item_change *c)
{
	return c->new_item ? c->new_item : c->old_item;
}

static const plan_document *doc_of(const plan_document_change *c)
{
	return c->new_doc ? c->new_doc : c->old_doc;
}

/* The headings of the text format: what changed, and how. */
static const char *text_heading(char what, uint8_t change, plan_lang lang)
{
	switch (what) {
	case 'i':
		return change == PLAN_CHANGE_ADDED ? plan_tr(lang, "items added:\n") :
			change == PLAN_CHANGE_REMOVED ? plan_tr(lang, "items removed:\n") :
			plan_tr(lang, "items changed:\n");
	case 'l':
		return change == PLAN_CHANGE_ADDED ? plan_tr(lang, "links added:\n") :
			plan_tr(lang, "links removed:\n");
	default:
		return change == PLAN_CHANGE_ADDED ? plan_tr(lang, "documents added:\n") :
			change == PLAN_CHANGE_REMOVED ? plan_tr(lang, "documents removed:\n") :
			plan_tr(lang, "documents changed:\n");
	}
}

/* "v1 (commit 0123456)" or "the working tree". */
static void put_revision(plan_out *out, const char *rev, const char *commit, plan_lang lang)
{
	if (!commit) {
		plan_buf_puts(&out->buf, plan_tr(lang, "the working tree"));
		return;
	}
	out_text(out, rev ? rev : commit, 0);
	plan_buf_printf(&out->buf, " (commit %.7s)", commit);
}

static void put_summary(plan_out *out, const plan_model_diff *d, plan_lang lang)
{
	plan_buf_printf(&out->buf, plan_ntr(lang, "%zu item added, %zu removed, %zu changed",
		"%zu items added, %zu removed, %zu changed", d->items_added),
		d->items_added, d->items_removed, d->items_changed);
	plan_buf_puts(&out->buf, "; ");
	plan_buf_printf(&out->buf, plan_ntr(lang, "%zu link added, %zu removed",
		"%zu links added, %zu removed", d->links_added),
		d->links_added, d->links_removed);
	plan_buf_puts(&out->buf, "; ");
	plan_buf_printf(&out->buf, plan_ntr(lang, "%zu document added, %zu removed, %zu changed",
		"%zu documents added, %zu removed, %zu changed", d->documents_added),
		d->documents_added, d->documents_removed, d->documents_changed);
}

static int no_changes(const plan_model_diff *d)
{
	return !d->nitems && !d->nlinks && !d->ndocuments;
}

/* A field's value for reading; "(none)" when the key is absent. */
static void put_value_text(plan_out *out, const plan_node *value, plan_lang lang)
{
	if (!value)
		plan_buf_puts(&out->buf, plan_tr(lang, "(none)"));
	else
		plan_node_put_value(&out->buf, value, 0);
}

/* --- text ----------------------------------------------------------------------- */

static void text_fields(plan_out *out, const plan_field_change *fields, size_t n, plan_lang lang)
{
	for (size_t f = 0; f < n; f++) {
		plan_buf_puts(&out->buf, "    ");
		out_text(out, fields[f].path, 0);
		plan_buf_puts(&out->buf, ": ");
		put_value_text(out, fields[f].old_value, lang);
		plan_buf_puts(&out->buf, " -> ");
		put_value_text(out, fields[f].new_value, lang);
		plan_buf_putc(&out->buf, '\n');
		plan_out_maybe_flush(out);
	}
}

static void text_items(plan_out *out, const plan_model_diff *d, uint8_t change, plan_lang lang)
{
	int first = 1;
	for (size_t i = 0; i < d->nitems; i++) {
		const plan_item_change *c = &d->items[i];
		if (c->change != change)
			continue;
		if (first)
			plan_buf_puts(&out->buf, text_heading('i', change, lang));
		first = 0;
		const plan_item *item = item_of(c);
		plan_buf_puts(&out->buf, "  ");
		out_text(out, item->id, 0);
		plan_buf_printf(&out->buf, "  %s", plan_item_kind_word((plan_item_kind)item->kind, lang));
		out_title(out, item->title, 0, 0);
		plan_buf_puts(&out->buf, "  (");
		out_text(out, file_of(item), 0);
		plan_buf_printf(&out->buf, ":%u)\n", line_of(item));
		if (c->change == PLAN_CHANGE_CHANGED) {
			if (c->kind_changed)
				plan_buf_printf(&out->buf, plan_tr(lang, "    kind: %s -> %s\n"),
					plan_item_kind_word((plan_item_kind)c->old_item->kind, lang),
					plan_item_kind_word((plan_item_kind)c->new_item->kind, lang));
			if (c->moved) {
				plan_buf_puts(&out->buf, plan_tr(lang, "    file: "));
				out_text(out, file_of(c->old_item), 0);
				plan_buf_puts(&out->buf, " -> ");
				out_text(out, file_of(c->new_item), 0);
				plan_buf_putc(&out->buf, '\n');
			}
			text_fields(out, c->fields, c->nfields, lang);
		}
		plan_out_maybe_flush(out);
	}
}

static void text_links(plan_out *out, const plan_model_diff *d, uint8_t change, plan_lang lang)
{
	int first = 1;
	for (size_t i = 0; i < d->nlinks; i++) {
		const plan_link_change *l = &d->links[i];
		if (l->change != change)
			continue;
		if (first)
			plan_buf_puts(&out->buf, text_heading('l', change, lang));
		first = 0;
		plan_buf_puts(&out->buf, "  ");
		out_text(out, l->from->id, 0);
		plan_buf_puts(&out->buf, " -> ");
		out_text(out, l->ref->id, 0);
		plan_buf_printf(&out->buf, "  (%s)\n", plan_ref_role_key((plan_ref_role)l->role));
		plan_out_maybe_flush(out);
	}
}

static void text_documents(plan_out *out, const plan_model_diff *d, uint8_t change,
	plan_lang lang)
{
	int first = 1;
	for (size_t i = 0; i < d->ndocuments; i++) {
		const plan_document_change *c = &d->documents[i];
		if (c->change != change)
			continue;
		if (first)
			plan_buf_puts(&out->buf, text_heading('d', change, lang));
		first = 0;
		const plan_document *doc = doc_of(c);
		plan_buf_puts(&out->buf, "  ");
		out_text(out, doc_file(doc), 0);
		plan_buf_printf(&out->buf, "  %s", plan_doc_kind_name((plan_doc_kind)doc->kind));
		if (doc->id) {
			plan_buf_putc(&out->buf, ' ');
			out_text(out, doc->id, 0);
		}
		plan_buf_putc(&out->buf, '\n');
		text_fields(out, c->fields, c->nfields, lang);
		plan_out_maybe_flush(out);
	}
}

/* The two plan sets compared, and their revisions as given (NULL: the
 * working tree). */
typedef struct compared {
	const plan_set *old, *set;
	const char *old_rev, *new_rev;
	plan_lang lang;
} compared;

static void md_escape(plan_out *out, const char *text, size_t len);

/* The two revisions as put_revision writes them, each in its own buffer
 * (`escape`: Markdown-escaped as well), for a sentence that names both. */
static void put_revisions(plan_out *old, plan_out *new, const compared *cmp, int escape)
{
	plan_out *outs[2] = { old, new };
	const char *revs[2] = { cmp->old_rev, cmp->new_rev };
	const char *commits[2] = { plan_set_revision(cmp->old), plan_set_revision(cmp->set) };
	for (int k = 0; k < 2; k++) {
		plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
		put_revision(&tmp, revs[k], commits[k], cmp->lang);
		if (escape)
			md_escape(outs[k], tmp.buf.ptr ? tmp.buf.ptr : "", tmp.buf.len);
		else if (tmp.buf.ptr)
			plan_buf_put(&outs[k]->buf, tmp.buf.ptr, tmp.buf.len);
		if (tmp.buf.failed)
			outs[k]->buf.failed = 1;
		plan_buf_free(&tmp.buf);
	}
}

/* "Changes from OLD to NEW:" (text), or the Markdown's "Changes in the plan
 * set from OLD to NEW" (`md`), with the revisions escaped for it. */
static void put_between(plan_out *out, const compared *cmp, int md)
{
	plan_out old = { NULL, PLAN_BUF_INIT, 0 }, new = { NULL, PLAN_BUF_INIT, 0 };
	put_revisions(&old, &new, cmp, md);
	if (old.buf.failed || new.buf.failed)
		out->buf.failed = 1;
	else
		plan_buf_printf(&out->buf, md ? plan_tr(cmp->lang, "Changes in the plan set from %s to %s") :
			plan_tr(cmp->lang, "Changes from %s to %s:\n"), old.buf.ptr ? old.buf.ptr : "",
			new.buf.ptr ? new.buf.ptr : "");
	plan_buf_free(&old.buf);
	plan_buf_free(&new.buf);
}

static void print_text(plan_out *out, const plan_model_diff *d, const compared *cmp)
{
	plan_lang lang = cmp->lang;
	put_between(out, cmp, 0);
	static const uint8_t order[] = { PLAN_CHANGE_ADDED, PLAN_CHANGE_REMOVED, PLAN_CHANGE_CHANGED };
	for (size_t k = 0; k < 3; k++)
		text_items(out, d, order[k], lang);
	for (size_t k = 0; k < 2; k++)
		text_links(out, d, order[k], lang);
	for (size_t k = 0; k < 3; k++)
		text_documents(out, d, order[k], lang);
	if (no_changes(d))
		plan_buf_puts(&out->buf, plan_tr(lang, "no changes\n"));
	else {
		put_summary(out, d, lang);
		plan_buf_putc(&out->buf, '\n');
	}
}

/* --- Markdown ----------------------------------------------------------------------- */

/* Text in a table cell: safe for a terminal, then every character Markdown
 * could read as markup backslash-escaped (as matrix does). */
static void md_escape(plan_out *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char ch = text[i];
		if (strchr("\\`*_[]<>|~&!#", ch))
			plan_buf_putc(&out->buf, '\\');
		plan_buf_putc(&out->buf, ch);
	}
}

static void md_cell(plan_out *out, const char *text)
{
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	out_text(&tmp, text, 0);
	md_escape(out, tmp.buf.ptr ? tmp.buf.ptr : "", tmp.buf.len);
	if (tmp.buf.failed)
		out->buf.failed = 1;
	plan_buf_free(&tmp.buf);
}

static void md_value(plan_out *out, const plan_node *value, plan_lang lang)
{
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	if (!value)
		plan_buf_puts(&tmp.buf, plan_tr(lang, "(none)"));
	else
		plan_node_put_value(&tmp.buf, value, 0);
	md_escape(out, tmp.buf.ptr ? tmp.buf.ptr : "", tmp.buf.len);
	if (tmp.buf.failed)
		out->buf.failed = 1;
	plan_buf_free(&tmp.buf);
}

static void md_fields(plan_out *out, const plan_field_change *fields, size_t n, plan_lang lang)
{
	for (size_t f = 0; f < n; f++) {
		if (f)
			plan_buf_puts(&out->buf, "; ");
		md_cell(out, fields[f].path);
		plan_buf_puts(&out->buf, ": ");
		md_value(out, fields[f].old_value, lang);
		plan_buf_puts(&out->buf, " → ");
		md_value(out, fields[f].new_value, lang);
	}
}

static const char *md_change(uint8_t change, plan_lang lang)
{
	switch (change) {
	case PLAN_CHANGE_ADDED: return plan_tr(lang, "Added");
	case PLAN_CHANGE_REMOVED: return plan_tr(lang, "Removed");
	default: return plan_tr(lang, "Changed");
	}
}

/* "Fullmäktigemål", "Activity": a kind's name starting a table cell. */
static void md_kind(plan_out *out, const char *name)
{
	if (name[0] >= 'a' && name[0] <= 'z') {
		plan_buf_putc(&out->buf, (char)(name[0] - 'a' + 'A'));
		name++;
	}
	md_cell(out, name);
}

static void print_md(plan_out *out, const plan_model_diff *d, const compared *cmp)
{
	plan_buf *b = &out->buf;
	plan_lang lang = cmp->lang;
	put_between(out, cmp, 1);
	if (no_changes(d)) {
		plan_buf_puts(b, plan_tr(lang, ": no changes.\n"));
		return;
	}
	plan_buf_puts(b, ": ");
	put_summary(out, d, lang);
	plan_buf_puts(b, ".\n");

	if (d->nitems) {
		plan_buf_puts(b, plan_tr(lang, "\n### Items\n\n| Change | Id | Kind | Title | What changed |\n"));
		plan_buf_puts(b, "| --- | --- | --- | --- | --- |\n");
		for (size_t i = 0; i < d->nitems; i++) {
			const plan_item_change *c = &d->items[i];
			const plan_item *item = item_of(c);
			plan_buf_printf(b, "| %s | ", md_change(c->change, lang));
			md_cell(out, item->id);
			plan_buf_puts(b, " | ");
			md_kind(out, plan_item_kind_word((plan_item_kind)item->kind, lang));
			plan_buf_puts(b, " | ");
			md_cell(out, item->title);
			plan_buf_puts(b, " | ");
			int sep = 0;
			if (c->change == PLAN_CHANGE_CHANGED && c->kind_changed) {
				plan_buf_puts(b, plan_tr(lang, "kind: "));
				md_cell(out, plan_item_kind_word((plan_item_kind)c->old_item->kind, lang));
				plan_buf_puts(b, " → ");
				md_cell(out, plan_item_kind_word((plan_item_kind)c->new_item->kind, lang));
				sep = 1;
			}
			if (c->change == PLAN_CHANGE_CHANGED && c->moved) {
				if (sep)
					plan_buf_puts(b, "; ");
				plan_buf_puts(b, plan_tr(lang, "file: "));
				md_cell(out, file_of(c->old_item));
				plan_buf_puts(b, " → ");
				md_cell(out, file_of(c->new_item));
				sep = 1;
			}
			if (sep && c->nfields)
				plan_buf_puts(b, "; ");
			md_fields(out, c->fields, c->nfields, lang);
			plan_buf_puts(b, " |\n");
			plan_out_maybe_flush(out);
		}
	}
	if (d->nlinks) {
		plan_buf_puts(b, plan_tr(lang, "\n### Links\n\n| Change | From | Link | To |\n"));
		plan_buf_puts(b, "| --- | --- | --- | --- |\n");
		for (size_t i = 0; i < d->nlinks; i++) {
			const plan_link_change *l = &d->links[i];
			plan_buf_printf(b, "| %s | ", md_change(l->change, lang));
			md_cell(out, l->from->id);
			plan_buf_puts(b, " | ");
			md_cell(out, plan_ref_role_key((plan_ref_role)l->role));
			plan_buf_puts(b, " | ");
			md_cell(out, l->ref->id);
			plan_buf_puts(b, " |\n");
			plan_out_maybe_flush(out);
		}
	}
	if (d->ndocuments) {
		plan_buf_puts(b, plan_tr(lang, "\n### Documents\n\n| Change | File | Kind | Id | What changed |\n"));
		plan_buf_puts(b, "| --- | --- | --- | --- | --- |\n");
		for (size_t i = 0; i < d->ndocuments; i++) {
			const plan_document_change *c = &d->documents[i];
			const plan_document *doc = doc_of(c);
			plan_buf_printf(b, "| %s | ", md_change(c->change, lang));
			md_cell(out, doc_file(doc));
			plan_buf_puts(b, " | ");
			md_cell(out, plan_doc_kind_name((plan_doc_kind)doc->kind));
			plan_buf_puts(b, " | ");
			md_cell(out, doc->id ? doc->id : "");
			plan_buf_puts(b, " | ");
			md_fields(out, c->fields, c->nfields, lang);
			plan_buf_puts(b, " |\n");
			plan_out_maybe_flush(out);
		}
	}
}

/* --- JSON ------------------------------------------------------------------------------ */

static void json_fields(plan_out *out, const plan_field_change *fields, size_t n)
{
	plan_buf *b = &out->buf;
	plan_buf_putc(b, '[');
	for (size_t f = 0; f < n; f++) {
		plan_buf_puts(b, f ? ", {\"field\": " : "{\"field\": ");
		out_json(out, fields[f].path);
		/* An absent key is left out, so that it differs from a null. */
		if (fields[f].old_value) {
			plan_buf_puts(b, ", \"old\": ");
			plan_node_put_value(b, fields[f].old_value, 1);
		}
		if (fields[f].new_value) {
			plan_buf_puts(b, ", \"new\": ");
			plan_node_put_value(b, fields[f].new_value, 1);
		}
		plan_buf_putc(b, '}');
	}
	plan_buf_putc(b, ']');
}

static void json_revision(plan_out *out, const char *rev, const char *commit)
{
	plan_buf_puts(&out->buf, "{\"rev\": ");
	out_json(out, commit ? rev : NULL);
	plan_buf_puts(&out->buf, ", \"commit\": ");
	out_json(out, commit);
	plan_buf_putc(&out->buf, '}');
}

static void print_json(plan_out *out, const plan_model_diff *d, const compared *cmp,
	const plan_view_options *opt)
{
	plan_buf *b = &out->buf;
	out_json_head(out, opt);
	plan_buf_puts(b, "  \"old\": ");
	json_revision(out, cmp->old_rev, plan_set_revision(cmp->old));
	plan_buf_puts(b, ",\n  \"new\": ");
	json_revision(out, cmp->new_rev, plan_set_revision(cmp->set));
	plan_buf_printf(b, ",\n  \"summary\": {\"items_added\": %zu, \"items_removed\": %zu, "
		"\"items_changed\": %zu, \"links_added\": %zu, \"links_removed\": %zu, "
		"\"documents_added\": %zu, \"documents_removed\": %zu, \"documents_changed\": %zu},\n",
		d->items_added, d->items_removed, d->items_changed, d->links_added, d->links_removed,
		d->documents_added, d->documents_removed, d->documents_changed);

	plan_buf_puts(b, "  \"items\": [");
	for (size_t i = 0; i < d->nitems; i++) {
		const plan_item_change *c = &d->items[i];
		const plan_item *item = item_of(c);
		plan_buf_printf(b, "%s\n    {\"change\": \"%s\", \"id\": ", i ? "," : "",
			change_name(c->change));
		out_json(out, item->id);
		plan_buf_printf(b, ", \"kind\": \"%s\", \"title\": ", plan_item_kind_key(item->kind));
		out_json(out, item->title);
		plan_buf_puts(b, ", \"file\": ");
		out_json(out, file_of(item));
		plan_buf_printf(b, ", \"line\": %u, \"meaning\": %s", line_of(item),
			c->meaning ? "true" : "false");
		if (c->change == PLAN_CHANGE_CHANGED) {
			plan_buf_puts(b, ", \"old_kind\": ");
			if (c->kind_changed)
				plan_buf_printf(b, "\"%s\"", plan_item_kind_key(c->old_item->kind));
			else
				plan_buf_puts(b, "null");
			plan_buf_puts(b, ", \"old_file\": ");
			out_json(out, c->moved ? file_of(c->old_item) : NULL);
			plan_buf_puts(b, ", \"fields\": ");
			json_fields(out, c->fields, c->nfields);
		}
		plan_buf_putc(b, '}');
		plan_out_maybe_flush(out);
	}
	plan_buf_puts(b, d->nitems ? "\n  ],\n  \"links\": [" : "],\n  \"links\": [");
	for (size_t i = 0; i < d->nlinks; i++) {
		const plan_link_change *l = &d->links[i];
		plan_buf_printf(b, "%s\n    {\"change\": \"%s\", \"from\": ", i ? "," : "",
			change_name(l->change));
		out_json(out, l->from->id);
		plan_buf_printf(b, ", \"role\": \"%s\", \"to\": ", plan_ref_role_key((plan_ref_role)l->role));
		out_json(out, l->ref->id);
		plan_buf_puts(b, ", \"file\": ");
		out_json(out, file_of(l->from));
		plan_buf_printf(b, ", \"line\": %u}", l->ref->node ? (unsigned)l->ref->node->line : 0u);
		plan_out_maybe_flush(out);
	}
	plan_buf_puts(b, d->nlinks ? "\n  ],\n  \"documents\": [" : "],\n  \"documents\": [");
	for (size_t i = 0; i < d->ndocuments; i++) {
		const plan_document_change *c = &d->documents[i];
		const plan_document *doc = doc_of(c);
		plan_buf_printf(b, "%s\n    {\"change\": \"%s\", \"file\": ", i ? "," : "",
			change_name(c->change));
		out_json(out, doc_file(doc));
		plan_buf_printf(b, ", \"kind\": \"%s\", \"id\": ", plan_doc_kind_name((plan_doc_kind)doc->kind));
		out_json(out, doc->id);
		if (c->change == PLAN_CHANGE_CHANGED) {
			plan_buf_puts(b, ", \"fields\": ");
			json_fields(out, c->fields, c->nfields);
		}
		plan_buf_putc(b, '}');
		plan_out_maybe_flush(out);
	}
	plan_buf_puts(b, d->ndocuments ? "\n  ]\n}\n" : "]\n}\n");
}

int plan_view_diff(plan_out *out, const plan_set *set, const plan_set_options *options,
	const char *old_rev, const plan_view_options *opt)
{
	int status = PLAN_VIEW_TROUBLE;
	plan_set *old = NULL;
	plan_model_diff *diff = NULL;
	/* OLD as the help names it (GAMMAL in Swedish). */
	if (load_older(&old, set, options, old_rev, plan_tr(opt->lang, "OLD"), opt) < 0)
		goto cleanup;
	if (plan_model_diff_build(&diff, plan_set_model(old), plan_set_model(set)) < 0) {
		view_say(opt, "%s", plan_tr(opt->lang, "out of memory"));
		goto cleanup;
	}
	compared cmp = { old, set, old_rev, options->rev, opt->lang };
	switch (opt->format) {
	case PLAN_VIEW_FORMAT_JSON: print_json(out, diff, &cmp, opt); break;
	case PLAN_VIEW_FORMAT_MD: print_md(out, diff, &cmp); break;
	default: print_text(out, diff, &cmp); break;
	}
	status = PLAN_VIEW_OK;
cleanup:
	plan_model_diff_free(diff);
	plan_set_free(old);
	return status;
}
