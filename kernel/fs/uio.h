/*
 * struct uio: where a read puts its data or a write finds it, without the
 * file system knowing whether that is kernel memory or user memory.
 *
 * A uio is a small value (pass it by value; it is never changed by the
 * callee): a window of `len` bytes over either a kernel slice or a user
 * address range. File systems copy with uio_copy_to/uio_copy_from at an
 * offset inside the window and report how far they got; the caller turns
 * that into the return value and the new file position. A later vector form
 * (readv/writev) can become a third kind without changing any file system.
 */
#ifndef KERNEL_FS_UIO_H
#define KERNEL_FS_UIO_H

#include <frame/types.h>
#include <frame/bytes.h>
#include <frame/user.h>

enum uio_kind {
	UIO_KERNEL, /* kbuf */
	UIO_USER, /* [ubuf, ubuf + len) in the current address space */
};

struct uio {
	enum uio_kind kind;
	struct bytes kbuf;
	uptr_t ubuf;
	size_t len;
};

struct uio uio_kernel(struct bytes b);
struct uio uio_user(uptr_t p, size_t len);

static inline __unused size_t uio_len(struct uio u)
{
	return u.len;
}

/* The window [off, off + len) of u; panics (bounds) past its end, like bytes_sub. */
struct uio uio_sub(struct uio u, size_t off, size_t len);
/* Copy src into u at off. 0 or -EFAULT; off + len(src) must be within u. */
int uio_copy_to(struct uio u, size_t off, struct bytes src);
/* Fill dst from u at off. 0 or -EFAULT. */
int uio_copy_from(struct uio u, size_t off, struct bytes dst);
/* Zero [off, off + len) of u. 0 or -EFAULT. */
int uio_zero(struct uio u, size_t off, size_t len);

struct page;
/* Copy len bytes of page pg from pgoff into u at off. 0, -EFAULT or -ENOMEM. */
int uio_copy_page_to(struct uio u, size_t off, struct page *pg, size_t pgoff, size_t len);
/* Copy len bytes from u at off into page pg at pgoff. 0, -EFAULT or -ENOMEM. */
int uio_copy_page_from(struct uio u, size_t off, struct page *pg, size_t pgoff, size_t len);

#endif /* KERNEL_FS_UIO_H */
