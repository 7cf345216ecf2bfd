#!/bin/sh
# The framework's export list: global symbols that frame objects define and
# that the public headers (frame/include/frame/*.h) name, plus the few
# functions the compiler calls on its own (struct copies, the stack
# protector). Usage: frame-exports.sh NM FRAME_OBJECTS... > exports.txt
set -eu
nm=$1
shift
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cat frame/include/frame/*.h | tr -c 'A-Za-z0-9_' '\n' | grep -E '^[A-Za-z_]' | sort -u > "$tmp"
{
	"$nm" --defined-only --extern-only "$@" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u | comm -12 - "$tmp"
	printf '%s\n' memcpy memmove memset __stack_chk_fail __stack_chk_guard
} | sort -u
