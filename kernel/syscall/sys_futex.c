/* futex(2): the waiting and waking are in ipc/futex.c, keyed by the caller's address space. */
#include "syscall/syscall.h"
#include "ipc/futex.h"
#include "process/process.h"

int64_t sys_futex(struct thread *t, struct syscall_args a)
{
	return futex_op(t->proc->mm, arg_ptr(a, 0), arg_int(a, 1), (uint32_t)a.a[2], arg_ptr(a, 3), arg_ptr(a, 4),
			(uint32_t)a.a[5]);
}
