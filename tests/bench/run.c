/* plan-bench-run: run a command N times and report its fastest and median
 * wall time and its peak memory, so the benchmark needs no /usr/bin/time. */
#define _DEFAULT_SOURCE /* wait4 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 1000

static const char usage_text[] =
	"Usage: plan-bench-run [-n RUNS] [-C DIR] [-x STATUS] [-o FILE] [-e FILE] [--] COMMAND [ARG...]\n"
	"\n"
	"Run COMMAND RUNS times (default 5), one after the other, with stdin from\n"
	"/dev/null, its stdout to -o FILE and its stderr to -e FILE (both default to\n"
	"/dev/null; the last run's output is what stays there), in DIR when -C is\n"
	"given. Each run's exit status must be STATUS (default 0), else\n"
	"plan-bench-run stops and fails.\n"
	"\n"
	"Prints one line: min=SECONDS median=SECONDS max=SECONDS rss_kb=PEAK runs=RUNS\n"
	"(wall time by CLOCK_MONOTONIC; PEAK is the largest ru_maxrss of any run).\n";

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run: its wall time and peak memory; -1 when it could not be run or
 * did not exit with `want`. */
static int run_once(char **argv, const char *dir, const char *out, const char *err, int want,
	double *seconds, long *rss_kb)
{
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "plan-bench-run: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		int efd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (in < 0 || fd < 0 || efd < 0 || dup2(in, 0) < 0 || dup2(fd, 1) < 0 ||
		    dup2(efd, 2) < 0)
			_exit(126);
		if (dir && chdir(dir) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "plan-bench-run: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
	*seconds = now() - t0;
	*rss_kb = ru.ru_maxrss;
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "plan-bench-run: %s: killed by signal %d\n", argv[0], WTERMSIG(status));
		return -1;
	}
	int code = WEXITSTATUS(status);
	if (code == 126 || code == 127) {
		fprintf(stderr, "plan-bench-run: %s: cannot run it (exit %d)\n", argv[0], code);
		return -1;
	}
	if (code != want) {
		fprintf(stderr, "plan-bench-run: %s exited %d, not %d (its stderr is in %s)\n",
			argv[0], code, want, err);
		return -1;
	}
	return 0;
}

static int parse_int(const char *text, long lo, long hi, long *value)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || !end || *end || v < lo || v > hi)
		return -1;
	*value = v;
	return 0;
}

int main(int argc, char **argv)
{
	long runs = 5, want = 0;
	const char *dir = NULL, *out = "/dev/null", *err = "/dev/null";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (i + 1 >= argc)
			goto usage;
		if (strcmp(a, "-n") == 0 && parse_int(argv[i + 1], 1, MAX_RUNS, &runs) == 0)
			i++;
		else if (strcmp(a, "-x") == 0 && parse_int(argv[i + 1], 0, 255, &want) == 0)
			i++;
		else if (strcmp(a, "-C") == 0)
			dir = argv[++i];
		else if (strcmp(a, "-o") == 0)
			out = argv[++i];
		else if (strcmp(a, "-e") == 0)
			err = argv[++i];
		else
			goto usage;
	}
	if (i >= argc)
		goto usage;

	double times[MAX_RUNS];
	long peak = 0;
	for (long r = 0; r < runs; r++) {
		long rss = 0;
		if (run_once(argv + i, dir, out, err, (int)want, &times[r], &rss) < 0)
			return 1;
		if (rss > peak)
			peak = rss;
	}
	qsort(times, (size_t)runs, sizeof times[0], cmp_double);
	double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
	printf("min=%.4f median=%.4f max=%.4f rss_kb=%ld runs=%ld\n", times[0], median,
		times[runs - 1], peak, runs);
	return 0;

usage:
	fputs(usage_text, stderr);
	return 2;
}
