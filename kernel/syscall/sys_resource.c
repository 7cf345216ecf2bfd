/* Accounting: times and getrusage (no per-mode accounting yet: a process's whole life counts as user time). */
#include <frame/time.h>
#include "syscall/syscall.h"
#include "process/process.h"

#define USER_HZ 100

int64_t sys_times(struct thread *t, struct syscall_args a)
{
	uint64_t ticks = clock_ns() / (NSEC_PER_SEC / USER_HZ);
	uptr_t buf = arg_ptr(a, 0);
	if (!uptr_is_null(buf)) {
		uint64_t run = (clock_ns() - t->proc->start_ns) / (NSEC_PER_SEC / USER_HZ);
		/* No per-mode accounting yet: all of a process's life counts as user time. */
		if (user_write_u64(buf, run) || user_clear(uptr_add(buf, 8), 24))
			return -EFAULT;
	}
	return (int64_t)ticks;
}

int64_t sys_getrusage(struct thread *t, struct syscall_args a)
{
	int who = arg_int(a, 0);
	if (who != 0 && who != -1 && who != 1)
		return -EINVAL;
	uptr_t buf = arg_ptr(a, 1);
	if (user_clear(buf, 144))
		return -EFAULT;
	if (who != -1) {
		uint64_t run = clock_ns() - t->proc->start_ns;
		if (user_write_u64(buf, run / NSEC_PER_SEC) ||
		    user_write_u64(uptr_add(buf, 8), (run % NSEC_PER_SEC) / 1000))
			return -EFAULT;
	}
	return 0;
}
