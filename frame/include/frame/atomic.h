/*
 * Atomic accesses for services (which may not use the compiler's __atomic
 * builtins directly). Sequentially consistent unless the name says relaxed;
 * the pointers are only dereferenced, never kept.
 */
#ifndef FRAME_ATOMIC_H
#define FRAME_ATOMIC_H

#include <frame/types.h>

static inline uint64_t atomic_load_u64(const uint64_t *p __noescape)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline uint32_t atomic_load_u32(const uint32_t *p __noescape)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline size_t atomic_load_size(const size_t *p __noescape)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline bool atomic_load_bool(const bool *p __noescape)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline void atomic_store_u64(uint64_t *p __noescape, uint64_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static inline void atomic_store_u32(uint32_t *p __noescape, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static inline void atomic_store_bool(bool *p __noescape, bool v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* Returns the new value. */
static inline uint64_t atomic_add_u64(uint64_t *p __noescape, uint64_t v)
{
	return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}

static inline uint32_t atomic_add_u32(uint32_t *p __noescape, uint32_t v)
{
	return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}

static inline uint32_t atomic_sub_u32(uint32_t *p __noescape, uint32_t v)
{
	return __atomic_sub_fetch(p, v, __ATOMIC_SEQ_CST);
}

#endif /* FRAME_ATOMIC_H */
