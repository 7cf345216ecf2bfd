/*
 * IRQ lines and interrupt dispatch.
 *
 * A line is a vector plus a chain of callbacks. Legacy ISA interrupts are
 * routed through the IOAPIC on first use; ISA IRQ 0 (the PIT) and IRQ 2 are
 * the framework's and cannot be taken (F10). At the end of every interrupt
 * the CPU is rescheduled if the timer (or a wake-up) asked for it and
 * preemption is enabled: that is what makes the scheduler preemptive.
 */
#include <frame/irq.h>
#include <frame/log.h>
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "irq_internal.h"
#include "../cpu/percpu.h"
#include "../task/task_internal.h"
#include "../timer/timer_internal.h"

struct irq_line {
	unsigned vector;
	int gsi; /* -1 when not an IOAPIC line */
	struct irq_action *actions;
	uint64_t count;
	bool in_use;
};

static struct irq_line lines[256];
static struct spinlock_irq lines_lock = SPINLOCK_IRQ_INIT;

void irq_init(void)
{
	for (unsigned v = 0; v < 256; v++)
		lines[v] = (struct irq_line){ .vector = v, .gsi = -1 };
	lapic_init();
	ioapic_init();
}

static struct irq_line *claim_vector(void)
{
	for (unsigned v = VEC_FIRST_DYNAMIC; v <= VEC_LAST_DYNAMIC; v++)
		if (!lines[v].in_use) {
			lines[v].in_use = true;
			return &lines[v];
		}
	return NULL;
}

struct irq_line *irq_line_alloc(void)
{
	spin_lock_irq(&lines_lock);
	struct irq_line *l = claim_vector();
	spin_unlock_irq(&lines_lock);
	return l;
}

struct irq_line *irq_line_isa(unsigned isa_irq)
{
	if (isa_irq >= 16 || isa_irq == 0 || isa_irq == 2)
		return NULL;
	struct irq_line *found = NULL;
	spin_lock_irq(&lines_lock);
	for (unsigned v = VEC_FIRST_DYNAMIC; v <= VEC_LAST_DYNAMIC && !found; v++)
		if (lines[v].in_use && lines[v].gsi == (int)isa_irq)
			found = &lines[v];
	if (!found) {
		found = claim_vector();
		if (found) {
			found->gsi = (int)isa_irq;
			ioapic_route(isa_irq, found->vector, this_cpu()->apic_id);
		}
	}
	spin_unlock_irq(&lines_lock);
	return found;
}

void irq_line_attach(struct irq_line *line, struct irq_action *a, irq_fn fn)
{
	a->__fw_fn = fn;
	spin_lock_irq(&lines_lock);
	a->__fw_next = line->actions;
	line->actions = a;
	if (line->gsi >= 0)
		ioapic_mask((unsigned)line->gsi, false);
	spin_unlock_irq(&lines_lock);
}

unsigned irq_line_vector(const struct irq_line *line)
{
	return line->vector;
}
uint64_t irq_line_count(const struct irq_line *line)
{
	return line->count;
}

void irq_dispatch(struct trap_frame *f)
{
	struct cpu_local *c = this_cpu();
	unsigned v = (unsigned)f->vector;
	c->irq_depth++;
	if (v == VEC_TIMER) {
		lapic_eoi();
		timer_interrupt();
	} else if (v == VEC_SPURIOUS) {
		/* no EOI for spurious interrupts */
	} else {
		struct irq_line *l = &lines[v];
		l->count++;
		for (struct irq_action *a = l->actions; a; a = a->__fw_next)
			a->__fw_fn(a);
		lapic_eoi();
	}
	c->irq_depth--;
	if (c->need_resched && c->preempt_count == 0 && c->irq_depth == 0)
		sched_preempt_irq();
}
