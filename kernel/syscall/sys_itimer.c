/* Real-time interval timers: alarm, getitimer, setitimer (ITIMER_REAL over time/alarm.c). */
#include <frame/time.h>
#include "syscall/syscall.h"
#include "process/process.h"
#include "time/alarm.h"

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

int64_t sys_alarm(struct thread *t, struct syscall_args a)
{
	uint64_t secs = (uint32_t)a.a[0], old_interval = 0;
	uint64_t left = alarm_set(&t->proc->alarm, secs ? clock_ns() + secs * NSEC_PER_SEC : 0, 0, &old_interval);
	/* Whole seconds left, rounded up, as alarm(2) reports. */
	return (int64_t)((left + NSEC_PER_SEC - 1) / NSEC_PER_SEC);
}

static int64_t put_itimerval(uptr_t p, uint64_t interval, uint64_t value)
{
	const uint64_t v[4] = { interval / NSEC_PER_SEC, (interval % NSEC_PER_SEC) / 1000, value / NSEC_PER_SEC,
				(value % NSEC_PER_SEC) / 1000 };
	for (int i = 0; i < 4; i++)
		if (user_write_u64(uptr_add(p, 8 * (uint64_t)i), v[i]))
			return -EFAULT;
	return 0;
}

int64_t sys_getitimer(struct thread *t, struct syscall_args a)
{
	int which = arg_int(a, 0);
	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
		return put_itimerval(arg_ptr(a, 1), 0, 0);
	if (which != ITIMER_REAL)
		return -EINVAL;
	uint64_t interval = 0, left = alarm_remaining(&t->proc->alarm, &interval);
	return put_itimerval(arg_ptr(a, 1), interval, left);
}

int64_t sys_setitimer(struct thread *t, struct syscall_args a)
{
	int which = arg_int(a, 0);
	uptr_t nv = arg_ptr(a, 1), ov = arg_ptr(a, 2);
	if (which != ITIMER_REAL)
		return which == ITIMER_VIRTUAL || which == ITIMER_PROF ? -EOPNOTSUPP : -EINVAL;
	uint64_t v[4] = { 0 };
	if (!uptr_is_null(nv)) {
		if (user_read_words(nv, v))
			return -EFAULT;
		if (v[1] >= 1000000 || v[3] >= 1000000 || (int64_t)v[0] < 0 || (int64_t)v[2] < 0)
			return -EINVAL;
	}
	uint64_t interval = v[0] * NSEC_PER_SEC + v[1] * 1000, value = v[2] * NSEC_PER_SEC + v[3] * 1000;
	uint64_t old_interval = 0, left;
	if (uptr_is_null(nv))
		left = alarm_remaining(&t->proc->alarm, &old_interval);
	else
		left = alarm_set(&t->proc->alarm, value ? clock_ns() + value : 0, interval, &old_interval);
	return uptr_is_null(ov) ? 0 : put_itimerval(ov, old_interval, left);
}
