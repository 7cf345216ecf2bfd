#!/bin/sh
# BYTES_OF_FIELD's compile-time half: each variant below, compiled with the
# service flags, must be refused with "BYTES_OF_FIELD needs an array of
# bytes", and the good ones must compile. A slice over anything but a byte
# array lets a service write any bit pattern into pointers or slices.
# Usage: bytes-of-field-compile.sh CC SERVICE_CFLAGS...
set -u
cc=$1
shift
flags="$*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# try NAME EXPECT(good|bad) MEMBER-DECLARATION [EXPR]
try() {
	name=$1 expect=$2 decl=$3 expr=${4:-"BYTES_OF_FIELD(o, m)"}
	cat > "$tmp/t.c" <<C
#include <frame/bytes.h>
typedef struct bytes fake_int8_t;
typedef char row_t[4];
struct victim { $decl; };
struct bytes probe(struct victim *o);
struct bytes probe(struct victim *o) { return $expr; }
C
	if "$cc" $flags -c "$tmp/t.c" -o "$tmp/t.o" 2> "$tmp/err"; then got=good; else got=bad; fi
	if [ "$got" = bad ] && ! grep -q "BYTES_OF_FIELD needs an array of bytes" "$tmp/err"; then
		got="bad for another reason: $(grep error "$tmp/err" | head -n 1)"
	fi
	if [ "$got" = "$expect" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL bytes-of-field $name: expected $expect, got $got"
	fi
}

try char-array good "char m[8]"
try uint8-array good "uint8_t m[8]"
try int8-array good "int8_t m[8]"
try signed-char-array good "signed char m[3]"
try array-of-slices bad "struct bytes m[2]"
try array-of-pointers bad "uint8_t *m[2]"
try array-of-char-pointers bad "char *m[2]"
try pointer-member bad "char *m"
try pointer-to-array bad "char (*m)[8]"
try two-d-array bad "char m[2][4]"
try array-of-typedef-rows bad "row_t m[2]"
try typedef-named-int8-of-a-struct bad "fake_int8_t m[2]"
try const-array bad "const char m[8]"
try bool-array bad "bool m[8]"
try int-array bad "int m[2]"
try uint64-array bad "uint64_t m[1]"
try struct-array bad "struct { uint8_t *p; } m[1]"
echo "bytes-of-field compile checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
