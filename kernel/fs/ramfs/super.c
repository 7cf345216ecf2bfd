/*
 * ramfs instances: creating inodes of each type, freeing them, tearing an
 * instance down, and the "ramfs"/"tmpfs" file-system types for mount(2).
 */
#include <frame/alloc.h>
#include "ramfs.h"
#include "fs/pipe.h"

/* A ramfs inode and its private part: allocated and found again only in this file. */
struct ramfs_inode {
	struct inode vfs;
	struct ramfs_node node;
};

struct ramfs_node *ramfs_node_of(struct inode *ip)
{
	return &CONTAINER_OF(ip, struct ramfs_inode, vfs)->node;
}

static void ramfs_evict(struct inode *ip)
{
	if (S_ISFIFO(ip->mode)) {
		pipe_fifo_free(ip);
		return;
	}
	struct ramfs_inode *ri = CONTAINER_OF(ip, struct ramfs_inode, vfs);
	ramfs_dir_free(&ri->node);
	ramfs_data_free(&ri->node);
	bytes_buf_free(ri->node.target);
	FREE(ri);
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
	case S_IFIFO:
		return pipe_fifo_new(sb, iops, attr); /* its pipe lives with it, in pipe.c */
	default:
		break;
	}
	struct ramfs_inode *ri = NEW(struct ramfs_inode);
	if (!ri)
		return NULL;
	inode_init(&ri->vfs, sb, iops, fops, attr);
	return &ri->vfs;
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
