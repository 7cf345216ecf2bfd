/*
 * `struct page`: the service-facing handle of one untyped frame.
 *
 * A page handle is the address of the frame's metadata entry, which lives
 * forever in the metadata array; so a stale handle never points at freed
 * memory, and every operation first checks that the entry describes an
 * untyped frame that is in use. A handle whose frame was freed and reused
 * as a page table or slab is refused with a panic instead of reaching it
 * (F3). The frame's bytes are reached only by copying through the direct
 * map, never through a pointer given to the service.
 */
#include <frame/vm.h>
#include <frame/panic.h>
#include "frame.h"
#include "layout.h"
#include "bytes_internal.h"

/* SAFETY: handles are only ever made by to_page() from a metadata entry. */
static struct page *to_page(struct frame_meta *m)
{
	return (struct page *)m;
}

/* SAFETY: the handle is converted back and checked to be an entry of frame_metas before any use. */
static uint64_t checked_pfn(const struct page *pg)
{
	const struct frame_meta *m = (const struct frame_meta *)pg;
	uint64_t off = (uint64_t)m - (uint64_t)frame_metas;
	if ((uint64_t)m < (uint64_t)frame_metas || off % sizeof(*m) || off / sizeof(*m) >= frame_count)
		panic("page handle %p is not a page", pg);
	uint64_t pfn = off / sizeof(*m);
	if (m->kind != FRAME_KIND_UNTYPED || frame_refcount(pfn) == 0)
		panic("page handle %p used after its last reference was dropped", pg);
	return pfn;
}

/*
 * Pin the page for the length of an operation: a concurrent last page_put
 * cannot free (and let the frame become a page table) while we copy.
 */
static uint64_t pin(const struct page *pg)
{
	uint64_t pfn = checked_pfn(pg);
	if (frame_get(pfn))
		panic("page handle %p used after its last reference was dropped", pg);
	return pfn;
}

static void unpin(uint64_t pfn)
{
	if (frame_put(pfn) == 1)
		frame_release_busy(pfn, 0); /* we held the last reference after all */
}

static uint8_t *pfn_bytes(uint64_t pfn)
{
	return phys_to_virt(pfn << PAGE_SHIFT);
}

struct page *page_alloc(void)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_UNTYPED);
	return pa ? to_page(frame_meta_of(pa)) : NULL;
}

void page_get(struct page *pg)
{
	if (frame_get(checked_pfn(pg)))
		panic("page_get(%p): not in use", pg);
}

void page_put(struct page *pg)
{
	uint64_t pfn = checked_pfn(pg);
	int r = frame_put(pfn);
	if (r < 0)
		panic("page_put(%p): not in use", pg);
	if (r == 1)
		frame_release_busy(pfn, 0);
}

unsigned page_refcount(const struct page *pg)
{
	return frame_refcount(checked_pfn(pg));
}

uint64_t page_frame_number(const struct page *pg)
{
	return checked_pfn(pg);
}

static void check_range(size_t off, size_t len)
{
	if (off > PAGE_SIZE || len > PAGE_SIZE - off)
		bytes_bounds_fail(off + len, PAGE_SIZE, "page range end");
}

void page_read(struct page *pg, size_t off, struct bytes dst)
{
	check_range(off, bytes_len(dst));
	uint64_t pfn = pin(pg);
	bytes_copy(dst, bytes_from_raw(pfn_bytes(pfn) + off, bytes_len(dst), true));
	unpin(pfn);
}

void page_write(struct page *pg, size_t off, struct bytes src)
{
	check_range(off, bytes_len(src));
	uint64_t pfn = pin(pg);
	bytes_copy(bytes_from_raw(pfn_bytes(pfn) + off, bytes_len(src), false), src);
	unpin(pfn);
}

void page_copy(struct page *dst, struct page *src)
{
	uint64_t d = pin(dst), s = pin(src);
	__builtin_memcpy(pfn_bytes(d), pfn_bytes(s), PAGE_SIZE);
	unpin(s);
	unpin(d);
}

void page_zero(struct page *pg, size_t off, size_t len)
{
	check_range(off, len);
	uint64_t pfn = pin(pg);
	__builtin_memset(pfn_bytes(pfn) + off, 0, len);
	unpin(pfn);
}

int user_write_raw(uptr_t dst, const void *src, size_t n);
int user_read_raw(void *dst, uptr_t src, size_t n);

int page_read_user(struct page *pg, size_t off, uptr_t dst, size_t len)
{
	check_range(off, len);
	uint64_t pfn = pin(pg);
	int r = user_write_raw(dst, pfn_bytes(pfn) + off, len);
	unpin(pfn);
	return r;
}

int page_write_user(struct page *pg, size_t off, uptr_t src, size_t len)
{
	check_range(off, len);
	uint64_t pfn = pin(pg);
	int r = user_read_raw(pfn_bytes(pfn) + off, src, len);
	unpin(pfn);
	return r;
}

/* For vm.c: the frame behind a valid handle, and the handle of a mapped frame. */
uint64_t page_phys(const struct page *pg)
{
	return checked_pfn(pg) << PAGE_SHIFT;
}

struct page *page_of_phys(uint64_t pa)
{
	return to_page(frame_meta_of(pa));
}
