/*
 * Typed slab caches: one cache per type, slabs that never change type.
 *
 * A slab is 2^order frames (FRAME_KIND_SLAB) starting with a `struct slab`
 * header, then the objects. Free slots are tracked in a bitmap in the header
 * rather than in a free list threaded through the objects: a dangling
 * pointer into a freed object therefore reads zeroes, never an allocator
 * pointer it could mistake for one of its own fields. Slabs are never given
 * back to the frame allocator, which is what makes the memory type-stable.
 *
 * Allocation takes the first partial slab and the first clear bitmap bit:
 * O(1) (the bitmap has at most 8 words). Per-CPU object magazines can sit in
 * front of slab_alloc/slab_free without changing the interface.
 *
 * SAFETY: object addresses are computed from a slab base we allocated and an
 * index checked against nr_objs; slab_free validates the pointer (direct-map
 * address, frame of kind SLAB, exact slot boundary, slot allocated, size
 * matching the cache) before it touches anything.
 */
#include <frame/errno.h>
#include "console/kprint.h"
#include <frame/panic.h>
#include <frame/spinlock.h>
#include "slab.h"
#include "links.h"
#include "frame.h"
#include "layout.h"

#define SLAB_MAX_OBJS 512
#define SLAB_MIN_OBJS 8
#define MAX_CACHES 512

struct slab {
	struct slab_cache *cache;
	struct slab *next, *prev;
	uint32_t nr_free;
	uint32_t links; /* live framework links inside this slab's objects (links.h) */
	uint64_t used[SLAB_MAX_OBJS / 64];
};

struct slab_cache {
	const char *key; /* "file:type": the identity; a string literal that lives forever */
	char name[56];
	size_t obj_size; /* the type's size */
	size_t stride; /* slot size */
	size_t align;
	size_t first_off; /* offset of slot 0 in the slab */
	uint64_t stride_inv; /* inverse of stride's odd part mod 2^64 (slot_index) */
	unsigned stride_shift; /* stride = odd part << stride_shift */
	unsigned order;
	unsigned nr_objs; /* per slab */
	bool holds_bytes; /* a byte-block size class (frame/mm/bytes.c), never a typed cache */
	struct spinlock_irq lock;
	struct slab *partial; /* slabs with a free slot */
	uint64_t nr_slabs, nr_active;
};

static struct slab_cache caches[MAX_CACHES];
static unsigned nr_caches;
static struct spinlock registry_lock = SPINLOCK_INIT;

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void cache_setup(struct slab_cache *c, const char *name, size_t size, size_t align)
{
	size_t n = 0;
	for (; name[n] && n + 1 < sizeof(c->name); n++)
		c->name[n] = name[n];
	c->name[n] = '\0';
	c->obj_size = size;
	c->align = MAX(align, 8ul);
	c->stride = ALIGN_UP(MAX(size, 8ul), c->align);
	c->first_off = ALIGN_UP(sizeof(struct slab), c->align);
	c->stride_shift = (unsigned)__builtin_ctzll(c->stride);
	uint64_t odd = c->stride >> c->stride_shift;
	c->stride_inv = odd; /* right to 3 bits: odd * odd == 1 mod 8 */
	for (int k = 0; k < 5; k++) /* Newton: each step doubles the correct bits */
		c->stride_inv *= 2 - odd * c->stride_inv;
	c->order = 0;
	while (c->order < MAX_ORDER && ((PAGE_SIZE << c->order) - c->first_off) / c->stride < SLAB_MIN_OBJS)
		c->order++;
	FW_ASSERT(c->first_off < (PAGE_SIZE << c->order));
	c->nr_objs = (unsigned)MIN(((PAGE_SIZE << c->order) - c->first_off) / c->stride, (uint64_t)SLAB_MAX_OBJS);
	c->lock = (struct spinlock_irq)SPINLOCK_IRQ_INIT;
}

struct slab_cache *slab_cache_get(const char *type_name, size_t size, size_t align)
{
	/* align > PAGE_SIZE (a service's _Alignas) would put slot 0 past a one-page slab. */
	if (size == 0 || size > (PAGE_SIZE << MAX_ORDER) / SLAB_MIN_OBJS || align == 0 || (align & (align - 1)) ||
	    align > PAGE_SIZE)
		panic("slab: type %s of size %zu cannot have a cache", type_name, size);
	spin_lock(&registry_lock);
	struct slab_cache *c = NULL;
	for (unsigned i = 0; i < nr_caches && !c; i++)
		if (caches[i].obj_size == size && caches[i].align == MAX(align, 8ul) &&
		    str_eq(caches[i].key, type_name))
			c = &caches[i];
	if (!c) {
		if (nr_caches == MAX_CACHES)
			panic("slab: more than %d typed caches", MAX_CACHES);
		c = &caches[nr_caches++];
		cache_setup(c, type_name, size, align);
		c->key = type_name;
	}
	spin_unlock(&registry_lock);
	return c;
}

static struct slab *slab_grow(struct slab_cache *c)
{
	uint64_t pa = frame_alloc(c->order, FRAME_KIND_SLAB);
	if (!pa)
		return NULL;
	struct slab *s = phys_to_virt(pa);
	s->cache = c;
	s->nr_free = c->nr_objs;
	for (uint64_t i = 0; i < (1ul << c->order); i++)
		__atomic_store_n(&frame_meta_of(pa + i * PAGE_SIZE)->owner, s, __ATOMIC_RELEASE);
	c->nr_slabs++;
	return s;
}

static void list_unlink(struct slab_cache *c, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c->partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static void list_push(struct slab_cache *c, struct slab *s)
{
	s->prev = NULL;
	s->next = c->partial;
	if (s->next)
		s->next->prev = s;
	c->partial = s;
}

/* SAFETY: i < c->nr_objs (callers check), so the slot lies inside the slab's frames. */
static char *slot_addr(const struct slab_cache *c, struct slab *s, unsigned i)
{
	return (char *)s + c->first_off + (size_t)i * c->stride;
}

/* SAFETY: callers pass one whole slot of a slab they own. */
static void zero_bytes(char *p, size_t n)
{
	__builtin_memset(p, 0, n); /* slots are multiples of 8 bytes: quadword stores */
}

void *slab_alloc(struct slab_cache *c)
{
	spin_lock_irq(&c->lock);
	struct slab *s = c->partial;
	if (!s) {
		s = slab_grow(c);
		if (!s) {
			spin_unlock_irq(&c->lock);
			return NULL;
		}
		list_push(c, s);
	}
	unsigned i = 0;
	for (unsigned w = 0; w < SLAB_MAX_OBJS / 64; w++) {
		uint64_t free_bits = ~s->used[w];
		if (free_bits) {
			i = w * 64 + (unsigned)__builtin_ctzll(free_bits);
			break;
		}
	}
	FW_ASSERT(i < c->nr_objs);
	s->used[i / 64] |= 1ul << (i % 64);
	if (--s->nr_free == 0)
		list_unlink(c, s);
	c->nr_active++;
	spin_unlock_irq(&c->lock);
	/* Slots are zeroed on free and slabs are zeroed when new: the object is already zero. */
	return slot_addr(c, s, i);
}

void slab_links_add(const void *p, int delta)
{
	if (!is_direct_map(p) || virt_to_phys(p) >> PAGE_SHIFT >= frame_count)
		return;
	struct frame_meta *m = frame_meta_of(virt_to_phys(p));
	if (m->kind != FRAME_KIND_SLAB || !m->owner)
		return;
	struct slab *s = m->owner;
	__atomic_add_fetch(&s->links, (uint32_t)delta, __ATOMIC_RELAXED);
}

/* The slow half of FREE: some object of this slab holds a link; is it this one? */
static void check_links(void *obj, const struct slab_cache *c)
{
	uint64_t lo = (uint64_t)obj, hi = lo + c->stride, at;
	if ((at = timer_link_in(lo, hi)))
		panic("FREE(%p): the %s still holds an armed timer (at +%lu)", obj, c->name, at - lo);
	if ((at = irq_link_in(lo, hi)))
		panic("FREE(%p): the %s still holds an attached IRQ action (at +%lu)", obj, c->name, at - lo);
	if ((at = wait_link_in(lo, hi)))
		panic("FREE(%p): the %s still holds a wait queue with waiters (at +%lu)", obj, c->name, at - lo);
}

void slab_free(void *obj, size_t size)
{
	if (!obj)
		return;
	if (!is_direct_map(obj))
		panic("FREE(%p): not a heap object", obj);
	struct frame_meta *m = frame_meta_of(virt_to_phys(obj));
	if (m->kind != FRAME_KIND_SLAB || !m->owner)
		panic("FREE(%p): not a heap object", obj);
	struct slab *s = m->owner;
	struct slab_cache *c = s->cache;
	uint64_t off = (uint64_t)obj - (uint64_t)s;
	if (off < c->first_off || (off - c->first_off) % c->stride)
		panic("FREE(%p): not the start of a %s", obj, c->name);
	unsigned i = (unsigned)((off - c->first_off) / c->stride);
	if (i >= c->nr_objs)
		panic("FREE(%p): beyond the slab of %s", obj, c->name);
	if (size != c->obj_size)
		panic("FREE(%p): object of size %zu freed as size %zu", obj, c->obj_size, size);
	if (__builtin_expect(__atomic_load_n(&s->links, __ATOMIC_RELAXED) != 0, 0))
		check_links(obj, c);
	spin_lock_irq(&c->lock);
	if (!(s->used[i / 64] & (1ul << (i % 64)))) {
		spin_unlock_irq(&c->lock);
		panic("FREE(%p): double free of a %s", obj, c->name);
	}
	zero_bytes(obj, c->stride);
	s->used[i / 64] &= ~(1ul << (i % 64));
	if (s->nr_free++ == 0)
		list_push(c, s);
	c->nr_active--;
	spin_unlock_irq(&c->lock);
}

/*
 * The index of the slot that starts `off` bytes into a slab, or a number >=
 * c->nr_objs when no slot starts there; without a division. With stride =
 * odd << k: if off = i * stride, then off * odd^-1 = i << k (mod 2^64) and
 * rotating right by k gives i. Rotation and multiplication by an odd number
 * are bijections of 64-bit words, so any other off (in a slot, in the
 * header, or "negative") maps to some other word, never to a small i.
 */
static uint64_t slot_index(const struct slab_cache *c, uint64_t off)
{
	uint64_t x = (off - c->first_off) * c->stride_inv;
	return (x >> c->stride_shift) | (x << ((64 - c->stride_shift) & 63));
}

struct slab_cache *slab_cache_of_object(const void *p)
{
	if (!is_direct_map(p))
		return NULL;
	uint64_t pa = virt_to_phys(p);
	if ((pa >> PAGE_SHIFT) >= frame_count)
		return NULL;
	struct frame_meta *m = frame_meta_of(pa);
	if (__atomic_load_n(&m->kind, __ATOMIC_RELAXED) != FRAME_KIND_SLAB)
		return NULL;
	/* Slab frames never change kind and their owner is set once (slab_grow). */
	struct slab *s = __atomic_load_n(&m->owner, __ATOMIC_ACQUIRE);
	if (!s)
		return NULL;
	struct slab_cache *c = s->cache;
	uint64_t i = slot_index(c, (uint64_t)p - (uint64_t)s);
	if (i >= c->nr_objs)
		return NULL;
	if (!(__atomic_load_n(&s->used[i / 64], __ATOMIC_RELAXED) & (1ul << (i % 64))))
		return NULL;
	return c;
}

void *slab_container(const struct slab_cache *want, const void *member, size_t offset)
{
	uint64_t start = (uint64_t)member - offset;
	if (!is_direct_map((void *)start) || virt_to_phys((void *)start) >> PAGE_SHIFT >= frame_count)
		panic("CONTAINER_OF(%p): not inside a heap object", member);
	struct frame_meta *m = frame_meta_of(virt_to_phys((void *)start));
	if (__atomic_load_n(&m->kind, __ATOMIC_RELAXED) != FRAME_KIND_SLAB)
		panic("CONTAINER_OF(%p): not inside a heap object", member);
	/* Slab frames never change kind and their owner is set once (slab_grow). */
	struct slab *s = __atomic_load_n(&m->owner, __ATOMIC_ACQUIRE);
	if (!s)
		panic("CONTAINER_OF(%p): not inside a heap object", member);
	const struct slab_cache *c = s->cache;
	if (c != want)
		panic("CONTAINER_OF(%p): the heap object there is a %s, not a %s", member, c->name, want->name);
	uint64_t i = slot_index(c, start - (uint64_t)s);
	if (i >= c->nr_objs)
		panic("CONTAINER_OF(%p): %#lx is not the start of a %s", member, start, c->name);
	if (!(__atomic_load_n(&s->used[i / 64], __ATOMIC_RELAXED) & (1ul << (i % 64))))
		panic("CONTAINER_OF(%p): the %s at %#lx is free", member, c->name, start);
	return (void *)start;
}

size_t slab_cache_stride(const struct slab_cache *c)
{
	return c->stride;
}

void slab_cache_mark_bytes(struct slab_cache *c)
{
	__atomic_store_n(&c->holds_bytes, true, __ATOMIC_RELEASE);
}

bool slab_cache_holds_bytes(const struct slab_cache *c)
{
	return __atomic_load_n(&c->holds_bytes, __ATOMIC_ACQUIRE);
}

bool slab_object_of(const void *p, uint64_t *start, size_t *size)
{
	struct frame_meta *m = frame_meta_of(virt_to_phys(p));
	if (m->kind != FRAME_KIND_SLAB || !m->owner)
		return false;
	struct slab *s = m->owner;
	struct slab_cache *c = s->cache;
	uint64_t off = (uint64_t)p - (uint64_t)s;
	if (off < c->first_off)
		return false;
	unsigned i = (unsigned)((off - c->first_off) / c->stride);
	uint64_t slot = (uint64_t)s + c->first_off + (uint64_t)i * c->stride;
	if (i >= c->nr_objs || (uint64_t)p >= slot + c->obj_size)
		return false;
	/* Lock-free like slab_cache_of_object: the answer may be stale at once
	 * anyway, and type stability is what callers rely on. */
	bool allocated = __atomic_load_n(&s->used[i / 64], __ATOMIC_RELAXED) & (1ul << (i % 64));
	*start = slot;
	*size = c->obj_size;
	return allocated;
}

uint64_t slab_cache_objects(const struct slab_cache *c)
{
	return c->nr_active;
}
uint64_t slab_cache_slabs(const struct slab_cache *c)
{
	return c->nr_slabs;
}

void slab_init(void)
{
	nr_caches = 0;
}
