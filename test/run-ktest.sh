#!/bin/sh
# Boots the kernel with `ktest` on its command line and reports the in-kernel
# unit tests. Usage: run-ktest.sh KERNEL [extra kernel args]
# Environment: QEMU (the full qemu command with machine flags), KTEST_TIMEOUT.
# Prints the kernel's output to build/ktest.log and its verdict line; exits 0
# only when every test passed and QEMU exited through isa-debug-exit with 0.
set -u
kernel=$1
shift
log=${KTEST_LOG:-build/ktest.log}
: "${QEMU:?set QEMU to the qemu command line}"
timeout "${KTEST_TIMEOUT:-300}" $QEMU -display none -serial file:"$log" -kernel "$kernel" -append "ktest $*" </dev/null
rc=$?
# isa-debug-exit: status = 2 * code + 1, so 1 is success and 3 failure.
grep -E '^(ok|FAIL) ' "$log" | sed 's/^/  /'
verdict=$(grep -E '^ktest: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
if [ -z "$verdict" ]; then
	echo "ktest: no verdict (QEMU exit status $rc); the end of $log:"
	tail -n 40 "$log"
	exit 1
fi
echo "$verdict"

# The kernel prints addresses; tools/symbolise.sh must name them from the
# ELF. Checked on the reports of the tests that ran (with ktest=prefix, some
# may not have).
symlog=${log%.log}.symbolised.log
tr -d '\r' < "$log" | tools/symbolise.sh "$kernel" > "$symlog"
section() { # the log lines of one test's run, up to its verdict line
	awk -v name="$1" '/^(ok|FAIL) / { if ($2 == name || $2 == name ":") { printf "%s", buf; exit } buf = ""; next } { buf = buf $0 "\n" }' "$symlog"
}
spass=0 sfail=0
expect() { # test-name extended-regex: the symbolised report of the test must match
	grep -q -E "^ok +$1\$" "$symlog" || return 0
	if section "$1" | grep -q -E "$2"; then
		spass=$((spass + 1))
	else
		sfail=$((sfail + 1))
		echo "  FAIL symbolise $1: no line matching '$2' in $symlog"
	fi
}
expect trap_report_names_the_faulting_function '^at ffffffff[0-9a-f]+ .* ktest_fn_trap_report_names_the_faulting_function\+0x'
expect trap_backtrace_is_symbolised '^  #[0-9]+ +ffffffff[0-9a-f]+  task_entry\+0x'
line=$(grep -n 'KTEST_PANICS(service_trap_report_names_the_source_line' kernel/selftest/hardening_test.c | cut -d: -f1)
expect service_trap_report_names_the_source_line "^at ffffffff[0-9a-f]+ .* kernel/selftest/hardening_test.c:$line\$"
echo "symbolise: $spass passed, $sfail failed"
[ "$rc" -eq 1 ] && echo "$verdict" | grep -q ', 0 failed' && [ "$sfail" -eq 0 ]
