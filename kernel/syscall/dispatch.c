/*
 * The system-call entry of every thread: pick the handler by number, run it,
 * put the result in rax. Unknown numbers log once and return -ENOSYS.
 */
#include <frame/log.h>
#include <frame/boot.h>
#include "syscall/syscall.h"
#include "process/process.h"

static uint64_t reported[NR_SYSCALLS / 64];
static bool trace_checked, trace_on;

/* `strace` on the kernel command line logs every system call and its result. */
static bool tracing(void)
{
	if (!trace_checked) {
		trace_on = boot_cmdline_has("strace");
		trace_checked = true;
	}
	return trace_on;
}

void syscall_dispatch(struct thread *t)
{
	struct user_regs *r = &t->ctx.regs;
	uint64_t nr = r->rax;
	struct syscall_args a = { { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 } };
	t->syscall_nr = nr;
	t->in_syscall = true;
	int64_t ret = -ENOSYS;
	if (nr < NR_SYSCALLS && syscall_table[nr].fn) {
		ret = syscall_table[nr].fn(t, a);
	} else if (nr < NR_SYSCALLS && !(reported[nr / 64] & (1ull << (nr % 64)))) {
		reported[nr / 64] |= 1ull << (nr % 64);
		log_info("syscall %lu not implemented (pid %d): -ENOSYS", nr, t->proc->pid);
	}
	if (tracing() && nr < NR_SYSCALLS && syscall_table[nr].fn)
		log_info("[%d] syscall %lu(%#lx, %#lx, %#lx) = %ld", t->tid, nr, a.a[0], a.a[1], a.a[2], ret);
	r->rax = (uint64_t)ret;
}
