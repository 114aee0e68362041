/* arena.c: bump allocation in blocks that grow, freed all at once. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "plan/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Blocks start small and double up to BLOCK_SIZE: a plan set is thousands
 * of small files, each with an arena, and a large first block would cost
 * each of them pages it never fills (malloc writes past a block's end). */
#define FIRST_BLOCK_SIZE ((size_t)4 << 10)
#define BLOCK_SIZE ((size_t)64 << 10)
/* A large arena's blocks (plan_arena_new_large): a huge page each. */
#define LARGE_BLOCK_SIZE ((size_t)2 << 20)

typedef struct block {
	struct block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
} block;

struct plan_arena {
	block *head;
	size_t total;
	size_t reserved;      /* bytes in blocks, used or not */
	size_t next_size;     /* the size of the next block; 0 before the first */
	int large;            /* blocks mapped whole, as huge pages where the
	                       * system gives them */
};

plan_arena *plan_arena_new(void)
{
	return calloc(1, sizeof(plan_arena));
}

size_t plan_arena_cost(size_t size)
{
	/* Eight bytes suit every type the library keeps in an arena (pointers,
	 * doubles, 64-bit integers); max_align_t's sixteen would make a node
	 * with its text cost eight bytes more half the time. */
	const size_t align = PLAN_ARENA_ALIGN;
	if (size > SIZE_MAX - align)
		return SIZE_MAX;
	size = (size + align - 1) & ~(align - 1);
	return size ? size : align;
}

plan_arena *plan_arena_new_sized(size_t size)
{
	plan_arena *arena = plan_arena_new();
	if (arena)
		arena->next_size = size ? plan_arena_cost(size) : FIRST_BLOCK_SIZE;
	return arena;
}

plan_arena *plan_arena_new_large(void)
{
	plan_arena *arena = plan_arena_new();
	if (arena)
		arena->large = 1;
	return arena;
}

/* A large arena's block of at least `size` bytes, mapped whole: NULL when
 * it cannot be. */
static block *map_block(size_t *size)
{
	size_t bytes = (sizeof(block) + *size + LARGE_BLOCK_SIZE - 1) & ~(LARGE_BLOCK_SIZE - 1);
	if (bytes < *size)
		return NULL;
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	/* One fault for two megabytes instead of 512: where transparent huge
	 * pages are left to the program (the "madvise" setting), a large
	 * arena's first touch of fresh memory costs a fifth of a warm run. */
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	*size = bytes - sizeof(block);
	return p;
}

static block *block_new(const plan_arena *arena, size_t size)
{
	block *b = arena->large ? map_block(&size) : malloc(sizeof(block) + size);
	if (!b)
		return NULL;
	b->next = NULL;
	b->used = 0;
	b->size = size;
	return b;
}

/* `size` bytes from the arena, not zeroed. */
static void *take(plan_arena *arena, size_t size)
{
	size = plan_arena_cost(size);
	if (size == SIZE_MAX)
		return NULL;
	block *b = arena->head;
	if (!b || b->size - b->used < size) {
		size_t most = arena->large ? LARGE_BLOCK_SIZE : BLOCK_SIZE;
		if (size > most / 4) {
			/* A large request gets a block of its own, kept behind the
			 * current one so the current block's free space is not lost. */
			block *big = block_new(arena, size);
			if (!big)
				return NULL;
			big->used = size;
			arena->reserved += big->size;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				arena->head = big;
			}
			arena->total += size;
			return big->data;
		}
		size_t want = arena->next_size ? arena->next_size : FIRST_BLOCK_SIZE;
		while (want < size)
			want *= 2;
		b = block_new(arena, want);
		if (!b)
			return NULL;
		arena->reserved += b->size;
		arena->next_size = want < BLOCK_SIZE ? want * 2 : BLOCK_SIZE;
		b->next = arena->head;
		arena->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	arena->total += size;
	return p;
}

void *plan_arena_alloc(plan_arena *arena, size_t size)
{
	void *p = take(arena, size);
	if (p)
		memset(p, 0, size);
	return p;
}

void *plan_arena_alloc_dirty(plan_arena *arena, size_t size)
{
	return take(arena, size);
}

char *plan_arena_strndup(plan_arena *arena, const char *str, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = take(arena, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, str, len);
	p[len] = '\0';
	return p;
}

size_t plan_arena_used(const plan_arena *arena)
{
	return arena->total;
}

size_t plan_arena_reserved(const plan_arena *arena)
{
	return arena->reserved;
}

void plan_arena_free(plan_arena *arena)
{
	if (!arena)
		return;
	block *b = arena->head;
	while (b) {
		block *next = b->next;
		if (arena->large)
			munmap(b, sizeof(block) + b->size);
		else
			free(b);
		b = next;
	}
	free(arena);
}
