/*
 * Raising signals: marking them pending and waking a thread that can take
 * them. Stop and continue signals act at once on the whole process, as on
 * Linux: SIGCONT discards pending stops and resumes, a stop signal
 * discards pending SIGCONT.
 */
#include <frame/alloc.h>
#include "process/process.h"

static bool is_ignored(struct process *p, int sig)
{
	uint64_t h = p->sighand->action[sig - 1].handler;
	if (h == SIG_IGN)
		return sig != SIGKILL && sig != SIGSTOP;
	return h == SIG_DFL && sig_default_action(sig) == SIG_DEF_IGNORE;
}

/* Wake one thread of p that does not block sig (or the first thread). sig_lock held. */
static void wake_a_thread(struct process *p, int sig)
{
	for (struct thread *t = p->threads; t; t = t->next_in_proc) {
		if (!(t->sigmask & sig_bit(sig)) || sig == SIGKILL) {
			if (t->task)
				task_interrupt(t->task);
			if (sig != SIGKILL)
				return;
		}
	}
}

static void do_continue(struct process *p)
{
	p->shared_pending &= ~(sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) | sig_bit(SIGTTOU));
	for (struct thread *t = p->threads; t; t = t->next_in_proc)
		t->pending &= ~(sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) | sig_bit(SIGTTOU));
	if (p->stopped) {
		p->stopped = false;
		p->stop_reported = true;
		wake_up_all(&p->stop_wait);
	}
}

/* Append a real-time signal to a queue. sig_lock held; false when out of memory. */
static bool enqueue(struct sigqueue_entry **head, int sig, struct sig_info info)
{
	struct sigqueue_entry *e = NEW(struct sigqueue_entry);
	if (!e)
		return false;
	e->sig = sig;
	e->info = info;
	while (*head)
		head = &(*head)->next;
	*head = e;
	return true;
}

/* Take the first queued `sig`; true when one was there. *more says whether another instance remains. */
static bool dequeue(struct sigqueue_entry **head, int sig, struct sig_info *info __noescape, bool *more __noescape)
{
	bool found = false;
	*more = false;
	while (*head) {
		struct sigqueue_entry *e = *head;
		if (e->sig == sig && !found) {
			*info = e->info;
			*head = e->next;
			FREE(e);
			found = true;
			continue;
		}
		if (e->sig == sig)
			*more = true;
		head = &e->next;
	}
	return found;
}

void sigqueue_free(struct sigqueue_entry *q)
{
	while (q) {
		struct sigqueue_entry *next = q->next;
		FREE(q);
		q = next;
	}
}

struct sig_info sig_info_from_current(int32_t code)
{
	struct thread *t = current_thread();
	if (!t)
		return (struct sig_info){ .code = SI_KERNEL };
	return (struct sig_info){ .code = code, .pid = t->proc->pid, .uid = t->proc->uid };
}

int signal_send_process_info(struct process *p, int sig, struct sig_info info)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig == 0 || p->state != PROC_RUNNING)
		return 0;
	spin_lock_irq(&sig_lock);
	if (sig == SIGCONT)
		do_continue(p);
	else if (sig_default_action(sig) == SIG_DEF_STOP)
		p->shared_pending &= ~sig_bit(SIGCONT);
	if (!is_ignored(p, sig)) {
		/* Standard signals do not queue: the first origin stays until delivery. Real-time ones do. */
		if (sig >= SIGRTMIN_K) {
			if (!enqueue(&p->shared_queue, sig, info)) {
				spin_unlock_irq(&sig_lock);
				return -EAGAIN;
			}
		} else if (!(p->shared_pending & sig_bit(sig))) {
			p->shared_info[sig - 1] = info;
		}
		p->shared_pending |= sig_bit(sig);
		wake_a_thread(p, sig);
	}
	spin_unlock_irq(&sig_lock);
	return 0;
}

int signal_send_process(struct process *p, int sig)
{
	return signal_send_process_info(p, sig, sig_info_from_current(SI_USER));
}

int signal_send_thread_info(struct thread *t, int sig, struct sig_info info)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	struct process *p = t->proc;
	if (sig == 0 || p->state != PROC_RUNNING)
		return 0;
	spin_lock_irq(&sig_lock);
	if (sig == SIGCONT)
		do_continue(p);
	if (!is_ignored(p, sig)) {
		if (sig >= SIGRTMIN_K) {
			if (!enqueue(&t->queue, sig, info)) {
				spin_unlock_irq(&sig_lock);
				return -EAGAIN;
			}
		} else if (!(t->pending & sig_bit(sig))) {
			t->info[sig - 1] = info;
		}
		t->pending |= sig_bit(sig);
		if (t->task && (!(t->sigmask & sig_bit(sig)) || sig == SIGKILL))
			task_interrupt(t->task);
	}
	spin_unlock_irq(&sig_lock);
	return 0;
}

int signal_send_thread(struct thread *t, int sig)
{
	return signal_send_thread_info(t, sig, sig_info_from_current(SI_USER));
}

void signal_force(struct thread *t, int sig, int32_t code, uint64_t fault_addr)
{
	spin_lock_irq(&sig_lock);
	/* A fault that is blocked or ignored cannot be skipped: it would fault again. Reset to default. */
	struct k_sigaction *a = ELEM_PTR(t->proc->sighand->action, sig - 1);
	if ((t->sigmask & sig_bit(sig)) || a->handler == SIG_IGN) {
		t->sigmask &= ~sig_bit(sig);
		a->handler = SIG_DFL;
	}
	t->info[sig - 1] = (struct sig_info){ .code = code, .addr = fault_addr };
	t->pending |= sig_bit(sig);
	spin_unlock_irq(&sig_lock);
}

int signal_dequeue(struct thread *t, uint64_t set, struct sig_info *info)
{
	struct process *p = t->proc;
	uint64_t ready = (t->pending | p->shared_pending) & set;
	if (!ready)
		return 0;
	/* Synchronous faults first, then the lowest number. */
	uint64_t sync =
	    ready & (sig_bit(SIGSEGV) | sig_bit(SIGBUS) | sig_bit(SIGILL) | sig_bit(SIGFPE) | sig_bit(SIGTRAP));
	int sig = __builtin_ctzll(sync ? sync : ready) + 1;
	bool more = false;
	if (t->pending & sig_bit(sig)) {
		if (sig < SIGRTMIN_K || !dequeue(&t->queue, sig, info, &more))
			*info = t->info[sig - 1];
		if (!more)
			t->pending &= ~sig_bit(sig);
	} else {
		if (sig < SIGRTMIN_K || !dequeue(&p->shared_queue, sig, info, &more))
			*info = p->shared_info[sig - 1];
		if (!more)
			p->shared_pending &= ~sig_bit(sig);
	}
	return sig;
}

/* tasklist_lock held. The number of processes signalled. */
int signal_send_pgrp_locked(int pgid, int sig)
{
	int n = 0;
	for (struct process *p = process_list(); p; p = p->next_all) {
		if (p->pgid == pgid && p->state == PROC_RUNNING) {
			signal_send_process(p, sig);
			n++;
		}
	}
	return n;
}

int signal_send_pgrp(int pgid, int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	mutex_lock(&tasklist_lock);
	int n = signal_send_pgrp_locked(pgid, sig);
	mutex_unlock(&tasklist_lock);
	return n ? 0 : -ESRCH;
}

bool signal_pending(struct thread *t)
{
	return ((t->pending | t->proc->shared_pending) & ~t->sigmask) != 0 || t->proc->group_exiting;
}
