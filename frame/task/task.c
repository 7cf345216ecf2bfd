/*
 * Task lifetime: creation with a guarded stack, the first entry, exit, join
 * and sleeping until a deadline.
 *
 * Task objects come from the typed slab (type-stable), so a stale task
 * pointer held by a waker can never reach anything but a task.
 */
#include <frame/alloc.h>
#include "console/kprint.h"
#include <frame/panic.h>
#include <frame/errno.h>
#include <frame/wait.h>
#include <frame/irq.h>
#include <frame/vm.h>
#include "task_internal.h"
#include "../cpu/percpu.h"
#include "../arch/x86_64/x86.h"
#include "../console/symbols.h"
#include "../mm/links.h"
#include <frame/wait.h>
#include "console/kprint.h"

extern char task_trampoline[];
static uint64_t next_task_id = 1;
static struct wait_queue join_wq = WAIT_QUEUE_INIT;

struct task *task_current(void)
{
	return this_cpu()->current;
}
const char *task_name(const struct task *t)
{
	return t->name;
}
uint64_t task_id(const struct task *t)
{
	return t->id;
}
struct task *task_policy_next(const struct task *t)
{
	return t->policy_link;
}
void task_set_policy_next(struct task *t, struct task *next)
{
	t->policy_link = next;
}

static void set_name(struct task *t, const char *name)
{
	size_t i = 0;
	for (; name[i] && i + 1 < sizeof(t->name); i++)
		t->name[i] = name[i];
	t->name[i] = '\0';
}

static struct spinlock_irq all_lock = SPINLOCK_IRQ_INIT;
static struct task *all_tasks;

static void track(struct task *t)
{
	spin_lock_irq(&all_lock);
	t->next_all = all_tasks;
	if (all_tasks)
		all_tasks->prev_all = t;
	all_tasks = t;
	spin_unlock_irq(&all_lock);
}

static void untrack(struct task *t)
{
	spin_lock_irq(&all_lock);
	if (t->prev_all)
		t->prev_all->next_all = t->next_all;
	else if (all_tasks == t)
		all_tasks = t->next_all;
	if (t->next_all)
		t->next_all->prev_all = t->prev_all;
	spin_unlock_irq(&all_lock);
}

void task_dump_all(void)
{
	static const char *const states[] = { "runnable", "running", "sleeping", "dead" };
	spin_lock_irq(&all_lock);
	for (struct task *t = all_tasks; t; t = t->next_all) {
		console_printf("task %lu %s: %s%s\n", t->id, t->name, states[t->state],
			       t->interrupted ? " (interrupted)" : "");
		if (t != task_current() && t->state != TASK_RUNNING && t->saved_rsp) {
			/* SAFETY: a switched-out task's stack holds context_switch's frame: rbp at +40, return at +48. */
			const uint64_t *sp = (const uint64_t *)t->saved_rsp;
			backtrace_print(sp[6], sp[5]);
		}
	}
	spin_unlock_irq(&all_lock);
}

struct task *task_create(const char *name, task_fn fn, void *arg)
{
	struct task *t = NEW(struct task);
	if (!t)
		return NULL;
	if (kstack_alloc(KSTACK_PAGES, &t->stack)) {
		FREE(t);
		return NULL;
	}
	set_name(t, name);
	t->fn = fn;
	t->arg = arg;
	t->id = __atomic_fetch_add(&next_task_id, 1, __ATOMIC_RELAXED);
	/*
	 * The frame context_switch pops: r15 r14 r13 r12 rbx rbp, then returns into the trampoline.
	 * SAFETY: the stack was just allocated and mapped; eight words below its top are ours to write.
	 */
	uint64_t *sp = (uint64_t *)t->stack.top;
	*--sp = 0; /* keeps the trampoline's stack 16-byte aligned at its call */
	*--sp = (uint64_t)task_trampoline;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->saved_rsp = (uint64_t)sp;
	t->state = TASK_SLEEPING;
	track(t);
	return t;
}

struct task *task_spawn(const char *name, task_fn fn, void *arg)
{
	struct task *t = task_create(name, fn, arg);
	if (t)
		task_wake(t);
	return t;
}

struct task *task_spawn_service(const char *name, service_task_fn fn, struct service_task *st)
{
	struct task *t = task_create(name, NULL, NULL);
	if (t) {
		t->service_fn = fn;
		t->service_arg = st;
		t->detached = true;
		task_wake(t);
	}
	return t;
}

struct service_task *service_task_current(void)
{
	struct task *t = task_current();
	return t ? t->service_arg : NULL;
}

/* First code a new task runs (from task_trampoline), with IRQs off as schedule() left them. */
void task_entry(void)
{
	struct task *t = task_current();
	task_finish_first_switch();
	irq_enable_raw();
	if (t->service_fn)
		t->service_fn(t->service_arg);
	else
		t->fn(t->arg);
	task_exit();
}

static void task_end(struct task *t)
{
	irq_disable_raw();
	t->state = TASK_DEAD;
	schedule(); /* finish_switch() wakes the joiners once we are off this stack */
	panic("dead task %s was scheduled", t->name);
}

__noreturn void task_exit(void)
{
	might_sleep(); /* ending with a spinlock held or IRQs off would leave them so for good */
	task_end(task_current());
	__builtin_unreachable();
}

__noreturn void task_exit_from_panic(void)
{
	struct cpu_local *c = this_cpu();
	c->preempt_count = 0;
	c->irq_depth = 0;
	task_end(c->current);
	__builtin_unreachable();
}

void task_reap_wake(void)
{
	wake_up_all(&join_wq);
}

void task_join_noreap(struct task *t)
{
	if (t->detached)
		panic("task_join: task %s is detached (freed when it ends)", t->name);
	wait_event(&join_wq, __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == TASK_DEAD &&
				 !__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE));
}

void task_release(struct task *t)
{
	/* An armed timer inside a freed task would fire into freed memory. */
	timer_cancel(&t->sleep_timer);
	if (t->vm)
		task_set_vm(t, NULL); /* it no longer uses its address space */
	untrack(t);
	kstack_free(&t->stack);
	FREE(t);
}

void task_join(struct task *t)
{
	task_join_noreap(t);
	task_release(t);
}

void might_sleep_failed(void)
{
	struct cpu_local *c = this_cpu();
	panic("sleeping in atomic context (preempt_count %u, irq depth %u, IRQs %s)", c->preempt_count, c->irq_depth,
	      irqs_enabled() ? "on" : "off");
}

void might_sleep(void)
{
	might_sleep_fast();
}

static void sleep_timer_fired(struct timer *timer)
{
	struct task *t = container_of(timer, struct task, sleep_timer);
	task_wake(t);
}

void task_arm_wakeup(uint64_t deadline_ns)
{
	timer_arm(&task_current()->sleep_timer, deadline_ns, sleep_timer_fired);
}

void task_cancel_wakeup(void)
{
	timer_cancel(&task_current()->sleep_timer);
}

void task_sleep_until(uint64_t deadline_ns)
{
	might_sleep();
	struct task *t = task_current();
	while (clock_ns() < deadline_ns) {
		/* IRQs off from here to the switch, so the timer cannot fire before we are asleep. */
		irqflags_t f = irq_save();
		task_set_sleeping();
		timer_arm(&t->sleep_timer, deadline_ns, sleep_timer_fired);
		schedule();
		irq_restore(f);
	}
	timer_cancel(&t->sleep_timer);
}

int task_sleep_until_interruptible(uint64_t deadline_ns)
{
	might_sleep();
	struct task *t = task_current();
	while (clock_ns() < deadline_ns) {
		if (__atomic_load_n(&t->interrupted, __ATOMIC_ACQUIRE))
			return -EINTR;
		irqflags_t f = irq_save();
		task_set_sleeping();
		timer_arm(&t->sleep_timer, deadline_ns, sleep_timer_fired);
		if (__atomic_load_n(&t->interrupted, __ATOMIC_ACQUIRE))
			task_set_running_self(); /* interrupted in between: do not sleep */
		else
			schedule();
		irq_restore(f);
	}
	timer_cancel(&t->sleep_timer);
	return 0;
}

void task_interrupt(struct task *t)
{
	__atomic_store_n(&t->interrupted, true, __ATOMIC_RELEASE);
	task_wake(t);
}

bool task_interrupted(void)
{
	return __atomic_load_n(&task_current()->interrupted, __ATOMIC_ACQUIRE);
}

void task_clear_interrupt(void)
{
	__atomic_store_n(&task_current()->interrupted, false, __ATOMIC_RELEASE);
}

void task_sleep_ns(uint64_t ns)
{
	uint64_t now = clock_ns();
	task_sleep_until(ns > UINT64_MAX - now ? UINT64_MAX : now + ns);
}
