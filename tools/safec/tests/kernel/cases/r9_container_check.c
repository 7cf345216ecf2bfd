/* slab_container is CONTAINER_OF's check: called directly it would take any
 * cache and offset, and its void * result is not a typed object. */
#include <frame/alloc.h>
struct link { struct link *next; };
void *raw(struct slab_cache *c, struct link *l) { return slab_container(c, l, 8); } /* expect: R9-macro-only */
