/* Signal system calls: actions, masks, sending, waiting, the alternate stack. */
#include <frame/time.h>
#include "lib/errno_restart.h"
#include "syscall/syscall.h"
#include "process/process.h"

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048

static bool valid_sig(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

int64_t sys_rt_sigaction(struct thread *t, struct syscall_args a)
{
	int sig = arg_int(a, 0);
	uptr_t act = arg_ptr(a, 1), oact = arg_ptr(a, 2);
	if (a.a[3] != 8 || !valid_sig(sig))
		return -EINVAL;
	struct k_sigaction n = { 0 };
	if (!uptr_is_null(act)) {
		uint64_t w[4] = { 0 };
		if (user_read_words(act, w))
			return -EFAULT;
		n = (struct k_sigaction){ .handler = w[0], .flags = w[1], .restorer = w[2], .mask = w[3] };
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		n.mask &= ~SIG_UNBLOCKABLE;
	}
	struct sighand *sh = t->proc->sighand;
	bool want_old = !uptr_is_null(oact);
	struct k_sigaction old = { 0 };
	spin_lock_irq(&sig_lock);
	if (want_old)
		old = sh->action[sig - 1];
	if (!uptr_is_null(act)) {
		sh->action[sig - 1] = n;
		/* Setting SIG_IGN (or SIG_DFL for an ignore-by-default signal) discards pending instances. */
		if (n.handler == SIG_IGN || (n.handler == SIG_DFL && sig_default_action(sig) == SIG_DEF_IGNORE)) {
			t->proc->shared_pending &= ~sig_bit(sig);
			for (struct thread *o = t->proc->threads; o; o = o->next_in_proc)
				o->pending &= ~sig_bit(sig);
		}
	}
	spin_unlock_irq(&sig_lock);
	if (want_old) {
		uint64_t w[4] = { old.handler, old.flags, old.restorer, old.mask };
		if (user_write_words(oact, w))
			return -EFAULT;
	}
	return 0;
}

int64_t sys_rt_sigprocmask(struct thread *t, struct syscall_args a)
{
	int how = arg_int(a, 0);
	uptr_t set = arg_ptr(a, 1), oset = arg_ptr(a, 2);
	if (a.a[3] != 8)
		return -EINVAL;
	uint64_t n = 0;
	if (!uptr_is_null(set)) {
		if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
			return -EINVAL;
		if (user_read_u64(set, &n))
			return -EFAULT;
	}
	uint64_t old = t->sigmask;
	if (!uptr_is_null(oset) && user_write_u64(oset, old))
		return -EFAULT;
	if (!uptr_is_null(set)) {
		spin_lock_irq(&sig_lock);
		if (how == SIG_BLOCK)
			t->sigmask |= n;
		else if (how == SIG_UNBLOCK)
			t->sigmask &= ~n;
		else
			t->sigmask = n;
		t->sigmask &= ~SIG_UNBLOCKABLE;
		spin_unlock_irq(&sig_lock);
	}
	return 0;
}

int64_t sys_rt_sigpending(struct thread *t, struct syscall_args a)
{
	if (a.a[1] != 8)
		return -EINVAL;
	return user_write_u64(arg_ptr(a, 0), (t->pending | t->proc->shared_pending) & t->sigmask);
}

int64_t sys_rt_sigreturn(struct thread *t, struct syscall_args a)
{
	(void)a;
	return signal_sigreturn(t);
}

int64_t sys_rt_sigsuspend(struct thread *t, struct syscall_args a)
{
	uint64_t mask = 0;
	if (a.a[1] != 8)
		return -EINVAL;
	if (user_read_u64(arg_ptr(a, 0), &mask))
		return -EFAULT;
	spin_lock_irq(&sig_lock);
	t->saved_sigmask = t->sigmask;
	t->restore_sigmask = true;
	t->sigmask = mask & ~SIG_UNBLOCKABLE;
	spin_unlock_irq(&sig_lock);
	static struct wait_queue never = WAIT_QUEUE_INIT;
	while (!signal_pending(t))
		wait_event_interruptible(&never, signal_pending(t));
	return -ERESTARTNOHAND;
}

int64_t sys_pause(struct thread *t, struct syscall_args a)
{
	(void)a;
	static struct wait_queue never = WAIT_QUEUE_INIT;
	while (!signal_pending(t))
		wait_event_interruptible(&never, signal_pending(t));
	return -ERESTARTNOHAND;
}

/* May the caller signal p? Root may signal anyone; others their own uid. */
static bool may_signal(struct process *from, struct process *to, int sig)
{
	(void)sig;
	return from->euid == 0 || from->euid == to->uid || from->uid == to->uid;
}

int64_t sys_kill(struct thread *t, struct syscall_args a)
{
	int pid = arg_int(a, 0), sig = arg_int(a, 1);
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid > 0) {
		mutex_lock(&tasklist_lock);
		struct process *p = process_find(pid);
		int64_t r = !p ? -ESRCH : !may_signal(t->proc, p, sig) ? -EPERM : signal_send_process(p, sig);
		mutex_unlock(&tasklist_lock);
		return r;
	}
	if (pid == 0)
		return signal_send_pgrp(t->proc->pgid, sig);
	if (pid == -1) {
		int n = 0;
		mutex_lock(&tasklist_lock);
		for (struct process *p = process_list(); p; p = p->next_all) {
			if (p->pid > 1 && p != t->proc && p->state == PROC_RUNNING) {
				signal_send_process(p, sig);
				n++;
			}
		}
		mutex_unlock(&tasklist_lock);
		return n ? 0 : -ESRCH;
	}
	if (pid == -2147483647 - 1)
		return -ESRCH;
	return signal_send_pgrp(-pid, sig);
}

static int64_t send_to_thread(int tgid, int tid, int sig)
{
	if (sig < 0 || sig > NSIG || tid <= 0)
		return -EINVAL;
	mutex_lock(&tasklist_lock);
	struct thread *target = thread_find(tid);
	int64_t r;
	if (!target || (tgid > 0 && target->proc->pid != tgid))
		r = -ESRCH;
	else
		r = signal_send_thread_info(target, sig, sig_info_from_current(SI_TKILL));
	mutex_unlock(&tasklist_lock);
	return r;
}

int64_t sys_tgkill(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (arg_int(a, 0) <= 0)
		return -EINVAL;
	return send_to_thread(arg_int(a, 0), arg_int(a, 1), arg_int(a, 2));
}

int64_t sys_tkill(struct thread *t, struct syscall_args a)
{
	(void)t;
	return send_to_thread(0, arg_int(a, 0), arg_int(a, 1));
}

int64_t sys_rt_sigqueueinfo(struct thread *t, struct syscall_args a)
{
	int pid = arg_int(a, 0), sig = arg_int(a, 1);
	uptr_t uinfo = arg_ptr(a, 2);
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	uint32_t code = 0;
	uint64_t value = 0;
	if (user_read_u32(uptr_add(uinfo, 8), &code) || user_read_u64(uptr_add(uinfo, 24), &value))
		return -EFAULT;
	/* Only the kernel may claim kernel origins (si_code >= 0), except to oneself. */
	if ((int32_t)code >= 0 && pid != t->proc->pid)
		return -EPERM;
	struct sig_info info = { .code = (int32_t)code, .pid = t->proc->pid, .uid = t->proc->uid, .value = value };
	mutex_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	int64_t r = p ? signal_send_process_info(p, sig, info) : -ESRCH;
	mutex_unlock(&tasklist_lock);
	return r;
}

int64_t sys_sigaltstack(struct thread *t, struct syscall_args a)
{
	uptr_t ss = arg_ptr(a, 0), old = arg_ptr(a, 1);
	uint64_t sp = t->ctx.regs.rsp;
	bool on = t->altstack_size && sp - t->altstack_sp < t->altstack_size;
	if (!uptr_is_null(old)) {
		uint32_t flags = on ? SS_ONSTACK : (t->altstack_size ? 0 : SS_DISABLE);
		if (user_write_u64(old, t->altstack_sp) || user_write_u32(uptr_add(old, 8), flags) ||
		    user_write_u32(uptr_add(old, 12), 0) || user_write_u64(uptr_add(old, 16), t->altstack_size))
			return -EFAULT;
	}
	if (!uptr_is_null(ss)) {
		uint64_t nsp = 0, nsize = 0;
		uint32_t nflags = 0;
		if (user_read_u64(ss, &nsp) || user_read_u32(uptr_add(ss, 8), &nflags) ||
		    user_read_u64(uptr_add(ss, 16), &nsize))
			return -EFAULT;
		if (on)
			return -EPERM;
		if (nflags & ~(uint32_t)(SS_DISABLE | (1u << 31)))
			return -EINVAL;
		if (nflags & SS_DISABLE) {
			t->altstack_sp = t->altstack_size = 0;
		} else {
			if (nsize < MINSIGSTKSZ)
				return -ENOMEM;
			t->altstack_sp = nsp;
			t->altstack_size = nsize;
		}
		t->altstack_flags = nflags;
	}
	return 0;
}

int64_t sys_rt_sigtimedwait(struct thread *t, struct syscall_args a)
{
	uptr_t uset = arg_ptr(a, 0), info = arg_ptr(a, 1), timeout = arg_ptr(a, 2);
	if (a.a[3] != 8)
		return -EINVAL;
	uint64_t set = 0, deadline = UINT64_MAX;
	if (user_read_u64(uset, &set))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (!uptr_is_null(timeout)) {
		uint64_t sec = 0, nsec = 0;
		if (user_read_u64(timeout, &sec) || user_read_u64(uptr_add(timeout, 8), &nsec))
			return -EFAULT;
		if ((int64_t)sec < 0 || nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = clock_ns() + sec * NSEC_PER_SEC + nsec;
	}
	struct process *p = t->proc;
	/* While waiting, the awaited signals count as unblocked, so a sender wakes us. */
	spin_lock_irq(&sig_lock);
	uint64_t saved = t->sigmask;
	t->sigmask &= ~set;
	spin_unlock_irq(&sig_lock);
	int sig = 0;
	struct sig_info si = { 0 };
	for (;;) {
		spin_lock_irq(&sig_lock);
		sig = signal_dequeue(t, set, &si);
		bool other = ((t->pending | p->shared_pending) & ~t->sigmask & ~set) != 0;
		spin_unlock_irq(&sig_lock);
		if (sig || other)
			break;
		static struct wait_queue never = WAIT_QUEUE_INIT;
		int w = deadline == UINT64_MAX ? wait_event_interruptible(&never, false)
					       : wait_event_interruptible_deadline(&never, false, deadline);
		if (w == -ETIMEDOUT)
			break;
		if (w) {
			task_clear_interrupt();
			continue; /* look at what arrived */
		}
	}
	spin_lock_irq(&sig_lock);
	t->sigmask = saved;
	spin_unlock_irq(&sig_lock);
	if (!sig)
		return deadline != UINT64_MAX && clock_ns() >= deadline ? -EAGAIN : -EINTR;
	if (!uptr_is_null(info)) {
		struct bytes out = bytes_alloc(SIGINFO_SIZE);
		sig_info_fill(out, sig, si);
		int r = user_write(info, out);
		bytes_free(out);
		if (r)
			return r;
	}
	return sig;
}
