/*
 * Entering and leaving user mode.
 *
 * user_enter(regs, &task->user_entry_rsp, use_sysret) saves the kernel's
 * callee-saved registers and the regs pointer on the kernel stack, records
 * that stack pointer (the task, %gs:16 for SYSCALL, TSS.RSP0 for traps) and
 * drops to user mode with SYSRET or IRET. It "returns" when user mode is
 * left: SYSCALL lands in syscall_entry, which stores the user registers in
 * *regs and returns USER_EXIT_SYSCALL; a trap from user mode goes through
 * trap_common to trap_dispatch, which stores them and calls
 * user_trap_longjmp(reason). Either way the kernel resumes after the call
 * to user_enter with the user's state in *regs.
 *
 * SAFETY: interrupts are off from user_enter to the SYSRET/IRET (which
 * turn them on with the user's sanitised RFLAGS) and from SYSCALL entry
 * (SFMASK clears IF) to the return into C, so GS is swapped exactly once
 * each way. user_run (user.c) sanitised RIP, RFLAGS and the selectors.
 */
#define REGS_RAX 0
#define REGS_RBX 8
#define REGS_RCX 16
#define REGS_RDX 24
#define REGS_RSI 32
#define REGS_RDI 40
#define REGS_RBP 48
#define REGS_RSP 56
#define REGS_R8 64
#define REGS_R9 72
#define REGS_R10 80
#define REGS_R11 88
#define REGS_R12 96
#define REGS_R13 104
#define REGS_R14 112
#define REGS_R15 120
#define REGS_RIP 128
#define REGS_RFLAGS 136
#define USER_CS 0x23
#define USER_SS 0x1b

	.text
	.globl user_enter
user_enter:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rdi
	movq %rsp, (%rsi)
	movq %rsp, %gs:16
	movq %gs:40, %rax
	movq %rsp, 4(%rax)		/* TSS.RSP0 */
	testl %edx, %edx
	jz 1f
	movq REGS_RIP(%rdi), %rcx
	movq REGS_RFLAGS(%rdi), %r11
	movq REGS_RAX(%rdi), %rax
	movq REGS_RBX(%rdi), %rbx
	movq REGS_RDX(%rdi), %rdx
	movq REGS_RSI(%rdi), %rsi
	movq REGS_RBP(%rdi), %rbp
	movq REGS_R8(%rdi), %r8
	movq REGS_R9(%rdi), %r9
	movq REGS_R10(%rdi), %r10
	movq REGS_R12(%rdi), %r12
	movq REGS_R13(%rdi), %r13
	movq REGS_R14(%rdi), %r14
	movq REGS_R15(%rdi), %r15
	movq REGS_RSP(%rdi), %rsp
	movq REGS_RDI(%rdi), %rdi
	swapgs
	sysretq
1:	pushq $USER_SS
	pushq REGS_RSP(%rdi)
	pushq REGS_RFLAGS(%rdi)
	pushq $USER_CS
	pushq REGS_RIP(%rdi)
	movq REGS_RAX(%rdi), %rax
	movq REGS_RBX(%rdi), %rbx
	movq REGS_RCX(%rdi), %rcx
	movq REGS_RDX(%rdi), %rdx
	movq REGS_RSI(%rdi), %rsi
	movq REGS_RBP(%rdi), %rbp
	movq REGS_R8(%rdi), %r8
	movq REGS_R9(%rdi), %r9
	movq REGS_R10(%rdi), %r10
	movq REGS_R11(%rdi), %r11
	movq REGS_R12(%rdi), %r12
	movq REGS_R13(%rdi), %r13
	movq REGS_R14(%rdi), %r14
	movq REGS_R15(%rdi), %r15
	movq REGS_RDI(%rdi), %rdi
	swapgs
	iretq

	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:8
	movq %gs:16, %rsp
	pushq %rax
	movq 8(%rsp), %rax
	movq %rbx, REGS_RBX(%rax)
	movq %rcx, REGS_RCX(%rax)
	movq %rdx, REGS_RDX(%rax)
	movq %rsi, REGS_RSI(%rax)
	movq %rdi, REGS_RDI(%rax)
	movq %rbp, REGS_RBP(%rax)
	movq %r8, REGS_R8(%rax)
	movq %r9, REGS_R9(%rax)
	movq %r10, REGS_R10(%rax)
	movq %r11, REGS_R11(%rax)
	movq %r12, REGS_R12(%rax)
	movq %r13, REGS_R13(%rax)
	movq %r14, REGS_R14(%rax)
	movq %r15, REGS_R15(%rax)
	movq %rcx, REGS_RIP(%rax)
	movq %r11, REGS_RFLAGS(%rax)
	movq %gs:8, %rcx
	movq %rcx, REGS_RSP(%rax)
	popq %rcx
	movq %rcx, REGS_RAX(%rax)
	xorl %eax, %eax			/* USER_EXIT_SYSCALL */
user_exit_common:
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	/* user_trap_longjmp(reason): back to user_enter's caller, from trap_dispatch. */
	.globl user_trap_longjmp
user_trap_longjmp:
	movq %gs:16, %rsp
	movl %edi, %eax
	jmp user_exit_common
