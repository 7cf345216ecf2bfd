/* The empty symbol table of the first link; tools/gen-ksyms.sh writes the real one. */
	.section .ksyms, "a"
	.balign 8
	.globl ksym_table, ksym_count, ksym_names, ktrapsite_table, ktrapsite_count, kdata_table, kdata_count
ksym_count: .quad 0
ktrapsite_count: .quad 0
kdata_count: .quad 0
kdata_table:
ksym_table:
ktrapsite_table:
ksym_names: .byte 0
