#!/bin/sh
# Fails when a service object refers to a symbol that is neither defined by
# another service object nor in the framework's export list (DESIGN.md §1,
# rule 9, link-time half), or when an object outside kernel/selftest/ refers
# to a test-only export (helpers that corrupt or trap on purpose, G7).
# Usage: check-exports.sh NM EXPORTS TEST_ONLY_EXPORTS OBJECTS...
set -eu
nm=$1 exports=$2 test_only=$3
shift 3
[ $# -gt 0 ] || exit 0
[ -s "$test_only" ] || { echo "exportcheck: the test-only export list $test_only is empty"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$nm" --defined-only --extern-only "$@" | awk 'NF == 3 { print $3 }' | sort -u > "$tmp/service-defined"
sort -u "$exports" "$tmp/service-defined" > "$tmp/allowed"
sort -u "$test_only" > "$tmp/test-only"
bad=0
for obj in "$@"; do
	"$nm" --undefined-only "$obj" | awk '{ print $NF }' | sort -u > "$tmp/used"
	comm -23 "$tmp/used" "$tmp/allowed" > "$tmp/missing"
	if [ -s "$tmp/missing" ]; then
		echo "exportcheck: $obj uses symbols the framework does not export:" $(cat "$tmp/missing")
		bad=1
	fi
	case "$obj" in
	*/kernel/selftest/*) ;;
	*)
		comm -12 "$tmp/used" "$tmp/test-only" > "$tmp/test-used"
		if [ -s "$tmp/test-used" ]; then
			echo "exportcheck: $obj is not under kernel/selftest/ but uses test-only exports:" $(cat "$tmp/test-used")
			bad=1
		fi
		;;
	esac
done
[ $bad -eq 0 ] && echo "exportcheck: $# service objects use only framework exports"
exit $bad
