/*
 * VMA bookkeeping: the sorted list of areas, splitting, merging, unmapping
 * ranges, and parking the pages of PROT_NONE areas (see mm_internal.h).
 *
 * Callers hold mm->lock. Nothing here allocates once a change has begun:
 * new nodes come from a vma_reserve filled beforehand.
 */
#include <frame/alloc.h>
#include <frame/vm.h>
#include "vm/mm_internal.h"

bool vma_reserve_fill(struct vma_reserve *r)
{
	for (unsigned i = 0; i < VMA_RESERVE; i++) {
		if (!r->spare[i])
			r->spare[i] = NEW(struct vma);
		if (!r->spare[i])
			return false;
	}
	return true;
}

void vma_reserve_release(struct vma_reserve *r)
{
	for (unsigned i = 0; i < VMA_RESERVE; i++)
		if (r->spare[i])
			FREE(r->spare[i]);
}

struct vma *vma_reserve_take(struct vma_reserve *r)
{
	for (unsigned i = 0; i < VMA_RESERVE; i++) {
		struct vma *v = r->spare[i];
		if (v) {
			r->spare[i] = NULL;
			return v;
		}
	}
	/* A caller took more nodes than it reserved: a bug in this file's callers, not user input. */
	return NULL;
}

struct vma *vma_find(struct mm *mm, uint64_t addr, struct vma **prev)
{
	struct vma *p = NULL;
	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (v->end > addr) {
			*prev = p;
			return v;
		}
		p = v;
	}
	*prev = p;
	return NULL;
}

bool vma_range_free(struct mm *mm, uint64_t start, uint64_t end)
{
	struct vma *prev = NULL;
	struct vma *v = vma_find(mm, start, &prev);
	return !v || v->start >= end;
}

void vma_link(struct mm *mm, struct vma *v)
{
	struct vma *prev = NULL;
	struct vma *next = vma_find(mm, v->start, &prev);
	v->next = next;
	if (prev)
		prev->next = v;
	else
		mm->vmas = v;
	mm->nr_vmas++;
}

void vma_split(struct mm *mm, struct vma *v, uint64_t addr, struct vma_reserve *r)
{
	struct vma *hi = vma_reserve_take(r);
	*hi = *v;
	hi->start = addr;
	hi->offset = v->offset + (addr - v->start);
	if (hi->backing)
		hi->backing->ops->get(hi->backing);
	v->end = addr;
	v->next = hi;
	mm->nr_vmas++;
}

/* Two adjacent areas that nobody could tell from one area. */
static bool vma_mergeable(const struct vma *a, const struct vma *b)
{
	if (a->end != b->start || a->prot != b->prot || a->may != b->may || a->flags != b->flags ||
	    a->backing != b->backing || a->anon_shared != b->anon_shared)
		return false;
	/* File areas must continue the same file window. */
	return !a->backing || (a->offset + (a->end - a->start) == b->offset && a->file_end == b->file_end);
}

void vma_merge_range(struct mm *mm, uint64_t start, uint64_t end)
{
	struct vma *prev = NULL;
	struct vma *v = vma_find(mm, start, &prev);
	if (prev)
		v = prev;
	while (v && v->next && v->start <= end) {
		struct vma *n = v->next;
		if (!vma_mergeable(v, n)) {
			v = n;
			continue;
		}
		v->end = n->end;
		v->next = n->next;
		mm->nr_vmas--;
		vma_free(n);
	}
}

void vma_free(struct vma *v)
{
	if (v->backing)
		v->backing->ops->put(v->backing);
	FREE(v);
}

void mm_unmap_range(struct mm *mm, uint64_t start, uint64_t end, struct vma_reserve *r)
{
	struct vma *prev = NULL;
	struct vma *v = vma_find(mm, start, &prev);
	if (!v || v->start >= end)
		goto pages;
	if (v->start < start) {
		vma_split(mm, v, start, r);
		prev = v;
		v = v->next;
	}
	while (v && v->start < end) {
		if (v->end > end) {
			vma_split(mm, v, end, r);
		}
		struct vma *next = v->next;
		if (prev)
			prev->next = next;
		else
			mm->vmas = next;
		mm->nr_vmas--;
		vma_free(v);
		v = next;
	}
pages:
	/* Page-table entries may exist only inside VMAs, but clearing the whole range is just as cheap. */
	vm_unmap(mm->vm, start, end - start);
	mm_drop_parked(mm, start, end);
}

unsigned vma_pte_prot(const struct vma *v)
{
	/*
	 * A private page may be shared copy-on-write with another mm, and only
	 * a write fault can tell (by its reference count); so bulk changes map
	 * private pages without write and let the fault grant it page by page.
	 */
	if (v->flags & MM_VMA_SHARED)
		return v->prot;
	return v->prot & ~PROT_WRITE;
}

/* ---- parked pages of PROT_NONE areas ---- */

/* Free a list of parked pages (not linked into any mm). */
static void parked_free_list(struct parked_page *p)
{
	while (p) {
		struct parked_page *next = p->next;
		page_put(p->pg);
		FREE(p);
		p = next;
	}
}

int mm_park_range(struct mm *mm, uint64_t start, uint64_t end)
{
	/* First collect every mapped page with its own reference, so a failure changes nothing. */
	struct parked_page *head = NULL, *tail = NULL;
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		unsigned prot = 0;
		struct page *pg = vm_query(mm->vm, va, &prot);
		if (!pg)
			continue;
		struct parked_page *n = NEW(struct parked_page);
		if (!n) {
			parked_free_list(head);
			return -ENOMEM;
		}
		page_get(pg);
		n->va = va;
		n->pg = pg;
		if (tail)
			tail->next = n;
		else
			head = n;
		tail = n;
	}
	vm_unmap(mm->vm, start, end - start);
	if (!head)
		return 0;
	/* Splice the sorted run in after the last parked page below start. */
	struct parked_page *before = NULL;
	for (struct parked_page *p = mm->parked; p && p->va < start; p = p->next)
		before = p;
	if (before) {
		tail->next = before->next;
		before->next = head;
	} else {
		tail->next = mm->parked;
		mm->parked = head;
	}
	return 0;
}

int mm_unpark_range(struct mm *mm, uint64_t start, uint64_t end, unsigned pte_prot)
{
	struct parked_page *prev = NULL, *p = mm->parked;
	int err = 0;
	while (p && p->va < end) {
		struct parked_page *next = p->next;
		if (p->va >= start) {
			int r = vm_map(mm->vm, p->va, p->pg, pte_prot);
			if (r) {
				/* Keep it parked: the data survives and a later mprotect can retry. */
				err = r;
				prev = p;
				p = next;
				continue;
			}
			page_put(p->pg);
			if (prev)
				prev->next = next;
			else
				mm->parked = next;
			FREE(p);
			p = next;
			continue;
		}
		prev = p;
		p = next;
	}
	return err;
}

void mm_drop_parked(struct mm *mm, uint64_t start, uint64_t end)
{
	struct parked_page *prev = NULL, *p = mm->parked;
	while (p && p->va < end) {
		struct parked_page *next = p->next;
		if (p->va >= start) {
			page_put(p->pg);
			if (prev)
				prev->next = next;
			else
				mm->parked = next;
			FREE(p);
		} else {
			prev = p;
		}
		p = next;
	}
}
