/* More system calls: timers and accounting, sendfile, waiting for signals, scheduling hints. */
#include <frame/time.h>
#include "syscall/syscall.h"
#include "syscall/fsargs.h"
#include "time/alarm.h"

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define USER_HZ 100

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

int64_t sys_times(struct thread *t, struct syscall_args a)
{
	uint64_t ticks = clock_ns() / (NSEC_PER_SEC / USER_HZ);
	uptr_t buf = arg_ptr(a, 0);
	if (!uptr_is_null(buf)) {
		uint64_t run = (clock_ns() - t->proc->start_ns) / (NSEC_PER_SEC / USER_HZ);
		/* No per-mode accounting yet: all of a process's life counts as user time. */
		if (user_write_u64(buf, run) || user_clear(uptr_add(buf, 8), 24))
			return -EFAULT;
	}
	return (int64_t)ticks;
}

int64_t sys_getrusage(struct thread *t, struct syscall_args a)
{
	int who = arg_int(a, 0);
	if (who != 0 && who != -1 && who != 1)
		return -EINVAL;
	uptr_t buf = arg_ptr(a, 1);
	if (user_clear(buf, 144))
		return -EFAULT;
	if (who != -1) {
		uint64_t run = clock_ns() - t->proc->start_ns;
		if (user_write_u64(buf, run / NSEC_PER_SEC) ||
		    user_write_u64(uptr_add(buf, 8), (run % NSEC_PER_SEC) / 1000))
			return -EFAULT;
	}
	return 0;
}

int64_t sys_getpriority(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (arg_int(a, 0) < 0 || arg_int(a, 0) > 2)
		return -EINVAL;
	return 20; /* nice 0, in the kernel's 40 - (nice + 20) encoding */
}

int64_t sys_setpriority(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (arg_int(a, 0) < 0 || arg_int(a, 0) > 2)
		return -EINVAL;
	return 0; /* accepted: the round-robin policy has no priorities yet */
}

int64_t sys_fadvise64(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	file_put(f);
	return arg_int(a, 3) >= 0 && arg_int(a, 3) <= 5 ? 0 : -EINVAL;
}

int64_t sys_sendfile(struct thread *t, struct syscall_args a)
{
	uptr_t offp = arg_ptr(a, 2);
	uint64_t count = MIN(a.a[3], 0x7ffff000ull);
	struct file *out = fd_get(t->proc, arg_int(a, 0));
	struct file *in = fd_get(t->proc, arg_int(a, 1));
	int64_t r = 0, done = 0;
	int64_t pos = -1;
	if (!out || !in)
		r = -EBADF;
	else if (!uptr_is_null(offp)) {
		uint64_t off = 0;
		r = user_read_u64(offp, &off) ? -EFAULT : (int64_t)off < 0 ? -EINVAL : 0;
		pos = (int64_t)off;
	}
	struct bytes buf = r ? bytes_empty() : bytes_alloc(65536);
	while (!r && (uint64_t)done < count) {
		size_t n = MIN((size_t)(count - (uint64_t)done), bytes_len(buf));
		struct bytes chunk = bytes_sub(buf, 0, n);
		ssize_t got = pos >= 0 ? vfs_pread(in, uio_kernel(chunk), pos + done) : vfs_read(in, uio_kernel(chunk));
		if (got <= 0) {
			if (got < 0 && !done)
				r = got;
			break;
		}
		ssize_t put = vfs_write(out, uio_kernel(bytes_sub(chunk, 0, (size_t)got)));
		if (put < 0) {
			if (!done)
				r = put;
			break;
		}
		done += put;
		if (put < got)
			break;
	}
	bytes_free(buf);
	if (!r && pos >= 0 && user_write_u64(offp, (uint64_t)(pos + done)))
		r = -EFAULT;
	if (out)
		file_put(out);
	if (in)
		file_put(in);
	if (r == -EPIPE)
		signal_send_thread(t, SIGPIPE);
	return r ? r : done;
}

int64_t sys_rt_sigtimedwait(struct thread *t, struct syscall_args a)
{
	uptr_t uset = arg_ptr(a, 0), info = arg_ptr(a, 1), timeout = arg_ptr(a, 2);
	if (a.a[3] != 8)
		return -EINVAL;
	uint64_t set = 0, deadline = UINT64_MAX;
	if (user_read_u64(uset, &set))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (!uptr_is_null(timeout)) {
		uint64_t sec = 0, nsec = 0;
		if (user_read_u64(timeout, &sec) || user_read_u64(uptr_add(timeout, 8), &nsec))
			return -EFAULT;
		if ((int64_t)sec < 0 || nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = clock_ns() + sec * NSEC_PER_SEC + nsec;
	}
	struct process *p = t->proc;
	/* While waiting, the awaited signals count as unblocked, so a sender wakes us. */
	spin_lock_irq(&sig_lock);
	uint64_t saved = t->sigmask;
	t->sigmask &= ~set;
	spin_unlock_irq(&sig_lock);
	int sig = 0;
	struct sig_info si = { 0 };
	for (;;) {
		spin_lock_irq(&sig_lock);
		sig = signal_dequeue(t, set, &si);
		bool other = ((t->pending | p->shared_pending) & ~t->sigmask & ~set) != 0;
		spin_unlock_irq(&sig_lock);
		if (sig || other)
			break;
		static struct wait_queue never = WAIT_QUEUE_INIT;
		int w = deadline == UINT64_MAX ? wait_event_interruptible(&never, false)
					       : wait_event_interruptible_deadline(&never, false, deadline);
		if (w == -ETIMEDOUT)
			break;
		if (w) {
			task_clear_interrupt();
			continue; /* look at what arrived */
		}
	}
	spin_lock_irq(&sig_lock);
	t->sigmask = saved;
	spin_unlock_irq(&sig_lock);
	if (!sig)
		return deadline != UINT64_MAX && clock_ns() >= deadline ? -EAGAIN : -EINTR;
	if (!uptr_is_null(info)) {
		struct bytes out = bytes_alloc(SIGINFO_SIZE);
		sig_info_fill(out, sig, si);
		int r = user_write(info, out);
		bytes_free(out);
		if (r)
			return r;
	}
	return sig;
}
