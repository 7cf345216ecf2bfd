#!/bin/sh
# Installs the Debian 12 packages Trellis needs, when they are missing.
# Runs as root on CI and on a bare machine (apt-get); does nothing when all are present.
set -eu
PKGS="clang-19 lld-19 llvm-19 libclang-19-dev clang-format-19 qemu-system-x86 busybox-static musl-tools cpio expect gnuplot-nox python3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "need root to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
