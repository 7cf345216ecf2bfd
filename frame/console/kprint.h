/*
 * The framework's own printing: boot messages, trap reports, panics and the
 * ktest runner's verdicts, on the serial console. Framework-private: the
 * services have their own log (kernel/lib/log.h) and write finished text
 * through console_write (frame/console.h).
 *
 * The log lines carry the monotonic time in microseconds since entry (raw
 * TSC ticks before the clock is calibrated) and are not filtered: the
 * framework prints only what a reader of the boot log needs. Safe from any
 * context: the console lock disables interrupts.
 */
#ifndef CONSOLE_KPRINT_H
#define CONSOLE_KPRINT_H

#include <frame/types.h>
#include "format.h"

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO };

void log_msg(enum log_level level, const char *fmt, ...) __printf(2, 3);

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)

/* Raw console output without a timestamp, for reports spanning many lines. */
void console_printf(const char *fmt, ...) __printf(1, 2);
void console_putc(char c);
void console_vprintf(const char *fmt, va_list ap);

/*
 * The one lock of the UART's transmit side: the framework's lines and the
 * services' console_write never interleave. panic may break it, since the
 * context that broke may hold it.
 */
void console_lock(void);
void console_unlock(void);
void console_force_unlock(void);

#endif /* CONSOLE_KPRINT_H */
