/*
 * Raising signals: marking them pending and waking a thread that can take
 * them. Stop and continue signals act at once on the whole process, as on
 * Linux: SIGCONT discards pending stops and resumes, a stop signal
 * discards pending SIGCONT.
 */
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

int signal_send_process(struct process *p, int sig)
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
		p->shared_pending |= sig_bit(sig);
		wake_a_thread(p, sig);
	}
	spin_unlock_irq(&sig_lock);
	return 0;
}

int signal_send_thread(struct thread *t, int sig)
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
		t->pending |= sig_bit(sig);
		if (t->task && (!(t->sigmask & sig_bit(sig)) || sig == SIGKILL))
			task_interrupt(t->task);
	}
	spin_unlock_irq(&sig_lock);
	return 0;
}

void signal_force(struct thread *t, int sig, uint64_t fault_addr)
{
	(void)fault_addr;
	spin_lock_irq(&sig_lock);
	/* A fault that is blocked or ignored cannot be skipped: it would fault again. Reset to default. */
	struct k_sigaction *a = &t->proc->sighand->action[sig - 1];
	if ((t->sigmask & sig_bit(sig)) || a->handler == SIG_IGN) {
		t->sigmask &= ~sig_bit(sig);
		a->handler = SIG_DFL;
	}
	t->pending |= sig_bit(sig);
	spin_unlock_irq(&sig_lock);
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
