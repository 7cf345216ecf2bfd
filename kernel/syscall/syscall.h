/*
 * System-call dispatch. Each handler gets the calling thread and the six
 * argument registers, checks everything before changing anything, and
 * returns a value or -E... that goes back to user space in rax.
 * -ERESTARTSYS asks for a restart after a signal (process/signal/deliver.c).
 */
#ifndef KERNEL_SYSCALL_SYSCALL_H
#define KERNEL_SYSCALL_SYSCALL_H

#include <frame/types.h>
#include "lib/errno.h"
#include <frame/user.h>

struct thread;

struct syscall_args {
	uint64_t a[6];
};

typedef int64_t (*syscall_fn)(struct thread *t, struct syscall_args a);

enum syscall_state {
	SYSCALL_DONE, /* implemented */
	SYSCALL_PARTIAL, /* implemented with documented gaps (see the note) */
};

struct syscall_entry {
	const char *name;
	syscall_fn fn;
	enum syscall_state state;
	const char *note; /* what is missing, for partial ones */
};

#define NR_SYSCALLS 512

extern const struct syscall_entry syscall_table[NR_SYSCALLS];

void syscall_dispatch(struct thread *t);

/* Argument helpers. */
static inline int arg_int(struct syscall_args a, int i)
{
	return (int)(uint32_t)a.a[i];
}

static inline uptr_t arg_ptr(struct syscall_args a, int i)
{
	return uptr(a.a[i]);
}

#include "syscall/handlers.h"

/* sys_uts.c: copy the host (or NIS domain) name into dst, truncated to fit; its length. */
size_t uts_copy_name(struct bytes dst, bool host);

#endif /* KERNEL_SYSCALL_SYSCALL_H */
