#ifndef TASK_INTERNAL_H
#define TASK_INTERNAL_H

#include <frame/task.h>
#include <frame/time.h>
#include "../mm/kstack.h"

struct user_ctx;
struct user_exception;
struct vm_space;

enum task_state { TASK_RUNNABLE, TASK_RUNNING, TASK_SLEEPING, TASK_DEAD };

struct task {
	uint64_t saved_rsp; /* offset 0: used by switch.S */
	struct kstack stack;
	enum task_state state;
	uint32_t on_cpu; /* 1 while some CPU runs it: the F14 check */
	task_fn fn;
	void *arg;
	service_task_fn service_fn; /* instead of fn, for task_spawn_service */
	struct service_task *service_arg;
	uint64_t id;
	char name[24];
	struct task *policy_link;
	struct timer sleep_timer;
	bool joined_wait; /* someone waits in task_join */
	bool in_runqueue;
	bool interrupted; /* task_interrupt; cleared by the task itself */
	bool detached; /* nobody joins it: freed as soon as it is off the CPU */
	struct task *next_all, *prev_all; /* every task, for task_dump_all */
	struct vm_space *vm; /* NULL: kernel only */
	struct user_ctx *user; /* the context inside user_run, if any */
	uint64_t user_entry_rsp; /* kernel stack pointer saved by user_enter */
	struct user_exception *user_exc; /* where user_run reports an exception */
	/* Set by the ktest runner: a panic in this task ends the task instead of the machine. */
	bool panic_ends_task;
	bool panicked;
};

void sched_init(void);
__noreturn void sched_start(task_fn init, void *arg);
void schedule(void);
void sched_preempt(void);
void task_wake(struct task *t);
/* Mark current as sleeping; the caller then calls schedule(), with IRQs off in between. */
void task_set_sleeping(void);
__noreturn void task_exit_from_panic(void);

void task_reap_wake(void);
/* Wake the current task at deadline_ns (its sleep timer), whatever it sleeps on. */
void task_arm_wakeup(uint64_t deadline_ns);
void task_cancel_wakeup(void);
struct task *task_create(const char *name, task_fn fn, void *arg);
void task_join_noreap(struct task *t);
/* Wait until `t` has ended, then release it. */
void task_join(struct task *t);
const char *task_name(const struct task *t);
uint64_t task_id(const struct task *t);
/* Sleep until the monotonic clock reaches deadline_ns, or for ns. */
void task_sleep_until(uint64_t deadline_ns);
void task_sleep_ns(uint64_t ns);
void task_release(struct task *t);
void task_set_running_self(void);
void task_finish_first_switch(void);
void vm_switch_to(struct task *next);
void context_switch(uint64_t *old_rsp, uint64_t new_rsp);

#endif
