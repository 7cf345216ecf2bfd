/* The user-mode loop of every thread (thread_loop.c). */
#ifndef KERNEL_ENTRY_ENTRY_H
#define KERNEL_ENTRY_ENTRY_H

struct service_task;

/* Run the thread behind st in user mode until it exits; never returns. */
void thread_main(struct service_task *st);

#endif /* KERNEL_ENTRY_ENTRY_H */
