/*
 * struct vm_backing over an open file: private mappings read the file's
 * pages at fault time through the file's read op. Shared writable file
 * mappings need a page cache the memory file systems do not have yet, so
 * they fail with -ENODEV (the backing offers no shared_page).
 */
#include <frame/alloc.h>
#include "fs/file_backing.h"

static ssize_t fb_read(struct vm_backing *b, uint64_t offset, struct bytes dst)
{
	if (offset > (uint64_t)INT64_MAX)
		return -EINVAL;
	return vfs_pread(b->file, uio_kernel(dst), (int64_t)offset);
}

static void fb_get(struct vm_backing *b)
{
	b->refs++;
}

static void fb_put(struct vm_backing *b)
{
	if (--b->refs)
		return;
	file_put(b->file);
	FREE(b);
}

static const struct vm_backing_ops file_backing_ops = {
	.read = fb_read,
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
	b->ops = &file_backing_ops;
	b->may = VM_EXEC | ((acc == O_RDONLY || acc == O_RDWR) ? VM_READ : 0) |
		 ((acc == O_WRONLY || acc == O_RDWR) ? VM_WRITE : 0);
	b->refs = 1;
	file_get(f);
	b->file = f;
	return b;
}
