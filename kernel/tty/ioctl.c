/* A terminal's ioctls: termios (termios.c), window size, job control (process/session.c), queues. */
#include "tty/tty.h"

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

int tty_ioctl(struct file *f, uint32_t cmd, uint64_t arg)
{
	(void)f;
	struct tty *tty = tty_console();
	struct thread *t = current_thread();
	struct process *p = t ? t->proc : NULL;
	uptr_t uarg = uptr(arg);
	switch (cmd) {
	case TCGETS:
		return tty_get_termios(tty, uarg);
	case TCSETS:
	case TCSETSW:
		return tty_set_termios(tty, uarg, false);
	case TCSETSF:
		return tty_set_termios(tty, uarg, true);
	case TIOCGWINSZ: {
		struct bytes b = bytes_alloc(8);
		mutex_lock(&tty->lock);
		bytes_set_le16(b, 0, tty->rows);
		bytes_set_le16(b, 2, tty->cols);
		mutex_unlock(&tty->lock);
		int r = user_write(uarg, b);
		bytes_free(b);
		return r;
	}
	case TIOCSWINSZ: {
		struct bytes b = bytes_alloc(8);
		int r = user_read(b, uarg);
		if (!r) {
			mutex_lock(&tty->lock);
			tty->rows = bytes_get_le16(b, 0);
			tty->cols = bytes_get_le16(b, 2);
			mutex_unlock(&tty->lock);
			ctty_signal_foreground(&tty->ctty, SIGWINCH);
		}
		bytes_free(b);
		return r;
	}
	case TIOCGPGRP: {
		int pgrp = p ? ctty_get_pgrp(&tty->ctty, p) : -ENOTTY;
		return pgrp < 0 ? pgrp : user_write_u32(uarg, (uint32_t)pgrp);
	}
	case TIOCSPGRP: {
		uint32_t pgrp = 0;
		if (user_read_u32(uarg, &pgrp))
			return -EFAULT;
		return p ? ctty_set_pgrp(&tty->ctty, p, (int)pgrp) : -ENOTTY;
	}
	case TIOCGSID: {
		int sid = ctty_get_sid(&tty->ctty);
		return sid < 0 ? sid : user_write_u32(uarg, (uint32_t)sid);
	}
	case TIOCSCTTY:
		return p ? ctty_acquire(&tty->ctty, p, arg == 1 && p->euid == 0) : -EPERM;
	case TIOCNOTTY:
		return p ? ctty_release(&tty->ctty, p) : -ENOTTY;
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
