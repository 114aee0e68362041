/* suspect.c: plan-link suspect: the links whose target's meaning changed
 * since a revision while the linking item did not, all the way down, each
 * with its chain up to the change and the commit that made it. */
#include "view_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/history.h"
#include "plan/model_diff.h"
#include "plan/source.h"

static const char *file_of(const plan_item *item)
{
	return item->doc && item->doc->file ? item->doc->file->path : "";
}

static unsigned line_of(const plan_item *item)
{
	return item->node ? (unsigned)item->node->line : 0u;
}

/* The changed items whose commits are looked up: every item whose meaning
 * changed or that was added, in diff order; answers[k] belongs to
 * changes[k]. */
typedef struct origins {
	const plan_item_change **changes;
	plan_history_change *answers;
	size_t n;
} origins;

static int find_origins(origins *o, const plan_model_diff *d, const plan_set *old,
	const plan_set *set, const plan_view_options *opt)
{
	plan_lang lang = opt->lang;
	plan_history_item *items = malloc((d->nitems ? d->nitems : 1) * sizeof *items);
	o->changes = malloc((d->nitems ? d->nitems : 1) * sizeof *o->changes);
	o->n = 0;
	if (!items || !o->changes) {
		free(items);
		view_say(opt, "%s", plan_tr(lang, "out of memory"));
		return -1;
	}
	for (size_t i = 0; i < d->nitems; i++) {
		const plan_item_change *c = &d->items[i];
		if (!c->new_item || !c->meaning)
			continue;
		items[o->n].id = c->new_item->id;
		items[o->n].file = file_of(c->new_item);
		items[o->n].old_file = c->old_item ? file_of(c->old_item) : NULL;
		items[o->n].node = c->new_item->node;
		o->changes[o->n++] = c;
	}
	plan_history_range range = { plan_set_root(set), plan_set_root(old),
		plan_set_revision(old), plan_set_revision(set) };
	plan_error err = PLAN_ERROR_INIT;
	err.lang = lang;
	int rc = plan_history_find(&o->answers, &range, items, o->n, &err);
	if (rc < 0)
		view_say(opt, "--since: %s", err.message);
	free(items);
	return rc;
}

static const plan_history_change *answer_for(const origins *o, const plan_item_change *c)
{
	for (size_t k = 0; k < o->n; k++)
		if (o->changes[k] == c)
			return &o->answers[k];
	return NULL;
}

/* "changed in 1a2b3c4 2026-03-01 "subject"", "changed in the working tree,
 * not committed", or "changed since v1". */
static void put_when(plan_out *out, const plan_item_change *c, const plan_history_change *h,
	const char *old_rev, plan_lang lang)
{
	plan_buf *b = &out->buf;
	int added = c->change == PLAN_CHANGE_ADDED;
	/* The plan text (a commit's subject, the revision) made safe first. */
	plan_out tmp = { NULL, PLAN_BUF_INIT, 0 };
	if (h && h->state == PLAN_HISTORY_COMMIT) {
		out_text(&tmp, h->subject, 0);
		plan_buf_printf(b, added ? plan_tr(lang, "added in %s %s \"%s\"") :
			plan_tr(lang, "changed in %s %s \"%s\""), h->short_id, h->date,
			tmp.buf.ptr ? tmp.buf.ptr : "");
	} else if (h && h->state == PLAN_HISTORY_UNCOMMITTED) {
		plan_buf_puts(b, added ? plan_tr(lang, "added in the working tree, not committed") :
			plan_tr(lang, "changed in the working tree, not committed"));
	} else {
		out_text(&tmp, old_rev, 0);
		plan_buf_printf(b, added ? plan_tr(lang, "added since %s") :
			plan_tr(lang, "changed since %s"), tmp.buf.ptr ? tmp.buf.ptr : "");
	}
	if (tmp.buf.failed)
		b->failed = 1;
	plan_buf_free(&tmp.buf);
}

static void print_text(plan_out *out, const plan_suspects *s, const origins *o,
	const char *old_rev, plan_lang lang)
{
	plan_buf *b = &out->buf;
	for (size_t i = 0; i < s->count; i++) {
		const plan_suspect *x = &s->items[i];
		out_text(out, x->chain[0]->id, 0);
		plan_buf_puts(b, " -> ");
		out_text(out, x->chain[1]->id, 0);
		plan_buf_puts(b, "  (");
		for (size_t k = 1; x->nchain > 2 && k < x->nchain; k++) {
			out_text(out, x->chain[k]->id, 0);
			plan_buf_puts(b, k + 1 < x->nchain ? " -> " : ": ");
		}
		out_text(out, x->chain[x->nchain - 1]->id, 0);
		plan_buf_putc(b, ' ');
		put_when(out, x->origin, answer_for(o, x->origin), old_rev, lang);
		plan_buf_puts(b, ")\n");
		plan_out_maybe_flush(out);
	}
}

static void json_commit(plan_out *out, const plan_history_change *h)
{
	plan_buf *b = &out->buf;
	if (!h || h->state != PLAN_HISTORY_COMMIT) {
		plan_buf_puts(b, "null");
		return;
	}
	plan_buf_printf(b, "{\"id\": \"%s\", \"short_id\": \"%s\", \"date\": \"%s\", \"subject\": ",
		h->commit, h->short_id, h->date);
	out_json(out, h->subject);
	plan_buf_putc(b, '}');
}

static void print_json(plan_out *out, const plan_suspects *s, const origins *o,
	const plan_set *old, const char *old_rev, const plan_view_options *opt)
{
	plan_buf *b = &out->buf;
	out_json_head(out, opt);
	plan_buf_puts(b, "  \"since\": {\"rev\": ");
	out_json(out, old_rev);
	plan_buf_puts(b, ", \"commit\": ");
	out_json(out, plan_set_revision(old));
	plan_buf_puts(b, "},\n  \"changed\": [");
	for (size_t k = 0; k < o->n; k++) {
		const plan_item_change *c = o->changes[k];
		const plan_history_change *h = &o->answers[k];
		const plan_item *item = c->new_item;
		plan_buf_printf(b, "%s\n    {\"id\": ", k ? "," : "");
		out_json(out, item->id);
		plan_buf_printf(b, ", \"kind\": \"%s\", \"title\": ", plan_item_kind_key(item->kind));
		out_json(out, item->title);
		plan_buf_puts(b, ", \"file\": ");
		out_json(out, file_of(item));
		plan_buf_printf(b, ", \"line\": %u, \"change\": \"%s\", \"fields\": [", line_of(item),
			c->change == PLAN_CHANGE_ADDED ? "added" : "changed");
		for (size_t f = 0; f < c->nfields; f++) {
			plan_buf_puts(b, f ? ", " : "");
			out_json(out, c->fields[f].path);
		}
		plan_buf_printf(b, "], \"uncommitted\": %s, \"commit\": ",
			h->state == PLAN_HISTORY_UNCOMMITTED ? "true" : "false");
		json_commit(out, h);
		plan_buf_putc(b, '}');
		plan_out_maybe_flush(out);
	}
	plan_buf_printf(b, "%s,\n  \"suspect_links\": %zu,\n  \"suspects\": [",
		o->n ? "\n  ]" : "]", s->links);
	for (size_t i = 0; i < s->count; i++) {
		const plan_suspect *x = &s->items[i];
		plan_buf_printf(b, "%s\n    {\"from\": ", i ? "," : "");
		out_json(out, x->from->id);
		plan_buf_puts(b, ", \"to\": ");
		out_json(out, x->chain[1]->id);
		plan_buf_printf(b, ", \"role\": \"%s\", \"file\": ",
			plan_ref_role_key((plan_ref_role)x->ref->role));
		out_json(out, file_of(x->from));
		plan_buf_printf(b, ", \"line\": %u, \"changed\": ",
			x->ref->node ? (unsigned)x->ref->node->line : line_of(x->from));
		out_json(out, x->chain[x->nchain - 1]->id);
		plan_buf_puts(b, ", \"chain\": [");
		for (size_t k = 0; k < x->nchain; k++) {
			plan_buf_puts(b, k ? ", " : "");
			out_json(out, x->chain[k]->id);
		}
		plan_buf_puts(b, "]}");
		plan_out_maybe_flush(out);
	}
	plan_buf_puts(b, s->count ? "\n  ]\n}\n" : "]\n}\n");
}

int plan_view_suspect(plan_out *out, const plan_set *set, const plan_set_options *options,
	const char *old_rev, const plan_view_options *opt)
{
	int status = PLAN_VIEW_TROUBLE;
	plan_set *old = NULL;
	plan_model_diff *diff = NULL;
	plan_suspects *suspects = NULL;
	origins o = { NULL, NULL, 0 };
	if (load_older(&old, set, options, old_rev, "--since", opt) < 0)
		goto cleanup;
	if (plan_model_diff_build(&diff, plan_set_model(old), plan_set_model(set)) < 0 ||
	    plan_suspects_find(&suspects, diff, plan_set_model(set)) < 0) {
		view_say(opt, "%s", plan_tr(opt->lang, "out of memory"));
		goto cleanup;
	}
	if (find_origins(&o, diff, old, set, opt) < 0)
		goto cleanup;
	if (opt->format == PLAN_VIEW_FORMAT_JSON)
		print_json(out, suspects, &o, old, old_rev, opt);
	else
		print_text(out, suspects, &o, old_rev, opt->lang);
	/* The review is not recorded anywhere: say how it ends, by what the
	 * baseline is (a tag is moved, a branch moves when the change reaches
	 * it, a commit is replaced by a later one). */
	if (suspects->count && opt->format != PLAN_VIEW_FORMAT_JSON) {
		plan_revision_kind kind = plan_revision_kind_of(plan_set_root(set), old_rev);
		view_print(opt, plan_ntr(opt->lang, "plan-link: %zu suspect link: review each linking "
			"item against the change above it, and update it where the change asks for it\n",
			"plan-link: %zu suspect links: review each linking item against the change above "
			"it, and update it where the change asks for it\n", suspects->links), suspects->links);
		if (kind == PLAN_REVISION_TAG)
			view_print(opt, plan_tr(opt->lang, "plan-link: once the links are confirmed, move the tag "
				"'%s' past the change (git tag -f %s)\n"), old_rev, old_rev);
		else if (kind == PLAN_REVISION_BRANCH)
			view_print(opt, plan_tr(opt->lang, "plan-link: once the links are confirmed, the review "
				"ends when the change reaches the branch '%s'\n"), old_rev);
		else
			view_print(opt, plan_tr(opt->lang, "plan-link: once the links are confirmed, give "
				"--since a commit that has the change\n"));
	}
	status = suspects->count ? PLAN_VIEW_FOUND : PLAN_VIEW_OK;
cleanup:
	plan_history_free(o.answers, o.n);
	free(o.changes);
	plan_suspects_free(suspects);
	plan_model_diff_free(diff);
	plan_set_free(old);
	return status;
}
