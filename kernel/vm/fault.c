/*
 * The page-fault policy: what to map when a user access (or a kernel copy
 * to or from user memory) touches a page the page table does not allow.
 *
 *  - no VMA, or a VMA whose protection forbids the access: -EFAULT
 *    (SIGSEGV); below a grows-down VMA the stack grows first, within the
 *    stack limit and never into the guard gap of the area below;
 *  - nothing mapped yet: a zeroed page (anonymous), a private copy read
 *    from the backing (private file; zeros past its window), or the
 *    object's own page (shared);
 *  - a write to a present read-only page of a writable private VMA: the
 *    page is shared copy-on-write; if this mm holds the only reference it
 *    is simply made writable, else it is copied first.
 *
 * The framework validates what is mapped (user half, untyped pages only),
 * so a wrong decision here is wrong data for one process, never a breach.
 */
#include <frame/cpu.h>
#include <frame/vm.h>
#include <frame/user.h>
#include "vm/mm_internal.h"

static bool access_allowed(unsigned prot, unsigned pf_error)
{
	if (pf_error & PF_ERR_WRITE)
		return prot & PROT_WRITE;
	if (pf_error & PF_ERR_FETCH)
		return prot & PROT_EXEC;
	/* x86 cannot map a page write- or execute-only: any access right implies reading. */
	return prot & PROT_RWX;
}

/* Extend grows-down v down to the page of addr, as Linux's expand_downwards. */
static int grow_stack(struct mm *mm, struct vma *v, struct vma *prev, uint64_t addr)
{
	uint64_t new_start = ALIGN_DOWN(addr, PAGE_SIZE);
	if (v->end - new_start > mm->stack_limit)
		return -EFAULT;
	if (new_start < MM_MIN_ADDR)
		return -EFAULT;
	/* Keep the guard gap to an accessible area below, so a runaway stack faults instead of overwriting it. */
	if (prev && prev->prot && !(prev->flags & MM_VMA_GROWSDOWN) && new_start - prev->end < MM_STACK_GUARD_GAP)
		return -EFAULT;
	v->start = new_start;
	return 0;
}

/* Fill the not-yet-mapped page at va of v. */
static int populate_page(struct mm *mm, struct vma *v, uint64_t va)
{
	uint64_t off = v->offset + (va - v->start);
	if (v->backing && (v->flags & MM_VMA_SHARED)) {
		struct vm_page_result res = v->backing->ops->shared_page(v->backing, off);
		if (!res.page)
			return res.err ? res.err : -EIO;
		int r = vm_map(mm->vm, va, res.page, v->prot);
		page_put(res.page);
		return r;
	}
	struct page *pg = page_alloc(); /* zeroed: demand-zero memory and the tail past a file's end */
	if (!pg)
		return -ENOMEM;
	if (v->backing && off < v->file_end) {
		size_t want = (size_t)MIN(PAGE_SIZE, v->file_end - off);
		struct bytes buf = bytes_sub(bytes_buf_view(mm->bounce), 0, want);
		ssize_t got = vm_backing_read_full(v->backing, off, buf);
		if (got <= 0) {
			/* Nothing of the file at this page: it ends before the mapping does (SIGBUS). */
			page_put(pg);
			return got < 0 ? (int)got : -EIO;
		}
		page_write(pg, 0, bytes_sub(buf, 0, (size_t)got));
	}
	/* The page is this mm's own, so it can have the VMA's full protection at once. */
	int r = vm_map(mm->vm, va, pg, v->prot);
	page_put(pg);
	return r;
}

/* A write fault on a present page that is mapped without write in a writable VMA. */
static int make_writable(struct mm *mm, struct vma *v, uint64_t va, struct page *pg)
{
	if ((v->flags & MM_VMA_SHARED) || page_refcount(pg) == 1) {
		/* Shared pages are written in place; a private page nobody else holds needs no copy. */
		return vm_protect(mm->vm, va, PAGE_SIZE, v->prot);
	}
	struct page *copy = page_alloc();
	if (!copy)
		return -ENOMEM;
	page_copy(copy, pg);
	/* Drops this mm's reference to the shared page (after the TLB flush), not the other holders'. */
	vm_unmap(mm->vm, va, PAGE_SIZE);
	int r = vm_map(mm->vm, va, copy, v->prot);
	page_put(copy);
	return r;
}

int mm_fault_locked(struct mm *mm, uint64_t addr, unsigned pf_error)
{
	if (addr >= MM_TASK_SIZE)
		return -EFAULT;
	struct vma *prev = NULL;
	struct vma *v = vma_find(mm, addr, &prev);
	if (!v)
		return -EFAULT;
	/* Check the access first: a stack that would refuse it anyway must not grow for it. */
	if (!access_allowed(v->prot, pf_error))
		return -EFAULT;
	if (addr < v->start) {
		if (!(v->flags & MM_VMA_GROWSDOWN))
			return -EFAULT;
		int r = grow_stack(mm, v, prev, addr);
		if (r)
			return r;
	}
	uint64_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	unsigned cur = 0;
	struct page *pg = vm_query(mm->vm, va, &cur);
	if (!pg)
		return populate_page(mm, v, va);
	if ((pf_error & PF_ERR_WRITE) && !(cur & VM_WRITE))
		return make_writable(mm, v, va, pg);
	/* Already allowed: another thread resolved it first, or the TLB was stale. */
	return 0;
}

int mm_fault(struct mm *mm, uint64_t addr, unsigned pf_error)
{
	/*
	 * A fault in atomic context cannot take the mutex: fail the access, like
	 * pagefault_disable(). Nor can a fault taken while this task already
	 * holds it (a backing that touched user memory): fail instead of deadlocking.
	 */
	if (in_atomic() || mutex_is_held_by_me(&mm->lock))
		return -EFAULT;
	mutex_lock(&mm->lock);
	int r = mm_fault_locked(mm, addr, pf_error);
	mutex_unlock(&mm->lock);
	return r;
}
