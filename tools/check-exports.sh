#!/bin/sh
# Fails when a service object refers to a symbol that is neither defined by
# another service object nor in the framework's export list (DESIGN.md §1,
# rule 9, link-time half). Usage: check-exports.sh NM EXPORTS OBJECTS...
set -eu
nm=$1 exports=$2
shift 2
[ $# -gt 0 ] || exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$nm" --defined-only --extern-only "$@" | awk 'NF == 3 { print $3 }' | sort -u > "$tmp/service-defined"
sort -u "$exports" "$tmp/service-defined" > "$tmp/allowed"
bad=0
for obj in "$@"; do
	"$nm" --undefined-only "$obj" | awk '{ print $NF }' | sort -u | comm -23 - "$tmp/allowed" > "$tmp/missing"
	if [ -s "$tmp/missing" ]; then
		echo "exportcheck: $obj uses symbols the framework does not export:" $(cat "$tmp/missing")
		bad=1
	fi
done
[ $bad -eq 0 ] && echo "exportcheck: $# service objects use only framework exports"
exit $bad
