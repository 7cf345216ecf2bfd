/*
 * mmap, munmap, mprotect and brk: the address-space changing calls, with
 * Linux's argument checks and error numbers (mm/mmap.c, mm/mprotect.c).
 *
 * Every call validates its arguments and reserves the memory it needs
 * before it changes anything, so an error leaves the mm as it was. Pages
 * are never populated here (except for MAP_POPULATE): the fault handler
 * fills them on first touch.
 */
#include <frame/alloc.h>
#include <frame/vm.h>
#include <frame/user.h>
#include "vm/mm_internal.h"

/* Flags that are accepted; the no-ops among them only tune Linux's reclaim or accounting. */
#define MAP_KNOWN                                                                                            \
	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_32BIT | MAP_GROWSDOWN | MAP_DENYWRITE | MAP_EXECUTABLE | \
	 MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_FIXED_NOREPLACE)

/* MAP_32BIT: Linux places such mappings in [1 GiB, 2 GiB). */
#define MAP_32BIT_LOW 0x40000000ull
#define MAP_32BIT_HIGH 0x80000000ull

/* The highest address in [low, high) where len bytes fit between the VMAs, or 0. */
static uint64_t top_down(struct mm *mm, uint64_t low, uint64_t high, uint64_t len)
{
	uint64_t best = 0, gap_start = 0;
	for (struct vma *v = mm->vmas;; v = v->next) {
		uint64_t gap_end = v ? v->start : MM_TASK_SIZE;
		/* Leave a grows-down area its guard gap, or the stack could not grow. */
		if (v && (v->flags & MM_VMA_GROWSDOWN))
			gap_end = gap_end > MM_STACK_GUARD_GAP ? gap_end - MM_STACK_GUARD_GAP : 0;
		uint64_t lo = MAX(gap_start, low), hi = MIN(gap_end, high);
		if (hi > lo && hi - lo >= len)
			best = hi - len;
		if (!v)
			break;
		gap_start = v->end;
	}
	return best;
}

/* get_unmapped_area for a non-fixed mapping: the hint if it is free, else top-down below the mmap base. */
static uint64_t choose_address(struct mm *mm, uint64_t hint, uint64_t len, unsigned flags)
{
	if (flags & MAP_32BIT)
		return top_down(mm, MAP_32BIT_LOW, MAP_32BIT_HIGH, len);
	if (hint && hint <= MM_TASK_SIZE - len) {
		uint64_t h = ALIGN_UP(hint, PAGE_SIZE);
		if (h >= MM_MIN_ADDR && h <= MM_TASK_SIZE - len && vma_range_free(mm, h, h + len))
			return h;
	}
	uint64_t a = top_down(mm, MM_MIN_ADDR, MM_MMAP_BASE, len);
	if (!a) /* Below the base is full: try the room between the base and the stack. */
		a = top_down(mm, MM_MIN_ADDR, MM_TASK_SIZE, len);
	return a;
}

/* Fault in every page of a fresh mapping (MAP_POPULATE, MAP_LOCKED); failures are left to later faults. */
static void populate(struct mm *mm, uint64_t start, uint64_t end, unsigned prot)
{
	if (!(prot & PROT_RWX))
		return;
	unsigned pf = PF_ERR_USER | ((prot & PROT_WRITE) ? PF_ERR_WRITE : 0);
	for (uint64_t va = start; va < end; va += PAGE_SIZE)
		if (mm_fault_locked(mm, va, pf))
			return;
}

int64_t mm_mmap_window(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot, unsigned flags,
		       struct vm_backing *backing, uint64_t offset, uint64_t file_end)
{
	unsigned type = flags & MAP_TYPE;
	bool anon = flags & MAP_ANONYMOUS;
	bool shared = type == MAP_SHARED || type == MAP_SHARED_VALIDATE;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);

	if (!len)
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (flags & ~MAP_KNOWN) /* MAP_HUGETLB, MAP_SYNC, ...: refused, never silently ignored */
		return type == MAP_SHARED_VALIDATE ? -EOPNOTSUPP : -EINVAL;
	if (prot & ~(PROT_RWX | PROT_SEM))
		return -EINVAL;
	if (offset & (PAGE_SIZE - 1))
		return -EINVAL;
	if (len > MM_TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	prot &= PROT_RWX;

	unsigned may = VM_READ | VM_WRITE | VM_EXEC;
	if (!anon) {
		if (!backing)
			return -EBADF;
		if (offset + len < offset)
			return -EOVERFLOW;
		if (!(backing->may & VM_READ))
			return -EACCES;
		if (shared && (prot & PROT_WRITE) && !(backing->may & VM_WRITE))
			return -EACCES;
		if ((prot & PROT_EXEC) && !(backing->may & VM_EXEC))
			return -EPERM;
		if (shared && !backing->ops->shared_page)
			return -ENODEV;
		if (flags & MAP_GROWSDOWN) /* only anonymous areas grow */
			return -EINVAL;
		/* A private mapping may always become writable: writes go to private copies. */
		may = backing->may | (shared ? 0 : VM_WRITE);
	} else {
		backing = NULL;
		offset = 0;
		file_end = 0;
	}
	if (fixed) {
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
		if (addr > MM_TASK_SIZE - len)
			return -ENOMEM;
		if (addr < MM_MIN_ADDR)
			return -EPERM;
	}

	struct vma_reserve res = { 0 };
	struct vm_backing *shm = NULL;
	if (!vma_reserve_fill(&res))
		goto nomem;
	if (anon && shared) {
		/* Shared anonymous memory is an unnamed shmem object, shared again by fork. */
		shm = vm_shmem_new(len);
		if (!shm)
			goto nomem;
	}

	mutex_lock(&mm->lock);
	if (mm->nr_vmas + 2 > MM_MAX_VMAS) { /* the new area, plus a split by MAP_FIXED */
		mutex_unlock(&mm->lock);
		goto nomem;
	}
	if (!fixed) {
		addr = choose_address(mm, addr, len, flags);
		if (!addr) {
			mutex_unlock(&mm->lock);
			goto nomem;
		}
	} else if ((flags & MAP_FIXED_NOREPLACE) && !vma_range_free(mm, addr, addr + len)) {
		mutex_unlock(&mm->lock);
		if (shm)
			shm->ops->put(shm);
		vma_reserve_release(&res);
		return -EEXIST;
	}
	/* MAP_FIXED replaces whatever was there. */
	mm_unmap_range(mm, addr, addr + len, &res);

	struct vma *v = vma_reserve_take(&res);
	v->start = addr;
	v->end = addr + len;
	v->prot = prot;
	v->may = may;
	v->flags = (shared ? MM_VMA_SHARED : 0) | ((flags & MAP_GROWSDOWN) ? MM_VMA_GROWSDOWN : 0);
	if (shm) {
		v->backing = shm; /* the VMA keeps the creation reference */
		v->anon_shared = true;
		v->file_end = len;
	} else if (backing) {
		backing->ops->get(backing);
		v->backing = backing;
		v->offset = offset;
		v->file_end = file_end;
	}
	vma_link(mm, v);
	vma_merge_range(mm, addr, addr + len);
	if (flags & (MAP_POPULATE | MAP_LOCKED))
		populate(mm, addr, addr + len, prot);
	mutex_unlock(&mm->lock);
	vma_reserve_release(&res);
	return (int64_t)addr;

nomem:
	vma_reserve_release(&res);
	return -ENOMEM;
}

int64_t mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot, unsigned flags, struct vm_backing *backing,
		uint64_t offset)
{
	return mm_mmap_window(mm, addr, len, prot, flags, backing, offset, UINT64_MAX);
}

int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len)
{
	if ((addr & (PAGE_SIZE - 1)) || addr > MM_TASK_SIZE || len > MM_TASK_SIZE - addr)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -EINVAL;
	struct vma_reserve res = { 0 };
	if (!vma_reserve_fill(&res)) {
		vma_reserve_release(&res);
		return -ENOMEM;
	}
	int err = 0;
	mutex_lock(&mm->lock);
	if (mm->nr_vmas + 1 > MM_MAX_VMAS) /* punching a hole adds an area */
		err = -ENOMEM;
	else
		mm_unmap_range(mm, addr, addr + len, &res);
	mutex_unlock(&mm->lock);
	vma_reserve_release(&res);
	return err;
}

/* Give one whole VMA its new protection, moving its pages in or out of the page table as needed. */
static int apply_prot(struct mm *mm, struct vma *v, unsigned prot)
{
	unsigned old = v->prot;
	if (old == prot)
		return 0;
	if (!prot) {
		int r = mm_park_range(mm, v->start, v->end);
		if (r)
			return r;
		v->prot = prot;
		return 0;
	}
	v->prot = prot;
	if (!old)
		return mm_unpark_range(mm, v->start, v->end, vma_pte_prot(v));
	return vm_protect(mm->vm, v->start, v->end - v->start, vma_pte_prot(v));
}

int mm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot)
{
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (prot & ~(PROT_RWX | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return -EINVAL;
	if (!len)
		return 0;
	if (len > MM_TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	uint64_t end = addr + len;
	if (end <= addr)
		return -ENOMEM;
	unsigned newprot = prot & PROT_RWX;

	struct vma_reserve res = { 0 };
	if (!vma_reserve_fill(&res)) {
		vma_reserve_release(&res);
		return -ENOMEM;
	}
	int err = 0;
	mutex_lock(&mm->lock);
	struct vma *prev = NULL;
	struct vma *v = vma_find(mm, addr, &prev);
	if (!v) {
		err = -ENOMEM;
		goto out;
	}
	if (prot & PROT_GROWSDOWN) {
		/* Apply down to the start of the grows-down area, which moves as the stack grows. */
		if (v->start >= end) {
			err = -ENOMEM;
			goto out;
		}
		if (!(v->flags & MM_VMA_GROWSDOWN)) {
			err = -EINVAL;
			goto out;
		}
		addr = v->start;
	} else if (prot & PROT_GROWSUP) {
		err = -EINVAL; /* no grows-up areas on x86 */
		goto out;
	} else if (v->start > addr) {
		err = -ENOMEM;
		goto out;
	}
	/* Check the whole range before changing anything: no holes, and the backings allow it. */
	uint64_t cur = addr;
	for (struct vma *w = v; cur < end; w = w->next) {
		if (!w || w->start > cur) {
			err = -ENOMEM;
			goto out;
		}
		if (newprot & ~w->may) {
			err = -EACCES;
			goto out;
		}
		cur = w->end;
	}
	if (mm->nr_vmas + 2 > MM_MAX_VMAS) {
		err = -ENOMEM;
		goto out;
	}
	if (v->start < addr) {
		vma_split(mm, v, addr, &res);
		v = v->next;
	}
	while (v && v->start < end) {
		if (v->end > end)
			vma_split(mm, v, end, &res);
		int r = apply_prot(mm, v, newprot);
		if (r && !err)
			err = r;
		v = v->next;
	}
	vma_merge_range(mm, addr, end);
out:
	mutex_unlock(&mm->lock);
	vma_reserve_release(&res);
	return err;
}

void mm_set_brk_start(struct mm *mm, uint64_t start)
{
	mutex_lock(&mm->lock);
	mm->brk_start = mm->brk = ALIGN_UP(start, PAGE_SIZE);
	mutex_unlock(&mm->lock);
}

uint64_t mm_brk_start(struct mm *mm)
{
	return mm->brk_start;
}

void mm_set_stack_limit(struct mm *mm, uint64_t bytes)
{
	mutex_lock(&mm->lock);
	mm->stack_limit = bytes;
	mutex_unlock(&mm->lock);
}

uint64_t mm_brk(struct mm *mm, uint64_t brk)
{
	struct vma_reserve res = { 0 };
	bool have_res = vma_reserve_fill(&res);
	mutex_lock(&mm->lock);
	uint64_t ret = mm->brk;
	/* brk(0), below the heap start, past the user half or out of memory: report the current break. */
	if (brk < mm->brk_start || brk > MM_TASK_SIZE - PAGE_SIZE || !have_res)
		goto out;
	uint64_t newp = ALIGN_UP(brk, PAGE_SIZE), oldp = ALIGN_UP(mm->brk, PAGE_SIZE);
	if (newp == oldp) {
		mm->brk = ret = brk;
		goto out;
	}
	if (brk < mm->brk) {
		mm_unmap_range(mm, newp, oldp, &res);
		mm->brk = ret = brk;
		goto out;
	}
	/* Growing: the new pages, plus one guard page, must not touch another area. */
	struct vma *prev = NULL;
	struct vma *next = vma_find(mm, oldp, &prev);
	if (next && next->start < newp + PAGE_SIZE)
		goto out;
	if (prev && prev->end == oldp && (prev->flags & MM_VMA_HEAP)) {
		prev->end = newp;
	} else {
		struct vma *v = vma_reserve_take(&res);
		v->start = oldp;
		v->end = newp;
		v->prot = PROT_READ | PROT_WRITE;
		v->may = VM_READ | VM_WRITE | VM_EXEC;
		v->flags = MM_VMA_HEAP;
		vma_link(mm, v);
	}
	mm->brk = ret = brk;
out:
	mutex_unlock(&mm->lock);
	vma_reserve_release(&res);
	return ret;
}
