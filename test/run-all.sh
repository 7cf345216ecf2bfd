#!/bin/sh
# `make test`: every test tier, one summary. Each suite prints its own
# "N passed, M failed" line; the last line adds them up.
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
suites_failed=""

count() { # suite-name logfile exit-status
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
	p=$(echo "$line" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^passed/) print $(i - 1) }')
	f=$(echo "$line" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^failed/) print $(i - 1) }')
	[ -n "$line" ] || { p=0; f=1; }
	[ "$3" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$f" -eq 0 ] || suites_failed="$suites_failed $1"
}

mkdir -p build
echo "== safe-C checker rule tests"
make --no-print-directory -s safec-test > build/safec-test.log 2>&1
rc=$?
grep -E '^FAIL' build/safec-test.log
tail -n 1 build/safec-test.log
count safec build/safec-test.log $rc

echo "== in-kernel tests (ktest)"
make --no-print-directory -s ktest > build/ktest-run.log 2>&1
rc=$?
grep -E '^  FAIL|^ktest' build/ktest-run.log
count ktest build/ktest-run.log $rc

echo "== conformance suite on Trellis (the same binaries pass on Linux: make test-linux)"
make --no-print-directory -s test-conformance > build/conformance-run.log 2>&1
rc=$?
grep -E '^FAIL' build/conformance-run.log
tail -n 1 build/conformance-run.log
count conformance build/conformance-run.log $rc

echo "== interactive busybox shell on the serial console"
make --no-print-directory -s shell-test > build/shell-test-run.log 2>&1
rc=$?
grep -E '^FAIL' build/shell-test-run.log
tail -n 1 build/shell-test-run.log
count shell build/shell-test-run.log $rc

echo "== formatting (.clang-format)"
if make --no-print-directory -s fmt-check; then
	total_pass=$((total_pass + 1))
else
	total_fail=$((total_fail + 1))
	suites_failed="$suites_failed fmt"
fi

echo "== generated docs"
if tools/gen-syscall-doc.sh | cmp -s - docs/syscalls.md; then
	echo "docs/syscalls.md matches the syscall table"
	total_pass=$((total_pass + 1))
else
	echo "FAIL docs/syscalls.md is stale: run make syscall-doc"
	total_fail=$((total_fail + 1))
	suites_failed="$suites_failed docs"
fi

echo "== TCB"
make --no-print-directory -s tcb

echo
[ -z "$suites_failed" ] || echo "failing suites:$suites_failed"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
