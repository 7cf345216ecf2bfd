/*
 * Per-CPU blocks and preemption/interrupt control.
 *
 * Only the boot CPU runs today; every per-CPU access already goes through the
 * GS base so secondary CPUs slot in by giving each its own block.
 */
#include <frame/panic.h>
#include "percpu.h"
#include "../arch/x86_64/x86.h"

struct cpu_local cpu_locals[MAX_CPUS];
unsigned nr_cpus = 1;

void cpu_init_early(void)
{
	struct cpu_local *c = &cpu_locals[0];
	c->self = c;
	c->id = 0;
	/* SAFETY: GS now points at this CPU's block for the life of the kernel. */
	wrmsr(MSR_GS_BASE, (uint64_t)c);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

unsigned cpu_id(void)
{
	return this_cpu()->id;
}
unsigned cpu_count(void)
{
	return nr_cpus;
}

void preempt_disable(void)
{
	preempt_count_inc();
}

void preempt_enable(void)
{
	if (__builtin_expect(this_cpu()->preempt_count == 0, 0))
		panic("preempt_enable without preempt_disable");
	preempt_count_dec();
}

bool irqs_enabled(void)
{
	return read_rflags() & RFLAGS_IF;
}

bool in_atomic_except_irqs(void)
{
	struct cpu_local *c = this_cpu();
	return c->preempt_count || c->irq_depth;
}

bool in_atomic(void)
{
	struct cpu_local *c = this_cpu();
	return c->preempt_count || c->irq_depth || !irqs_enabled();
}

irqflags_t irq_save(void)
{
	irqflags_t f = { read_rflags() };
	irq_disable_raw();
	return f;
}

void irq_restore(irqflags_t f)
{
	if (f.__fw_flags & RFLAGS_IF)
		irq_enable_raw();
}
