/*
 * The frame allocator: per-frame metadata with its atomic state machine
 * (frame.h) and a binary buddy allocator as the placement policy.
 *
 * The buddy lists are threaded through the metadata (next/prev frame
 * numbers), so allocation and free are O(MAX_ORDER). A per-CPU cache of
 * order-0 frames can sit in front of frame_alloc without changing its
 * interface.
 *
 * SAFETY: the metadata array is carved out of RAM at boot and mapped in the
 * direct map; every frame number is checked against frame_count before it
 * indexes it. Frame contents are touched only through the direct map, for
 * frames this module has just claimed.
 */
#include <frame/errno.h>
#include "console/kprint.h"
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "frame.h"
#include "layout.h"
#include "../boot/boot_info.h"

struct frame_meta *frame_metas;
uint64_t frame_count;

static struct spinlock_irq buddy_lock = SPINLOCK_IRQ_INIT;
static uint32_t free_lists[MAX_ORDER + 1];
static uint64_t free_frames, total_frames;

void frame_meta_beyond_ram(uint64_t pa)
{
	panic("physical address %#lx beyond RAM", pa);
}

static void list_push(unsigned order, uint32_t pfn)
{
	struct frame_meta *m = &frame_metas[pfn];
	m->free_head = 1;
	m->order = (uint8_t)order;
	m->prev = NO_PFN;
	m->next = free_lists[order];
	if (m->next != NO_PFN)
		frame_metas[m->next].prev = pfn;
	free_lists[order] = pfn;
}

static void list_remove(unsigned order, uint32_t pfn)
{
	struct frame_meta *m = &frame_metas[pfn];
	if (m->prev != NO_PFN)
		frame_metas[m->prev].next = m->next;
	else
		free_lists[order] = m->next;
	if (m->next != NO_PFN)
		frame_metas[m->next].prev = m->prev;
	m->free_head = 0;
}

/* Policy: return a free block to the lists, merging with free buddies. */
static void buddy_insert(uint64_t pfn, unsigned order)
{
	while (order < MAX_ORDER) {
		uint64_t buddy = pfn ^ (1ul << order);
		if (buddy + (1ul << order) > frame_count)
			break;
		struct frame_meta *b = &frame_metas[buddy];
		if (!b->free_head || b->order != order)
			break;
		list_remove(order, (uint32_t)buddy);
		pfn &= ~(1ul << order);
		order++;
	}
	list_push(order, (uint32_t)pfn);
}

/* Policy: take a block of at least `order`, splitting larger ones. */
static uint64_t buddy_take(unsigned order)
{
	unsigned o = order;
	while (o <= MAX_ORDER && free_lists[o] == NO_PFN)
		o++;
	if (o > MAX_ORDER)
		return NO_PFN;
	uint64_t pfn = free_lists[o];
	list_remove(o, (uint32_t)pfn);
	while (o > order) {
		o--;
		list_push(o, (uint32_t)(pfn + (1ul << o)));
	}
	return pfn;
}

int frame_claim(uint64_t pfn)
{
	if (pfn >= frame_count)
		return -EINVAL;
	uint32_t expected = FRAME_UNUSED;
	if (!__atomic_compare_exchange_n(&frame_metas[pfn].state, &expected, FRAME_BUSY, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return -EBUSY;
	return 0;
}

void frame_publish(uint64_t pfn)
{
	FW_ASSERT(__atomic_load_n(&frame_metas[pfn].state, __ATOMIC_RELAXED) == FRAME_BUSY);
	__atomic_store_n(&frame_metas[pfn].state, 2, __ATOMIC_RELEASE);
}

int frame_get(uint64_t pfn)
{
	if (pfn >= frame_count)
		return -EINVAL;
	uint32_t s = __atomic_load_n(&frame_metas[pfn].state, __ATOMIC_RELAXED);
	do {
		if (s < 2 || s == FRAME_RESERVED || s == FRAME_RESERVED - 1)
			return -EINVAL;
	} while (
	    !__atomic_compare_exchange_n(&frame_metas[pfn].state, &s, s + 1, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return 0;
}

int frame_put(uint64_t pfn)
{
	if (pfn >= frame_count)
		return -EINVAL;
	uint32_t s = __atomic_load_n(&frame_metas[pfn].state, __ATOMIC_RELAXED);
	do {
		if (s < 2 || s == FRAME_RESERVED)
			return -EINVAL;
	} while (!__atomic_compare_exchange_n(&frame_metas[pfn].state, &s, s == 2 ? FRAME_BUSY : s - 1, true,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return s == 2;
}

uint32_t frame_refcount(uint64_t pfn)
{
	uint32_t s = __atomic_load_n(&frame_metas[pfn].state, __ATOMIC_RELAXED);
	return (s < 2 || s == FRAME_RESERVED) ? 0 : s - 1;
}

static void zero_frames(uint64_t pa, unsigned order)
{
	/* SAFETY: the frames were just claimed by us and lie in the direct map. */
	uint64_t *p = phys_to_virt(pa);
	uint64_t n = (PAGE_SIZE << order) / 8;
	__asm__ volatile("rep stosq" : "+D"(p), "+c"(n) : "a"(0ul) : "memory");
}

/* Undo a partial claim after the policy proposed a frame that was not free. */
static void unclaim(uint64_t pfn, uint64_t upto)
{
	for (uint64_t i = pfn; i < upto; i++)
		__atomic_store_n(&frame_metas[i].state, FRAME_UNUSED, __ATOMIC_RELEASE);
}

uint64_t frame_alloc(unsigned order, enum frame_kind kind)
{
	if (order > MAX_ORDER)
		return 0;
	spin_lock_irq(&buddy_lock);
	uint64_t pfn = buddy_take(order);
	if (pfn != NO_PFN)
		free_frames -= 1ul << order;
	spin_unlock_irq(&buddy_lock);
	if (pfn == NO_PFN)
		return 0;
	for (uint64_t i = 0; i < (1ul << order); i++) {
		if (frame_claim(pfn + i) != 0) {
			/* The policy proposed a frame that is in use: refuse it (and leak the block, loudly). */
			log_err("frame allocator proposed frame %#lx which is not free; refused", (pfn + i)
												      << PAGE_SHIFT);
			unclaim(pfn, pfn + i);
			return 0;
		}
	}
	for (uint64_t i = 0; i < (1ul << order); i++) {
		frame_metas[pfn + i].kind = (uint8_t)kind;
		frame_metas[pfn + i].head_pfn = (uint32_t)pfn;
		frame_metas[pfn + i].owner = NULL;
	}
	frame_metas[pfn].order = (uint8_t)order;
	zero_frames(pfn << PAGE_SHIFT, order);
	for (uint64_t i = 0; i < (1ul << order); i++)
		frame_publish(pfn + i);
	return pfn << PAGE_SHIFT;
}

void frame_free(uint64_t pa, unsigned order)
{
	uint64_t pfn = pa >> PAGE_SHIFT;
	if (!IS_ALIGNED(pfn, 1ul << order) || pfn + (1ul << order) > frame_count)
		panic("frame_free(%#lx, %u): not an allocation", pa, order);
	for (uint64_t i = 0; i < (1ul << order); i++) {
		int r = frame_put(pfn + i);
		if (r < 0)
			panic("frame_free(%#lx): frame %#lx is not in use (double free?)", pa, (pfn + i) << PAGE_SHIFT);
		if (r == 0)
			panic("frame_free(%#lx): frame still referenced", pa);
	}
	frame_release_busy(pfn, order);
}

void frame_release_busy(uint64_t pfn, unsigned order)
{
	for (uint64_t i = 0; i < (1ul << order); i++) {
		frame_metas[pfn + i].kind = FRAME_KIND_NONE;
		frame_metas[pfn + i].owner = NULL;
		__atomic_store_n(&frame_metas[pfn + i].state, FRAME_UNUSED, __ATOMIC_RELEASE);
	}
	spin_lock_irq(&buddy_lock);
	buddy_insert(pfn, order);
	free_frames += 1ul << order;
	spin_unlock_irq(&buddy_lock);
}

uint64_t frame_free_count(void)
{
	return free_frames;
}
uint64_t frame_total_count(void)
{
	return total_frames;
}

static void add_free_range(uint64_t start, uint64_t end)
{
	while (start < end) {
		unsigned order = 0;
		while (order < MAX_ORDER && IS_ALIGNED(start, 1ul << (order + 1)) &&
		       start + (1ul << (order + 1)) <= end)
			order++;
		for (uint64_t i = 0; i < (1ul << order); i++)
			frame_metas[start + i].state = FRAME_UNUSED;
		buddy_insert(start, order);
		free_frames += 1ul << order;
		start += 1ul << order;
	}
}

/* Free usable RAM in [start, end) frames minus everything in `holes`. */
static void add_usable(uint64_t start, uint64_t end, const uint64_t holes[][2], unsigned nr_holes)
{
	for (unsigned h = 0; h < nr_holes && start < end; h++) {
		if (holes[h][1] <= start || holes[h][0] >= end)
			continue;
		if (holes[h][0] > start)
			add_usable(start, holes[h][0], holes, nr_holes);
		start = holes[h][1];
	}
	if (start < end)
		add_free_range(start, end);
}

void frame_init(void)
{
	uint64_t max_pfn = 0;
	for (unsigned i = 0; i < boot_info.nr_regions; i++) {
		const struct mem_region *r = &boot_info.regions[i];
		if (r->type == MEM_USABLE)
			max_pfn = MAX(max_pfn, (r->base + r->size) >> PAGE_SHIFT);
	}
	uint64_t meta_bytes = ALIGN_UP(max_pfn * sizeof(struct frame_meta), PAGE_SIZE);
	uint64_t kernel_end_pa = (uint64_t)__kernel_end - KERNEL_VMA;
	uint64_t initrd_lo = boot_info.initrd_base, initrd_hi = initrd_lo + boot_info.initrd_size;

	/* Place the metadata in the first usable stretch below 4 GiB that avoids the kernel and initrd. */
	uint64_t meta_pa = 0;
	for (unsigned i = 0; i < boot_info.nr_regions && !meta_pa; i++) {
		const struct mem_region *r = &boot_info.regions[i];
		if (r->type != MEM_USABLE)
			continue;
		uint64_t lo = ALIGN_UP(MAX(r->base, kernel_end_pa), PAGE_SIZE), hi = MIN(r->base + r->size, 1ul << 32);
		if (lo < initrd_hi && lo + meta_bytes > initrd_lo)
			lo = ALIGN_UP(initrd_hi, PAGE_SIZE);
		if (lo + meta_bytes <= hi)
			meta_pa = lo;
	}
	if (!meta_pa)
		panic("no room for %lu bytes of frame metadata", meta_bytes);
	frame_metas = phys_to_virt(meta_pa);
	frame_count = max_pfn;
	for (uint64_t i = 0; i < max_pfn; i++)
		frame_metas[i] = (struct frame_meta){ .state = FRAME_RESERVED, .next = NO_PFN, .prev = NO_PFN };
	for (unsigned o = 0; o <= MAX_ORDER; o++)
		free_lists[o] = NO_PFN;

	/* Sorted holes: low memory (BIOS, PVH data), the kernel image, the metadata, the initrd. */
	uint64_t holes[4][2] = {
		{ 0, 0x100000 >> PAGE_SHIFT },
		{ ((uint64_t)__kernel_start - KERNEL_VMA) >> PAGE_SHIFT,
		  ALIGN_UP(kernel_end_pa, PAGE_SIZE) >> PAGE_SHIFT },
		{ meta_pa >> PAGE_SHIFT, (meta_pa + meta_bytes) >> PAGE_SHIFT },
		{ initrd_lo >> PAGE_SHIFT, ALIGN_UP(initrd_hi, PAGE_SIZE) >> PAGE_SHIFT },
	};
	for (unsigned a = 1; a < 4; a++)
		for (unsigned b = a; b > 0 && holes[b][0] < holes[b - 1][0]; b--) {
			uint64_t t0 = holes[b][0], t1 = holes[b][1];
			holes[b][0] = holes[b - 1][0], holes[b][1] = holes[b - 1][1];
			holes[b - 1][0] = t0, holes[b - 1][1] = t1;
		}
	for (unsigned i = 0; i < boot_info.nr_regions; i++) {
		const struct mem_region *r = &boot_info.regions[i];
		if (r->type != MEM_USABLE)
			continue;
		add_usable(ALIGN_UP(r->base, PAGE_SIZE) >> PAGE_SHIFT,
			   ALIGN_DOWN(r->base + r->size, PAGE_SIZE) >> PAGE_SHIFT, holes, 4);
	}
	total_frames = free_frames;
	log_info("mm: %lu MiB usable, %lu KiB of frame metadata", (free_frames << PAGE_SHIFT) >> 20, meta_bytes >> 10);
}
