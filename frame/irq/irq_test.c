/* ktests for IRQ lines: a callback registered on a line runs when its vector is raised (F11). */
#include <frame/ktest.h>
#include <frame/irq.h>
#include <frame/cpu.h>
#include "irq_internal.h"
#include "../cpu/percpu.h"

struct kt_irq_probe {
	struct irq_action action;
	int hits;
	bool irqs_were_off;
};

static void probe_irq(struct irq_action *a)
{
	struct kt_irq_probe *p = container_of(a, struct kt_irq_probe, action);
	p->hits++;
	p->irqs_were_off = !irqs_enabled();
}

KTEST(irq_line_callback_runs_on_its_vector)
{
	static struct kt_irq_probe probe;
	struct irq_line *line = irq_line_alloc();
	KT_ASSERT(line != NULL);
	KT_ASSERT(irq_line_vector(line) >= VEC_FIRST_DYNAMIC);
	irq_line_attach(line, &probe.action, probe_irq);
	for (int i = 0; i < 3; i++)
		lapic_send_self(irq_line_vector(line));
	for (volatile int spin = 0; spin < 100000 && probe.hits < 3; spin++)
		;
	KT_EQ(probe.hits, 3);
	KT_EQ(irq_line_count(line), 3);
	KT_ASSERT(probe.irqs_were_off);
}

KTEST(irq_framework_lines_cannot_be_taken)
{
	KT_ASSERT(irq_line_isa(0) == NULL); /* the PIT */
	KT_ASSERT(irq_line_isa(2) == NULL); /* the cascade */
	KT_ASSERT(irq_line_isa(16) == NULL);
	struct irq_line *com1 = irq_line_isa(4);
	KT_ASSERT(com1 != NULL);
	KT_ASSERT(irq_line_isa(4) == com1);
}
