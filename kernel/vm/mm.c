/*
 * The life of an address space: creation, fork (mm_clone), teardown;
 * the hook that lets the page-fault handler find the current process's mm;
 * copies to and from an address space that is not the current one; and
 * read-only introspection for /proc and tests.
 */
#include <frame/alloc.h>
#include <frame/vm.h>
#include <frame/user.h>
#include "vm/mm_internal.h"

struct mm *mm_new(void)
{
	struct mm *mm = NEW(struct mm);
	if (!mm)
		return NULL;
	/* A zeroed struct mutex is an unlocked one (MUTEX_INIT is all zeros). */
	mm->vm = vm_space_new();
	mm->bounce = bytes_buf_alloc(PAGE_SIZE);
	if (!mm->vm || bytes_buf_is_null(mm->bounce)) {
		if (mm->vm)
			vm_space_destroy(mm->vm);
		bytes_buf_free(mm->bounce);
		FREE(mm);
		return NULL;
	}
	mm->refs = 1;
	mm->stack_limit = MM_STACK_LIMIT_DEFAULT;
	return mm;
}

struct vm_space *mm_vm_space(struct mm *mm)
{
	return mm->vm;
}

void mm_get(struct mm *mm)
{
	mutex_lock(&mm->lock);
	mm->refs++;
	mutex_unlock(&mm->lock);
}

static void mm_free(struct mm *mm)
{
	struct vma *v = mm->vmas;
	while (v) {
		struct vma *next = v->next;
		vma_free(v);
		v = next;
	}
	mm->vmas = NULL;
	mm_drop_parked(mm, 0, UINT64_MAX);
	/* Unmaps every page (dropping the page references) and frees the page tables. */
	vm_space_destroy(mm->vm);
	bytes_buf_free(mm->bounce);
	FREE(mm);
}

void mm_put(struct mm *mm)
{
	mutex_lock(&mm->lock);
	bool last = --mm->refs == 0;
	mutex_unlock(&mm->lock);
	if (last)
		mm_free(mm);
}

void mm_destroy(struct mm *mm)
{
	mm_put(mm);
}

/* Map the pages of parent VMA v into child as well; private writable pages become copy-on-write. */
static int clone_pages(struct mm *parent, struct mm *child, const struct vma *v)
{
	if (!v->prot)
		return 0; /* PROT_NONE: its pages are parked and copied with the parked list */
	bool cow = !(v->flags & MM_VMA_SHARED);
	for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
		unsigned prot = 0;
		struct page *pg = vm_query(parent->vm, va, &prot);
		if (!pg)
			continue;
		if (cow && (prot & VM_WRITE)) {
			prot &= ~VM_WRITE;
			int r = vm_protect(parent->vm, va, PAGE_SIZE, prot);
			if (r)
				return r;
		}
		int r = vm_map(child->vm, va, pg, prot);
		if (r)
			return r;
	}
	return 0;
}

struct mm *mm_clone(struct mm *parent)
{
	struct mm *child = mm_new();
	if (!child)
		return NULL;
	mutex_lock(&parent->lock);
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	child->stack_limit = parent->stack_limit;
	struct vma *last = NULL;
	for (struct vma *v = parent->vmas; v; v = v->next) {
		struct vma *n = NEW(struct vma);
		if (!n)
			goto fail;
		*n = *v;
		n->next = NULL;
		if (n->backing)
			n->backing->ops->get(n->backing);
		if (last)
			last->next = n;
		else
			child->vmas = n;
		last = n;
		child->nr_vmas++;
		if (clone_pages(parent, child, v))
			goto fail;
	}
	struct parked_page *plast = NULL;
	for (struct parked_page *p = parent->parked; p; p = p->next) {
		struct parked_page *n = NEW(struct parked_page);
		if (!n)
			goto fail;
		/* Unparking maps private pages without write, so shared parked pages stay copy-on-write. */
		page_get(p->pg);
		n->va = p->va;
		n->pg = p->pg;
		if (plast)
			plast->next = n;
		else
			child->parked = n;
		plast = n;
	}
	mutex_unlock(&parent->lock);
	return child;

fail:
	/* The parent keeps its pages; some are now read-only and will take one more write fault. */
	mutex_unlock(&parent->lock);
	mm_put(child);
	return NULL;
}

/* ---- the fault handler the framework calls for user copies ---- */

static mm_current_fn current_lookup;

void mm_set_current_lookup(mm_current_fn fn)
{
	current_lookup = fn;
}

int mm_handle_fault(uint64_t addr, unsigned pf_error)
{
	mm_current_fn fn = current_lookup;
	struct mm *mm = fn ? fn() : NULL;
	if (!mm)
		return -EFAULT;
	return mm_fault(mm, addr, pf_error);
}

void mm_install_fault_handler(void)
{
	vm_set_fault_handler(mm_handle_fault);
}

/* ---- copies to and from an mm that need not be current ---- */

static int mm_access(struct mm *mm, uint64_t addr, struct bytes buf, bool write)
{
	size_t len = bytes_len(buf);
	if (addr >= MM_TASK_SIZE || len > MM_TASK_SIZE - addr)
		return -EFAULT;
	unsigned pf = PF_ERR_USER | (write ? PF_ERR_WRITE : 0);
	int err = 0;
	mutex_lock(&mm->lock);
	for (size_t done = 0; done < len;) {
		uint64_t va = addr + done;
		size_t in_page = (size_t)(va & (PAGE_SIZE - 1));
		size_t n = MIN(PAGE_SIZE - in_page, len - done);
		unsigned prot = 0;
		struct page *pg = vm_query(mm->vm, va, &prot);
		if (!pg || (write && !(prot & VM_WRITE))) {
			/* Fault it in exactly as the process's own access would, COW break included. */
			err = mm_fault_locked(mm, va, pf);
			if (err)
				break;
			pg = vm_query(mm->vm, va, &prot);
			if (!pg) {
				err = -EFAULT;
				break;
			}
		}
		/* Copy under the lock, so a concurrent fork cannot share the page between the check and the copy. */
		if (write)
			page_write(pg, in_page, bytes_sub(buf, done, n));
		else
			page_read(pg, in_page, bytes_sub(buf, done, n));
		done += n;
	}
	mutex_unlock(&mm->lock);
	return err;
}

int mm_read(struct mm *mm, uint64_t addr, struct bytes dst)
{
	return mm_access(mm, addr, dst, false);
}

int mm_write(struct mm *mm, uint64_t addr, struct bytes src)
{
	return mm_access(mm, addr, src, true);
}

/* ---- introspection ---- */

bool mm_vma_find(struct mm *mm, uint64_t addr, struct mm_vma_info *out)
{
	mutex_lock(&mm->lock);
	struct vma *prev = NULL;
	struct vma *v = vma_find(mm, addr, &prev);
	if (v) {
		out->start = v->start;
		out->end = v->end;
		out->prot = v->prot;
		out->flags = v->flags;
		out->offset = v->offset;
		out->file = v->backing && !v->anon_shared;
	}
	mutex_unlock(&mm->lock);
	return v != NULL;
}

unsigned mm_vma_count(struct mm *mm)
{
	mutex_lock(&mm->lock);
	unsigned n = mm->nr_vmas;
	mutex_unlock(&mm->lock);
	return n;
}
