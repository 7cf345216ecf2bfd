/*
 * The serial console as a terminal: /dev/console (5,1), /dev/tty (5,0, the
 * caller's controlling terminal, which is always the console for now) and
 * /dev/ttyS0 (4,64). Received bytes arrive by interrupt, are queued, and a
 * kernel task runs them through the line discipline (which may sleep and
 * send signals, so it cannot run in the interrupt). The terminal as a file
 * is file.c, its ioctls ioctl.c and termios.c.
 */
#include <frame/alloc.h>
#include <frame/atomic.h>
#include <frame/console.h>
#include <frame/irq.h>
#include <frame/task.h>
#include "tty/tty.h"

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

int tty_console_init(void)
{
	console = NEW(struct tty);
	if (!console)
		return -ENOMEM;
	console->rows = 24;
	console->cols = 80;
	console->dev = vfs_mkdev(5, 1);
	termios_defaults(&console->termios);
	ctty_register(&console->ctty, console->dev);
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
