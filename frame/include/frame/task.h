/*
 * Kernel tasks: a stack, saved registers, and a place in the scheduler.
 * The scheduling *policy* is injectable (struct sched_policy); the framework
 * keeps the mechanism and checks what the policy returns (F14).
 */
#ifndef FRAME_TASK_H
#define FRAME_TASK_H

#include <frame/types.h>
#include <frame/bytes.h>

struct task; /* opaque */

typedef void (*task_fn)(void *arg);

/* Create a runnable task; NULL when out of memory. The task ends when fn returns. */
struct task *task_spawn(const char *name, task_fn fn, void *arg);

/*
 * Tasks for services. `struct service_task` is defined by the services
 * (kernel/), never by the framework, which only passes the pointer along:
 * this gives service task bodies a typed argument without a void pointer.
 */
struct service_task;
typedef void (*service_task_fn)(struct service_task *st);
struct task *task_spawn_service(const char *name, service_task_fn fn, struct service_task *st);
/* The service object of the current task (NULL for framework tasks). */
struct service_task *service_task_current(void);
struct task *task_current(void);
/* Give the CPU to another runnable task, if there is one. */
void task_yield(void);
__noreturn void task_exit(void);

/*
 * Interruption: a service marks a task interrupted (say, a signal became
 * pending); interruptible sleeps (wait_event_interruptible,
 * task_sleep_until_interruptible) then end early with -EINTR. The mark
 * stays until the task clears it.
 */
void task_interrupt(struct task *t);
bool task_interrupted(void);
void task_clear_interrupt(void);
/* 0 at the deadline, -EINTR when interrupted first. */
int task_sleep_until_interruptible(uint64_t deadline_ns);

/* Print every task with its state and a backtrace (a debugging aid, like SysRq-t). */
void task_dump_all(void);

/* Panics when called from a context that must not sleep (F12). */
void might_sleep(void);

/*
 * The scheduling policy. Called with the run queue locked and IRQs off; it
 * only orders tasks, and the framework refuses a pick that is not runnable
 * or already on a CPU (F14). The framework runs a FIFO fallback until the
 * services install theirs (kernel/sched/).
 */
struct sched_policy {
	const char *name;
	void (*enqueue)(struct task *t); /* t became runnable */
	struct task *(*pick_next)(void); /* remove and return the next task, or NULL */
	uint64_t slice_ns; /* preempt after this long when others wait */
};

/* Install p; the tasks queued under the old policy move to p. The policy must live for good. */
void sched_set_policy(const struct sched_policy *p);
/* An intrusive link a policy may use to queue tasks (NULL when unset). */
struct task *task_policy_next(const struct task *t);
void task_set_policy_next(struct task *t, struct task *next);

#endif /* FRAME_TASK_H */
