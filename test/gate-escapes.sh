#!/bin/sh
# test/gate-escapes.sh: the build refuses every escape variant.
#
# Copies the tree (with its up-to-date build, so only what changes is
# redone) to a scratch directory, checks that it builds as it is, then drops
# each file of tools/safec/tests/escapes into its kernel/ in turn and runs the
# build: every one must fail in the gate (a checker finding, a file that does
# not compile under the service flags, or the kernel-wide R12-odr merge) and
# leave no kernel image. This shows the build itself refuses them, not just
# that the checker prints a finding.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -f "$BUILD/trellis.elf" ] || { echo "gate-escapes: build the kernel first (make all)"; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# cp -a keeps the timestamps, so make sees the copied build as current
for d in Makefile mk frame kernel tools user scripts "$BUILD"; do
	cp -a "$d" "$scratch/"
done
build() { make --no-print-directory -C "$scratch" all > "$scratch/out.log" 2>&1; }
if ! build; then
	echo "FAIL the scratch copy does not build without escapes:"
	tail -20 "$scratch/out.log"
	echo "0 passed, 1 failed"
	exit 1
fi
pass=0
fail=0
mkdir -p "$scratch/kernel/escape"
for f in tools/safec/tests/escapes/*.[ch]; do
	name=$(basename "$f")
	cp "$f" "$scratch/kernel/escape/$name"
	if build; then
		echo "FAIL $name: the build accepted it"
		fail=$((fail + 1))
	elif [ -f "$scratch/$BUILD/trellis.elf" ]; then
		echo "FAIL $name: the build failed but left a kernel image"
		fail=$((fail + 1))
	elif ! grep -q -E '\[R[0-9]+-[a-z-]+\]|does not compile' "$scratch/out.log" ||
		{ why=$(sed -n 's/.*expect-build: compile "\([^"]*\)".*/\1/p' "$f" | head -n 1);
		  [ -n "$why" ] && ! grep -q -F "$why" "$scratch/out.log"; }; then
		echo "FAIL $name: the build failed, but not in the gate:"
		tail -5 "$scratch/out.log"
		fail=$((fail + 1))
	else
		why=$(grep -o -E '\[R[0-9]+-[a-z-]+\]|does not compile' "$scratch/out.log" | sort -u | tr '\n' ' ')
		echo "PASS $name: refused ($why)"
		pass=$((pass + 1))
	fi
	rm -f "$scratch/kernel/escape/$name"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
