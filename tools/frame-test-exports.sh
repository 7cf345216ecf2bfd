#!/bin/sh
# The framework's test-only exports: functions that frame objects define and
# that frame/include/frame/ktest.h declares between its "test-only exports"
# markers. tools/check-exports.sh lets only kernel/selftest/ use them.
# Usage: frame-test-exports.sh NM FRAME_OBJECTS... > test-exports.txt
set -eu
nm=$1
shift
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -n '/test-only exports begin/,/test-only exports end/p' frame/include/frame/ktest.h |
	tr -c 'A-Za-z0-9_' '\n' | grep -E '^[A-Za-z_]' | sort -u > "$tmp"
"$nm" --defined-only --extern-only "$@" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u | comm -12 - "$tmp"
