#ifndef IRQ_INTERNAL_H
#define IRQ_INTERNAL_H

#include <frame/types.h>
#include "../arch/x86_64/trap.h"

#define VEC_TIMER 0xef
#define VEC_FIRST_DYNAMIC 0x30
#define VEC_LAST_DYNAMIC 0xdf

void irq_init(void);
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
