/* Scheduling: priorities (accepted, no effect yet: the policy is round-robin), affinity and the current CPU (one CPU). */
#include "syscall/syscall.h"

int64_t sys_getpriority(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (arg_int(a, 0) < 0 || arg_int(a, 0) > 2)
		return -EINVAL;
	return 20; /* nice 0, in the kernel's 40 - (nice + 20) encoding */
}

int64_t sys_setpriority(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (arg_int(a, 0) < 0 || arg_int(a, 0) > 2)
		return -EINVAL;
	return 0; /* accepted: the round-robin policy has no priorities yet */
}

int64_t sys_sched_getaffinity(struct thread *t, struct syscall_args a)
{
	(void)t;
	size_t len = a.a[1];
	if (len < 8 || (len & 7))
		return -EINVAL;
	if (user_clear(arg_ptr(a, 2), len) || user_write_u64(arg_ptr(a, 2), 1))
		return -EFAULT;
	return 8;
}

int64_t sys_getcpu(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (!uptr_is_null(arg_ptr(a, 0)) && user_write_u32(arg_ptr(a, 0), 0))
		return -EFAULT;
	if (!uptr_is_null(arg_ptr(a, 1)) && user_write_u32(arg_ptr(a, 1), 0))
		return -EFAULT;
	return 0;
}
