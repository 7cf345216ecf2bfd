/*
 * Real-time interval timers (alarm, setitimer ITIMER_REAL). All armed
 * alarms sit on one list; one framework timer fires at the earliest
 * deadline and its callback (IRQ context) calls the expiry function of every
 * expired alarm, re-arming repeating ones. Keeping the list here, rather than
 * a timer per alarm, means the callback needs no way back from the timer to
 * its owner.
 */
#include <frame/spinlock.h>
#include <frame/time.h>
#include "time/alarm.h"

static struct spinlock_irq alarm_lock = SPINLOCK_IRQ_INIT;
static struct alarm *armed; /* alarm_lock */
static struct timer alarm_timer;

void alarm_init(struct alarm *a, struct process *owner, alarm_expired_fn expired)
{
	*a = (struct alarm){ .owner = owner, .expired = expired };
}

static void fire(struct timer *timer);

/* alarm_lock held. */
static void rearm(void)
{
	uint64_t next = UINT64_MAX;
	for (struct alarm *a = armed; a; a = a->next)
		next = MIN(next, a->deadline_ns);
	if (next == UINT64_MAX)
		timer_cancel(&alarm_timer);
	else
		timer_arm(&alarm_timer, next, fire);
}

/* alarm_lock held. */
static void unlink(struct alarm *a)
{
	for (struct alarm **pp = &armed; *pp; pp = &(*pp)->next) {
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	}
	a->next = NULL;
	a->deadline_ns = 0;
	a->interval_ns = 0;
}

static void fire(struct timer *timer)
{
	(void)timer;
	uint64_t now = clock_ns();
	spin_lock_irq(&alarm_lock);
	struct alarm *a = armed;
	while (a) {
		struct alarm *next = a->next;
		if (a->deadline_ns <= now) {
			a->expired(a->owner);
			if (a->interval_ns)
				a->deadline_ns = now + a->interval_ns;
			else
				unlink(a);
		}
		a = next;
	}
	rearm();
	spin_unlock_irq(&alarm_lock);
}

uint64_t alarm_remaining(struct alarm *a, uint64_t *interval_ns)
{
	spin_lock_irq(&alarm_lock);
	uint64_t now = clock_ns(), left = 0;
	if (a->deadline_ns)
		left = a->deadline_ns > now ? a->deadline_ns - now : 1;
	*interval_ns = a->interval_ns;
	spin_unlock_irq(&alarm_lock);
	return left;
}

uint64_t alarm_set(struct alarm *a, uint64_t deadline_ns, uint64_t interval_ns, uint64_t *old_interval_ns)
{
	uint64_t left = alarm_remaining(a, old_interval_ns);
	spin_lock_irq(&alarm_lock);
	bool listed = a->deadline_ns != 0;
	if (!deadline_ns) {
		if (listed)
			unlink(a);
	} else {
		a->deadline_ns = deadline_ns;
		a->interval_ns = interval_ns;
		if (!listed) {
			a->next = armed;
			armed = a;
		}
	}
	rearm();
	spin_unlock_irq(&alarm_lock);
	return left;
}

void alarm_cancel(struct alarm *a)
{
	spin_lock_irq(&alarm_lock);
	if (a->deadline_ns)
		unlink(a);
	rearm();
	spin_unlock_irq(&alarm_lock);
}
