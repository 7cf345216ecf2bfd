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
#include "console/kprint.h"
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "irq_internal.h"
#include "../mm/links.h"
#include "../cpu/percpu.h"
#include "../task/task_internal.h"
#include "../timer/timer_internal.h"
#include "../mm/layout.h"

struct irq_line {
	unsigned vector;
	int gsi; /* -1 when not an IOAPIC line */
	struct irq_action *actions;
	uint64_t count;
	bool in_use;
};

static struct irq_line lines[256];
static struct spinlock_irq lines_lock = SPINLOCK_IRQ_INIT;

/* Attached actions that live in heap objects (FREE's check looks for those only). Under lines_lock. */
static unsigned heap_actions;

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

static bool on_line(const struct irq_line *line, const struct irq_action *a)
{
	for (const struct irq_action *x = line->actions; x; x = x->__fw_next)
		if (x == a)
			return true;
	return false;
}

void irq_line_attach(struct irq_line *line, struct irq_action *a, irq_fn fn)
{
	if (!fn)
		panic("irq_line_attach(%p): no callback", a);
	spin_lock_irq(&lines_lock);
	/* Twice on one chain would make it a cycle; an action serves one line at a time. */
	for (unsigned v = 0; v < 256; v++)
		if (on_line(&lines[v], a)) {
			spin_unlock_irq(&lines_lock);
			panic("irq_line_attach(%p): already attached to vector %u", a, v);
		}
	a->__fw_fn = fn;
	a->__fw_next = line->actions;
	line->actions = a;
	slab_links_add(a, 1);
	if (is_direct_map(a))
		__atomic_add_fetch(&heap_actions, 1, __ATOMIC_RELAXED);
	if (line->gsi >= 0)
		ioapic_mask((unsigned)line->gsi, false);
	spin_unlock_irq(&lines_lock);
}

void irq_line_detach(struct irq_line *line, struct irq_action *a)
{
	spin_lock_irq(&lines_lock);
	for (struct irq_action **p = &line->actions; *p; p = &(*p)->__fw_next) {
		if (*p == a) {
			*p = a->__fw_next;
			a->__fw_next = NULL;
			a->__fw_fn = NULL;
			slab_links_add(a, -1);
			if (is_direct_map(a))
				__atomic_sub_fetch(&heap_actions, 1, __ATOMIC_RELAXED);
			if (!line->actions && line->gsi >= 0)
				ioapic_mask((unsigned)line->gsi, true);
			spin_unlock_irq(&lines_lock);
			return;
		}
	}
	spin_unlock_irq(&lines_lock);
	panic("irq_line_detach(%p): not attached to vector %u", a, line->vector);
}

uint64_t irq_link_in(uint64_t lo, uint64_t hi)
{
	uint64_t found = 0;
	if (!__atomic_load_n(&heap_actions, __ATOMIC_RELAXED))
		return 0; /* only actions inside heap objects can be in [lo, hi) */
	spin_lock_irq(&lines_lock);
	for (unsigned v = 0; v < 256 && !found; v++)
		for (struct irq_action *a = lines[v].actions; a && !found; a = a->__fw_next)
			if ((uint64_t)a >= lo && (uint64_t)a < hi)
				found = (uint64_t)a;
	spin_unlock_irq(&lines_lock);
	return found;
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
		sched_preempt();
}
