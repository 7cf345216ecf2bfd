/*
 * MMIO windows: device registers mapped uncached in their own area of the
 * kernel half (MMIO_AREA_BASE), bump-allocated with an unmapped page
 * between windows, never unmapped.
 */
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "page_table.h"
#include "layout.h"

static struct spinlock mmio_lock = SPINLOCK_INIT;
static uint64_t mmio_next = MMIO_AREA_BASE;

void *mmio_map(uint64_t pa, size_t size)
{
	uint64_t off = pa & (PAGE_SIZE - 1);
	uint64_t pages = ALIGN_UP(size + off, PAGE_SIZE) / PAGE_SIZE;
	spin_lock(&mmio_lock);
	uint64_t va = mmio_next;
	mmio_next += (pages + 1) * PAGE_SIZE; /* one unmapped page between windows */
	spin_unlock(&mmio_lock);
	for (uint64_t i = 0; i < pages; i++) {
		int r = pt_map(kernel_root, va + i * PAGE_SIZE, pa - off + i * PAGE_SIZE,
			       PTE_W | PTE_NX | PTE_G | PTE_PCD | PTE_PWT);
		if (r)
			panic("mmio_map: mapping %#lx failed (%d)", pa, r);
	}
	/* SAFETY: the window was just mapped uncached; callers access it with width-checked accessors. */
	return (void *)(va + off);
}
