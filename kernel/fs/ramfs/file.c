/*
 * ramfs regular files, symlinks and special nodes: reading and writing
 * through the page store, truncation, attributes, symlink targets.
 *
 * Invariant: page bytes at or past i_size are zero (writes stay below the
 * new size, truncation zeroes what it cuts off), so extending a file, by
 * truncate or by writing past the end, exposes zeroes, and holes read as
 * zeroes because they have no page at all.
 */
#include <frame/vm.h>
#include "ramfs.h"

static struct vfs_rw ramfs_read(struct file *f, struct uio dst, uint64_t pos)
{
	struct inode *ip = f->inode;
	mutex_lock(&ip->lock);
	uint64_t size = ip->size;
	size_t n = 0;
	if (pos < size)
		n = (size_t)MIN((uint64_t)uio_len(dst), size - pos);
	size_t done = 0;
	int err = 0;
	struct ramfs_node *node = ramfs_node_of(ip); /* one checked lookup, not one per chunk */
	while (done < n) {
		uint64_t at = pos + done;
		size_t coff = (size_t)(at % RAMFS_CHUNK_SIZE);
		size_t len = MIN(RAMFS_CHUNK_SIZE - coff, n - done);
		struct page *pg = ramfs_chunk(node, at / RAMFS_CHUNK_SIZE, false);
		if (pg)
			err = uio_copy_page_to(dst, done, pg, coff, len);
		else
			err = uio_zero(dst, done, len);
		if (err)
			break;
		done += len;
	}
	mutex_unlock(&ip->lock);
	if (err && done == 0)
		return (struct vfs_rw){ .ret = err, .pos = pos };
	return (struct vfs_rw){ .ret = (ssize_t)done, .pos = pos + done };
}

static struct vfs_rw ramfs_write(struct file *f, struct uio src, uint64_t pos)
{
	struct inode *ip = f->inode;
	mutex_lock(&ip->lock);
	if (f->flags & O_APPEND)
		pos = ip->size; /* under the inode lock: appends from many files never interleave */
	size_t n = uio_len(src);
	int err = 0;
	if (n && pos >= RAMFS_MAX_FILE_SIZE)
		err = -EFBIG;
	else if (n > RAMFS_MAX_FILE_SIZE - pos)
		n = (size_t)(RAMFS_MAX_FILE_SIZE - pos);
	size_t done = 0;
	struct ramfs_node *node = ramfs_node_of(ip); /* one checked lookup, not one per chunk */
	while (!err && done < n) {
		uint64_t at = pos + done;
		size_t coff = (size_t)(at % RAMFS_CHUNK_SIZE);
		size_t len = MIN(RAMFS_CHUNK_SIZE - coff, n - done);
		struct page *pg = ramfs_chunk(node, at / RAMFS_CHUNK_SIZE, true);
		if (!pg) {
			err = -ENOMEM;
			break;
		}
		err = uio_copy_page_from(src, done, pg, coff, len);
		if (err)
			break;
		done += len;
	}
	if (done) {
		if (pos + done > ip->size)
			ip->size = pos + done;
		struct vfs_time now = vfs_now();
		ip->mtime = now;
		ip->ctime = now;
	}
	mutex_unlock(&ip->lock);
	if (err && done == 0)
		return (struct vfs_rw){ .ret = err, .pos = pos };
	return (struct vfs_rw){ .ret = (ssize_t)done, .pos = pos + done };
}

int ramfs_setattr(struct inode *ip, struct vfs_setattr attr)
{
	struct vfs_time now = vfs_now();
	if (attr.valid & ATTR_SIZE) {
		if (!S_ISREG(ip->mode))
			return -EINVAL;
		if (attr.size > RAMFS_MAX_FILE_SIZE)
			return -EFBIG;
		if (attr.size < ip->size)
			ramfs_data_truncate(ramfs_node_of(ip), attr.size);
		ip->size = attr.size;
		ip->mtime = now;
	}
	if (attr.valid & ATTR_MODE)
		ip->mode = (ip->mode & S_IFMT) | (attr.mode & S_IALLUGO);
	if (attr.valid & ATTR_UID)
		ip->uid = attr.uid;
	if (attr.valid & ATTR_GID)
		ip->gid = attr.gid;
	if (attr.valid & ATTR_ATIME)
		ip->atime = attr.atime;
	if (attr.valid & ATTR_MTIME)
		ip->mtime = attr.mtime;
	ip->ctime = now;
	return 0;
}

static ssize_t ramfs_readlink(struct inode *ip, struct bytes buf)
{
	struct bytes t = bytes_buf_view(ramfs_node_of(ip)->target);
	size_t n = MIN(bytes_len(t), bytes_len(buf));
	bytes_copy(buf, bytes_sub(t, 0, n));
	return (ssize_t)bytes_len(t);
}

static struct page *ramfs_get_page(struct inode *ip, uint64_t index)
{
	mutex_lock(&ip->lock);
	struct page *pg = NULL;
	if (index < (ip->size + PAGE_SIZE - 1) / PAGE_SIZE) {
		pg = ramfs_chunk(ramfs_node_of(ip), index, true); /* a hole gets its zeroed page now */
		if (pg)
			page_get(pg);
	}
	mutex_unlock(&ip->lock);
	return pg;
}

const struct inode_ops ramfs_file_iops = {
	.get_page = ramfs_get_page,
	.setattr = ramfs_setattr,
};

const struct inode_ops ramfs_symlink_iops = {
	.readlink = ramfs_readlink,
	.setattr = ramfs_setattr,
};

/* Device nodes, fifos and sockets: only attributes; open() takes its ops from the device table. */
const struct inode_ops ramfs_special_iops = {
	.setattr = ramfs_setattr,
};

const struct file_ops ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.lseek = vfs_generic_lseek,
};
