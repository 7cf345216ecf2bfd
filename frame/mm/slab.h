#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <frame/alloc.h>

void slab_init(void);
/* Statistics for tests and /proc/meminfo. */
uint64_t slab_cache_objects(const struct slab_cache *c);
uint64_t slab_cache_slabs(const struct slab_cache *c);

#endif
