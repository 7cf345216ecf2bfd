/* ktests for wait_event_mutex*: sleeping on a condition guarded by a mutex. */
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/wait.h>
#include <frame/time.h>
#include "../task/task_internal.h"

/* Shared state of one test: `ready` and `rounds` are guarded by `lock`. */
static struct mutex kt_lock = MUTEX_INIT;
static struct wait_queue kt_wq = WAIT_QUEUE_INIT;
static bool kt_ready; /* kt_lock */
static int kt_waker_got_lock; /* kt_lock */

/* Takes the mutex (only possible if the sleeper released it), sets the condition, wakes. */
static void setter(void *arg)
{
	(void)arg;
	task_sleep_ns(NSEC_PER_MSEC); /* let the sleeper go to sleep first */
	mutex_lock(&kt_lock);
	kt_waker_got_lock = 1;
	kt_ready = true;
	mutex_unlock(&kt_lock);
	wake_up_all(&kt_wq);
}

KTEST(wait_event_mutex_releases_the_mutex_while_asleep_and_retakes_it)
{
	kt_ready = false;
	kt_waker_got_lock = 0;
	mutex_lock(&kt_lock);
	struct task *t = task_spawn("kt-setter", setter, NULL);
	KT_ASSERT(t != NULL);
	/* If the mutex stayed held, the setter could never set the flag: the wait would hang (the
	 * runner's time-out). No deadline here: a slow host must not fail the test. */
	int r = wait_event_mutex_interruptible(&kt_wq, &kt_lock, kt_ready);
	bool held = mutex_is_held_by_me(&kt_lock);
	int got = kt_waker_got_lock;
	if (held)
		mutex_unlock(&kt_lock);
	task_join(t);
	KT_EQ(r, 0);
	KT_ASSERT(held);
	KT_EQ(got, 1);
}

KTEST(wait_event_mutex_times_out_with_the_mutex_held)
{
	mutex_lock(&kt_lock);
	uint64_t start = clock_ns();
	int r = wait_event_mutex_interruptible_deadline(&kt_wq, &kt_lock, false, start + 3 * NSEC_PER_MSEC);
	bool held = mutex_is_held_by_me(&kt_lock);
	if (held)
		mutex_unlock(&kt_lock);
	KT_EQ(r, -ETIMEDOUT);
	KT_ASSERT(held);
	KT_ASSERT(clock_ns() - start >= 3 * NSEC_PER_MSEC); /* a lower bound only */
}

static volatile int kt_intr_result = 1;
static volatile bool kt_intr_held;

static void interrupted_sleeper(void *arg)
{
	(void)arg;
	mutex_lock(&kt_lock);
	kt_intr_result = wait_event_mutex_interruptible(&kt_wq, &kt_lock, false);
	kt_intr_held = mutex_is_held_by_me(&kt_lock);
	if (kt_intr_held)
		mutex_unlock(&kt_lock);
	task_clear_interrupt();
}

KTEST(wait_event_mutex_interruptible_ends_on_interrupt_with_the_mutex_held)
{
	kt_intr_result = 1;
	kt_intr_held = false;
	struct task *t = task_spawn("kt-mintr", interrupted_sleeper, NULL);
	task_sleep_ns(2 * NSEC_PER_MSEC);
	KT_EQ(kt_intr_result, 1); /* still waiting */
	mutex_lock(&kt_lock); /* the sleeper released it */
	mutex_unlock(&kt_lock);
	task_interrupt(t);
	task_join(t);
	KT_EQ(kt_intr_result, -EINTR);
	KT_ASSERT(kt_intr_held);
}

/* Ping-pong: two tasks hand a turn back and forth; a lost wake-up leaves one waiting for good
 * (the runner's time-out). No deadlines: a slow host must not fail the test. */
static int kt_turn; /* kt_lock: 0 for the main task, 1 for the partner */
static int kt_errors; /* kt_lock */
#define KT_ROUNDS 2000

static void partner(void *arg)
{
	(void)arg;
	mutex_lock(&kt_lock);
	for (int i = 0; i < KT_ROUNDS; i++) {
		if (wait_event_mutex_interruptible(&kt_wq, &kt_lock, kt_turn == 1)) {
			kt_errors++;
			break;
		}
		kt_turn = 0;
		wake_up_all(&kt_wq);
	}
	mutex_unlock(&kt_lock);
	wake_up_all(&kt_wq); /* after a time-out, the main task stops too */
}

KTEST(wait_event_mutex_loses_no_wake_up_in_a_ping_pong)
{
	kt_turn = 0;
	kt_errors = 0;
	struct task *t = task_spawn("kt-partner", partner, NULL);
	KT_ASSERT(t != NULL);
	mutex_lock(&kt_lock);
	int done = 0;
	for (; done < KT_ROUNDS; done++) {
		kt_turn = 1;
		wake_up_all(&kt_wq);
		if (wait_event_mutex_interruptible(&kt_wq, &kt_lock, kt_turn == 0 || kt_errors))
			kt_errors++;
		if (kt_errors)
			break;
	}
	mutex_unlock(&kt_lock);
	task_join(t);
	KT_EQ(kt_errors, 0);
	KT_EQ(done, KT_ROUNDS);
}

KTEST(wait_event_mutex_sleeps_until_the_condition_holds)
{
	kt_ready = false;
	kt_waker_got_lock = 0;
	mutex_lock(&kt_lock);
	struct task *t = task_spawn("kt-setter", setter, NULL);
	KT_ASSERT(t != NULL);
	wait_event_mutex(&kt_wq, &kt_lock, kt_ready); /* a mutex kept held would hang here (the runner's time-out) */
	bool held = mutex_is_held_by_me(&kt_lock);
	bool ready = kt_ready;
	if (held)
		mutex_unlock(&kt_lock);
	task_join(t);
	KT_ASSERT(held);
	KT_ASSERT(ready);
}

KTEST_PANICS(wait_event_mutex_without_the_mutex_panics, "mutex not held")
{
	static struct mutex m = MUTEX_INIT;
	static struct wait_queue wq = WAIT_QUEUE_INIT;
	wait_event_mutex(&wq, &m, false);
}
