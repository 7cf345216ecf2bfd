/* The empty static-object table of the first link; tools/gen-ksyms.sh writes the real one. */
	.section .ksyms, "a"
	.balign 8
	.globl kdata_table, kdata_count
kdata_count: .quad 0
kdata_table:
