/* ktests for page tables, the kernel map's W^X and guard pages, and faults through them. */
#include <frame/ktest.h>
#include <frame/errno.h>
#include "page_table.h"
#include "frame.h"
#include "layout.h"
#include "kstack.h"
#include "../arch/x86_64/x86.h"

/* A scratch address in the MMIO area's top-level slot, far from any window. */
#define SCRATCH_VA (MMIO_AREA_BASE + (256ul << 30))

KTEST(pt_map_query_protect_unmap_in_a_user_root)
{
	uint64_t root = pt_new_root();
	KT_ASSERT(root != 0);
	uint64_t pa = frame_alloc(0, FRAME_KIND_UNTYPED), got_pa, flags;
	uint64_t va = 0x400000;
	KT_ASSERT(!pt_query(root, va, &got_pa, &flags));
	KT_EQ(pt_map(root, va, pa, PTE_U | PTE_W | PTE_NX), 0);
	KT_EQ(pt_map(root, va, pa, PTE_U), -EEXIST);
	KT_ASSERT(pt_query(root, va + 0x123, &got_pa, &flags));
	KT_EQ(got_pa, pa + 0x123);
	KT_ASSERT((flags & (PTE_U | PTE_W | PTE_NX)) == (PTE_U | PTE_W | PTE_NX));
	KT_EQ(pt_protect(root, va, PTE_U | PTE_NX), 0);
	KT_ASSERT(pt_query(root, va, &got_pa, &flags));
	KT_ASSERT(!(flags & PTE_W));
	KT_EQ(pt_unmap(root, va, &got_pa), 0);
	KT_EQ(got_pa, pa);
	KT_EQ(pt_unmap(root, va, &got_pa), -ENOENT);
	KT_EQ(pt_protect(root, va, PTE_U), -ENOENT);
	/* The kernel half is shared with the kernel's root. */
	KT_ASSERT(pt_query(root, (uint64_t)&pt_new_root, &got_pa, &flags));
	frame_free(pa, 0);
}

KTEST(pt_kernel_image_is_w_xor_x_and_page0_unmapped)
{
	uint64_t pa, flags;
	KT_ASSERT(pt_query(kernel_root, (uint64_t)&pt_map, &pa, &flags));
	KT_ASSERT(!(flags & PTE_W) && !(flags & PTE_NX));
	KT_ASSERT(pt_query(kernel_root, (uint64_t)&kernel_root, &pa, &flags));
	KT_ASSERT((flags & PTE_W) && (flags & PTE_NX));
	KT_ASSERT(pt_query(kernel_root, (uint64_t)__text_end, &pa, &flags)); /* rodata */
	KT_ASSERT(!(flags & PTE_W) && (flags & PTE_NX));
	KT_ASSERT(!pt_query(kernel_root, 0, &pa, &flags));
	KT_ASSERT(!pt_query(kernel_root, (uint64_t)__boot_stack_guard, &pa, &flags));
	KT_ASSERT(pt_query(kernel_root, DIRECT_MAP_BASE + 0x100000, &pa, &flags));
	KT_ASSERT(flags & PTE_NX);
}

KTEST(pt_mapping_is_visible_through_the_mmu)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL), old;
	KT_EQ(pt_map(kernel_root, SCRATCH_VA, pa, PTE_W | PTE_NX), 0);
	volatile uint64_t *via_map = (uint64_t *)SCRATCH_VA;
	*via_map = 0x1122334455667788;
	KT_EQ(*(uint64_t *)phys_to_virt(pa), 0x1122334455667788);
	KT_EQ(pt_unmap(kernel_root, SCRATCH_VA, &old), 0);
	invlpg(SCRATCH_VA);
	frame_free(pa, 0);
}

KTEST_PANICS(pt_write_to_read_only_mapping_faults, "protection violation on write")
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL);
	pt_map(kernel_root, SCRATCH_VA + PAGE_SIZE, pa, PTE_NX);
	*(volatile uint64_t *)(SCRATCH_VA + PAGE_SIZE) = 1;
}

KTEST_PANICS(pt_access_after_unmap_faults, "not present on read")
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL), old;
	pt_map(kernel_root, SCRATCH_VA + 2 * PAGE_SIZE, pa, PTE_W | PTE_NX);
	(void)*(volatile uint64_t *)(SCRATCH_VA + 2 * PAGE_SIZE);
	pt_unmap(kernel_root, SCRATCH_VA + 2 * PAGE_SIZE, &old);
	invlpg(SCRATCH_VA + 2 * PAGE_SIZE);
	(void)*(volatile uint64_t *)(SCRATCH_VA + 2 * PAGE_SIZE);
}

KTEST_PANICS(pt_kernel_text_is_not_writable, "protection violation on write")
{
	*(volatile uint8_t *)(uint64_t)&pt_map = 0xcc;
}

KTEST_PANICS(pt_data_is_not_executable, "(instruction fetch)")
{
	static uint8_t code[16] = { 0xc3 }; /* ret */
	void (*fn)(void) = (void (*)(void))(uint64_t)code;
	__asm__ volatile("call *%0" : : "r"(fn) : "memory");
}

static volatile int recursion_limit = 1 << 30;

static int recurse_deeply(int depth)
{
	volatile char pad[256];
	pad[0] = (char)depth;
	if (depth >= recursion_limit)
		return 0;
	return recurse_deeply(depth + 1) + pad[0];
}

KTEST_PANICS(kstack_overflow_hits_the_guard_page, "kernel stack overflow")
{
	recurse_deeply(0);
}

KTEST(kstack_alloc_and_free_reuse_slots)
{
	struct kstack a, b;
	KT_EQ(kstack_alloc(KSTACK_PAGES, &a), 0);
	KT_ASSERT(kstack_is_guard(a.top - (64ul << 10)));
	KT_ASSERT(!kstack_is_guard(a.top - 8));
	*(volatile uint64_t *)(a.top - 8) = 5; /* mapped and writable */
	uint64_t top = a.top;
	kstack_free(&a);
	KT_EQ(kstack_alloc(KSTACK_PAGES, &b), 0);
	KT_EQ(b.top, top);
	kstack_free(&b);
	KT_EQ(kstack_alloc(0, &b), -EINVAL);
}
