/*
 * poll, ppoll, select, pselect6: ask every file for readiness, and if none
 * is ready sleep until something in the system may have changed
 * (ipc/pollwait.h) or the timeout passes, then ask again.
 */
#include <frame/time.h>
#include "lib/errno_restart.h"
#include "syscall/syscall.h"
#include "syscall/fsargs.h"
#include "fs/pollwait.h"

#define NO_TIMEOUT UINT64_MAX
#define FDSET_MAX 1024

/* Readiness of fd for `events`, POLLNVAL when it is not open. */
static uint32_t fd_ready(struct process *p, int fd, uint32_t events)
{
	struct file *f = fd_get(p, fd);
	if (!f)
		return POLLNVAL;
	uint32_t r = vfs_poll(f, events | POLLERR | POLLHUP);
	file_put(f);
	return r;
}

/* Sleep until poll_notify or the deadline. 0 (look again), -ETIMEDOUT or -ERESTARTNOHAND. */
static int64_t poll_sleep(uint64_t seen, uint64_t deadline)
{
	int r;
	if (deadline == NO_TIMEOUT)
		r = wait_event_interruptible(&poll_wq, poll_events() != seen);
	else
		r = wait_event_interruptible_deadline(&poll_wq, poll_events() != seen, deadline);
	if (r == -ETIMEDOUT)
		return -ETIMEDOUT;
	return r ? -ERESTARTNOHAND : 0;
}

static int64_t do_poll(struct thread *t, uptr_t fds, uint64_t nfds, uint64_t deadline)
{
	if (nfds > t->proc->rlim[RLIMIT_NOFILE].cur || nfds > MAX_FDS)
		return -EINVAL;
	for (;;) {
		uint64_t seen = poll_events();
		int64_t count = 0;
		for (uint64_t i = 0; i < nfds; i++) {
			uptr_t e = uptr_add(fds, 8 * i);
			uint32_t fd = 0, ev = 0;
			if (user_read_u32(e, &fd) || user_read_u32(uptr_add(e, 4), &ev))
				return -EFAULT;
			uint32_t events = ev & 0xffff;
			uint32_t revents = (int32_t)fd < 0 ? 0 : fd_ready(t->proc, (int)fd, events);
			if (revents)
				count++;
			/* revents is the upper half of the 32-bit word holding events. */
			if (user_write_u32(uptr_add(e, 4), events | (revents << 16)))
				return -EFAULT;
		}
		if (count || deadline == 0)
			return count;
		int64_t r = poll_sleep(seen, deadline);
		if (r == -ETIMEDOUT)
			return 0;
		if (r)
			return r;
	}
}

static uint64_t deadline_from_ms(int ms)
{
	if (ms < 0)
		return NO_TIMEOUT;
	return ms == 0 ? 0 : clock_ns() + (uint64_t)ms * NSEC_PER_MSEC;
}

/* A timespec pointer as a deadline: NULL waits forever. 0, -EFAULT or -EINVAL. */
static int64_t deadline_from_timespec(uptr_t ts, uint64_t *deadline __noescape)
{
	*deadline = NO_TIMEOUT;
	if (uptr_is_null(ts))
		return 0;
	uint64_t sec = 0, nsec = 0;
	if (user_read_u64(ts, &sec) || user_read_u64(uptr_add(ts, 8), &nsec))
		return -EFAULT;
	if ((int64_t)sec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	uint64_t ns = sec * NSEC_PER_SEC + nsec;
	*deadline = ns == 0 ? 0 : clock_ns() + ns;
	return 0;
}

/* ppoll/pselect: a temporary signal mask for the duration of the call. */
static int64_t swap_sigmask(struct thread *t, uptr_t mask, uint64_t size)
{
	if (uptr_is_null(mask))
		return 0;
	if (size != 8)
		return -EINVAL;
	uint64_t m = 0;
	if (user_read_u64(mask, &m))
		return -EFAULT;
	spin_lock_irq(&sig_lock);
	t->saved_sigmask = t->sigmask;
	t->restore_sigmask = true;
	t->sigmask = m & ~SIG_UNBLOCKABLE;
	spin_unlock_irq(&sig_lock);
	return 0;
}

int64_t sys_poll(struct thread *t, struct syscall_args a)
{
	return do_poll(t, arg_ptr(a, 0), a.a[1], deadline_from_ms(arg_int(a, 2)));
}

int64_t sys_ppoll(struct thread *t, struct syscall_args a)
{
	uint64_t deadline = 0;
	int64_t r = deadline_from_timespec(arg_ptr(a, 2), &deadline);
	if (!r)
		r = swap_sigmask(t, arg_ptr(a, 3), a.a[4]);
	return r ? r : do_poll(t, arg_ptr(a, 0), a.a[1], deadline);
}

/* ---- select ---- */

struct fdsets {
	uint64_t in[FDSET_MAX / 64], out[FDSET_MAX / 64], ex[FDSET_MAX / 64];
};

static int64_t load(uptr_t p, uint64_t words, struct fdsets *s __noescape, int which)
{
	for (uint64_t i = 0; i < words; i++) {
		uint64_t v = 0;
		if (!uptr_is_null(p) && user_read_u64(uptr_add(p, 8 * i), &v))
			return -EFAULT;
		if (which == 0)
			s->in[i] = v;
		else if (which == 1)
			s->out[i] = v;
		else
			s->ex[i] = v;
	}
	return 0;
}

static int64_t store(uptr_t p, uint64_t words, const struct fdsets *s __noescape, int which)
{
	if (uptr_is_null(p))
		return 0;
	for (uint64_t i = 0; i < words; i++) {
		uint64_t v = which == 0 ? s->in[i] : which == 1 ? s->out[i] : s->ex[i];
		if (user_write_u64(uptr_add(p, 8 * i), v))
			return -EFAULT;
	}
	return 0;
}

static int64_t do_select(struct thread *t, int nfds, uptr_t rp, uptr_t wp, uptr_t ep, uint64_t deadline)
{
	if (nfds < 0 || nfds > FDSET_MAX)
		return -EINVAL;
	uint64_t words = ((uint64_t)nfds + 63) / 64;
	struct fdsets want = { 0 };
	int64_t r = 0;
	for (int which = 0; which < 3 && !r; which++)
		r = load(which == 0 ? rp : which == 1 ? wp : ep, words, &want, which);
	if (r)
		return r;
	for (;;) {
		uint64_t seen = poll_events();
		struct fdsets got = { 0 };
		int64_t count = 0;
		for (int fd = 0; fd < nfds; fd++) {
			uint64_t bit = 1ull << (fd % 64);
			size_t w = (size_t)fd / 64;
			bool rd = want.in[w] & bit, wr = want.out[w] & bit, ex = want.ex[w] & bit;
			if (!rd && !wr && !ex)
				continue;
			uint32_t rev =
			    fd_ready(t->proc, fd, (rd ? POLLIN : 0) | (wr ? POLLOUT : 0) | (ex ? POLLPRI : 0));
			if (rev & POLLNVAL)
				return -EBADF;
			if (rd && (rev & (POLLIN | POLLHUP | POLLERR))) {
				got.in[w] |= bit;
				count++;
			}
			if (wr && (rev & (POLLOUT | POLLERR))) {
				got.out[w] |= bit;
				count++;
			}
			if (ex && (rev & POLLPRI)) {
				got.ex[w] |= bit;
				count++;
			}
		}
		if (count || deadline == 0) {
			for (int which = 0; which < 3 && !r; which++)
				r = store(which == 0 ? rp : which == 1 ? wp : ep, words, &got, which);
			return r ? r : count;
		}
		r = poll_sleep(seen, deadline);
		if (r == -ETIMEDOUT) {
			r = 0;
			struct fdsets none = { 0 };
			for (int which = 0; which < 3 && !r; which++)
				r = store(which == 0 ? rp : which == 1 ? wp : ep, words, &none, which);
			return r;
		}
		if (r)
			return r;
	}
}

int64_t sys_select(struct thread *t, struct syscall_args a)
{
	uptr_t tv = arg_ptr(a, 4);
	uint64_t deadline = NO_TIMEOUT;
	if (!uptr_is_null(tv)) {
		uint64_t sec = 0, usec = 0;
		if (user_read_u64(tv, &sec) || user_read_u64(uptr_add(tv, 8), &usec))
			return -EFAULT;
		if ((int64_t)sec < 0 || (int64_t)usec < 0)
			return -EINVAL;
		uint64_t ns = sec * NSEC_PER_SEC + (usec % 1000000) * 1000 + (usec / 1000000) * NSEC_PER_SEC;
		deadline = ns == 0 ? 0 : clock_ns() + ns;
	}
	int64_t r = do_select(t, arg_int(a, 0), arg_ptr(a, 1), arg_ptr(a, 2), arg_ptr(a, 3), deadline);
	if (!uptr_is_null(tv) && deadline != NO_TIMEOUT && r != -EFAULT) {
		/* Like Linux, leave the time that was not slept in the timeval. */
		uint64_t now = clock_ns(), left = deadline > now ? deadline - now : 0;
		if (user_write_u64(tv, left / NSEC_PER_SEC) ||
		    user_write_u64(uptr_add(tv, 8), (left % NSEC_PER_SEC) / 1000))
			return -EFAULT;
	}
	return r;
}

int64_t sys_pselect6(struct thread *t, struct syscall_args a)
{
	uint64_t deadline = 0;
	int64_t r = deadline_from_timespec(arg_ptr(a, 4), &deadline);
	uptr_t sig = arg_ptr(a, 5);
	if (!r && !uptr_is_null(sig)) {
		uint64_t mask_ptr = 0, size = 0;
		if (user_read_u64(sig, &mask_ptr) || user_read_u64(uptr_add(sig, 8), &size))
			return -EFAULT;
		r = swap_sigmask(t, uptr(mask_ptr), size);
	}
	return r ? r : do_select(t, arg_int(a, 0), arg_ptr(a, 1), arg_ptr(a, 2), arg_ptr(a, 3), deadline);
}
