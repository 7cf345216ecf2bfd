/* alarm(2) and ITIMER_REAL: SIGALRM at a deadline, optionally repeating. */
#ifndef KERNEL_TIME_ALARM_H
#define KERNEL_TIME_ALARM_H

#include <frame/types.h>

struct process;

/* Set p's real timer (0 disarms); returns the time that was left, in ns. */
uint64_t alarm_set(struct process *p, uint64_t deadline_ns, uint64_t interval_ns, uint64_t *old_interval_ns __noescape);
/* The time left and the interval of p's real timer. */
uint64_t alarm_remaining(struct process *p, uint64_t *interval_ns __noescape);
/* p is exiting: forget its timer. */
void alarm_cancel(struct process *p);

#endif
