#!/bin/sh
# `make include-cycles`: the service subsystems (the directories directly
# under kernel/) must form a layered graph. A file in subsystem A that
# includes a header of subsystem B is an edge A -> B; any cycle fails, and
# every edge inside a cycle is printed with the files that make it.
# Quoted includes resolve as the compiler does: beside the file first, then
# under kernel/ (-Ikernel). Files directly in kernel/ form the "main" node.
# An argument names another tree to check (test/include-cycles-test.sh).
set -eu
cd "${1:-$(dirname "$0")/..}"

edges=$(mktemp)
trap 'rm -f "$edges" "$edges.loop"' EXIT
# One awk pass: the list of service files first (to resolve names), then
# every file's quoted includes.
files=$(find kernel \( -name '*.c' -o -name '*.h' \) | sort)
echo "$files" | awk '
function subsystem(path, parts, n) { # kernel/<dir>/... -> <dir>; kernel/<file> -> main
	n = split(path, parts, "/")
	return n > 2 ? parts[2] : "main"
}
function normalise(path, parts, n, i, out, k) { # fold "." and ".." components
	n = split(path, parts, "/"); k = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == ".") continue
		if (parts[i] == ".." && k > 0) { k--; continue }
		out[++k] = parts[i]
	}
	path = out[1]
	for (i = 2; i <= k; i++) path = path "/" out[i]
	return path
}
FNR == NR { known[$0] = 1; next }
/^[ \t]*#[ \t]*include[ \t]*"/ {
	inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
	dir = FILENAME; sub(/\/[^\/]*$/, "", dir)
	target = normalise(dir "/" inc)
	if (!(target in known)) target = normalise("kernel/" inc)
	if (!(target in known)) next # a framework or generated header
	from = subsystem(FILENAME); to = subsystem(target)
	if (from != to) print from, to, FILENAME
}' - $files | sort -u >"$edges"

# tsort names the members of a loop on stderr; an acyclic graph is silent.
cut -d' ' -f1,2 "$edges" | sort -u | tsort >/dev/null 2>"$edges.loop" || true
if [ -s "$edges.loop" ]; then
	echo "include cycle between service subsystems:"
	members=$(sed -n 's/^tsort: //p' "$edges.loop" | grep -v 'input contains a loop' | sort -u)
	for a in $members; do
		for b in $members; do
			grep "^$a $b " "$edges" | awk '{ print "  " $1 " -> " $2 ": " $3 }' | head -n 3
		done
	done
	exit 1
fi
echo "include-cycles: $(cut -d' ' -f1,2 "$edges" | sort -u | wc -l) subsystem edges, no cycle"
