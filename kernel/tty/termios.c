/* termios: the defaults of a new terminal, and TCGETS/TCSETS* (Linux's 36-byte struct termios). */
#include "tty/tty.h"

#define TERMIOS_SIZE 36

void termios_defaults(struct termios_k *t)
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

int tty_get_termios(struct tty *tty, uptr_t arg)
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

int tty_set_termios(struct tty *tty, uptr_t arg, bool flush)
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
