/*
 * Open files: reading, writing, seeking and listing through file_ops.
 *
 * The VFS owns the file offset. For seekable files (regular files and
 * directories) file->lock is held across the op and the offset update, so
 * concurrent reads through one open file never see the same bytes twice
 * (POSIX 2.9.7). Devices and pipes are not seekable: they get position 0
 * and no lock, since they may block for a long time.
 */
#include <frame/alloc.h>
#include "vfs.h"
#include "vfs_internal.h"

struct file_ref vfs_file_new(struct vfs_path p, uint32_t flags, const struct file_ops *ops)
{
	struct file *f = NEW(struct file);
	if (!f)
		return (struct file_ref){ .err = -ENOMEM };
	vfs_path_get(p);
	f->mnt = p.mnt;
	f->inode = p.inode;
	f->ops = ops;
	f->flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->refs = 1;
	uint32_t type = p.inode->mode & S_IFMT;
	f->seekable = type == S_IFREG || type == S_IFDIR || type == S_IFBLK;
	if (ops && ops->open && !(flags & O_PATH)) {
		int err = ops->open(p.inode, f);
		if (err) {
			f->ops = NULL; /* release is for opened files only */
			file_put(f);
			return (struct file_ref){ .err = err };
		}
	}
	return (struct file_ref){ .file = f };
}

static bool can_read(struct file *f)
{
	uint32_t acc = f->flags & O_ACCMODE;
	return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

static bool can_write(struct file *f)
{
	uint32_t acc = f->flags & O_ACCMODE;
	return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR);
}

static ssize_t do_read(struct file *f, struct uio dst, int64_t pos, bool use_fpos)
{
	if (!can_read(f))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->ops || !f->ops->read)
		return -EINVAL;
	if (!f->seekable)
		return f->ops->read(f, dst, 0).ret;
	if (!use_fpos)
		return f->ops->read(f, dst, (uint64_t)pos).ret;
	mutex_lock(&f->lock);
	struct vfs_rw r = f->ops->read(f, dst, f->pos);
	if (r.ret >= 0)
		f->pos = r.pos;
	mutex_unlock(&f->lock);
	return r.ret;
}

static ssize_t do_write(struct file *f, struct uio src, int64_t pos, bool use_fpos)
{
	if (!can_write(f))
		return -EBADF;
	if (!f->ops || !f->ops->write)
		return -EINVAL;
	if (!f->seekable)
		return f->ops->write(f, src, 0).ret;
	if (!use_fpos)
		return f->ops->write(f, src, (uint64_t)pos).ret;
	mutex_lock(&f->lock);
	struct vfs_rw r = f->ops->write(f, src, f->pos);
	if (r.ret >= 0)
		f->pos = r.pos;
	mutex_unlock(&f->lock);
	return r.ret;
}

ssize_t vfs_read(struct file *f, struct uio dst)
{
	return do_read(f, dst, 0, true);
}

ssize_t vfs_write(struct file *f, struct uio src)
{
	return do_write(f, src, 0, true);
}

ssize_t vfs_pread(struct file *f, struct uio dst, int64_t pos)
{
	if (pos < 0)
		return -EINVAL;
	if (!f->seekable)
		return can_read(f) ? -ESPIPE : -EBADF;
	return do_read(f, dst, pos, false);
}

ssize_t vfs_pwrite(struct file *f, struct uio src, int64_t pos)
{
	if (pos < 0)
		return -EINVAL;
	if (!f->seekable)
		return can_write(f) ? -ESPIPE : -EBADF;
	return do_write(f, src, pos, false);
}

int64_t vfs_generic_lseek(struct file *f, int64_t off, int whence)
{
	struct inode *ip = f->inode;
	mutex_lock(&ip->lock);
	int64_t size = (int64_t)ip->size;
	mutex_unlock(&ip->lock);
	int64_t base = 0;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		if (S_ISDIR(ip->mode))
			return -EINVAL; /* directory positions are cookies, not byte offsets */
		base = size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (!S_ISREG(ip->mode))
			return -EINVAL;
		if (off < 0 || off >= size)
			return -ENXIO;
		/* Holes are not reported yet: all data up to the implicit hole at the end. */
		return whence == SEEK_DATA ? off : size;
	default:
		return -EINVAL;
	}
	int64_t result = 0;
	if (__builtin_add_overflow(base, off, &result))
		return -EOVERFLOW;
	if (result < 0)
		return -EINVAL;
	return result;
}

int64_t vfs_lseek(struct file *f, int64_t off, int whence)
{
	if (f->flags & O_PATH)
		return -EBADF;
	if (!f->ops || (!f->ops->lseek && !f->seekable))
		return -ESPIPE;
	mutex_lock(&f->lock);
	int64_t r = f->ops->lseek ? f->ops->lseek(f, off, whence) : vfs_generic_lseek(f, off, whence);
	if (r >= 0)
		f->pos = (uint64_t)r;
	mutex_unlock(&f->lock);
	return r;
}

ssize_t vfs_getdents64(struct file *f, struct uio dst)
{
	if (f->flags & O_PATH)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode) || !f->ops || !f->ops->getdents)
		return -ENOTDIR;
	mutex_lock(&f->lock);
	ssize_t r = f->ops->getdents(f, dst);
	mutex_unlock(&f->lock);
	return r;
}

int vfs_ioctl(struct file *f, uint32_t cmd, uint64_t arg)
{
	if (f->flags & O_PATH)
		return -EBADF;
	if (!f->ops || !f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}

uint32_t vfs_poll(struct file *f, uint32_t events)
{
	if (f->flags & O_PATH)
		return POLLNVAL;
	if (!f->ops || !f->ops->poll)
		return events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM); /* regular files never block */
	return f->ops->poll(f, events);
}

int vfs_ftruncate(struct file *f, int64_t length)
{
	if (f->flags & O_PATH)
		return -EBADF;
	/* As Linux: a descriptor not open for writing, or not a regular file, is EINVAL here (truncate(2) differs). */
	if (length < 0 || !can_write(f) || !S_ISREG(f->inode->mode))
		return -EINVAL;
	return vfs_setattr(f->inode, (struct vfs_setattr){ .valid = ATTR_SIZE, .size = (uint64_t)length });
}

void vfs_fstat(struct file *f, struct vfs_stat *st __noescape)
{
	vfs_fill_stat(f->inode, st);
}

struct vfs_path vfs_file_path(struct file *f)
{
	struct vfs_path p = { f->mnt, f->inode };
	vfs_path_get(p);
	return p;
}
