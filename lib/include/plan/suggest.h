/* plan/suggest.h: "did you mean ...?": the closest of a set of names to a
 * word that matched none of them. */
#ifndef PLAN_SUGGEST_H
#define PLAN_SUGGEST_H

#include <stddef.h>

#include "plan/buf.h"

/* Tracks the best candidate seen so far for one misspelt word. */
typedef struct plan_suggest {
	const char *word;
	const char *best;        /* NULL until a close enough candidate is seen */
	size_t best_distance;
} plan_suggest;

#define PLAN_SUGGEST_INIT(word) { (word), NULL, (size_t)-1 }

/* Consider one candidate name; keeps it if it is closer than the best so far
 * and close enough to be a likely typo (edit distance at most a third of the
 * word's length, plus one). */
void plan_suggest_add(plan_suggest *suggest, const char *candidate);

/* Levenshtein distance in bytes; (size_t)-1 when either string is longer than
 * 64 bytes (such names are never typos of each other worth suggesting). */
size_t plan_edit_distance(const char *a, const char *b);

/* The text with every letter that has a plain ASCII form written in it (å,
 * ä, à, á → a; Ö, Ø → O; é → e; ü → u; ß → ss; ...) and spaces as '-', as an
 * id would be written, into out. *first is the byte offset of the first
 * character replaced and *first_len its length in bytes. Returns how many
 * characters were replaced (0: none; out is then the text as it was), or -1
 * when memory ran out. */
int plan_suggest_ascii(const char *text, size_t len, plan_buf *out, size_t *first,
	size_t *first_len);

#endif
