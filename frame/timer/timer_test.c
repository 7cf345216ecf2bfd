/* ktests for the clock and timer callbacks. */
#include <frame/ktest.h>
#include <frame/time.h>
#include <frame/task.h>
#include <frame/irq.h>
#include <frame/cpu.h>
#include "timer_internal.h"
#include "../task/task_internal.h"
#include "../cpu/percpu.h"

KTEST(clock_is_monotonic_and_calibrated)
{
	KT_ASSERT(tsc_hz > 1000000); /* at least 1 MHz */
	uint64_t prev = clock_ns();
	for (int i = 0; i < 10000; i++) {
		uint64_t now = clock_ns();
		KT_ASSERT(now >= prev);
		prev = now;
	}
	KT_ASSERT(clock_ns() > 0);
}

KTEST(sleep_lasts_as_long_as_asked)
{
	for (uint64_t ms = 1; ms <= 20; ms *= 4) {
		uint64_t start = clock_ns();
		task_sleep_ns(ms * NSEC_PER_MSEC);
		uint64_t took = clock_ns() - start;
		/* No upper bound: a busy host (TCG, a parallel build) delays the virtual CPU arbitrarily. */
		KT_ASSERT(took >= ms * NSEC_PER_MSEC);
	}
}

struct kt_timer_probe {
	struct timer timer;
	uint64_t fired_at;
	int fired;
};

static void probe_fired(struct timer *t)
{
	struct kt_timer_probe *p = container_of(t, struct kt_timer_probe, timer);
	p->fired_at = clock_ns();
	p->fired++;
}

KTEST(timer_fires_at_its_deadline_in_order)
{
	static struct kt_timer_probe a, b;
	a = (struct kt_timer_probe){ 0 };
	b = (struct kt_timer_probe){ 0 };
	uint64_t now = clock_ns();
	timer_arm(&b.timer, now + 6 * NSEC_PER_MSEC, probe_fired);
	timer_arm(&a.timer, now + 3 * NSEC_PER_MSEC, probe_fired);
	task_sleep_ns(40 * NSEC_PER_MSEC);
	KT_EQ(a.fired, 1);
	KT_EQ(b.fired, 1);
	KT_ASSERT(a.fired_at >= now + 3 * NSEC_PER_MSEC); /* never early; lateness depends on the host */
	KT_ASSERT(b.fired_at >= now + 6 * NSEC_PER_MSEC);
	KT_ASSERT(a.fired_at <= b.fired_at);
}

KTEST(timer_cancel_prevents_the_callback)
{
	static struct kt_timer_probe p;
	p = (struct kt_timer_probe){ 0 };
	/* With interrupts off the timer cannot fire between arm and cancel, however slow the host. */
	irqflags_t f = irq_save();
	timer_arm(&p.timer, clock_ns() + 2 * NSEC_PER_MSEC, probe_fired);
	bool cancelled = timer_cancel(&p.timer);
	irq_restore(f);
	KT_ASSERT(cancelled);
	KT_ASSERT(!timer_cancel(&p.timer));
	task_sleep_ns(5 * NSEC_PER_MSEC);
	KT_EQ(p.fired, 0);
}
