/* plan/diag.h: diagnostics (one fault at one place in one file) and their
 * printing in the formats of plan-validate: text, json, sarif, github, and
 * the CI reports gitlab (Code Quality), junit and tap. */
#ifndef PLAN_DIAG_H
#define PLAN_DIAG_H

#include <stdint.h>
#include <stdio.h>

#include "plan/lang.h"
#include "plan/rule.h"

typedef struct plan_diag {
	const char *file;       /* path relative to the plan set root */
	uint32_t line;          /* 1-based; 0 when the fault concerns the whole file */
	uint32_t column;        /* 1-based, in characters; 0 with line 0 */
	plan_severity severity;
	const char *rule;       /* a rule id from the catalogue (static storage) */
	const char *key;        /* item id or key path ("goals[2].title"), or NULL:
	                         * what --base matches on when lines move */
	const char *message;    /* in the list's language (plan_diags_lang);
	                         * may quote plan text (unescaped) */
	/* What scripts read instead of the message (plan_diags_detail); each
	 * NULL or 0 when not known. */
	const char *item;       /* the id of the item the fault is in or about */
	const char *pointer;    /* JSON Pointer (RFC 6901) to the node in its
	                         * YAML document: "/goals/2/contributes_to" */
	uint32_t end_line;      /* just after the offending node, as */
	uint32_t end_column;    /* plan_node_end gives it */
	const char *suggestion; /* the id, key or value "did you mean" names */
} plan_diag;

/* The machine-readable details of one diagnostic. */
typedef struct plan_diag_detail {
	const char *item;
	const char *pointer;
	uint32_t end_line;
	uint32_t end_column;
	const char *suggestion;
} plan_diag_detail;

#define PLAN_DIAG_DETAIL_INIT { NULL, NULL, 0, 0, NULL }

/* A list of diagnostics. Owns copies of every string added. */
typedef struct plan_diags plan_diags;

/* A new empty list, or NULL when memory ran out. Free with plan_diags_free.
 * Its messages are in English until plan_diags_set_lang says otherwise. */
plan_diags *plan_diags_new(void);
void plan_diags_free(plan_diags *diags);

/* The language of the messages added from now on: plan_diags_add looks its
 * format up in the catalogue (plan_tr), and code that builds a message in
 * parts asks plan_diags_lang for the language of its parts. Messages are
 * made in one language when they are added, so that one list never mixes
 * two. */
void plan_diags_set_lang(plan_diags *diags, plan_lang lang);
plan_lang plan_diags_lang(const plan_diags *diags);

/* Add one diagnostic with the rule's default severity. `fmt` is the English
 * message (the catalogue's key), printed in the list's language. `file` and `key` are
 * copied (either may be NULL); `rule` must be a catalogue id. Returns 0, or -1
 * when memory ran out (the list then remembers that it is incomplete). */
int plan_diags_add(plan_diags *diags, const char *file, uint32_t line,
	uint32_t column, const char *rule, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Give the diagnostic added last the details in `detail` (strings copied;
 * NULL ones and zero positions leave what it has). Returns 0, or -1 when
 * the list is empty or memory ran out (the list then remembers that it is
 * incomplete). */
int plan_diags_detail(plan_diags *diags, const plan_diag_detail *detail);

/* The same for the diagnostic at `index` (-1 when there is none). */
int plan_diags_detail_at(plan_diags *diags, size_t index, const plan_diag_detail *detail);

/* Append a copy of `d` as it is: its message already in the list's
 * language, its severity and details as given. For diagnostics kept from an
 * earlier run (the result cache, plan/cache.h). `d->rule` must be a rule id
 * of the catalogue (plan_rule_find), `d->file` and `d->message` not NULL.
 * Returns 0, or -1 when the rule is unknown or memory ran out (the list
 * then remembers that it is incomplete). */
int plan_diags_append(plan_diags *diags, const plan_diag *d);

/* Move every diagnostic of `src` to the end of `dst`; `src` is left empty. */
int plan_diags_take(plan_diags *dst, plan_diags *src);

/* Move every diagnostic for which pick(ctx, d) is true from `src` to the
 * end of `dst` (NULL: free them instead), keeping the order of both.
 * Returns 0, or -1 when memory ran out (both lists are then unchanged). */
int plan_diags_move_if(plan_diags *dst, plan_diags *src,
	int (*pick)(void *ctx, const plan_diag *d), void *ctx);

/* Keep only the diagnostics located in one of the `nfiles` files (paths
 * as the diagnostics name them; plan-validate FILE...), freeing the rest. */
void plan_diags_keep_files(plan_diags *diags, const char *const *files, size_t nfiles);

/* Set the severity of every diagnostic of a configurable rule to `severity`
 * (PLAN_SEVERITY_OFF removes them). Non-configurable rules are left alone. */
void plan_diags_override(plan_diags *diags, const char *rule, plan_severity severity);

/* Sort by file, line, column, then rule and message, so output is stable
 * whatever order the files were read in. */
void plan_diags_sort(plan_diags *diags);

/* Remove from `head` every diagnostic that `base` has too, so that only the
 * new ones remain (plan-validate --base). Two diagnostics are the same when
 * their file, rule and key are equal; a diagnostic without a key (NULL) is
 * matched by its message text instead, with every run of digits counting as
 * equal to any other (such messages quote line numbers, "while parsing a
 * block mapping at line 3"), and never matches one with a key. Line, column
 * and severity do not count, so a fault whose lines moved is not new. Numbers do: when `base` has a diagnostic twice and `head` three
 * times, one remains. Among the same ones, those with equal messages pair up
 * first, so the one that remains is the one that reads differently. `head`
 * keeps its order. Returns 0, or -1 when memory ran out (`head` is then
 * unchanged). */
int plan_diags_subtract(plan_diags *head, const plan_diags *base);

size_t plan_diags_count(const plan_diags *diags);
const plan_diag *plan_diags_get(const plan_diags *diags, size_t index);
size_t plan_diags_count_severity(const plan_diags *diags, plan_severity severity);

/* True when a diagnostic of rule `io` or `limit` is present: the input could
 * not be read in full, which plan-validate reports with exit status 2. */
int plan_diags_input_failed(const plan_diags *diags);

/* True when memory ran out while adding: the list is incomplete. */
int plan_diags_oom(const plan_diags *diags);

typedef enum plan_diag_format {
	PLAN_DIAG_TEXT,
	PLAN_DIAG_JSON,
	PLAN_DIAG_SARIF,
	PLAN_DIAG_GITHUB,
	PLAN_DIAG_GITLAB,   /* GitLab Code Quality: a JSON array of issues */
	PLAN_DIAG_JUNIT,    /* JUnit XML: a testsuite per file */
	PLAN_DIAG_TAP       /* TAP version 13: a test point per file */
} plan_diag_format;

/* Parse "text", "json", "sarif", "github", "gitlab", "junit" or "tap"; -1
 * for anything else. */
int plan_diag_format_parse(plan_diag_format *out, const char *name);

/* Finds the text of a file for quoting source lines; returns NULL when it is
 * not available. */
typedef const char *(*plan_source_text_fn)(void *ctx, const char *file, size_t *len);

typedef struct plan_diag_print_options {
	plan_diag_format format;
	int color;               /* text: ANSI colours */
	plan_lang lang;          /* text: the level words and the summary; the
	                          * messages are in their list's language */
	int show_source;         /* text: quote the source line with a caret */
	plan_source_text_fn source_text;   /* needed for show_source */
	void *source_ctx;
	const char *root;        /* json: "root"; sarif: the base of artifact URIs */
	const char *revision;    /* json: "revision" (NULL prints null) */
	size_t documents;        /* plan documents read, for the summary */
	int skipped_across;      /* text: the summary says the checks across
	                          * documents were skipped (plan_set_checked_across) */
	const char *tool_version;/* sarif: tool.driver.version */
	const char *help_uri;    /* sarif: the README's address; each rule's
	                          * helpUri is it and "#rule-ID" (NULL: none) */
	const char *path_prefix; /* sarif, github, gitlab: put before every file path (a
	                          * '/' is added when it lacks one) so that paths
	                          * are repository paths when the plan set is a
	                          * subdirectory; NULL or "" for none */
	int quiet;               /* text, tap: the diagnostics only, no summary
	                          * line (tap: no summary comment) */
	size_t suppressed;       /* diagnostics that directives in the files took
	                          * out (plan_set_suppressed): text says how many
	                          * when there are any, json always */
	const char *const *files;/* junit, tap: every file checked, as the
	                          * diagnostics name them (any order): each one
	                          * without a diagnostic is a passing test, so a
	                          * CI counts the clean files too. NULL: only the
	                          * files with diagnostics appear. */
	size_t nfiles;
	int strict;              /* junit, tap: a warning fails its test as an
	                          * error does (plan-validate --strict), so that
	                          * the report agrees with the exit status */
} plan_diag_print_options;

#define PLAN_DIAG_PRINT_OPTIONS_INIT \
	{ PLAN_DIAG_TEXT, 0, PLAN_LANG_EN, 0, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0, 0, \
	  NULL, 0, 0 }

/* Print every diagnostic whose severity is not off, in the chosen format,
 * followed (text, tap) by a summary line. Plan text is escaped for the
 * format: control characters never reach a terminal raw; JSON, SARIF, the
 * GitLab report and JUnit XML are valid whatever the input (XML 1.0 forbids
 * most control characters even as references, so those are shown as \xNN
 * text, as put_safe shows them). The formats are described in the README,
 * "Output formats". Returns 0, or -1 when writing to `out` failed or
 * memory ran out. */
int plan_diags_print(FILE *out, const plan_diags *diags,
	const plan_diag_print_options *options);

#endif
