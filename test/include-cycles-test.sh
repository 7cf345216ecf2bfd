#!/bin/sh
# The include-cycle check must refuse a cycle between two subsystems (also
# one that passes through a nested directory and a "../" include) and
# accept the same tree once the cycle is gone.
set -eu
check="$(cd "$(dirname "$0")/.." && pwd)/tools/check-include-cycles.sh"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/kernel/a/inner" "$tree/kernel/b" "$tree/kernel/c"
printf '#include "b/b.h"\n' >"$tree/kernel/a/a.c"
printf '#include "../a.h"\n' >"$tree/kernel/a/inner/x.c"
: >"$tree/kernel/a/a.h"
printf '#include "c/c.h"\n' >"$tree/kernel/b/b.h"
printf '#include "a/inner/../a.h"\n' >"$tree/kernel/c/c.h"
fail=0
if "$check" "$tree" >"$tree/out" 2>&1; then
	echo "FAIL include-cycles accepted a -> b -> c -> a"
	fail=1
elif ! grep -q 'c -> a: kernel/c/c.h' "$tree/out"; then
	echo "FAIL include-cycles did not name the edge that closes the cycle:"
	cat "$tree/out"
	fail=1
fi
: >"$tree/kernel/c/c.h" # break the cycle
if ! "$check" "$tree" >"$tree/out" 2>&1; then
	echo "FAIL include-cycles refused an acyclic tree:"
	cat "$tree/out"
	fail=1
fi
[ "$fail" -eq 0 ] && echo "include-cycles-test: 2 passed, 0 failed" || echo "include-cycles-test: failed"
exit "$fail"
