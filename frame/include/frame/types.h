/*
 * Basic types shared by the framework and the services.
 *
 * Trellis builds with -nostdinc, so the fixed-width integers, bool, size_t and
 * NULL come from here rather than from a C library. Nothing in this header
 * expands to an unsafe construct except offsetof/container_of, which are
 * framework macros and therefore trusted by the safe-C checker.
 */
#ifndef FRAME_TYPES_H
#define FRAME_TYPES_H

typedef __INT8_TYPE__ int8_t;
typedef __INT16_TYPE__ int16_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __SIZE_TYPE__ size_t;
typedef __INTPTR_TYPE__ ssize_t;
typedef __UINTPTR_TYPE__ uintptr_t;

typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)

#define UINT32_MAX 0xffffffffu
#define UINT64_MAX 0xffffffffffffffffull
#define INT64_MAX 0x7fffffffffffffffll
#define SIZE_MAX UINT64_MAX

#define offsetof(type, member) __builtin_offsetof(type, member)

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* True when a is an array, not a pointer (in a _Static_assert). */
#define IS_ARRAY(a) (!__builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0])))
/*
 * The address of element i of the array a, trapping unless i < ARRAY_SIZE(a).
 * Services write this instead of `&a[i]`: the bounds sanitizer lets `&a[N]`
 * (one past the end, legal C) through, and `->` through it reaches whatever
 * follows the array.
 */
#define ELEM_PTR(a, i)                                                                 \
	({                                                                             \
		_Static_assert(IS_ARRAY(a), "ELEM_PTR needs an array, not a pointer"); \
		size_t __fw_elem_i = (size_t)(i);                                      \
		if (__builtin_expect(__fw_elem_i >= ARRAY_SIZE(a), 0))                 \
			__builtin_trap();                                              \
		&(a)[__fw_elem_i];                                                     \
	})
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define PAGE_SHIFT 12
#define PAGE_SIZE 4096ul

#define __noreturn __attribute__((noreturn))
#define __unused __attribute__((unused))
#define __must_check __attribute__((warn_unused_result))
#define __printf(a, b) __attribute__((format(printf, a, b)))
/* A pointer parameter that the callee never stores, returns or captures. */
#define __noescape __attribute__((annotate("noescape")))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#endif /* FRAME_TYPES_H */
