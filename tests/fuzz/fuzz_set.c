/* fuzz_set.c: the whole pipeline on a one-file plan set. A temporary
 * directory, made once per process, holds a fixed styrmodell, organisation
 * and flerårsplan (context/); each input becomes plan.yaml in it, or, when
 * its first line is "#@NAME" with NAME one of the fixed files, replaces that
 * file. The set is loaded and linked, its diagnostics printed in every
 * format, and plan-link's views (plan/view.h) run on the model in every
 * format: JSON must be valid and text must be safe for a terminal. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, open_memstream */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "plan/diag.h"
#include "plan/set.h"
#include "plan/view.h"

#ifndef PLAN_FUZZ_CONTEXT
#error "PLAN_FUZZ_CONTEXT must name tests/fuzz/context"
#endif

static const char *const context_names[] = {
	"styrmodell.yaml", "organisation.yaml", "flerarsplan.yaml",
};
#define NCONTEXT (sizeof context_names / sizeof context_names[0])
#define PLAN_FILE "plan.yaml"

static char *context_text[NCONTEXT];
static size_t context_len[NCONTEXT];
static char dir[4096];

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16;
	char *data = malloc(cap);
	*len = data ? fread(data, 1, cap, f) : 0;
	int big = data && *len == cap;
	fclose(f);
	if (!data || big) {
		free(data);
		return NULL;
	}
	return data;
}

static void write_file(const char *name, const uint8_t *data, size_t len)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		fprintf(stderr, "fuzz_set: cannot write '%s': %s\n", path, strerror(errno));
		abort();
	}
}

static void remove_file(const char *name)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (unlink(path) != 0 && errno != ENOENT)
		abort();
}

static void cleanup(void)
{
	for (size_t i = 0; i < NCONTEXT; i++) {
		remove_file(context_names[i]);
		free(context_text[i]);
	}
	remove_file(PLAN_FILE);
	rmdir(dir);
}

static void setup(void)
{
	if (dir[0])
		return;
	for (size_t i = 0; i < NCONTEXT; i++) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", PLAN_FUZZ_CONTEXT, context_names[i]);
		context_text[i] = read_all(path, &context_len[i]);
		if (!context_text[i]) {
			fprintf(stderr, "fuzz_set: cannot read '%s'\n", path);
			abort();
		}
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/plan-fuzz-set.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "fuzz_set: cannot make a temporary directory: %s\n", strerror(errno));
		abort();
	}
	atexit(cleanup);
}

/* --- output checks ------------------------------------------------------------ */

typedef struct sink {
	char *ptr;
	size_t len;
	FILE *f;
} sink;

static FILE *sink_open(sink *s)
{
	s->ptr = NULL;
	s->len = 0;
	s->f = open_memstream(&s->ptr, &s->len);
	if (!s->f)
		abort();
	return s->f;
}

static void sink_close(sink *s)
{
	if (fclose(s->f) != 0)
		abort();
}

static void print_diags(plan_set *set, plan_diag_format format, int color, int source)
{
	plan_diag_print_options o = PLAN_DIAG_PRINT_OPTIONS_INIT;
	o.format = format;
	o.color = color;
	o.show_source = source;
	o.source_text = plan_set_file_text;
	o.source_ctx = set;
	o.root = plan_set_root(set);
	o.documents = plan_set_document_count(set);
	o.tool_version = "0.0";
	sink s;
	int rc = plan_diags_print(sink_open(&s), plan_set_diags(set), &o);
	sink_close(&s);
	fuzz_check(rc == 0, "diagnostics print", NULL, 0);
	if (format == PLAN_DIAG_JSON || format == PLAN_DIAG_SARIF)
		fuzz_check(fuzz_json_valid(s.ptr, s.len) && fuzz_terminal_safe(s.ptr, s.len, 0),
			"json/sarif output is valid JSON, safe for a terminal", s.ptr, s.len);
	else
		fuzz_check(fuzz_terminal_safe(s.ptr, s.len, color),
			"text/github output is safe for a terminal", s.ptr, s.len);
	free(s.ptr);
}

static void run_link(const plan_model *m, plan_view_fn fn, plan_view_format format,
	const char *const *ids, size_t nids, size_t width, const char *root)
{
	plan_view_options opt = PLAN_VIEW_OPTIONS_INIT;
	opt.format = format;
	opt.ids = ids;
	opt.nids = nids;
	opt.width = width;
	opt.max_chains = 50;
	opt.root = root;
	opt.messages = stderr;
	sink s;
	plan_out out = { sink_open(&s), PLAN_BUF_INIT, 0 };
	int status = fn(&out, m, &opt);
	plan_out_flush(&out);
	plan_buf_free(&out.buf);
	sink_close(&s);
	fuzz_check(status >= 0 && status <= 2, "a plan-link exit status", NULL, 0);
	fuzz_check(!out.failed, "plan-link output is written", NULL, 0);
	/* A command that refuses (exit 1 or 2 before any output) prints nothing. */
	if (s.len == 0 && status != 0)
		;
	else if (format == PLAN_VIEW_FORMAT_JSON)
		fuzz_check(fuzz_json_valid(s.ptr, s.len) && fuzz_terminal_safe(s.ptr, s.len, 0),
			"plan-link json is valid JSON, safe for a terminal", s.ptr, s.len);
	else
		fuzz_check(fuzz_terminal_safe(s.ptr, s.len, 0),
			"plan-link text is safe for a terminal", s.ptr, s.len);
	free(s.ptr);
}

static void run_links(plan_set *set)
{
	const plan_model *m = plan_set_model(set);
	if (!m)
		return;
	const char *root = plan_set_root(set);
	static const plan_view_format text_json[] = { PLAN_VIEW_FORMAT_TEXT, PLAN_VIEW_FORMAT_JSON };
	for (size_t f = 0; f < 2; f++) {
		run_link(m, plan_view_tree, text_json[f], NULL, 0, f ? 0 : 40, root);
		run_link(m, plan_view_orphans, text_json[f], NULL, 0, f ? 0 : 40, root);
	}
	static const plan_view_format matrix_formats[] = { PLAN_VIEW_FORMAT_MD, PLAN_VIEW_FORMAT_CSV,
		PLAN_VIEW_FORMAT_JSON };
	for (size_t f = 0; f < 3; f++)
		run_link(m, plan_view_matrix, matrix_formats[f], NULL, 0, 0, root);
	static const plan_view_format graph_formats[] = { PLAN_VIEW_FORMAT_DOT, PLAN_VIEW_FORMAT_MERMAID,
		PLAN_VIEW_FORMAT_JSON };
	for (size_t f = 0; f < 3; f++)
		run_link(m, plan_view_graph, graph_formats[f], NULL, 0, 0, root);

	/* trace and tree on the first few items of the link graph. */
	const char *ids[8];
	size_t nids = 0;
	for (size_t i = 0; i < m->nitems && nids < 8; i++)
		if (plan_view_level(m->items[i]) >= 0 && m->items[i]->id && m->items[i]->id[0])
			ids[nids++] = m->items[i]->id;
	if (nids == 0)
		return;
	for (size_t f = 0; f < 2; f++) {
		run_link(m, plan_view_trace, text_json[f], ids, nids, 0, root);
		run_link(m, plan_view_tree, text_json[f], ids + nids - 1, 1, f ? 0 : 30, root);
	}
}

/* --- the target ----------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	/* Every input sets the whole directory, so none depends on the last. */
	const char *target = PLAN_FILE;
	for (size_t i = 0; i < NCONTEXT; i++) {
		size_t n = strlen(context_names[i]);
		if (size >= n + 3 && memcmp(data, "#@", 2) == 0 &&
		    memcmp(data + 2, context_names[i], n) == 0 && data[n + 2] == '\n')
			target = context_names[i];
	}
	for (size_t i = 0; i < NCONTEXT; i++)
		if (strcmp(target, context_names[i]) != 0)
			write_file(context_names[i], (const uint8_t *)context_text[i], context_len[i]);
	remove_file(PLAN_FILE);
	write_file(target, data, size);

	plan_set_options options = PLAN_SET_OPTIONS_INIT;
	options.path = dir;
	options.jobs = 1;
	/* Half the inputs go the way plan-validate reads a set: pruned. */
	if (size % 2)
		options.keep = &plan_model_keys;
	plan_set *set = NULL;
	plan_error err = PLAN_ERROR_INIT;
	/* Faults in the files are diagnostics; styrmodell.yaml is always
	 * there (if only with the input in it), so the set always loads. */
	fuzz_check(plan_set_load(&set, &options, &err) == 0, "the plan set loads",
		err.message, strlen(err.message));
	print_diags(set, PLAN_DIAG_TEXT, 0, 1);
	print_diags(set, PLAN_DIAG_TEXT, 1, 1);
	print_diags(set, PLAN_DIAG_JSON, 0, 0);
	print_diags(set, PLAN_DIAG_SARIF, 0, 0);
	print_diags(set, PLAN_DIAG_GITHUB, 0, 0);
	run_links(set);
	plan_set_free(set);
	return 0;
}
