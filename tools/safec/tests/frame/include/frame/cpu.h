/* Fake framework CPU and logging API for the safec tests (trusted code). */
#ifndef FRAME_CPU_H
#define FRAME_CPU_H
#include <frame/types.h>

static inline unsigned long read_tsc(void)
{
	unsigned int lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

static inline u32 mmio_read32(unsigned long addr)
{
	return *(volatile u32 *)addr;
}

#define barrier() __asm__ volatile("" ::: "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))

__attribute__((format(printf, 1, 2))) void log_info(const char *fmt, ...);
#define LOG(...) log_info(__VA_ARGS__)

#pragma clang diagnostic push
#pragma clang diagnostic pop
#endif
