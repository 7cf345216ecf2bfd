/*
 * The kernel's own page tables, built once at boot to replace the boot
 * tables: a direct map of RAM (RW, NX), the kernel image with W^X (text RX,
 * rodata R, data RW+NX), the boot stack's guard page and page 0 unmapped,
 * and empty top-level slots for the stack and MMIO areas so every address
 * space created later shares the same kernel half. The stack area is
 * filled by kstack.c, the MMIO area by mmio.c.
 */
#include <frame/errno.h>
#include "console/kprint.h"
#include <frame/panic.h>
#include "page_table.h"
#include "frame.h"
#include "layout.h"
#include "../boot/boot_info.h"
#include "../arch/x86_64/x86.h"

static void map_or_panic(uint64_t va, uint64_t pa, uint64_t flags)
{
	int r = pt_map(kernel_root, va, pa, flags);
	if (r)
		panic("kernel_map: mapping %#lx -> %#lx failed (%d)", va, pa, r);
}

static void map_direct(uint64_t base, uint64_t end)
{
	uint64_t pa = ALIGN_DOWN(base, PAGE_SIZE);
	end = ALIGN_UP(end, PAGE_SIZE);
	while (pa < end) {
		uint64_t have_pa, have_flags;
		if (pt_query(kernel_root, DIRECT_MAP_BASE + pa, &have_pa, &have_flags)) {
			pa += PAGE_SIZE; /* regions may overlap at their page-rounded edges */
			continue;
		}
		if (IS_ALIGNED(pa, PAGE_SIZE_2M) && pa + PAGE_SIZE_2M <= end) {
			map_or_panic(DIRECT_MAP_BASE + pa, pa, PTE_W | PTE_NX | PTE_G | PTE_PS);
			pa += PAGE_SIZE_2M;
		} else {
			map_or_panic(DIRECT_MAP_BASE + pa, pa, PTE_W | PTE_NX | PTE_G);
			pa += PAGE_SIZE;
		}
	}
}

static void map_image(const char *start, const char *end, uint64_t flags)
{
	for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += PAGE_SIZE) {
		if (va == (uint64_t)__boot_stack_guard)
			continue;
		map_or_panic(va, va - KERNEL_VMA, flags | PTE_G);
	}
}

static void reserve_top_slot(uint64_t va)
{
	uint64_t *pml4 = phys_to_virt(kernel_root);
	unsigned i = (va >> 39) & 511;
	if (pml4[i] & PTE_P)
		return;
	uint64_t pa = frame_alloc(0, FRAME_KIND_PAGE_TABLE);
	if (!pa)
		panic("kernel_map: out of memory");
	pml4[i] = pa | PTE_P | PTE_W;
}

void kernel_map_init(void)
{
	kernel_root = frame_alloc(0, FRAME_KIND_PAGE_TABLE);
	if (!kernel_root)
		panic("kernel_map: out of memory");
	for (unsigned i = 0; i < boot_info.nr_regions; i++) {
		const struct mem_region *r = &boot_info.regions[i];
		if (r->type == MEM_USABLE || r->type == MEM_ACPI || r->type == MEM_NVS)
			map_direct(r->base, r->base + r->size);
	}
	map_image(__kernel_start, __text_end, 0);
	map_image(__text_end, __rodata_end, PTE_NX);
	map_image(__rodata_end, __bss_end, PTE_W | PTE_NX);
	map_image(__bss_end, __kernel_end, PTE_NX);
	reserve_top_slot(STACK_AREA_BASE);
	reserve_top_slot(MMIO_AREA_BASE);
	write_cr4(read_cr4() | CR4_PGE);
	write_cr3(kernel_root);
}
