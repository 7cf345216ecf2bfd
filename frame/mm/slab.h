#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <frame/alloc.h>

void slab_init(void);
/*
 * The cache of the allocated object that starts at p, or NULL when p is
 * anything else (any word: never panics). Lock-free, so the answer may be
 * stale at once: callers rely on type stability, not on liveness.
 */
struct slab_cache *slab_cache_of_object(const void *p);
/* The slot size of a cache's objects. */
size_t slab_cache_stride(const struct slab_cache *c);
/* Byte-block size classes say so once, before any of their blocks exists
 * (frame/mm/bytes.c); a typed cache never does. */
void slab_cache_mark_bytes(struct slab_cache *c);
bool slab_cache_holds_bytes(const struct slab_cache *c);
/*
 * The allocated object whose slot holds `p` (a direct-map address in a slab
 * frame): its start and the type's size. False when p is in a slab header,
 * in a free slot or in the padding after an object.
 */
bool slab_object_of(const void *p, uint64_t *start, size_t *size);
/* Statistics for tests and /proc/meminfo. */
uint64_t slab_cache_objects(const struct slab_cache *c);
uint64_t slab_cache_slabs(const struct slab_cache *c);

#endif
