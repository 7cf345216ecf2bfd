/*
 * Wait queues, sleeping mutexes.
 *
 *   wait_event(&wq, cond);   // sleeps until cond is true after a wake_up
 *   wake_up_all(&wq);
 *
 * Sleeping calls check might_sleep() (F12).
 */
#ifndef FRAME_WAIT_H
#define FRAME_WAIT_H

#include <frame/types.h>
#include <frame/spinlock.h>
#include <frame/errno.h>
#include <frame/task.h>

struct task;

struct waiter {
	struct task *__fw_task;
	struct waiter *__fw_next;
	bool __fw_queued;
};

/*
 * A wait queue with waiters inside a heap object is also on a framework
 * list (__fw_busy_*), so FREE can refuse the object while tasks wait on it.
 */
struct wait_queue {
	struct spinlock_irq __fw_lock;
	struct waiter *__fw_head;
	struct wait_queue *__fw_busy_next, *__fw_busy_prev;
	bool __fw_busy;
};

/* All zero: a zeroed queue (a NEW object's, a static one) is ready to use.
 * Services never copy or assign one (safec R14-no-copy). */
#define WAIT_QUEUE_INIT { SPINLOCK_IRQ_INIT, NULL, NULL, NULL, false }

void wait_prepare(struct wait_queue *wq, struct waiter *w);
void wait_sleep(struct wait_queue *wq, struct waiter *w);
void wait_finish(struct wait_queue *wq, struct waiter *w);
void wake_up_all(struct wait_queue *wq);

/* Sleep until `cond` holds. The condition is re-checked after every wake-up. */
#define wait_event(wq, cond)                                     \
	do {                                                     \
		might_sleep();                                   \
		if (cond)                                        \
			break; /* the usual case: no queueing */ \
		struct waiter __fw_w = { 0 };                    \
		for (;;) {                                       \
			wait_prepare((wq), &__fw_w);             \
			if (cond)                                \
				break;                           \
			wait_sleep((wq), &__fw_w);               \
		}                                                \
		wait_finish((wq), &__fw_w);                      \
	} while (0)

/*
 * Like wait_event, but also ends (with -EINTR) when the task is interrupted
 * (task_interrupt, e.g. a signal arrived). Evaluates to 0 when cond holds.
 */
/*
 * wait_event_interruptible with a deadline on the monotonic clock:
 * 0 when cond holds, -EINTR when interrupted, -ETIMEDOUT at the deadline.
 */
#define wait_event_interruptible_deadline(wq, cond, deadline_ns)                          \
	({                                                                                \
		struct waiter __fw_w = { 0 };                                             \
		int __fw_r = 0;                                                           \
		might_sleep();                                                            \
		if (!(cond)) { /* the usual case needs no queueing */                     \
			for (;;) {                                                        \
				wait_prepare((wq), &__fw_w);                              \
				if (cond)                                                 \
					break;                                            \
				if (task_interrupted()) {                                 \
					__fw_r = -EINTR;                                  \
					break;                                            \
				}                                                         \
				if (!wait_sleep_deadline((wq), &__fw_w, (deadline_ns))) { \
					__fw_r = -ETIMEDOUT;                              \
					break;                                            \
				}                                                         \
			}                                                                 \
			wait_finish((wq), &__fw_w);                                       \
		}                                                                         \
		__fw_r;                                                                   \
	})

/* Without a deadline. */
#define wait_event_interruptible(wq, cond) wait_event_interruptible_deadline(wq, cond, UINT64_MAX)

/* Sleep like wait_sleep, but not past deadline_ns (UINT64_MAX: no limit); false when the deadline has passed. */
bool wait_sleep_deadline(struct wait_queue *wq, struct waiter *w, uint64_t deadline_ns);

/*
 * A mutex freed while held is caught when its owner unlocks it: the zeroed
 * (or reused, then not ours) mutex panics in mutex_unlock. One freed with
 * waiters is caught by FREE, through its wait queue.
 */
struct mutex {
	uint32_t __fw_locked;
	struct task *__fw_owner;
	struct wait_queue __fw_wq;
};

/* All zero, like WAIT_QUEUE_INIT: a zeroed mutex is an unlocked one. */
#define MUTEX_INIT { 0, NULL, WAIT_QUEUE_INIT }

void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_is_held_by_me(const struct mutex *m);
/* Panics unless the current task holds m. */
void mutex_assert_held(const struct mutex *m);

/*
 * Sleeping with a mutex held: the caller holds `m`, and `cond` reads fields
 * that `m` guards. Evaluates `cond` only with `m` held; while it is false,
 * queues the task on `wq`, releases `m`, sleeps, and re-takes `m` before
 * looking again. Returns with `m` held: 0 when cond holds, -EINTR when the
 * task was interrupted, -ETIMEDOUT at deadline_ns (monotonic clock;
 * UINT64_MAX for none); cond holding wins over both.
 *
 * No wake-up is lost: whoever makes cond true does so holding `m` and then
 * wakes `wq`. The sleeper queues itself before it releases `m`, so either
 * the change came first (and cond, read under `m`, saw it) or the wake-up
 * finds the sleeper queued. The mutex is always retaken after the waiter
 * has left the queue and the task is running again, so a sleep on `m`
 * itself cannot be confused with the wait for `cond`.
 */
#define wait_event_mutex_interruptible_deadline(wq, m, cond, deadline_ns)                                            \
	({                                                                                                           \
		int __fw_r = 0;                                                                                      \
		might_sleep();                                                                                       \
		mutex_assert_held(m);                                                                                \
		if (!(cond)) { /* the usual case needs no queueing */                                                \
			struct waiter __fw_w = { 0 };                                                                \
			for (;;) {                                                                                   \
				wait_prepare((wq), &__fw_w);                                                         \
				mutex_unlock(m);                                                                     \
				bool __fw_intr = task_interrupted();                                                 \
				bool __fw_in_time = !__fw_intr && wait_sleep_deadline((wq), &__fw_w, (deadline_ns)); \
				wait_finish((wq), &__fw_w);                                                          \
				mutex_lock(m);                                                                       \
				if (cond)                                                                            \
					break;                                                                       \
				if (__fw_intr || task_interrupted()) {                                               \
					__fw_r = -EINTR;                                                             \
					break;                                                                       \
				}                                                                                    \
				if (!__fw_in_time) {                                                                 \
					__fw_r = -ETIMEDOUT;                                                         \
					break;                                                                       \
				}                                                                                    \
			}                                                                                            \
		}                                                                                                    \
		__fw_r;                                                                                              \
	})

/* Interruptible, without a deadline: 0 or -EINTR, with m held. */
#define wait_event_mutex_interruptible(wq, m, cond) wait_event_mutex_interruptible_deadline(wq, m, cond, UINT64_MAX)

/* Not interruptible, no deadline: returns when cond holds, with m held. */
#define wait_event_mutex(wq, m, cond)                            \
	do {                                                     \
		might_sleep();                                   \
		mutex_assert_held(m);                            \
		if (cond)                                        \
			break; /* the usual case: no queueing */ \
		struct waiter __fw_w = { 0 };                    \
		for (;;) {                                       \
			wait_prepare((wq), &__fw_w);             \
			mutex_unlock(m);                         \
			wait_sleep((wq), &__fw_w);               \
			wait_finish((wq), &__fw_w);              \
			mutex_lock(m);                           \
			if (cond)                                \
				break;                           \
		}                                                \
	} while (0)

#endif /* FRAME_WAIT_H */
