/*
 * Walking and editing four-level page tables.
 *
 * Table frames come from the frame allocator as FRAME_KIND_PAGE_TABLE and
 * are only ever reached through the direct map from this file. Intermediate
 * entries are permissive (present, writable, user when the address is in the
 * user half); leaf entries carry the real permissions.
 *
 * SAFETY: a table's address always comes from a present non-leaf entry we
 * wrote ourselves, or from a root allocated here; indices are 9 bits.
 */
#include <frame/errno.h>
#include <frame/panic.h>
#include "page_table.h"
#include "frame.h"
#include "layout.h"

uint64_t kernel_root;

static uint64_t *table_at(uint64_t pa)
{
	return phys_to_virt(pa & PTE_ADDR_MASK);
}

static unsigned index_at(uint64_t va, unsigned level)
{
	return (va >> (12 + 9 * level)) & 511;
}

/* Return the level-0 or level-1 entry for va, creating tables down to `stop_level` when `create`. */
static uint64_t *walk(uint64_t root, uint64_t va, unsigned stop_level, bool create)
{
	uint64_t *table = table_at(root);
	for (unsigned level = 3; level > stop_level; level--) {
		uint64_t *e = &table[index_at(va, level)];
		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			uint64_t pa = frame_alloc(0, FRAME_KIND_PAGE_TABLE);
			if (!pa)
				return NULL;
			*e = pa | PTE_P | PTE_W | (va < USER_TOP ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			return NULL; /* inside a large page: not ours to split */
		}
		table = table_at(*e);
	}
	return &table[index_at(va, stop_level)];
}

int pt_map(uint64_t root, uint64_t va, uint64_t pa, uint64_t flags)
{
	unsigned level = (flags & PTE_PS) ? 1 : 0;
	uint64_t *e = walk(root, va, level, true);
	if (!e)
		return -ENOMEM;
	if (*e & PTE_P)
		return -EEXIST;
	*e = pa | flags | PTE_P;
	return 0;
}

int pt_unmap(uint64_t root, uint64_t va, uint64_t *old_pa)
{
	uint64_t *e = walk(root, va, 0, false);
	if (!e || !(*e & PTE_P) || (*e & PTE_PS))
		return -ENOENT;
	*old_pa = *e & PTE_ADDR_MASK;
	*e = 0;
	return 0;
}

int pt_protect(uint64_t root, uint64_t va, uint64_t flags)
{
	uint64_t *e = walk(root, va, 0, false);
	if (!e || !(*e & PTE_P) || (*e & PTE_PS))
		return -ENOENT;
	*e = (*e & PTE_ADDR_MASK) | flags | PTE_P;
	return 0;
}

bool pt_query(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags)
{
	uint64_t *table = table_at(root);
	for (unsigned level = 3;; level--) {
		uint64_t e = table[index_at(va, level)];
		if (!(e & PTE_P))
			return false;
		if (level == 0 || (e & PTE_PS)) {
			uint64_t page_mask = (1ul << (12 + 9 * level)) - 1;
			*pa = (e & PTE_ADDR_MASK & ~page_mask) | (va & page_mask);
			*flags = e & PTE_FLAGS_MASK;
			return true;
		}
		table = table_at(e);
	}
}

uint64_t pt_new_root(void)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_PAGE_TABLE);
	if (!pa)
		return 0;
	uint64_t *dst = table_at(pa), *src = table_at(kernel_root);
	for (unsigned i = 256; i < 512; i++)
		dst[i] = src[i];
	return pa;
}

/*
 * Visit every present 4 KiB leaf in [start, end), skipping absent tables
 * whole, so walking a mostly empty range is cheap. `fn` may clear the entry.
 */
static void walk_level(uint64_t *table, unsigned level, uint64_t base, uint64_t start, uint64_t end, pt_leaf_fn fn,
		       void *ctx)
{
	uint64_t span = 1ul << (12 + 9 * level);
	for (unsigned i = index_at(start, level); i < 512; i++) {
		uint64_t lo = base + (uint64_t)i * span;
		if (lo >= end)
			break;
		uint64_t *e = &table[i];
		if (!(*e & PTE_P))
			continue;
		if (level == 0) {
			fn(ctx, lo, e);
			continue;
		}
		if (*e & PTE_PS)
			continue; /* large pages are never in the user half */
		uint64_t sub_start = MAX(start, lo), sub_end = MIN(end, lo + span);
		walk_level(table_at(*e), level - 1, lo, sub_start, sub_end, fn, ctx);
	}
}

void pt_walk_range(uint64_t root, uint64_t start, uint64_t end, pt_leaf_fn fn, void *ctx)
{
	if (start < end)
		walk_level(table_at(root), 3, 0, start, end, fn, ctx);
}

static void free_tables(uint64_t *table, unsigned level, unsigned first, unsigned last)
{
	for (unsigned i = first; i <= last; i++) {
		uint64_t e = table[i];
		if (!(e & PTE_P) || (e & PTE_PS))
			continue;
		if (level > 1)
			free_tables(table_at(e), level - 1, 0, 511);
		frame_free(e & PTE_ADDR_MASK, 0);
		table[i] = 0;
	}
}

void pt_free_user_tables(uint64_t root)
{
	free_tables(table_at(root), 3, 0, 255);
	frame_free(root, 0);
}
