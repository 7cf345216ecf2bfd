/* Memory system calls: brk, mmap, munmap, mprotect, madvise, mremap. */
#include "syscall/syscall.h"
#include "syscall/fsargs.h"
#include "vm/mm.h"
#include "fs/file_backing.h"

int64_t sys_brk(struct thread *t, struct syscall_args a)
{
	return (int64_t)mm_brk(t->proc->mm, a.a[0]);
}

int64_t sys_mmap(struct thread *t, struct syscall_args a)
{
	uint64_t addr = a.a[0], len = a.a[1], off = a.a[5];
	unsigned prot = (unsigned)a.a[2], flags = (unsigned)a.a[3];
	int fd = arg_int(a, 4);
	if (flags & MAP_ANONYMOUS)
		return mm_mmap(t->proc->mm, addr, len, prot, flags, NULL, 0);
	struct file *f = fd_get(t->proc, fd);
	if (!f)
		return -EBADF;
	if (S_ISCHR(f->inode->mode) && f->inode->rdev == vfs_mkdev(1, 5)) {
		/* Mapping /dev/zero is anonymous memory (shared or private as asked). */
		file_put(f);
		return mm_mmap(t->proc->mm, addr, len, prot, flags | MAP_ANONYMOUS, NULL, 0);
	}
	struct vm_backing *b = file_backing_new(f);
	file_put(f);
	if (!b)
		return -ENODEV;
	int64_t r = mm_mmap(t->proc->mm, addr, len, prot, flags, b, off);
	b->ops->put(b); /* the VMA took its own reference */
	return r;
}

int64_t sys_munmap(struct thread *t, struct syscall_args a)
{
	return mm_munmap(t->proc->mm, a.a[0], a.a[1]);
}

int64_t sys_mprotect(struct thread *t, struct syscall_args a)
{
	return mm_mprotect(t->proc->mm, a.a[0], a.a[1], (unsigned)a.a[2]);
}

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4

/*
 * MADV_DONTNEED: private anonymous pages are dropped, so the next touch sees
 * zeroes (malloc relies on it). Done by mapping fresh anonymous memory over
 * each such VMA piece with its own protection; file and shared mappings keep
 * their pages (they would read back the same data anyway).
 */
static int64_t drop_anonymous(struct mm *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + ((len + 0xfff) & ~0xfffull);
	if (end < start)
		return -EINVAL;
	uint64_t addr = start;
	while (addr < end) {
		struct mm_vma_info v = { 0 };
		if (!mm_vma_find(mm, addr, &v) || v.start >= end)
			break;
		uint64_t lo = MAX(v.start, addr), hi = MIN(v.end, end);
		if (!v.file && !(v.flags & (MM_VMA_SHARED | MM_VMA_HEAP))) {
			int64_t r = mm_mmap(mm, lo, hi - lo, v.prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
			if (r < 0)
				return r;
		}
		addr = hi;
	}
	return 0;
}

int64_t sys_madvise(struct thread *t, struct syscall_args a)
{
	if (a.a[0] & 0xfff)
		return -EINVAL;
	switch (arg_int(a, 2)) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
		return 0; /* hints: nothing to do for memory that is never paged out */
	case MADV_DONTNEED:
		return drop_anonymous(t->proc->mm, a.a[0], a.a[1]);
	default:
		return -EINVAL;
	}
}

int64_t sys_mremap(struct thread *t, struct syscall_args a)
{
	(void)t;
	(void)a;
	return -ENOMEM; /* moving mappings is not supported; callers (realloc) fall back to mmap + copy */
}

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/* msync: shared file mappings are the file's own pages, so there is nothing to write back. */
int64_t sys_msync(struct thread *t, struct syscall_args a)
{
	uint64_t addr = a.a[0], len = a.a[1], flags = a.a[2];
	if ((addr & 0xfff) || (flags & ~(uint64_t)(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	uint64_t end = addr + ((len + 0xfff) & ~0xfffull);
	if (end < addr)
		return -ENOMEM;
	/* Every page of the range must be mapped. */
	while (addr < end) {
		struct mm_vma_info v = { 0 };
		if (!mm_vma_find(t->proc->mm, addr, &v) || v.start > addr)
			return -ENOMEM;
		addr = v.end;
	}
	return 0;
}
