#ifndef TIMER_INTERNAL_H
#define TIMER_INTERNAL_H

#include <frame/types.h>

extern uint64_t tsc_hz;
extern uint64_t lapic_timer_hz;
void clock_init(void);
void timer_interrupt(void);
uint64_t tsc_to_ns(uint64_t tsc_delta);

#endif
