/*
 * G10: FREE refuses an object that the framework still links to (links.h),
 * and frees it once the link is undone.
 */
#include <frame/ktest.h>
#include <frame/alloc.h>
#include <frame/irq.h>
#include <frame/task.h>
#include <frame/time.h>
#include <frame/wait.h>
#include "../irq/irq_internal.h"
#include "../task/task_internal.h"

struct kt_linked {
	uint64_t id;
	struct timer timer;
	struct irq_action action;
	struct wait_queue wq;
	struct mutex lock;
	bool flag;
};

static void kt_timer_noop(struct timer *t)
{
	(void)t;
}

static void kt_irq_noop(struct irq_action *a)
{
	(void)a;
}

KTEST(free_after_timer_cancel_or_fire_succeeds)
{
	struct kt_linked *o = NEW(struct kt_linked);
	timer_arm(&o->timer, clock_ns() + NSEC_PER_SEC, kt_timer_noop);
	timer_arm(&o->timer, clock_ns() + 2 * NSEC_PER_SEC, kt_timer_noop); /* moving it is one link */
	KT_ASSERT(timer_cancel(&o->timer));
	FREE(o);
	o = NEW(struct kt_linked);
	timer_arm(&o->timer, clock_ns() + NSEC_PER_MSEC, kt_timer_noop);
	task_sleep_ns(3 * NSEC_PER_MSEC); /* fired: no longer linked */
	FREE(o);
	KT_ASSERT(o == NULL);
}

KTEST_PANICS(free_with_an_armed_timer_panics, "still holds an armed timer (at +8)")
{
	struct kt_linked *o = NEW(struct kt_linked);
	timer_arm(&o->timer, UINT64_MAX, kt_timer_noop);
	FREE(o);
}

KTEST_PANICS(timer_arm_without_a_callback_panics, "no callback")
{
	struct kt_linked *o = NEW(struct kt_linked);
	timer_arm(&o->timer, UINT64_MAX, NULL);
}

KTEST_PANICS(free_with_an_attached_irq_action_panics, "still holds an attached IRQ action")
{
	struct irq_line *line = irq_line_alloc();
	KT_ASSERT(line != NULL);
	struct kt_linked *o = NEW(struct kt_linked);
	irq_line_attach(line, &o->action, kt_irq_noop);
	FREE(o);
}

KTEST(free_after_irq_detach_succeeds)
{
	struct irq_line *line = irq_line_alloc();
	KT_ASSERT(line != NULL);
	struct kt_linked *o = NEW(struct kt_linked), *p = NEW(struct kt_linked);
	irq_line_attach(line, &o->action, kt_irq_noop);
	irq_line_attach(line, &p->action, kt_irq_noop);
	irq_line_detach(line, &o->action);
	FREE(o);
	irq_line_detach(line, &p->action);
	FREE(p);
}

KTEST_PANICS(irq_action_attached_twice_panics, "already attached")
{
	struct irq_line *line = irq_line_alloc(), *other = irq_line_alloc();
	KT_ASSERT(line && other);
	struct kt_linked *o = NEW(struct kt_linked);
	irq_line_attach(line, &o->action, kt_irq_noop);
	irq_line_attach(other, &o->action, kt_irq_noop);
}

KTEST_PANICS(irq_detach_of_an_action_not_attached_panics, "not attached")
{
	struct irq_line *line = irq_line_alloc();
	KT_ASSERT(line != NULL);
	struct kt_linked *o = NEW(struct kt_linked);
	irq_line_detach(line, &o->action);
}

static struct kt_linked *kt_waited_on;

static void kt_waiter(void *arg)
{
	(void)arg;
	struct kt_linked *o = kt_waited_on;
	/* A deadline, so the waiter ends by itself after the test task has panicked. */
	(void)wait_event_interruptible_deadline(&o->wq, o->flag, clock_ns() + 50 * NSEC_PER_MSEC);
}

KTEST_PANICS(free_with_a_waited_on_queue_panics, "still holds a wait queue with waiters")
{
	struct kt_linked *o = NEW(struct kt_linked);
	kt_waited_on = o;
	task_spawn("kt-waiter", kt_waiter, NULL);
	while (!o->wq.__fw_head)
		task_yield();
	FREE(o);
}

KTEST(free_after_the_waiters_left_succeeds)
{
	struct kt_linked *o = NEW(struct kt_linked);
	kt_waited_on = o;
	struct task *t = task_spawn("kt-waiter", kt_waiter, NULL);
	while (!o->wq.__fw_head)
		task_yield();
	o->flag = true;
	wake_up_all(&o->wq);
	task_join(t);
	FREE(o);
}

KTEST_PANICS(unlock_of_a_mutex_freed_while_held_panics, "mutex not held")
{
	/* A held mutex is not a framework link into the object: freeing it is
	 * caught when the owner unlocks the zeroed slot (or a reused one it does
	 * not hold), before anything is written. */
	struct kt_linked *o = NEW(struct kt_linked);
	struct mutex *m = &o->lock;
	mutex_lock(m);
	FREE(o);
	mutex_unlock(m);
}
