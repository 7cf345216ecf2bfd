/*
 * Known-good stacks for the exceptions that can strike on a bad stack:
 * double fault (a kernel stack overflow ends here), NMI and machine check.
 * Each IST stack has a guard page below it like every kernel stack.
 */
#include <frame/panic.h>
#include "trap.h"
#include "gdt.h"
#include "../mm/kstack.h"

void trap_init_ist(void)
{
	static const unsigned vectors[3] = { VEC_DF, VEC_NMI, VEC_MC };
	static const unsigned ists[3] = { IST_DF, IST_NMI, IST_MC };
	for (unsigned i = 0; i < 3; i++) {
		struct kstack s;
		if (kstack_alloc(KSTACK_PAGES, &s))
			panic("trap: no memory for IST stacks");
		tss_set_ist(ists[i], s.top);
		idt_set_ist(vectors[i], ists[i]);
	}
}
