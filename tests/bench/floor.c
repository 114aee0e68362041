/* plan-bench-floor: the physical floor of validation: list every *.yaml and
 * *.yml under a directory, read each and run libyaml's event parser over it,
 * and nothing else (no tree, no schema, no rules); -j N spreads the files
 * over N threads. */
#define _POSIX_C_SOURCE 200809L /* opendir, fstat, read */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#define MAX_PATH 4096
#define MAX_FILE_BYTES ((size_t)16 << 20) /* plan-validate's default file limit */

typedef struct list {
	char **paths;
	size_t len, cap;
} list;

static int push(list *l, const char *path)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		char **p = realloc(l->paths, cap * sizeof *p);
		if (!p)
			return -1;
		l->paths = p;
		l->cap = cap;
	}
	size_t n = strlen(path) + 1;
	char *copy = malloc(n);
	if (!copy)
		return -1;
	memcpy(copy, path, n);
	l->paths[l->len++] = copy;
	return 0;
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);
	return n > s && strcmp(name + n - s, suffix) == 0;
}

/* Every *.yaml and *.yml below `dir`, skipping hidden names as plan-validate does. */
static int walk(list *l, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "plan-bench-floor: cannot open %s: %s\n", dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	char path[MAX_PATH];
	for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (n < 0 || (size_t)n >= sizeof path) {
			rc = -1;
			break;
		}
		struct stat st;
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = walk(l, path);
		else if (S_ISREG(st.st_mode) && (has_suffix(e->d_name, ".yaml") || has_suffix(e->d_name, ".yml")))
			rc = push(l, path);
	}
	closedir(d);
	return rc;
}

/* The whole file in memory, as plan-validate reads it. */
static unsigned char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	struct stat st;
	unsigned char *buf = NULL;
	if (fstat(fd, &st) < 0 || (size_t)st.st_size > MAX_FILE_BYTES)
		goto cleanup;
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		goto cleanup;
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	*len = got;
cleanup:
	close(fd);
	return buf;
}

typedef struct work {
	const list *files;
	atomic_size_t next;
	atomic_ullong bytes, events;
	atomic_int failed;
} work;

/* Parse one file's events to the end of the stream; -1 on a YAML error. */
static int parse(const unsigned char *text, size_t len, unsigned long long *events)
{
	yaml_parser_t parser;
	yaml_event_t event;
	int rc = 0, done = 0;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, text, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			rc = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		(*events)++;
	}
	yaml_parser_delete(&parser);
	return rc;
}

static void *worker(void *arg)
{
	work *w = arg;
	unsigned long long bytes = 0, events = 0;
	for (;;) {
		size_t i = atomic_fetch_add(&w->next, 1);
		if (i >= w->files->len)
			break;
		size_t len = 0;
		unsigned char *text = read_file(w->files->paths[i], &len);
		if (!text || parse(text, len, &events) < 0) {
			fprintf(stderr, "plan-bench-floor: %s: cannot %s\n", w->files->paths[i],
				text ? "parse" : "read");
			atomic_store(&w->failed, 1);
		}
		bytes += len;
		free(text);
	}
	atomic_fetch_add(&w->bytes, bytes);
	atomic_fetch_add(&w->events, events);
	return NULL;
}

static const char usage_text[] =
	"Usage: plan-bench-floor [-j N] DIR\n"
	"\n"
	"Read every *.yaml and *.yml under DIR and run libyaml's event parser over\n"
	"it, nothing else: the least any validator must spend. -j N: N threads\n"
	"(default 1). Prints: FILES files, BYTES bytes, EVENTS events, N threads\n";

int main(int argc, char **argv)
{
	long jobs = 1;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strncmp(argv[i], "-j", 2) == 0 && (argv[i][2] || i + 1 < argc)) {
			const char *n = argv[i][2] ? argv[i] + 2 : argv[++i];
			char *end = NULL;
			jobs = strtol(n, &end, 10);
			if (!end || *end || jobs < 1 || jobs > 1024) {
				fprintf(stderr, "plan-bench-floor: -j needs a number from 1 to 1024\n");
				return 2;
			}
		} else if (argv[i][0] != '-' && !dir) {
			dir = argv[i];
		} else {
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (!dir) {
		fputs(usage_text, stderr);
		return 2;
	}
	list files = { 0 };
	int rc = 2;
	pthread_t *threads = NULL;
	if (walk(&files, dir) < 0)
		goto cleanup;
	work w = { .files = &files };
	threads = calloc((size_t)jobs, sizeof *threads);
	if (!threads)
		goto cleanup;
	long started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&threads[started], NULL, worker, &w) != 0)
			break;
	if (started == 0)
		worker(&w);
	for (long t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	printf("%zu files, %llu bytes, %llu events, %ld threads\n", files.len,
		(unsigned long long)atomic_load(&w.bytes), (unsigned long long)atomic_load(&w.events),
		started ? started : 1);
	rc = atomic_load(&w.failed) ? 1 : 0;
cleanup:
	for (size_t i = 0; i < files.len; i++)
		free(files.paths[i]);
	free(files.paths);
	free(threads);
	return rc;
}
