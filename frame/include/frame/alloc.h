/*
 * Typed heap objects (DESIGN.md rule 13, F15).
 *
 *   struct foo *f = NEW(struct foo);   // zeroed, or NULL when out of memory
 *   FREE(f);                           // and f becomes NULL
 *
 * Every type gets its own cache, keyed by the file that allocates it, the
 * type's spelling, size and alignment (so two files' different `struct node`s
 * never share one), and a cache's memory is never given to another cache: a freed
 * `struct foo` is only ever reused for a `struct foo`, so even a
 * use-after-free reads a (zeroed or live) object of the right type, never a
 * forged one. Freeing a pointer twice, or one that NEW did not return, is
 * caught and panics. Objects are zeroed when freed and when allocated.
 *
 * The key is spelling, so for services the build makes it mean one type
 * (tools/safec, R12-odr): every key is used for one canonical type across
 * all services, its file part must be the file the NEW is written in (no
 * #line can reach another file's or the framework's caches), and size and
 * alignment must be those of the type the result is cast to.
 *
 *   struct foo *f = CONTAINER_OF(m, struct foo, member);   // m == &f->member
 *
 * From a pointer to a member back to the heap object holding it. Checked
 * (unlike the framework's container_of): `m - offsetof(T, member)` must be
 * the start of a live slot of the cache NEW(T) uses in this same file (the
 * key `__FILE__ ":" #T`, size and alignment; R12-odr gives the key one type,
 * as for NEW), else it panics. So it works in the file that allocates T
 * (give other files a small function there), and never for static objects:
 * the static-object table knows sizes, not types. Cost: a call, about seven
 * dependent loads and a multiply; no lock, no division.
 */
#ifndef FRAME_ALLOC_H
#define FRAME_ALLOC_H

#include <frame/types.h>

struct slab_cache;

struct slab_cache *slab_cache_get(const char *type_name, size_t size, size_t align);
void *slab_alloc(struct slab_cache *cache);
void slab_free(void *obj, size_t size);
/* CONTAINER_OF's check; panics unless member - offset starts a live object of cache `want`. */
void *slab_container(const struct slab_cache *want, const void *member, size_t offset);

#define NEW(T)                                                                              \
	({                                                                                  \
		static struct slab_cache *__fw_cache;                                       \
		struct slab_cache *__fw_c = __atomic_load_n(&__fw_cache, __ATOMIC_ACQUIRE); \
		if (__builtin_expect(!__fw_c, 0)) {                                         \
			__fw_c = slab_cache_get(__FILE__ ":" #T, sizeof(T), _Alignof(T));   \
			__atomic_store_n(&__fw_cache, __fw_c, __ATOMIC_RELEASE);            \
		}                                                                           \
		(T *)slab_alloc(__fw_c);                                                    \
	})

#define CONTAINER_OF(ptr, T, member)                                                                           \
	({                                                                                                     \
		_Static_assert(__builtin_types_compatible_p(__typeof__(*(ptr)), __typeof__(((T *)0)->member)), \
			       "CONTAINER_OF: the pointer's type is not the member's");                        \
		static struct slab_cache *__fw_cont_cache;                                                     \
		struct slab_cache *__fw_cc = __atomic_load_n(&__fw_cont_cache, __ATOMIC_ACQUIRE);              \
		if (__builtin_expect(!__fw_cc, 0)) {                                                           \
			__fw_cc = slab_cache_get(__FILE__ ":" #T, sizeof(T), _Alignof(T));                     \
			__atomic_store_n(&__fw_cont_cache, __fw_cc, __ATOMIC_RELEASE);                         \
		}                                                                                              \
		(T *)slab_container(__fw_cc, (ptr), offsetof(T, member));                                      \
	})

#define FREE(p)                               \
	do {                                  \
		slab_free((p), sizeof(*(p))); \
		(p) = NULL;                   \
	} while (0)

#endif /* FRAME_ALLOC_H */
