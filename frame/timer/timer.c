/*
 * Timer callbacks at deadlines. Armed timers sit in a list sorted by
 * deadline (per CPU once other CPUs run); the LAPIC timer is programmed in
 * one-shot mode for the earliest one (TSC-deadline mode when the CPU has
 * it), so there is no periodic tick: an idle CPU sleeps until the next
 * deadline. Callbacks run in IRQ context with the list unlocked.
 */
#include <frame/time.h>
#include <frame/spinlock.h>
#include <frame/panic.h>
#include "timer_internal.h"
#include "../mm/links.h"
#include "../arch/x86_64/x86.h"
#include "../arch/x86_64/cpu_features.h"
#include "../irq/irq_internal.h"

static struct spinlock_irq timer_lock = SPINLOCK_IRQ_INIT;
static struct timer *armed; /* sorted by deadline */

static void program_hardware(void)
{
	if (!armed)
		return;
	uint64_t now = clock_ns(), deadline = armed->__fw_deadline_ns;
	uint64_t delta_ns = deadline > now ? deadline - now : 0;
	if (cpu_features.tsc_deadline) {
		lapic_tsc_deadline(rdtsc() + delta_ns * tsc_hz / NSEC_PER_SEC + 1);
		return;
	}
	uint64_t ticks = delta_ns * lapic_timer_hz / NSEC_PER_SEC + 1;
	lapic_timer_oneshot(ticks > 0xffffffffu ? 0xffffffffu : (uint32_t)ticks);
}

/* Only a timer found on the list counts as a link: a copy of an armed timer is not on it. */
static void unlink(struct timer *t)
{
	for (struct timer **p = &armed; *p; p = &(*p)->__fw_next) {
		if (*p == t) {
			*p = t->__fw_next;
			slab_links_add(t, -1);
			break;
		}
	}
	t->__fw_next = NULL;
	t->__fw_armed = false;
}

uint64_t timer_link_in(uint64_t lo, uint64_t hi)
{
	uint64_t found = 0;
	spin_lock_irq(&timer_lock);
	for (struct timer *t = armed; t && !found; t = t->__fw_next)
		if ((uint64_t)t >= lo && (uint64_t)t < hi)
			found = (uint64_t)t;
	spin_unlock_irq(&timer_lock);
	return found;
}

void timer_arm(struct timer *t, uint64_t deadline_ns, timer_fn fn)
{
	if (!fn)
		panic("timer_arm(%p): no callback", t);
	spin_lock_irq(&timer_lock);
	if (t->__fw_armed)
		unlink(t);
	slab_links_add(t, 1);
	t->__fw_deadline_ns = deadline_ns;
	t->__fw_fn = fn;
	t->__fw_armed = true;
	struct timer **p = &armed;
	while (*p && (*p)->__fw_deadline_ns <= deadline_ns)
		p = &(*p)->__fw_next;
	t->__fw_next = *p;
	*p = t;
	if (armed == t)
		program_hardware();
	spin_unlock_irq(&timer_lock);
}

bool timer_cancel(struct timer *t)
{
	spin_lock_irq(&timer_lock);
	bool was = t->__fw_armed;
	if (was)
		unlink(t);
	spin_unlock_irq(&timer_lock);
	return was;
}

void timer_interrupt(void)
{
	for (;;) {
		spin_lock_irq(&timer_lock);
		struct timer *t = armed;
		if (!t || t->__fw_deadline_ns > clock_ns()) {
			program_hardware();
			spin_unlock_irq(&timer_lock);
			return;
		}
		unlink(t);
		timer_fn fn = t->__fw_fn;
		spin_unlock_irq(&timer_lock);
		fn(t);
	}
}
