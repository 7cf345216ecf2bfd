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
#include "fs/vfs.h"
#include "process/process.h"

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
	struct mutex lock; /* guards termios (the input task still reads it unlocked) and the window size */
	struct termios_k termios;
	uint16_t rows, cols; /* window size; lock */
	struct ctty ctty; /* job control: session and foreground group (process/session.c) */
	/* Input: bytes the reader may take (cooked lines or raw bytes); guarded by in_lock. */
	struct spinlock_irq in_lock;
	uint8_t ready[TTY_BUF];
	size_t ready_head, ready_len;
	size_t eof_marks; /* ^D seen in canonical mode, ends a read early */
	uint8_t line[TTY_BUF]; /* the line being edited (canonical mode) */
	size_t line_len;
	struct wait_queue read_wq;
	uint32_t dev; /* set once */
};

/* The console tty; set up by tty_console_init (it registers /dev/console, /dev/tty, /dev/ttyS0). */
struct tty *tty_console(void);
int tty_console_init(void);
/* Feed one received byte through the line discipline (from the input task). */
void tty_input_byte(struct tty *tty, uint8_t c);
/* Write b to the terminal with output processing. */
void tty_output(struct tty *tty, struct bytes b);

/* file.c: the terminal as a file (/dev/console, /dev/tty, /dev/ttyS0). */
extern const struct file_ops tty_fops;
bool tty_has_input(struct tty *tty);
/* ioctl.c */
int tty_ioctl(struct file *f, uint32_t cmd, uint64_t arg);
/* termios.c */
void termios_defaults(struct termios_k *t);
int tty_get_termios(struct tty *tty, uptr_t arg);
int tty_set_termios(struct tty *tty, uptr_t arg, bool flush);

#endif /* KERNEL_TTY_TTY_H */
