/*
 * Four-level x86-64 page tables. Framework-private: PTE bits, and the
 * page-table frames themselves, are sensitive (F3, F7).
 */
#ifndef MM_PAGE_TABLE_H
#define MM_PAGE_TABLE_H

#include <frame/types.h>

#define PTE_P (1ul << 0)
#define PTE_W (1ul << 1)
#define PTE_U (1ul << 2)
#define PTE_PWT (1ul << 3)
#define PTE_PCD (1ul << 4)
#define PTE_A (1ul << 5)
#define PTE_D (1ul << 6)
#define PTE_PS (1ul << 7)
#define PTE_G (1ul << 8)
#define PTE_NX (1ul << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ul
#define PTE_FLAGS_MASK (~PTE_ADDR_MASK)

#define PAGE_SIZE_2M (2ul << 20)

/* Map one 4 KiB page (or a 2 MiB page with PTE_PS); allocates table frames. 0, -ENOMEM or -EEXIST. */
int pt_map(uint64_t root, uint64_t va, uint64_t pa, uint64_t flags);
/* Remove a 4 KiB mapping; stores the old physical address. 0 or -ENOENT. The caller flushes the TLB. */
int pt_unmap(uint64_t root, uint64_t va, uint64_t *old_pa);
/* Replace the flags of a 4 KiB mapping. 0 or -ENOENT. The caller flushes the TLB. */
int pt_protect(uint64_t root, uint64_t va, uint64_t flags);
/* Look up a mapping (4 KiB or 2 MiB); false when not mapped. */
bool pt_query(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags);
/* Allocate an empty top-level table whose kernel half is shared with the kernel's. */
uint64_t pt_new_root(void);

/* Called for each present leaf entry; may rewrite *pte. */
typedef void (*pt_leaf_fn)(void *ctx, uint64_t va, uint64_t *pte);
void pt_walk_range(uint64_t root, uint64_t start, uint64_t end, pt_leaf_fn fn, void *ctx);
/* Free every page-table frame of the user half, then the root. Leaves must already be gone. */
void pt_free_user_tables(uint64_t root);

extern uint64_t kernel_root; /* physical address of the kernel's PML4 */

void kernel_map_init(void);
/* Map an MMIO window uncached in the framework's MMIO area; returns its virtual address. */
void *mmio_map(uint64_t pa, size_t size);

static inline void tlb_flush_all(void)
{
	uint64_t cr3;
	/* SAFETY: reloading CR3 with its own value only drops non-global TLB entries. */
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

#endif
