/*
 * ktests for the fault policy and fork: demand-zero and file-backed pages,
 * copy-on-write after mm_clone (with the page reference counts it implies),
 * shared anonymous memory across a clone, stack growth and its limits, and
 * the fault handler the framework calls for user copies.
 */
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/user.h>
#include <frame/vm.h>
#include "vm/mm.h"
#include "vm/mm_testlib.h"

static struct page *page_at(struct mm *mm, uint64_t va, unsigned *prot __noescape)
{
	return vm_query(mm_vm_space(mm), va, prot);
}

KTEST(mm_fault_demand_zero_maps_a_fresh_page_only_inside_a_vma)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t a = mm_mmap(mm, 0, P(2), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0);
	unsigned prot = 0;
	KT_ASSERT(!page_at(mm, (uint64_t)a, &prot)); /* lazy: nothing until touched */
	KT_EQ(mm_fault(mm, (uint64_t)a + 8, PF_READ), 0);
	struct page *pg = page_at(mm, (uint64_t)a, &prot);
	KT_ASSERT(pg);
	KT_EQ(page_refcount(pg), 1);
	KT_EQ(prot, VM_READ | VM_WRITE);
	KT_EQ(read_u64(mm, (uint64_t)a + 8), 0);
	KT_ASSERT(!page_at(mm, (uint64_t)a + P(1), &prot)); /* only the touched page */
	KT_EQ(mm_fault(mm, (uint64_t)a + 8, PF_WRITE), 0); /* already fine: nothing changes */
	KT_ASSERT(page_at(mm, (uint64_t)a, &prot) == pg);
	KT_EQ(mm_fault(mm, (uint64_t)a + P(2), PF_READ), -EFAULT); /* just past the end */
	KT_EQ(mm_fault(mm, (uint64_t)a - 1, PF_READ), -EFAULT);
	KT_EQ(mm_fault(mm, 0, PF_READ), -EFAULT);
	KT_EQ(mm_fault(mm, MM_TASK_SIZE, PF_READ), -EFAULT);
	mm_destroy(mm);
}

/* A "file" whose byte i is (i % 251) + 1: never zero, so zero-fill is visible. */
static struct bytes_buf make_file(size_t len)
{
	struct bytes_buf h = bytes_buf_alloc(len);
	struct bytes b = bytes_buf_view(h);
	for (size_t i = 0; i < bytes_len(b); i++)
		bytes_set(b, i, (uint8_t)(i % 251 + 1));
	return h;
}

KTEST(mm_fault_reads_private_file_pages_and_zero_fills_past_the_end)
{
	struct mm *mm = mm_new();
	struct bytes_buf fh = make_file(P(1) + 100); /* the second page is partial */
	struct bytes file = bytes_buf_view(fh);
	struct vm_backing *f = vm_backing_from_buf(fh, VM_READ | VM_EXEC);
	KT_ASSERT(mm && f);
	int64_t a = mm_mmap(mm, 0, P(3), RW, MAP_PRIVATE, f, 0);
	KT_ASSERT(a > 0);
	f->ops->put(f); /* the mapping holds its own reference */
	struct bytes got = bytes_alloc(P(2));
	KT_EQ(mm_read(mm, (uint64_t)a, got), 0);
	KT_ASSERT(bytes_equal(bytes_sub(got, 0, P(1) + 100), file));
	for (size_t i = P(1) + 100; i < P(2); i++)
		KT_EQ(bytes_get(got, i), 0);
	/* A page wholly past the end of the file has nothing behind it: SIGBUS (-EIO), as on Linux. */
	KT_EQ(mm_fault(mm, (uint64_t)a + P(2), PF_READ), -EIO);
	/* A private write changes the process's copy, never the file. */
	KT_EQ(write_u64(mm, (uint64_t)a, 0), 0);
	KT_EQ(bytes_get(file, 0), 1);
	/* An offset mapping reads the right part; a window hides what lies past it. */
	f = vm_backing_from_buf(fh, VM_READ);
	int64_t b = mm_mmap(mm, 0, P(1), PROT_READ, MAP_PRIVATE, f, P(1));
	int64_t c = mm_mmap_window(mm, 0, P(1), PROT_READ, MAP_PRIVATE, f, 0, 10);
	f->ops->put(f);
	KT_ASSERT(b > 0 && c > 0);
	KT_EQ(read_u64(mm, (uint64_t)b) & 0xff, bytes_get(file, P(1)));
	KT_EQ(read_u64(mm, (uint64_t)c), 0x0807060504030201ull);
	KT_EQ(read_u64(mm, (uint64_t)c + 8), 0x0a09);
	KT_EQ(read_u64(mm, (uint64_t)c + 16), 0);
	bytes_free(got);
	mm_destroy(mm);
	bytes_buf_free(fh);
}

KTEST(mm_clone_makes_private_pages_copy_on_write)
{
	struct mm *parent = mm_new();
	KT_ASSERT(parent);
	int64_t a = mm_mmap(parent, 0, P(2), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0);
	uint64_t x = (uint64_t)a;
	KT_EQ(write_u64(parent, x, 111), 0);
	unsigned prot = 0;
	struct page *orig = page_at(parent, x, &prot);
	KT_ASSERT(orig);
	KT_EQ(page_refcount(orig), 1);

	struct mm *child = mm_clone(parent);
	KT_ASSERT(child);
	KT_EQ(mm_vma_count(child), 1);
	/* One page, two mappings, both read-only now. */
	KT_ASSERT(page_at(child, x, &prot) == orig);
	KT_EQ(prot & VM_WRITE, 0);
	KT_ASSERT(page_at(parent, x, &prot) == orig);
	KT_EQ(prot & VM_WRITE, 0);
	KT_EQ(page_refcount(orig), 2);
	KT_ASSERT(!page_at(child, x + P(1), &prot)); /* untouched pages stay untouched */

	/* The parent writes: it gets a copy, the child keeps the original. */
	KT_EQ(mm_fault(parent, x, PF_WRITE | PF_ERR_PRESENT), 0);
	struct page *copy = page_at(parent, x, &prot);
	KT_ASSERT(copy && copy != orig);
	KT_EQ(prot & VM_WRITE, VM_WRITE);
	KT_EQ(page_refcount(orig), 1);
	KT_EQ(write_u64(parent, x, 222), 0);
	KT_EQ(read_u64(child, x), 111);
	/* The child is now the only holder: its write fault just makes the page writable. */
	KT_EQ(write_u64(child, x, 333), 0);
	KT_ASSERT(page_at(child, x, &prot) == orig);
	KT_EQ(prot & VM_WRITE, VM_WRITE);
	KT_EQ(read_u64(parent, x), 222);
	KT_EQ(read_u64(child, x), 333);
	/* Pages first touched after the fork are each process's own. */
	KT_EQ(write_u64(child, x + P(1), 5), 0);
	KT_EQ(read_u64(parent, x + P(1)), 0);
	mm_destroy(child);
	KT_EQ(page_refcount(copy), 1);
	mm_destroy(parent);
}

KTEST(mm_clone_shares_read_only_and_copies_after_mprotect)
{
	struct mm *parent = mm_new();
	KT_ASSERT(parent);
	int64_t a = mm_mmap(parent, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0);
	uint64_t x = (uint64_t)a;
	KT_EQ(write_u64(parent, x, 9), 0);
	KT_EQ(mm_mprotect(parent, x, P(1), PROT_READ), 0);
	struct mm *child = mm_clone(parent);
	KT_ASSERT(child);
	unsigned prot = 0;
	struct page *pg = page_at(parent, x, &prot);
	KT_ASSERT(pg && page_at(child, x, &prot) == pg);
	KT_EQ(page_refcount(pg), 2);
	/* Making it writable again must not let the child write into the shared page. */
	KT_EQ(mm_mprotect(child, x, P(1), RW), 0);
	KT_EQ(write_u64(child, x, 10), 0);
	KT_ASSERT(page_at(child, x, &prot) != pg);
	KT_EQ(read_u64(parent, x), 9);
	KT_EQ(page_refcount(pg), 1);
	mm_destroy(child);
	mm_destroy(parent);
}

KTEST(mm_shared_anonymous_memory_stays_shared_across_clone)
{
	struct mm *parent = mm_new();
	KT_ASSERT(parent);
	int64_t a = mm_mmap(parent, 0, P(2), RW, MAP_SHARED | MAP_ANONYMOUS, NULL, 0);
	KT_ASSERT(a > 0);
	uint64_t x = (uint64_t)a;
	KT_EQ(write_u64(parent, x, 1), 0);
	struct mm *child = mm_clone(parent);
	KT_ASSERT(child);
	KT_EQ(write_u64(child, x, 2), 0);
	KT_EQ(read_u64(parent, x), 2);
	/* A page neither had touched before the fork is shared too: both find it in the shmem object. */
	KT_EQ(write_u64(parent, x + P(1), 3), 0);
	KT_EQ(read_u64(child, x + P(1)), 3);
	struct mm_vma_info vi = { 0 };
	KT_ASSERT(mm_vma_find(child, x, &vi));
	KT_EQ(vi.flags & MM_VMA_SHARED, MM_VMA_SHARED);
	KT_ASSERT(!vi.file);
	mm_destroy(parent);
	KT_EQ(read_u64(child, x + P(1)), 3); /* survives the other holder */
	mm_destroy(child);
}

KTEST(mm_stack_grows_down_within_its_limit_and_guard_gap)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	uint64_t top = 0x80000000; /* the end of the MAP_32BIT window, used below */
	mm_set_stack_limit(mm, P(16));
	KT_EQ(mm_mmap(mm, top - P(2), P(2), RW, ANON_PRIVATE | MAP_FIXED | MAP_GROWSDOWN, NULL, 0),
	      (int64_t)(top - P(2)));
	KT_EQ(mm_fault(mm, top - P(5) + 8, PF_WRITE), 0);
	struct mm_vma_info vi = { 0 };
	KT_ASSERT(mm_vma_find(mm, top - P(5), &vi));
	KT_EQ(vi.start, top - P(5));
	KT_EQ(vi.end, top);
	KT_EQ(vi.flags & MM_VMA_GROWSDOWN, MM_VMA_GROWSDOWN);
	KT_EQ(mm_fault(mm, top - P(16), PF_WRITE), 0); /* exactly the limit */
	KT_EQ(mm_fault(mm, top - P(16) - 1, PF_WRITE), -EFAULT); /* one byte more */
	/* An area close below blocks growth into its guard gap. */
	mm_set_stack_limit(mm, 64ull << 20);
	uint64_t low = top - P(16) - MM_STACK_GUARD_GAP - P(1);
	KT_EQ(mm_mmap(mm, low, P(1), RW, ANON_PRIVATE | MAP_FIXED, NULL, 0), (int64_t)low);
	KT_EQ(mm_fault(mm, top - P(17), PF_WRITE), -EFAULT);
	/* A non-growing area never grows. */
	KT_EQ(mm_fault(mm, low - 8, PF_WRITE), -EFAULT);
	/* Top-down placement keeps out of the gap below a stack. */
	KT_EQ(mm_munmap(mm, low, P(1)), 0);
	KT_EQ(mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE | MAP_32BIT, NULL, 0),
	      (int64_t)(top - P(16) - MM_STACK_GUARD_GAP - P(1)));
	mm_destroy(mm);
}

static struct mm *kt_current_mm;

static struct mm *kt_lookup(void)
{
	return kt_current_mm;
}

KTEST(mm_fault_handler_resolves_faults_of_kernel_user_copies)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t a = mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	int64_t r = mm_mmap(mm, 0, P(1), PROT_READ, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0 && r > 0);
	kt_current_mm = mm;
	mm_set_current_lookup(kt_lookup);
	mm_install_fault_handler();
	task_set_vm(task_current(), mm_vm_space(mm));
	uint64_t v = 1;
	KT_EQ(user_write_u64(uptr((uint64_t)a + 16), 0xfeed), 0); /* demand-zero page via the handler */
	KT_EQ(user_read_u64(uptr((uint64_t)a + 16), &v), 0);
	KT_EQ(v, 0xfeed);
	KT_EQ(user_read_u64(uptr((uint64_t)r), &v), 0);
	KT_EQ(v, 0);
	KT_EQ(user_write_u64(uptr((uint64_t)r), 1), -EFAULT); /* read-only area */
	KT_EQ(user_write_u64(uptr(0x12345000), 1), -EFAULT); /* no area */
	KT_EQ(read_u64(mm, (uint64_t)a + 16), 0xfeed);
	task_set_vm(task_current(), NULL);
	vm_set_fault_handler(NULL);
	mm_set_current_lookup(NULL);
	kt_current_mm = NULL;
	mm_destroy(mm);
}

KTEST(mm_clone_copies_prot_none_pages_and_keeps_them_copy_on_write)
{
	struct mm *parent = mm_new();
	KT_ASSERT(parent);
	int64_t a = mm_mmap(parent, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(a > 0);
	uint64_t x = (uint64_t)a;
	KT_EQ(write_u64(parent, x, 77), 0);
	KT_EQ(mm_mprotect(parent, x, P(1), PROT_NONE), 0);
	struct mm *child = mm_clone(parent);
	KT_ASSERT(child);
	KT_EQ(read_u64(child, x), UINT64_MAX); /* inaccessible in the child too */
	KT_EQ(mm_mprotect(child, x, P(1), RW), 0);
	KT_EQ(mm_mprotect(parent, x, P(1), RW), 0);
	KT_EQ(read_u64(child, x), 77);
	KT_EQ(write_u64(child, x, 78), 0);
	KT_EQ(read_u64(parent, x), 77); /* the child's write made its own copy */
	KT_EQ(write_u64(parent, x, 79), 0);
	KT_EQ(read_u64(child, x), 78);
	mm_destroy(child);
	mm_destroy(parent);
}
