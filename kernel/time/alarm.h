/*
 * Real-time alarms: alarm(2) and ITIMER_REAL. An alarm fires at a deadline,
 * optionally repeating, and calls its owner's expiry function. This module
 * knows nothing of processes: a process embeds a struct alarm and says, at
 * alarm_init, what expiry means (process.c: SIGALRM).
 */
#ifndef KERNEL_TIME_ALARM_H
#define KERNEL_TIME_ALARM_H

#include <frame/types.h>

struct process;

/* Called in IRQ context, with the alarm lock held: it may only raise a signal or wake a queue. */
typedef void (*alarm_expired_fn)(struct process *owner);

struct alarm {
	uint64_t deadline_ns; /* 0 when disarmed; alarm lock */
	uint64_t interval_ns; /* re-arm period, 0 for one shot; alarm lock */
	struct alarm *next; /* on the armed list; alarm lock */
	struct process *owner; /* set by alarm_init, never dereferenced here */
	alarm_expired_fn expired; /* set by alarm_init */
};

/* A disarmed alarm that will call expired(owner). */
void alarm_init(struct alarm *a, struct process *owner, alarm_expired_fn expired);
/* Arm a (deadline 0 disarms); returns the time that was left, in ns. */
uint64_t alarm_set(struct alarm *a, uint64_t deadline_ns, uint64_t interval_ns, uint64_t *old_interval_ns __noescape);
/* The time left and the interval of a. */
uint64_t alarm_remaining(struct alarm *a, uint64_t *interval_ns __noescape);
/* The owner goes away: disarm for good. */
void alarm_cancel(struct alarm *a);

#endif /* KERNEL_TIME_ALARM_H */
