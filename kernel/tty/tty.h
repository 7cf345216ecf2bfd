/*
 * Terminals: a line discipline (canonical editing, echo, signals from ^C ^\ ^Z,
 * termios) over a byte device, with job control (foreground process group,
 * controlling terminal of a session). The serial console is the first tty.
 */
#ifndef KERNEL_TTY_TTY_H
#define KERNEL_TTY_TTY_H

#include <frame/types.h>
#include <frame/bytes.h>
#include <frame/wait.h>
#include <frame/spinlock.h>

#define NCCS 19
#define TTY_BUF 4096

/* termios flags used by the line discipline (Linux values). */
#define IGNBRK 0000001u
#define BRKINT 0000002u
#define IGNCR 0000200u
#define ICRNL 0000400u
#define INLCR 0000100u
#define IXON 0002000u
#define OPOST 0000001u
#define ONLCR 0000004u
#define ISIG 0000001u
#define ICANON 0000002u
#define ECHO 0000010u
#define ECHOE 0000020u
#define ECHOK 0000040u
#define ECHONL 0000100u
#define NOFLSH 0000200u
#define TOSTOP 0000400u
#define ECHOCTL 0001000u
#define ECHOKE 0004000u
#define IEXTEN 0100000u
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

struct termios_k {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line;
	uint8_t cc[NCCS];
};

struct tty {
	struct mutex lock; /* termios, pgrp, sid, winsize */
	struct termios_k termios;
	uint16_t rows, cols;
	int pgrp; /* foreground process group */
	int sid; /* the session it controls, 0 if none */
	/* Input: bytes the reader may take (cooked lines or raw bytes); guarded by in_lock. */
	struct spinlock_irq in_lock;
	uint8_t ready[TTY_BUF];
	size_t ready_head, ready_len;
	size_t eof_marks; /* ^D seen in canonical mode, ends a read early */
	uint8_t line[TTY_BUF]; /* the line being edited (canonical mode) */
	size_t line_len;
	struct wait_queue read_wq;
	uint32_t dev;
};

/* The console tty; set up by tty_console_init (it registers /dev/console, /dev/tty, /dev/ttyS0). */
struct tty *tty_console(void);
int tty_console_init(void);
/* Feed one received byte through the line discipline (from the input task). */
void tty_input_byte(struct tty *tty, uint8_t c);
/* The leader of session sid exited: its terminal is free again; its foreground group gets SIGHUP. */
void tty_session_ended(int sid);
/* Write b to the terminal with output processing. */
void tty_output(struct tty *tty, struct bytes b);

#endif
