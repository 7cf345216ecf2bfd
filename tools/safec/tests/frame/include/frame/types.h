/* Fake framework header for the safec tests (trusted code). */
#ifndef FRAME_TYPES_H
#define FRAME_TYPES_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long u64;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#define offsetof(T, m) __builtin_offsetof(T, m)

#define __noescape __attribute__((annotate("noescape")))
#define likely(x) __builtin_expect(!!(x), 1)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* opaque user address (rule 14) */
typedef struct {
	unsigned long __fw_addr;
} uptr_t;

static inline unsigned long uptr_value(uptr_t u)
{
	return u.__fw_addr;
}

#endif
