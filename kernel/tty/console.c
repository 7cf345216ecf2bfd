/*
 * The serial console as a terminal: /dev/console (5,1), /dev/tty (5,0, the
 * caller's controlling terminal, which is always the console for now) and
 * /dev/ttyS0 (4,64). Received bytes arrive by interrupt, are queued, and a
 * kernel task runs them through the line discipline (which may sleep and
 * send signals, so it cannot run in the interrupt).
 */
#include <frame/alloc.h>
#include <frame/atomic.h>
#include <frame/console.h>
#include <frame/irq.h>
#include <frame/log.h>
#include <frame/task.h>
#include <frame/time.h>
#include "lib/errno_restart.h"
#include "tty/tty.h"
#include "fs/vfs.h"
#include "fs/pollwait.h"
#include "process/process.h"

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540a
#define TCFLSH 0x540b
#define TIOCEXCL 0x540c
#define TIOCNXCL 0x540d
#define TIOCSCTTY 0x540e
#define TIOCGPGRP 0x540f
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541b
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define FIONBIO 0x5421
#define TERMIOS_SIZE 36

static struct tty *console;

/* Raw bytes from the UART, between the interrupt and the input task. */
static struct {
	struct spinlock_irq lock;
	uint8_t buf[256];
	unsigned head, len;
	struct wait_queue wq;
	struct irq_action action;
} rx = { SPINLOCK_IRQ_INIT, { 0 }, 0, 0, WAIT_QUEUE_INIT, { 0 } };

struct tty *tty_console(void)
{
	return console;
}

void tty_output(struct tty *tty, struct bytes b)
{
	bool cooked = (tty->termios.oflag & OPOST) && (tty->termios.oflag & ONLCR);
	console_write(b, cooked);
}

static void rx_interrupt(struct irq_action *a)
{
	(void)a;
	int c;
	spin_lock_irq(&rx.lock);
	while ((c = console_read_byte()) >= 0) {
		if (rx.len < sizeof(rx.buf)) {
			rx.buf[(rx.head + rx.len) % sizeof(rx.buf)] = (uint8_t)c;
			rx.len++;
		}
	}
	spin_unlock_irq(&rx.lock);
	wake_up_all(&rx.wq);
}

static int rx_take(void)
{
	int c = -1;
	spin_lock_irq(&rx.lock);
	if (rx.len) {
		c = rx.buf[rx.head];
		rx.head = (rx.head + 1) % sizeof(rx.buf);
		rx.len--;
	}
	spin_unlock_irq(&rx.lock);
	return c;
}

static void input_task(void *arg)
{
	(void)arg;
	for (;;) {
		wait_event(&rx.wq, atomic_load_u32(&rx.len) != 0);
		int c;
		while ((c = rx_take()) >= 0) {
			if (c == 0x1d) { /* Ctrl-]: dump every task, for debugging hangs */
				task_dump_all();
				continue;
			}
			tty_input_byte(console, (uint8_t)c);
		}
	}
}

/* ---- the terminal as a file ---- */

static bool is_background(struct tty *tty, struct process *p)
{
	return tty->sid && p->sid == tty->sid && tty->pgrp > 0 && p->pgid != tty->pgrp;
}

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

static bool has_input(struct tty *tty)
{
	return atomic_load_size(&tty->ready_len) || atomic_load_size(&tty->eof_marks);
}

static struct vfs_rw tty_read(struct file *f, struct uio dst, uint64_t pos)
{
	struct tty *tty = console;
	struct thread *t = current_thread();
	if (t && is_background(tty, t->proc)) {
		signal_send_pgrp(t->proc->pgid, SIGTTIN);
		return (struct vfs_rw){ -ERESTARTSYS, pos };
	}
	size_t want = MIN(uio_len(dst), (size_t)TTY_BUF);
	if (!want)
		return (struct vfs_rw){ 0, pos };
	bool canon = tty->termios.lflag & ICANON;
	uint8_t vmin = tty->termios.cc[VMIN];
	if (!has_input(tty)) {
		if (f->flags & O_NONBLOCK)
			return (struct vfs_rw){ -EAGAIN, pos };
		if (!canon && vmin == 0 && tty->termios.cc[VTIME] == 0)
			return (struct vfs_rw){ 0, pos };
		int r;
		if (!canon && vmin == 0)
			r = wait_event_interruptible_deadline(
			    &tty->read_wq, has_input(tty), clock_ns() + tty->termios.cc[VTIME] * 100 * NSEC_PER_MSEC);
		else
			r = wait_event_interruptible(&tty->read_wq, has_input(tty));
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
		tty_output(console, chunk);
		done += n;
	}
	bytes_free(buf);
	return (struct vfs_rw){ (ssize_t)done, pos };
}

static int get_termios(struct tty *tty, uptr_t arg)
{
	struct bytes b = bytes_alloc(TERMIOS_SIZE);
	mutex_lock(&tty->lock);
	struct termios_k *t = &tty->termios;
	bytes_set_le32(b, 0, t->iflag);
	bytes_set_le32(b, 4, t->oflag);
	bytes_set_le32(b, 8, t->cflag);
	bytes_set_le32(b, 12, t->lflag);
	bytes_set(b, 16, t->line);
	for (size_t i = 0; i < NCCS; i++)
		bytes_set(b, 17 + i, t->cc[i]);
	mutex_unlock(&tty->lock);
	int r = user_write(arg, b);
	bytes_free(b);
	return r;
}

static int set_termios(struct tty *tty, uptr_t arg, bool flush)
{
	struct bytes b = bytes_alloc(TERMIOS_SIZE);
	int r = user_read(b, arg);
	if (!r) {
		mutex_lock(&tty->lock);
		struct termios_k *t = &tty->termios;
		bool was_canon = t->lflag & ICANON;
		t->iflag = bytes_get_le32(b, 0);
		t->oflag = bytes_get_le32(b, 4);
		t->cflag = bytes_get_le32(b, 8);
		t->lflag = bytes_get_le32(b, 12);
		t->line = bytes_get(b, 16);
		for (size_t i = 0; i < NCCS; i++)
			t->cc[i] = bytes_get(b, 17 + i);
		spin_lock_irq(&tty->in_lock);
		if (flush) {
			tty->ready_len = 0;
			tty->line_len = 0;
		} else if (was_canon && !(t->lflag & ICANON)) {
			/* Leaving canonical mode: the partial line becomes readable. */
			for (size_t i = 0; i < tty->line_len && tty->ready_len < TTY_BUF; i++) {
				tty->ready[(tty->ready_head + tty->ready_len) % TTY_BUF] = tty->line[i];
				tty->ready_len++;
			}
			tty->line_len = 0;
		}
		spin_unlock_irq(&tty->in_lock);
		mutex_unlock(&tty->lock);
		wake_up_all(&tty->read_wq);
	}
	bytes_free(b);
	return r;
}

static int tty_ioctl(struct file *f, uint32_t cmd, uint64_t arg)
{
	(void)f;
	struct tty *tty = console;
	struct thread *t = current_thread();
	struct process *p = t ? t->proc : NULL;
	uptr_t uarg = uptr(arg);
	switch (cmd) {
	case TCGETS:
		return get_termios(tty, uarg);
	case TCSETS:
	case TCSETSW:
		return set_termios(tty, uarg, false);
	case TCSETSF:
		return set_termios(tty, uarg, true);
	case TIOCGWINSZ: {
		struct bytes b = bytes_alloc(8);
		bytes_set_le16(b, 0, tty->rows);
		bytes_set_le16(b, 2, tty->cols);
		int r = user_write(uarg, b);
		bytes_free(b);
		return r;
	}
	case TIOCSWINSZ: {
		struct bytes b = bytes_alloc(8);
		int r = user_read(b, uarg);
		if (!r) {
			tty->rows = bytes_get_le16(b, 0);
			tty->cols = bytes_get_le16(b, 2);
			if (tty->pgrp > 0)
				signal_send_pgrp(tty->pgrp, SIGWINCH);
		}
		bytes_free(b);
		return r;
	}
	case TIOCGPGRP:
		if (!p || p->sid != tty->sid)
			return -ENOTTY;
		return user_write_u32(uarg, (uint32_t)tty->pgrp);
	case TIOCSPGRP: {
		uint32_t pgrp = 0;
		if (user_read_u32(uarg, &pgrp))
			return -EFAULT;
		if (!p || p->sid != tty->sid)
			return -ENOTTY;
		if ((int)pgrp < 0)
			return -EINVAL;
		mutex_lock(&tasklist_lock);
		bool exists = false, here = false;
		for (struct process *q = process_list(); q; q = q->next_all) {
			if (q->state != PROC_RUNNING || q->pgid != (int)pgrp)
				continue;
			exists = true;
			here |= q->sid == p->sid;
		}
		mutex_unlock(&tasklist_lock);
		if (!exists)
			return -ESRCH;
		if (!here)
			return -EPERM; /* a group of another session */
		tty->pgrp = (int)pgrp;
		return 0;
	}
	case TIOCGSID:
		if (!tty->sid)
			return -ENOTTY;
		return user_write_u32(uarg, (uint32_t)tty->sid);
	case TIOCSCTTY:
		if (!p || p->sid != p->pid)
			return -EPERM;
		if (tty->sid && tty->sid != p->sid && !(arg == 1 && p->euid == 0))
			return -EPERM;
		tty->sid = p->sid;
		tty->pgrp = p->pgid;
		p->ctty_dev = tty->dev;
		return 0;
	case TIOCNOTTY:
		if (!p || p->ctty_dev != tty->dev)
			return -ENOTTY;
		p->ctty_dev = 0;
		if (p->sid == p->pid)
			tty->sid = 0;
		return 0;
	case FIONREAD:
		return user_write_u32(uarg, (uint32_t)tty->ready_len);
	case TIOCOUTQ:
		return user_write_u32(uarg, 0);
	case TCFLSH:
		if (arg > 2)
			return -EINVAL;
		if (arg != 1) {
			spin_lock_irq(&tty->in_lock);
			tty->ready_len = 0;
			tty->line_len = 0;
			spin_unlock_irq(&tty->in_lock);
		}
		return 0;
	case TCSBRK:
	case TCXONC:
	case TIOCEXCL:
	case TIOCNXCL:
		return 0;
	default:
		return -ENOTTY;
	}
}

static uint32_t tty_poll(struct file *f, uint32_t events)
{
	(void)f;
	uint32_t ready = POLLOUT | POLLWRNORM;
	if (has_input(console))
		ready |= POLLIN | POLLRDNORM;
	return ready & (events | POLLERR | POLLHUP);
}

static int tty_open(struct inode *ip, struct file *f)
{
	(void)f;
	struct thread *t = current_thread();
	struct process *p = t ? t->proc : NULL;
	/* /dev/tty is the caller's controlling terminal: without one there is nothing to open. */
	if (p && ip->rdev == vfs_mkdev(5, 0) && p->ctty_dev != console->dev)
		return -ENXIO;
	/*
	 * A session leader without a terminal acquires this one on open, except
	 * through /dev/console, which (as on Linux) never becomes a controlling
	 * terminal by being opened: TIOCSCTTY does that.
	 */
	if (p && ip->rdev != vfs_mkdev(5, 1) && p->sid == p->pid && !p->ctty_dev && !console->sid) {
		console->sid = p->sid;
		console->pgrp = p->pgid;
		p->ctty_dev = console->dev;
	}
	return 0;
}

static const struct file_ops tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

void tty_session_ended(int sid)
{
	struct tty *tty = console;
	if (!tty || !sid || tty->sid != sid)
		return;
	int fg = tty->pgrp;
	tty->sid = 0;
	tty->pgrp = 0;
	if (fg > 0)
		signal_send_pgrp_locked(fg, SIGHUP);
}

static void termios_defaults(struct termios_k *t)
{
	t->iflag = ICRNL | IXON;
	t->oflag = OPOST | ONLCR;
	t->cflag = 0000277u; /* B38400 | CS8 | CREAD */
	t->lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->cc[VINTR] = 3;
	t->cc[VQUIT] = 28;
	t->cc[VERASE] = 127;
	t->cc[VKILL] = 21;
	t->cc[VEOF] = 4;
	t->cc[VMIN] = 1;
	t->cc[VSTART] = 17;
	t->cc[VSTOP] = 19;
	t->cc[VSUSP] = 26;
	t->cc[VWERASE] = 23;
	t->cc[VLNEXT] = 22;
}

int tty_console_init(void)
{
	console = NEW(struct tty);
	if (!console)
		return -ENOMEM;
	console->rows = 24;
	console->cols = 80;
	console->dev = vfs_mkdev(5, 1);
	termios_defaults(&console->termios);
	int r = chrdev_register(5, 1, &tty_fops);
	if (!r)
		r = chrdev_register(5, 0, &tty_fops);
	if (!r)
		r = chrdev_register(4, 64, &tty_fops);
	if (r)
		return r;
	if (!task_spawn("tty-input", input_task, NULL))
		return -ENOMEM;
	struct irq_line *line = console_input_line();
	if (!line)
		return -ENODEV;
	irq_line_attach(line, &rx.action, rx_interrupt);
	return 0;
}
