#!/bin/sh
# Writes the kernel's symbol table (.ksyms) as assembly, from the first-pass
# ELF: every function symbol sorted by address with its size, and every
# sanitizer trap site (ud1/ud2 in service code) with its file:line, so a
# panic can name the function and the failing check's source line.
# Also every sized data/bss object (address and size, no name).
# Usage: gen-ksyms.sh ELF NM ADDR2LINE OBJDUMP > ksyms.S
set -eu
elf=$1 nm=$2 addr2line=$3 objdump=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$nm" --defined-only -S -n "$elf" | awk 'NF == 4 && ($3 == "t" || $3 == "T") { print $1, $2, $4 }' > "$tmp/syms"
# Data objects with their sizes: BYTES_OF_FIELD checks a slice of static
# memory lies inside one of them (frame/mm/bytes.c).
"$nm" --defined-only -S -n "$elf" | awk 'NF == 4 && $3 ~ /^[dDbB]$/ && $2 !~ /^0+$/ { print $1, $2 }' > "$tmp/data"
# Trap sites: ud1 (sanitizer checks) and ud2 (kcfi, explicit traps).
"$objdump" -d --no-show-raw-insn "$elf" | awk '/^ *ffffffff[0-9a-f]*:.*\tud[12]/ { sub(":", "", $1); print $1 }' > "$tmp/traps"
if [ -s "$tmp/traps" ]; then
	sed 's/^/0x/' "$tmp/traps" | "$addr2line" -e "$elf" | sed -e "s|^$(pwd)/||" -e 's/ (discriminator [0-9]*)//' -e 's/:0$/ (merged check: line unknown)/' > "$tmp/locs"
else
	: > "$tmp/locs"
fi

awk -v syms="$tmp/syms" -v data="$tmp/data" -v traps="$tmp/traps" -v locs="$tmp/locs" 'BEGIN {
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl ksym_table, ksym_count, ksym_names, ktrapsite_table, ktrapsite_count, kdata_table, kdata_count"
	n = 0; off = 0
	while ((getline line < syms) > 0) {
		split(line, f, " ")
		addr[n] = f[1]; size[n] = f[2]; name[n] = f[3]; noff[n] = off
		off += length(f[3]) + 1; n++
	}
	t = 0
	while ((getline a < traps) > 0) { taddr[t] = a; t++ }
	for (i = 0; i < t; i++) { getline l < locs; tloc[i] = l; toff[i] = off; off += length(l) + 1 }
	print "ksym_count: .quad " n
	print "ktrapsite_count: .quad " t
	print "ksym_table:"
	for (i = 0; i < n; i++) printf "\t.quad 0x%s\n\t.long %d, 0x%s\n", addr[i], noff[i], size[i]
	d = 0
	while ((getline line < data) > 0) { split(line, f, " "); daddr[d] = f[1]; dsize[d] = f[2]; d++ }
	print "kdata_count: .quad " d
	print "kdata_table:"
	for (i = 0; i < d; i++) printf "\t.quad 0x%s, 0x%s\n", daddr[i], dsize[i]
	print "ktrapsite_table:"
	for (i = 0; i < t; i++) printf "\t.quad 0x%s\n\t.long %d, 0\n", taddr[i], toff[i]
	print "ksym_names:"
	for (i = 0; i < n; i++) printf "\t.asciz \"%s\"\n", name[i]
	for (i = 0; i < t; i++) printf "\t.asciz \"%s\"\n", tloc[i]
}'
