/*
 * rename(2): move a name, possibly between directories, possibly replacing
 * what is there, atomically.
 *
 * Order of business (as Linux's lock_rename and vfs_rename):
 *   1. resolve both parents; "." or ".." as either last component is EBUSY,
 *      different mounts EXDEV;
 *   2. take the file system's rename_lock, which freezes the tree's shape
 *      (parent links), then both directories in the global order, then the
 *      moved inode and the one it replaces;
 *   3. check: a trailing slash needs a directory; types agree (ENOTDIR,
 *      EISDIR); a directory may not move below itself (EINVAL) nor replace
 *      one of its own ancestors (ENOTEMPTY); mount points stay (EBUSY);
 *   4. let the file system move the entry, then fix the parent links.
 */
#include "vfs.h"
#include "vfs_internal.h"

static int check_rename(const struct vfs_ctx *ctx __noescape, struct nameidata *od, struct nameidata *nw,
			struct inode *moved, struct inode *victim)
{
	struct inode *old_dir = od->cur.inode, *new_dir = nw->cur.inode;
	bool is_dir = S_ISDIR(moved->mode);
	if (!is_dir && (od->comp_slash || nw->comp_slash))
		return -ENOTDIR;
	if (old_dir->dead || new_dir->dead)
		return -ENOENT;
	int err = vfs_permission_locked(ctx, old_dir, MAY_WRITE | MAY_EXEC);
	if (!err)
		err = vfs_permission_locked(ctx, new_dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (is_dir && vfs_is_ancestor(moved, new_dir))
		return -EINVAL;
	if (victim) {
		if (is_dir && !S_ISDIR(victim->mode))
			return -ENOTDIR;
		if (!is_dir && S_ISDIR(victim->mode))
			return -EISDIR;
		if (vfs_is_ancestor(victim, old_dir))
			return -ENOTEMPTY;
		if (vfs_is_mountpoint(victim))
			return -EBUSY;
	}
	if (vfs_is_mountpoint(moved))
		return -EBUSY;
	if (!old_dir->ops->rename)
		return -EPERM;
	return 0;
}

static bool sticky_denies(const struct vfs_ctx *ctx __noescape, struct inode *dir, struct inode *ip)
{
	return (dir->mode & S_ISVTX) && ctx->uid != 0 && ctx->uid != ip->uid && ctx->uid != dir->uid;
}

int vfs_rename(const struct vfs_ctx *ctx __noescape, struct vfs_path old_base, struct bytes old_path,
	       struct vfs_path new_base, struct bytes new_path)
{
	int err = 0;
	struct nameidata *nw = NULL;
	struct nameidata *od = nd_new(ctx, old_base, old_path, &err);
	if (!od)
		return err;
	err = nd_walk_parent(od, old_path);
	if (err)
		goto out;
	nw = nd_new(ctx, new_base, new_path, &err);
	if (!nw)
		goto out;
	err = nd_walk_parent(nw, new_path);
	if (err)
		goto out;
	if (od->last_type != LAST_NORM || nw->last_type != LAST_NORM) {
		err = -EBUSY;
		goto out;
	}
	if (od->cur.mnt != nw->cur.mnt) {
		err = -EXDEV;
		goto out;
	}
	struct inode *old_dir = od->cur.inode, *new_dir = nw->cur.inode;
	struct vfs_sb *sb = old_dir->sb;
	mutex_lock(&sb->rename_lock);
	vfs_lock_two_dirs(old_dir, new_dir);
	struct inode_ref mr = vfs_lookup_locked(old_dir, nd_last(od));
	struct inode_ref vr = { .err = -ENOENT };
	err = mr.err;
	if (!err) {
		vr = vfs_lookup_locked(new_dir, nd_last(nw));
		if (vr.err && vr.err != -ENOENT)
			err = vr.err;
	}
	struct inode *moved = mr.inode, *victim = vr.inode;
	if (err || moved == victim) {
		/* Renaming a name onto another name of the same inode does nothing (POSIX). */
		if (!err && !S_ISDIR(moved->mode) && (od->comp_slash || nw->comp_slash))
			err = -ENOTDIR;
		goto out_unlock_dirs;
	}
	err = check_rename(ctx, od, nw, moved, victim);
	if (err)
		goto out_unlock_dirs;
	vfs_lock_two_nodes(moved, victim);
	if (sticky_denies(ctx, old_dir, moved) || (victim && sticky_denies(ctx, new_dir, victim)))
		err = -EPERM;
	else
		err = old_dir->ops->rename(old_dir, nd_last(od), new_dir, nd_last(nw), moved, victim);
	struct inode *drop_old_parent = NULL, *drop_victim_parent = NULL;
	if (!err && S_ISDIR(moved->mode) && old_dir != new_dir) {
		drop_old_parent = moved->parent;
		inode_get(new_dir);
		moved->parent = new_dir;
	}
	if (!err && victim && S_ISDIR(victim->mode)) {
		victim->dead = true;
		drop_victim_parent = victim->parent;
		victim->parent = NULL;
	}
	vfs_unlock_two_nodes(moved, victim);
	vfs_unlock_two_dirs(old_dir, new_dir);
	mutex_unlock(&sb->rename_lock);
	inode_put(drop_old_parent);
	inode_put(drop_victim_parent);
	goto out_put;
out_unlock_dirs:
	vfs_unlock_two_dirs(old_dir, new_dir);
	mutex_unlock(&sb->rename_lock);
out_put:
	inode_put(moved);
	inode_put(victim);
out:
	nd_free(nw);
	nd_free(od);
	return err;
}
