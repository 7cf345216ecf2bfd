/*
 * struct vm_backing over an open file: private mappings read the file's
 * pages at fault time through the file's read op; shared mappings map the
 * file's own pages (inode_ops.get_page), so writes through the mapping and
 * through write(2) see each other. File systems without get_page cannot be
 * mapped shared (-ENODEV).
 */
#include <frame/alloc.h>
#include <frame/atomic.h>
#include "fs/file_backing.h"

static ssize_t fb_read(struct vm_backing *b, uint64_t offset, struct bytes dst)
{
	if (offset > (uint64_t)INT64_MAX)
		return -EINVAL;
	return vfs_pread(b->file, uio_kernel(dst), (int64_t)offset);
}

static struct vm_page_result fb_shared_page(struct vm_backing *b, uint64_t offset)
{
	struct inode *ip = b->file->inode;
	struct page *pg = ip->ops->get_page(ip, offset / PAGE_SIZE);
	return (struct vm_page_result){ pg, pg ? 0 : -EIO };
}

static void fb_get(struct vm_backing *b)
{
	atomic_add_u32(&b->refs, 1);
}

static void fb_put(struct vm_backing *b)
{
	if (atomic_sub_u32(&b->refs, 1))
		return;
	file_put(b->file);
	FREE(b);
}

static const struct vm_backing_ops file_backing_ops = {
	.read = fb_read,
	.get = fb_get,
	.put = fb_put,
};

/* Files whose pages can be shared with mappings (ramfs, tmpfs). */
static const struct vm_backing_ops shareable_file_backing_ops = {
	.read = fb_read,
	.shared_page = fb_shared_page,
	.get = fb_get,
	.put = fb_put,
};

struct vm_backing *file_backing_new(struct file *f)
{
	if (!S_ISREG(f->inode->mode) || !f->ops || !f->ops->read)
		return NULL;
	struct vm_backing *b = NEW(struct vm_backing);
	if (!b)
		return NULL;
	uint32_t acc = f->flags & O_ACCMODE;
	b->ops = f->inode->ops && f->inode->ops->get_page ? &shareable_file_backing_ops : &file_backing_ops;
	b->may = VM_EXEC | ((acc == O_RDONLY || acc == O_RDWR) ? VM_READ : 0) |
		 ((acc == O_WRONLY || acc == O_RDWR) ? VM_WRITE : 0);
	b->refs = 1;
	file_get(f);
	b->file = f;
	return b;
}
