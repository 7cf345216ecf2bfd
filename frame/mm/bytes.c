/*
 * Byte slices: bounds failures, bulk operations and their backing memory.
 *
 * Backing memory comes from size-class caches ("bytes-16" .. "bytes-2048")
 * or, above that, from blocks of untyped frames. Byte arrays hold no
 * pointers, so sharing a size class between all byte slices keeps type
 * stability. Freed blocks stay byte blocks (per-order lists threaded through
 * the frame metadata, never through the block, which a stale slice could
 * still write): a stale slice can never reach a frame that became a page
 * table or a slab.
 *
 * SAFETY: every raw access below stays within [ptr, ptr + len) of a slice,
 * and slices are only created by this file (from our allocations) or by the
 * framework over memory it owns (bytes_from_raw).
 */
#include <frame/bytes.h>
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "bytes_internal.h"
#include "slab.h"
#include "frame.h"
#include "layout.h"
#include "../console/symbols.h"

__noreturn void bytes_bounds_fail(size_t index, size_t len, const char *what)
{
	panic("slice out of bounds: %s %zu, length %zu", what, index, len);
}

struct bytes bytes_from_raw(void *ptr, size_t len, bool readonly)
{
	return (struct bytes){ ptr, len, readonly };
}

struct bytes bytes_literal(const char *s, size_t len)
{
	/* SAFETY: BYTES_LIT passes a string literal and its sizeof - 1; literals live in rodata forever. */
	return (struct bytes){ (uint8_t *)s, len, true };
}

static bool in_range(uint64_t a, size_t len, const char *lo, const char *hi)
{
	return a >= (uint64_t)lo && a < (uint64_t)hi && len <= (uint64_t)hi - a;
}

/* Whether [a, a + len) lies inside the object that starts at start and has size bytes. */
static bool inside(uint64_t a, size_t len, uint64_t start, uint64_t size)
{
	return a >= start && a - start <= size && len <= size - (a - start);
}

/*
 * Why [a, a + len) is not a byte array of one object a service may slice,
 * or NULL when it is. BYTES_OF_FIELD passes an array member's address and
 * size, but the object pointer behind it may be one past the end of an
 * array, or point to a freed slot: so the whole range must lie in one live
 * slab object or one static object of the services.
 */
static const char *field_refusal(uint64_t a, size_t len)
{
	uint64_t start = 0, size = 0;
	/* The direct map, the kernel image and the stack area are disjoint: test
	 * the common case, a heap object, first. */
	if (is_direct_map((void *)a)) {
		if (virt_to_phys((void *)a) >> PAGE_SHIFT >= frame_count)
			return "not a heap or static object";
		switch (frame_meta_of(virt_to_phys((void *)a))->kind) {
		case FRAME_KIND_SLAB:
			if (!slab_object_of((void *)a, &start, &size))
				return "not inside a live heap object";
			if (!inside(a, len, start, size))
				return "not inside one heap object";
			return NULL;
		case FRAME_KIND_STACK:
			return "a slice of the stack would dangle";
		case FRAME_KIND_PAGE_TABLE:
			return "a page table";
		case FRAME_KIND_UNTYPED:
			return "untyped memory (a page or byte block)";
		default:
			return "framework memory";
		}
	}
	if (in_range(a, len, __service_data_start, __service_data_end) ||
	    in_range(a, len, __service_bss_start, __service_bss_end)) {
		if (!static_object_lookup(a, &start, &size) || !inside(a, len, start, size))
			return "not inside one static object";
		return NULL;
	}
	if (a >= (uint64_t)__kernel_start && a < (uint64_t)__kernel_end)
		return "kernel text, read-only data or framework data";
	if (a >= STACK_AREA_BASE && a < STACK_AREA_BASE + STACK_AREA_SIZE)
		return "a slice of the stack would dangle";
	return "not a heap or static object";
}

struct bytes bytes_of_field(void *field, size_t len)
{
	const char *why = field_refusal((uint64_t)field, len);
	if (why)
		panic("BYTES_OF_FIELD(%p, %zu): %s", field, len, why);
	/* SAFETY: [field, field + len) is one byte array member of one live object (field_refusal). */
	return (struct bytes){ field, len, false };
}

void bytes_copy(struct bytes dst, struct bytes src)
{
	if (src.__fw_len > dst.__fw_len)
		bytes_bounds_fail(src.__fw_len, dst.__fw_len, "copy of length");
	if (dst.__fw_readonly && src.__fw_len)
		bytes_bounds_fail(0, dst.__fw_len, "write to read-only slice at");
	__builtin_memmove(dst.__fw_ptr, src.__fw_ptr, src.__fw_len);
}

void bytes_fill(struct bytes b, uint8_t v)
{
	if (b.__fw_readonly && b.__fw_len)
		bytes_bounds_fail(0, b.__fw_len, "write to read-only slice at");
	__builtin_memset(b.__fw_ptr, v, b.__fw_len);
}

ssize_t bytes_find(struct bytes b, uint8_t v)
{
	for (size_t i = 0; i < b.__fw_len; i++)
		if (b.__fw_ptr[i] == v)
			return (ssize_t)i;
	return -1;
}

bool bytes_equal(struct bytes a, struct bytes b)
{
	return a.__fw_len == b.__fw_len && __builtin_memcmp(a.__fw_ptr, b.__fw_ptr, a.__fw_len) == 0;
}

static uint64_t get_le(struct bytes b, size_t off, unsigned n)
{
	if (off > b.__fw_len || n > b.__fw_len - off)
		bytes_bounds_fail(off + n, b.__fw_len, "load end");
	uint64_t v = 0;
	/* SAFETY: [off, off + n) was checked to lie in the slice; x86 is little-endian and allows unaligned loads. */
	__builtin_memcpy(&v, b.__fw_ptr + off, n);
	return v;
}

static void set_le(struct bytes b, size_t off, unsigned n, uint64_t v)
{
	if (off > b.__fw_len || n > b.__fw_len - off)
		bytes_bounds_fail(off + n, b.__fw_len, "store end");
	if (b.__fw_readonly)
		bytes_bounds_fail(off, b.__fw_len, "write to read-only slice at");
	/* SAFETY: as in get_le. */
	__builtin_memcpy(b.__fw_ptr + off, &v, n);
}

void bytes_set_le16(struct bytes b, size_t off, uint16_t v)
{
	set_le(b, off, 2, v);
}
void bytes_set_le32(struct bytes b, size_t off, uint32_t v)
{
	set_le(b, off, 4, v);
}
void bytes_set_le64(struct bytes b, size_t off, uint64_t v)
{
	set_le(b, off, 8, v);
}

uint16_t bytes_get_le16(struct bytes b, size_t off)
{
	return (uint16_t)get_le(b, off, 2);
}
uint32_t bytes_get_le32(struct bytes b, size_t off)
{
	return (uint32_t)get_le(b, off, 4);
}
uint64_t bytes_get_le64(struct bytes b, size_t off)
{
	return get_le(b, off, 8);
}

#define BYTES_MIN_CLASS 16
#define BYTES_MAX_CLASS 2048

static struct slab_cache *size_classes[8]; /* 16 .. 2048 */
static const char *const class_names[8] = { "bytes-16",	 "bytes-32",  "bytes-64",   "bytes-128",
					    "bytes-256", "bytes-512", "bytes-1024", "bytes-2048" };

static unsigned class_of(size_t len)
{
	unsigned c = 0;
	while ((size_t)BYTES_MIN_CLASS << c < len)
		c++;
	return c;
}

static unsigned order_of(size_t len)
{
	unsigned o = 0;
	while ((PAGE_SIZE << o) < len)
		o++;
	return o;
}

static struct spinlock blocks_lock = SPINLOCK_INIT;
static uint32_t free_blocks[MAX_ORDER + 1] = { [0 ... MAX_ORDER] = NO_PFN };
/* The owner recorded in a large byte block's head frame: tells it from other untyped frames (pages). */
static const char large_block_mark;

/* Does p start a large byte block (free or not)? */
static bool is_large_block(const void *p)
{
	uint64_t pa = virt_to_phys(p);
	if (!is_direct_map(p) || (pa & (PAGE_SIZE - 1)) || (pa >> PAGE_SHIFT) >= frame_count)
		return false;
	return __atomic_load_n(&frame_meta_of(pa)->owner, __ATOMIC_ACQUIRE) == &large_block_mark;
}

struct bytes bytes_alloc(size_t len)
{
	if (len == 0)
		return (struct bytes){ NULL, 0, false };
	if (len <= BYTES_MAX_CLASS) {
		unsigned c = class_of(len);
		struct slab_cache *cache = __atomic_load_n(&size_classes[c], __ATOMIC_ACQUIRE);
		if (!cache) {
			cache = slab_cache_get(class_names[c], (size_t)BYTES_MIN_CLASS << c, 8);
			slab_cache_mark_bytes(cache);
			__atomic_store_n(&size_classes[c], cache, __ATOMIC_RELEASE);
		}
		uint8_t *p = slab_alloc(cache);
		return p ? (struct bytes){ p, len, false } : bytes_empty();
	}
	return bytes_alloc_frames(len);
}

struct bytes bytes_alloc_frames(size_t len)
{
	if (len == 0 || len > (PAGE_SIZE << MAX_ORDER))
		return bytes_empty(); /* before order_of, whose shift would overflow */
	unsigned order = order_of(len);
	uint64_t pa = 0;
	spin_lock(&blocks_lock);
	if (free_blocks[order] != NO_PFN) {
		pa = (uint64_t)free_blocks[order] << PAGE_SHIFT;
		free_blocks[order] = frame_meta_of(pa)->next;
	}
	spin_unlock(&blocks_lock);
	if (pa) {
		frame_meta_of(pa)->pad = 0; /* no longer on the free list */
		__builtin_memset(phys_to_virt(pa), 0, PAGE_SIZE << order);
	} else {
		pa = frame_alloc(order, FRAME_KIND_UNTYPED);
		if (pa) /* for good: byte blocks never go back to the frame allocator */
			__atomic_store_n(&frame_meta_of(pa)->owner, (void *)&large_block_mark, __ATOMIC_RELEASE);
	}
	if (pa)
		__atomic_store_n(&frame_meta_of(pa)->bytes_len, (uint32_t)len, __ATOMIC_RELAXED);
	return pa ? (struct bytes){ phys_to_virt(pa), len, false } : bytes_empty();
}

void bytes_free(struct bytes b)
{
	if (!b.__fw_ptr)
		return;
	if (b.__fw_readonly)
		panic("bytes_free: read-only slice %p", b.__fw_ptr);
	if (b.__fw_len <= BYTES_MAX_CLASS && !is_large_block(b.__fw_ptr)) {
		slab_free(b.__fw_ptr, (size_t)BYTES_MIN_CLASS << class_of(b.__fw_len));
		return;
	}
	uint64_t pa = virt_to_phys(b.__fw_ptr);
	struct frame_meta *m = frame_meta_of(pa);
	/* The whole allocation, not a sub-slice: it must start the block and have its order. */
	if (m->kind != FRAME_KIND_UNTYPED || m->head_pfn != pa >> PAGE_SHIFT || !IS_ALIGNED(pa, PAGE_SIZE) ||
	    b.__fw_len > (PAGE_SIZE << MAX_ORDER) || m->order != order_of(b.__fw_len))
		panic("bytes_free: %p is not a slice allocation", b.__fw_ptr);
	spin_lock(&blocks_lock);
	if (m->pad) {
		spin_unlock(&blocks_lock);
		panic("bytes_free(%p): double free of a %zu-byte slice", b.__fw_ptr, b.__fw_len);
	}
	m->pad = 1; /* on the free list: a second free is caught */
	m->next = free_blocks[order_of(b.__fw_len)];
	free_blocks[order_of(b.__fw_len)] = (uint32_t)(pa >> PAGE_SHIFT);
	spin_unlock(&blocks_lock);
}

size_t bytes_block_size(const void *p, size_t *large_len)
{
	*large_len = 0;
	if (!is_direct_map(p) || ((uint64_t)p & 15))
		return 0;
	uint64_t pa = virt_to_phys(p);
	if ((pa >> PAGE_SHIFT) >= frame_count)
		return 0;
	struct frame_meta *m = frame_meta_of(pa);
	/* A large block: its head frame carries the mark (one metadata load for
	 * the common large buffers, before the slab walk). */
	if (!(pa & (PAGE_SIZE - 1)) && __atomic_load_n(&m->owner, __ATOMIC_ACQUIRE) == &large_block_mark) {
		/* A large block's head keeps its kind, order and mark for good; pad says it is free. */
		if (__atomic_load_n(&m->pad, __ATOMIC_RELAXED))
			return 0;
		*large_len = __atomic_load_n(&m->bytes_len, __ATOMIC_RELAXED);
		return PAGE_SIZE << m->order;
	}
	struct slab_cache *c = slab_cache_of_object(p);
	if (c)
		return slab_cache_holds_bytes(c) ? slab_cache_stride(c) : 0; /* else a typed object */
	return 0;
}
