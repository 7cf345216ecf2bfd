#ifndef IRQ_INTERNAL_H
#define IRQ_INTERNAL_H

#include <frame/types.h>
#include <frame/irq.h>
#include "../arch/x86_64/trap.h"

#define VEC_TIMER 0xef
#define VEC_FIRST_DYNAMIC 0x30
#define VEC_LAST_DYNAMIC 0xdf

void irq_init(void);

/*
 * Lines inside the framework (services get theirs from a device API such
 * as the console's). A line for a legacy ISA interrupt (0..15) routed
 * through the IOAPIC, NULL when it is the framework's; a free vector for
 * message-signalled interrupts, NULL when none is left.
 */
struct irq_line *irq_line_isa(unsigned isa_irq);
struct irq_line *irq_line_alloc(void);
/* Remove the callback from the line (masked when none is left); panics when it is not attached there. */
void irq_line_detach(struct irq_line *line, struct irq_action *a);
unsigned irq_line_vector(const struct irq_line *line);
/* Number of interrupts the line has taken. */
uint64_t irq_line_count(const struct irq_line *line);
void irq_dispatch(struct trap_frame *f);

/* Local APIC */
void lapic_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);
void lapic_timer_oneshot(uint32_t count);
uint32_t lapic_timer_current(void);
void lapic_timer_start_calibration(void);
void lapic_tsc_deadline(uint64_t tsc);
void lapic_send_self(unsigned vector);

/* IOAPIC */
void ioapic_init(void);
void ioapic_route(unsigned gsi, unsigned vector, uint32_t dest_apic);
void ioapic_mask(unsigned gsi, bool masked);
#endif
