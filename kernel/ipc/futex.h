/* Fast user-space mutexes: sleeping on and waking a user word (futex(2)). */
#ifndef KERNEL_IPC_FUTEX_H
#define KERNEL_IPC_FUTEX_H

#include <frame/types.h>
#include <frame/user.h>

struct mm;

/* CLONE_CHILD_CLEARTID: wake one waiter on an exiting thread's tid word in mm (a shared futex). */
int futex_wake_thread_exit(struct mm *mm, uptr_t addr);
/* futex(2) for a caller whose address space is mm: the result or -E... (-ERESTARTSYS when interrupted). */
int64_t futex_op(struct mm *mm, uptr_t addr, int op, uint32_t val, uptr_t timeout, uptr_t addr2, uint32_t val3);

#endif
