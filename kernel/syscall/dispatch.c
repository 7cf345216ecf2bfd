/*
 * The system-call entry of every thread: pick the handler by number, run it,
 * put the result in rax. Unknown numbers log once and return -ENOSYS.
 */
#include "lib/cmdline.h"
#include "lib/log.h"
#include "syscall/syscall.h"
#include "process/process.h"

static uint64_t reported[NR_SYSCALLS / 64];
static bool trace_checked, trace_on;

/* `strace` on the kernel command line logs every system call and its result. */
static bool tracing(void)
{
	if (!trace_checked) {
		trace_on = cmdline_has(BYTES_LIT("strace"));
		trace_checked = true;
	}
	return trace_on;
}

static __attribute__((noinline, cold)) void log_unimplemented(struct thread *t, uint64_t nr)
{
	struct fmt f;
	if (log_begin(&f, LOG_INFO)) {
		fmt_lit(&f, "syscall ");
		fmt_u64(&f, nr);
		fmt_lit(&f, " not implemented (pid ");
		fmt_i64(&f, t->proc->pid);
		fmt_lit(&f, "): -ENOSYS");
		log_end(&f);
	}
}

/* "[tid] syscall nr(a0, a1, a2) = ret", the first three arguments in hex. */
static __attribute__((noinline, cold)) void log_trace(struct thread *t, uint64_t nr, struct syscall_args a, int64_t ret)
{
	struct fmt f;
	if (log_begin(&f, LOG_INFO)) {
		fmt_ch(&f, '[');
		fmt_i64(&f, t->tid);
		fmt_lit(&f, "] syscall ");
		fmt_u64(&f, nr);
		for (int i = 0; i < 3; i++) {
			fmt_str(&f, i ? BYTES_LIT(", 0x") : BYTES_LIT("(0x"));
			fmt_hex(&f, a.a[i]);
		}
		fmt_lit(&f, ") = ");
		fmt_i64(&f, ret);
		log_end(&f);
	}
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
		log_unimplemented(t, nr);
	}
	if (tracing() && nr < NR_SYSCALLS && syscall_table[nr].fn)
		log_trace(t, nr, a, ret);
	r->rax = (uint64_t)ret;
}
