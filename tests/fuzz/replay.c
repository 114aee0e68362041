/* replay.c: runs every file of a fuzz corpus through a fuzz target's
 * LLVMFuzzerTestOneInput, so that the corpora are regression tests in every
 * build, with any compiler and without libFuzzer.
 *
 * Usage: replay_<target> FILE|DIRECTORY...   (a directory: every regular
 * file in it, in name order; hidden files skipped). */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *data = malloc(cap);
	for (;;) {
		if (!data) {
			fclose(f);
			fprintf(stderr, "replay: out of memory reading '%s'\n", path);
			return -1;
		}
		len += fread(data + len, 1, cap - len, f);
		if (len < cap)
			break;
		unsigned char *bigger = realloc(data, cap * 2);
		if (!bigger)
			free(data);
		data = bigger;
		cap *= 2;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(data);
		fprintf(stderr, "replay: cannot read '%s'\n", path);
		return -1;
	}
	/* A copy of exactly `len` bytes, so that ASan sees any read past the end
	 * as libFuzzer would. */
	unsigned char *exact = malloc(len ? len : 1);
	if (!exact) {
		free(data);
		return -1;
	}
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot open '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **bigger = realloc(names, cap * sizeof *names);
			if (!bigger) {
				rc = -1;
				break;
			}
			names = bigger;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0)
		qsort(names, n, sizeof *names, compare);
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(plen);
		if (path) {
			snprintf(path, plen, "%s/%s", dir, names[i]);
			struct stat st;
			if (rc == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				if (run_file(path) < 0)
					rc = -1;
				else
					(*count)++;
			}
		} else {
			rc = -1;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: cannot open '%s': %s\n", argv[i], strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], &count) < 0)
				rc = 1;
		} else if (run_file(argv[i]) < 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	if (count == 0 && rc == 0) {
		fprintf(stderr, "replay: no corpus files in the arguments\n");
		rc = 1;
	}
	printf("replay: %zu input%s, %s\n", count, count == 1 ? "" : "s", rc ? "FAILED" : "ok");
	return rc;
}
