/* ktests for tasks, context switches, preemption, wait queues, mutexes and might_sleep. */
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/wait.h>
#include <frame/time.h>
#include <frame/cpu.h>
#include "task_internal.h"
#include "../cpu/percpu.h"

static int trace[16];
static int trace_len;

static void record(int v)
{
	if (trace_len < 16)
		trace[trace_len++] = v;
}

static void spawned_body(void *arg)
{
	record(*(int *)arg);
}

KTEST(task_spawn_runs_and_join_waits)
{
	static int value = 42;
	trace_len = 0;
	struct task *t = task_spawn("kt-child", spawned_body, &value);
	KT_ASSERT(t != NULL);
	KT_ASSERT(task_id(t) != task_id(task_current()));
	task_join(t);
	KT_EQ(trace_len, 1);
	KT_EQ(trace[0], 42);
}

static void yielder(void *arg)
{
	int base = *(int *)arg;
	for (int i = 0; i < 3; i++) {
		record(base + i);
		task_yield();
	}
}

KTEST(task_yield_alternates_between_tasks)
{
	static int a = 10, b = 20;
	trace_len = 0;
	/* Spawned together: with preemption on, the first would run before the second exists. */
	preempt_disable();
	struct task *ta = task_spawn("kt-a", yielder, &a), *tb = task_spawn("kt-b", yielder, &b);
	preempt_enable();
	task_join(ta);
	task_join(tb);
	KT_EQ(trace_len, 6);
	/* Round-robin: a and b take turns. */
	static const int want[6] = { 10, 20, 11, 21, 12, 22 };
	for (int i = 0; i < 6; i++)
		KT_EQ(trace[i], want[i]);
}

static volatile bool spin_stop;
static volatile uint64_t spin_count;

static void busy_spinner(void *arg)
{
	(void)arg;
	while (!spin_stop)
		spin_count++;
}

KTEST(task_preemption_interrupts_a_busy_task)
{
	spin_stop = false;
	spin_count = 0;
	struct task *t = task_spawn("kt-spin", busy_spinner, NULL);
	/* We sleep; the spinner never yields; we must still get the CPU back after our sleep. */
	uint64_t start = clock_ns();
	task_sleep_ns(30 * NSEC_PER_MSEC);
	uint64_t seen = spin_count;
	/* And time-slicing gives us the CPU while it spins, without any sleep: */
	task_yield();
	spin_stop = true;
	task_join(t);
	KT_ASSERT(seen > 0);
	/* No upper bound on the time: a loaded host may stall the virtual CPU for any while. */
	KT_ASSERT(clock_ns() - start >= 30 * NSEC_PER_MSEC);
}

static struct wait_queue kt_wq = WAIT_QUEUE_INIT;
static volatile int kt_items;
static volatile int kt_consumed;

static void consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 5; i++) {
		wait_event(&kt_wq, kt_items > 0);
		kt_items--;
		kt_consumed++;
	}
}

KTEST(wait_queue_wakes_a_sleeping_consumer)
{
	kt_items = 0;
	kt_consumed = 0;
	struct task *t = task_spawn("kt-consumer", consumer, NULL);
	for (int i = 0; i < 5; i++) {
		task_sleep_ns(NSEC_PER_MSEC);
		KT_EQ(kt_consumed, i); /* it waited for the item */
		kt_items++;
		wake_up_all(&kt_wq);
	}
	task_join(t);
	KT_EQ(kt_consumed, 5);
	KT_EQ(kt_items, 0);
}

static struct mutex kt_mutex = MUTEX_INIT;
static uint64_t kt_counter;
static volatile int kt_inside;
static volatile bool kt_overlap;

static void contender(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++) {
		mutex_lock(&kt_mutex);
		if (kt_inside++)
			kt_overlap = true;
		uint64_t v = kt_counter;
		if (i % 7 == 0)
			task_yield(); /* let the others hit the held mutex */
		kt_counter = v + 1;
		kt_inside--;
		mutex_unlock(&kt_mutex);
	}
}

KTEST(mutex_excludes_under_contention)
{
	kt_counter = 0;
	kt_overlap = false;
	struct task *t[4];
	for (int i = 0; i < 4; i++)
		t[i] = task_spawn("kt-contender", contender, NULL);
	for (int i = 0; i < 4; i++)
		task_join(t[i]);
	KT_EQ(kt_counter, 800);
	KT_ASSERT(!kt_overlap);
	KT_ASSERT(!mutex_is_held_by_me(&kt_mutex));
}

KTEST_PANICS(might_sleep_panics_with_a_spinlock_held, "sleeping in atomic context")
{
	static struct spinlock l = SPINLOCK_INIT;
	spin_lock(&l);
	task_sleep_ns(1000);
}

KTEST_PANICS(might_sleep_panics_with_irqs_off, "sleeping in atomic context")
{
	irqflags_t f = irq_save();
	(void)f;
	static struct mutex m = MUTEX_INIT;
	mutex_lock(&m);
}

KTEST(spinlock_disables_preemption_while_held)
{
	static struct spinlock l = SPINLOCK_INIT;
	KT_ASSERT(!in_atomic());
	spin_lock(&l);
	KT_ASSERT(in_atomic());
	KT_ASSERT(__atomic_load_n(&l.__fw_locked, __ATOMIC_RELAXED));
	spin_unlock(&l);
	KT_ASSERT(!in_atomic());
	static struct spinlock_irq li = SPINLOCK_IRQ_INIT;
	spin_lock_irq(&li);
	KT_ASSERT(!irqs_enabled());
	spin_unlock_irq(&li);
	KT_ASSERT(irqs_enabled());
}

KTEST_PANICS(mutex_unlock_by_non_owner_panics, "mutex not held")
{
	static struct mutex m = MUTEX_INIT;
	mutex_unlock(&m);
}

static struct wait_queue kt_never_wq = WAIT_QUEUE_INIT;
static volatile int kt_interrupt_result = 1;

static void interruptible_sleeper(void *arg)
{
	(void)arg;
	kt_interrupt_result = wait_event_interruptible(&kt_never_wq, false);
	task_clear_interrupt();
	kt_interrupt_result += 1000 * task_sleep_until_interruptible(clock_ns() + 5 * NSEC_PER_MSEC);
}

KTEST(task_interrupt_ends_interruptible_waits)
{
	kt_interrupt_result = 1;
	struct task *t = task_spawn("kt-intr", interruptible_sleeper, NULL);
	task_sleep_ns(2 * NSEC_PER_MSEC);
	KT_EQ(kt_interrupt_result, 1); /* still waiting */
	task_interrupt(t);
	task_join(t);
	/* The wait ended with -EINTR; the later sleep, not interrupted, ran to its deadline. */
	KT_EQ(kt_interrupt_result, -EINTR);
}

KTEST(wait_with_deadline_times_out_or_succeeds)
{
	static struct wait_queue wq = WAIT_QUEUE_INIT;
	uint64_t start = clock_ns();
	int r = wait_event_interruptible_deadline(&wq, false, start + 3 * NSEC_PER_MSEC);
	KT_EQ(r, -ETIMEDOUT);
	KT_ASSERT(clock_ns() - start >= 3 * NSEC_PER_MSEC); /* a lower bound only: hosts can be slow */
	KT_EQ(wait_event_interruptible_deadline(&wq, true, start), 0);
}

static struct wait_queue kt_early_wq = WAIT_QUEUE_INIT;
static volatile bool kt_early_flag;

static void early_waker_target(void *arg)
{
	(void)arg;
	wait_event_interruptible_deadline(&kt_early_wq, kt_early_flag, clock_ns() + 5 * NSEC_PER_MSEC);
}

KTEST(timed_wait_woken_early_leaves_no_timer_behind)
{
	kt_early_flag = false;
	struct task *t = task_spawn("kt-early", early_waker_target, NULL);
	task_sleep_ns(NSEC_PER_MSEC);
	kt_early_flag = true;
	wake_up_all(&kt_early_wq);
	task_join(t); /* frees the task, whose wake-up timer would have fired 4 ms later */
	task_sleep_ns(8 * NSEC_PER_MSEC);
	KT_ASSERT(true); /* reaching here without a fault into freed memory is the test */
}

/* A LIFO policy: distinguishable from the fallback FIFO by the order it runs tasks in. */
static struct task *lifo_top;

static void lifo_enqueue(struct task *t)
{
	task_set_policy_next(t, lifo_top);
	lifo_top = t;
}

static struct task *lifo_pick_next(void)
{
	struct task *t = lifo_top;
	if (t)
		lifo_top = task_policy_next(t);
	return t;
}

static const struct sched_policy kt_lifo_policy = { "kt-lifo", lifo_enqueue, lifo_pick_next, 10 * NSEC_PER_MSEC };
extern const struct sched_policy sched_fallback;

KTEST(sched_set_policy_moves_queued_tasks_to_the_new_policy)
{
	static int a = 1, b = 2, c = 3;
	trace_len = 0;
	/* Queued under the fallback, then handed to the LIFO; none may be lost. */
	preempt_disable();
	struct task *ta = task_spawn("kt-a", spawned_body, &a), *tb = task_spawn("kt-b", spawned_body, &b);
	sched_set_policy(&kt_lifo_policy);
	struct task *tc = task_spawn("kt-c", spawned_body, &c);
	preempt_enable();
	task_join(ta);
	task_join(tb);
	task_join(tc);
	sched_set_policy(&sched_fallback);
	KT_EQ(trace_len, 3);
	/* The LIFO ran the last queued first. */
	KT_EQ(trace[0], 3);
	KT_EQ(trace[1], 2);
}
