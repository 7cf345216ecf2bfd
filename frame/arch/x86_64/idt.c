/*
 * The IDT: 256 gates pointing at the stubs in trap_entry.S, all interrupt
 * gates (IF cleared on entry), DPL 0 so user code cannot raise them with
 * `int n` (it gets #GP instead).
 */
#include <frame/types.h>
#include "trap.h"
#include "gdt.h"

extern char trap_stubs[];

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};

static struct idt_gate idt[256] __attribute__((aligned(16)));

struct __attribute__((packed)) idt_ptr {
	uint16_t limit;
	uint64_t base;
};

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++) {
		uint64_t a = (uint64_t)trap_stubs + v * 16;
		idt[v] = (struct idt_gate){
			.off_lo = a & 0xffff,
			.sel = KERNEL_CS,
			/* #BP and #OF may be raised by user code (int3, into); all else only by the CPU. */
			.type = (v == 3 || v == 4) ? 0xee : 0x8e,
			.off_mid = (a >> 16) & 0xffff,
			.off_hi = a >> 32,
		};
	}
	struct idt_ptr p = { sizeof(idt) - 1, (uint64_t)idt };
	/* SAFETY: every gate points at a stub in kernel text. */
	__asm__ volatile("lidt %0" : : "m"(p));
}

void idt_set_ist(unsigned vec, unsigned ist)
{
	idt[vec].ist = ist;
}
