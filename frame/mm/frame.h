/*
 * Physical frames: per-frame metadata and the allocator. Framework-private.
 *
 * Each frame's metadata holds an atomic state that is the single source of
 * truth for its ownership (F4):
 *
 *   FRAME_UNUSED (0) --claim--> FRAME_BUSY (1) --publish--> in use with n refs (n + 1)
 *        ^                                                        |
 *        +-------------------- release (last ref) ----------------+
 *
 * The buddy allocator is a *policy*: it proposes free blocks, but a frame is
 * only handed out after its state moves UNUSED -> BUSY atomically, so a
 * buggy policy that proposes a used frame is refused (F14). Frames are
 * zeroed before they are handed out (F15).
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include <frame/types.h>

#define FRAME_UNUSED 0u
#define FRAME_BUSY 1u
#define FRAME_RESERVED 0xffffffffu
#define NO_PFN 0xffffffffu
#define MAX_ORDER 10 /* blocks of up to 4 MiB */

/* Typed frames are never reachable by services; untyped ones only by copy (F3). */
enum frame_kind {
	FRAME_KIND_NONE,
	FRAME_KIND_PAGE_TABLE,
	FRAME_KIND_STACK,
	FRAME_KIND_SLAB,
	FRAME_KIND_KERNEL, /* other framework-owned memory */
	FRAME_KIND_UNTYPED, /* user pages, page cache, DMA buffers, byte slices */
};

struct frame_meta {
	uint32_t state;
	uint8_t kind;
	uint8_t order;
	uint8_t free_head; /* heads a free buddy block of `order` */
	uint8_t pad;
	uint32_t next, prev; /* buddy free-list links */
	uint32_t head_pfn; /* first frame of the allocation (slabs) */
	uint32_t bytes_len; /* large byte blocks (mm/bytes.c): the length asked for */
	void *owner; /* the slab for slab frames */
};

extern struct frame_meta *frame_metas;
extern uint64_t frame_count; /* frames described by frame_metas */

void frame_init(void);

/* Allocate 2^order contiguous zeroed frames; returns the physical address, 0 when out of memory. */
uint64_t frame_alloc(unsigned order, enum frame_kind kind);
/* Drop the allocation's reference; frees the block at zero. */
void frame_free(uint64_t pa, unsigned order);

/* Return a block whose frames were all left BUSY by their last frame_put to the allocator. */
void frame_release_busy(uint64_t pfn, unsigned order);

/* The state machine, exposed for the allocator and its tests. */
int frame_claim(uint64_t pfn); /* UNUSED -> BUSY, or -EBUSY */
void frame_publish(uint64_t pfn); /* BUSY -> in use (1 ref) */
int frame_get(uint64_t pfn); /* +1 ref on an in-use frame, or -EINVAL */
int frame_put(uint64_t pfn); /* -1 ref; 1 when it reached 0 (now BUSY), 0, or -EINVAL */
uint32_t frame_refcount(uint64_t pfn); /* 0 when not in use */

__noreturn void frame_meta_beyond_ram(uint64_t pa);
/* The metadata of the frame holding pa (inline: on every slab, page and slice check). */
static inline struct frame_meta *frame_meta_of(uint64_t pa)
{
	uint64_t pfn = pa >> PAGE_SHIFT;
	if (__builtin_expect(pfn >= frame_count, 0))
		frame_meta_beyond_ram(pa);
	return &frame_metas[pfn];
}
uint64_t frame_free_count(void);
uint64_t frame_total_count(void);

#endif
