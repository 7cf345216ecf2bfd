/* The framework's tiny printf engine, writing through a sink callback. Framework-private. */
#ifndef CONSOLE_FORMAT_H
#define CONSOLE_FORMAT_H

#include <frame/types.h>

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(d, s) __builtin_va_copy(d, s)

struct format_sink {
	void (*put)(struct format_sink *sink, char c);
	char *buf; /* for the buffer sink */
	size_t len, cap;
};

void format_v(struct format_sink *sink, const char *fmt, va_list ap);
/* snprintf: always NUL-terminates when cap > 0; returns the untruncated length. */
size_t format_buf(char *buf, size_t cap, const char *fmt, ...) __printf(3, 4);
size_t format_buf_v(char *buf, size_t cap, const char *fmt, va_list ap);

#endif /* CONSOLE_FORMAT_H */
