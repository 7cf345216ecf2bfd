/*
 * Delivering signals on the way back to user mode, and rt_sigreturn.
 *
 * A handled signal gets Linux's x86-64 rt_sigframe on the user stack:
 *
 *   rsp ->  +0    return address (sa_restorer, which calls rt_sigreturn)
 *           +8    struct ucontext (flags, link, stack_t, sigcontext, mask)
 *           +312  struct siginfo (128 bytes)
 *
 * Below the frame (64-byte aligned) lies the thread's FPU/SSE/AVX state in
 * XSAVE layout; the sigcontext's fpstate points at it, and rt_sigreturn
 * loads it back (the framework validates it first).
 *
 * A system call interrupted by a handled signal is restarted (SA_RESTART)
 * or fails with EINTR; interrupted by an ignored or stopping signal, it is
 * restarted transparently.
 */
#include <frame/atomic.h>
#include "lib/errno_restart.h"
#include "process/process.h"

#define FRAME_SIZE 440
#define RED_ZONE 128
#define SS_ONSTACK 1
#define SS_DISABLE 2

/*
 * The frame as 64-bit words (55 of them, 440 bytes), built in registers and
 * on the kernel stack and written to the user stack in one copy. Word
 * indices: restorer 0; ucontext from 1 (flags, link, stack_t in 3..5);
 * sigcontext from 6 (general registers 6..23 in Linux's order, cs/ss 24,
 * trapno 26, oldmask 27, fpstate 29); uc_sigmask 38; siginfo 39..54.
 */
#define W_UC 1
#define W_MC 6
#define W_TRAPNO (W_MC + 20)
#define W_OLDMASK (W_MC + 21)
#define W_FPSTATE (W_MC + 23)
#define W_UC_MASK 38
#define W_INFO 39
#define FRAME_WORDS 55
#define UC_WORDS (FRAME_WORDS - 1)

struct rt_frame {
	uint64_t w[FRAME_WORDS];
};

struct ucontext_words {
	uint64_t w[UC_WORDS];
};

struct siginfo_words sig_info_words(int sig, struct sig_info info)
{
	struct siginfo_words s = { { 0 } };
	s.w[0] = (uint32_t)sig;
	s.w[1] = (uint32_t)info.code;
	bool fault = info.code > 0 && info.code < SI_KERNEL &&
		     (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP);
	if (fault) {
		s.w[2] = info.addr;
		return s;
	}
	s.w[2] = (uint32_t)info.pid | ((uint64_t)info.uid << 32);
	s.w[3] = sig == SIGCHLD ? (uint32_t)info.status : info.value;
	return s;
}

void sig_info_fill(struct bytes out, int sig, struct sig_info info)
{
	struct siginfo_words s = sig_info_words(sig, info);
	for (size_t i = 0; i < SIGINFO_SIZE / 8; i++)
		bytes_set_le64(out, 8 * i, s.w[i]);
}

static bool on_altstack(const struct thread *t, uint64_t sp)
{
	return t->altstack_size && sp - t->altstack_sp < t->altstack_size;
}

/* Build the frame and point the registers at the handler. 0 or -EFAULT. */
static int setup_frame(struct thread *t, int sig, const struct k_sigaction *act __noescape, uint64_t old_mask,
		       struct sig_info info)
{
	struct user_regs *r = &t->ctx.regs;
	uint64_t sp = r->rsp;
	if ((act->flags & SA_ONSTACK) && t->altstack_size && !(t->altstack_flags & SS_DISABLE) && !on_altstack(t, sp))
		sp = t->altstack_sp + t->altstack_size;
	else
		sp -= RED_ZONE;
	uint64_t fpstate = (sp - user_fpu_size()) & ~63ull;
	int fperr = user_fpu_save(&t->ctx, uptr(fpstate));
	if (fperr)
		return fperr;
	sp = ((fpstate - FRAME_SIZE) & ~15ull) - 8;

	struct rt_frame f = { { 0 } };
	f.w[0] = act->restorer;
	f.w[W_UC + 2] = t->altstack_sp;
	f.w[W_UC + 3] = on_altstack(t, r->rsp) ? SS_ONSTACK : (t->altstack_size ? 0 : SS_DISABLE);
	f.w[W_UC + 4] = t->altstack_size;
	const uint64_t regs[18] = { r->r8,  r->r9,  r->r10, r->r11, r->r12, r->r13, r->r14, r->r15, r->rdi,
				    r->rsi, r->rbp, r->rbx, r->rdx, r->rax, r->rcx, r->rsp, r->rip, r->rflags };
	for (int i = 0; i < 18; i++)
		f.w[W_MC + i] = regs[i];
	f.w[W_MC + 18] = 0x23ull | (0x2bull << 48); /* cs, gs, fs, ss */
	f.w[W_TRAPNO] = sig == SIGSEGV ? 14 : 0;
	f.w[W_OLDMASK] = old_mask;
	f.w[W_FPSTATE] = fpstate;
	f.w[W_UC_MASK] = old_mask;
	struct siginfo_words si = sig_info_words(sig, info);
	for (int i = 0; i < SIGINFO_SIZE / 8; i++)
		f.w[W_INFO + i] = si.w[i];
	int err = user_write_words(uptr(sp), f.w);
	if (err)
		return err;
	r->rsp = sp;
	r->rip = act->handler;
	r->rdi = (uint64_t)sig;
	r->rsi = sp + 8 * W_INFO;
	r->rdx = sp + 8 * W_UC;
	r->rax = 0;
	r->rflags &= ~(0x100ull | 0x400ull); /* TF, DF */
	return 0;
}

int64_t signal_sigreturn(struct thread *t)
{
	struct user_regs *r = &t->ctx.regs;
	struct ucontext_words uc = { { 0 } };
	/* The restorer's `ret` consumed the return address: rsp points at the ucontext. */
	int err = user_read_words(uptr(r->rsp), uc.w);
	uint64_t fpstate = uc.w[W_FPSTATE - W_UC];
	if (!err && fpstate)
		err = user_fpu_load(&t->ctx, uptr(fpstate));
	if (err) {
		process_group_exit(t->proc, SIGSEGV);
		return -EFAULT;
	}
	struct user_regs n = *r;
	n.r8 = uc.w[W_MC - W_UC + 0], n.r9 = uc.w[W_MC - W_UC + 1], n.r10 = uc.w[W_MC - W_UC + 2];
	n.r11 = uc.w[W_MC - W_UC + 3], n.r12 = uc.w[W_MC - W_UC + 4], n.r13 = uc.w[W_MC - W_UC + 5];
	n.r14 = uc.w[W_MC - W_UC + 6], n.r15 = uc.w[W_MC - W_UC + 7], n.rdi = uc.w[W_MC - W_UC + 8];
	n.rsi = uc.w[W_MC - W_UC + 9], n.rbp = uc.w[W_MC - W_UC + 10], n.rbx = uc.w[W_MC - W_UC + 11];
	n.rdx = uc.w[W_MC - W_UC + 12], n.rax = uc.w[W_MC - W_UC + 13], n.rcx = uc.w[W_MC - W_UC + 14];
	n.rsp = uc.w[W_MC - W_UC + 15], n.rip = uc.w[W_MC - W_UC + 16];
	/* Only the flags user code may own; user_run sanitises again anyway. */
	n.rflags = (r->rflags & ~0xcd5ull) | (uc.w[W_MC - W_UC + 17] & 0xcd5ull);
	*r = n;
	spin_lock_irq(&sig_lock);
	t->sigmask = uc.w[W_UC_MASK - W_UC] & ~SIG_UNBLOCKABLE;
	spin_unlock_irq(&sig_lock);
	t->in_syscall = false; /* the restored rax is not a result to restart */
	return (int64_t)r->rax;
}

/* Finish an interrupted system call when no handler runs. */
static void finish_syscall_no_handler(struct thread *t)
{
	struct user_regs *r = &t->ctx.regs;
	int64_t ret = (int64_t)r->rax;
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND) {
		r->rax = t->syscall_nr;
		r->rip -= 2; /* back onto the syscall instruction */
	}
}

static void finish_syscall_for_handler(struct thread *t, const struct k_sigaction *act __noescape)
{
	struct user_regs *r = &t->ctx.regs;
	int64_t ret = (int64_t)r->rax;
	if (ret == -ERESTARTSYS && (act->flags & SA_RESTART)) {
		r->rax = t->syscall_nr;
		r->rip -= 2;
	} else if (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND) {
		r->rax = (uint64_t)-EINTR;
	}
}

static void do_stop(struct thread *t, int sig)
{
	struct process *p = t->proc;
	mutex_lock(&tasklist_lock);
	p->stopped = true;
	p->stop_reported = true;
	p->wait_status = sig;
	struct process *parent = p->parent;
	if (parent && !(parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		signal_send_process_info(
		    parent, SIGCHLD,
		    (struct sig_info){ .code = CLD_STOPPED, .pid = p->pid, .uid = p->uid, .status = sig });
	if (parent) {
		atomic_add_u64(&parent->child_events, 1);
		wake_up_all(&parent->child_wait);
	}
	mutex_unlock(&tasklist_lock);
	wait_event(&p->stop_wait, !p->stopped || (p->shared_pending & sig_bit(SIGKILL)) ||
				      (t->pending & sig_bit(SIGKILL)) || p->group_exiting);
	mutex_lock(&tasklist_lock);
	if (parent && !p->stopped) {
		atomic_add_u64(&parent->child_events, 1);
		wake_up_all(&parent->child_wait);
	}
	mutex_unlock(&tasklist_lock);
}

static int take_signal(struct thread *t, uint64_t *old_mask __noescape, struct sig_info *info __noescape)
{
	int sig = signal_dequeue(t, ~t->sigmask, info);
	if (sig)
		*old_mask = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
	return sig;
}

static __attribute__((noinline, cold)) void signal_deliver_slow(struct thread *t);

void signal_deliver(struct thread *t)
{
	struct process *p = t->proc;
	/* The common return to user mode: nothing pending, no call to restart. */
	if (!atomic_load_u64(&t->pending) && !atomic_load_u64(&p->shared_pending) &&
	    !atomic_load_bool(&p->group_exiting) && !t->restore_sigmask) {
		int64_t ret = (int64_t)t->ctx.regs.rax;
		if (!t->in_syscall || (ret != -ERESTARTSYS && ret != -ERESTARTNOHAND)) {
			t->in_syscall = false; /* a stale interruption mark is cleared by the slow path */
			return;
		}
	}
	signal_deliver_slow(t);
}

static void signal_deliver_slow(struct thread *t)
{
	struct process *p = t->proc;
	for (;;) {
		uint64_t old_mask = 0;
		struct sig_info info = { 0 };
		spin_lock_irq(&sig_lock);
		if (p->group_exiting) {
			spin_unlock_irq(&sig_lock);
			return;
		}
		int sig = take_signal(t, &old_mask, &info);
		if (!sig) {
			task_clear_interrupt();
			spin_unlock_irq(&sig_lock);
			break;
		}
		struct k_sigaction act = p->sighand->action[sig - 1];
		if (act.handler == SIG_IGN) {
			spin_unlock_irq(&sig_lock);
			continue;
		}
		if (act.handler == SIG_DFL) {
			spin_unlock_irq(&sig_lock);
			enum sig_default d = sig_default_action(sig);
			if (d == SIG_DEF_IGNORE || d == SIG_DEF_CONT)
				continue;
			if (d == SIG_DEF_STOP) {
				do_stop(t, sig);
				continue;
			}
			process_group_exit(p, sig | (d == SIG_DEF_CORE ? 0x80 : 0));
			return;
		}
		if (act.flags & SA_RESETHAND)
			p->sighand->action[sig - 1].handler = SIG_DFL;
		uint64_t new_mask = t->sigmask | act.mask;
		if (!(act.flags & SA_NODEFER))
			new_mask |= sig_bit(sig);
		t->sigmask = new_mask & ~SIG_UNBLOCKABLE;
		t->restore_sigmask = false;
		spin_unlock_irq(&sig_lock);
		if (t->in_syscall)
			finish_syscall_for_handler(t, &act);
		t->in_syscall = false;
		if (setup_frame(t, sig, &act, old_mask, info)) {
			process_group_exit(p, SIGSEGV | 0x80);
			return;
		}
		return;
	}
	if (t->in_syscall)
		finish_syscall_no_handler(t);
	t->in_syscall = false;
	if (t->restore_sigmask) {
		spin_lock_irq(&sig_lock);
		t->sigmask = t->saved_sigmask;
		t->restore_sigmask = false;
		spin_unlock_irq(&sig_lock);
	}
}
