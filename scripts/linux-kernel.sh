#!/bin/sh
# Obtains Debian's cloud kernel (linux-image-cloud-amd64) without installing it:
# the metapackage's dependency is downloaded with apt-get and unpacked under
# DIR (default build/linux). Prints the path of the vmlinuz on stdout.
# Cached: a second run only prints the path.
#   usage: scripts/linux-kernel.sh [DIR]
set -eu
dir=${1:-build/linux}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

found() { ls "$dir"/root/boot/vmlinuz-* 2>/dev/null | head -n 1; }

k=$(found || true)
if [ -n "$k" ]; then
	echo "$k"
	exit 0
fi

# Which versioned image the metapackage points at (e.g. linux-image-6.1.0-56-cloud-amd64).
pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
	awk '/Depends: linux-image-[0-9].*-cloud-amd64/ { print $2; exit }')
if [ -z "$pkg" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get update -qq >&2
		pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
			awk '/Depends: linux-image-[0-9].*-cloud-amd64/ { print $2; exit }')
	fi
fi
[ -n "$pkg" ] || { echo "linux-kernel.sh: cannot resolve linux-image-cloud-amd64 (apt-get update?)" >&2; exit 1; }

# apt-get download writes into the current directory; it runs as the "_apt"
# sandbox user when it can, which needs a directory that user may write.
deb=$(ls "$dir/${pkg}"_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
	(cd "$dir" && rm -f linux-image-*.deb && chmod 777 . && apt-get download -q "$pkg" >&2)
	deb=$(ls "$dir/${pkg}"_*.deb | head -n 1)
fi
# Only boot/ (the kernel image): the rest of the package (modules, and
# "*.d" directories the top-level Makefile would take for dependency files)
# is not needed.
rm -rf "$dir/root"
mkdir -p "$dir/root"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/root" ./boot
k=$(found)
[ -n "$k" ] || { echo "linux-kernel.sh: no boot/vmlinuz-* in $deb" >&2; exit 1; }
echo "$k"
