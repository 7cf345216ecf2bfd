/*
 * open(2): resolving the name (creating it with O_CREAT), checking the
 * access mode against the file's type and permissions, and choosing the
 * file_ops: the inode's own, or a device driver's for device nodes.
 *
 * With O_CREAT the last component is looked up and created under the
 * directory's lock, so two O_CREAT|O_EXCL opens of one name cannot both
 * succeed; a symlink found there is followed (unless O_EXCL or O_NOFOLLOW)
 * and the walk continues from its target, which may itself be created.
 */
#include "vfs.h"
#include "vfs_internal.h"
#include "pipe.h"

/* O_CREAT: the final (mount, inode), counted, through *out; *created says whether it is new. */
static int open_create(struct nameidata *nd, struct bytes path, uint32_t flags, uint32_t mode,
		       struct vfs_path *out __noescape, bool *created __noescape)
{
	int err = nd_walk_parent(nd, path);
	for (;;) {
		if (err)
			return err;
		if (nd->last_type != LAST_NORM || nd->comp_slash)
			return -EISDIR;
		struct inode *dir = nd->cur.inode;
		mutex_lock(&dir->lock);
		struct inode_ref r = vfs_lookup_locked(dir, nd_last(nd));
		if (r.err == -ENOENT) {
			err = dir->dead ? -ENOENT : vfs_permission_locked(&nd->ctx, dir, MAY_WRITE | MAY_EXEC);
			if (!err && !dir->ops->create)
				err = -EACCES;
			if (!err) {
				struct inode_attr attr = { .mode = S_IFREG | (mode & ~nd->ctx.umask & S_IALLUGO),
							   .uid = nd->ctx.uid,
							   .gid = (dir->mode & S_ISGID) ? dir->gid : nd->ctx.gid };
				r = dir->ops->create(dir, nd_last(nd), attr);
				err = r.err;
			}
			mutex_unlock(&dir->lock);
			if (err)
				return err;
			*created = true;
			*out = (struct vfs_path){ nd->cur.mnt, r.inode };
			mount_get(nd->cur.mnt);
			return 0;
		}
		mutex_unlock(&dir->lock);
		if (r.err)
			return r.err;
		if (flags & O_EXCL) {
			inode_put(r.inode);
			return -EEXIST;
		}
		if (S_ISLNK(r.inode->mode) && !(flags & O_NOFOLLOW)) {
			err = nd_follow_last(nd, r.inode, path);
			inode_put(r.inode);
			continue;
		}
		struct vfs_path p = { nd->cur.mnt, r.inode };
		mount_get(p.mnt);
		*out = vfs_follow_mounts(p);
		return 0;
	}
}

/* The ops an open of ip uses: the inode's, or the driver's for a device node. */
static int choose_ops(struct inode *ip, const struct file_ops **ops __noescape)
{
	switch (ip->mode & S_IFMT) {
	case S_IFCHR:
		*ops = chrdev_lookup(vfs_dev_major(ip->rdev), vfs_dev_minor(ip->rdev));
		return *ops ? 0 : -ENXIO;
	case S_IFIFO:
		*ops = &pipe_fops;
		return 0;
	case S_IFBLK: /* no block devices yet */
	case S_IFSOCK: /* sockets are opened with socket(2), never open(2) */
		return -ENXIO;
	default:
		*ops = ip->fops;
		return 0;
	}
}

struct file_ref vfs_open(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t flags,
			 uint32_t mode)
{
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return (struct file_ref){ .err = -EOPNOTSUPP };
	uint32_t acc = flags & O_ACCMODE;
	if (acc == O_ACCMODE)
		return (struct file_ref){ .err = -EINVAL };
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC; /* as Linux: everything else is ignored */
	int err = 0;
	struct nameidata *nd = nd_new(ctx, base, path, &err);
	if (!nd)
		return (struct file_ref){ .err = err };
	struct vfs_path p = { 0 };
	bool created = false;
	if (flags & O_CREAT) {
		err = open_create(nd, path, flags, mode, &p, &created);
	} else {
		uint32_t lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
		err = nd_walk(nd, lf | ((flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0), path);
		if (!err) {
			p = nd->cur;
			vfs_path_get(p);
		}
	}
	nd_free(nd);
	if (err)
		return (struct file_ref){ .err = err };

	struct inode *ip = p.inode;
	struct file_ref fr = { 0 };
	const struct file_ops *ops = NULL;
	bool want_write = acc != O_RDONLY || (flags & O_TRUNC);
	if (S_ISLNK(ip->mode) && !(flags & O_PATH)) {
		fr.err = -ELOOP; /* O_NOFOLLOW met a symlink */
	} else if ((flags & O_CREAT) && S_ISDIR(ip->mode)) {
		fr.err = -EISDIR;
	} else if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode)) {
		fr.err = -ENOTDIR;
	} else if (S_ISDIR(ip->mode) && want_write && !(flags & O_PATH)) {
		fr.err = -EISDIR;
	} else if (flags & O_PATH) {
		fr = vfs_file_new(p, flags, NULL);
	} else {
		uint32_t may = (acc != O_WRONLY ? MAY_READ : 0) | (want_write ? MAY_WRITE : 0);
		fr.err = created ? 0 : vfs_permission(ctx, ip, may);
		if (!fr.err)
			fr.err = choose_ops(ip, &ops);
		if (!fr.err && (flags & O_TRUNC) && S_ISREG(ip->mode) && !created)
			fr.err = vfs_setattr(ip, (struct vfs_setattr){ .valid = ATTR_SIZE, .size = 0 });
		if (!fr.err)
			fr = vfs_file_new(p, flags, ops);
	}
	vfs_path_put(p);
	return fr;
}

struct file_ref vfs_open_path(struct vfs_path p, uint32_t flags)
{
	const struct file_ops *ops = NULL;
	int err = choose_ops(p.inode, &ops);
	if (err)
		return (struct file_ref){ .err = err };
	return vfs_file_new(p, flags, ops);
}
