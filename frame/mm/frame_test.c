/* ktests for the frame allocator and its ownership state machine (F4, F14, F15). */
#include <frame/ktest.h>
#include <frame/errno.h>
#include "frame.h"
#include "layout.h"

KTEST(frame_alloc_returns_zeroed_in_use_frames)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL);
	KT_ASSERT(pa != 0);
	KT_ASSERT(IS_ALIGNED(pa, PAGE_SIZE));
	KT_EQ(frame_refcount(pa >> PAGE_SHIFT), 1);
	const uint64_t *p = phys_to_virt(pa);
	for (unsigned i = 0; i < PAGE_SIZE / 8; i++)
		KT_EQ(p[i], 0);
	frame_free(pa, 0);
	KT_EQ(frame_refcount(pa >> PAGE_SHIFT), 0);
}

KTEST(frame_claim_refuses_a_frame_in_use)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL);
	KT_ASSERT(pa != 0);
	/* A second claim of the same frame, as a buggy policy would make it, is refused. */
	KT_EQ(frame_claim(pa >> PAGE_SHIFT), -EBUSY);
	KT_EQ(frame_refcount(pa >> PAGE_SHIFT), 1);
	frame_free(pa, 0);
}

KTEST(frame_allocator_refuses_a_frame_claimed_behind_its_back)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL);
	uint64_t before = frame_free_count() + 1;
	frame_free(pa, 0);
	/* Another owner claims the free frame; the buddy lists still say it is free. */
	KT_EQ(frame_claim(pa >> PAGE_SHIFT), 0);
	KT_EQ(frame_claim(pa >> PAGE_SHIFT), -EBUSY);
	uint64_t head = 0, refusals = 0, got;
	bool handed_out = false;
	while (frame_free_count() > 0) {
		got = frame_alloc(0, FRAME_KIND_KERNEL);
		if (!got) {
			refusals++;
			continue;
		}
		handed_out |= got == pa;
		*(uint64_t *)phys_to_virt(got) = head;
		head = got;
	}
	KT_EQ(refusals, 1);
	KT_ASSERT(!handed_out);
	while (head) {
		uint64_t next = *(uint64_t *)phys_to_virt(head);
		frame_free(head, 0);
		head = next;
	}
	/* The other owner lets go: the frame is back in circulation. */
	frame_publish(pa >> PAGE_SHIFT);
	frame_free(pa, 0);
	KT_EQ(frame_free_count(), before);
}

KTEST(frame_put_refuses_unused_and_reserved_frames)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL);
	KT_ASSERT(pa != 0);
	frame_free(pa, 0);
	KT_EQ(frame_put(pa >> PAGE_SHIFT), -EINVAL); /* unused */
	KT_EQ(frame_put(0), -EINVAL); /* page 0 is reserved */
	KT_EQ(frame_get(0), -EINVAL);
	KT_EQ(frame_claim(frame_count + 5), -EINVAL); /* beyond RAM */
}

KTEST_PANICS(frame_double_free_panics, "not in use (double free?)")
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_KERNEL);
	frame_free(pa, 0);
	frame_free(pa, 0);
}

KTEST(frame_refcount_counts_references)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_UNTYPED);
	uint64_t pfn = pa >> PAGE_SHIFT;
	KT_EQ(frame_get(pfn), 0);
	KT_EQ(frame_refcount(pfn), 2);
	KT_EQ(frame_put(pfn), 0);
	KT_EQ(frame_refcount(pfn), 1);
	frame_free(pa, 0);
}

KTEST(frame_buddy_blocks_are_aligned_and_merge_back)
{
	uint64_t before = frame_free_count();
	uint64_t a = frame_alloc(3, FRAME_KIND_KERNEL), b = frame_alloc(0, FRAME_KIND_KERNEL);
	KT_ASSERT(a && b);
	KT_ASSERT(IS_ALIGNED(a, PAGE_SIZE << 3));
	KT_EQ(frame_free_count(), before - 9);
	frame_free(a, 3);
	frame_free(b, 0);
	KT_EQ(frame_free_count(), before);
	/* Merged again: an order-MAX block is still available. */
	uint64_t big = frame_alloc(MAX_ORDER, FRAME_KIND_KERNEL);
	KT_ASSERT(big != 0);
	frame_free(big, MAX_ORDER);
}

KTEST(frame_exhaustion_fails_cleanly_and_recovers)
{
	uint64_t before = frame_free_count();
	uint64_t head = 0, n = 0, pa;
	/* Take every free frame, chaining them through their first word. */
	while ((pa = frame_alloc(0, FRAME_KIND_KERNEL)) != 0) {
		*(uint64_t *)phys_to_virt(pa) = head;
		head = pa;
		n++;
	}
	KT_EQ(frame_free_count(), 0);
	KT_EQ(frame_alloc(0, FRAME_KIND_KERNEL), 0);
	KT_EQ(n, before);
	while (head) {
		uint64_t next = *(uint64_t *)phys_to_virt(head);
		frame_free(head, 0);
		head = next;
	}
	KT_EQ(frame_free_count(), before);
}
