/*
 * struct uio: copies to and from kernel slices or user memory.
 *
 * The user form goes through the framework's fault-tolerant copies
 * (user_read/user_write/user_clear, F6), so a bad user pointer becomes
 * -EFAULT here and never a fault in a file system.
 */
#include "lib/errno.h"
#include <frame/vm.h>
#include "uio.h"

struct uio uio_kernel(struct bytes b)
{
	return (struct uio){ .kind = UIO_KERNEL, .kbuf = b, .ubuf = uptr(0), .len = bytes_len(b) };
}

struct uio uio_user(uptr_t p, size_t len)
{
	return (struct uio){ .kind = UIO_USER, .kbuf = bytes_empty(), .ubuf = p, .len = len };
}

/*
 * A window past the end is a service bug, like an out-of-range slice: trap
 * the same way, through a slice access that must fail.
 */
static void uio_window_fail(size_t end, size_t len)
{
	struct bytes none = bytes_empty();
	(void)bytes_get(none, end - len);
}

static void check_window(struct uio u, size_t off, size_t len)
{
	if (off > u.len || len > u.len - off)
		uio_window_fail(off + len, u.len);
}

struct uio uio_sub(struct uio u, size_t off, size_t len)
{
	check_window(u, off, len);
	if (u.kind == UIO_KERNEL)
		return uio_kernel(bytes_sub(u.kbuf, off, len));
	return uio_user(uptr_add(u.ubuf, off), len);
}

int uio_copy_to(struct uio u, size_t off, struct bytes src)
{
	check_window(u, off, bytes_len(src));
	if (bytes_len(src) == 0)
		return 0;
	if (u.kind == UIO_KERNEL) {
		bytes_copy(bytes_sub(u.kbuf, off, bytes_len(src)), src);
		return 0;
	}
	return user_write(uptr_add(u.ubuf, off), src);
}

int uio_copy_from(struct uio u, size_t off, struct bytes dst)
{
	check_window(u, off, bytes_len(dst));
	if (bytes_len(dst) == 0)
		return 0;
	if (u.kind == UIO_KERNEL) {
		bytes_copy(dst, bytes_sub(u.kbuf, off, bytes_len(dst)));
		return 0;
	}
	return user_read(dst, uptr_add(u.ubuf, off));
}

int uio_zero(struct uio u, size_t off, size_t len)
{
	check_window(u, off, len);
	if (len == 0)
		return 0;
	if (u.kind == UIO_KERNEL) {
		bytes_fill(bytes_sub(u.kbuf, off, len), 0);
		return 0;
	}
	return user_clear(uptr_add(u.ubuf, off), len);
}

/* Pages are reached only by copying (F3), straight to and from the slice or user memory. */
int uio_copy_page_to(struct uio u, size_t off, struct page *pg, size_t pgoff, size_t len)
{
	check_window(u, off, len);
	if (len == 0)
		return 0;
	if (u.kind == UIO_KERNEL) {
		page_read(pg, pgoff, bytes_sub(u.kbuf, off, len));
		return 0;
	}
	return page_read_user(pg, pgoff, uptr_add(u.ubuf, off), len);
}

int uio_copy_page_from(struct uio u, size_t off, struct page *pg, size_t pgoff, size_t len)
{
	check_window(u, off, len);
	if (len == 0)
		return 0;
	if (u.kind == UIO_KERNEL) {
		page_write(pg, pgoff, bytes_sub(u.kbuf, off, len));
		return 0;
	}
	return page_write_user(pg, pgoff, uptr_add(u.ubuf, off), len);
}
