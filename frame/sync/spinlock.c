/*
 * Test-and-test-and-set spinlocks. Acquiring disables preemption (and, for
 * the IRQ kind, interrupts) *before* spinning, so the holder can never be
 * preempted by a task that spins on the same lock on this CPU.
 *
 * SAFETY: the lock word is only touched with atomic builtins; the acquire and
 * release orderings make the critical section's accesses stay inside it.
 */
#include <frame/spinlock.h>
#include <frame/panic.h>
#include "../arch/x86_64/x86.h"
#include "../cpu/percpu.h"

static inline unsigned this_cpu_id(void)
{
	return this_cpu()->id;
}

static void raw_lock(uint32_t *word)
{
	for (;;) {
		if (!__atomic_exchange_n(word, 1, __ATOMIC_ACQUIRE))
			return;
		while (__atomic_load_n(word, __ATOMIC_RELAXED))
			cpu_relax();
	}
}

static void raw_unlock(uint32_t *word)
{
	if (!__atomic_load_n(word, __ATOMIC_RELAXED))
		panic("unlocking a spinlock that is not held");
	__atomic_store_n(word, 0, __ATOMIC_RELEASE);
}

void spin_lock(struct spinlock *l)
{
	preempt_count_inc();
	raw_lock(&l->__fw_locked);
	l->__fw_owner_cpu = this_cpu_id();
}

void spin_unlock(struct spinlock *l)
{
	raw_unlock(&l->__fw_locked);
	preempt_count_dec();
}

void spin_lock_irq(struct spinlock_irq *l)
{
	irqflags_t f = { read_rflags() };
	irq_disable_raw();
	preempt_count_inc();
	raw_lock(&l->__fw_locked);
	l->__fw_owner_cpu = this_cpu_id();
	l->__fw_saved = f;
}

void spin_unlock_irq(struct spinlock_irq *l)
{
	irqflags_t f = l->__fw_saved;
	raw_unlock(&l->__fw_locked);
	if (f.__fw_flags & RFLAGS_IF)
		irq_enable_raw();
	preempt_count_dec();
}
