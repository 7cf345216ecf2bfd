/*
 * The line discipline: what happens to each byte typed at a terminal.
 *
 * In canonical mode (ICANON) input is edited in `line` (erase, kill, word
 * erase) and moves to `ready` when a line ends (NL, EOL, or EOF which ends
 * the read without a byte). In raw mode each byte is ready at once. ISIG
 * turns ^C, ^\ and ^Z into SIGINT, SIGQUIT and SIGTSTP for the foreground
 * process group, discarding pending input unless NOFLSH.
 */
#include "tty/tty.h"
#include "fs/pollwait.h"

static void echo_byte(struct tty *tty, uint8_t c)
{
	uint8_t buf[2] = { c, 0 };
	struct bytes b = bytes_alloc(2);
	size_t n = 1;
	if ((tty->termios.lflag & ECHOCTL) && c < 32 && c != '\n' && c != '\t') {
		buf[0] = '^';
		buf[1] = (uint8_t)(c + 64);
		n = 2;
	}
	bytes_set(b, 0, buf[0]);
	bytes_set(b, 1, buf[1]);
	tty_output(tty, bytes_sub(b, 0, n));
	bytes_free(b);
}

static void echo_erase(struct tty *tty)
{
	tty_output(tty, BYTES_LIT("\b \b"));
}

/* in_lock held. */
static void push_ready(struct tty *tty, uint8_t c)
{
	if (tty->ready_len == TTY_BUF)
		return; /* full: drop, as a real terminal would */
	tty->ready[(tty->ready_head + tty->ready_len) % TTY_BUF] = c;
	tty->ready_len++;
}

static void flush_input(struct tty *tty)
{
	spin_lock_irq(&tty->in_lock);
	tty->ready_len = 0;
	tty->line_len = 0;
	tty->eof_marks = 0;
	spin_unlock_irq(&tty->in_lock);
}

static bool signal_char(struct tty *tty, uint8_t c)
{
	const struct termios_k *t = &tty->termios;
	int sig = 0;
	if (c == t->cc[VINTR])
		sig = SIGINT;
	else if (c == t->cc[VQUIT])
		sig = SIGQUIT;
	else if (c == t->cc[VSUSP])
		sig = SIGTSTP;
	if (!sig || c == 0)
		return false;
	if (!(t->lflag & NOFLSH))
		flush_input(tty);
	if (t->lflag & ECHO)
		echo_byte(tty, c);
	ctty_signal_foreground(&tty->ctty, sig);
	return true;
}

static void canonical_byte(struct tty *tty, uint8_t c)
{
	const struct termios_k *t = &tty->termios;
	bool echo = t->lflag & ECHO;
	if (c == t->cc[VERASE] || c == '\b') {
		if (tty->line_len) {
			tty->line_len--;
			if (echo && (t->lflag & ECHOE))
				echo_erase(tty);
		}
		return;
	}
	if (c == t->cc[VWERASE] && (t->lflag & IEXTEN)) {
		while (tty->line_len && tty->line[tty->line_len - 1] == ' ') {
			tty->line_len--;
			if (echo)
				echo_erase(tty);
		}
		while (tty->line_len && tty->line[tty->line_len - 1] != ' ') {
			tty->line_len--;
			if (echo)
				echo_erase(tty);
		}
		return;
	}
	if (c == t->cc[VKILL]) {
		while (tty->line_len) {
			tty->line_len--;
			if (echo && (t->lflag & ECHOKE))
				echo_erase(tty);
		}
		if (echo && !(t->lflag & ECHOKE) && (t->lflag & ECHOK))
			tty_output(tty, BYTES_LIT("\n"));
		return;
	}
	bool eof = c == t->cc[VEOF];
	bool eol = c == '\n' || (t->cc[VEOL] && c == t->cc[VEOL]) || (t->cc[VEOL2] && c == t->cc[VEOL2]);
	if (!eof && tty->line_len < TTY_BUF - 1)
		tty->line[tty->line_len++] = c;
	if (echo && !eof)
		echo_byte(tty, c);
	else if (c == '\n' && (t->lflag & ECHONL))
		echo_byte(tty, c);
	if (!eof && !eol)
		return;
	spin_lock_irq(&tty->in_lock);
	for (size_t i = 0; i < tty->line_len; i++)
		push_ready(tty, tty->line[i]);
	if (eof)
		tty->eof_marks++;
	tty->line_len = 0;
	spin_unlock_irq(&tty->in_lock);
	wake_up_all(&tty->read_wq);
	poll_notify();
}

void tty_input_byte(struct tty *tty, uint8_t c)
{
	mutex_lock(&tty->lock);
	const struct termios_k *t = &tty->termios;
	if (c == '\r' && (t->iflag & IGNCR)) {
		mutex_unlock(&tty->lock);
		return;
	}
	if (c == '\r' && (t->iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (t->iflag & INLCR))
		c = '\r';
	if ((t->lflag & ISIG) && signal_char(tty, c)) {
		mutex_unlock(&tty->lock);
		return;
	}
	if (t->lflag & ICANON) {
		canonical_byte(tty, c);
	} else {
		if (t->lflag & ECHO)
			echo_byte(tty, c);
		spin_lock_irq(&tty->in_lock);
		push_ready(tty, c);
		spin_unlock_irq(&tty->in_lock);
		wake_up_all(&tty->read_wq);
		poll_notify();
	}
	mutex_unlock(&tty->lock);
}
