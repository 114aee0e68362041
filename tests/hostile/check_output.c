/* check_output.c: what the hostile-input cases assert about a binary's
 * stdout, with the same checks the fuzz targets make (tests/fuzz/check.c).
 *
 * Usage: hostile_check text|color|json FILE
 *   text   safe for a terminal: valid UTF-8, no control character but a
 *          line feed, no C1 control, no bidirectional control
 *   color  the same, but plan-validate's own colour sequences are allowed
 *   json   exactly one valid JSON value (RFC 8259)
 * Exit status 0 when the file passes, 1 when not, 2 on a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "text") != 0 && strcmp(argv[1], "color") != 0 &&
	                  strcmp(argv[1], "json") != 0)) {
		fprintf(stderr, "usage: hostile_check text|color|json FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		fprintf(stderr, "hostile_check: cannot open '%s'\n", argv[2]);
		return 2;
	}
	size_t cap = 1 << 16, len = 0;
	char *data = malloc(cap);
	while (data) {
		len += fread(data + len, 1, cap - len, f);
		if (len < cap)
			break;
		char *bigger = realloc(data, cap * 2);
		if (!bigger)
			free(data);
		data = bigger;
		cap *= 2;
	}
	int bad = !data || ferror(f);
	fclose(f);
	if (bad) {
		free(data);
		fprintf(stderr, "hostile_check: cannot read '%s'\n", argv[2]);
		return 2;
	}
	int ok = strcmp(argv[1], "json") == 0 ? fuzz_json_valid(data, len) :
		fuzz_terminal_safe(data, len, strcmp(argv[1], "color") == 0);
	free(data);
	if (!ok) {
		fprintf(stderr, "hostile_check: '%s' is not %s\n", argv[2],
			strcmp(argv[1], "json") == 0 ? "valid JSON" : "safe for a terminal");
		return 1;
	}
	return 0;
}
