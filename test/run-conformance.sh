#!/bin/sh
# Boots KERNEL with INITRAMFS in QEMU with rdinit=/test/run-tests, waits for the
# machine to power off (or the timeout), prints the runner's PASS/FAIL lines and
# its final "N passed, M failed"; exits 0 only when every case passed.
#   usage: test/run-conformance.sh KERNEL INITRAMFS [extra kernel args...]
# Environment: TIMEOUT (seconds, default 900), CONF_LOG (serial log file,
# default build/conformance.log), QEMU (default qemu-system-x86_64),
# ACCEL (tcg (default) or kvm), MEM (default 512M), VERBOSE=1 (whole log).
set -u
[ $# -ge 2 ] || { echo "usage: $0 KERNEL INITRAMFS [kernel args...]" >&2; exit 2; }
kernel=$1 initrd=$2
shift 2
timeout=${TIMEOUT:-900}
log=${CONF_LOG:-build/conformance.log}
qemu=${QEMU:-qemu-system-x86_64}
mem=${MEM:-512M}
case "${ACCEL:-tcg}" in
kvm) accel="-accel kvm -cpu host" ;;
*) accel="-accel tcg -cpu max" ;;
esac
[ -r "$kernel" ] || { echo "run-conformance: no kernel $kernel" >&2; exit 2; }
[ -r "$initrd" ] || { echo "run-conformance: no initramfs $initrd" >&2; exit 2; }
mkdir -p "$(dirname "$log")"
rm -f "$log"

start=$(date +%s)
# shellcheck disable=SC2086
timeout --foreground -k 10 "$timeout" $qemu -M q35 $accel -m "$mem" -smp 1 -no-reboot \
	-display none -monitor none -serial "file:$log" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 rdinit=/test/run-tests $*" </dev/null
rc=$?
end=$(date +%s)

if [ "${VERBOSE:-0}" = 1 ]; then
	tr -d '\r' < "$log"
else
	tr -d '\r' < "$log" | grep -E '^(PASS|FAIL|# |run-tests:)|^[0-9]+ passed, [0-9]+ failed$'
fi
summary=$(tr -d '\r' < "$log" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "run-conformance: timed out after ${timeout}s (log: $log)"
fi
echo "run-conformance: $((end - start))s, qemu exit $rc, log $log"
if [ -z "$summary" ]; then
	echo "run-conformance: no summary line; the run did not finish"
	echo "0 passed, 1 failed"
	exit 1
fi
case "$summary" in
*" 0 failed") exit 0 ;;
*) exit 1 ;;
esac
