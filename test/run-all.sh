#!/bin/sh
# `make test`: every test tier, one summary. Each suite prints its own
# "N passed, M failed" line; the last line adds them up.
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
suites_failed=""

count() { # suite-name logfile exit-status: sums the suite's distinct "N passed, M failed" lines
	lines=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$2" | sort -u)
	p=$(echo "$lines" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^passed/) n += $(i - 1) } END { print n + 0 }')
	f=$(echo "$lines" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^failed/) n += $(i - 1) } END { print n + 0 }')
	[ -n "$lines" ] || { p=0; f=1; }
	[ "$3" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$f" -eq 0 ] || suites_failed="$suites_failed $1"
}

suite() { # name make-target title
	echo "== $3"
	make --no-print-directory -s "$2" > "build/$1.log" 2>&1
	rc=$?
	grep -E '^ *FAIL' "build/$1.log"
	grep -E '[0-9]+ passed, [0-9]+ failed' "build/$1.log" | sort -u
	count "$1" "build/$1.log" $rc
}

check() { # name make-target title: a pass/fail check that counts as one test
	echo "== $3"
	if make --no-print-directory -s "$2"; then
		total_pass=$((total_pass + 1))
	else
		total_fail=$((total_fail + 1))
		suites_failed="$suites_failed $1"
	fi
}

mkdir -p build
suite safec safec-test "safe-C checker rule tests"
suite escapes gate-escapes "the build refuses every escape variant (scratch copy of the tree)"
suite api api-compile-test "framework API refusals at compile time"
suite ktest ktest "in-kernel tests (ktest)"
suite conformance test-conformance "conformance suite on Trellis (the same binaries pass on Linux: make test-linux)"
suite shell shell-test "interactive busybox shell on the serial console"
check fmt fmt-check "formatting (.clang-format)"
check docs syscall-doc-check "generated docs"
check image image-check "the production image holds no test code"
check cycles include-cycles "no include cycles between service subsystems (kernel/<dir>/)"

echo "== TCB"
make --no-print-directory -s tcb

echo
[ -z "$suites_failed" ] || echo "failing suites:$suites_failed"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
