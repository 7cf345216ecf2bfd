#!/bin/sh
# Names the kernel addresses in a Trellis log: each backtrace frame and each
# trap report's "at ADDRESS" gets "function+0xoffset file:line", from the
# ELF's symbols and debug information (the kernel itself prints addresses
# only). Usage: symbolise.sh ELF [LOG] > symbolised.log (LOG defaults to stdin)
# Environment: NM, ADDR2LINE (default: the LLVM 19 tools).
set -eu
elf=$1
log=${2:--}
nm=${NM:-llvm-nm-19}
addr2line=${ADDR2LINE:-llvm-addr2line-19}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$log" > "$tmp/log"
# Functions sorted by address: "address size name".
"$nm" --defined-only -S -n "$elf" | awk 'NF == 4 && ($3 == "t" || $3 == "T") { print $1, $2, $4 }' > "$tmp/syms"
# The addresses to name: backtrace frames ("  #N  ADDR") and trap reports ("at ADDR").
grep -o -E '^  #[0-9]+ +ffffffff[0-9a-f]{8}|^at ffffffff[0-9a-f]{8}' "$tmp/log" | awk '{ print $NF }' | sort -u > "$tmp/addrs" || true
if [ -s "$tmp/addrs" ]; then
	sed 's/^/0x/' "$tmp/addrs" | "$addr2line" -e "$elf" | sed -e "s|^$(pwd)/||" -e 's/ (discriminator [0-9]*)//' > "$tmp/lines"
else
	: > "$tmp/lines"
fi
awk -v syms="$tmp/syms" -v addrs="$tmp/addrs" -v lines="$tmp/lines" '
# Kernel text lies in ffffffff80000000 and up: the low 32 bits suffice (awk numbers are doubles).
function hex(s,    i, c, v) { v = 0; s = tolower(s); if (length(s) > 8) s = substr(s, length(s) - 7); for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }; return v }
function name_of(a,    lo, hi, mid, v) {
	v = hex(a); lo = 0; hi = n
	if (!n || v < saddr[0]) return "?"
	while (hi - lo > 1) { mid = int((lo + hi) / 2); if (saddr[mid] <= v) lo = mid; else hi = mid }
	if (ssize[lo] && v >= saddr[lo] + ssize[lo]) return "?"
	return sprintf("%s+0x%x", sname[lo], v - saddr[lo])
}
BEGIN {
	while ((getline l < syms) > 0) { split(l, f, " "); saddr[n] = hex(f[1]); ssize[n] = hex(f[2]); sname[n] = f[3]; n++ }
	while ((getline a < addrs) > 0) { getline loc < lines; where[a] = name_of(a) " " loc }
}
{
	if (match($0, /^  #[0-9]+ +ffffffff[0-9a-f]+/) || match($0, /^at ffffffff[0-9a-f]+/)) {
		k = split(substr($0, RSTART, RLENGTH), w, " ")
		a = w[k]
		if (a in where) { print $0 "  " where[a]; next }
	}
	print
}' "$tmp/log"
