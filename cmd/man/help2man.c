/* help2man.c: turns a binary's --help text (and its commands' --help) into a
 * man page, so that --help is the one source of both and they never drift.
 * A build-time tool; not installed.
 *
 * Usage: help2man [-l sv] [-r RULES_FILE] NAME VERSION SUMMARY HELP_FILE
 *                 [COMMAND HELP_FILE]...
 *
 * -l sv: the help is Swedish ("Användning:"), and so are the page's own
 * headings. -r: a RULES section from `plan-validate --list-rules` (its text
 * form: a heading line, then "ID DEFAULT HERE SUMMARY" a rule a line), so
 * that the man page lists the same catalogue as --list-rules and the README.
 *
 * The help text's shape: a "Usage: ..." line; paragraphs; sections that
 * start with a line "Heading:" at column 0; entries "  term  text" (two or
 * more spaces between), continued on more-indented lines. */
#define _POSIX_C_SOURCE 200809L /* getline */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text for troff: backslashes doubled as \e, hyphens as \-, and a line that
 * would start with a control character protected with \&. */
static void put_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\')
			fputs("\\e", stdout);
		else if (c == '-')
			fputs("\\-", stdout);
		else
			putchar(c);
	}
}

static void put_line(const char *s, size_t n)
{
	if (n && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", stdout);
	put_text(s, n);
	putchar('\n');
}

static size_t indent_of(const char *s)
{
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	return i;
}

/* A heading: "Options:" or "Options (see ...):" alone on its line. */
static int is_heading(const char *s, size_t n)
{
	return n > 1 && isupper((unsigned char)s[0]) && s[n - 1] == ':';
}

/* Where the text of an entry "  term  text" starts, or 0 if it has none. */
static size_t entry_split(const char *s, size_t n, size_t *term_end)
{
	size_t i = indent_of(s);
	for (; i + 1 < n; i++)
		if (s[i] == ' ' && s[i + 1] == ' ') {
			*term_end = i;
			while (i < n && s[i] == ' ')
				i++;
			return i;
		}
	*term_end = n;
	return 0;
}

static char **read_lines(const char *path, size_t *count)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	char **lines = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t len = 0;
	ssize_t got;
	while ((got = getline(&line, &len, f)) >= 0) {
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = realloc(lines, cap * sizeof *lines);
			if (!lines)
				exit(1);
		}
		lines[n++] = strdup(line);
	}
	free(line);
	fclose(f);
	*count = n;
	return lines;
}

/* The page's own words, per language. */
typedef struct words {
	const char *usage;      /* what the help's first line starts with */
	const char *name, *synopsis, *description, *each_command, *rules, *see_also;
	const char *manual;
} words;

static const words english = { "Usage: ", "NAME", "SYNOPSIS", "DESCRIPTION",
	"EACH COMMAND", "RULES", "SEE ALSO", "User Commands" };
static const words swedish = { "Anv\xc3\xa4ndning: ", "NAMN", "SYNOPSIS", "BESKRIVNING",
	"VARJE KOMMANDO", "REGLER", "SE OCKS\xc3\x85", "Anv\xc3\xa4ndarkommandon" };
static const words *w = &english;

/* Render one help text. `top`: the binary's own (its Usage becomes the
 * SYNOPSIS and its first paragraphs the DESCRIPTION); otherwise a command's,
 * under a subsection. */
static void render(const char *path, int top, const char *command)
{
	size_t n = 0;
	char **lines = read_lines(path, &n);
	size_t i = 0;
	size_t usage = strlen(w->usage);
	if (n && strncmp(lines[0], w->usage, usage) == 0) {
		if (top) {
			printf(".SH %s\n.B ", w->synopsis);
			put_line(lines[0] + usage, strlen(lines[0] + usage));
			printf(".SH %s\n", w->description);
		} else {
			printf(".SS %s\n.B ", command);
			put_line(lines[0] + usage, strlen(lines[0] + usage));
			fputs(".PP\n", stdout);
		}
		i = 1;
	}
	int after_example = 0;
	for (; i < n; i++) {
		const char *s = lines[i];
		size_t len = strlen(s);
		if (len == 0) {
			fputs(".PP\n", stdout);
			after_example = 0;
			continue;
		}
		size_t ind = indent_of(s);
		if (ind == 0 && is_heading(s, len)) {
			if (top) {
				/* "Options (see ...):": the heading, then the aside. */
				const char *aside = strstr(s, " (");
				size_t head = aside ? (size_t)(aside - s) : len - 1;
				fputs(".SH ", stdout);
				for (size_t k = 0; k < head; k++)
					putchar(toupper((unsigned char)s[k]));
				putchar('\n');
				if (aside)
					put_line(aside + 2, len - head - 4);
			} else {
				fputs(".PP\n.I ", stdout);
				put_line(s, len - 1);
			}
			continue;
		}
		size_t term_end = 0;
		size_t text = ind > 0 && ind <= 4 ? entry_split(s, len, &term_end) : 0;
		if (text) {
			fputs(".TP\n.B ", stdout);
			put_line(s + ind, term_end - ind);
			put_line(s + text, len - text);
		} else if (ind > 0 && ind <= 4) {
			/* An indented line that is not an entry: an example, kept
			 * on a line of its own. */
			fputs(".br\n", stdout);
			put_line(s + ind, len - ind);
			after_example = 1;
			continue;
		} else {
			if (after_example)
				fputs(".br\n", stdout);
			put_line(s + ind, len - ind);
		}
		after_example = 0;
	}
	for (size_t k = 0; k < n; k++)
		free(lines[k]);
	free(lines);
}

/* The rules listed by --list-rules: "ID DEFAULT HERE SUMMARY" under a
 * heading line; each becomes an entry "ID (DEFAULT)" with its summary. */
static void render_rules(const char *path)
{
	size_t n = 0;
	char **lines = read_lines(path, &n);
	printf(".SH %s\n", w->rules);
	for (size_t i = 1; i < n; i++) {
		char *s = lines[i];
		char *fields[3];
		for (int f = 0; f < 3; f++) {
			fields[f] = s;
			s += strcspn(s, " ");
			if (*s)
				*s++ = '\0';
			s += strspn(s, " ");
		}
		fputs(".TP\n.B ", stdout);
		put_line(fields[0], strlen(fields[0]));
		fputs("(", stdout);
		put_text(fields[1], strlen(fields[1]));
		fputs(") ", stdout);
		put_line(s, strlen(s));
	}
	for (size_t k = 0; k < n; k++)
		free(lines[k]);
	free(lines);
}

int main(int argc, char **argv)
{
	const char *rules = NULL;
	int a = 1;
	while (a + 1 < argc && argv[a][0] == '-') {
		if (strcmp(argv[a], "-l") == 0 && strcmp(argv[a + 1], "sv") == 0)
			w = &swedish;
		else if (strcmp(argv[a], "-r") == 0)
			rules = argv[a + 1];
		else
			break;
		a += 2;
	}
	argc -= a - 1;
	argv += a - 1;
	if (argc < 5 || (argc - 5) % 2 != 0) {
		fprintf(stderr, "usage: help2man [-l sv] [-r RULES_FILE] NAME VERSION SUMMARY HELP_FILE [COMMAND HELP_FILE]...\n");
		return 2;
	}
	const char *name = argv[1];
	printf(".TH %s 1 \"\" \"plan-tools %s\" \"%s\"\n", name, argv[2], w->manual);
	printf(".SH %s\n", w->name);
	put_text(name, strlen(name));
	fputs(" \\- ", stdout);
	put_line(argv[3], strlen(argv[3]));
	render(argv[4], 1, NULL);
	if (rules)
		render_rules(rules);
	if (argc > 5)
		printf(".SH %s\n", w->each_command);
	for (int c = 5; c + 1 < argc; c += 2) {
		char title[256];
		snprintf(title, sizeof title, "%s %s", name, argv[c]);
		render(argv[c + 1], 0, title);
	}
	/* The toolkit's other binaries, not the page's own. */
	static const char *const binaries[] = { "plan-validate", "plan-link", "plan-report",
		"plan-lsp" };
	const size_t nbinaries = sizeof binaries / sizeof binaries[0];
	printf(".SH %s\n", w->see_also);
	size_t left = 0;
	for (size_t i = 0; i < nbinaries; i++)
		left += strcmp(binaries[i], name) != 0;
	for (size_t i = 0; i < nbinaries; i++) {
		if (strcmp(binaries[i], name) == 0)
			continue;
		fputs(".BR ", stdout);
		put_text(binaries[i], strlen(binaries[i]));
		printf(" (1)%s\n", --left ? "," : "");
	}
	return 0;
}
