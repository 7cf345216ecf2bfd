/*
 * The first instructions: the PVH entry point.
 *
 * QEMU (and Firecracker, cloud-hypervisor) enter here in 32-bit protected mode
 * with paging off and %ebx holding the physical address of the hvm_start_info
 * block. We switch to long mode on static boot page tables that map the low
 * 4 GiB three times (identity, direct map, and the -2 GiB kernel window), jump
 * to the higher half and call kmain(). mm/kernel_map.c later replaces these
 * tables with the real ones (page 0 unmapped, W^X, guard pages).
 */
#define KERNEL_VMA 0xffffffff80000000
#define PHYS(x) ((x) - KERNEL_VMA)

	.section .note.pvh, "a", @note
	.balign 4
	.long 4			/* name size: "Xen\0" */
	.long 4			/* descriptor size */
	.long 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long PHYS(pvh_entry)
	.balign 4

	.section .boot.text, "ax"
	.code32
	.globl pvh_entry
pvh_entry:
	cli
	cld
	movl %ebx, %edi			/* keep the start_info address */
	lgdt PHYS(boot_gdtr)
	movl $PHYS(__boot_stack_top), %esp
	movl %cr4, %eax
	orl $0x20, %eax			/* PAE */
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx		/* EFER */
	rdmsr
	orl $((1 << 8) | (1 << 11)), %eax	/* LME, NXE */
	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax		/* PG, WP, PE */
	movl %eax, %cr0
	ljmp $0x08, $PHYS(long_mode)

	.code64
long_mode:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $higher_half, %rax
	jmp *%rax

	.text
higher_half:
	movabsq $__boot_stack_top, %rsp
	xorl %ebp, %ebp
	movl %edi, %edi
	call kmain
1:	hlt
	jmp 1b

	.section .rodata
	.balign 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
boot_gdt_end:
boot_gdtr:
	.word boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .data
	.balign 4096
	.globl boot_pml4
boot_pml4:
	.quad PHYS(boot_pdpt) + 0x3		/* 0x0000000000000000: identity */
	.fill 272, 8, 0
	.quad PHYS(boot_pdpt) + 0x3		/* 0xffff888000000000: direct map */
	.fill 237, 8, 0
	.quad PHYS(boot_pdpt_high) + 0x3	/* 0xffffff8000000000 */
boot_pdpt:
	.quad PHYS(boot_pd) + 0x0003
	.quad PHYS(boot_pd) + 0x1003
	.quad PHYS(boot_pd) + 0x2003
	.quad PHYS(boot_pd) + 0x3003
	.fill 508, 8, 0
boot_pdpt_high:
	.fill 510, 8, 0
	.quad PHYS(boot_pd) + 0x3		/* 0xffffffff80000000: first GiB */
	.quad PHYS(boot_pd) + 0x1003
boot_pd:
	.set i, 0
	.rept 2048
	.quad (i << 21) | 0x83			/* present, writable, 2 MiB */
	.set i, i + 1
	.endr
