/*
 * ktests that run real user code over an mm: page faults come back from
 * user_run as exceptions, the test hands them to mm_fault like the
 * process layer will, and the program reports what it saw with a syscall.
 * They prove the policy's decisions hold for the MMU, not just for
 * vm_query: demand-zero pages, refused writes and fetches, copy-on-write
 * between two processes, and stack growth.
 */
#include <frame/alloc.h>
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/user.h>
#include <frame/vm.h>
#include "vm/mm.h"
#include "vm/mm_testlib.h"

struct kt_proc {
	struct mm *mm;
	struct user_ctx ctx;
	struct user_exception exc;
	unsigned faults; /* resolved page faults */
	int fault_err; /* mm_fault's answer to the fault that stopped the run, if any */
};

/* Put code in a fresh read+exec mapping (written while still writable, then mprotected). */
static uint64_t load_code(struct mm *mm, struct bytes code)
{
	int64_t a = mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	if (a < 0 || mm_write(mm, (uint64_t)a, code) || mm_mprotect(mm, (uint64_t)a, P(1), PROT_READ | PROT_EXEC))
		return 0;
	return (uint64_t)a;
}

/* A process-like context on the heap (user_run keeps no pointer, but says nothing of it). */
static struct kt_proc *proc_start(struct mm *mm, uint64_t rip)
{
	struct kt_proc *p = NEW(struct kt_proc);
	if (!p)
		return NULL;
	p->mm = mm;
	user_ctx_init(&p->ctx);
	p->ctx.regs.rip = rip;
	if (!rip)
		FREE(p);
	return p;
}

/*
 * Run until the program makes a syscall (true) or takes a fault the mm
 * refuses or another exception (false). Makes p's address space current.
 */
static bool run_to_syscall(struct kt_proc *p)
{
	task_set_vm(task_current(), mm_vm_space(p->mm));
	/* At most 64 faults; interrupts (more on a busy host) do not count. */
	for (unsigned i = 0; i < 64;) {
		enum user_exit why = user_run(&p->ctx, &p->exc);
		if (why == USER_EXIT_SYSCALL)
			return true;
		if (why == USER_EXIT_INTERRUPT)
			continue;
		i++;
		if (p->exc.vector != 14)
			return false;
		p->fault_err = mm_fault(p->mm, p->exc.fault_addr, (unsigned)p->exc.error_code);
		if (p->fault_err)
			return false;
		p->faults++;
	}
	return false;
}

static void proc_end(struct kt_proc *p)
{
	task_set_vm(task_current(), NULL);
	user_ctx_release(&p->ctx);
	FREE(p);
}

/* movq $42,(%rdi); mov (%rdi),%rax; add 8(%rdi),%rax; syscall */
#define PROG_STORE_LOAD BYTES_LIT("\x48\xc7\x07\x2a\x00\x00\x00\x48\x8b\x07\x48\x03\x47\x08\x0f\x05")

KTEST(mm_user_write_to_fresh_anonymous_memory_faults_in_a_zero_page)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t data = mm_mmap(mm, 0, P(4), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(data > 0);
	struct kt_proc *p = proc_start(mm, load_code(mm, PROG_STORE_LOAD));
	KT_ASSERT(p);
	p->ctx.regs.rdi = (uint64_t)data + P(2);
	KT_ASSERT(run_to_syscall(p));
	KT_EQ(p->ctx.regs.rax, 42); /* its own store plus the zero next to it */
	KT_EQ(p->faults, 1); /* exactly the data page; the code was already there */
	uint64_t v = 0;
	KT_EQ(user_read_u64(uptr((uint64_t)data + P(2)), &v), 0);
	KT_EQ(v, 42);
	proc_end(p);
	mm_destroy(mm);
}

KTEST(mm_user_write_to_read_only_memory_is_not_resolved)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t ro = mm_mmap(mm, 0, P(1), PROT_READ, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(ro > 0);
	struct kt_proc *p = proc_start(mm, load_code(mm, PROG_STORE_LOAD));
	KT_ASSERT(p);
	p->ctx.regs.rdi = (uint64_t)ro;
	KT_ASSERT(!run_to_syscall(p));
	KT_EQ(p->exc.vector, 14);
	KT_EQ(p->exc.fault_addr, (uint64_t)ro);
	KT_ASSERT(p->exc.error_code & PF_ERR_WRITE);
	KT_EQ(p->fault_err, -EFAULT); /* the process layer sends SIGSEGV */
	proc_end(p);
	mm_destroy(mm);
}

KTEST(mm_user_jump_into_non_executable_memory_is_not_resolved)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	int64_t data = mm_mmap(mm, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	KT_ASSERT(data > 0);
	/* Valid code, in a mapping without PROT_EXEC: the fetch must not be allowed. */
	KT_EQ(mm_write(mm, (uint64_t)data, PROG_STORE_LOAD), 0);
	struct kt_proc *p = proc_start(mm, (uint64_t)data);
	KT_ASSERT(p);
	KT_ASSERT(!run_to_syscall(p));
	KT_EQ(p->exc.fault_addr, (uint64_t)data);
	KT_ASSERT(p->exc.error_code & PF_ERR_FETCH);
	KT_EQ(p->fault_err, -EFAULT);
	proc_end(p);
	mm_destroy(mm);
}

/* mov (%rdi),%rax; add %rsi,%rax; mov %rax,(%rdi); syscall */
#define PROG_ADD BYTES_LIT("\x48\x8b\x07\x48\x01\xf0\x48\x89\x07\x0f\x05")

KTEST(mm_user_copy_on_write_separates_parent_and_child)
{
	struct mm *parent = mm_new();
	KT_ASSERT(parent);
	int64_t counter = mm_mmap(parent, 0, P(1), RW, ANON_PRIVATE, NULL, 0);
	uint64_t code = load_code(parent, PROG_ADD);
	KT_ASSERT(counter > 0 && code);
	struct bytes hundred = BYTES_LIT("\x64\x00\x00\x00\x00\x00\x00\x00");
	KT_EQ(mm_write(parent, (uint64_t)counter, hundred), 0);
	struct mm *child = mm_clone(parent);
	KT_ASSERT(child);

	struct kt_proc *c = proc_start(child, code), *p = proc_start(parent, code);
	KT_ASSERT(c && p);
	c->ctx.regs.rdi = p->ctx.regs.rdi = (uint64_t)counter;
	c->ctx.regs.rsi = 1;
	p->ctx.regs.rsi = 10;
	KT_ASSERT(run_to_syscall(c));
	KT_EQ(c->ctx.regs.rax, 101);
	KT_EQ(c->faults, 1); /* the write to the shared page: copied */
	KT_ASSERT(run_to_syscall(p));
	KT_EQ(p->ctx.regs.rax, 110); /* the child's write is not visible here */
	KT_EQ(p->faults, 1); /* sole holder now: made writable in place */
	/* Run each once more: now no faults at all, and still separate. */
	KT_ASSERT(run_to_syscall(c) == false); /* past the syscall there is no more code: it faults or traps */
	c->ctx.regs.rip = code;
	KT_ASSERT(run_to_syscall(c));
	KT_EQ(c->ctx.regs.rax, 102);
	uint64_t v = 0;
	KT_EQ(user_read_u64(uptr((uint64_t)counter), &v), 0); /* the child's space is current */
	KT_EQ(v, 102);
	proc_end(c);
	proc_end(p);
	mm_destroy(child);
	mm_destroy(parent);
}

/* sub $0x5000,%rsp; movq $7,(%rsp); mov (%rsp),%rax; syscall */
#define PROG_DEEP_STACK \
	BYTES_LIT("\x48\x81\xec\x00\x50\x00\x00\x48\xc7\x04\x24\x07\x00\x00\x00\x48\x8b\x04\x24\x0f\x05")

KTEST(mm_user_stack_grows_on_demand_and_stops_at_the_limit)
{
	struct mm *mm = mm_new();
	KT_ASSERT(mm);
	uint64_t top = 0x7ff000000000;
	KT_EQ(mm_mmap(mm, top - P(1), P(1), RW, ANON_PRIVATE | MAP_FIXED | MAP_GROWSDOWN, NULL, 0),
	      (int64_t)(top - P(1)));
	uint64_t code = load_code(mm, PROG_DEEP_STACK);
	struct kt_proc *p = proc_start(mm, code);
	KT_ASSERT(p);
	p->ctx.regs.rsp = top;
	KT_ASSERT(run_to_syscall(p));
	KT_EQ(p->ctx.regs.rax, 7);
	struct mm_vma_info vi = { 0 };
	KT_ASSERT(mm_vma_find(mm, top - P(5), &vi));
	KT_EQ(vi.start, top - P(5));
	/* With a 16 KiB limit the same program overflows its stack: SIGSEGV. */
	mm_set_stack_limit(mm, P(4));
	uint64_t top2 = 0x7fe000000000;
	KT_EQ(mm_mmap(mm, top2 - P(1), P(1), RW, ANON_PRIVATE | MAP_FIXED | MAP_GROWSDOWN, NULL, 0),
	      (int64_t)(top2 - P(1)));
	p->ctx.regs.rip = code;
	p->ctx.regs.rsp = top2;
	KT_ASSERT(!run_to_syscall(p));
	KT_EQ(p->exc.fault_addr, top2 - 0x5000);
	KT_EQ(p->fault_err, -EFAULT);
	proc_end(p);
	mm_destroy(mm);
}
