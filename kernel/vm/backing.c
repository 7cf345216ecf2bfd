/*
 * Backings other than files: a read-only byte buffer (the initramfs and
 * tests use it to map or exec an image in memory) and shmem, the unnamed
 * object behind MAP_SHARED|MAP_ANONYMOUS whose pages every mapping of it,
 * in every process, shares.
 */
#include <frame/alloc.h>
#include <frame/spinlock.h>
#include <frame/vm.h>
#include <frame/wait.h>
#include "vm/mm.h"

ssize_t vm_backing_read_full(struct vm_backing *b, uint64_t offset, struct bytes dst)
{
	size_t done = 0, len = bytes_len(dst);
	while (done < len) {
		ssize_t r = b->ops->read(b, offset + done, bytes_sub(dst, done, len - done));
		if (r < 0)
			return r;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

/* ---- a byte buffer ---- */

struct bytes_backing {
	struct vm_backing b;
	struct bytes_buf data; /* not owned: the creator keeps it alive while it is mapped */
	struct spinlock lock;
	unsigned refs;
};

static ssize_t bytes_backing_read(struct vm_backing *b, uint64_t offset, struct bytes dst)
{
	struct bytes_backing *bb = b->bytes_owner;
	struct bytes data = bytes_buf_view(bb->data);
	size_t size = bytes_len(data);
	if (offset >= size)
		return 0;
	size_t n = (size_t)MIN((uint64_t)bytes_len(dst), size - offset);
	bytes_copy(dst, bytes_sub(data, (size_t)offset, n));
	return (ssize_t)n;
}

static void bytes_backing_get(struct vm_backing *b)
{
	struct bytes_backing *bb = b->bytes_owner;
	spin_lock(&bb->lock);
	bb->refs++;
	spin_unlock(&bb->lock);
}

static void bytes_backing_put(struct vm_backing *b)
{
	struct bytes_backing *bb = b->bytes_owner;
	spin_lock(&bb->lock);
	bool last = --bb->refs == 0;
	spin_unlock(&bb->lock);
	if (last)
		FREE(bb);
}

static const struct vm_backing_ops bytes_backing_ops = {
	.read = bytes_backing_read,
	.shared_page = NULL, /* a read-only image cannot be mapped shared */
	.get = bytes_backing_get,
	.put = bytes_backing_put,
};

struct vm_backing *vm_backing_from_buf(struct bytes_buf data, unsigned may)
{
	struct bytes_backing *bb = NEW(struct bytes_backing);
	if (!bb)
		return NULL;
	bb->b.ops = &bytes_backing_ops;
	bb->b.may = may & (VM_READ | VM_EXEC); /* MAP_SHARED writes would have nowhere to go */
	bb->b.bytes_owner = bb;
	bb->data = data;
	bb->refs = 1;
	return &bb->b;
}

/* ---- shmem ---- */

/* One page of the object. A list is fine for the few pages of typical shared mappings. */
struct shmem_page {
	uint64_t index;
	struct page *pg; /* the object's reference */
	struct shmem_page *next;
};

struct shmem {
	struct vm_backing b;
	struct mutex lock;
	unsigned refs; /* under lock */
	uint64_t size;
	struct shmem_page *pages;
};

static struct page *shmem_lookup(struct shmem *sh, uint64_t index)
{
	for (struct shmem_page *p = sh->pages; p; p = p->next)
		if (p->index == index)
			return p->pg;
	return NULL;
}

static struct vm_page_result shmem_shared_page(struct vm_backing *b, uint64_t offset)
{
	struct shmem *sh = b->shmem_owner;
	struct vm_page_result res = { NULL, 0 };
	if (offset >= sh->size) {
		res.err = -EIO; /* past the end of the object: SIGBUS, as on Linux */
		return res;
	}
	uint64_t index = offset / PAGE_SIZE;
	mutex_lock(&sh->lock);
	struct page *pg = shmem_lookup(sh, index);
	if (!pg) {
		struct shmem_page *n = NEW(struct shmem_page);
		pg = n ? page_alloc() : NULL;
		if (!pg) {
			if (n)
				FREE(n);
			mutex_unlock(&sh->lock);
			res.err = -ENOMEM;
			return res;
		}
		n->index = index;
		n->pg = pg;
		n->next = sh->pages;
		sh->pages = n;
	}
	page_get(pg);
	mutex_unlock(&sh->lock);
	res.page = pg;
	return res;
}

static ssize_t shmem_read(struct vm_backing *b, uint64_t offset, struct bytes dst)
{
	struct shmem *sh = b->shmem_owner;
	if (offset >= sh->size)
		return 0;
	size_t len = (size_t)MIN((uint64_t)bytes_len(dst), sh->size - offset);
	mutex_lock(&sh->lock);
	for (size_t done = 0; done < len;) {
		uint64_t at = offset + done;
		size_t in_page = (size_t)(at % PAGE_SIZE);
		size_t n = MIN(PAGE_SIZE - in_page, len - done);
		struct page *pg = shmem_lookup(sh, at / PAGE_SIZE);
		if (pg)
			page_read(pg, in_page, bytes_sub(dst, done, n));
		else
			bytes_fill(bytes_sub(dst, done, n), 0); /* never touched: zeros */
		done += n;
	}
	mutex_unlock(&sh->lock);
	return (ssize_t)len;
}

static void shmem_get(struct vm_backing *b)
{
	struct shmem *sh = b->shmem_owner;
	mutex_lock(&sh->lock);
	sh->refs++;
	mutex_unlock(&sh->lock);
}

static void shmem_put(struct vm_backing *b)
{
	struct shmem *sh = b->shmem_owner;
	mutex_lock(&sh->lock);
	bool last = --sh->refs == 0;
	mutex_unlock(&sh->lock);
	if (!last)
		return;
	struct shmem_page *p = sh->pages;
	while (p) {
		struct shmem_page *next = p->next;
		page_put(p->pg);
		FREE(p);
		p = next;
	}
	FREE(sh);
}

static const struct vm_backing_ops shmem_ops = {
	.read = shmem_read,
	.shared_page = shmem_shared_page,
	.get = shmem_get,
	.put = shmem_put,
};

struct vm_backing *vm_shmem_new(uint64_t size)
{
	struct shmem *sh = NEW(struct shmem);
	if (!sh)
		return NULL;
	sh->b.ops = &shmem_ops;
	sh->b.may = VM_READ | VM_WRITE | VM_EXEC;
	sh->b.shmem_owner = sh;
	sh->refs = 1;
	sh->size = size;
	return &sh->b;
}
