/*
 * The framework's printing (kprint.h) and the console's one transmit lock.
 * A test hook lets ktests read back what a panic printed (boot/test_hooks.h).
 */
#include <frame/spinlock.h>
#include <frame/time.h>
#include "kprint.h"
#include "serial.h"
#include "../boot/test_hooks.h"

static struct spinlock_irq uart_tx_lock = SPINLOCK_IRQ_INIT;
static const char *const level_tag[] = { "ERR ", "WARN", "INFO" };

void console_lock(void)
{
	spin_lock_irq(&uart_tx_lock);
}

void console_unlock(void)
{
	spin_unlock_irq(&uart_tx_lock);
}

/* Used by panic: the console lock may be held by the context that broke. */
void console_force_unlock(void)
{
	uart_tx_lock.__fw_locked = 0;
}

void console_putc(char c)
{
	serial_putc(c);
	test_hook_console_putc(c);
}

static void console_sink_put(struct format_sink *s, char c)
{
	(void)s;
	console_putc(c);
}

void console_vprintf(const char *fmt, va_list ap)
{
	struct format_sink s = { .put = console_sink_put };
	format_v(&s, fmt, ap);
}

static void console_printf_unlocked(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}

void console_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	console_lock();
	console_vprintf(fmt, ap);
	console_unlock();
	va_end(ap);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	if ((unsigned)level > LOG_INFO)
		level = LOG_ERR;
	uint64_t us = clock_ns() / 1000;
	va_list ap;
	va_start(ap, fmt);
	console_lock();
	console_printf_unlocked("[%5lu.%06lu] %s ", us / 1000000, us % 1000000, level_tag[level]);
	console_vprintf(fmt, ap);
	console_putc('\n');
	console_unlock();
	va_end(ap);
}
