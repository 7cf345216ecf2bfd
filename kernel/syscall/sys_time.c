/* Time system calls: clocks, sleeping. */
#include <frame/time.h>
#include "time/rtc.h"
#include "syscall/syscall.h"
#include "process/process.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

/* The clock's reading in ns, or -EINVAL for an unknown clock. */
static int64_t clock_read(struct thread *t, int clock, uint64_t *ns __noescape)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = rtc_boot_epoch_seconds() * NSEC_PER_SEC + clock_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = clock_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		/* Without CPU accounting yet: time since the process started is an upper bound. */
		*ns = clock_ns() - t->proc->start_ns;
		return 0;
	default:
		return -EINVAL;
	}
}

static int64_t put_timespec(uptr_t p, uint64_t ns)
{
	if (user_write_u64(p, ns / NSEC_PER_SEC) || user_write_u64(uptr_add(p, 8), ns % NSEC_PER_SEC))
		return -EFAULT;
	return 0;
}

/* Read a struct timespec; -EFAULT or -EINVAL (negative or nsec out of range). */
static int64_t get_timespec(uptr_t p, uint64_t *ns __noescape)
{
	uint64_t sec = 0, nsec = 0;
	if (user_read_u64(p, &sec) || user_read_u64(uptr_add(p, 8), &nsec))
		return -EFAULT;
	if ((int64_t)sec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = sec > 1000000000000ull ? UINT64_MAX / 2 : sec * NSEC_PER_SEC + nsec;
	return 0;
}

int64_t sys_clock_gettime(struct thread *t, struct syscall_args a)
{
	uint64_t ns = 0;
	int64_t r = clock_read(t, arg_int(a, 0), &ns);
	return r ? r : put_timespec(arg_ptr(a, 1), ns);
}

int64_t sys_clock_getres(struct thread *t, struct syscall_args a)
{
	uint64_t ns = 0;
	int64_t r = clock_read(t, arg_int(a, 0), &ns);
	if (r)
		return r;
	return uptr_is_null(arg_ptr(a, 1)) ? 0 : put_timespec(arg_ptr(a, 1), 1);
}

int64_t sys_gettimeofday(struct thread *t, struct syscall_args a)
{
	uint64_t ns = 0;
	clock_read(t, CLOCK_REALTIME, &ns);
	uptr_t tv = arg_ptr(a, 0), tz = arg_ptr(a, 1);
	if (!uptr_is_null(tv) &&
	    (user_write_u64(tv, ns / NSEC_PER_SEC) || user_write_u64(uptr_add(tv, 8), (ns % NSEC_PER_SEC) / 1000)))
		return -EFAULT;
	if (!uptr_is_null(tz) && user_clear(tz, 8))
		return -EFAULT;
	return 0;
}

int64_t sys_time(struct thread *t, struct syscall_args a)
{
	uint64_t ns = 0;
	clock_read(t, CLOCK_REALTIME, &ns);
	uint64_t sec = ns / NSEC_PER_SEC;
	if (!uptr_is_null(arg_ptr(a, 0)) && user_write_u64(arg_ptr(a, 0), sec))
		return -EFAULT;
	return (int64_t)sec;
}

static int64_t sleep_until(uint64_t deadline, uptr_t rem)
{
	int r = task_sleep_until_interruptible(deadline);
	if (r == 0)
		return 0;
	uint64_t now = clock_ns();
	if (!uptr_is_null(rem) && put_timespec(rem, deadline > now ? deadline - now : 0))
		return -EFAULT;
	return -EINTR;
}

int64_t sys_nanosleep(struct thread *t, struct syscall_args a)
{
	(void)t;
	uint64_t ns = 0;
	int64_t r = get_timespec(arg_ptr(a, 0), &ns);
	if (r)
		return r;
	return sleep_until(clock_ns() + ns, arg_ptr(a, 1));
}

int64_t sys_clock_nanosleep(struct thread *t, struct syscall_args a)
{
	int clock = arg_int(a, 0), flags = arg_int(a, 1);
	uint64_t ns = 0, now = 0;
	if (flags & ~TIMER_ABSTIME)
		return -EINVAL;
	if (clock == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP; /* sleeping on CPU time: not supported */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	int64_t r = get_timespec(arg_ptr(a, 2), &ns);
	if (r)
		return -r == EFAULT ? r : r;
	clock_read(t, clock, &now);
	uint64_t deadline;
	if (flags & TIMER_ABSTIME)
		deadline = clock_ns() + (ns > now ? ns - now : 0);
	else
		deadline = clock_ns() + ns;
	r = sleep_until(deadline, (flags & TIMER_ABSTIME) ? uptr(0) : arg_ptr(a, 3));
	return r == -EINTR ? -EINTR : r;
}
