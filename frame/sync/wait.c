/*
 * Wait queues and mutexes.
 *
 * wait_event() (wait.h) loops: queue the waiter and mark the task sleeping,
 * re-check the condition, sleep. A wake-up that lands between the check and
 * the sleep finds the task already queued and marks it runnable, so it is
 * never lost. Waiters live on the sleeper's stack, inside the framework
 * macro, and are unlinked before the macro ends.
 */
#include <frame/wait.h>
#include <frame/panic.h>
#include <frame/time.h>
#include "../task/task_internal.h"
#include "../cpu/percpu.h"
#include "../arch/x86_64/x86.h"
#include "../mm/links.h"
#include "../mm/layout.h"

/* Wait queues in heap objects that have waiters, for FREE's check (links.h). Nests inside a queue's lock. */
static struct spinlock_irq busy_lock = SPINLOCK_IRQ_INIT;
static struct wait_queue *busy_queues;

static bool in_heap(const void *p)
{
	return is_direct_map(p); /* slab objects live there; static and stack queues are never freed */
}

/* Called with wq's lock held when its first waiter arrives. */
static void busy_add(struct wait_queue *wq)
{
	if (wq->__fw_busy || !in_heap(wq))
		return;
	spin_lock_irq(&busy_lock);
	wq->__fw_busy_prev = NULL;
	wq->__fw_busy_next = busy_queues;
	if (busy_queues)
		busy_queues->__fw_busy_prev = wq;
	busy_queues = wq;
	wq->__fw_busy = true;
	spin_unlock_irq(&busy_lock);
	slab_links_add(wq, 1);
}

/* Called with wq's lock held when its last waiter leaves. The flag is only
 * ever set by busy_add, which links the queue: nothing copies a queue
 * (services may not, safec R14-no-copy), so a flagged queue is on the list. */
static void busy_remove(struct wait_queue *wq)
{
	if (!wq->__fw_busy)
		return;
	spin_lock_irq(&busy_lock);
	if (wq->__fw_busy_prev)
		wq->__fw_busy_prev->__fw_busy_next = wq->__fw_busy_next;
	else
		busy_queues = wq->__fw_busy_next;
	if (wq->__fw_busy_next)
		wq->__fw_busy_next->__fw_busy_prev = wq->__fw_busy_prev;
	wq->__fw_busy_next = wq->__fw_busy_prev = NULL;
	wq->__fw_busy = false;
	spin_unlock_irq(&busy_lock);
	slab_links_add(wq, -1);
}

uint64_t wait_link_in(uint64_t lo, uint64_t hi)
{
	uint64_t found = 0;
	spin_lock_irq(&busy_lock);
	for (struct wait_queue *q = busy_queues; q && !found; q = q->__fw_busy_next)
		if ((uint64_t)q >= lo && (uint64_t)q < hi)
			found = (uint64_t)q;
	spin_unlock_irq(&busy_lock);
	return found;
}

void wait_prepare(struct wait_queue *wq, struct waiter *w)
{
	w->__fw_task = task_current();
	spin_lock_irq(&wq->__fw_lock);
	if (!w->__fw_queued) {
		w->__fw_next = wq->__fw_head;
		wq->__fw_head = w;
		w->__fw_queued = true;
		busy_add(wq);
	}
	w->__fw_task->state = TASK_SLEEPING;
	spin_unlock_irq(&wq->__fw_lock);
}

void wait_sleep(struct wait_queue *wq, struct waiter *w)
{
	(void)wq;
	(void)w;
	schedule();
}

bool wait_sleep_deadline(struct wait_queue *wq, struct waiter *w, uint64_t deadline_ns)
{
	(void)wq;
	(void)w;
	if (deadline_ns == UINT64_MAX) {
		schedule();
		return true;
	}
	if (clock_ns() >= deadline_ns)
		return false;
	task_arm_wakeup(deadline_ns);
	schedule();
	task_cancel_wakeup(); /* woken early: the timer must not outlive this sleep */
	return clock_ns() < deadline_ns;
}

static void unlink(struct wait_queue *wq, struct waiter *w)
{
	for (struct waiter **p = &wq->__fw_head; *p; p = &(*p)->__fw_next) {
		if (*p == w) {
			*p = w->__fw_next;
			break;
		}
	}
	w->__fw_queued = false;
	if (!wq->__fw_head)
		busy_remove(wq);
}

void wait_finish(struct wait_queue *wq, struct waiter *w)
{
	spin_lock_irq(&wq->__fw_lock);
	if (w->__fw_queued)
		unlink(wq, w);
	spin_unlock_irq(&wq->__fw_lock);
	task_set_running_self();
}

static void wake(struct wait_queue *wq, bool all)
{
	spin_lock_irq(&wq->__fw_lock);
	while (wq->__fw_head) {
		struct waiter *w = wq->__fw_head;
		unlink(wq, w);
		task_wake(w->__fw_task);
		if (!all)
			break;
	}
	spin_unlock_irq(&wq->__fw_lock);
}

static void wake_up_one(struct wait_queue *wq)
{
	wake(wq, false);
}
void wake_up_all(struct wait_queue *wq)
{
	wake(wq, true);
}

static bool mutex_trylock(struct mutex *m)
{
	if (__atomic_exchange_n(&m->__fw_locked, 1, __ATOMIC_ACQUIRE))
		return false;
	m->__fw_owner = current_task();
	return true;
}

void mutex_lock(struct mutex *m)
{
	might_sleep_fast();
	if (__builtin_expect(mutex_trylock(m), 1))
		return;
	if (m->__fw_owner == current_task())
		panic("mutex_lock: task %s already holds this mutex", task_name(current_task()));
	wait_event(&m->__fw_wq, mutex_trylock(m)); /* tries once before queueing */
}

void mutex_unlock(struct mutex *m)
{
	if (!__atomic_load_n(&m->__fw_locked, __ATOMIC_RELAXED) || m->__fw_owner != current_task())
		panic("mutex_unlock: mutex not held by task %s", task_name(current_task()));
	m->__fw_owner = NULL;
	/*
	 * A waiter queues itself and then retries the lock; we release and then
	 * look for waiters. With both in sequentially consistent order, either we
	 * see it queued, or its retry sees the lock free: no lost wake-up.
	 */
	__atomic_store_n(&m->__fw_locked, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&m->__fw_wq.__fw_head, __ATOMIC_SEQ_CST))
		wake_up_one(&m->__fw_wq);
}

bool mutex_is_held_by_me(const struct mutex *m)
{
	return __atomic_load_n(&m->__fw_locked, __ATOMIC_RELAXED) && m->__fw_owner == task_current();
}

void mutex_assert_held(const struct mutex *m)
{
	if (!mutex_is_held_by_me(m))
		panic("wait_event_mutex: mutex not held by task %s", task_name(current_task()));
}
