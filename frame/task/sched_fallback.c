/*
 * The fallback scheduling policy: a FIFO of runnable tasks with a fixed
 * slice, used from boot until the services install theirs with
 * sched_set_policy (kernel/sched/). It is the least that runs the boot tasks
 * and the framework's ktests fairly; like any policy it only orders tasks,
 * and the mechanism in sched.c checks what it returns (F14).
 */
#include "task_internal.h"

static struct task *head, *tail;

static void fifo_enqueue(struct task *t)
{
	t->policy_link = NULL;
	if (tail)
		tail->policy_link = t;
	else
		head = t;
	tail = t;
}

static struct task *fifo_pick_next(void)
{
	struct task *t = head;
	if (t) {
		head = t->policy_link;
		if (!head)
			tail = NULL;
		t->policy_link = NULL;
	}
	return t;
}

const struct sched_policy sched_fallback = {
	.name = "fallback-fifo",
	.enqueue = fifo_enqueue,
	.pick_next = fifo_pick_next,
	.slice_ns = 10 * NSEC_PER_MSEC,
};
