/* Framework-private console helpers shared by log, panic and ktest. */
#ifndef CONSOLE_CONSOLE_H
#define CONSOLE_CONSOLE_H

#include "format.h"

void console_putc(char c);
void console_vprintf(const char *fmt, va_list ap);
void console_force_unlock(void);
/* `loglevel=N`: levels above N are dropped; anything but 0..3 is ignored. */
void log_set_max_level(unsigned level);

/* When a capture buffer is set (by a ktest expecting a panic), console output is copied into it. */
void console_capture_putc(char c);
void console_capture_start(char *buf, size_t cap);
size_t console_capture_stop(void);

#endif
