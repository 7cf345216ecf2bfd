/*
 * The services' page-fault policy for faulting user copies: a kernel-mode
 * page fault at a user address inside a user copy (an .extable site) asks
 * the handler installed by vm_set_fault_handler to map the page, and the
 * copy fails with -EFAULT when it cannot. Installing the handler installs
 * the trap layer's hook; until then every such fault fails the copy.
 */
#include <frame/vm.h>
#include "../arch/x86_64/x86.h"
#include "../arch/x86_64/trap.h"
#include "../cpu/percpu.h"
#include "../mm/layout.h"

static vm_fault_fn fault_handler;

/* From trap_dispatch: a kernel-mode page fault at a user address inside a user copy. */
static bool user_copy_fault(struct trap_frame *f, uint64_t addr)
{
	if (!fault_handler || addr >= USER_TOP || !(f->rflags & RFLAGS_IF) || in_atomic_except_irqs())
		return false;
	irq_enable_raw();
	int r = fault_handler(addr, (unsigned)f->error);
	irq_disable_raw();
	return r == 0;
}

void vm_set_fault_handler(vm_fault_fn fn)
{
	fault_handler = fn;
	user_copy_fault_hook = user_copy_fault;
}
