/*
 * The wake-up that poll(), select() and blocking readers of several kinds
 * share: anything that may make a file readable or writable calls
 * poll_notify(); pollers sleep until the event count moves and then re-ask
 * every file. Simple and never loses a wake-up; a per-file wait list can
 * replace it when many pollers make the herd costly.
 */
#ifndef KERNEL_FS_POLLWAIT_H
#define KERNEL_FS_POLLWAIT_H

#include <frame/types.h>
#include <frame/wait.h>

extern struct wait_queue poll_wq;
uint64_t poll_events(void);
void poll_notify(void);

#endif
