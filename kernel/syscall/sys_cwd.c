/*
 * getcwd, umask and pipe: small system calls over a process's file-system
 * context and fs/ (the path itself is built by vfs_getcwd, the pipe by
 * fs/pipe.c).
 */
#include "syscall/syscall.h"
#include "syscall/fsargs.h"
#include "fs/pipe.h"

int64_t sys_getcwd(struct thread *t, struct syscall_args a)
{
	struct vfs_ctx ctx = process_vfs_ctx(t->proc);
	struct bytes buf = bytes_alloc(VFS_PATH_MAX);
	if (!bytes_len(buf))
		return -ENOMEM;
	ssize_t n = vfs_getcwd(&ctx, buf); /* counts the NUL, as getcwd(2) returns */
	int64_t r = n;
	if (n > 0 && (uint64_t)n > a.a[1])
		r = -ERANGE;
	else if (n > 0)
		r = user_write(arg_ptr(a, 0), bytes_sub(buf, 0, (size_t)n)) ? -EFAULT : n;
	bytes_free(buf);
	return r;
}

static int64_t do_pipe(struct thread *t, uptr_t fds, uint64_t flags)
{
	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK | 040000u /* O_DIRECT */))
		return -EINVAL;
	struct pipe_files pf = pipe_create((uint32_t)flags);
	if (pf.err)
		return pf.err;
	int rfd = fd_install(t->proc, pf.read, 0, flags & O_CLOEXEC);
	if (rfd < 0) {
		file_put(pf.read);
		file_put(pf.write);
		return rfd;
	}
	int wfd = fd_install(t->proc, pf.write, 0, flags & O_CLOEXEC);
	if (wfd < 0) {
		fd_close(t->proc, rfd);
		file_put(pf.write);
		return wfd;
	}
	if (user_write_u32(fds, (uint32_t)rfd) || user_write_u32(uptr_add(fds, 4), (uint32_t)wfd)) {
		fd_close(t->proc, rfd);
		fd_close(t->proc, wfd);
		return -EFAULT;
	}
	return 0;
}

int64_t sys_pipe(struct thread *t, struct syscall_args a)
{
	return do_pipe(t, arg_ptr(a, 0), 0);
}

int64_t sys_pipe2(struct thread *t, struct syscall_args a)
{
	return do_pipe(t, arg_ptr(a, 0), a.a[1]);
}

int64_t sys_umask(struct thread *t, struct syscall_args a)
{
	struct fs_state *fs = t->proc->fs;
	mutex_lock(&fs->lock);
	uint32_t old = fs->umask;
	fs->umask = (uint32_t)a.a[0] & 0777;
	mutex_unlock(&fs->lock);
	return old;
}
