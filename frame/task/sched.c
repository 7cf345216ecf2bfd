/*
 * The scheduler mechanism: run queue locking, picking through the policy,
 * validating what the policy returns, switching, preemption.
 *
 * The policy only orders tasks. Before a task runs, its `on_cpu` flag moves
 * 0 -> 1 atomically; a policy that returns a task that is not runnable or
 * already on a CPU is refused with a panic naming the policy (F14), since
 * running it would give one stack to two CPUs.
 *
 * Locking: `rq_lock` (IRQ-off) protects the policy's queue and task states.
 * schedule() is entered with IRQs off and leaves them as the resumed task
 * had them.
 */
#include "console/kprint.h"
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "task_internal.h"
#include "../cpu/percpu.h"
#include "../arch/x86_64/x86.h"
#include "../arch/x86_64/gdt.h"

static struct spinlock_irq rq_lock = SPINLOCK_IRQ_INIT;
static const struct sched_policy *policy;
static struct timer slice_timer;

extern const struct sched_policy sched_fallback;

/*
 * Replace the policy (the services install theirs over the fallback). The
 * tasks the old policy holds move to the new one in the order it gives them,
 * so none is lost; they stay in_runqueue throughout.
 */
void sched_set_policy(const struct sched_policy *p)
{
	if (!p || !p->enqueue || !p->pick_next)
		panic("sched_set_policy: a policy needs enqueue and pick_next");
	spin_lock_irq(&rq_lock);
	const struct sched_policy *old = policy;
	policy = p;
	for (struct task *t = old ? old->pick_next() : NULL; t; t = old->pick_next())
		p->enqueue(t);
	spin_unlock_irq(&rq_lock);
	log_info("sched: policy %s, slice %lu us", p->name, p->slice_ns / 1000);
}

static void enqueue_locked(struct task *t)
{
	if (t->in_runqueue)
		return;
	t->in_runqueue = true;
	policy->enqueue(t);
}

void task_wake(struct task *t)
{
	spin_lock_irq(&rq_lock);
	if (t->state == TASK_SLEEPING) {
		t->state = TASK_RUNNABLE;
		/* A task still on a CPU is between "going to sleep" and its schedule(), which will queue it. */
		if (!t->on_cpu) {
			enqueue_locked(t);
			this_cpu()->need_resched = true;
		}
	}
	spin_unlock_irq(&rq_lock);
}

void task_set_sleeping(void)
{
	spin_lock_irq(&rq_lock);
	this_cpu()->current->state = TASK_SLEEPING;
	spin_unlock_irq(&rq_lock);
}

static void slice_expired(struct timer *t)
{
	(void)t;
	this_cpu()->need_resched = true;
}

static void idle_loop(void *arg)
{
	(void)arg;
	for (;;) {
		/* sti;hlt is atomic: a wake-up between the check and the halt still ends the halt. */
		irq_disable_raw();
		if (this_cpu()->need_resched) {
			irq_enable_raw();
			schedule();
			continue;
		}
		/* SAFETY: STI takes effect after HLT starts, so no wake-up slips between the check and the halt. */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

/*
 * The second half of a switch, run by whichever task resumes (or starts):
 * the previous task is now off this CPU's stack, so its on_cpu flag drops
 * and the run-queue lock taken by schedule() is released.
 */
static void finish_switch(void)
{
	struct cpu_local *c = this_cpu();
	struct task *prev = c->prev_task;
	c->prev_task = NULL;
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	bool dead = prev->state == TASK_DEAD;
	spin_unlock_irq(&rq_lock);
	if (dead && prev->detached)
		task_release(prev); /* off its stack for good: free it now */
	else if (dead)
		task_reap_wake();
}

void task_finish_first_switch(void)
{
	finish_switch();
}

static void rearm_slice(void)
{
	struct cpu_local *c = this_cpu();
	if (c->current == c->idle)
		timer_cancel(&slice_timer);
	else
		timer_arm(&slice_timer, clock_ns() + policy->slice_ns, slice_expired);
}

/*
 * Pick, validate and switch. Returns when the calling task runs again.
 * A preempted task stays runnable even if it had marked itself sleeping:
 * every sleep in the framework is a loop that re-checks its condition, so
 * the worst case is one extra turn, never a lost wake-up.
 */
static void do_schedule(bool preempt)
{
	irqflags_t flags = irq_save();
	struct cpu_local *c = this_cpu();
	struct task *prev = c->current;
	spin_lock_irq(&rq_lock);
	c->need_resched = false;
	if (preempt && prev->state == TASK_SLEEPING)
		prev->state = TASK_RUNNABLE;
	if (prev->state == TASK_RUNNING || prev->state == TASK_RUNNABLE) {
		prev->state = TASK_RUNNABLE;
		if (prev != c->idle)
			enqueue_locked(prev);
	}
	struct task *next = policy->pick_next();
	if (next) {
		if (!next->in_runqueue || next->state != TASK_RUNNABLE)
			panic("scheduler policy %s picked task %s which is not runnable", policy->name, next->name);
		next->in_runqueue = false;
	} else {
		next = c->idle;
	}
	next->state = TASK_RUNNING;
	if (next == prev) {
		spin_unlock_irq(&rq_lock);
	} else {
		uint32_t expected = 0;
		if (!__atomic_compare_exchange_n(&next->on_cpu, &expected, 1, false, __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED))
			panic("scheduler policy %s picked task %s which already runs on a CPU", policy->name,
			      next->name);
		c->prev_task = prev;
		c->current = next;
		/* Where the CPU enters the kernel from user mode: next's user_enter frame. */
		uint64_t entry = next->user_entry_rsp ? next->user_entry_rsp : next->stack.top;
		tss_set_rsp0(entry);
		c->kernel_rsp = entry;
		vm_switch_to(next);
		context_switch(&prev->saved_rsp, next->saved_rsp);
		finish_switch();
	}
	rearm_slice();
	irq_restore(flags);
}

void schedule(void)
{
	do_schedule(false);
}

void sched_preempt(void)
{
	do_schedule(true);
}

void task_set_running_self(void)
{
	spin_lock_irq(&rq_lock);
	struct task *t = this_cpu()->current;
	if (t->state == TASK_SLEEPING || t->state == TASK_RUNNABLE)
		t->state = TASK_RUNNING;
	spin_unlock_irq(&rq_lock);
}

void sched_init(void)
{
	if (!policy)
		policy = &sched_fallback;
	log_info("sched: policy %s until the services install theirs", policy->name);
}

__noreturn void sched_start(task_fn init, void *arg)
{
	static struct task boot_task = { .state = TASK_DEAD, .on_cpu = 1, .name = "boot" };
	struct cpu_local *c = this_cpu();
	c->current = &boot_task;
	c->idle = task_create("idle", idle_loop, NULL);
	if (!c->idle || !task_spawn("init", init, arg))
		panic("sched: cannot create the first tasks");
	c->idle->state = TASK_RUNNABLE;
	irq_disable_raw();
	schedule();
	panic("sched_start: the boot context was resumed");
}

void task_yield(void)
{
	might_sleep(); /* yielding with a lock held would hand the lock's state to the next task */
	schedule();
}
