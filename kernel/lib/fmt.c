/* Text building for services (kernel/lib/fmt.h). */
#include "lib/fmt.h"

/* The longest number: 64 binary digits. */
#define FMT_DIGITS_MAX 64

struct bytes fmt_text(const struct fmt *f __noescape)
{
	return bytes_sub(f->buf, 0, f->len);
}

struct bytes fmt_tail(const struct fmt *f __noescape)
{
	return bytes_sub(f->buf, f->len, bytes_len(f->buf) - f->len);
}

void fmt_commit(struct fmt *f __noescape, size_t n)
{
	if (n > bytes_len(f->buf) - f->len)
		f->overflow = true;
	else
		f->len += n;
}

/* How many of n more bytes fit; fewer than n sets overflow. */
static size_t room_for(struct fmt *f __noescape, size_t n)
{
	size_t room = bytes_len(f->buf) - f->len;
	if (n <= room)
		return n;
	f->overflow = true;
	return room;
}

void fmt_str(struct fmt *f __noescape, struct bytes s)
{
	size_t n = room_for(f, bytes_len(s));
	bytes_copy(bytes_sub(f->buf, f->len, n), bytes_sub(s, 0, n));
	f->len += n;
}

void fmt_cstr(struct fmt *f __noescape, struct bytes field)
{
	ssize_t nul = bytes_find(field, 0);
	fmt_str(f, nul < 0 ? field : bytes_sub(field, 0, (size_t)nul));
}

void fmt_ch(struct fmt *f __noescape, char c)
{
	if (!room_for(f, 1))
		return;
	bytes_set(f->buf, f->len, (uint8_t)c);
	f->len++;
}

static void pad(struct fmt *f __noescape, char c, size_t n)
{
	n = room_for(f, n);
	bytes_fill(bytes_sub(f->buf, f->len, n), (uint8_t)c);
	f->len += n;
}

void fmt_str_left(struct fmt *f __noescape, struct bytes s, size_t width)
{
	fmt_str(f, s);
	if (bytes_len(s) < width)
		pad(f, ' ', width - bytes_len(s));
}

void fmt_num(struct fmt *f __noescape, uint64_t v, unsigned base, size_t width, unsigned flags)
{
	char tmp[FMT_DIGITS_MAX];
	size_t n = 0;
	if (base < 2 || base > 16)
		base = 10;
	do {
		unsigned d = (unsigned)(v % base);
		tmp[n++] = (char)(d < 10 ? '0' + d : ((flags & FMT_UPPER) ? 'A' : 'a') + (d - 10));
		v /= base;
	} while (v);
	bool neg = flags & FMT_NEG;
	size_t used = n + (neg ? 1 : 0);
	size_t fill = width > used ? width - used : 0;
	if (!(flags & (FMT_LEFT | FMT_ZERO)))
		pad(f, ' ', fill);
	if (neg)
		fmt_ch(f, '-');
	if ((flags & FMT_ZERO) && !(flags & FMT_LEFT))
		pad(f, '0', fill);
	while (n)
		fmt_ch(f, tmp[--n]);
	if (flags & FMT_LEFT)
		pad(f, ' ', fill);
}

void fmt_i64(struct fmt *f __noescape, int64_t v)
{
	/* The magnitude of INT64_MIN does not fit an int64_t: negate in unsigned arithmetic. */
	if (v < 0)
		fmt_num(f, 0 - (uint64_t)v, 10, 0, FMT_NEG);
	else
		fmt_num(f, (uint64_t)v, 10, 0, 0);
}
