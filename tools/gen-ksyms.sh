#!/bin/sh
# Writes the kernel's static-object table (.ksyms) as assembly, from the
# first-pass ELF: every sized data/bss object (address and size, no name),
# sorted by address. BYTES_OF_FIELD checks that a slice of static memory
# lies inside one of them (frame/mm/bytes.c); a pointer one past an array
# gives no compile-time bound, so the table is what the check needs.
# Function names and source lines are not in the image: tools/symbolise.sh
# adds them to a kernel log on the host, from the ELF.
# Usage: gen-ksyms.sh ELF NM > ksyms.S
set -eu
elf=$1 nm=$2
"$nm" --defined-only -S -n "$elf" | awk 'NF == 4 && $3 ~ /^[dDbB]$/ && $2 !~ /^0+$/ { print $1, $2 }' | awk '
BEGIN {
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl kdata_table, kdata_count"
}
{ addr[n + 0] = $1; size[n + 0] = $2; n++ }
END {
	print "kdata_count: .quad " n + 0
	print "kdata_table:"
	for (i = 0; i < n; i++) printf "\t.quad 0x%s, 0x%s\n", addr[i], size[i]
}'
