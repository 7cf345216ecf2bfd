/* Fast user-space mutexes: sleeping on and waking a user word (futex(2)). */
#ifndef KERNEL_IPC_FUTEX_H
#define KERNEL_IPC_FUTEX_H

#include <frame/types.h>
#include <frame/user.h>

struct mm;
struct thread;

/* CLONE_CHILD_CLEARTID: wake one waiter on t's tid word (a shared futex). */
int futex_wake_thread_exit(struct thread *t, uptr_t addr);
int64_t sys_futex_op(struct thread *t, uptr_t addr, int op, uint32_t val, uptr_t timeout, uptr_t addr2, uint32_t val3);

#endif
