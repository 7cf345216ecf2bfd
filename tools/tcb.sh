#!/bin/sh
# `make tcb`: how big the trusted computing base is. SLOC counts exclude blank
# lines, comments and test code, which only the test image links (*_test.c,
# *_testlib.c, the ktest runner frame/ktest/ and its header); raw counts
# include everything else. Unsafe
# sites in frame/ are lines with inline asm, volatile, a pointer cast or
# pointer/integer conversion; each should sit under a SAFETY: comment.
set -eu
cd "$(dirname "$0")/.."

# Strip C comments and blank lines, print the number of remaining lines.
sloc() {
	[ $# -gt 0 ] || { echo 0; return; }
	cat "$@" | awk '
	{
		line = $0; out = ""
		while (length(line) > 0) {
			if (incomment) {
				e = index(line, "*/")
				if (e == 0) { line = ""; break }
				line = substr(line, e + 2); incomment = 0
			} else {
				s = index(line, "/*"); d = index(line, "//")
				if (d > 0 && (s == 0 || d < s)) { out = out substr(line, 1, d - 1); line = ""; break }
				if (s == 0) { out = out line; line = ""; break }
				out = out substr(line, 1, s - 1); line = substr(line, s + 2); incomment = 1
			}
		}
		if (out ~ /[^ \t]/) n++
	}
	END { print n + 0 }'
}

is_test='(_test\.c|_testlib\.c)$|^frame/ktest/|^frame/include/frame/ktest\.h$'
all_files() { find "$1" \( -name '*.c' -o -name '*.h' -o -name '*.S' \) 2>/dev/null | sort; }
files() { all_files "$1" | grep -v -E "$is_test" || true; }
tests() { all_files "$1" | grep -E "$is_test" || true; }

frame_sloc=$(sloc $(files frame))
kernel_sloc=$(sloc $(files kernel))
frame_raw=$(cat $(files frame) | wc -l)
kernel_raw=$( [ -n "$(files kernel)" ] && cat $(files kernel) | wc -l || echo 0)
test_raw=$( { tests frame; tests kernel; } | xargs -r cat | wc -l)
total=$((frame_sloc + kernel_sloc))
share=$(awk -v f="$frame_sloc" -v t="$total" 'BEGIN { printf "%.1f", t ? 100 * f / t : 0 }')

unsafe=$(files frame | grep -v '\.S$' | xargs grep -h -E '__asm__|asm volatile|volatile|\((const )?(struct )?[a-z_0-9]+ ?\*+\)' | grep -v -E '^\s*(\*|/\*|//)' | wc -l)
asm_files=$(files frame | grep -c '\.S$' || true)
safety=$(files frame | xargs grep -h -c 'SAFETY:' | awk '{ s += $1 } END { print s + 0 }')

echo "tcb: frame/  $frame_sloc SLOC ($frame_raw lines raw)"
echo "tcb: kernel/ $kernel_sloc SLOC ($kernel_raw lines raw)"
echo "tcb: tests   $test_raw lines raw (excluded above)"
echo "tcb: framework share $share % of $total SLOC (goal at maturity: <= 15 %)"
echo "tcb: unsafe sites in frame/ C: $unsafe lines; SAFETY: comments: $safety; assembly files: $asm_files (wholly unsafe)"
