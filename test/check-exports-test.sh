#!/bin/sh
# The export check refuses test-only helpers (ktest_smash_stack,
# ktest_forge_mismatched_fn) to service objects outside kernel/selftest/
# (G7): scratch objects that call them are checked as if they were services.
# Usage: check-exports-test.sh NM EXPORTS TEST_ONLY CC SERVICE_CFLAGS...
set -u
nm=$1 exports=$2 test_only=$3 cc=$4
shift 4
flags="$*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect NAME ok|refused RELATIVE-OBJECT-PATH CALL
expect() {
	mkdir -p "$tmp/$1/$(dirname "$3")"
	cat > "$tmp/$1/src.c" <<C
#include <frame/ktest.h>
void probe(void);
void probe(void) { $4; }
C
	"$cc" $flags -c "$tmp/$1/src.c" -o "$tmp/$1/$3" || { fail=$((fail + 1)); echo "FAIL exportcheck $1: does not compile"; return; }
	if tools/check-exports.sh "$nm" "$exports" "$test_only" "$tmp/$1/$3" > "$tmp/$1/out" 2>&1; then got=ok; else got=refused; fi
	if [ "$got" = "$2" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL exportcheck $1: expected $2, got $got:" $(cat "$tmp/$1/out")
	fi
}

expect smash-from-a-service refused kernel/fs/evil.o "uint8_t b[16] = { 0 }; ktest_smash_stack(&b)"
expect forge-from-a-service refused kernel/net/evil.o "ktest_forge_mismatched_fn()(1)"
expect smash-from-a-service-test refused kernel/fs/evil_test.o "uint8_t b[16] = { 0 }; ktest_smash_stack(&b)"
expect smash-from-a-lookalike-dir refused kernel/selftest-not/evil.o "uint8_t b[16] = { 0 }; ktest_smash_stack(&b)"
expect smash-from-selftest ok kernel/selftest/ok.o "uint8_t b[16] = { 0 }; ktest_smash_stack(&b)"
expect opaque-from-a-service ok kernel/fs/ok.o "(void)ktest_opaque(1)"
echo "export check self-test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
