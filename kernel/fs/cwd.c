/*
 * getcwd(2): the name of the working directory, rebuilt by climbing from it
 * to the caller's root. Directories know their parent but not their own
 * name, so each step searches the parent for the child's inode number
 * (what Linux's dcache remembers, we look up; directories are small).
 */
#include <frame/alloc.h>
#include "vfs.h"
#include "vfs_internal.h"

/* Copy the name of `child` in `dir` into name; its length or -ENOENT. */
static ssize_t name_in(struct inode *dir, struct inode *child, struct bytes name)
{
	ssize_t found = -ENOENT;
	mutex_lock(&dir->lock);
	uint64_t pos = VFS_DIR_FIRST_POS;
	while (dir->ops->readdir) {
		struct vfs_dirent d = dir->ops->readdir(dir, pos, name);
		if (d.err || d.end)
			break;
		if (d.ino == child->ino) {
			found = (ssize_t)d.name_len;
			break;
		}
		pos = d.next_pos;
	}
	mutex_unlock(&dir->lock);
	return found;
}

ssize_t vfs_getcwd(const struct vfs_ctx *ctx __noescape, struct bytes buf)
{
	struct bytes path = bytes_alloc(VFS_PATH_MAX);
	struct bytes name = bytes_alloc(VFS_NAME_MAX);
	ssize_t ret = -ENOMEM;
	if (bytes_len(path) == 0 || bytes_len(name) == 0)
		goto out_free;
	size_t start = VFS_PATH_MAX; /* the path is built backwards in path[start..] */
	struct vfs_path cur = ctx->cwd;
	vfs_path_get(cur);
	ret = 0;
	while (!vfs_path_equal(cur, ctx->root)) {
		struct mount *m = cur.mnt;
		if (cur.inode == m->root) {
			if (!m->parent)
				break; /* outside the caller's root: show what is reachable */
			struct vfs_path up = { m->parent, m->mountpoint };
			vfs_path_get(up);
			vfs_path_put(cur);
			cur = up;
			continue;
		}
		mutex_lock(&cur.inode->lock);
		struct inode *parent = cur.inode->parent;
		if (parent)
			inode_get(parent);
		mutex_unlock(&cur.inode->lock);
		ssize_t n = parent ? name_in(parent, cur.inode, name) : -ENOENT;
		if (n < 0 || (size_t)n + 1 > start) {
			ret = n < 0 ? n : -ENAMETOOLONG;
			inode_put(parent);
			break;
		}
		start -= (size_t)n;
		bytes_copy(bytes_sub(path, start, (size_t)n), bytes_sub(name, 0, (size_t)n));
		start -= 1;
		bytes_set(path, start, '/');
		struct vfs_path up = { m, parent };
		mount_get(m);
		vfs_path_put(cur);
		cur = up;
	}
	vfs_path_put(cur);
	if (ret < 0)
		goto out_free;
	if (start == VFS_PATH_MAX) {
		start -= 1;
		bytes_set(path, start, '/');
	}
	size_t len = VFS_PATH_MAX - start;
	if (len + 1 > bytes_len(buf)) {
		ret = -ERANGE;
		goto out_free;
	}
	bytes_copy(buf, bytes_sub(path, start, len));
	bytes_set(buf, len, 0);
	ret = (ssize_t)(len + 1);
out_free:
	bytes_free(path);
	bytes_free(name);
	return ret;
}
