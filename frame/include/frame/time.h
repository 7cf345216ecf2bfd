/*
 * Time: a monotonic clock in nanoseconds since boot (TSC based, calibrated
 * against the PIT), and timer callbacks at deadlines.
 */
#ifndef FRAME_TIME_H
#define FRAME_TIME_H

#include <frame/types.h>

#define NSEC_PER_USEC 1000ull
#define NSEC_PER_MSEC 1000000ull
#define NSEC_PER_SEC 1000000000ull

/* Nanoseconds since kernel entry; 0 until the clock is calibrated. */
uint64_t clock_ns(void);
/*
 * How clock_ns is computed, for the vDSO: ns = ((rdtsc() - tsc_base) * ns_mult) >> 32.
 * The TSC is readable in user mode, so user code can keep the same clock.
 */
void clock_tsc_params(uint64_t *tsc_base __noescape, uint64_t *ns_mult __noescape);

struct timer;
typedef void (*timer_fn)(struct timer *t);

/* A one-shot timer. Embed it in your object; the callback runs in IRQ context. */
struct timer {
	uint64_t __fw_deadline_ns;
	timer_fn __fw_fn;
	struct timer *__fw_next;
	bool __fw_armed;
};

/*
 * Arm `t` to call `fn(t)` (not NULL) at `deadline_ns` (re-arming an armed
 * timer moves it). FREE panics on an object holding an armed timer.
 */
void timer_arm(struct timer *t, uint64_t deadline_ns, timer_fn fn);
/* Disarm; true when it was armed (the callback will not run). */
bool timer_cancel(struct timer *t);

#endif /* FRAME_TIME_H */
