/*
 * The kernel log. Lines go to the serial console under one IRQ-safe lock so
 * lines from different contexts never interleave. A test hook lets ktests
 * read back what a panic printed (see boot/test_hooks.h).
 */
#include <frame/log.h>
#include <frame/spinlock.h>
#include <frame/time.h>
#include "format.h"
#include "serial.h"
#include "console.h"
#include "../boot/test_hooks.h"

static enum log_level log_max_level = LOG_INFO;
static struct spinlock_irq console_lock = SPINLOCK_IRQ_INIT;
static const char *const level_tag[] = { "ERR ", "WARN", "INFO", "DBG " };

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
	spin_lock_irq(&console_lock);
	console_vprintf(fmt, ap);
	spin_unlock_irq(&console_lock);
	va_end(ap);
}

/* Ignores anything but a valid level: the level indexes level_tag[]. */
void log_set_max_level(unsigned level)
{
	if (level <= LOG_DEBUG)
		log_max_level = (enum log_level)level;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	/* A service can cast any integer to the enum; compare as unsigned so negatives are caught too. */
	if ((unsigned)level > LOG_DEBUG)
		level = LOG_ERR;
	if (level > log_max_level)
		return;
	uint64_t us = clock_ns() / 1000;
	va_list ap;
	va_start(ap, fmt);
	spin_lock_irq(&console_lock);
	console_printf_unlocked("[%5lu.%06lu] %s ", us / 1000000, us % 1000000, level_tag[level]);
	console_vprintf(fmt, ap);
	console_putc('\n');
	spin_unlock_irq(&console_lock);
	va_end(ap);
}

/* Used by panic: the console lock may be held by the context that broke. */
void console_force_unlock(void)
{
	console_lock.__fw_locked = 0;
}
