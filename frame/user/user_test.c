/* ktests for user mode: entry and exit, sanitised state (F2), user copies (F6), mappings (F7, F8). */
#include <frame/ktest.h>
#include <frame/user.h>
#include <frame/vm.h>
#include "../mm/bytes_internal.h"
#include <frame/errno.h>
#include <frame/time.h>
#include <frame/task.h>

#define CODE_VA 0x400000ul
#define DATA_VA 0x600000ul

struct kt_user {
	struct vm_space *vm;
	struct user_ctx ctx;
	struct user_exception exc;
};

/* An address space with `code` at CODE_VA (RX) and one zeroed RW page at DATA_VA; made current. */
/*
 * user_run, run again after interrupts: a timer tick may end any run early
 * (USER_EXIT_INTERRUPT), the more often the busier the host, and the run
 * resumes where it stopped. Tests of that exit call user_run itself.
 */
static enum user_exit kt_user_run(struct user_ctx *ctx, struct user_exception *exc)
{
	enum user_exit why;
	do
		why = user_run(ctx, exc);
	while (why == USER_EXIT_INTERRUPT);
	return why;
}

static bool user_setup(struct kt_user *u, const uint8_t *code, size_t len)
{
	u->vm = vm_space_new();
	struct page *text = page_alloc(), *data = page_alloc();
	if (!u->vm || !text || !data)
		return false;
	page_write(text, 0, bytes_from_raw((void *)code, len, true));
	if (vm_map(u->vm, CODE_VA, text, VM_READ | VM_EXEC) || vm_map(u->vm, DATA_VA, data, VM_READ | VM_WRITE))
		return false;
	page_put(text);
	page_put(data);
	task_set_vm(task_current(), u->vm);
	user_ctx_init(&u->ctx);
	u->ctx.regs.rip = CODE_VA;
	u->ctx.regs.rsp = DATA_VA + PAGE_SIZE;
	return true;
}

static void user_teardown(struct kt_user *u)
{
	task_set_vm(task_current(), NULL);
	user_ctx_release(&u->ctx);
	vm_space_destroy(u->vm);
}

KTEST(user_syscall_round_trip)
{
	static const uint8_t code[] = {
		0xb8, 0x01, 0x00, 0x00, 0x00, /* mov $1, %eax */
		0x0f, 0x05, /* syscall */
		0x83, 0xc0, 0x01, /* add $1, %eax */
		0x0f, 0x05, /* syscall */
		0x0f, 0x0b, /* ud2 */
	};
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_SYSCALL);
	KT_EQ(u.ctx.regs.rax, 1);
	KT_EQ(u.ctx.regs.rip, CODE_VA + 7);
	u.ctx.regs.rax = 100;
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_SYSCALL);
	KT_EQ(u.ctx.regs.rax, 101);
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_EXCEPTION);
	KT_EQ(u.exc.vector, 6);
	KT_EQ(u.ctx.regs.rip, CODE_VA + 12);
	user_teardown(&u);
}

KTEST(user_page_fault_reports_address_and_error)
{
	static const uint8_t code[] = {
		0x48, 0x8b, 0x04, 0x25, 0x00, 0x10, 0x00, 0x00, /* mov 0x1000, %rax */
	};
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_EXCEPTION);
	KT_EQ(u.exc.vector, 14);
	KT_EQ(u.exc.fault_addr, 0x1000);
	KT_ASSERT(u.exc.error_code & PF_ERR_USER);
	KT_ASSERT(!(u.exc.error_code & PF_ERR_PRESENT));
	/* The kernel's own pages are present but not user-accessible. */
	u.ctx.regs.rip = CODE_VA;
	user_teardown(&u);
}

KTEST(user_rflags_are_sanitised_on_entry)
{
	static const uint8_t code[] = {
		0x9c, /* pushfq */
		0x58, /* pop %rax */
		0x0f, 0x05, /* syscall */
	};
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	/* A service (say, a forged sigreturn) asks for IOPL 3, TF, NT, AC and IF off. */
	u.ctx.regs.rflags = 0x3000 | 0x100 | 0x4000 | 0x40000 | 0x1;
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_SYSCALL);
	uint64_t seen = u.ctx.regs.rax;
	KT_ASSERT(seen & (1u << 9)); /* IF on */
	KT_EQ(seen & 0x3000, 0); /* IOPL 0 */
	KT_EQ(seen & 0x100, 0); /* TF off */
	KT_EQ(seen & 0x4000, 0); /* NT off */
	KT_EQ(seen & 0x40000, 0); /* AC off */
	KT_EQ(seen & 1, 1); /* CF survives */
	user_teardown(&u);
}

KTEST(user_privileged_instructions_fault)
{
	static const uint8_t code[] = { 0xfa /* cli */ };
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_EXCEPTION);
	KT_EQ(u.exc.vector, 13);
	/* A non-canonical or kernel RIP is refused before entering user mode. */
	u.ctx.regs.rip = 0xffffffff80000000ul;
	KT_EQ(kt_user_run(&u.ctx, &u.exc), USER_EXIT_EXCEPTION);
	KT_EQ(u.exc.vector, 13);
	user_teardown(&u);
}

static struct timer kt_kick;
static void kick(struct timer *t)
{
	(void)t;
}

KTEST(user_interrupt_ends_a_busy_user_loop)
{
	static const uint8_t code[] = { 0xeb, 0xfe /* jmp . */ };
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	timer_arm(&kt_kick, clock_ns() + NSEC_PER_MSEC, kick);
	KT_EQ(user_run(&u.ctx, &u.exc), USER_EXIT_INTERRUPT);
	KT_EQ(u.ctx.regs.rip, CODE_VA);
	user_teardown(&u);
}

KTEST(user_fpu_state_is_per_context)
{
	static const uint8_t set_xmm0[] = {
		0x66, 0x48, 0x0f, 0x6e, 0xc7, /* movq %rdi, %xmm0 */
		0x0f, 0x05, /* syscall */
		0x66, 0x48, 0x0f, 0x7e, 0xc0, /* movq %xmm0, %rax */
		0x0f, 0x05, /* syscall */
	};
	struct kt_user a = { 0 };
	KT_ASSERT(user_setup(&a, set_xmm0, sizeof(set_xmm0)));
	struct user_ctx b = { 0 };
	user_ctx_init(&b);
	b.regs = a.ctx.regs;
	a.ctx.regs.rdi = 0x1111;
	b.regs.rdi = 0x2222;
	KT_EQ(kt_user_run(&a.ctx, &a.exc), USER_EXIT_SYSCALL);
	KT_EQ(kt_user_run(&b, &a.exc), USER_EXIT_SYSCALL);
	KT_EQ(kt_user_run(&a.ctx, &a.exc), USER_EXIT_SYSCALL);
	KT_EQ(a.ctx.regs.rax, 0x1111);
	KT_EQ(kt_user_run(&b, &a.exc), USER_EXIT_SYSCALL);
	KT_EQ(b.regs.rax, 0x2222);
	user_ctx_release(&b);
	user_teardown(&a);
}

KTEST(user_copies_check_every_address)
{
	static const uint8_t code[] = { 0x0f, 0x0b };
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	struct bytes buf = bytes_alloc(16), back = bytes_alloc(16);
	bytes_fill(buf, 0x5a);
	KT_EQ(user_write(uptr(DATA_VA + 8), buf), 0);
	KT_EQ(user_read(back, uptr(DATA_VA + 8)), 0);
	KT_ASSERT(bytes_equal(buf, back));
	KT_EQ(user_write(uptr(DATA_VA + PAGE_SIZE - 8), buf), -EFAULT); /* runs off the page */
	KT_EQ(user_read(back, uptr(0)), -EFAULT); /* page 0 */
	KT_EQ(user_read(back, uptr(0xffff888000000000ul)), -EFAULT); /* the direct map */
	KT_EQ(user_read(back, uptr(0x00007ffffffffff8ul)), -EFAULT); /* crosses the top */
	KT_EQ(user_write(uptr(CODE_VA), buf), -EFAULT); /* read-only */
	uint32_t v = 0;
	KT_EQ(user_write_u32(uptr(DATA_VA), 7), 0);
	KT_EQ(user_atomic_load_u32(uptr(DATA_VA), &v), 0);
	KT_EQ(v, 7);
	KT_EQ(user_atomic_load_u32(uptr(DATA_VA + 2), &v), -EINVAL);
	KT_EQ(user_atomic_load_u32(uptr(DATA_VA + PAGE_SIZE), &v), -EFAULT);
	/* Strings: found, too long, faulting. */
	struct bytes hello = BYTES_LIT("hello");
	KT_EQ(user_write(uptr(DATA_VA + 100), hello), 0);
	KT_EQ(user_write_u32(uptr(DATA_VA + 105), 0), 0);
	KT_EQ(user_read_str(back, uptr(DATA_VA + 100)), 5);
	KT_EQ(bytes_get(back, 5), 0);
	KT_EQ(user_read_str(bytes_sub(back, 0, 4), uptr(DATA_VA + 100)), -ENAMETOOLONG);
	KT_EQ(user_write(uptr(DATA_VA + PAGE_SIZE - 4), bytes_sub(buf, 0, 4)), 0);
	KT_EQ(user_read_str(back, uptr(DATA_VA + PAGE_SIZE - 4)), -EFAULT);
	bytes_free(buf);
	bytes_free(back);
	user_teardown(&u);
	/* Without an address space, nothing is user memory. */
	KT_EQ(user_write_u32(uptr(DATA_VA), 1), -EFAULT);
}

static struct vm_space *kt_fault_vm;
static int kt_faults;

static int kt_fault_in(uint64_t addr, unsigned err)
{
	(void)err;
	kt_faults++;
	struct page *pg = page_alloc();
	int r = vm_map(kt_fault_vm, addr & ~(PAGE_SIZE - 1), pg, VM_READ | VM_WRITE);
	page_put(pg);
	return r;
}

KTEST(user_copy_faults_go_to_the_page_fault_policy)
{
	static const uint8_t code[] = { 0x0f, 0x0b };
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	kt_fault_vm = u.vm;
	kt_faults = 0;
	vm_set_fault_handler(kt_fault_in);
	KT_EQ(user_write_u64(uptr(0x800000), 0x1234), 0); /* not mapped: the policy maps it */
	KT_EQ(kt_faults, 1);
	uint64_t v = 0;
	KT_EQ(user_read_u64(uptr(0x800000), &v), 0);
	KT_EQ(v, 0x1234);
	KT_EQ(kt_faults, 1);
	vm_set_fault_handler(NULL);
	KT_EQ(user_read_u64(uptr(0x900000), &v), -EFAULT);
	user_teardown(&u);
}

KTEST(vm_map_refuses_kernel_addresses_and_counts_references)
{
	struct vm_space *vm = vm_space_new();
	struct page *pg = page_alloc();
	KT_EQ(page_refcount(pg), 1);
	KT_EQ(vm_map(vm, 0xffff888000000000ul, pg, VM_READ), -EINVAL);
	KT_EQ(vm_map(vm, USER_SPACE_END, pg, VM_READ), -EINVAL);
	KT_EQ(vm_map(vm, 0x1001, pg, VM_READ), -EINVAL);
	KT_EQ(vm_map(vm, 0x1000, pg, VM_READ), 0);
	KT_EQ(vm_map(vm, 0x2000, pg, VM_READ | VM_WRITE), 0);
	KT_EQ(page_refcount(pg), 3);
	unsigned prot = 0;
	KT_ASSERT(vm_query(vm, 0x2000, &prot) == pg);
	KT_EQ(prot, VM_READ | VM_WRITE);
	KT_EQ(vm_protect(vm, 0x2000, PAGE_SIZE, VM_READ), 0);
	KT_ASSERT(vm_query(vm, 0x2000, &prot) == pg);
	KT_EQ(prot, VM_READ);
	KT_EQ(vm_unmap(vm, 0, 0x10000), 0);
	KT_ASSERT(vm_query(vm, 0x1000, &prot) == NULL);
	KT_EQ(page_refcount(pg), 1); /* released after the flush */
	KT_EQ(vm_unmap(vm, 0, 0x8000000000ul), 0); /* a huge empty range is cheap */
	page_put(pg);
	vm_space_destroy(vm);
}

KTEST_PANICS(page_use_after_last_put_panics, "used after its last reference was dropped")
{
	struct page *pg = page_alloc();
	page_put(pg);
	page_zero(pg, 0, 8);
}

KTEST(vm_map_refuses_prot_none)
{
	struct vm_space *vm = vm_space_new();
	struct page *pg = page_alloc();
	KT_EQ(vm_map(vm, 0x1000, pg, 0), -EINVAL); /* x86 cannot map a page inaccessible */
	KT_EQ(vm_map(vm, 0x1000, pg, VM_READ), 0);
	KT_EQ(vm_protect(vm, 0x1000, PAGE_SIZE, 0), -EINVAL);
	page_put(pg);
	vm_space_destroy(vm);
}

KTEST_PANICS(vm_space_destroy_refuses_a_space_in_use, "still some task's address space")
{
	struct vm_space *vm = vm_space_new();
	task_set_vm(task_current(), vm);
	task_set_vm(task_current(), NULL);
	task_set_vm(task_current(), vm); /* in use again */
	vm_space_destroy(vm);
}

KTEST(user_fpu_load_rejects_a_forged_area)
{
	static const uint8_t code[] = { 0x0f, 0x0b };
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	KT_ASSERT(user_fpu_size() <= PAGE_SIZE);
	KT_EQ(user_fpu_save(&u.ctx, uptr(DATA_VA)), 0);
	KT_EQ(user_fpu_load(&u.ctx, uptr(DATA_VA)), 0); /* what we saved loads back */
	KT_EQ(user_write_u32(uptr(DATA_VA + 24), 0xffff0000u), 0); /* MXCSR reserved bits */
	KT_EQ(user_fpu_load(&u.ctx, uptr(DATA_VA)), -EINVAL);
	KT_EQ(user_write_u32(uptr(DATA_VA + 24), 0x1f80), 0);
	KT_EQ(user_write_u64(uptr(DATA_VA + 512), 1ull << 62), 0); /* a feature the CPU lacks */
	KT_EQ(user_fpu_load(&u.ctx, uptr(DATA_VA)), -EINVAL);
	KT_EQ(user_fpu_load(&u.ctx, uptr(0)), -EFAULT);
	user_teardown(&u);
}

KTEST(page_user_copies_check_addresses)
{
	static const uint8_t code[] = { 0x0f, 0x0b };
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	struct page *pg = page_alloc();
	page_write(pg, 100, BYTES_LIT("page to user"));
	KT_EQ(page_read_user(pg, 100, uptr(DATA_VA + 8), 12), 0);
	uint64_t v = 0;
	KT_EQ(user_read_u64(uptr(DATA_VA + 8), &v), 0);
	KT_EQ(v, 0x206f742065676170ull); /* "page to ", little-endian */
	KT_EQ(user_write_u64(uptr(DATA_VA + 64), 0x1122334455667788ull), 0);
	KT_EQ(page_write_user(pg, 0, uptr(DATA_VA + 64), 8), 0);
	struct bytes back = bytes_alloc(8);
	page_read(pg, 0, back);
	KT_EQ(bytes_get_le64(back, 0), 0x1122334455667788ull);
	KT_EQ(page_read_user(pg, 0, uptr(0xffff888000000000ul), 8), -EFAULT);
	KT_EQ(page_write_user(pg, 0, uptr(CODE_VA + PAGE_SIZE), 8), -EFAULT);
	bytes_free(back);
	page_put(pg);
	user_teardown(&u);
}

static uint64_t kt_rflags_in_irq;
static struct timer kt_ac_timer;

static void record_rflags(struct timer *t)
{
	(void)t;
	uint64_t f;
	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	kt_rflags_in_irq = f | 1; /* bit 0 marks "recorded" */
}

KTEST(user_ac_flag_never_reaches_the_kernel)
{
	static const uint8_t code[] = {
		0x9c, /* pushfq */
		0x48, 0x81, 0x0c, 0x24, 0x00, 0x00, 0x04, 0x00, /* orq $0x40000, (%rsp) */
		0x9d, /* popfq: AC on */
		0xeb, 0xfe, /* jmp . */
	};
	struct kt_user u = { 0 };
	KT_ASSERT(user_setup(&u, code, sizeof(code)));
	kt_rflags_in_irq = 0;
	timer_arm(&kt_ac_timer, clock_ns() + NSEC_PER_MSEC, record_rflags);
	KT_EQ(user_run(&u.ctx, &u.exc), USER_EXIT_INTERRUPT);
	KT_ASSERT(u.ctx.regs.rflags & 0x40000); /* user mode had AC set... */
	KT_ASSERT(kt_rflags_in_irq & 1);
	KT_EQ(kt_rflags_in_irq & 0x40000, 0); /* ...but the interrupt handler ran with it clear (SMAP on) */
	user_teardown(&u);
}
