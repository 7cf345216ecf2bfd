/*
 * context_switch(uint64_t *old_rsp, uint64_t new_rsp): save the callee-saved
 * registers on the current stack, store the stack pointer in *old_rsp, load
 * new_rsp and pop the registers the next task saved the same way. A new
 * task's stack is prepared by task.c to "return" into task_trampoline.
 *
 * SAFETY: called with interrupts off by schedule(), which owns both tasks'
 * states; the only memory touched is the two tasks' own stacks.
 */
	.text
	.globl context_switch
context_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.globl task_trampoline
task_trampoline:
	xorl %ebp, %ebp
	call task_entry
	ud2
