/*
 * Real-time interval timers (alarm, setitimer ITIMER_REAL). All armed
 * processes sit on one list; one framework timer fires at the earliest
 * deadline and its callback (IRQ context) raises SIGALRM for every expired
 * process, re-arming repeating ones. Keeping the list here, rather than a
 * timer per process, means the callback needs no way back from the timer to
 * its owner.
 */
#include <frame/spinlock.h>
#include <frame/time.h>
#include "time/alarm.h"
#include "process/process.h"

static struct spinlock_irq alarm_lock = SPINLOCK_IRQ_INIT;
static struct process *armed; /* alarm_lock */
static struct timer alarm_timer;

static void fire(struct timer *timer);

/* alarm_lock held. */
static void rearm(void)
{
	uint64_t next = UINT64_MAX;
	for (struct process *p = armed; p; p = p->next_alarm)
		next = MIN(next, p->alarm_deadline_ns);
	if (next == UINT64_MAX)
		timer_cancel(&alarm_timer);
	else
		timer_arm(&alarm_timer, next, fire);
}

/* alarm_lock held. */
static void unlink(struct process *p)
{
	for (struct process **pp = &armed; *pp; pp = &(*pp)->next_alarm) {
		if (*pp == p) {
			*pp = p->next_alarm;
			break;
		}
	}
	p->next_alarm = NULL;
	p->alarm_deadline_ns = 0;
	p->alarm_interval_ns = 0;
}

static void fire(struct timer *timer)
{
	(void)timer;
	uint64_t now = clock_ns();
	spin_lock_irq(&alarm_lock);
	struct process *p = armed;
	while (p) {
		struct process *next = p->next_alarm;
		if (p->alarm_deadline_ns <= now) {
			signal_send_process(p, SIGALRM);
			if (p->alarm_interval_ns)
				p->alarm_deadline_ns = now + p->alarm_interval_ns;
			else
				unlink(p);
		}
		p = next;
	}
	rearm();
	spin_unlock_irq(&alarm_lock);
}

uint64_t alarm_remaining(struct process *p, uint64_t *interval_ns)
{
	spin_lock_irq(&alarm_lock);
	uint64_t now = clock_ns(), left = 0;
	if (p->alarm_deadline_ns)
		left = p->alarm_deadline_ns > now ? p->alarm_deadline_ns - now : 1;
	*interval_ns = p->alarm_interval_ns;
	spin_unlock_irq(&alarm_lock);
	return left;
}

uint64_t alarm_set(struct process *p, uint64_t deadline_ns, uint64_t interval_ns, uint64_t *old_interval_ns)
{
	uint64_t left = alarm_remaining(p, old_interval_ns);
	spin_lock_irq(&alarm_lock);
	bool listed = p->alarm_deadline_ns != 0;
	if (!deadline_ns) {
		if (listed)
			unlink(p);
	} else {
		p->alarm_deadline_ns = deadline_ns;
		p->alarm_interval_ns = interval_ns;
		if (!listed) {
			p->next_alarm = armed;
			armed = p;
		}
	}
	rearm();
	spin_unlock_irq(&alarm_lock);
	return left;
}

void alarm_cancel(struct process *p)
{
	spin_lock_irq(&alarm_lock);
	if (p->alarm_deadline_ns)
		unlink(p);
	rearm();
	spin_unlock_irq(&alarm_lock);
}
