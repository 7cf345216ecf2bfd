#!/bin/sh
# Assembles the initramfs: Debian's busybox-static with its applet links, the
# files of user/rootfs, the conformance tests under /test; writes a newc cpio.
#   usage: user/mkinitramfs.sh OUT.cpio STAGING BUSYBOX TESTDIR
# TESTDIR holds run-tests, helper and bin/<subsystem> (may be empty).
set -eu
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
out=$(abs "$1") stage=$(abs "$2") busybox=$(abs "$3") testdir=$(abs "$4")
src=$(cd "$(dirname "$0")" && pwd)/rootfs

rm -rf "$stage"
mkdir -p "$stage"
cd "$stage"
mkdir -p bin sbin usr/bin usr/sbin etc proc sys dev tmp run root mnt var/log
chmod 1777 tmp
chmod 700 root

cp "$busybox" bin/busybox
chmod 755 bin/busybox
# The applet links, from the binary itself (paths like /usr/bin/tr).
"$stage/bin/busybox" --list-full | while read -r a; do
	[ "$a" = bin/busybox ] && continue
	mkdir -p "$(dirname "$a")"
	# Relative link to /bin/busybox from the applet's directory.
	case "$a" in
	bin/*) ln -sf busybox "$a" ;;
	sbin/*) ln -sf ../bin/busybox "$a" ;;
	usr/bin/* | usr/sbin/*) ln -sf ../../bin/busybox "$a" ;;
	*) ln -sf /bin/busybox "$a" ;;
	esac
done
[ -e bin/sh ] || ln -s busybox bin/sh
# /init: busybox picks the applet from argv[0]'s base name, "init".
ln -sf sbin/init init

cp -R "$src"/. .
chmod 755 etc/init.d/rcS

# Device nodes for kernels without devtmpfs (needs root; skipped otherwise,
# rcS then makes them on a tmpfs).
for n in "console c 5 1 600" "null c 1 3 666" "zero c 1 5 666" "full c 1 7 666" \
	"random c 1 8 666" "urandom c 1 9 666" "tty c 5 0 666" "ttyS0 c 4 64 660"; do
	set -- $n
	mknod -m "$5" "dev/$1" "$2" "$3" "$4" 2>/dev/null || true
done

if [ -d "$testdir" ]; then
	mkdir -p test
	cp -R "$testdir"/. test/
fi

# Deterministic order; every file owned by root.
find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet > "$out.tmp"
mv "$out.tmp" "$out"
# The staging tree goes: the top-level Makefile includes every *.d under
# $(BUILD), and etc/init.d would be taken for a dependency file.
cd /
rm -rf "$stage"
