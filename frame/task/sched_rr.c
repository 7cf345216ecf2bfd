/*
 * Round-robin: the first scheduling policy. A FIFO of runnable tasks
 * threaded through each task's policy link; every task gets the same slice.
 * It only orders tasks: the mechanism in sched.c checks what it returns.
 */
#include <frame/task.h>
#include <frame/time.h>

static struct task *head, *tail;

static void rr_enqueue(struct task *t)
{
	*task_policy_link(t) = NULL;
	if (tail)
		*task_policy_link(tail) = t;
	else
		head = t;
	tail = t;
}

static struct task *rr_pick_next(void)
{
	struct task *t = head;
	if (t) {
		head = *task_policy_link(t);
		if (!head)
			tail = NULL;
		*task_policy_link(t) = NULL;
	}
	return t;
}

static void rr_remove(struct task *t)
{
	struct task *prev = NULL;
	for (struct task *p = head; p; prev = p, p = *task_policy_link(p)) {
		if (p != t)
			continue;
		if (prev)
			*task_policy_link(prev) = *task_policy_link(p);
		else
			head = *task_policy_link(p);
		if (tail == p)
			tail = prev;
		return;
	}
}

const struct sched_policy sched_round_robin = {
	.name = "round-robin",
	.enqueue = rr_enqueue,
	.pick_next = rr_pick_next,
	.remove = rr_remove,
	.slice_ns = 10 * NSEC_PER_MSEC,
};
