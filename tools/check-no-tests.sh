#!/bin/sh
# Fails when the production image holds test code: a global symbol that a
# test object defines (the ktest runner, its helpers, fs_testlib.c...) or
# any symbol naming ktest (each KTEST body is a local ktest_fn_*, the table
# bounds are __ktests_*). The test image must hold them all, so a broken
# pattern or an empty object list cannot pass unseen.
# Usage: check-no-tests.sh NM PRODUCTION_ELF TEST_ELF TEST_OBJECTS...
set -eu
nm=$1 prod=$2 test=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The test hooks (frame/boot/test_hooks.h) have empty stand-ins in production.
"$nm" --defined-only --extern-only "$@" | awk 'NF == 3 { print $3 }' | grep -v -E '^(__cfi_)?test_hook_' | sort -u > "$tmp/test-globals"
"$nm" "$prod" | awk '{ print $NF }' | sort -u > "$tmp/prod"
"$nm" "$test" | awk '{ print $NF }' | sort -u > "$tmp/test"
{ comm -12 "$tmp/prod" "$tmp/test-globals"; sed 's/^__cfi_//' "$tmp/prod" | sort -u | comm -12 - "$tmp/test-globals"; grep -i ktest "$tmp/prod" || true; } | sort -u > "$tmp/found"
if [ -s "$tmp/found" ]; then
	echo "image-check: $prod holds test code:" $(head -10 "$tmp/found")
	exit 1
fi
n=$(grep -c -i ktest "$tmp/test" || true)
if [ "$n" -eq 0 ] || [ ! -s "$tmp/test-globals" ] || comm -23 "$tmp/test-globals" "$tmp/test" | grep -q .; then
	echo "image-check: $test lacks the test objects' symbols: the check would pass vacuously"
	exit 1
fi
echo "image-check: $prod holds none of the $(wc -l < "$tmp/test-globals") test globals or ktest symbols ($test: $n ktest symbols)"
