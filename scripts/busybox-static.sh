#!/bin/sh
# Obtains Debian's busybox-static binary from its .deb (apt-get download +
# dpkg-deb -x, not installed, not rebuilt) into DIR (default build/busybox)
# and copies it to OUT (default DIR/busybox). Cached: the .deb is fetched once.
#   usage: scripts/busybox-static.sh [DIR [OUT]]
set -eu
dir=${1:-build/busybox}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
out=${2:-$dir/busybox}

if [ ! -x "$dir/root/bin/busybox" ]; then
	deb=$(ls "$dir"/busybox-static_*.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		(cd "$dir" && chmod 777 . && apt-get download -q busybox-static >&2) || {
			if [ "$(id -u)" -eq 0 ]; then
				apt-get update -qq >&2
				(cd "$dir" && apt-get download -q busybox-static >&2)
			else
				exit 1
			fi
		}
		deb=$(ls "$dir"/busybox-static_*.deb | head -n 1)
	fi
	# Only the binary (a whole unpacked tree would carry "*.d" directories,
	# which the top-level Makefile would take for dependency files).
	rm -rf "$dir/root"
	mkdir -p "$dir/root"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/root" ./bin/busybox
fi
[ -x "$dir/root/bin/busybox" ] || { echo "busybox-static.sh: no bin/busybox in the package" >&2; exit 1; }
if [ "$out" != "$dir/root/bin/busybox" ]; then
	cp "$dir/root/bin/busybox" "$out.tmp"
	mv "$out.tmp" "$out"
fi
