/*
 * User address spaces (struct vm_space).
 *
 * Each space owns a root page table whose kernel half is the kernel's
 * (shared top-level entries) and whose user half holds only untyped pages,
 * mapped with PTE_U and never with privileged bits (F7). Unmapping clears
 * the entries first, flushes the TLB of this CPU if the space is live here,
 * and only then drops the page references (F8): a page is never reused
 * while a stale translation to it may exist. With more CPUs the flush
 * becomes a shootdown to every CPU that has the space active.
 */
#include <frame/vm.h>
#include <frame/alloc.h>
#include <frame/errno.h>
#include <frame/panic.h>
#include "page_table.h"
#include "frame.h"
#include "layout.h"
#include "../arch/x86_64/x86.h"
#include "../cpu/percpu.h"
#include "../task/task_internal.h"

struct vm_space {
	uint64_t root;
	uint64_t nr_pages;
	uint32_t users; /* tasks whose address space this is (task_set_vm) */
};

uint64_t page_phys(const struct page *pg);
struct page *page_of_phys(uint64_t pa);

#define FLUSH_BATCH 32
#define FLUSH_ALL_THRESHOLD 32

static bool is_user_range(uint64_t va, uint64_t len)
{
	return IS_ALIGNED(va, PAGE_SIZE) && IS_ALIGNED(len, PAGE_SIZE) && va < USER_SPACE_END &&
	       len <= USER_SPACE_END - va;
}

static uint64_t prot_to_pte(unsigned prot)
{
	uint64_t f = PTE_U;
	if (prot & VM_WRITE)
		f |= PTE_W;
	if (!(prot & VM_EXEC))
		f |= PTE_NX;
	return f;
}

static unsigned pte_to_prot(uint64_t pte)
{
	unsigned prot = VM_READ;
	if (pte & PTE_W)
		prot |= VM_WRITE;
	if (!(pte & PTE_NX))
		prot |= VM_EXEC;
	return prot;
}

/*
 * G14: a stale or forged vm_space must never make the framework walk a
 * frame that is not this space's root page table (a freed space's slot is
 * zeroed: root 0 would be physical page 0). The root frame records its
 * space as owner while the space lives.
 */
static void check_vm(const struct vm_space *vm, const char *who)
{
	uint64_t root = vm ? vm->root : 0;
	if (!root || !IS_ALIGNED(root, PAGE_SIZE) || root >> PAGE_SHIFT >= frame_count)
		panic("%s: %p is not a live address space (root %#lx)", who, vm, root);
	struct frame_meta *m = frame_meta_of(root);
	if (m->kind != FRAME_KIND_PAGE_TABLE || m->owner != vm)
		panic("%s: %p is not a live address space (root %#lx is not its page table)", who, vm, root);
}

struct vm_space *vm_space_new(void)
{
	struct vm_space *vm = NEW(struct vm_space);
	if (!vm)
		return NULL;
	vm->root = pt_new_root();
	if (!vm->root) {
		FREE(vm);
		return NULL;
	}
	frame_meta_of(vm->root)->owner = vm;
	return vm;
}

static bool is_active_here(const struct vm_space *vm)
{
	return read_cr3() == vm->root;
}

struct vm_space *vm_space_current(void)
{
	struct task *t = this_cpu()->current;
	return t ? t->vm : NULL;
}

void task_set_vm(struct task *t, struct vm_space *vm)
{
	if (vm)
		check_vm(vm, "task_set_vm");
	irqflags_t f = irq_save();
	if (t->vm)
		__atomic_sub_fetch(&t->vm->users, 1, __ATOMIC_RELAXED);
	if (vm)
		__atomic_add_fetch(&vm->users, 1, __ATOMIC_RELAXED);
	t->vm = vm;
	if (t == this_cpu()->current)
		write_cr3(vm ? vm->root : kernel_root);
	irq_restore(f);
}

/* Called by the scheduler when switching to `next`. */
void vm_switch_to(struct task *next)
{
	uint64_t want = next->vm ? next->vm->root : kernel_root;
	if (read_cr3() != want)
		write_cr3(want);
}

/* A present user PTE is always readable on x86: prot 0 (PROT_NONE) cannot be expressed, so it is refused. */
static bool valid_prot(unsigned prot)
{
	return prot && !(prot & ~(VM_READ | VM_WRITE | VM_EXEC));
}

int vm_map(struct vm_space *vm, uint64_t va, struct page *pg, unsigned prot)
{
	check_vm(vm, "vm_map");
	if (!is_user_range(va, PAGE_SIZE) || !valid_prot(prot))
		return -EINVAL;
	uint64_t pa = page_phys(pg);
	int r = pt_map(vm->root, va, pa, prot_to_pte(prot));
	if (r)
		return r;
	page_get(pg);
	vm->nr_pages++;
	return 0;
}

/* Pages unmapped by one call, released in batches, each after its TLB flush. */
struct unmap_batch {
	struct vm_space *vm;
	unsigned n;
	uint64_t va[FLUSH_BATCH];
	uint64_t pa[FLUSH_BATCH];
};

static void batch_flush(struct unmap_batch *b)
{
	if (is_active_here(b->vm))
		for (unsigned i = 0; i < b->n; i++)
			invlpg(b->va[i]);
	/* Only now, with no translation left, may the pages go. */
	for (unsigned i = 0; i < b->n; i++)
		page_put(page_of_phys(b->pa[i]));
	b->n = 0;
}

static void unmap_leaf(void *ctx, uint64_t va, uint64_t *pte)
{
	struct unmap_batch *b = ctx;
	if (b->n == FLUSH_BATCH)
		batch_flush(b);
	b->va[b->n] = va;
	b->pa[b->n] = *pte & PTE_ADDR_MASK;
	b->n++;
	*pte = 0;
	b->vm->nr_pages--;
}

int vm_unmap(struct vm_space *vm, uint64_t va, uint64_t len)
{
	check_vm(vm, "vm_unmap");
	if (!is_user_range(va, len))
		return -EINVAL;
	struct unmap_batch b = { .vm = vm };
	pt_walk_range(vm->root, va, va + len, unmap_leaf, &b);
	batch_flush(&b);
	return 0;
}

struct protect_ctx {
	uint64_t flags;
	uint64_t count;
};

static void protect_leaf(void *ctx, uint64_t va, uint64_t *pte)
{
	struct protect_ctx *p = ctx;
	*pte = (*pte & PTE_ADDR_MASK) | p->flags | PTE_P;
	p->count++;
	(void)va;
}

int vm_protect(struct vm_space *vm, uint64_t va, uint64_t len, unsigned prot)
{
	check_vm(vm, "vm_protect");
	if (!is_user_range(va, len) || !valid_prot(prot))
		return -EINVAL;
	struct protect_ctx p = { .flags = prot_to_pte(prot) };
	pt_walk_range(vm->root, va, va + len, protect_leaf, &p);
	if (p.count && is_active_here(vm)) {
		if (p.count > FLUSH_ALL_THRESHOLD)
			tlb_flush_all();
		else
			for (uint64_t a = va; a < va + len; a += PAGE_SIZE)
				invlpg(a);
	}
	return 0;
}

struct page *vm_query(struct vm_space *vm, uint64_t va, unsigned *prot)
{
	uint64_t pa, flags;
	check_vm(vm, "vm_query");
	if (va >= USER_SPACE_END || !pt_query(vm->root, va, &pa, &flags) || !(flags & PTE_U))
		return NULL;
	*prot = pte_to_prot(flags);
	return page_of_phys(pa & PTE_ADDR_MASK);
}

void vm_space_destroy(struct vm_space *vm)
{
	check_vm(vm, "vm_space_destroy");
	if (is_active_here(vm) || __atomic_load_n(&vm->users, __ATOMIC_RELAXED))
		panic("vm_space_destroy: the space is still some task's address space");
	struct unmap_batch b = { .vm = vm };
	pt_walk_range(vm->root, 0, USER_SPACE_END, unmap_leaf, &b);
	batch_flush(&b);
	frame_meta_of(vm->root)->owner = NULL;
	pt_free_user_tables(vm->root);
	FREE(vm);
}
