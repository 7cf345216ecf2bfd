/*
 * G14: every vm_* entry point refuses a destroyed (stale) address space
 * instead of walking physical page 0 as its page table.
 */
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/vm.h>

static struct vm_space *kt_destroyed_space(void)
{
	struct vm_space *vm = vm_space_new(), *stale = vm;
	vm_space_destroy(vm);
	return stale;
}

KTEST_PANICS(vm_map_refuses_a_destroyed_space, "vm_map: ")
{
	struct vm_space *stale = kt_destroyed_space();
	struct page *pg = page_alloc();
	(void)vm_map(stale, 0x400000, pg, VM_READ);
}

KTEST_PANICS(vm_unmap_refuses_a_destroyed_space, "vm_unmap: ")
{
	(void)vm_unmap(kt_destroyed_space(), 0x400000, 4096);
}

KTEST_PANICS(vm_protect_refuses_a_destroyed_space, "vm_protect: ")
{
	(void)vm_protect(kt_destroyed_space(), 0x400000, 4096, VM_READ);
}

KTEST_PANICS(vm_query_refuses_a_destroyed_space, "vm_query: ")
{
	unsigned prot = 0;
	(void)vm_query(kt_destroyed_space(), 0x400000, &prot);
}

KTEST_PANICS(vm_space_destroy_twice_panics, "is not a live address space")
{
	vm_space_destroy(kt_destroyed_space());
}

static void kt_idle(void *arg)
{
	(void)arg;
}

KTEST_PANICS(task_set_vm_refuses_a_destroyed_space, "task_set_vm: ")
{
	struct task *t = task_spawn("kt-vm", kt_idle, NULL);
	task_set_vm(t, kt_destroyed_space());
}

KTEST(a_live_space_passes_every_check)
{
	struct vm_space *vm = vm_space_new();
	struct page *pg = page_alloc();
	unsigned prot = 0;
	KT_EQ(vm_map(vm, 0x400000, pg, VM_READ | VM_WRITE), 0);
	KT_ASSERT(vm_query(vm, 0x400000, &prot) == pg);
	KT_EQ(vm_protect(vm, 0x400000, 4096, VM_READ), 0);
	KT_EQ(vm_unmap(vm, 0x400000, 4096), 0);
	page_put(pg);
	vm_space_destroy(vm);
}
