/* Fake framework typed allocation for the safec tests (trusted code): the
 * same NEW as frame/include/frame/alloc.h, so R12-odr reads the cache key
 * and the allocated type from the same expansion the kernel uses. */
#ifndef FRAME_ALLOC_H
#define FRAME_ALLOC_H
#include <frame/types.h>

struct slab_cache;
struct slab_cache *slab_cache_get(const char *type_name, size_t size, size_t align);
void *slab_alloc(struct slab_cache *cache);
void *slab_alloc_array(struct slab_cache *cache, size_t n);
void slab_free(void *obj, size_t size);
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
/* an array allocation: a pointer to its first element */
#define NEW_ARRAY(T, n) ((T *)slab_alloc_array(slab_cache_get(__FILE__ ":" #T, sizeof(T), _Alignof(T)), (n)))
/* the same checked CONTAINER_OF as frame/include/frame/alloc.h */
#define CONTAINER_OF(ptr, T, member)                                                                      \
	({                                                                                                 \
		_Static_assert(__builtin_types_compatible_p(__typeof__(*(ptr)), __typeof__(((T *)0)->member)), \
			       "CONTAINER_OF: the pointer's type is not the member's");                        \
		static struct slab_cache *__fw_cont_cache;                                                 \
		struct slab_cache *__fw_cc = __atomic_load_n(&__fw_cont_cache, __ATOMIC_ACQUIRE);          \
		if (__builtin_expect(!__fw_cc, 0)) {                                                       \
			__fw_cc = slab_cache_get(__FILE__ ":" #T, sizeof(T), _Alignof(T));                 \
			__atomic_store_n(&__fw_cont_cache, __fw_cc, __ATOMIC_RELEASE);                     \
		}                                                                                          \
		(T *)slab_container(__fw_cc, (ptr), offsetof(T, member));                                  \
	})
#define FREE(p) slab_free((p), sizeof(*(p)))
#endif
