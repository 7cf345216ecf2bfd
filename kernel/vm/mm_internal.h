/*
 * The mm's private data structures, shared by the files of kernel/vm/.
 *
 * VMAs are a sorted, non-overlapping singly linked list: simple to check
 * and good enough for the tens of areas a typical process has (a balanced
 * tree can replace it behind vma_find without touching the policy code).
 *
 * Pages of PROT_NONE areas are "parked": x86 has no present-but-
 * inaccessible user page, and the framework maps every present page at
 * least readable, so the mm takes such pages out of the page table and
 * keeps them (with their reference) on a list until the area becomes
 * accessible again or goes away. That keeps PROT_NONE really inaccessible
 * without losing the contents.
 */
#ifndef KERNEL_VM_MM_INTERNAL_H
#define KERNEL_VM_MM_INTERNAL_H

#include <frame/bytes_buf.h>
#include <frame/types.h>
#include <frame/wait.h>
#include "vm/mm.h"

#define PROT_RWX (PROT_READ | PROT_WRITE | PROT_EXEC)

_Static_assert(PROT_READ == VM_READ && PROT_WRITE == VM_WRITE && PROT_EXEC == VM_EXEC,
	       "Linux PROT_* and frame VM_* bits must agree");

struct vma {
	uint64_t start, end; /* [start, end), page-aligned */
	unsigned prot; /* PROT_READ | PROT_WRITE | PROT_EXEC */
	unsigned may; /* protections mprotect may grant (VM_MAY*) */
	unsigned flags; /* MM_VMA_* */
	struct vm_backing *backing; /* NULL for private anonymous memory; holds a reference */
	uint64_t offset; /* backing offset of start */
	uint64_t file_end; /* backing bytes at or past this read as zero */
	bool anon_shared; /* backing is shmem made for MAP_SHARED|MAP_ANONYMOUS */
	struct vma *next;
};

struct parked_page {
	uint64_t va;
	struct page *pg; /* one reference */
	struct parked_page *next;
};

struct mm {
	struct mutex lock;
	unsigned refs; /* under lock */
	struct vm_space *vm;
	struct vma *vmas; /* sorted by start */
	unsigned nr_vmas;
	struct parked_page *parked; /* sorted by va */
	uint64_t brk_start, brk;
	uint64_t stack_limit;
	struct bytes_buf bounce; /* one page, for reads from a backing (under lock) */
};

/*
 * Spare VMA nodes allocated before an operation changes anything, so that
 * running out of memory half-way can never leave an address space half
 * changed. Three cover every operation: two edge splits plus one new area.
 */
#define VMA_RESERVE 3
struct vma_reserve {
	struct vma *spare[VMA_RESERVE];
};

bool vma_reserve_fill(struct vma_reserve *r __noescape);
void vma_reserve_release(struct vma_reserve *r __noescape);
struct vma *vma_reserve_take(struct vma_reserve *r __noescape);

/* The first VMA with end > addr (it may start above addr), and the one before it. */
struct vma *vma_find(struct mm *mm, uint64_t addr, struct vma **prev __noescape);
/* True when no VMA intersects [start, end). */
bool vma_range_free(struct mm *mm, uint64_t start, uint64_t end);
/* Insert v (not overlapping anything) in order. */
void vma_link(struct mm *mm, struct vma *v);
/* Split v at addr (strictly inside it); the upper part becomes a new VMA after v. */
void vma_split(struct mm *mm, struct vma *v, uint64_t addr, struct vma_reserve *r __noescape);
/* Merge the neighbours that nobody could tell apart, among the VMAs touching [start, end]. */
void vma_merge_range(struct mm *mm, uint64_t start, uint64_t end);
/* Release a VMA that is no longer linked. */
void vma_free(struct vma *v);
/* Remove every mapping in [start, end): VMAs (split at the edges), pages, parked pages. */
void mm_unmap_range(struct mm *mm, uint64_t start, uint64_t end, struct vma_reserve *r __noescape);

/* The protection the page table gets for the pages of v (see fault.c: COW needs write faults). */
unsigned vma_pte_prot(const struct vma *v);

/* PROT_NONE parking: see above. 0 or -ENOMEM. */
int mm_park_range(struct mm *mm, uint64_t start, uint64_t end);
int mm_unpark_range(struct mm *mm, uint64_t start, uint64_t end, unsigned pte_prot);
void mm_drop_parked(struct mm *mm, uint64_t start, uint64_t end);

/* mm_fault with the lock held. */
int mm_fault_locked(struct mm *mm, uint64_t addr, unsigned pf_error);

#endif /* KERNEL_VM_MM_INTERNAL_H */
