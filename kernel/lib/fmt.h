/*
 * Text building for services: append strings and numbers to a byte slice.
 *
 * The services' replacement for printf. A `struct fmt` is a slice, how much
 * of it is used, and whether something did not fit. Every append is
 * bounds-checked: text that does not fit is cut at the end of the buffer and
 * sets `overflow`, so a caller can retry with a bigger buffer or keep the
 * prefix (readlink). Nothing is NUL-terminated.
 *
 *	struct fmt f = fmt_into(buf);
 *	fmt_lit(&f, "pipe:[");
 *	fmt_u64(&f, ino);
 *	fmt_lit(&f, "]");
 *	return f.overflow ? -ENAMETOOLONG : (ssize_t)f.len;
 */
#ifndef KERNEL_LIB_FMT_H
#define KERNEL_LIB_FMT_H

#include <frame/types.h>
#include <frame/bytes.h>

struct fmt {
	struct bytes buf;
	size_t len; /* bytes used at the start of buf */
	bool overflow; /* an append did not fit and was cut */
};

static inline struct fmt fmt_into(struct bytes buf)
{
	return (struct fmt){ .buf = buf, .len = 0, .overflow = false };
}

/* The text written so far. */
struct bytes fmt_text(const struct fmt *f __noescape);
/* The unused rest of the buffer, for a producer that writes in place; then fmt_commit. */
struct bytes fmt_tail(const struct fmt *f __noescape);
/* Account for n bytes a producer wrote into fmt_tail; more than the tail holds sets overflow. */
void fmt_commit(struct fmt *f __noescape, size_t n);

void fmt_str(struct fmt *f __noescape, struct bytes s);
/* A string literal. */
#define fmt_lit(f, s) fmt_str((f), BYTES_LIT(s))
/* A NUL-terminated (or full) array field, up to its NUL. */
void fmt_cstr(struct fmt *f __noescape, struct bytes field);
void fmt_ch(struct fmt *f __noescape, char c);
/* s, then spaces up to `width` columns (printf's %-Ns). */
void fmt_str_left(struct fmt *f __noescape, struct bytes s, size_t width);

/* Numbers: flags for fmt_num. */
#define FMT_ZERO 0x1u /* pad with zeroes, not spaces */
#define FMT_LEFT 0x2u /* pad on the right */
#define FMT_NEG 0x4u /* v is the magnitude of a negative number */
#define FMT_UPPER 0x8u /* digits above 9 in upper case */
/* v in `base` (2..16), padded to `width` columns. */
void fmt_num(struct fmt *f __noescape, uint64_t v, unsigned base, size_t width, unsigned flags);
void fmt_i64(struct fmt *f __noescape, int64_t v);

static inline void fmt_u64(struct fmt *f __noescape, uint64_t v)
{
	fmt_num(f, v, 10, 0, 0);
}

/* printf's %<width>lu: right-aligned in `width` columns. */
static inline void fmt_u64_w(struct fmt *f __noescape, uint64_t v, size_t width)
{
	fmt_num(f, v, 10, width, 0);
}

/* printf's %lx. */
static inline void fmt_hex(struct fmt *f __noescape, uint64_t v)
{
	fmt_num(f, v, 16, 0, 0);
}

/* printf's %0<width>lx. */
static inline void fmt_hex0(struct fmt *f __noescape, uint64_t v, size_t width)
{
	fmt_num(f, v, 16, width, FMT_ZERO);
}

#endif /* KERNEL_LIB_FMT_H */
