/* See fsargs.h. */
#include "syscall/fsargs.h"

struct upath path_from_user(uptr_t p, bool allow_empty)
{
	struct upath u = { .buf = bytes_alloc(VFS_PATH_MAX) };
	if (!bytes_len(u.buf)) {
		u.err = -ENOMEM;
		return u;
	}
	ssize_t n = user_read_str(u.buf, p);
	if (n < 0)
		u.err = (int)n;
	else if (n == 0 && !allow_empty)
		u.err = -ENOENT;
	else
		u.path = bytes_sub(u.buf, 0, (size_t)n);
	return u;
}

void path_release(struct upath u)
{
	bytes_free(u.buf);
}

struct base_ref base_from_fd(struct thread *t, int dirfd, struct bytes path)
{
	/* An absolute path ignores dirfd, even a bad one. */
	if (dirfd == AT_FDCWD || (bytes_len(path) && bytes_get(path, 0) == '/'))
		return (struct base_ref){ 0 };
	struct file *f = fd_get(t->proc, dirfd);
	if (!f)
		return (struct base_ref){ .err = -EBADF };
	struct vfs_path p = vfs_file_path(f);
	file_put(f);
	return (struct base_ref){ .path = p };
}

struct at_path at_path_get(struct thread *t, int dirfd, uptr_t p, bool allow_empty)
{
	struct at_path a = { .u = path_from_user(p, allow_empty) };
	a.err = a.u.err;
	if (!a.err) {
		a.b = base_from_fd(t, dirfd, a.u.path);
		a.err = a.b.err;
	}
	return a;
}

void at_path_put(struct at_path a)
{
	base_release(a.b);
	path_release(a.u);
}

void base_release(struct base_ref b)
{
	if (b.path.inode)
		vfs_path_put(b.path);
}
