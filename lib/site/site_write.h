/* site_write.h: the folder a site is written to (write.c). */
#ifndef PLAN_SITE_WRITE_H
#define PLAN_SITE_WRITE_H

#include <limits.h>

/* Paths this long are refused (PATH_MAX on Linux). */
#define SITE_PATH_MAX 4096

#include "plan/buf.h"
#include "plan/lang.h"

typedef struct site_dir {
	char dir[SITE_PATH_MAX];        /* as given, without trailing slashes */
	char tmp[2 * SITE_PATH_MAX + 64];   /* the new site, beside it, until committed */
	char old[2 * SITE_PATH_MAX + 64];   /* where the old site goes while swapping */
	int existed;
} site_dir;

/* Check `dir` (not inside the plan set `root` nor holding it; new, empty,
 * or a site) and make the temporary folder. -1 with `why` set. */
int site_dir_begin(site_dir *w, const char *dir, const char *root, plan_lang lang, plan_buf *why);
/* A folder inside the temporary one; -1 on failure (errno). */
int site_dir_mkdir(const site_dir *w, const char *sub);
/* Swap the new site into place and remove the old; -1 with `why` set (the
 * old site stays). */
int site_dir_commit(site_dir *w, plan_lang lang, plan_buf *why);
/* Remove the temporary folder. */
void site_dir_abort(site_dir *w);

#endif
