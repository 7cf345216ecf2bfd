/*
 * ktests for the address-space calls: mmap address choice and argument
 * checks, MAP_FIXED replacing, munmap and mprotect splitting and merging,
 * PROT_NONE, brk. Each test checks the VMA layout through mm_vma_find and
 * the contents through mm_read/mm_write, so it fails if the policy breaks.
 */
#include <frame/ktest.h>
#include <frame/vm.h>
#include "vm/mm.h"
#include "vm/mm_testlib.h"

/* The VMA containing addr must be exactly [start, end) with prot. */
static bool vma_is(struct mm *mm, uint64_t addr, uint64_t start, uint64_t end, unsigned prot)
{
	struct mm_vma_info vi = { 0 };
	return mm_vma_find(mm, addr, &vi) && vi.start == start && vi.end == end && vi.prot == prot;
}

KTEST(mm_mmap_places_top_down_below_the_base_and_merges_neighbours)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t a = mm_mmap(mm, 0, P(2), RW, ANON_PRIVATE, NULL, 0);
	int64_t b = mm_mmap(mm, 0, 100, RW, ANON_PRIVATE, NULL, 0); /* rounded up to a page */
	KT_EQ(a, MM_MMAP_BASE - P(2));
	KT_EQ(b, a - (int64_t)P(1));
	/* Same protection and both anonymous: one area, as Linux would show in /proc/pid/maps. */
	KT_EQ(mm_vma_count(mm), 1);
	KT_ASSERT(vma_is(mm, (uint64_t)b, (uint64_t)b, MM_MMAP_BASE, RW));
	int64_t c = mm_mmap(mm, 0, P(1), PROT_READ, ANON_PRIVATE, NULL, 0);
	KT_EQ(c, b - (int64_t)P(1));
	KT_EQ(mm_vma_count(mm), 2); /* different protection: not merged */
	mm_destroy(mm);
}

KTEST(mm_mmap_rejects_bad_arguments_with_linux_errnos)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	KT_EQ(mm_mmap(mm, 0, 0, RW, ANON_PRIVATE, NULL, 0), -EINVAL); /* empty */
	KT_EQ(mm_mmap(mm, 0, P(1), RW, MAP_ANONYMOUS, NULL, 0), -EINVAL); /* no type */
	KT_EQ(mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE | MAP_HUGETLB, NULL, 0), -EINVAL);
	KT_EQ(mm_mmap(mm, 0, P(1), RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_SYNC, NULL, 0), -EOPNOTSUPP);
	KT_EQ(mm_mmap(mm, 0, P(1), 0x10, ANON_PRIVATE, NULL, 0), -EINVAL); /* unknown prot */
	KT_EQ(mm_mmap(mm, 0, P(1), RW, MAP_PRIVATE, NULL, 0), -EBADF); /* file, no file */
	KT_EQ(mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE, NULL, 123), -EINVAL); /* offset */
	KT_EQ(mm_mmap(mm, 0x400001, P(1), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), -EINVAL);
	KT_EQ(mm_mmap(mm, MM_TASK_SIZE - P(1), P(2), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), -ENOMEM);
	KT_EQ(mm_mmap(mm, 0x1000, P(1), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), -EPERM); /* mmap_min_addr */
	KT_EQ(mm_mmap(mm, 0, UINT64_MAX - 10, RW, ANON_PRIVATE, NULL, 0), -ENOMEM);
	KT_EQ(mm_mmap(mm, 0, MM_TASK_SIZE, RW, ANON_PRIVATE, NULL, 0), -ENOMEM); /* no room */
	KT_EQ(mm_vma_count(mm), 0); /* nothing was created on the way */
	mm_destroy(mm);
}

KTEST(mm_mmap_uses_a_free_hint_and_ignores_a_taken_one)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	KT_EQ(mm_mmap(mm, 0x10000000, P(4), RW, ANON_PRIVATE, NULL, 0), 0x10000000);
	/* Taken: the hint is only a hint, the mapping goes elsewhere and the old one survives. */
	int64_t b = mm_mmap(mm, 0x10001000, P(1), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(b > 0 && b != 0x10001000);
	KT_ASSERT(vma_is(mm, 0x10001000, 0x10000000, 0x10004000, RW));
	/* An unaligned hint is rounded up. */
	KT_EQ(mm_mmap(mm, 0x20000123, P(1), RW, ANON_PRIVATE, NULL, 0), 0x20001000);
	/* MAP_32BIT lands in [1 GiB, 2 GiB). */
	int64_t c = mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE | MAP_32BIT, NULL, 0);
	KT_ASSERT(c >= 0x40000000 && c < 0x80000000);
	mm_destroy(mm);
}

KTEST(mm_map_fixed_replaces_and_noreplace_refuses)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	uint64_t a = 0x30000000;
	KT_EQ(mm_mmap(mm, a, P(3), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)a);
	for (unsigned i = 0; i < 3; i++)
		KT_EQ(write_u64(mm, a + P(i), 100 + i), 0);
	KT_EQ(mm_mmap(mm, a + P(1), P(1), RW, ANON_PRIVATE | MAP_FIXED_NOREPLACE, NULL, 0), -EEXIST);
	KT_EQ(read_u64(mm, a + P(1)), 101); /* untouched */
	KT_EQ(mm_mmap(mm, a + P(1), P(1), PROT_READ, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)(a + P(1)));
	KT_EQ(read_u64(mm, a), 100);
	KT_EQ(read_u64(mm, a + P(1)), 0); /* a fresh zero page replaced the old one */
	KT_EQ(read_u64(mm, a + P(2)), 102);
	KT_EQ(mm_vma_count(mm), 3);
	KT_ASSERT(vma_is(mm, a + P(1), a + P(1), a + P(2), PROT_READ));
	KT_EQ(mm_mmap(mm, a + P(5), P(1), RW, ANON_PRIVATE | MAP_FIXED_NOREPLACE, NULL, 0), (int64_t)(a + P(5)));
	mm_destroy(mm);
}

KTEST(mm_munmap_splits_areas_and_releases_pages)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	uint64_t a = 0x30000000;
	KT_EQ(mm_mmap(mm, a, P(4), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)a);
	KT_EQ(write_u64(mm, a + P(1), 7), 0);
	unsigned prot = 0;
	struct page *pg = vm_query(mm_vm_space(mm), a + P(1), &prot);
	KT_ASSERT(pg);
	page_get(pg);
	KT_EQ(page_refcount(pg), 2);
	KT_EQ(mm_munmap(mm, a + P(1), P(2) - 5), 0); /* length rounds up to two pages */
	KT_EQ(page_refcount(pg), 1); /* the mapping's reference is gone */
	page_put(pg);
	KT_EQ(mm_vma_count(mm), 2);
	KT_ASSERT(vma_is(mm, a, a, a + P(1), RW));
	KT_ASSERT(vma_is(mm, a + P(1), a + P(3), a + P(4), RW)); /* the next area up */
	KT_EQ(read_u64(mm, a + P(1)), UINT64_MAX); /* unmapped now */
	KT_EQ(mm_munmap(mm, a + 1, P(1)), -EINVAL);
	KT_EQ(mm_munmap(mm, a, 0), -EINVAL);
	KT_EQ(mm_munmap(mm, MM_TASK_SIZE - P(1), P(2)), -EINVAL);
	KT_EQ(mm_munmap(mm, 0x50000000, P(16)), 0); /* nothing there: fine */
	KT_EQ(mm_munmap(mm, 0, MM_TASK_SIZE), 0);
	KT_EQ(mm_vma_count(mm), 0);
	mm_destroy(mm);
}

KTEST(mm_mprotect_splits_then_merges_back)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	uint64_t a = 0x30000000;
	KT_EQ(mm_mmap(mm, a, P(4), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)a);
	KT_EQ(mm_mprotect(mm, a + P(1), P(2), PROT_READ), 0);
	KT_EQ(mm_vma_count(mm), 3);
	KT_ASSERT(vma_is(mm, a, a, a + P(1), RW));
	KT_ASSERT(vma_is(mm, a + P(1), a + P(1), a + P(3), PROT_READ));
	KT_ASSERT(vma_is(mm, a + P(3), a + P(3), a + P(4), RW));
	KT_EQ(mm_mprotect(mm, a + P(1), P(2), RW), 0);
	KT_EQ(mm_vma_count(mm), 1);
	KT_ASSERT(vma_is(mm, a, a, a + P(4), RW));
	/* Across two areas with a hole between them: ENOMEM, and nothing changed. */
	KT_EQ(mm_mmap(mm, a + P(5), P(1), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)(a + P(5)));
	KT_EQ(mm_mprotect(mm, a, P(6), PROT_READ), -ENOMEM);
	KT_ASSERT(vma_is(mm, a, a, a + P(4), RW));
	KT_EQ(mm_mprotect(mm, a + 1, P(1), PROT_READ), -EINVAL);
	KT_EQ(mm_mprotect(mm, a, P(1), 0x40), -EINVAL);
	KT_EQ(mm_mprotect(mm, a, 0, PROT_READ), 0);
	KT_EQ(mm_mprotect(mm, 0x60000000, P(1), PROT_READ), -ENOMEM); /* unmapped */
	/* PROT_GROWSDOWN needs a grows-down area. */
	KT_EQ(mm_mprotect(mm, a, P(1), PROT_READ | PROT_GROWSDOWN), -EINVAL);
	mm_destroy(mm);
}

KTEST(mm_mprotect_refuses_write_to_a_read_only_shared_file)
{
	struct mm *mm = mm_new();
	struct bytes_buf data = bytes_buf_alloc(P(2));
	struct vm_backing *f = vm_backing_from_buf(data, VM_READ);
	KT_ASSERT(mm && f);
	/* A byte backing cannot be mapped shared at all. */
	KT_EQ(mm_mmap(mm, 0, P(1), PROT_READ, MAP_SHARED, f, 0), -ENODEV);
	KT_EQ(mm_mmap(mm, 0, P(1), RW, MAP_SHARED, f, 0), -EACCES);
	KT_EQ(mm_mmap(mm, 0, P(1), PROT_READ | PROT_EXEC, MAP_PRIVATE, f, 0), -EPERM); /* noexec */
	/* Private: writable copies are always allowed. */
	int64_t a = mm_mmap(mm, 0, P(1), PROT_READ, MAP_PRIVATE, f, 0);
	KT_ASSERT(a > 0);
	KT_EQ(mm_mprotect(mm, (uint64_t)a, P(1), RW), 0);
	KT_EQ(mm_mprotect(mm, (uint64_t)a, P(1), PROT_READ | PROT_EXEC), -EACCES);
	mm_destroy(mm);
	f->ops->put(f);
	bytes_buf_free(data);
}

KTEST(mm_mprotect_read_only_then_write_fault_is_refused)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t a = mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0);
	KT_EQ(write_u64(mm, (uint64_t)a, 0x55), 0);
	KT_EQ(mm_mprotect(mm, (uint64_t)a, P(1), PROT_READ), 0);
	KT_EQ(mm_fault(mm, (uint64_t)a, PF_ERR_USER | PF_ERR_WRITE | PF_ERR_PRESENT), -EFAULT);
	KT_EQ(write_u64(mm, (uint64_t)a, 0x66), -EFAULT);
	unsigned prot = 0;
	KT_ASSERT(vm_query(mm_vm_space(mm), (uint64_t)a, &prot));
	KT_EQ(prot & VM_WRITE, 0);
	KT_EQ(read_u64(mm, (uint64_t)a), 0x55);
	KT_EQ(mm_fault(mm, (uint64_t)a, PF_ERR_USER | PF_ERR_FETCH), -EFAULT); /* not executable */
	mm_destroy(mm);
}

KTEST(mm_prot_none_hides_pages_and_keeps_their_contents)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t a = mm_mmap(mm, 0, P(2), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0);
	KT_EQ(write_u64(mm, (uint64_t)a + P(1), 0xabc), 0);
	KT_EQ(mm_mprotect(mm, (uint64_t)a, P(2), PROT_NONE), 0);
	unsigned prot = 0;
	KT_ASSERT(!vm_query(mm_vm_space(mm), (uint64_t)a + P(1), &prot)); /* really not accessible */
	KT_EQ(mm_fault(mm, (uint64_t)a + P(1), PF_ERR_USER), -EFAULT);
	KT_EQ(read_u64(mm, (uint64_t)a + P(1)), UINT64_MAX);
	KT_EQ(mm_mprotect(mm, (uint64_t)a, P(2), PROT_READ), 0);
	KT_EQ(read_u64(mm, (uint64_t)a + P(1)), 0xabc);
	mm_destroy(mm);
}

KTEST(mm_brk_grows_shrinks_and_refuses_quietly)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	uint64_t start = 0x600000;
	mm_set_brk_start(mm, start);
	KT_EQ(mm_brk(mm, 0), start);
	KT_EQ(mm_brk(mm, start + 10), start + 10);
	KT_EQ(write_u64(mm, start, 1), 0);
	KT_EQ(mm_brk(mm, start + P(3)), start + P(3)); /* grows the same heap area */
	KT_EQ(mm_vma_count(mm), 1);
	KT_EQ(write_u64(mm, start + P(2), 2), 0);
	KT_EQ(write_u64(mm, start + P(3), 3), -EFAULT); /* past the break */
	KT_EQ(mm_brk(mm, start - 1), start + P(3)); /* below the start: refused */
	KT_EQ(mm_brk(mm, start + P(1)), start + P(1)); /* shrink */
	KT_EQ(write_u64(mm, start + P(2), 2), -EFAULT);
	KT_EQ(read_u64(mm, start), 1);
	/* Growing into another mapping (or its guard page) is refused and keeps the old break. */
	KT_EQ(mm_mmap(mm, start + P(4), P(1), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)(start + P(4)));
	KT_EQ(mm_brk(mm, start + P(4)), start + P(1));
	KT_EQ(mm_brk(mm, start + P(3)), start + P(3));
	KT_EQ(mm_brk(mm, UINT64_MAX), start + P(3));
	struct mm_vma_info vi = { 0 };
	KT_ASSERT(mm_vma_find(mm, start, &vi));
	KT_EQ(vi.flags & MM_VMA_HEAP, MM_VMA_HEAP);
	mm_destroy(mm);
}
