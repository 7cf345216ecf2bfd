/*
 * user_run: the one door to user mode, and the way back.
 *
 * Before each entry the service-editable registers are sanitised (F2):
 * RFLAGS keeps only the arithmetic flags, DF and ID, and gets IF; RIP must
 * be a canonical user address; the segments are always the user selectors.
 * FPU/SSE/AVX state is switched lazily (fpu.c). A trap taken in user mode
 * comes back here (user_trap) and leaves user_run with its reason; a fault
 * inside a user copy goes to the services' handler (fault_hook.c).
 *
 * SYSRET is used when RCX/R11 already hold RIP/RFLAGS (the usual return
 * from a system call); otherwise IRET restores every register.
 */
#include <frame/user.h>
#include <frame/vm.h>
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
#include "fpu.h"

int user_enter(struct user_regs *regs, uint64_t *entry_rsp, int use_sysret);
__noreturn void user_trap_longjmp(int reason);
void syscall_entry(void);

/* CF PF AF ZF SF DF OF and ID: what user code may set. IOPL, TF, NT, RF, VM, AC, VIF, VIP may not. */
#define USER_RFLAGS_MASK 0x200cd5ul
#define RFLAGS_FIXED 0x2ul

void user_ctx_init(struct user_ctx *ctx)
{
	ctx->regs = (struct user_regs){ .rflags = RFLAGS_IF | RFLAGS_FIXED };
	fpu_ctx_init(ctx);
}

static bool is_canonical_user(uint64_t a)
{
	return a < USER_TOP;
}

enum user_exit user_run(struct user_ctx *ctx, struct user_exception *exc)
{
	struct task *t = this_cpu()->current;
	struct user_regs *r = &ctx->regs;
	if (!ctx->__fw_fpu && !fpu_alloc_for(ctx)) {
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
	fpu_make_current(c, ctx);
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

void user_init(void)
{
	fpu_init();
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* SYSCALL loads CS 0x08/SS 0x10; SYSRET loads CS 0x10+16=0x23, SS 0x10+8=0x1b. */
	wrmsr(MSR_STAR, ((uint64_t)0x10 << 48) | ((uint64_t)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Cleared on SYSCALL: IF, TF, DF, AC, NT. */
	wrmsr(MSR_SFMASK, (1u << 9) | (1u << 8) | (1u << 10) | (1u << 18) | (1u << 14));
	user_trap_hook = user_trap;
}
