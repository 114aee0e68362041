/* plan/arena.h: bump allocation for everything that lives as long as a file's
 * node tree. One arena per loaded file; freeing the arena frees it all. */
#ifndef PLAN_ARENA_H
#define PLAN_ARENA_H

#include <stddef.h>

typedef struct plan_arena plan_arena;

/* A new, empty arena, or NULL when memory ran out. Free with plan_arena_free. */
plan_arena *plan_arena_new(void);

/* The same for an arena that will hold megabytes (a thread's share of a
 * large plan set's model): its blocks are two megabytes each, mapped whole
 * and offered to the system as huge pages, so that touching fresh memory
 * takes one page fault per block instead of 512. */
plan_arena *plan_arena_new_large(void);

/* Every allocation is aligned to this many bytes: enough for pointers,
 * doubles and 64-bit integers (not for long double or SIMD types). */
#define PLAN_ARENA_ALIGN 8

/* What an allocation of `size` bytes takes from a block: `size` rounded up
 * to PLAN_ARENA_ALIGN, and one unit for 0; SIZE_MAX when it cannot be had. */
size_t plan_arena_cost(size_t size);

/* A new arena whose first block holds `size` bytes, for a caller that knows
 * what it will allocate (the sum of plan_arena_cost of each allocation). */
plan_arena *plan_arena_new_sized(size_t size);

/* `size` bytes aligned to PLAN_ARENA_ALIGN, zeroed; NULL when memory ran out.
 * Owned by the arena. */
void *plan_arena_alloc(plan_arena *arena, size_t size);

/* As plan_arena_alloc, but the bytes are not zeroed: for callers that write
 * every one of them (a node copied whole, a string). */
void *plan_arena_alloc_dirty(plan_arena *arena, size_t size);

/* A NUL-terminated copy of `len` bytes, owned by the arena. */
char *plan_arena_strndup(plan_arena *arena, const char *str, size_t len);

/* Bytes handed out so far (for limits and benchmarks). */
size_t plan_arena_used(const plan_arena *arena);

/* Bytes in the blocks taken from malloc, handed out or not. */
size_t plan_arena_reserved(const plan_arena *arena);

/* Free the arena and everything allocated from it; accepts NULL. */
void plan_arena_free(plan_arena *arena);

#endif
