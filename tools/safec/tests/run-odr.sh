#!/bin/sh
# tools/safec/tests/run-odr.sh <safec-binary>
# The whole-kernel one-definition check (R12-odr). Each directory under
# tools/safec/tests/odr is one case: a few service files checked one by one
# with --facts (as `make safecheck` does), then merged together with the
# facts of every test framework header. The findings of both steps must be
# exactly the (file, line, rule) triples marked /* expect: RULE */ in the
# case's files; no step may fail with an error (exit 2).
set -u
[ $# -eq 1 ] || { echo "usage: $0 <safec-binary>" >&2; exit 2; }
SAFEC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT" || exit 2
T=tools/safec/tests
FLAGS="--target=x86_64-unknown-none-elf -ffreestanding -nostdinc -std=gnu17 -I$T/frame/include -I$T/kernel -isystem $T/sys"
CHECK="--rules frame/safec.rules --trusted $T/frame/include --service-root $T"
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# the framework's tags and symbols: one unit including every public header
for h in $T/frame/include/frame/*.h; do echo "#include <frame/${h##*/}>"; done > "$tmp/frame-api.c"
"$SAFEC" $CHECK --facts "$tmp/frame-api.facts" -- $FLAGS "$tmp/frame-api.c" >/dev/null ||
	{ echo "FAIL: the test framework headers do not give facts"; exit 1; }

for d in $(find $T/odr -mindepth 1 -maxdepth 1 -type d | sort); do
	name=${d#$T/odr/}
	files=$(find "$d" -name '*.[ch]' | sort)
	for f in $files; do
		awk -v f="$f" '{ if (match($0, /expect:[^*]*/)) { n = split(substr($0, RSTART + 7, RLENGTH - 7), w, " ");
			for (i = 1; i <= n; i++) print f, NR, w[i] } }' "$f"
	done | sort -u > "$tmp/want"
	rm -f "$tmp"/*.out "$tmp"/unit-*.facts
	err=""; i=0
	for f in $files; do
		i=$((i + 1))
		case $f in *.h) hdr=-Wno-unused-function;; *) hdr=;; esac
		"$SAFEC" $CHECK --facts "$tmp/unit-$i.facts" -- $FLAGS $hdr "$f" > "$tmp/$i.out" 2> "$tmp/err"
		[ $? -le 1 ] || err="$err $f: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
	done
	"$SAFEC" --merge --rules frame/safec.rules "$tmp/frame-api.facts" "$tmp"/unit-*.facts > "$tmp/merge.out" 2> "$tmp/err"
	mrc=$?
	[ $mrc -le 1 ] || err="$err merge: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
	cat "$tmp"/*.out | sed -n 's/^\([^:]*\):\([0-9]*\):[0-9]*: \[\([^]]*\)\].*/\1 \2 \3/p' | sort -u > "$tmp/got"
	# the merge must fail exactly when it reports something
	if [ -s "$tmp/merge.out" ]; then want_mrc=1; else want_mrc=0; fi
	if [ -z "$err" ] && [ $mrc -eq $want_mrc ] && cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS odr/$name"; pass=$((pass + 1))
	else
		missing=$(comm -23 "$tmp/want" "$tmp/got" | tr '\n' ',')
		extra=$(comm -13 "$tmp/want" "$tmp/got" | tr '\n' ',')
		echo "FAIL odr/$name: missing [$missing] unexpected [$extra]$err"
		sed 's/^/    /' "$tmp/merge.out" | head -10
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
