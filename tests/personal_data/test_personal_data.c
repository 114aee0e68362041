/* Unit tests for personal_data.c: recognising personnummer and
 * samordningsnummer in text, and the rule personal-data over a loaded tree.
 * Every number here is fictional; check digits are computed by the tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/diag.h"
#include "plan/load.h"
#include "plan/personal_data.h"

#define PATH "plans/arbetsplan.yaml"

/* --- helpers ------------------------------------------------------------- */

/* The Luhn check digit for nine digits, computed apart from the library. */
static char check_digit(const char *nine)
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v / 10 + v % 10;
	}
	return (char)('0' + (10 - sum % 10) % 10);
}

/* `prefix` (a number without its last digit, separators allowed) followed by
 * the check digit its last nine digits call for. */
static void with_check(char *out, size_t size, const char *prefix)
{
	char digits[16];
	size_t n = 0;
	for (const char *p = prefix; *p; p++)
		if (*p >= '0' && *p <= '9' && n < sizeof digits)
			digits[n++] = *p;
	assert_true(n >= 9);
	assert_true((size_t)snprintf(out, size, "%s%c", prefix, check_digit(digits + n - 9)) < size);
}

/* Like with_check, but with a check digit that is wrong. */
static void with_wrong_check(char *out, size_t size, const char *prefix)
{
	with_check(out, size, prefix);
	char *last = out + strlen(out) - 1;
	*last = (char)('0' + (*last - '0' + 1) % 10);
}

static void assert_found_at(const char *text, size_t want_offset, size_t want_length)
{
	size_t offset = 99, length = 99;
	if (!plan_personnummer_find(text, strlen(text), &offset, &length))
		fail_msg("no number found in '%s'", text);
	if (offset != want_offset || length != want_length)
		fail_msg("'%s': found at %zu+%zu, expected %zu+%zu", text, offset, length,
			want_offset, want_length);
}

static void assert_found(const char *text)
{
	assert_found_at(text, 0, strlen(text));
}

static void assert_none(const char *text)
{
	size_t offset = 0, length = 0;
	if (plan_personnummer_find(text, strlen(text), &offset, &length))
		fail_msg("'%s': unexpected number at %zu+%zu", text, offset, length);
}

/* --- recognising numbers ------------------------------------------------- */

static void test_ten_digits(void **state)
{
	(void)state;
	/* Skatteverket's and the well-known fictional examples. */
	assert_found("8112189876");
	assert_found("811218-9876");
	assert_found("811218+9876");
	assert_found("1212121212");
	assert_found("121212-1212");
	/* Out pointers may be NULL. */
	assert_int_equal(plan_personnummer_find("811218-9876", 11, NULL, NULL), 1);
}

static void test_twelve_digits(void **state)
{
	(void)state;
	assert_found("198112189876");
	assert_found("19811218-9876");
	assert_found("19811218+9876");
	assert_found("201212121212");
	char n[32];
	with_check(n, sizeof n, "18991231-123");
	assert_found(n);
	/* The century is the person's: outside 1800-2099 it is no birth date. */
	assert_none("998112189876");
	assert_none("17811218-9876");
	assert_none("218112189876");
}

static void test_coordination_numbers(void **state)
{
	(void)state;
	char n[32];
	assert_found("701063-2342");     /* 3 October + 60 */
	with_check(n, sizeof n, "811278987");
	assert_found(n);                  /* 18 December + 60 */
	with_check(n, sizeof n, "19810161-123");
	assert_found(n);                  /* 1 January + 60 */
	with_check(n, sizeof n, "810191-123");
	assert_found(n);                  /* 31 January + 60 */
	/* Day 60 (0 + 60) and days past the month's end + 60 are not. */
	with_check(n, sizeof n, "810160-123");
	assert_none(n);
	with_check(n, sizeof n, "810192-123");
	assert_none(n);
	with_check(n, sizeof n, "810491-123");
	assert_none(n);                   /* 31 April + 60 */
	with_check(n, sizeof n, "810290-123");
	assert_none(n);                   /* 30 February + 60 */
	/* Coordination leap day: 10-digit any year, 12-digit leap years only. */
	with_check(n, sizeof n, "230289-123");
	assert_found(n);
	with_check(n, sizeof n, "20000289-123");
	assert_found(n);
	with_check(n, sizeof n, "19000289-123");
	assert_none(n);
}

static void test_luhn_failures(void **state)
{
	(void)state;
	assert_none("8112189875");
	assert_none("811218-9877");
	assert_none("19811218-9870");
	assert_none("121212-1213");
	/* For a valid date exactly one check digit of the ten is right. */
	char n[32];
	int found = 0;
	for (char c = '0'; c <= '9'; c++) {
		snprintf(n, sizeof n, "640823-323%c", c);
		found += plan_personnummer_find(n, strlen(n), NULL, NULL);
	}
	assert_int_equal(found, 1);
	with_wrong_check(n, sizeof n, "701063-234");
	assert_none(n);
}

/* Each of these passes Luhn; only the date is wrong. */
static void test_bad_dates(void **state)
{
	(void)state;
	static const char *const prefixes[] = {
		"810018-987",      /* month 00 */
		"811318-987",      /* month 13 */
		"212000-225",      /* an organisation number: month 20 */
		"556677-889",      /* another: month 66 */
		"811200-987",      /* day 00 */
		"811232-987",      /* day 32 */
		"810431-987",      /* 31 April */
		"810230-987",      /* 30 February */
		"19811131-987",    /* 31 November */
		"19811312987",     /* month 13, no separator */
	};
	char n[32];
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		with_check(n, sizeof n, prefixes[i]);
		assert_none(n);
	}
	assert_none("2120002254");
	assert_none("212000-2254");
}

static void test_leap_day(void **state)
{
	(void)state;
	char n[32];
	with_check(n, sizeof n, "20000229-123");
	assert_found(n);                  /* 2000: divisible by 400 */
	with_check(n, sizeof n, "20000229123");
	assert_found(n);
	with_check(n, sizeof n, "19000229-123");
	assert_none(n);                   /* 1900: by 100, not by 400 */
	with_check(n, sizeof n, "20040229-123");
	assert_found(n);
	with_check(n, sizeof n, "20230229-123");
	assert_none(n);
	with_check(n, sizeof n, "20240230-123");
	assert_none(n);
	/* Ten digits: the century is unknown, so 29 February always passes. */
	with_check(n, sizeof n, "000229-123");
	assert_found(n);
	with_check(n, sizeof n, "230229-123");
	assert_found(n);
	with_check(n, sizeof n, "230229123");
	assert_found(n);
	with_check(n, sizeof n, "230230-123");
	assert_none(n);
}

static void test_in_prose(void **state)
{
	(void)state;
	assert_found_at("Kontakta Anna (811218-9876) om saken.", 15, 11);
	/* Multi-byte UTF-8 before it: the span is in bytes. */
	assert_found_at("Åsa på förvaltningen: 19811218-9876, ring", 25, 13);
	assert_found_at("id:8112189876.", 3, 10);
	assert_found_at("ref\t121212+1212\n", 4, 11);
	assert_found_at("a-811218-9876-b", 2, 11);
}

static void test_longer_runs(void **state)
{
	(void)state;
	assert_none("48112189876");             /* a digit before */
	assert_none("81121898761");             /* a digit after */
	assert_none("1234198112189876");        /* inside 16 digits */
	assert_none("4111198112189876");
	assert_none("5811218-9876");            /* seven digits before '-' */
	assert_none("811218-98761");            /* five after */
	assert_none("0811218-9876");
	assert_none("1981121898760");           /* 13 digits */
	assert_none("811218--9876");
	assert_none("811218 9876");
	assert_none("811218-987");
}

static void test_text_edges(void **state)
{
	(void)state;
	assert_found_at("8112189876 är fel", 0, 10);
	assert_found_at("nummer: 811218-9876", 8, 11);
	assert_found_at("nummer: 8112189876", 8, 10);
	assert_found("121212-1212");
	/* Only `len` bytes count: a digit beyond them does not lengthen the run,
	 * and a number cut short by them is no number. */
	const char *text = "81121898761";
	size_t offset = 0, length = 0;
	assert_int_equal(plan_personnummer_find(text, 10, &offset, &length), 1);
	assert_int_equal(offset, 0);
	assert_int_equal(length, 10);
	assert_int_equal(plan_personnummer_find("811218-9876", 10, NULL, NULL), 0);
	assert_int_equal(plan_personnummer_find("811218-9876", 0, NULL, NULL), 0);
	assert_int_equal(plan_personnummer_find("811218-", 7, NULL, NULL), 0);
	/* No NUL needed, and one inside the text is just a non-digit. */
	static const char raw[] = { 'x', '\0', '8', '1', '1', '2', '1', '8', '9', '8', '7', '6' };
	assert_int_equal(plan_personnummer_find(raw, sizeof raw, &offset, &length), 1);
	assert_int_equal(offset, 2);
	assert_int_equal(length, 10);
}

/* The search passes over letters eight bytes at a time: a number at every
 * offset from the start of a word, after bytes just below '0' and just
 * above '9' (and high UTF-8 bytes), is still found. */
static void test_every_offset(void **state)
{
	(void)state;
	static const char fillers[] = { 'a', '/', ':', ' ', '\xc3', '\xa5', '\x7f', '\x80' };
	char text[64];
	for (size_t f = 0; f < sizeof fillers; f++) {
		for (size_t at = 0; at < 24; at++) {
			memset(text, fillers[f], sizeof text);
			memcpy(text + at, "8112189876", 10);
			size_t offset = 0, length = 0;
			assert_int_equal(plan_personnummer_find(text, sizeof text, &offset, &length), 1);
			assert_int_equal(offset, at);
			assert_int_equal(length, 10);
			/* Cut one digit short by `len`: no number. */
			assert_int_equal(plan_personnummer_find(text, at + 9, NULL, NULL), 0);
		}
	}
}

static void test_first_of_several(void **state)
{
	(void)state;
	assert_found_at("a 121212-1212 b 811218-9876", 2, 11);
	assert_found_at("a 811218-9876 b 121212-1212", 2, 11);
	/* An invalid one first is skipped. */
	assert_found_at("811218-9877 och 121212-1212", 16, 11);
	assert_found_at("2026-04-30: 4811218-9876, 19811218-9876", 26, 13);
}

static void test_not_flagged(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"", "2026-04-30", "20260430", "2026-04-30T12:00", "1200000",
		"1 200 000 kr", "12000000000", "N15419", "U00405", "070-123 45 67",
		"0701234567", "+46701234567", "08-123 456 78", "212000-2254",
		"556677-8899", "Kolada N00914 2025", "4.1 och 17.19", "99999999999",
		"0000000000", "1e10",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		assert_none(texts[i]);
}

/* A long text with digits everywhere but no number: one pass, no fault. */
static void test_long_text(void **state)
{
	(void)state;
	size_t len = 1 << 20;
	char *text = malloc(len + 1);
	assert_non_null(text);
	for (size_t i = 0; i < len; i++)
		text[i] = i % 12 == 11 ? '-' : (char)('0' + i % 10);
	text[len] = '\0';
	assert_int_equal(plan_personnummer_find(text, len, NULL, NULL), 0);
	memcpy(text + len - 11, " 8112189876", 11);
	size_t offset = 0, length = 0;
	assert_int_equal(plan_personnummer_find(text, len, &offset, &length), 1);
	assert_int_equal(offset, len - 10);
	assert_int_equal(length, 10);
	free(text);
}

/* --- the rule ------------------------------------------------------------ */

typedef struct fixture {
	plan_file *file;
	plan_diags *diags;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	plan_file_free(fx->file);
	plan_diags_free(fx->diags);
	free(fx);
	return 0;
}

/* Load `text` (it must load without faults) and run the rule on every
 * document; the rule's diagnostics are left in fx->diags. */
static void run_rule(fixture *fx, const char *text, const plan_limits *limits)
{
	const plan_limits defaults = PLAN_LIMITS_INIT;
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	assert_int_equal(plan_file_load(&fx->file, PATH, text, strlen(text),
		limits ? limits : &defaults, fx->diags), 0);
	for (size_t i = 0; i < plan_diags_count(fx->diags); i++)
		fail_msg("load: %s", plan_diags_get(fx->diags, i)->message);
	for (size_t i = 0; i < fx->file->ndocs; i++)
		plan_rules_personal_data(PATH, fx->file->docs[i].root, fx->diags);
}

static void assert_diag(const plan_diags *diags, size_t index, uint32_t line,
	uint32_t column, const char *key, const char *what)
{
	const plan_diag *d = plan_diags_get(diags, index);
	assert_non_null(d);
	assert_string_equal(d->rule, "personal-data");
	assert_string_equal(d->file, PATH);
	if (d->line != line || d->column != column)
		fail_msg("diagnostic %zu at %u:%u, expected %u:%u", index,
			(unsigned)d->line, (unsigned)d->column, (unsigned)line, (unsigned)column);
	if (key)
		assert_string_equal(d->key, key);
	else
		assert_null(d->key);
	/* The message never repeats the number, nor any digit of it. */
	for (const char *p = d->message; *p; p++)
		if (*p >= '0' && *p <= '9')
			fail_msg("message has a digit: %s", d->message);
	assert_non_null(strstr(d->message, "personnummer"));
	char prefix[32];
	snprintf(prefix, sizeof prefix, "this %s contains", what);
	assert_non_null(strstr(d->message, prefix));
}

static void test_rule(void **state)
{
	fixture *fx = *state;
	run_rule(fx,
		"kind: arbetsplan\n"                                   /* 1 */
		"title: Ring Anna på 811218-9876 i morgon\n"           /* 2 */
		"owner: 8112189876\n"                                  /* 3 */
		"year: 2026\n"                                         /* 4 */
		"notes:\n"                                             /* 5 */
		"  - inget känsligt, 2026-04-30, 1200000 kr\n"         /* 6 */
		"  - \"två: 121212-1212 och 811218-9876\"\n"           /* 7 */
		"19811218-9876: nyckeln själv\n"                       /* 8 */
		"person: &p\n"                                         /* 9 */
		"  namn: Tolvan\n"                                     /* 10 */
		"  id: 121212+1212\n"                                  /* 11 */
		"kopia: *p\n"                                          /* 12 */
		"igen: [*p, *p]\n"                                     /* 13 */
		"lista:\n"                                             /* 14 */
		"  - nummer: |\n"                                      /* 15 */
		"      rad ett\n"                                      /* 16 */
		"      rad två 198112189876\n"                         /* 17 */
		"text: &t 701063-2342\n"                               /* 18 */
		"samma: *t\n"                                          /* 19 */
		"org: 212000-2254\n", NULL);                           /* 20 */
	const plan_diags *d = fx->diags;
	assert_int_equal(plan_diags_count(d), 7);
	assert_diag(d, 0, 2, 8, "title", "text");
	assert_diag(d, 1, 3, 8, "owner", "value");         /* read as a number */
	assert_diag(d, 2, 7, 5, "notes[1]", "text");       /* two in it: one diagnostic */
	assert_diag(d, 3, 8, 1, NULL, "key");              /* at the root: no path */
	assert_diag(d, 4, 11, 7, "person.id", "text");     /* not again via kopia, igen */
	assert_diag(d, 5, 15, 13, "lista[0].nummer", "text");
	assert_diag(d, 6, 18, 7, "text", "text");          /* not again via samma */
}

/* A key holding a number: reported once, even where an alias repeats it as
 * a key; a path through it is not given, since it would show the number. */
static void test_rule_keys(void **state)
{
	fixture *fx = *state;
	run_rule(fx,
		"kind: arbetsplan\n"                                   /* 1 */
		"m:\n"                                                 /* 2 */
		"  &k 000229-1235: anchored key\n"                     /* 3 */
		"n: {*k : alias key}\n"                                /* 4 */
		"o:\n"                                                 /* 5 */
		"  811218-9876:\n"                                     /* 6 */
		"    under: 121212-1212\n", NULL);                     /* 7 */
	const plan_diags *d = fx->diags;
	assert_int_equal(plan_diags_count(d), 3);
	assert_diag(d, 0, 3, 3, "m", "key");       /* a node starts at its anchor */
	assert_diag(d, 1, 6, 3, "o", "key");
	assert_diag(d, 2, 7, 12, NULL, "text");
}

static void test_rule_scalar_root(void **state)
{
	fixture *fx = *state;
	run_rule(fx, "--- 19811218-9876\n--- 2026-04-30\n--- 198112189876\n", NULL);
	const plan_diags *d = fx->diags;
	assert_int_equal(plan_diags_count(d), 2);
	assert_diag(d, 0, 1, 5, NULL, "text");
	assert_diag(d, 1, 3, 5, NULL, "value");
	plan_rules_personal_data(PATH, NULL, fx->diags);
	assert_int_equal(plan_diags_count(d), 2);
}

/* A tree built by hand, as no YAML file within the loader's limits gives
 * one: `depth` lists, each the only item of the one above, with a string at
 * the bottom. Free with free_chain. */
static plan_node *build_chain(size_t depth, plan_node ***ptrs_out)
{
	plan_node *nodes = calloc(depth + 1, sizeof *nodes);
	plan_node **ptrs = calloc(depth, sizeof *ptrs);
	assert_non_null(nodes);
	assert_non_null(ptrs);
	for (size_t i = 0; i < depth; i++) {
		nodes[i].type = PLAN_NODE_SEQUENCE;
		nodes[i].line = (uint32_t)i + 1;
		nodes[i].column = 1;
		nodes[i].len = 1;
		ptrs[i] = &nodes[i + 1];
		nodes[i].u.items = &ptrs[i];
	}
	nodes[depth].type = PLAN_NODE_STRING;
	nodes[depth].line = 424242;
	nodes[depth].column = 17;
	nodes[depth].u.text = "se 121212-1212";
	nodes[depth].len = (uint32_t)strlen(nodes[depth].u.text);
	*ptrs_out = ptrs;
	return nodes;
}

/* Far deeper than any C stack would take by recursion (the walk keeps its
 * own stack). */
static void test_rule_deep_tree(void **state)
{
	fixture *fx = *state;
	enum { DEPTH = 200000 };
	plan_node **ptrs = NULL;
	plan_node *nodes = build_chain(DEPTH, &ptrs);
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	plan_rules_personal_data(PATH, &nodes[0], fx->diags);
	assert_int_equal(plan_diags_count(fx->diags), 1);
	const plan_diag *d = plan_diags_get(fx->diags, 0);
	assert_int_equal(strlen(d->key), (size_t)DEPTH * 3);
	assert_int_equal(strncmp(d->key, "[0][0][0]", 9), 0);
	assert_diag(fx->diags, 0, 424242, 17, d->key, "text");
	free(ptrs);
	free(nodes);
}

/* 64 levels, each a list holding the level below twice (as aliases would
 * make it): 2^64 paths to the string at the bottom, walked once each node,
 * reported once. */
static void test_rule_shared_subtrees(void **state)
{
	fixture *fx = *state;
	enum { LEVELS = 64 };
	plan_node nodes[LEVELS + 1];
	plan_node *items[LEVELS][2];
	memset(nodes, 0, sizeof nodes);
	nodes[0].type = PLAN_NODE_NUMBER;
	nodes[0].line = 9;
	nodes[0].column = 4;
	nodes[0].u.text = "198112189876";
	nodes[0].len = 12;
	/* Each level is named twice, as aliases would: the loader marks such
	 * nodes shared, and the walk looks at a shared node once. */
	for (int i = 0; i < LEVELS; i++)
		nodes[i].shared = 1;
	for (int i = 1; i <= LEVELS; i++) {
		nodes[i].type = PLAN_NODE_SEQUENCE;
		nodes[i].len = 2;
		items[i - 1][0] = items[i - 1][1] = &nodes[i - 1];
		nodes[i].u.items = items[i - 1];
	}
	fx->diags = plan_diags_new();
	assert_non_null(fx->diags);
	plan_rules_personal_data(PATH, &nodes[LEVELS], fx->diags);
	assert_int_equal(plan_diags_count(fx->diags), 1);
	assert_diag(fx->diags, 0, 9, 4, plan_diags_get(fx->diags, 0)->key, "value");
	assert_int_equal(strlen(plan_diags_get(fx->diags, 0)->key), LEVELS * 3);
}

/* A list item with an id is named by its id in the key, so that --base
 * still knows the fault when items are inserted before it. */
static void test_rule_key_names_items_by_id(void **state)
{
	fixture *fx = *state;
	run_rule(fx, "goals:\n"
		"  - {title: Ingen id, note: \"ring 811218-9876\"}\n"
		"  - {id: G2, note: \"ring 811218-9876\"}\n", NULL);
	assert_int_equal(plan_diags_count(fx->diags), 2);
	assert_diag(fx->diags, 0, 2, 29, "goals[0].note", "text");
	assert_diag(fx->diags, 1, 3, 20, "goals[id=G2].note", "text");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ten_digits),
		cmocka_unit_test(test_twelve_digits),
		cmocka_unit_test(test_coordination_numbers),
		cmocka_unit_test(test_luhn_failures),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_leap_day),
		cmocka_unit_test(test_in_prose),
		cmocka_unit_test(test_longer_runs),
		cmocka_unit_test(test_text_edges),
		cmocka_unit_test(test_every_offset),
		cmocka_unit_test(test_first_of_several),
		cmocka_unit_test(test_not_flagged),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test_setup_teardown(test_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_scalar_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_deep_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_shared_subtrees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_key_names_items_by_id, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
