/*
 * The instructions that touch user memory. Each access that may fault has
 * an exception-table entry (.extable: faulting instruction, fixup); the
 * page-fault handler resumes at the fixup, which returns -EFAULT. SMAP is
 * opened (STAC) only around these accesses.
 *
 * SAFETY: callers in frame/user/usercopy.c have checked that the user range
 * lies entirely in the user half, and that the kernel range is theirs.
 */
#define EFAULT 14
#define ENAMETOOLONG 36

	.macro extable fault, fixup
	.pushsection .extable, "a"
	.balign 8
	.quad \fault, \fixup
	.popsection
	.endm

	.text
	/* long copy_user_raw(void *dst, const void *src, size_t n): one side is user memory. */
	.globl copy_user_raw
copy_user_raw:
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
	stac
1:	rep movsq			/* quadwords, then the tail */
	movl %edx, %ecx
9:	rep movsb
	clac
	xorl %eax, %eax
	ret
	extable 1b, user_fault
	extable 9b, user_fault

	/* long clear_user_raw(void *dst, size_t n) */
	.globl clear_user_raw
clear_user_raw:
	movq %rsi, %rcx
	xorl %eax, %eax
	stac
2:	rep stosb
	clac
	ret
	extable 2b, user_fault

	/* long strncpy_user_raw(char *dst, const char *src, size_t max): length, -ENAMETOOLONG or -EFAULT. */
	.globl strncpy_user_raw
strncpy_user_raw:
	xorl %eax, %eax
	stac
3:	cmpq %rdx, %rax
	jae 5f
4:	movb (%rsi,%rax), %cl
	movb %cl, (%rdi,%rax)
	testb %cl, %cl
	jz 6f
	incq %rax
	jmp 3b
5:	movq $-ENAMETOOLONG, %rax
6:	clac
	ret
	extable 4b, user_fault

	/* long load_user_u32(const uint32_t *src, uint32_t *out) */
	.globl load_user_u32
load_user_u32:
	stac
7:	movl (%rdi), %eax
	clac
	movl %eax, (%rsi)
	xorl %eax, %eax
	ret
	extable 7b, user_fault

user_fault:
	clac
	movq $-EFAULT, %rax
	ret
