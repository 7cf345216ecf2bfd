/*
 * Attributes: stat, truncate, chmod, chdir, and the x86-64 `struct stat`
 * layout the syscall layer copies out.
 */
#include "vfs.h"
#include "vfs_internal.h"

int vfs_stat(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t flags,
	     struct vfs_stat *st __noescape)
{
	struct path_ref r = vfs_lookup(ctx, base, path, flags);
	if (r.err)
		return r.err;
	vfs_fill_stat(r.path.inode, st);
	vfs_path_put(r.path);
	return 0;
}

int vfs_setattr(struct inode *ip, struct vfs_setattr attr)
{
	if (attr.valid & ATTR_SIZE) {
		if (S_ISDIR(ip->mode))
			return -EISDIR;
		if (!S_ISREG(ip->mode))
			return -EINVAL;
		if (attr.size > (uint64_t)INT64_MAX)
			return -EFBIG;
	}
	if (!ip->ops->setattr)
		return -EPERM;
	mutex_lock(&ip->lock);
	int err = ip->ops->setattr(ip, attr);
	mutex_unlock(&ip->lock);
	return err;
}

int vfs_truncate(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, int64_t length)
{
	if (length < 0)
		return -EINVAL;
	struct path_ref r = vfs_lookup(ctx, base, path, LOOKUP_FOLLOW);
	if (r.err)
		return r.err;
	struct inode *ip = r.path.inode;
	int err = 0;
	if (S_ISDIR(ip->mode))
		err = -EISDIR;
	else if (!S_ISREG(ip->mode))
		err = -EINVAL;
	else
		err = vfs_permission(ctx, ip, MAY_WRITE);
	if (!err)
		err = vfs_setattr(ip, (struct vfs_setattr){ .valid = ATTR_SIZE, .size = (uint64_t)length });
	vfs_path_put(r.path);
	return err;
}

int vfs_chmod(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t mode)
{
	struct path_ref r = vfs_lookup(ctx, base, path, LOOKUP_FOLLOW);
	if (r.err)
		return r.err;
	struct inode *ip = r.path.inode;
	mutex_lock(&ip->lock);
	bool owner = ctx->uid == 0 || ctx->uid == ip->uid;
	mutex_unlock(&ip->lock);
	int err =
	    owner ? vfs_setattr(ip, (struct vfs_setattr){ .valid = ATTR_MODE, .mode = mode & S_IALLUGO }) : -EPERM;
	vfs_path_put(r.path);
	return err;
}

struct path_ref vfs_chdir(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path)
{
	struct path_ref r = vfs_lookup(ctx, base, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (r.err)
		return r;
	int err = vfs_permission(ctx, r.path.inode, MAY_EXEC);
	if (err) {
		vfs_path_put(r.path);
		return (struct path_ref){ .err = err };
	}
	return r;
}

static void put_le(struct bytes b, size_t off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		bytes_set(b, off + i, (uint8_t)(v >> (8 * i)));
}

void vfs_stat_to_linux(const struct vfs_stat *st __noescape, struct bytes out)
{
	bytes_fill(bytes_sub(out, 0, LINUX_STAT_SIZE), 0);
	put_le(out, 0, st->dev, 8);
	put_le(out, 8, st->ino, 8);
	put_le(out, 16, st->nlink, 8);
	put_le(out, 24, st->mode, 4);
	put_le(out, 28, st->uid, 4);
	put_le(out, 32, st->gid, 4);
	put_le(out, 40, st->rdev, 8);
	put_le(out, 48, st->size, 8);
	put_le(out, 56, st->blksize, 8);
	put_le(out, 64, st->blocks, 8);
	put_le(out, 72, (uint64_t)st->atime.sec, 8);
	put_le(out, 80, st->atime.nsec, 8);
	put_le(out, 88, (uint64_t)st->mtime.sec, 8);
	put_le(out, 96, st->mtime.nsec, 8);
	put_le(out, 104, (uint64_t)st->ctime.sec, 8);
	put_le(out, 112, st->ctime.nsec, 8);
}
