/*
 * printf-style formatting for the log, panics and procfs-like text.
 * Supports %d %i %u %x %X %o %p %s %c %% with the l/ll/z/h length modifiers,
 * a width, zero or left padding and a precision for strings.
 *
 * SAFETY: the only unsafe parts are reading C strings (the format and %s
 * arguments, which callers in frame/ pass NUL-terminated) and writing the
 * caller's buffer, bounded by cap.
 */
#include "format.h"

/* Widths and precisions above this are cut to it (a negative `*` width counts as 0). */
#define FORMAT_FIELD_MAX 4096

static int clamp_field(int v)
{
	return v < 0 ? 0 : v > FORMAT_FIELD_MAX ? FORMAT_FIELD_MAX : v;
}

static int add_digit(int v, char d)
{
	return v >= FORMAT_FIELD_MAX ? FORMAT_FIELD_MAX : clamp_field(v * 10 + (d - '0'));
}

static void put_padded(struct format_sink *s, const char *digits, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill-- > 0)
			s->put(s, pad);
	for (size_t i = 0; i < n; i++)
		s->put(s, digits[i]);
	if (left)
		while (fill-- > 0)
			s->put(s, ' ');
}

static void put_number(struct format_sink *s, uint64_t v, bool negative, unsigned base, bool upper, int width,
		       bool left, char pad, const char *prefix)
{
	char tmp[32];
	size_t n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	/* The prefix is spelled backwards ("x0" for 0x) since tmp fills from its end. */
	while (*prefix)
		tmp[sizeof(tmp) - 1 - n++] = prefix[0], prefix++;
	if (negative) {
		if (pad == '0' && width > 0) {
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
		fmt++;
		bool left = false, alt = false;
		char pad = ' ';
		int width = 0, precision = -1, longness = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		/* Widths and precisions come from service format strings and arguments: clamp, never overflow. */
		if (*fmt == '*') {
			width = clamp_field(va_arg(ap, int));
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = add_digit(width, *fmt++);
		if (*fmt == '.') {
			fmt++;
			precision = 0;
			if (*fmt == '*') {
				precision = va_arg(ap, int);
				precision = precision < 0 ? -1 : clamp_field(precision);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				precision = add_digit(precision, *fmt++);
		}
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z' || *fmt == 'j' || *fmt == 't')
				longness++;
			else if (*fmt != 'h')
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = longness ? va_arg(ap, int64_t) : va_arg(ap, int);
			bool neg = v < 0;
			put_number(s, neg ? 0 - (uint64_t)v : (uint64_t)v, neg, 10, false, width, left, pad, "");
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v = longness ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			put_number(s, v, false, base, *fmt == 'X', width, left, pad, alt && base == 16 ? "x0" : "");
			break;
		}
		case 'p':
			put_number(s, (uint64_t)va_arg(ap, void *), false, 16, false, width, left, pad, "x0");
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			size_t n = 0;
			while (str[n] && (precision < 0 || n < (size_t)precision))
				n++;
			put_padded(s, str, n, width, left, ' ');
			break;
		}
		case 'c':
			s->put(s, (char)va_arg(ap, int));
			break;
		case '%':
			s->put(s, '%');
			break;
		case '\0':
			return;
		default:
			s->put(s, '%');
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
