#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include <frame/types.h>

#define KERNEL_CS 0x08
#define KERNEL_SS 0x10
#define USER_SS 0x1b
#define USER_CS 0x23

struct __attribute__((packed)) tss {
	uint32_t reserved0;
	uint64_t rsp0, rsp1, rsp2;
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};

void gdt_init_cpu(void);
void tss_set_rsp0(uint64_t rsp0);
void tss_set_ist(unsigned ist, uint64_t top);

#endif
