/* System calls on open files: read, write and their vector and positioned forms, seek, descriptors, fcntl, fadvise, sendfile. */
#include "syscall/syscall.h"
#include "syscall/fsargs.h"
#include "fs/pollwait.h"

#define IOV_MAX 1024
#define MAX_RW_COUNT 0x7ffff000ull

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8
#define F_GETOWN 9
#define F_DUPFD_CLOEXEC 1030
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC 1
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NOATIME | 020000u | 040000u)

enum rw { RW_READ, RW_WRITE };

static int64_t rw_one(struct file *f, enum rw dir, uptr_t buf, size_t len, int64_t pos)
{
	struct uio u = uio_user(buf, MIN(len, (size_t)MAX_RW_COUNT));
	if (dir == RW_READ)
		return pos < 0 ? vfs_read(f, u) : vfs_pread(f, u, pos);
	return pos < 0 ? vfs_write(f, u) : vfs_pwrite(f, u, pos);
}

static void raise_sigpipe(struct thread *t, int64_t r)
{
	if (r == -EPIPE)
		signal_send_thread(t, SIGPIPE);
}

static int64_t do_rw(struct thread *t, int fd, enum rw dir, uptr_t buf, size_t len, int64_t pos)
{
	struct file *f = fd_get(t->proc, fd);
	if (!f)
		return -EBADF;
	int64_t r = rw_one(f, dir, buf, len, pos);
	file_put(f);
	if (dir == RW_WRITE)
		raise_sigpipe(t, r);
	return r;
}

int64_t sys_read(struct thread *t, struct syscall_args a)
{
	return do_rw(t, arg_int(a, 0), RW_READ, arg_ptr(a, 1), a.a[2], -1);
}

int64_t sys_write(struct thread *t, struct syscall_args a)
{
	return do_rw(t, arg_int(a, 0), RW_WRITE, arg_ptr(a, 1), a.a[2], -1);
}

int64_t sys_pread64(struct thread *t, struct syscall_args a)
{
	if ((int64_t)a.a[3] < 0)
		return -EINVAL;
	return do_rw(t, arg_int(a, 0), RW_READ, arg_ptr(a, 1), a.a[2], (int64_t)a.a[3]);
}

int64_t sys_pwrite64(struct thread *t, struct syscall_args a)
{
	if ((int64_t)a.a[3] < 0)
		return -EINVAL;
	return do_rw(t, arg_int(a, 0), RW_WRITE, arg_ptr(a, 1), a.a[2], (int64_t)a.a[3]);
}

static int64_t do_rwv(struct thread *t, int fd, enum rw dir, uptr_t iov, uint64_t count, int64_t pos)
{
	if (count > IOV_MAX)
		return -EINVAL;
	struct file *f = fd_get(t->proc, fd);
	if (!f)
		return -EBADF;
	int64_t total = 0, r = 0;
	/* Check every entry first: a bad vector fails as a whole. */
	for (uint64_t i = 0; i < count && !r; i++) {
		uint64_t base = 0, len = 0;
		if (user_read_u64(uptr_add(iov, 16 * i), &base) || user_read_u64(uptr_add(iov, 16 * i + 8), &len))
			r = -EFAULT;
		else if ((int64_t)len < 0)
			r = -EINVAL;
	}
	for (uint64_t i = 0; i < count && !r; i++) {
		uint64_t base = 0, len = 0;
		user_read_u64(uptr_add(iov, 16 * i), &base);
		user_read_u64(uptr_add(iov, 16 * i + 8), &len);
		if (!len)
			continue;
		int64_t n = rw_one(f, dir, uptr(base), len, pos < 0 ? -1 : pos + total);
		if (n < 0) {
			if (!total)
				r = n;
			break;
		}
		total += n;
		if ((uint64_t)n < len)
			break;
	}
	file_put(f);
	if (dir == RW_WRITE)
		raise_sigpipe(t, r);
	return r ? r : total;
}

int64_t sys_readv(struct thread *t, struct syscall_args a)
{
	return do_rwv(t, arg_int(a, 0), RW_READ, arg_ptr(a, 1), a.a[2], -1);
}

int64_t sys_writev(struct thread *t, struct syscall_args a)
{
	return do_rwv(t, arg_int(a, 0), RW_WRITE, arg_ptr(a, 1), a.a[2], -1);
}

int64_t sys_preadv(struct thread *t, struct syscall_args a)
{
	if ((int64_t)a.a[3] < 0)
		return -EINVAL;
	return do_rwv(t, arg_int(a, 0), RW_READ, arg_ptr(a, 1), a.a[2], (int64_t)a.a[3]);
}

int64_t sys_pwritev(struct thread *t, struct syscall_args a)
{
	if ((int64_t)a.a[3] < 0)
		return -EINVAL;
	return do_rwv(t, arg_int(a, 0), RW_WRITE, arg_ptr(a, 1), a.a[2], (int64_t)a.a[3]);
}

int64_t sys_lseek(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	int64_t r = vfs_lseek(f, (int64_t)a.a[1], arg_int(a, 2));
	file_put(f);
	return r;
}

int64_t sys_getdents64(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	int64_t r = vfs_getdents64(f, uio_user(arg_ptr(a, 1), MIN(a.a[2], (uint64_t)MAX_RW_COUNT)));
	file_put(f);
	return r;
}

int64_t sys_ioctl(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	uint32_t cmd = (uint32_t)a.a[1];
	int64_t r;
	if (cmd == 0x5421) { /* FIONBIO */
		uint32_t on = 0;
		r = user_read_u32(arg_ptr(a, 2), &on);
		if (!r) {
			mutex_lock(&f->lock);
			f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
			mutex_unlock(&f->lock);
		}
	} else if (cmd == 0x5451 || cmd == 0x5450) { /* FIOCLEX, FIONCLEX */
		fd_set_cloexec(t->proc, arg_int(a, 0), cmd == 0x5451);
		r = 0;
	} else {
		r = vfs_ioctl(f, cmd, a.a[2]);
	}
	file_put(f);
	return r;
}

int64_t sys_close(struct thread *t, struct syscall_args a)
{
	return fd_close(t->proc, arg_int(a, 0));
}

int64_t sys_dup(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	int64_t r = fd_install(t->proc, f, 0, false);
	if (r < 0)
		file_put(f);
	return r;
}

static int64_t do_dup3(struct thread *t, int oldfd, int newfd, uint64_t flags)
{
	if (flags & ~(uint64_t)O_CLOEXEC)
		return -EINVAL;
	struct file *f = fd_get(t->proc, oldfd);
	if (!f)
		return -EBADF;
	int64_t r = fd_install_at(t->proc, f, newfd, flags & O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

int64_t sys_dup2(struct thread *t, struct syscall_args a)
{
	int oldfd = arg_int(a, 0), newfd = arg_int(a, 1);
	if (oldfd == newfd) {
		struct file *f = fd_get(t->proc, oldfd);
		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return do_dup3(t, oldfd, newfd, 0);
}

int64_t sys_dup3(struct thread *t, struct syscall_args a)
{
	if (arg_int(a, 0) == arg_int(a, 1))
		return -EINVAL;
	return do_dup3(t, arg_int(a, 0), arg_int(a, 1), a.a[2]);
}

int64_t sys_fcntl(struct thread *t, struct syscall_args a)
{
	int fd = arg_int(a, 0), cmd = arg_int(a, 1);
	struct file *f = fd_get(t->proc, fd);
	if (!f)
		return -EBADF;
	int64_t r;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((int64_t)a.a[2] < 0 || a.a[2] >= MAX_FDS) {
			r = -EINVAL;
			break;
		}
		r = fd_install(t->proc, f, (int)a.a[2], cmd == F_DUPFD_CLOEXEC);
		if (r >= 0)
			f = NULL; /* the reference moved into the table */
		break;
	case F_GETFD:
		r = fd_get_cloexec(t->proc, fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fd_set_cloexec(t->proc, fd, a.a[2] & FD_CLOEXEC);
		r = 0;
		break;
	case F_GETFL:
		r = f->flags;
		break;
	case F_SETFL:
		mutex_lock(&f->lock);
		f->flags = (f->flags & ~SETFL_MASK) | ((uint32_t)a.a[2] & SETFL_MASK);
		mutex_unlock(&f->lock);
		r = 0;
		break;
	case F_GETLK: {
		/* No record locks are ever held by others: report the range as unlocked (l_type = F_UNLCK). */
		r = user_write_u32(arg_ptr(a, 2), 2) ? -EFAULT : 0;
		break;
	}
	case F_SETLK:
	case F_SETLKW:
		r = 0; /* one process at a time cannot conflict with itself; advisory locks always succeed */
		break;
	case F_GETOWN:
		r = 0;
		break;
	case F_SETOWN:
		r = 0;
		break;
	case F_GETPIPE_SZ:
		r = S_ISFIFO(f->inode->mode) ? 65536 : -EBADF;
		break;
	default:
		r = -EINVAL;
	}
	if (f)
		file_put(f);
	return r;
}

int64_t sys_ftruncate(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	int64_t r = vfs_ftruncate(f, (int64_t)a.a[1]);
	file_put(f);
	return r;
}

int64_t sys_fchmod(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	int64_t r = vfs_setattr(f->inode, (struct vfs_setattr){ .valid = ATTR_MODE, .mode = (uint32_t)a.a[1] & 07777 });
	file_put(f);
	return r;
}

int64_t sys_fchown(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	struct vfs_setattr at = { 0 };
	if ((uint32_t)a.a[1] != 0xffffffffu) {
		at.valid |= ATTR_UID;
		at.uid = (uint32_t)a.a[1];
	}
	if ((uint32_t)a.a[2] != 0xffffffffu) {
		at.valid |= ATTR_GID;
		at.gid = (uint32_t)a.a[2];
	}
	int64_t r = vfs_setattr(f->inode, at);
	file_put(f);
	return r;
}

int64_t sys_fsync(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	file_put(f);
	return 0; /* memory file systems: nothing to write back */
}

int64_t sys_sync(struct thread *t, struct syscall_args a)
{
	(void)t;
	(void)a;
	return 0;
}

/* statfs: numbers a memory file system can honestly give. */
static int64_t put_statfs(uptr_t buf, struct vfs_sb *sb)
{
	struct bytes s = bytes_alloc(120);
	bytes_set_le64(s, 0, 0x858458f6ull); /* RAMFS_MAGIC */
	bytes_set_le64(s, 8, 4096); /* f_bsize */
	bytes_set_le64(s, 72, 255); /* f_namelen */
	bytes_set_le64(s, 80, 4096); /* f_frsize */
	bytes_set_le32(s, 56, sb->dev); /* f_fsid */
	int r = user_write(buf, s);
	bytes_free(s);
	return r;
}

int64_t sys_fstatfs(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	int64_t r = put_statfs(arg_ptr(a, 1), f->inode->sb);
	file_put(f);
	return r;
}

int64_t sys_statfs(struct thread *t, struct syscall_args a)
{
	struct upath u = path_from_user(arg_ptr(a, 0), false);
	int64_t r = u.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		struct path_ref pr = vfs_lookup(&ctx, (struct vfs_path){ 0 }, u.path, LOOKUP_FOLLOW);
		r = pr.err;
		if (!r) {
			r = put_statfs(arg_ptr(a, 1), pr.path.inode->sb);
			vfs_path_put(pr.path);
		}
	}
	path_release(u);
	return r;
}

int64_t sys_fadvise64(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	file_put(f);
	return arg_int(a, 3) >= 0 && arg_int(a, 3) <= 5 ? 0 : -EINVAL;
}

int64_t sys_sendfile(struct thread *t, struct syscall_args a)
{
	uptr_t offp = arg_ptr(a, 2);
	uint64_t count = MIN(a.a[3], 0x7ffff000ull);
	struct file *out = fd_get(t->proc, arg_int(a, 0));
	struct file *in = fd_get(t->proc, arg_int(a, 1));
	int64_t r = 0, done = 0;
	int64_t pos = -1;
	if (!out || !in)
		r = -EBADF;
	else if (!uptr_is_null(offp)) {
		uint64_t off = 0;
		r = user_read_u64(offp, &off) ? -EFAULT : (int64_t)off < 0 ? -EINVAL : 0;
		pos = (int64_t)off;
	}
	struct bytes buf = r ? bytes_empty() : bytes_alloc(65536);
	while (!r && (uint64_t)done < count) {
		size_t n = MIN((size_t)(count - (uint64_t)done), bytes_len(buf));
		struct bytes chunk = bytes_sub(buf, 0, n);
		ssize_t got = pos >= 0 ? vfs_pread(in, uio_kernel(chunk), pos + done) : vfs_read(in, uio_kernel(chunk));
		if (got <= 0) {
			if (got < 0 && !done)
				r = got;
			break;
		}
		ssize_t put = vfs_write(out, uio_kernel(bytes_sub(chunk, 0, (size_t)got)));
		if (put < 0) {
			if (!done)
				r = put;
			break;
		}
		done += put;
		if (put < got)
			break;
	}
	bytes_free(buf);
	if (!r && pos >= 0 && user_write_u64(offp, (uint64_t)(pos + done)))
		r = -EFAULT;
	if (out)
		file_put(out);
	if (in)
		file_put(in);
	if (r == -EPIPE)
		signal_send_thread(t, SIGPIPE);
	return r ? r : done;
}
