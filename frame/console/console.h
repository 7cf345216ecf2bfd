/* Framework-private console helpers shared by log, panic and ktest. */
#ifndef CONSOLE_CONSOLE_H
#define CONSOLE_CONSOLE_H

#include "format.h"

void console_putc(char c);
void console_vprintf(const char *fmt, va_list ap);
void console_force_unlock(void);
/* `loglevel=N`: levels above N are dropped; anything but 0..3 is ignored. */
void log_set_max_level(unsigned level);

#endif
