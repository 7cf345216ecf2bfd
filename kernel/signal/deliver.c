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
#include <frame/log.h>
#include <frame/atomic.h>
#include "process/process.h"

#define FRAME_SIZE 440
#define UC_OFF 8
#define MC_OFF (UC_OFF + 40)
#define UC_MASK_OFF (UC_OFF + 296)
#define INFO_OFF 312
#define RED_ZONE 128
#define SS_ONSTACK 1
#define SS_DISABLE 2

/* The sigcontext's general registers, in Linux's order. */
static void put_regs(struct bytes f, const struct user_regs *r __noescape)
{
	const uint64_t vals[18] = { r->r8,  r->r9,  r->r10, r->r11, r->r12, r->r13, r->r14, r->r15, r->rdi,
				    r->rsi, r->rbp, r->rbx, r->rdx, r->rax, r->rcx, r->rsp, r->rip, r->rflags };
	for (int i = 0; i < 18; i++)
		bytes_set_le64(f, MC_OFF + 8 * (size_t)i, vals[i]);
	bytes_set_le16(f, MC_OFF + 144, 0x23); /* cs */
	bytes_set_le16(f, MC_OFF + 150, 0x2b); /* ss */
}

static void get_regs(struct bytes f, struct user_regs *r __noescape)
{
	uint64_t v[18];
	for (int i = 0; i < 18; i++)
		v[i] = bytes_get_le64(f, MC_OFF + 8 * (size_t)i);
	r->r8 = v[0], r->r9 = v[1], r->r10 = v[2], r->r11 = v[3], r->r12 = v[4], r->r13 = v[5];
	r->r14 = v[6], r->r15 = v[7], r->rdi = v[8], r->rsi = v[9], r->rbp = v[10], r->rbx = v[11];
	r->rdx = v[12], r->rax = v[13], r->rcx = v[14], r->rsp = v[15], r->rip = v[16];
	/* Only the flags user code may own; user_run sanitises again anyway. */
	r->rflags = (r->rflags & ~0xcd5ull) | (v[17] & 0xcd5ull);
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

	struct bytes f = bytes_alloc(FRAME_SIZE);
	if (!bytes_len(f))
		return -ENOMEM;
	bytes_set_le64(f, 0, act->restorer);
	bytes_set_le64(f, UC_OFF + 16, t->altstack_sp);
	bytes_set_le32(f, UC_OFF + 24, on_altstack(t, r->rsp) ? SS_ONSTACK : (t->altstack_size ? 0 : SS_DISABLE));
	bytes_set_le64(f, UC_OFF + 32, t->altstack_size);
	put_regs(f, r);
	bytes_set_le64(f, MC_OFF + 160, sig == SIGSEGV ? 14 : 0); /* trapno */
	bytes_set_le64(f, MC_OFF + 168, old_mask);
	bytes_set_le64(f, MC_OFF + 184, fpstate);
	bytes_set_le64(f, UC_MASK_OFF, old_mask);
	sig_info_fill(bytes_sub(f, INFO_OFF, SIGINFO_SIZE), sig, info);
	int err = user_write(uptr(sp), f);
	bytes_free(f);
	if (err)
		return err;
	r->rsp = sp;
	r->rip = act->handler;
	r->rdi = (uint64_t)sig;
	r->rsi = sp + INFO_OFF;
	r->rdx = sp + UC_OFF;
	r->rax = 0;
	r->rflags &= ~(0x100ull | 0x400ull); /* TF, DF */
	return 0;
}

int64_t signal_sigreturn(struct thread *t)
{
	struct user_regs *r = &t->ctx.regs;
	struct bytes f = bytes_alloc(FRAME_SIZE);
	if (!bytes_len(f))
		return -ENOMEM;
	/* The restorer's `ret` consumed the return address: rsp points at the ucontext. */
	int err = user_read(bytes_sub(f, UC_OFF, FRAME_SIZE - UC_OFF), uptr(r->rsp));
	uint64_t fpstate = err ? 0 : bytes_get_le64(f, MC_OFF + 184);
	if (!err && fpstate)
		err = user_fpu_load(&t->ctx, uptr(fpstate));
	if (!err) {
		get_regs(f, r);
		uint64_t mask = bytes_get_le64(f, UC_MASK_OFF) & ~SIG_UNBLOCKABLE;
		spin_lock_irq(&sig_lock);
		t->sigmask = mask;
		spin_unlock_irq(&sig_lock);
	}
	bytes_free(f);
	if (err) {
		process_group_exit(t->proc, SIGSEGV);
		return -EFAULT;
	}
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

void sig_info_fill(struct bytes out, int sig, struct sig_info info)
{
	bytes_fill(out, 0);
	bytes_set_le32(out, 0, (uint32_t)sig);
	bytes_set_le32(out, 8, (uint32_t)info.code);
	bool fault = info.code > 0 && info.code < SI_KERNEL &&
		     (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP);
	if (fault) {
		bytes_set_le64(out, 16, info.addr);
		return;
	}
	bytes_set_le32(out, 16, (uint32_t)info.pid);
	bytes_set_le32(out, 20, info.uid);
	if (sig == SIGCHLD)
		bytes_set_le32(out, 24, (uint32_t)info.status);
	else
		bytes_set_le64(out, 24, info.value);
}

static int take_signal(struct thread *t, uint64_t *old_mask __noescape, struct sig_info *info __noescape)
{
	int sig = signal_dequeue(t, ~t->sigmask, info);
	if (sig)
		*old_mask = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
	return sig;
}

void signal_deliver(struct thread *t)
{
	struct process *p = t->proc;
	/* The common return to user mode: nothing pending, no call to restart. */
	if (!atomic_load_u64(&t->pending) && !atomic_load_u64(&p->shared_pending) &&
	    !atomic_load_bool(&p->group_exiting) && !t->restore_sigmask) {
		int64_t ret = (int64_t)t->ctx.regs.rax;
		if (!t->in_syscall || (ret != -ERESTARTSYS && ret != -ERESTARTNOHAND)) {
			t->in_syscall = false;
			if (task_interrupted())
				task_clear_interrupt();
			return;
		}
	}
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
