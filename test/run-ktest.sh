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
[ "$rc" -eq 1 ] && echo "$verdict" | grep -q ', 0 failed'
