/*
 * Restart codes: a system call interrupted by a signal returns one of these
 * and signal delivery (process/signal/deliver.c) turns it into a restart or
 * -EINTR. User space never sees them. They sit here, below every subsystem,
 * so that a file system or a futex can ask for a restart without including
 * the signal code.
 */
#ifndef KERNEL_LIB_ERRNO_RESTART_H
#define KERNEL_LIB_ERRNO_RESTART_H

/* Restart after a handler unless it lacks SA_RESTART (then -EINTR). */
#define ERESTARTSYS 512
/* Restart only when no handler ran. */
#define ERESTARTNOHAND 514

#endif /* KERNEL_LIB_ERRNO_RESTART_H */
