/* set_pool.c: workers that load files as the listing finds them, and the
 * results put in the listing's order at the end. See set_pool.h. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "set_pool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "hash.h"

/* How many jobs wait before a sleeping worker is woken for them; the end
 * of the listing wakes every worker whatever is left. */
#define WAKE_BATCH 16

/* One file to load, and what loading it gave until it is placed. Jobs are
 * allocated one by one so that a worker holding one never sees it move
 * when the list of jobs grows. */
typedef struct job {
	char *path;
	plan_file *file;
	plan_diags *diags;
	plan_suppressions *sup;
	plan_model_part *part;    /* in the arena of the thread that loaded it */
	int claimed;              /* matched to a path of the listing */
} job;

/* A thread of the pool: the caller's is number 0. */
typedef struct worker {
	struct set_pool *pool;
	plan_arena *arena;        /* made by the thread at its first file */
} worker;

struct set_pool {
	set_pool_load *load;
	void *ctx;
	plan_lang lang;
	const char *skip;
	job **jobs;               /* in the order told of; grows under the lock */
	size_t count, cap, next;
	unsigned waiting;         /* workers asleep for want of jobs */
	int done;                 /* nothing more will be told of */
	int oom;
	pthread_t *threads;
	unsigned nthreads;
	worker *workers;          /* nthreads + 1: the caller's first */
	int joined;
	pthread_mutex_t lock;
	pthread_cond_t more;
};

static void note_oom(set_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->oom = 1;
	pthread_mutex_unlock(&p->lock);
}

static void run(worker *w, job *j)
{
	set_pool *p = w->pool;
	if (strcmp(j->path, p->skip) == 0)
		return;
	if (!w->arena)
		w->arena = plan_arena_new_large();
	if (!w->arena || !(j->diags = plan_diags_new())) {
		note_oom(p);
		return;
	}
	plan_diags_set_lang(j->diags, p->lang);
	j->file = p->load(p->ctx, w->arena, j->path, j->diags, &j->sup, &j->part);
}

static void *work(void *arg)
{
	worker *w = arg;
	set_pool *p = w->pool;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next >= p->count && !p->done) {
			p->waiting++;
			pthread_cond_wait(&p->more, &p->lock);
			p->waiting--;
		}
		if (p->next >= p->count)
			break;
		job *j = p->jobs[p->next++];
		pthread_mutex_unlock(&p->lock);
		run(w, j);
		pthread_mutex_lock(&p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* A job for `path`, handed to the workers; NULL when memory ran out. */
static job *add(set_pool *p, const char *path)
{
	job *j = calloc(1, sizeof *j);
	if (j && !(j->path = strdup(path))) {
		free(j);
		j = NULL;
	}
	pthread_mutex_lock(&p->lock);
	if (j && plan_array_reserve((void **)&p->jobs, &p->cap, p->count + 1, sizeof *p->jobs) == 0) {
		p->jobs[p->count++] = j;
		/* Woken for a few jobs at a time: when the workers keep up with
		 * the listing (files the cache has), waking one for each file
		 * was two system calls a file on the listing's thread. */
		if (p->waiting && p->count - p->next >= WAKE_BATCH)
			pthread_cond_signal(&p->more);
	} else {
		if (j)
			free(j->path);
		free(j);
		j = NULL;
		p->oom = 1;
	}
	pthread_mutex_unlock(&p->lock);
	return j;
}

int set_pool_start(set_pool **out, unsigned jobs, plan_lang lang, set_pool_load *load,
	void *ctx, const char *skip)
{
	*out = NULL;
	set_pool *p = calloc(1, sizeof *p);
	if (!p)
		return -1;
	p->load = load;
	p->ctx = ctx;
	p->lang = lang;
	p->skip = skip;
	if (pthread_mutex_init(&p->lock, NULL) != 0) {
		free(p);
		return -1;
	}
	if (pthread_cond_init(&p->more, NULL) != 0) {
		pthread_mutex_destroy(&p->lock);
		free(p);
		return -1;
	}
	if (!(p->workers = calloc(jobs ? jobs : 1, sizeof *p->workers))) {
		pthread_cond_destroy(&p->more);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return -1;
	}
	for (unsigned i = 0; i < (jobs ? jobs : 1); i++)
		p->workers[i].pool = p;
	/* The caller is one of the `jobs`: it lists first, then works. A
	 * thread that cannot be started only leaves the others more to do. */
	if (jobs > 1 && (p->threads = calloc(jobs - 1, sizeof *p->threads)))
		while (p->nthreads < jobs - 1 &&
		       pthread_create(&p->threads[p->nthreads], NULL, work,
		                      &p->workers[p->nthreads + 1]) == 0)
			p->nthreads++;
	*out = p;
	return 0;
}

void set_pool_found(void *ctx, const char *relpath)
{
	add(ctx, relpath);
}

/* Tell the workers that nothing more comes and wait for them: with
 * `finish`, once every job is loaded (the caller working too); without,
 * once the loads under way end (the rest are dropped). */
static void join(set_pool *p, int finish)
{
	if (p->joined)
		return;
	pthread_mutex_lock(&p->lock);
	p->done = 1;
	if (!finish)
		p->next = p->count;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	if (finish)
		work(&p->workers[0]);
	for (unsigned i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	p->joined = 1;
}

/* The jobs told of, by path: open addressing, at most half full. */
typedef struct by_path {
	job **slots;
	size_t cap;
} by_path;

static int index_jobs(by_path *t, job *const *jobs, size_t n)
{
	t->cap = 16;
	while (t->cap < 2 * n + 1)
		t->cap *= 2;
	if (!(t->slots = calloc(t->cap, sizeof *t->slots)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t s = (size_t)plan_hash_string(jobs[i]->path) & (t->cap - 1);
		while (t->slots[s])
			s = (s + 1) & (t->cap - 1);
		t->slots[s] = jobs[i];
	}
	return 0;
}

/* The unclaimed job for `path`, now claimed; NULL when there is none. */
static job *claim(const by_path *t, const char *path)
{
	size_t s = (size_t)plan_hash_string(path) & (t->cap - 1);
	for (; t->slots[s]; s = (s + 1) & (t->cap - 1)) {
		job *j = t->slots[s];
		if (!j->claimed && strcmp(j->path, path) == 0) {
			j->claimed = 1;
			return j;
		}
	}
	return NULL;
}

int set_pool_finish(set_pool *p, const char *const *paths, size_t n, plan_file **files,
	plan_diags **diags, plan_suppressions **sups, plan_model_part **parts)
{
	/* No one adds jobs now but this thread: the told-of ones can be read
	 * without the lock (the workers only write into the jobs). */
	size_t told = p->count;
	by_path t = { NULL, 0 };
	job **at = calloc(n ? n : 1, sizeof *at);
	if (!at || index_jobs(&t, p->jobs, told) < 0) {
		free(at);
		free(t.slots);
		join(p, 0);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!(at[i] = claim(&t, paths[i])) && (at[i] = add(p, paths[i])))
			at[i]->claimed = 1;   /* a source that tells of nothing, or a path it missed */
	free(t.slots);
	join(p, 1);
	int rc = p->oom ? -1 : 0;
	for (size_t i = 0; i < n; i++) {
		job *j = at[i];
		files[i] = j ? j->file : NULL;
		diags[i] = j ? j->diags : NULL;
		sups[i] = j ? j->sup : NULL;
		parts[i] = j ? j->part : NULL;
		if (j)
			j->file = NULL, j->diags = NULL, j->sup = NULL;
		else
			rc = -1;
	}
	free(at);
	return rc;
}

long set_pool_take_arenas(set_pool *p, plan_arena ***out)
{
	*out = NULL;
	size_t n = 0;
	for (unsigned i = 0; i <= p->nthreads; i++)
		n += p->workers[i].arena != NULL;
	if (!n)
		return 0;
	if (!(*out = malloc(n * sizeof **out)))
		return -1;
	n = 0;
	for (unsigned i = 0; i <= p->nthreads; i++)
		if (p->workers[i].arena) {
			(*out)[n++] = p->workers[i].arena;
			p->workers[i].arena = NULL;
		}
	return (long)n;
}

void set_pool_free(set_pool *p)
{
	if (!p)
		return;
	join(p, 0);
	for (size_t i = 0; i < p->count; i++) {
		job *j = p->jobs[i];
		plan_file_free(j->file);
		plan_diags_free(j->diags);
		plan_suppressions_free(j->sup);
		free(j->path);
		free(j);
	}
	free(p->jobs);
	free(p->threads);
	for (unsigned i = 0; i <= p->nthreads; i++)
		plan_arena_free(p->workers[i].arena);
	free(p->workers);
	pthread_cond_destroy(&p->more);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
