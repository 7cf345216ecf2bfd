#!/bin/sh
# tools/safec/tests/run-escapes.sh <safec-binary> <service compile flags...>
# Runs the checker over every escape variant in tools/safec/tests/escapes with
# the real framework headers and rules: it must report exactly the (line,
# rule) pairs marked `expect:`; a file marked `expect-build: compile "TEXT"`
# must not compile, with TEXT in the compiler's error (so a typo cannot pass); one marked `expect-build: odr` is refused only by the build's
# kernel-wide merge (test/gate-escapes.sh) and is skipped here.
set -u
[ $# -ge 1 ] || { echo "usage: $0 <safec-binary> <flags...>" >&2; exit 2; }
SAFEC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT" || exit 2
E=tools/safec/tests/escapes
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in $(find $E -name '*.[ch]' | sort); do
	name=${f#$E/}
	if grep -q 'expect-build: odr' "$f"; then
		echo "SKIP $name (refused by the build's merge: test/gate-escapes.sh)"
		continue
	fi
	awk '{ if (match($0, /expect:[^*]*/)) { n = split(substr($0, RSTART + 7, RLENGTH - 7), w, " ");
		for (i = 1; i <= n; i++) print NR, w[i] } }' "$f" | sort -u > "$tmp/want"
	case $f in *.h) hdr=-Wno-unused-function;; *) hdr=;; esac
	"$SAFEC" --rules frame/safec.rules --trusted frame/include --service-root $E -- "$@" $hdr "$f" \
		> "$tmp/out" 2> "$tmp/err"
	rc=$?
	if grep -q 'expect-build: compile' "$f"; then
		why=$(sed -n 's/.*expect-build: compile "\([^"]*\)".*/\1/p' "$f" | head -n 1)
		if [ $rc -eq 2 ] && [ -n "$why" ] && grep -q -F "$why" "$tmp/err"; then
			echo "PASS $name (does not compile: $why)"; pass=$((pass + 1))
		else
			echo "FAIL $name: exit $rc, want a compile error saying \"$why\""; fail=$((fail + 1))
		fi
		continue
	fi
	grep -F "$f:" "$tmp/out" | sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: \[\([^]]*\)\].*/\1 \2/p' | sort -u > "$tmp/got"
	if [ $rc -eq 1 ] && [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS $name"; pass=$((pass + 1))
	else
		missing=$(comm -23 "$tmp/want" "$tmp/got" | tr '\n' ',')
		extra=$(comm -13 "$tmp/want" "$tmp/got" | tr '\n' ',')
		echo "FAIL $name: exit $rc missing [$missing] unexpected [$extra] $(head -c 300 "$tmp/err" | tr '\n' ' ')"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
