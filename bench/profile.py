#!/usr/bin/env python3
"""Where a benchmark's kernel instructions go, per kernel function (Trellis).

  profile.py --kernel build/trellis.elf --bench build/bench/trellis-bench \
             --helper build/bench/bench-helper --out DIR NAME N

Boots Trellis twice under -icount with QEMU's execution log restricted to
kernel addresses (-d in_asm,exec,nochain -dfilter), once running benchmark
NAME with N operations per round and once with 2N; the difference of the two
per-function instruction counts, divided by the difference in operations,
is the kernel's instruction cost per operation, by function. (Boot and the
benchmark's set-up cancel out.) The instructions of a translation block are
all charged to the function holding the block's first instruction.
Slow (the log is large): for short runs of one benchmark at a time.
"""
import argparse
import bisect
import collections
import os
import re
import shutil
import subprocess
import sys

KERNEL_RANGE = "0xffffffff80000000..0xffffffffffffffff"


def symbols(elf):
    out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tTwW":
            addrs.append(int(f[0], 16))
            names.append(f[2])
    return addrs, names


def run(args, n, tag):
    root = os.path.join(args.out, "root-" + tag)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    shutil.copy(args.bench, os.path.join(root, "init"))
    shutil.copy(args.helper, os.path.join(root, "bench-helper"))
    with open(os.path.join(root, "bench-only"), "w") as f:
        f.write("%s %d\n" % (args.name, n))
    cpio = os.path.join(args.out, "profile-%s.cpio" % tag)
    files = subprocess.run("cd %s && find . | LC_ALL=C sort" % root, shell=True, capture_output=True,
                           text=True).stdout
    with open(cpio, "wb") as f:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=root, input=files.encode(), stdout=f,
                       check=True)
    trace = os.path.join(args.out, "trace-%s.log" % tag)
    serial = os.path.join(args.out, "serial-%s.log" % tag)
    cmd = [args.qemu, "-M", "q35", "-accel", "tcg", "-cpu", "max", "-m", "512M", "-smp", "1", "-no-reboot",
           "-display", "none", "-serial", "file:" + serial, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-icount", "shift=0,sleep=off", "-d", "in_asm,exec,nochain", "-dfilter", KERNEL_RANGE, "-D", trace,
           "-kernel", args.kernel, "-initrd", cpio, "-append", "console=ttyS0 rdinit=/init"]
    subprocess.run(cmd, stdin=subprocess.DEVNULL, timeout=1800)
    with open(serial, errors="replace") as f:
        res = [l.strip() for l in f if l.startswith("BENCH ") or l.startswith("BENCH-FAIL")]
    return count(trace), res


def count(trace):
    """Instructions executed per translation-block start address."""
    tb_len = {}
    execs = collections.Counter()
    cur, cur_n = None, 0
    insn = re.compile(r"^0x([0-9a-f]+):")
    exe = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
    with open(trace, errors="replace") as f:
        for line in f:
            if line.startswith("Trace"):
                m = exe.match(line)
                if m:
                    execs[int(m.group(1), 16)] += 1
                continue
            if line.startswith("IN:"):
                if cur is not None:
                    tb_len[cur] = cur_n
                cur, cur_n = None, 0
                continue
            m = insn.match(line)
            if m:
                if cur is None:
                    cur = int(m.group(1), 16)
                cur_n += 1
            elif cur is not None and not line.strip():
                tb_len[cur] = cur_n
                cur, cur_n = None, 0
    if cur is not None:
        tb_len[cur] = cur_n
    return {pc: c * tb_len.get(pc, 1) for pc, c in execs.items()}


def per_function(counts, syms):
    addrs, names = syms
    out = collections.Counter()
    for pc, c in counts.items():
        i = bisect.bisect_right(addrs, pc) - 1
        out[names[i] if i >= 0 else hex(pc)] += c
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--helper", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("name")
    ap.add_argument("n", type=int)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    syms = symbols(args.kernel)
    a, ra = run(args, args.n, "a")
    b, rb = run(args, 2 * args.n, "b")
    fa, fb = per_function(a, syms), per_function(b, syms)
    # operations per boot: a warm-up of n/4, then 5 rounds of n
    ops = (2 * args.n // 4 + 5 * 2 * args.n) - (args.n // 4 + 5 * args.n)
    diff = {k: (fb[k] - fa[k]) / ops for k in set(fa) | set(fb)}
    total = sum(diff.values())
    print("%s: %s | %s" % (args.name, "; ".join(ra), "; ".join(rb)))
    print("kernel instructions per operation: %.0f (by function, top %d)" % (total, args.top))
    for k, v in sorted(diff.items(), key=lambda kv: -kv[1])[:args.top]:
        print("  %8.1f  %5.1f%%  %s" % (v, 100.0 * v / total if total else 0, k))
    for tag in ("a", "b"):
        os.remove(os.path.join(args.out, "trace-%s.log" % tag))


if __name__ == "__main__":
    sys.exit(main())
