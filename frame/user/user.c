/*
 * user_run: the one door to user mode, and the way back.
 *
 * Before each entry the service-editable registers are sanitised (F2):
 * RFLAGS keeps only the arithmetic flags, DF and ID, and gets IF; RIP must
 * be a canonical user address; the segments are always the user selectors.
 * FPU/SSE/AVX state is switched lazily: it stays in the registers until
 * another user context needs them, and the kernel itself never uses them
 * (it is built with -mgeneral-regs-only).
 *
 * SYSRET is used when RCX/R11 already hold RIP/RFLAGS (the usual return
 * from a system call); otherwise IRET restores every register.
 */
#include <frame/user.h>
#include <frame/vm.h>
#include <frame/alloc.h>
#include <frame/errno.h>
#include "console/kprint.h"
#include <frame/panic.h>
#include "../arch/x86_64/x86.h"
#include "../arch/x86_64/trap.h"
#include "../arch/x86_64/gdt.h"
#include "../arch/x86_64/cpu_features.h"
#include "../cpu/percpu.h"
#include "../task/task_internal.h"
#include "../irq/irq_internal.h"
#include "../mm/layout.h"
#include "../mm/slab.h"

int user_enter(struct user_regs *regs, uint64_t *entry_rsp, int use_sysret);
__noreturn void user_trap_longjmp(int reason);
void syscall_entry(void);

/* CF PF AF ZF SF DF OF and ID: what user code may set. IOPL, TF, NT, RF, VM, AC, VIF, VIP may not. */
#define USER_RFLAGS_MASK 0x200cd5ul
#define RFLAGS_FIXED 0x2ul

struct user_fpu {
	uint8_t area[64]; /* really cpu_features.xsave_size bytes, 64-byte aligned */
};

static struct slab_cache *fpu_cache;
static size_t fpu_size;
static vm_fault_fn fault_handler;

static struct user_fpu *fpu_alloc(void)
{
	return slab_alloc(fpu_cache);
}

static void fpu_save(struct user_fpu *f)
{
	if (cpu_features.xsave)
		/* SAFETY: f is a 64-byte aligned area of xsave_size bytes. */
		__asm__ volatile("xsave64 (%0)" : : "r"(f), "a"(0xffffffffu), "d"(0xffffffffu) : "memory");
	else
		/* SAFETY: as above; the area is at least 512 bytes, 16-aligned. */
		__asm__ volatile("fxsave64 (%0)" : : "r"(f) : "memory");
}

static void fpu_restore(const struct user_fpu *f)
{
	if (cpu_features.xsave)
		/* SAFETY: as fpu_save; the area holds a state saved by xsave or the init state. */
		__asm__ volatile("xrstor64 (%0)" : : "r"(f), "a"(0xffffffffu), "d"(0xffffffffu) : "memory");
	else
		/* SAFETY: as above. */
		__asm__ volatile("fxrstor64 (%0)" : : "r"(f) : "memory");
}

static void fpu_init_state(struct user_fpu *f)
{
	__builtin_memset(f, 0, fpu_size);
	/* Legacy area: FCW 0x37f, MXCSR 0x1f80; the XSAVE header (all zero) says "initial state". */
	f->area[0] = 0x7f;
	f->area[1] = 0x03;
	uint32_t mxcsr = 0x1f80;
	__builtin_memcpy(&f->area[24], &mxcsr, 4);
}

void user_ctx_init(struct user_ctx *ctx)
{
	ctx->regs = (struct user_regs){ .rflags = RFLAGS_IF | RFLAGS_FIXED };
	if (!ctx->__fw_fpu)
		ctx->__fw_fpu = fpu_alloc();
	if (ctx->__fw_fpu)
		fpu_init_state(ctx->__fw_fpu);
	struct cpu_local *c = this_cpu();
	if (c->fpu_owner == ctx)
		c->fpu_owner = NULL;
}

int user_ctx_clone(struct user_ctx *dst, const struct user_ctx *src)
{
	struct cpu_local *c = this_cpu();
	if (!dst->__fw_fpu)
		dst->__fw_fpu = fpu_alloc();
	if (!dst->__fw_fpu)
		return -ENOMEM;
	irqflags_t f = irq_save();
	if (c->fpu_owner == src && src->__fw_fpu)
		fpu_save(src->__fw_fpu); /* the live state is in the registers */
	if (src->__fw_fpu)
		__builtin_memcpy(dst->__fw_fpu, src->__fw_fpu, fpu_size);
	else
		fpu_init_state(dst->__fw_fpu);
	if (c->fpu_owner == dst)
		c->fpu_owner = NULL;
	irq_restore(f);
	dst->regs = src->regs;
	return 0;
}

void user_ctx_release(struct user_ctx *ctx)
{
	irqflags_t f = irq_save();
	if (this_cpu()->fpu_owner == ctx)
		this_cpu()->fpu_owner = NULL;
	irq_restore(f);
	if (ctx->__fw_fpu) {
		slab_free(ctx->__fw_fpu, fpu_size);
		ctx->__fw_fpu = NULL;
	}
}

static bool is_canonical_user(uint64_t a)
{
	return a < USER_TOP;
}

enum user_exit user_run(struct user_ctx *ctx, struct user_exception *exc)
{
	struct task *t = this_cpu()->current;
	struct user_regs *r = &ctx->regs;
	if (!ctx->__fw_fpu && !(ctx->__fw_fpu = fpu_alloc())) {
		*exc = (struct user_exception){ .vector = USER_EXC_NOMEM };
		return USER_EXIT_EXCEPTION;
	}
	r->rflags = (r->rflags & USER_RFLAGS_MASK) | RFLAGS_IF | RFLAGS_FIXED;
	if (!is_canonical_user(r->rip) || !t->vm) {
		/* What the CPU would do with a bad return address: a general protection fault. */
		*exc = (struct user_exception){ .vector = VEC_GP };
		return USER_EXIT_EXCEPTION;
	}
	irq_disable_raw();
	struct cpu_local *c = this_cpu();
	if (c->fpu_owner != ctx) {
		if (c->fpu_owner && c->fpu_owner->__fw_fpu)
			fpu_save(c->fpu_owner->__fw_fpu);
		fpu_restore(ctx->__fw_fpu);
		c->fpu_owner = ctx;
	}
	if (c->user_fs_base != r->fs_base && is_canonical_user(r->fs_base)) {
		wrmsr(MSR_FS_BASE, r->fs_base);
		c->user_fs_base = r->fs_base;
	}
	if (c->user_gs_base != r->gs_base && is_canonical_user(r->gs_base)) {
		wrmsr(MSR_KERNEL_GS_BASE, r->gs_base); /* becomes GS at swapgs */
		c->user_gs_base = r->gs_base;
	}
	t->user = ctx;
	t->user_exc = exc;
	bool sysret = r->rcx == r->rip && r->r11 == r->rflags;
	int why = user_enter(r, &t->user_entry_rsp, sysret);
	t->user = NULL;
	t->user_exc = NULL;
	irq_enable_raw();
	return (enum user_exit)why;
}

/* From trap_dispatch: an exception or interrupt arrived while in user mode. */
static bool user_trap(struct trap_frame *f)
{
	struct task *t = this_cpu()->current;
	struct user_ctx *ctx = t->user;
	unsigned v = (unsigned)f->vector;
	if (!ctx || v == VEC_DF || v == VEC_MC || v == VEC_NMI)
		return false; /* not a user thread's doing: the kernel report */
	int reason = USER_EXIT_INTERRUPT;
	if (v >= VEC_IRQ_BASE) {
		irq_dispatch(f);
	} else {
		*t->user_exc = (struct user_exception){
			.vector = v,
			.error_code = f->error,
			.fault_addr = v == VEC_PF ? read_cr2() : 0,
		};
		reason = USER_EXIT_EXCEPTION;
	}
	ctx->regs = (struct user_regs){
		.rax = f->rax,
		.rbx = f->rbx,
		.rcx = f->rcx,
		.rdx = f->rdx,
		.rsi = f->rsi,
		.rdi = f->rdi,
		.rbp = f->rbp,
		.rsp = f->rsp,
		.r8 = f->r8,
		.r9 = f->r9,
		.r10 = f->r10,
		.r11 = f->r11,
		.r12 = f->r12,
		.r13 = f->r13,
		.r14 = f->r14,
		.r15 = f->r15,
		.rip = f->rip,
		.rflags = f->rflags,
		.fs_base = ctx->regs.fs_base,
		.gs_base = ctx->regs.gs_base,
	};
	user_trap_longjmp(reason);
}

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
}

void user_init(void)
{
	fpu_size = cpu_features.xsave ? ALIGN_UP((size_t)cpu_features.xsave_size, 64) : 512;
	fpu_cache = slab_cache_get("struct user_fpu", fpu_size, 64);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* SYSCALL loads CS 0x08/SS 0x10; SYSRET loads CS 0x10+16=0x23, SS 0x10+8=0x1b. */
	wrmsr(MSR_STAR, ((uint64_t)0x10 << 48) | ((uint64_t)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Cleared on SYSCALL: IF, TF, DF, AC, NT. */
	wrmsr(MSR_SFMASK, (1u << 9) | (1u << 8) | (1u << 10) | (1u << 18) | (1u << 14));
	user_trap_hook = user_trap;
	user_copy_fault_hook = user_copy_fault;
}

size_t user_fpu_size(void)
{
	return fpu_size;
}

int user_fpu_save(struct user_ctx *ctx, uptr_t dst)
{
	if (!ctx->__fw_fpu)
		return -EINVAL;
	irqflags_t f = irq_save();
	if (this_cpu()->fpu_owner == ctx)
		fpu_save(ctx->__fw_fpu); /* the live state is in the registers */
	irq_restore(f);
	/* SAFETY: the area is fpu_size bytes of slab memory owned by ctx. */
	return user_write(dst, bytes_from_raw(ctx->__fw_fpu, fpu_size, true));
}

/* Would XRSTOR/FXRSTOR accept this area? (It raises #GP otherwise.) */
static bool fpu_area_valid(const uint8_t *a)
{
	uint32_t mxcsr;
	__builtin_memcpy(&mxcsr, a + 24, 4);
	if (mxcsr & ~0xffffu)
		return false;
	if (!cpu_features.xsave)
		return true;
	uint64_t xstate_bv, xcomp_bv;
	__builtin_memcpy(&xstate_bv, a + 512, 8);
	__builtin_memcpy(&xcomp_bv, a + 520, 8);
	if ((xstate_bv & ~cpu_features.xcr0) || xcomp_bv)
		return false;
	for (int i = 528; i < 576; i++)
		if (a[i])
			return false;
	return true;
}

int user_fpu_load(struct user_ctx *ctx, uptr_t src)
{
	struct user_fpu *f = ctx->__fw_fpu;
	if (!f)
		return -EINVAL;
	irqflags_t flags = irq_save();
	if (this_cpu()->fpu_owner == ctx)
		this_cpu()->fpu_owner = NULL; /* the area becomes the truth: reload it at the next entry */
	irq_restore(flags);
	/* SAFETY: the area is fpu_size bytes of slab memory owned by ctx. */
	int r = user_read(bytes_from_raw(f, fpu_size, false), src);
	if (!r && !fpu_area_valid((const uint8_t *)f))
		r = -EINVAL;
	if (r)
		fpu_init_state(f); /* never leave a half-read or forged area to XRSTOR */
	return r;
}
