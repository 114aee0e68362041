/* output.c: standard output or an atomically replaced file. */
#define _XOPEN_SOURCE 700 /* mkstemp, fdopen, realpath, fileno, strndup */

#include "plan/output.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/buf.h"
#include "source_impl.h"

struct plan_output {
	FILE *stream;
	char *path;      /* NULL for standard output */
	char *temp;
};

/* The directory part of `path` ("." when it has none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* The language of `err`'s messages (plan_error_set allows NULL). */
#define ERR_LANG(err) ((err) ? (err)->lang : PLAN_LANG_EN)

static int inside(const char *dir, const char *root)
{
	size_t n = strlen(root);
	return strncmp(dir, root, n) == 0 && (dir[n] == '\0' || dir[n] == '/' ||
	       (n > 0 && root[n - 1] == '/'));
}

/* The mode of the file `path` replaces, or for a new one 0666 less the
 * umask (read by setting it and back: nothing else runs meanwhile). */
static mode_t mode_for(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mode_t mask = umask(022);
	umask(mask);
	return 0666 & ~mask;
}

int plan_output_open(plan_output **out, const char *path,
	const char *forbidden_root, plan_error *err)
{
	*out = NULL;
	plan_output *o = calloc(1, sizeof *o);
	if (!o)
		return plan_error_set(err, "out of memory");
	if (!path || strcmp(path, "-") == 0) {
		o->stream = stdout;
		*out = o;
		return 0;
	}
	char *dir = dir_of(path);
	char *real_dir = dir ? realpath(dir, NULL) : NULL;
	if (!real_dir) {
		plan_error_set(err, "cannot write '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		goto fail;
	}
	/* Only a file the plan set would read is refused: a report, a SARIF
	 * file or a page beside the plans changes nothing the tools read (CI
	 * writes plan-validate.sarif at the root of the repository). */
	const char *name = strrchr(path, '/');
	if (forbidden_root && inside(real_dir, forbidden_root) &&
	    plan_source_candidate(name ? name + 1 : path)) {
		plan_error_set(err, "refusing to write '%s': a YAML file inside the plan set being read (%s) would become part of it",
			path, forbidden_root);
		goto fail;
	}
	plan_buf temp = PLAN_BUF_INIT;
	plan_buf_printf(&temp, "%s/.plan-output-XXXXXX", real_dir);
	o->temp = plan_buf_detach(&temp);
	o->path = strdup(path);
	int fd = o->temp && o->path ? mkstemp(o->temp) : -1;
	if (fd < 0) {
		plan_error_set(err, "cannot write '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		free(o->temp);
		o->temp = NULL;
		goto fail;
	}
	/* mkstemp makes the file 0600; the result is a report to share, so it
	 * gets the mode a shell redirection would give it. */
	if (fchmod(fd, mode_for(path)) != 0) {
		plan_error_set(err, "cannot write '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		close(fd);
		goto fail;
	}
	o->stream = fdopen(fd, "w");
	if (!o->stream) {
		plan_error_set(err, "cannot write '%s': %s", path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		close(fd);
		goto fail;
	}
	free(dir);
	free(real_dir);
	*out = o;
	return 0;
fail:
	free(dir);
	free(real_dir);
	plan_output_abort(o);
	return -1;
}

FILE *plan_output_stream(plan_output *output)
{
	return output->stream;
}

int plan_output_is_terminal(const plan_output *output)
{
	return output->path == NULL && isatty(fileno(output->stream));
}

int plan_output_commit(plan_output *output, plan_error *err)
{
	int rc = 0;
	if (!output->path) {
		if (fflush(output->stream) != 0 || ferror(output->stream))
			rc = plan_error_set(err, "cannot write to standard output: %s",
				plan_tr(ERR_LANG(err), strerror(errno)));
		free(output);
		return rc;
	}
	int failed = ferror(output->stream);
	if (fclose(output->stream) != 0 || failed) {
		output->stream = NULL;
		plan_error_set(err, "cannot write '%s': %s", output->path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		plan_output_abort(output);
		return -1;
	}
	output->stream = NULL;
	if (rename(output->temp, output->path) != 0) {
		plan_error_set(err, "cannot write '%s': %s", output->path,
			plan_tr(ERR_LANG(err), strerror(errno)));
		plan_output_abort(output);
		return -1;
	}
	free(output->temp);
	output->temp = NULL;
	plan_output_abort(output);
	return 0;
}

void plan_output_abort(plan_output *output)
{
	if (!output)
		return;
	if (output->stream && output->stream != stdout)
		fclose(output->stream);
	if (output->temp)
		unlink(output->temp);
	free(output->temp);
	free(output->path);
	free(output);
}

/* --- chunked writing -------------------------------------------------------- */

#define CHUNK ((size_t)64 << 10)

void plan_out_flush(plan_out *out)
{
	if (out->buf.failed)
		out->failed = 1;
	if (out->buf.len && !out->failed &&
	    fwrite(out->buf.ptr, 1, out->buf.len, out->stream) != out->buf.len)
		out->failed = 1;
	plan_buf_clear(&out->buf);
}

void plan_out_maybe_flush(plan_out *out)
{
	if (out->stream && (out->buf.len >= CHUNK || out->buf.failed))
		plan_out_flush(out);
}

void plan_vsay(FILE *to, const char *program, const char *fmt, va_list ap)
{
	if (!to)
		return;
	fprintf(to, "%s: ", program);
	vfprintf(to, fmt, ap);
	fputc('\n', to);
}
