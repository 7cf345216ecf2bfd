/*
 * The kernel log: leveled, timestamped lines on the serial console.
 *
 * Every line starts with the monotonic time in microseconds since entry (or
 * raw TSC ticks before the clock is calibrated). Safe from any context: the
 * console lock disables interrupts.
 */
#ifndef FRAME_LOG_H
#define FRAME_LOG_H

#include <frame/types.h>

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_msg(enum log_level level, const char *fmt, ...) __printf(2, 3);

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Raw console output without a timestamp, for reports spanning many lines. */
void console_printf(const char *fmt, ...) __printf(1, 2);

/*
 * Lines at levels above the maximum (`loglevel=N` on the command line) are
 * dropped. A level outside the enum is logged as LOG_ERR: it never indexes
 * past the table of level names.
 */

#endif /* FRAME_LOG_H */
