/*
 * Round-robin: the services' scheduling policy, installed by
 * sched_round_robin_install() at the start of service_main. A FIFO of
 * runnable tasks threaded through each task's policy link; every task gets
 * the same slice. It only orders tasks: the framework's mechanism
 * (frame/task/sched.c) takes the run-queue lock around every call and
 * refuses a task that is not runnable or already on a CPU (F14).
 */
#include <frame/task.h>
#include <frame/time.h>
#include "sched/sched.h"

static struct task *head, *tail;

static void rr_enqueue(struct task *t)
{
	task_set_policy_next(t, NULL);
	if (tail)
		task_set_policy_next(tail, t);
	else
		head = t;
	tail = t;
}

static struct task *rr_pick_next(void)
{
	struct task *t = head;
	if (t) {
		head = task_policy_next(t);
		if (!head)
			tail = NULL;
		task_set_policy_next(t, NULL);
	}
	return t;
}

static const struct sched_policy sched_round_robin = {
	.name = "round-robin",
	.enqueue = rr_enqueue,
	.pick_next = rr_pick_next,
	.slice_ns = 10 * NSEC_PER_MSEC,
};

void sched_round_robin_install(void)
{
	sched_set_policy(&sched_round_robin);
}
