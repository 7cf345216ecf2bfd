/*
 * The framework's tiny printf for its own boot messages, trap reports,
 * panics and ktest verdicts (services format with kernel/lib/fmt.h).
 * Supports %d %i %u %x %p %s %c %% with the l/ll/z length modifiers, a
 * width, and the '-', '0' and '#' flags; nothing else.
 *
 * SAFETY: the only unsafe parts are reading C strings (the format and %s
 * arguments, which callers in frame/ pass NUL-terminated) and writing the
 * caller's buffer, bounded by cap.
 */
#include "format.h"

/* Widths above this are cut to it. */
#define FORMAT_WIDTH_MAX 64

static void put_padded(struct format_sink *s, const char *str, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill-- > 0)
			s->put(s, pad);
	for (size_t i = 0; i < n; i++)
		s->put(s, str[i]);
	while (fill-- > 0)
		s->put(s, ' ');
}

static void put_number(struct format_sink *s, uint64_t v, bool negative, unsigned base, int width, bool left, char pad,
		       bool prefix)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[sizeof(tmp) - 1 - n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (prefix) {
		tmp[sizeof(tmp) - 1 - n++] = 'x';
		tmp[sizeof(tmp) - 1 - n++] = '0';
	}
	if (negative) {
		if (pad == '0') {
			s->put(s, '-');
			width--;
		} else {
			tmp[sizeof(tmp) - 1 - n++] = '-';
		}
	}
	put_padded(s, &tmp[sizeof(tmp) - n], n, width, left, pad);
}

void format_v(struct format_sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			s->put(s, *fmt);
			continue;
		}
		bool left = false, alt = false, wide = false;
		char pad = ' ';
		int width = 0;
		for (fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++) {
			left |= *fmt == '-';
			alt |= *fmt == '#';
			pad = *fmt == '0' ? '0' : pad;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width >= FORMAT_WIDTH_MAX ? FORMAT_WIDTH_MAX : width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			wide = true;
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = wide ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_number(s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, 10, width, left, pad, false);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = wide ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			put_number(s, v, false, *fmt == 'u' ? 10 : 16, width, left, pad, alt && *fmt == 'x');
			break;
		}
		case 'p':
			put_number(s, (uint64_t)va_arg(ap, void *), false, 16, width, left, pad, true);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			size_t n = 0;
			while (str[n])
				n++;
			put_padded(s, str, n, width, left, ' ');
			break;
		}
		case 'c':
			s->put(s, (char)va_arg(ap, int));
			break;
		case '\0':
			return;
		default: /* %% and anything unknown: the character itself */
			s->put(s, *fmt);
		}
	}
}

static void buf_put(struct format_sink *s, char c)
{
	if (s->len + 1 < s->cap)
		s->buf[s->len] = c;
	s->len++;
}

size_t format_buf_v(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct format_sink s = { .put = buf_put, .buf = buf, .cap = cap };
	format_v(&s, fmt, ap);
	if (cap)
		buf[s.len < cap ? s.len : cap - 1] = '\0';
	return s.len;
}

size_t format_buf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = format_buf_v(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
