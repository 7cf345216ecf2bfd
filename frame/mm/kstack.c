/*
 * Kernel stacks: 64 KiB slots in their own area of the kernel half
 * (STACK_AREA_BASE), a stack mapped at the top of its slot and the rest
 * left unmapped as the guard, so an overflow faults (kstack_is_guard names
 * it in the trap report). Freed slots are kept for reuse.
 */
#include <frame/errno.h>
#include <frame/spinlock.h>
#include "page_table.h"
#include "kstack.h"
#include "frame.h"
#include "layout.h"
#include "../arch/x86_64/x86.h"

#define KSTACK_SLOT_SIZE (64ul << 10) /* a stack fills the top of its slot; the rest is the guard */
#define KSTACK_SLOTS (STACK_AREA_SIZE / KSTACK_SLOT_SIZE)
#define KSTACK_FREE_CACHE 64

static struct spinlock kstack_lock = SPINLOCK_INIT;
static uint64_t kstack_next_slot;
static uint64_t kstack_free_slots[KSTACK_FREE_CACHE];
static unsigned kstack_nr_free;

int kstack_alloc(unsigned pages, struct kstack *out)
{
	if (pages == 0 || pages >= KSTACK_SLOT_SIZE / PAGE_SIZE)
		return -EINVAL;
	spin_lock(&kstack_lock);
	uint64_t slot;
	if (kstack_nr_free)
		slot = kstack_free_slots[--kstack_nr_free];
	else if (kstack_next_slot < KSTACK_SLOTS)
		slot = kstack_next_slot++;
	else
		slot = ~0ul;
	spin_unlock(&kstack_lock);
	if (slot == ~0ul)
		return -ENOMEM;
	uint64_t top = STACK_AREA_BASE + (slot + 1) * KSTACK_SLOT_SIZE;
	for (unsigned i = 1; i <= pages; i++) {
		uint64_t pa = frame_alloc(0, FRAME_KIND_STACK);
		if (!pa || pt_map(kernel_root, top - i * PAGE_SIZE, pa, PTE_W | PTE_NX | PTE_G)) {
			if (pa)
				frame_free(pa, 0);
			*out = (struct kstack){ .top = top, .pages = i - 1 };
			kstack_free(out);
			return -ENOMEM;
		}
	}
	*out = (struct kstack){ .top = top, .pages = pages };
	return 0;
}

void kstack_free(struct kstack *s)
{
	for (unsigned i = 1; i <= s->pages; i++) {
		uint64_t pa;
		if (pt_unmap(kernel_root, s->top - i * PAGE_SIZE, &pa) == 0) {
			invlpg(s->top - i * PAGE_SIZE);
			frame_free(pa, 0);
		}
	}
	uint64_t slot = (s->top - STACK_AREA_BASE) / KSTACK_SLOT_SIZE - 1;
	spin_lock(&kstack_lock);
	if (kstack_nr_free < KSTACK_FREE_CACHE)
		kstack_free_slots[kstack_nr_free++] = slot;
	spin_unlock(&kstack_lock);
	s->pages = 0;
}

bool kstack_is_guard(uint64_t va)
{
	uint64_t pa, flags;
	return va >= STACK_AREA_BASE && va < STACK_AREA_BASE + STACK_AREA_SIZE &&
	       !pt_query(kernel_root, va, &pa, &flags);
}
