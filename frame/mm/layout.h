/*
 * The kernel's virtual address layout. Private to the framework: F5 says no
 * API hands a service a pointer into the direct map or the page tables.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user half (page 0 never mapped)
 *   0xffff888000000000 ..                      direct map of all RAM (RW, NX)
 *   0xffffc90000000000 ..                      kernel stacks, each under a guard page
 *   0xffffc80000000000 ..                      device MMIO windows (uncached)
 *   0xffffffff80000000 ..                      the kernel image (text RX, rest NX)
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <frame/types.h>

#define KERNEL_VMA 0xffffffff80000000ul
#define DIRECT_MAP_BASE 0xffff888000000000ul
#define DIRECT_MAP_SIZE (64ul << 40) /* 64 TiB of RAM at most */
#define STACK_AREA_BASE 0xffffc90000000000ul
#define STACK_AREA_SIZE (1ul << 39)
#define MMIO_AREA_BASE 0xffffc80000000000ul
#define MMIO_AREA_SIZE (1ul << 39)
#define USER_TOP 0x0000800000000000ul

static inline void *phys_to_virt(uint64_t pa)
{
	/* SAFETY: every RAM frame is mapped in the direct map at this offset. */
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;
	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - DIRECT_MAP_BASE;
}

static inline bool is_direct_map(const void *va)
{
	uint64_t v = (uint64_t)va;
	return v >= DIRECT_MAP_BASE && v < DIRECT_MAP_BASE + DIRECT_MAP_SIZE;
}

/* Linker-provided bounds of the image's parts. */
extern char __kernel_start[], __text_end[], __rodata_end[], __data_start[], __bss_end[], __kernel_end[];
extern char __boot_stack_guard[], __boot_stack_top[];
/* The services' own data and bss (linker.ld): BYTES_OF_FIELD may slice static objects there. */
extern char __service_data_start[], __service_data_end[], __service_bss_start[], __service_bss_end[];

#endif /* MM_LAYOUT_H */
