#!/bin/sh
# tools/safec/tests/run.sh <safec-binary>
# Runs every case under tools/safec/tests/kernel/cases: the checker must report
# exactly the (line, rule) pairs marked with /* expect: RULE... */ comments and
# exit 1 if there are any, 0 if none. Prints PASS/FAIL per case and a total.
set -u
[ $# -eq 1 ] || { echo "usage: $0 <safec-binary>" >&2; exit 2; }
SAFEC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT" || exit 2
T=tools/safec/tests
FLAGS="--target=x86_64-unknown-none-elf -ffreestanding -nostdinc -std=gnu17 -I$T/frame/include -I$T/kernel -isystem $T/sys"
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in $(find $T/kernel/cases -name '*.[ch]' | sort); do
	name=${f#$T/kernel/cases/}
	# "expect: RULE..." marks findings on its own line; "expect-in: inc/x.h:LINE RULE"
	# one reported in a shared header the case includes (at the header's spelling)
	{ awk '{ if (match($0, /expect:[^*]*/)) { n = split(substr($0, RSTART + 7, RLENGTH - 7), w, " ");
		for (i = 1; i <= n; i++) print NR, w[i] } }' "$f"
	  sed -n 's/.*expect-in: \([^ ]*\) \([^ *]*\).*/\1 \2/p' "$f"; } | sort -u > "$tmp/want"
	"$SAFEC" --rules frame/safec.rules --trusted $T/frame/include --service-root $T/kernel \
		-- $FLAGS "$f" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	# findings in the case file itself (those in shared headers it includes are not its own)
	{ grep -F "$f:" "$tmp/out" | sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: \[\([^]]*\)\].*/\1 \2/p'
	  grep -v -F "$f:" "$tmp/out" | sed -n "s|^$T/kernel/\([^:]*:[0-9]*\):[0-9]*: \[\([^]]*\)\].*|\1 \2|p"; } | sort -u > "$tmp/got"
	if [ -s "$tmp/want" ]; then want_rc=1; else want_rc=0; fi
	if [ $rc -eq $want_rc ] && cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS $name"; pass=$((pass + 1))
	else
		missing=$(comm -23 "$tmp/want" "$tmp/got" | tr '\n' ',')
		extra=$(comm -13 "$tmp/want" "$tmp/got" | tr '\n' ',')
		echo "FAIL $name: exit $rc (want $want_rc) missing [$missing] unexpected [$extra] $(head -c 300 "$tmp/err" | tr '\n' ' ')"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
