/*
 * The loop every user thread runs: enter user mode, then handle why it came
 * back (a system call, an exception), deliver pending signals, and leave
 * when the thread group is exiting. It sits on top of the system-call layer,
 * the signal code and the memory policy, which is why it is not in process/:
 * process.c starts each thread's task on it through process_set_thread_loop.
 */
#include <frame/task.h>
#include <frame/user.h>
#include "entry/entry.h"
#include "process/process.h"
#include "syscall/syscall.h"
#include "vm/mm.h"

/* A page fault the address space could not resolve: SIGBUS for a mapped file's missing page, else SIGSEGV. */
static void bad_page_fault(struct thread *t, uint64_t addr, int err)
{
	if (err == -EIO) {
		signal_force(t, SIGBUS, BUS_ADRERR, addr);
		return;
	}
	struct mm_vma_info v = { 0 };
	bool mapped = t->proc->mm && mm_vma_find(t->proc->mm, addr, &v) && v.start <= addr;
	signal_force(t, SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, addr);
}

static void handle_exception(struct thread *t, const struct user_exception *exc __noescape)
{
	int sig;
	switch (exc->vector) {
	case 14: { /* page fault */
		int r = t->proc->mm ? mm_fault(t->proc->mm, exc->fault_addr, (unsigned)exc->error_code) : -EFAULT;
		if (r)
			bad_page_fault(t, exc->fault_addr, r);
		return;
	}
	case USER_EXC_NOMEM: /* no memory to run the thread at all */
		process_group_exit(t->proc, SIGKILL);
		return;
	case 0: /* divide error */
	case 16: /* x87 */
	case 19: /* SIMD */
		sig = SIGFPE;
		break;
	case 1:
	case 3:
		sig = SIGTRAP;
		break;
	case 6:
		sig = SIGILL;
		break;
	case 17:
		sig = SIGBUS;
		break;
	default: /* general protection, stack fault, ... */
		sig = SIGSEGV;
		break;
	}
	signal_force(t, sig, SI_KERNEL, exc->fault_addr);
}

void thread_main(struct service_task *st)
{
	struct thread *t = st->thread;
	task_set_vm(task_current(), mm_vm_space(t->proc->mm));
	if (t->set_child_tid)
		user_write_u32(uptr(t->set_child_tid), (uint32_t)t->tid);
	for (;;) {
		struct user_exception exc = { 0 };
		enum user_exit why = user_run(&t->ctx, &exc);
		if (why == USER_EXIT_SYSCALL)
			syscall_dispatch(t);
		else if (why == USER_EXIT_EXCEPTION)
			handle_exception(t, &exc);
		signal_deliver(t);
		if (t->proc->group_exiting)
			thread_exit(t, t->proc->group_exit_status);
	}
}
