/*
 * Segmentation: the GDT (kernel and user code/data, the TSS) and the TSS
 * itself, whose RSP0 is the stack the CPU switches to on a trap from user
 * mode and whose IST slots give double faults, NMIs and machine checks
 * known-good stacks of their own.
 *
 * The selector layout is fixed by SYSCALL/SYSRET (STAR): kernel CS 0x08,
 * kernel SS 0x10, user SS 0x1b, user CS 0x23, TSS 0x28.
 */
#include <frame/types.h>
#include "gdt.h"
#include "../cpu/percpu.h"

struct tss tss_cpu[MAX_CPUS];
static uint64_t gdt_cpu[MAX_CPUS][7] __attribute__((aligned(16)));

struct __attribute__((packed)) descriptor_ptr {
	uint16_t limit;
	uint64_t base;
};

void gdt_init_cpu(void)
{
	unsigned id = cpu_id();
	uint64_t *gdt = gdt_cpu[id];
	struct tss *tss = &tss_cpu[id];
	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffff; /* kernel code, L */
	gdt[2] = 0x00cf92000000ffff; /* kernel data */
	gdt[3] = 0x00cff2000000ffff; /* user data, DPL 3 */
	gdt[4] = 0x00affa000000ffff; /* user code, L, DPL 3 */
	uint64_t base = (uint64_t)tss, limit = sizeof(*tss) - 1;
	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ul << 40) | (((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;
	tss->iomap_base = sizeof(*tss);
	this_cpu()->tss = tss;

	struct descriptor_ptr p = { sizeof(gdt_cpu[0]) - 1, (uint64_t)gdt };
	/* SAFETY: the new GDT has the same kernel selectors as the boot GDT, so reloading CS/SS keeps running code valid. */
	__asm__ volatile("lgdt %0\n"
			 "pushq $0x08\n"
			 "leaq 1f(%%rip), %%rax\n"
			 "pushq %%rax\n"
			 "lretq\n"
			 "1: movw $0x10, %%ax\n"
			 "movw %%ax, %%ss\n"
			 "movw %%ax, %%ds\n"
			 "movw %%ax, %%es\n"
			 "movw $0x28, %%ax\n"
			 "ltr %%ax\n"
			 :
			 : "m"(p)
			 : "rax", "memory");
}

void tss_set_rsp0(uint64_t rsp0)
{
	this_cpu()->tss->rsp0 = rsp0;
}

void tss_set_ist(unsigned ist, uint64_t top)
{
	this_cpu()->tss->ist[ist - 1] = top;
}
