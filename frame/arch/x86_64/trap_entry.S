/*
 * Interrupt and exception entry stubs. Each of the 256 vectors pushes a
 * dummy error code where the CPU does not, then its vector number, and joins
 * trap_common, which saves the general registers as a struct trap_frame
 * (arch/x86_64/trap.h) and calls trap_dispatch(frame).
 *
 * SAFETY: GS is swapped exactly when the interrupted context was user mode
 * (CS & 3), so kernel code always runs with the kernel's per-CPU GS base;
 * AC is cleared so SMAP holds in every handler.
 */
	.text
	.balign 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	.if (vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
	nop; nop			/* the CPU pushed an error code */
	.else
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.set vec, vec + 1
	.endr

	.globl trap_common
trap_common:
	testb $3, 24(%rsp)
	jz 1f
	swapgs
1:	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	/*
	 * User code may set RFLAGS.AC itself (POPF), and AC=1 in kernel mode
	 * would switch SMAP off: clear it (IRET restores the user's value).
	 */
	pushfq
	andq $~0x40000, (%rsp)
	popfq
	movq %rsp, %rdi
	/* A frame record pointing at the interrupted code keeps backtraces whole. */
	pushq 136(%rsp)			/* rip */
	pushq %rbp
	movq %rsp, %rbp
	call trap_dispatch
	addq $16, %rsp
	.globl trap_return
trap_return:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	testb $3, 24(%rsp)
	jz 2f
	swapgs
2:	addq $16, %rsp
	iretq
