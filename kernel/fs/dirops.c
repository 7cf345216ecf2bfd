/*
 * Name-space operations on one directory: mkdir, mknod, symlink, link,
 * unlink, rmdir, readlink. (rename, which involves two, is in rename.c.)
 *
 * Each resolves the parent of the last component, locks that directory,
 * looks the name up again under the lock, checks everything POSIX asks for,
 * and only then calls the file system, which cannot change its mind about
 * anything but running out of memory.
 */
#include "vfs.h"
#include "vfs_internal.h"

/* A walker stopped at the last component's directory, or NULL with *err. */
static struct nameidata *walk_to_parent(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path,
					int *err __noescape)
{
	struct nameidata *nd = nd_new(ctx, base, path, err);
	if (!nd)
		return NULL;
	*err = nd_walk_parent(nd, path);
	if (*err) {
		nd_free(nd);
		return NULL;
	}
	return nd;
}

/* The sticky bit: only the owner of the entry or of the directory (or root) may remove it. Both locked. */
static bool sticky_denies(const struct vfs_ctx *ctx __noescape, struct inode *dir, struct inode *victim)
{
	return (dir->mode & S_ISVTX) && ctx->uid != 0 && ctx->uid != victim->uid && ctx->uid != dir->uid;
}

enum make_kind { MAKE_NODE, MAKE_DIR, MAKE_SYMLINK };

static int make(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, enum make_kind kind,
		uint32_t mode, uint32_t rdev, struct bytes target)
{
	int err = 0;
	struct nameidata *nd = walk_to_parent(ctx, base, path, &err);
	if (!nd)
		return err;
	if (nd->last_type != LAST_NORM) {
		err = -EEXIST; /* "/", "." and ".." all exist */
		goto out;
	}
	struct inode *dir = nd->cur.inode;
	mutex_lock(&dir->lock);
	struct inode_ref r = vfs_lookup_locked(dir, nd_last(nd));
	if (r.err == 0) {
		inode_put(r.inode);
		err = -EEXIST;
		goto out_unlock;
	}
	err = r.err == -ENOENT ? 0 : r.err;
	if (!err && dir->dead)
		err = -ENOENT;
	if (!err && kind != MAKE_DIR && nd->comp_slash)
		err = -ENOENT; /* "name/" asks for a directory that does not exist */
	if (!err)
		err = vfs_permission_locked(ctx, dir, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out_unlock;
	bool sgid = dir->mode & S_ISGID;
	struct inode_attr attr = { .mode = mode, .uid = ctx->uid, .gid = sgid ? dir->gid : ctx->gid, .rdev = rdev };
	switch (kind) {
	case MAKE_DIR:
		attr.mode = S_IFDIR | (mode & ~ctx->umask & S_IALLUGO) | (sgid ? S_ISGID : 0);
		r = dir->ops->mkdir ? dir->ops->mkdir(dir, nd_last(nd), attr) : (struct inode_ref){ .err = -EPERM };
		if (!r.err) {
			/* Not yet visible to anyone else: we hold the only lock that finds it. */
			inode_get(dir);
			r.inode->parent = dir;
		}
		break;
	case MAKE_NODE:
		r = dir->ops->create ? dir->ops->create(dir, nd_last(nd), attr) : (struct inode_ref){ .err = -EPERM };
		break;
	case MAKE_SYMLINK:
		attr.mode = S_IFLNK | 0777u;
		r = dir->ops->symlink ? dir->ops->symlink(dir, nd_last(nd), target, attr)
				      : (struct inode_ref){ .err = -EPERM };
		break;
	}
	err = r.err;
	if (!err)
		inode_put(r.inode);
out_unlock:
	mutex_unlock(&dir->lock);
out:
	nd_free(nd);
	return err;
}

int vfs_mkdir(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t mode)
{
	return make(ctx, base, path, MAKE_DIR, mode, 0, bytes_empty());
}

int vfs_mknod(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t mode,
	      uint32_t rdev)
{
	uint32_t type = mode & S_IFMT;
	if (type == 0)
		type = S_IFREG;
	if (type == S_IFDIR)
		return -EPERM;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	if (type != S_IFCHR && type != S_IFBLK)
		rdev = 0;
	return make(ctx, base, path, MAKE_NODE, type | (mode & ~ctx->umask & S_IALLUGO), rdev, bytes_empty());
}

int vfs_symlink(const struct vfs_ctx *ctx __noescape, struct bytes target, struct vfs_path base, struct bytes path)
{
	ssize_t nul = bytes_find(target, 0);
	if (nul >= 0)
		target = bytes_sub(target, 0, (size_t)nul);
	if (bytes_len(target) == 0)
		return -ENOENT;
	if (bytes_len(target) >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	return make(ctx, base, path, MAKE_SYMLINK, 0, 0, target);
}

int vfs_link_path(const struct vfs_ctx *ctx __noescape, struct vfs_path old, struct vfs_path new_base,
		  struct bytes new_path)
{
	if (S_ISDIR(old.inode->mode))
		return -EPERM; /* hard links to directories would make the tree a graph */
	int err = 0;
	struct nameidata *nd = walk_to_parent(ctx, new_base, new_path, &err);
	if (!nd)
		return err;
	if (nd->last_type != LAST_NORM) {
		err = -EEXIST;
		goto out;
	}
	if (nd->cur.mnt != old.mnt) {
		err = -EXDEV;
		goto out;
	}
	struct inode *dir = nd->cur.inode;
	mutex_lock(&dir->lock);
	struct inode_ref r = vfs_lookup_locked(dir, nd_last(nd));
	if (r.err == 0) {
		inode_put(r.inode);
		err = -EEXIST;
		goto out_unlock;
	}
	err = r.err == -ENOENT ? 0 : r.err;
	if (!err && (dir->dead || nd->comp_slash))
		err = -ENOENT;
	if (!err)
		err = vfs_permission_locked(ctx, dir, MAY_WRITE | MAY_EXEC);
	if (!err && !dir->ops->link)
		err = -EPERM;
	if (err)
		goto out_unlock;
	struct inode *ip = old.inode;
	mutex_lock(&ip->lock);
	if (ip->nlink == 0)
		err = -ENOENT; /* already unlinked: it cannot come back */
	else
		err = dir->ops->link(dir, nd_last(nd), ip);
	mutex_unlock(&ip->lock);
out_unlock:
	mutex_unlock(&dir->lock);
out:
	nd_free(nd);
	return err;
}

int vfs_link(const struct vfs_ctx *ctx __noescape, struct vfs_path old_base, struct bytes old_path,
	     struct vfs_path new_base, struct bytes new_path, bool follow_last)
{
	struct path_ref old = vfs_lookup(ctx, old_base, old_path, follow_last ? LOOKUP_FOLLOW : 0);
	if (old.err)
		return old.err;
	int err = vfs_link_path(ctx, old.path, new_base, new_path);
	vfs_path_put(old.path);
	return err;
}

int vfs_unlink(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path)
{
	int err = 0;
	struct nameidata *nd = walk_to_parent(ctx, base, path, &err);
	if (!nd)
		return err;
	if (nd->last_type != LAST_NORM) {
		err = -EISDIR;
		goto out;
	}
	struct inode *dir = nd->cur.inode;
	mutex_lock(&dir->lock);
	struct inode_ref r = vfs_lookup_locked(dir, nd_last(nd));
	err = r.err;
	if (err)
		goto out_unlock;
	struct inode *victim = r.inode;
	if (S_ISDIR(victim->mode))
		err = -EISDIR;
	else if (nd->comp_slash)
		err = -ENOTDIR;
	else
		err = vfs_permission_locked(ctx, dir, MAY_WRITE | MAY_EXEC);
	if (!err && !dir->ops->unlink)
		err = -EPERM;
	if (!err) {
		mutex_lock(&victim->lock);
		err = sticky_denies(ctx, dir, victim) ? -EPERM : dir->ops->unlink(dir, nd_last(nd), victim);
		mutex_unlock(&victim->lock);
	}
	mutex_unlock(&dir->lock);
	inode_put(victim);
	goto out;
out_unlock:
	mutex_unlock(&dir->lock);
out:
	nd_free(nd);
	return err;
}

int vfs_rmdir(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path)
{
	int err = 0;
	struct nameidata *nd = walk_to_parent(ctx, base, path, &err);
	if (!nd)
		return err;
	switch (nd->last_type) {
	case LAST_DOT:
		err = -EINVAL;
		goto out;
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out;
	case LAST_NONE:
		err = -EBUSY;
		goto out;
	case LAST_NORM:
		break;
	}
	struct inode *dir = nd->cur.inode;
	struct vfs_sb *sb = dir->sb;
	/* Clearing the victim's parent link needs rename_lock (see struct inode). */
	mutex_lock(&sb->rename_lock);
	mutex_lock(&dir->lock);
	struct inode_ref r = vfs_lookup_locked(dir, nd_last(nd));
	struct inode *victim = r.inode;
	struct inode *old_parent = NULL;
	err = r.err;
	if (!err && !S_ISDIR(victim->mode))
		err = -ENOTDIR;
	if (!err)
		err = vfs_permission_locked(ctx, dir, MAY_WRITE | MAY_EXEC);
	if (!err && vfs_is_mountpoint(victim))
		err = -EBUSY;
	if (!err && !dir->ops->rmdir)
		err = -EPERM;
	if (!err) {
		mutex_lock(&victim->lock);
		err = sticky_denies(ctx, dir, victim) ? -EPERM : dir->ops->rmdir(dir, nd_last(nd), victim);
		if (!err) {
			victim->dead = true;
			old_parent = victim->parent;
			victim->parent = NULL;
		}
		mutex_unlock(&victim->lock);
	}
	mutex_unlock(&dir->lock);
	mutex_unlock(&sb->rename_lock);
	inode_put(old_parent);
	inode_put(victim);
out:
	nd_free(nd);
	return err;
}

ssize_t vfs_readlink(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, struct uio buf)
{
	struct path_ref r = vfs_lookup(ctx, base, path, 0);
	if (r.err)
		return r.err;
	struct inode *ip = r.path.inode;
	ssize_t ret = -EINVAL;
	if (S_ISLNK(ip->mode) && ip->ops->readlink) {
		struct bytes tmp = bytes_alloc(VFS_PATH_MAX);
		ret = -ENOMEM;
		if (bytes_len(tmp)) {
			mutex_lock(&ip->lock);
			ssize_t n = ip->ops->readlink(ip, tmp);
			mutex_unlock(&ip->lock);
			ret = n;
			if (n >= 0) {
				size_t copy = MIN((size_t)n, MIN(uio_len(buf), bytes_len(tmp)));
				int err = uio_copy_to(buf, 0, bytes_sub(tmp, 0, copy));
				ret = err ? err : (ssize_t)copy;
			}
			bytes_free(tmp);
		}
	}
	vfs_path_put(r.path);
	return ret;
}
