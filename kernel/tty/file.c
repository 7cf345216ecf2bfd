/*
 * The terminal as a file: open (which may make it the caller's controlling
 * terminal), read (line by line in canonical mode, VMIN/VTIME otherwise,
 * SIGTTIN for background readers), write (output processing), poll.
 */
#include <frame/atomic.h>
#include <frame/time.h>
#include "lib/errno_restart.h"
#include "tty/tty.h"

static size_t take_ready(struct tty *tty, struct bytes dst, bool *hit_eof __noescape)
{
	size_t n = 0;
	spin_lock_irq(&tty->in_lock);
	bool canon = tty->termios.lflag & ICANON;
	while (n < bytes_len(dst) && tty->ready_len) {
		uint8_t c = tty->ready[tty->ready_head];
		tty->ready_head = (tty->ready_head + 1) % TTY_BUF;
		tty->ready_len--;
		bytes_set(dst, n++, c);
		if (canon && c == '\n')
			break; /* one line per read */
	}
	*hit_eof = false;
	if (n == 0 && tty->eof_marks) {
		tty->eof_marks--;
		*hit_eof = true;
	}
	spin_unlock_irq(&tty->in_lock);
	return n;
}

bool tty_has_input(struct tty *tty)
{
	return atomic_load_size(&tty->ready_len) || atomic_load_size(&tty->eof_marks);
}

static struct vfs_rw tty_read(struct file *f, struct uio dst, uint64_t pos)
{
	struct tty *tty = tty_console();
	struct thread *t = current_thread();
	if (t && ctty_stop_background_reader(&tty->ctty, t->proc))
		return (struct vfs_rw){ -ERESTARTSYS, pos };
	size_t want = MIN(uio_len(dst), (size_t)TTY_BUF);
	if (!want)
		return (struct vfs_rw){ 0, pos };
	bool canon = tty->termios.lflag & ICANON;
	uint8_t vmin = tty->termios.cc[VMIN];
	if (!tty_has_input(tty)) {
		if (f->flags & O_NONBLOCK)
			return (struct vfs_rw){ -EAGAIN, pos };
		if (!canon && vmin == 0 && tty->termios.cc[VTIME] == 0)
			return (struct vfs_rw){ 0, pos };
		int r;
		if (!canon && vmin == 0)
			r = wait_event_interruptible_deadline(&tty->read_wq, tty_has_input(tty),
							      clock_ns() +
								  tty->termios.cc[VTIME] * 100 * NSEC_PER_MSEC);
		else
			r = wait_event_interruptible(&tty->read_wq, tty_has_input(tty));
		if (r == -ETIMEDOUT)
			return (struct vfs_rw){ 0, pos };
		if (r)
			return (struct vfs_rw){ -ERESTARTSYS, pos };
	}
	struct bytes buf = bytes_alloc(want);
	bool eof = false;
	size_t n = take_ready(tty, buf, &eof);
	int err = n ? uio_copy_to(dst, 0, bytes_sub(buf, 0, n)) : 0;
	bytes_free(buf);
	if (err)
		return (struct vfs_rw){ err, pos };
	return (struct vfs_rw){ (ssize_t)n, pos };
}

static struct vfs_rw tty_write(struct file *f, struct uio src, uint64_t pos)
{
	(void)f;
	size_t len = uio_len(src), done = 0;
	struct bytes buf = bytes_alloc(MIN(len, (size_t)4096));
	while (done < len) {
		size_t n = MIN(len - done, bytes_len(buf));
		struct bytes chunk = bytes_sub(buf, 0, n);
		int err = uio_copy_from(src, done, chunk);
		if (err) {
			bytes_free(buf);
			return (struct vfs_rw){ done ? (ssize_t)done : err, pos };
		}
		tty_output(tty_console(), chunk);
		done += n;
	}
	bytes_free(buf);
	return (struct vfs_rw){ (ssize_t)done, pos };
}

static uint32_t tty_poll(struct file *f, uint32_t events)
{
	(void)f;
	uint32_t ready = POLLOUT | POLLWRNORM;
	if (tty_has_input(tty_console()))
		ready |= POLLIN | POLLRDNORM;
	return ready & (events | POLLERR | POLLHUP);
}

static int tty_open(struct inode *ip, struct file *f)
{
	(void)f;
	struct tty *console = tty_console();
	struct thread *t = current_thread();
	struct process *p = t ? t->proc : NULL;
	/* /dev/tty is the caller's controlling terminal: without one there is nothing to open. */
	if (p && ip->rdev == vfs_mkdev(5, 0) && !ctty_controls(&console->ctty, p))
		return -ENXIO;
	/*
	 * A session leader without a terminal acquires this one on open, except
	 * through /dev/console, which (as on Linux) never becomes a controlling
	 * terminal by being opened: TIOCSCTTY does that.
	 */
	if (p && ip->rdev != vfs_mkdev(5, 1))
		ctty_acquire_on_open(&console->ctty, p);
	return 0;
}

const struct file_ops tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};
