/*
 * Spinlocks. The guard kind is part of the type (F13): a `struct spinlock`
 * disables preemption while held; a `struct spinlock_irq` also disables
 * interrupts and is the only kind that may be taken in an IRQ handler.
 * Neither may be held across anything that sleeps (might_sleep checks it).
 */
#ifndef FRAME_SPINLOCK_H
#define FRAME_SPINLOCK_H

#include <frame/types.h>
#include <frame/cpu.h>

struct spinlock {
	uint32_t __fw_locked;
	uint32_t __fw_owner_cpu;
};

struct spinlock_irq {
	uint32_t __fw_locked;
	uint32_t __fw_owner_cpu;
	irqflags_t __fw_saved;
};

#define SPINLOCK_INIT { 0, 0 }
#define SPINLOCK_IRQ_INIT { 0, 0, { 0 } }

void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
void spin_lock_irq(struct spinlock_irq *l);
void spin_unlock_irq(struct spinlock_irq *l);

#endif /* FRAME_SPINLOCK_H */
