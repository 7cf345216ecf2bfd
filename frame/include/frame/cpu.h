/*
 * Per-CPU state and preemption control.
 *
 * Each CPU's `struct cpu_local` is reached through the GS base, so `current`
 * and the preemption counter cost one memory access. The structure itself is
 * private to the framework (F13); services see only these functions.
 */
#ifndef FRAME_CPU_H
#define FRAME_CPU_H

#include <frame/types.h>

#define MAX_CPUS 64

unsigned cpu_count(void);

/* True when the current context must not sleep: preemption or IRQs off, or in an IRQ. */
bool in_atomic(void);

/* Saved interrupt state for irq_save/irq_restore. */
typedef struct {
	uint64_t __fw_flags;
} irqflags_t;
irqflags_t irq_save(void);
void irq_restore(irqflags_t f);

#endif /* FRAME_CPU_H */
