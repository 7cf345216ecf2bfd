/*
 * ramfs instances: creating inodes of each type, freeing them, tearing an
 * instance down, and the "ramfs"/"tmpfs" file-system types for mount(2).
 */
#include <frame/alloc.h>
#include "ramfs.h"

static void ramfs_evict(struct inode *ip)
{
	struct ramfs_node *n = ip->ramfs;
	if (!n)
		return;
	ramfs_dir_free(n);
	ramfs_data_free(n);
	bytes_buf_free(n->target);
	ip->ramfs = NULL;
	FREE(n);
}

static void ramfs_kill(struct vfs_sb *sb, struct inode *root)
{
	(void)sb;
	ramfs_kill_tree(root);
}

static const struct super_ops ramfs_super_ops = {
	.evict = ramfs_evict,
	.kill = ramfs_kill,
};

struct inode *ramfs_new_inode(struct vfs_sb *sb, struct inode_attr attr)
{
	struct ramfs_node *n = NEW(struct ramfs_node);
	if (!n)
		return NULL;
	const struct inode_ops *iops = &ramfs_special_iops;
	const struct file_ops *fops = NULL;
	switch (attr.mode & S_IFMT) {
	case S_IFDIR:
		iops = &ramfs_dir_iops;
		fops = &vfs_dir_file_ops;
		break;
	case S_IFREG:
		iops = &ramfs_file_iops;
		fops = &ramfs_file_fops;
		break;
	case S_IFLNK:
		iops = &ramfs_symlink_iops;
		break;
	default:
		break;
	}
	struct inode *ip = inode_new(sb, iops, fops, attr);
	if (!ip) {
		FREE(n);
		return NULL;
	}
	ip->ramfs = n;
	return ip;
}

struct sb_ref ramfs_new_instance(uint32_t root_mode)
{
	struct vfs_sb *sb = vfs_sb_new(&ramfs_super_ops);
	if (!sb)
		return (struct sb_ref){ .err = -ENOMEM };
	struct inode_attr attr = { .mode = S_IFDIR | (root_mode & S_IALLUGO) };
	struct inode *root = ramfs_new_inode(sb, attr);
	if (!root) {
		sb_put(sb);
		return (struct sb_ref){ .err = -ENOMEM };
	}
	root->nlink = 2;
	return (struct sb_ref){ .sb = sb, .root = root };
}

static struct sb_ref ramfs_mount(struct bytes data)
{
	/* Options (size=, mode=) are not parsed yet: accept none rather than ignore some. */
	if (bytes_len(data) && bytes_get(data, 0) != 0)
		return (struct sb_ref){ .err = -EINVAL };
	return ramfs_new_instance(0755);
}

static const struct fs_type_ops ramfs_type = {
	.mount = ramfs_mount,
};

int ramfs_register(void)
{
	int err = vfs_register_fs(BYTES_LIT("ramfs"), &ramfs_type);
	if (err && err != -EEXIST)
		return err;
	err = vfs_register_fs(BYTES_LIT("tmpfs"), &ramfs_type);
	return err == -EEXIST ? 0 : err;
}
