/* System calls that name files by path: open, stat, mkdir, unlink, rename, links, chmod, mount... */
#include "syscall/syscall.h"
#include "syscall/fsargs.h"

#define OPEN_KNOWN_FLAGS                                                                                              \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | 020000u /* FASYNC */ | \
	 040000u /* O_DIRECT */ | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH |  \
	 O_TMPFILE)

static int64_t do_open(struct thread *t, int dirfd, uptr_t upath, uint32_t flags, uint32_t mode)
{
	if (flags & ~OPEN_KNOWN_FLAGS)
		return -EINVAL;
	struct upath u = path_from_user(upath, false);
	if (u.err) {
		path_release(u);
		return u.err;
	}
	struct base_ref b = base_from_fd(t, dirfd, u.path);
	int64_t r = b.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		struct file_ref fr = vfs_open(&ctx, b.path, u.path, flags, mode & 07777);
		r = fr.err;
		if (!r) {
			r = fd_install(t->proc, fr.file, 0, flags & O_CLOEXEC);
			if (r < 0)
				file_put(fr.file);
		}
	}
	base_release(b);
	path_release(u);
	return r;
}

int64_t sys_open(struct thread *t, struct syscall_args a)
{
	return do_open(t, AT_FDCWD, arg_ptr(a, 0), (uint32_t)a.a[1], (uint32_t)a.a[2]);
}

int64_t sys_openat(struct thread *t, struct syscall_args a)
{
	return do_open(t, arg_int(a, 0), arg_ptr(a, 1), (uint32_t)a.a[2], (uint32_t)a.a[3]);
}

int64_t sys_creat(struct thread *t, struct syscall_args a)
{
	return do_open(t, AT_FDCWD, arg_ptr(a, 0), O_CREAT | O_WRONLY | O_TRUNC, (uint32_t)a.a[1]);
}

/* ---- stat ---- */

static int64_t put_stat(uptr_t dst, const struct vfs_stat *st __noescape)
{
	struct bytes out = bytes_alloc(LINUX_STAT_SIZE);
	if (!bytes_len(out))
		return -ENOMEM;
	vfs_stat_to_linux(st, out);
	int r = user_write(dst, out);
	bytes_free(out);
	return r;
}

static int64_t do_fstatat(struct thread *t, int dirfd, uptr_t upath, uptr_t buf, uint32_t flags)
{
	if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	struct vfs_stat st = { 0 };
	struct upath u = path_from_user(upath, flags & AT_EMPTY_PATH);
	int64_t r = u.err;
	if (!r && bytes_len(u.path) == 0) {
		/* AT_EMPTY_PATH: the fd itself. */
		struct file *f = dirfd == AT_FDCWD ? NULL : fd_get(t->proc, dirfd);
		if (dirfd == AT_FDCWD) {
			struct vfs_ctx ctx = process_vfs_ctx(t->proc);
			r = vfs_stat(&ctx, ctx.cwd, BYTES_LIT("."), LOOKUP_FOLLOW, &st);
		} else if (!f) {
			r = -EBADF;
		} else {
			vfs_fstat(f, &st);
			file_put(f);
		}
	} else if (!r) {
		struct base_ref b = base_from_fd(t, dirfd, u.path);
		r = b.err;
		if (!r) {
			struct vfs_ctx ctx = process_vfs_ctx(t->proc);
			r = vfs_stat(&ctx, b.path, u.path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &st);
		}
		base_release(b);
	}
	path_release(u);
	return r ? r : put_stat(buf, &st);
}

int64_t sys_stat(struct thread *t, struct syscall_args a)
{
	return do_fstatat(t, AT_FDCWD, arg_ptr(a, 0), arg_ptr(a, 1), 0);
}

int64_t sys_lstat(struct thread *t, struct syscall_args a)
{
	return do_fstatat(t, AT_FDCWD, arg_ptr(a, 0), arg_ptr(a, 1), AT_SYMLINK_NOFOLLOW);
}

int64_t sys_newfstatat(struct thread *t, struct syscall_args a)
{
	return do_fstatat(t, arg_int(a, 0), arg_ptr(a, 1), arg_ptr(a, 2), (uint32_t)a.a[3]);
}

int64_t sys_fstat(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	struct vfs_stat st = { 0 };
	vfs_fstat(f, &st);
	file_put(f);
	return put_stat(arg_ptr(a, 1), &st);
}

/* ---- operations on one path ---- */

enum path_op { OP_MKDIR, OP_RMDIR, OP_UNLINK, OP_MKNOD, OP_CHMOD, OP_TRUNCATE, OP_ACCESS };

static int64_t one_path(struct thread *t, int dirfd, uptr_t upath, enum path_op op, uint64_t x, uint64_t y)
{
	struct at_path ap = at_path_get(t, dirfd, upath, false);
	struct upath u = ap.u;
	struct base_ref b = ap.b;
	int64_t r = ap.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		switch (op) {
		case OP_MKDIR:
			r = vfs_mkdir(&ctx, b.path, u.path, (uint32_t)x & 07777);
			break;
		case OP_RMDIR:
			r = vfs_rmdir(&ctx, b.path, u.path);
			break;
		case OP_UNLINK:
			r = vfs_unlink(&ctx, b.path, u.path);
			break;
		case OP_MKNOD:
			r = vfs_mknod(&ctx, b.path, u.path, (uint32_t)x, (uint32_t)y);
			break;
		case OP_CHMOD:
			r = vfs_chmod(&ctx, b.path, u.path, (uint32_t)x & 07777);
			break;
		case OP_TRUNCATE:
			r = vfs_truncate(&ctx, b.path, u.path, (int64_t)x);
			break;
		case OP_ACCESS: {
			struct path_ref pr =
			    vfs_lookup(&ctx, b.path, u.path, (y & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
			r = pr.err;
			if (!r) {
				uint32_t may =
				    ((x & 4) ? MAY_READ : 0) | ((x & 2) ? MAY_WRITE : 0) | ((x & 1) ? MAY_EXEC : 0);
				r = may ? vfs_permission(&ctx, pr.path.inode, may) : 0;
				vfs_path_put(pr.path);
			}
			break;
		}
		}
	}
	at_path_put(ap);
	return r;
}

int64_t sys_mkdir(struct thread *t, struct syscall_args a)
{
	return one_path(t, AT_FDCWD, arg_ptr(a, 0), OP_MKDIR, a.a[1], 0);
}
int64_t sys_mkdirat(struct thread *t, struct syscall_args a)
{
	return one_path(t, arg_int(a, 0), arg_ptr(a, 1), OP_MKDIR, a.a[2], 0);
}
int64_t sys_rmdir(struct thread *t, struct syscall_args a)
{
	return one_path(t, AT_FDCWD, arg_ptr(a, 0), OP_RMDIR, 0, 0);
}
int64_t sys_unlink(struct thread *t, struct syscall_args a)
{
	return one_path(t, AT_FDCWD, arg_ptr(a, 0), OP_UNLINK, 0, 0);
}

int64_t sys_unlinkat(struct thread *t, struct syscall_args a)
{
	uint64_t flags = a.a[2];
	if (flags & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	return one_path(t, arg_int(a, 0), arg_ptr(a, 1), (flags & AT_REMOVEDIR) ? OP_RMDIR : OP_UNLINK, 0, 0);
}

static int64_t mknod_checked(struct thread *t, int dirfd, uptr_t p, uint64_t mode, uint64_t dev)
{
	uint32_t type = (uint32_t)mode & S_IFMT;
	if (type == 0)
		mode |= S_IFREG;
	else if (type == S_IFDIR)
		return -EPERM;
	else if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	uint32_t rdev = vfs_mkdev((uint32_t)(dev >> 8) & 0xfff, (uint32_t)((dev & 0xff) | ((dev >> 12) & 0xfff00)));
	return one_path(t, dirfd, p, OP_MKNOD, mode, rdev);
}

int64_t sys_mknod(struct thread *t, struct syscall_args a)
{
	return mknod_checked(t, AT_FDCWD, arg_ptr(a, 0), a.a[1], a.a[2]);
}
int64_t sys_mknodat(struct thread *t, struct syscall_args a)
{
	return mknod_checked(t, arg_int(a, 0), arg_ptr(a, 1), a.a[2], a.a[3]);
}
int64_t sys_chmod(struct thread *t, struct syscall_args a)
{
	return one_path(t, AT_FDCWD, arg_ptr(a, 0), OP_CHMOD, a.a[1], 0);
}

int64_t sys_fchmodat(struct thread *t, struct syscall_args a)
{
	return one_path(t, arg_int(a, 0), arg_ptr(a, 1), OP_CHMOD, a.a[2], 0);
}

int64_t sys_truncate(struct thread *t, struct syscall_args a)
{
	if ((int64_t)a.a[1] < 0)
		return -EINVAL;
	return one_path(t, AT_FDCWD, arg_ptr(a, 0), OP_TRUNCATE, a.a[1], 0);
}

int64_t sys_access(struct thread *t, struct syscall_args a)
{
	if (a.a[1] & ~7ull)
		return -EINVAL;
	return one_path(t, AT_FDCWD, arg_ptr(a, 0), OP_ACCESS, a.a[1], 0);
}

int64_t sys_faccessat(struct thread *t, struct syscall_args a)
{
	if (a.a[2] & ~7ull)
		return -EINVAL;
	return one_path(t, arg_int(a, 0), arg_ptr(a, 1), OP_ACCESS, a.a[2], 0);
}

int64_t sys_faccessat2(struct thread *t, struct syscall_args a)
{
	if ((a.a[2] & ~7ull) || (a.a[3] & ~(uint64_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
		return -EINVAL;
	return one_path(t, arg_int(a, 0), arg_ptr(a, 1), OP_ACCESS, a.a[2], a.a[3]);
}

/* ---- two paths ---- */

#define RENAME_NOREPLACE 1

static int64_t two_paths(struct thread *t, int olddir, uptr_t oldp, int newdir, uptr_t newp, int op, uint64_t flags)
{
	struct upath o = path_from_user(oldp, false); /* neither a path nor a symlink target may be empty */
	struct upath n = path_from_user(newp, false);
	int64_t r = o.err ? o.err : n.err;
	struct base_ref ob = { 0 }, nb = { 0 };
	if (!r && op != 2) {
		ob = base_from_fd(t, olddir, o.path);
		r = ob.err;
	}
	if (!r) {
		nb = base_from_fd(t, newdir, n.path);
		r = nb.err;
	}
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		if (op == 0) {
			if (flags & RENAME_NOREPLACE) {
				struct path_ref exists = vfs_lookup(&ctx, nb.path, n.path, 0);
				if (!exists.err) {
					vfs_path_put(exists.path);
					r = -EEXIST;
				}
			}
			if (!r)
				r = vfs_rename(&ctx, ob.path, o.path, nb.path, n.path);
		} else if (op == 1) {
			r = vfs_link(&ctx, ob.path, o.path, nb.path, n.path, flags & AT_SYMLINK_FOLLOW);
		} else {
			r = vfs_symlink(&ctx, o.path, nb.path, n.path);
		}
	}
	base_release(ob);
	base_release(nb);
	path_release(o);
	path_release(n);
	return r;
}

int64_t sys_rename(struct thread *t, struct syscall_args a)
{
	return two_paths(t, AT_FDCWD, arg_ptr(a, 0), AT_FDCWD, arg_ptr(a, 1), 0, 0);
}

int64_t sys_renameat(struct thread *t, struct syscall_args a)
{
	return two_paths(t, arg_int(a, 0), arg_ptr(a, 1), arg_int(a, 2), arg_ptr(a, 3), 0, 0);
}

int64_t sys_renameat2(struct thread *t, struct syscall_args a)
{
	if (a.a[4] & ~(uint64_t)RENAME_NOREPLACE)
		return -EINVAL; /* RENAME_EXCHANGE and RENAME_WHITEOUT are not supported */
	return two_paths(t, arg_int(a, 0), arg_ptr(a, 1), arg_int(a, 2), arg_ptr(a, 3), 0, a.a[4]);
}

int64_t sys_link(struct thread *t, struct syscall_args a)
{
	return two_paths(t, AT_FDCWD, arg_ptr(a, 0), AT_FDCWD, arg_ptr(a, 1), 1, 0);
}

int64_t sys_linkat(struct thread *t, struct syscall_args a)
{
	if (a.a[4] & ~(uint64_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return two_paths(t, arg_int(a, 0), arg_ptr(a, 1), arg_int(a, 2), arg_ptr(a, 3), 1, a.a[4]);
}

int64_t sys_symlink(struct thread *t, struct syscall_args a)
{
	return two_paths(t, AT_FDCWD, arg_ptr(a, 0), AT_FDCWD, arg_ptr(a, 1), 2, 0);
}

int64_t sys_symlinkat(struct thread *t, struct syscall_args a)
{
	return two_paths(t, AT_FDCWD, arg_ptr(a, 0), arg_int(a, 1), arg_ptr(a, 2), 2, 0);
}

static int64_t do_readlink(struct thread *t, int dirfd, uptr_t upath, uptr_t buf, int len)
{
	if (len <= 0)
		return -EINVAL;
	struct at_path ap = at_path_get(t, dirfd, upath, false);
	int64_t r = ap.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		r = vfs_readlink(&ctx, ap.b.path, ap.u.path, uio_user(buf, (size_t)len));
	}
	at_path_put(ap);
	return r;
}

int64_t sys_readlink(struct thread *t, struct syscall_args a)
{
	return do_readlink(t, AT_FDCWD, arg_ptr(a, 0), arg_ptr(a, 1), arg_int(a, 2));
}

int64_t sys_readlinkat(struct thread *t, struct syscall_args a)
{
	return do_readlink(t, arg_int(a, 0), arg_ptr(a, 1), arg_ptr(a, 2), arg_int(a, 3));
}

/* ---- owners and times ---- */

static int64_t setattr_path(struct thread *t, int dirfd, uptr_t upath, bool follow, bool empty_ok,
			    struct vfs_setattr attr)
{
	struct at_path ap = at_path_get(t, dirfd, upath, empty_ok);
	struct upath u = ap.u;
	struct base_ref b = ap.b;
	int64_t r = ap.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		struct path_ref pr = bytes_len(u.path)
					 ? vfs_lookup(&ctx, b.path, u.path, follow ? LOOKUP_FOLLOW : 0)
					 : (struct path_ref){ .err = b.path.inode ? 0 : -EBADF, .path = b.path };
		r = pr.err;
		if (!r) {
			r = vfs_setattr(pr.path.inode, attr);
			if (bytes_len(u.path))
				vfs_path_put(pr.path);
		}
	}
	at_path_put(ap);
	return r;
}

static struct vfs_setattr owner_attr(uint64_t uid, uint64_t gid)
{
	struct vfs_setattr at = { 0 };
	if ((uint32_t)uid != 0xffffffffu) {
		at.valid |= ATTR_UID;
		at.uid = (uint32_t)uid;
	}
	if ((uint32_t)gid != 0xffffffffu) {
		at.valid |= ATTR_GID;
		at.gid = (uint32_t)gid;
	}
	return at;
}

int64_t sys_chown(struct thread *t, struct syscall_args a)
{
	return setattr_path(t, AT_FDCWD, arg_ptr(a, 0), true, false, owner_attr(a.a[1], a.a[2]));
}

int64_t sys_lchown(struct thread *t, struct syscall_args a)
{
	return setattr_path(t, AT_FDCWD, arg_ptr(a, 0), false, false, owner_attr(a.a[1], a.a[2]));
}

int64_t sys_fchownat(struct thread *t, struct syscall_args a)
{
	uint64_t flags = a.a[4];
	if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return setattr_path(t, arg_int(a, 0), arg_ptr(a, 1), !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH,
			    owner_attr(a.a[2], a.a[3]));
}

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

int64_t sys_utimensat(struct thread *t, struct syscall_args a)
{
	uint64_t flags = a.a[3];
	if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct vfs_setattr at = { .valid = ATTR_ATIME | ATTR_MTIME | ATTR_CTIME };
	struct vfs_time now = vfs_now();
	at.atime = at.mtime = now;
	uptr_t times = arg_ptr(a, 2);
	if (!uptr_is_null(times)) {
		uint64_t v[4] = { 0 };
		if (user_read_words(times, v))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			int64_t nsec = (int64_t)v[2 * i + 1];
			if (nsec != UTIME_NOW && nsec != UTIME_OMIT && (nsec < 0 || nsec >= 1000000000))
				return -EINVAL;
		}
		if ((int64_t)v[1] == UTIME_OMIT)
			at.valid &= ~ATTR_ATIME;
		else if ((int64_t)v[1] != UTIME_NOW)
			at.atime = (struct vfs_time){ (int64_t)v[0], (uint32_t)v[1] };
		if ((int64_t)v[3] == UTIME_OMIT)
			at.valid &= ~ATTR_MTIME;
		else if ((int64_t)v[3] != UTIME_NOW)
			at.mtime = (struct vfs_time){ (int64_t)v[2], (uint32_t)v[3] };
	}
	if (uptr_is_null(arg_ptr(a, 1))) {
		/* futimens: the fd itself. */
		struct file *f = fd_get(t->proc, arg_int(a, 0));
		if (!f)
			return -EBADF;
		int64_t r = vfs_setattr(f->inode, at);
		file_put(f);
		return r;
	}
	return setattr_path(t, arg_int(a, 0), arg_ptr(a, 1), !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, at);
}

/* ---- mounting ---- */

int64_t sys_mount(struct thread *t, struct syscall_args a)
{
	if (t->proc->euid != 0)
		return -EPERM;
	struct upath target = path_from_user(arg_ptr(a, 1), false);
	struct upath type = path_from_user(arg_ptr(a, 2), false);
	struct upath data = { .buf = bytes_alloc(VFS_PATH_MAX) };
	struct upath source = { .buf = bytes_alloc(VFS_PATH_MAX) };
	int64_t r = target.err ? target.err : type.err;
	if (!r && !uptr_is_null(arg_ptr(a, 0))) {
		/* The source is only recorded for /proc/mounts; an unreadable one is EFAULT as on Linux. */
		ssize_t n = user_read_str(source.buf, arg_ptr(a, 0));
		if (n < 0)
			r = n;
		else
			source.path = bytes_sub(source.buf, 0, (size_t)n);
	}
	if (!r && !uptr_is_null(arg_ptr(a, 4))) {
		ssize_t n = user_read_str(data.buf, arg_ptr(a, 4));
		if (n < 0)
			r = n;
		else
			data.path = bytes_sub(data.buf, 0, (size_t)n);
	}
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		r = vfs_mount_named(&ctx, source.path, type.path, target.path, data.path);
	}
	path_release(source);
	path_release(target);
	path_release(type);
	path_release(data);
	return r;
}

int64_t sys_umount2(struct thread *t, struct syscall_args a)
{
	if (t->proc->euid != 0)
		return -EPERM;
	if (a.a[1] & ~0xfull)
		return -EINVAL;
	struct upath u = path_from_user(arg_ptr(a, 0), false);
	int64_t r = u.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		struct path_ref pr = vfs_lookup(&ctx, (struct vfs_path){ 0 }, u.path, LOOKUP_FOLLOW);
		r = pr.err;
		if (!r) {
			r = vfs_umount(pr.path);
			vfs_path_put(pr.path);
		}
	}
	path_release(u);
	return r;
}

/* ---- working directory ---- */

static int64_t set_cwd(struct thread *t, struct vfs_path p)
{
	struct fs_state *fs = t->proc->fs;
	mutex_lock(&fs->lock);
	struct vfs_path old = fs->cwd;
	fs->cwd = p;
	mutex_unlock(&fs->lock);
	vfs_path_put(old);
	return 0;
}

int64_t sys_chdir(struct thread *t, struct syscall_args a)
{
	struct upath u = path_from_user(arg_ptr(a, 0), false);
	int64_t r = u.err;
	if (!r) {
		struct vfs_ctx ctx = process_vfs_ctx(t->proc);
		struct path_ref pr = vfs_chdir(&ctx, (struct vfs_path){ 0 }, u.path);
		r = pr.err ? pr.err : set_cwd(t, pr.path);
	}
	path_release(u);
	return r;
}

int64_t sys_fchdir(struct thread *t, struct syscall_args a)
{
	struct file *f = fd_get(t->proc, arg_int(a, 0));
	if (!f)
		return -EBADF;
	struct vfs_path p = vfs_file_path(f);
	file_put(f);
	if (!S_ISDIR(p.inode->mode)) {
		vfs_path_put(p);
		return -ENOTDIR;
	}
	return set_cwd(t, p);
}
