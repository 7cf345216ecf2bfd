#!/usr/bin/env python3
"""Boots the benchmark initramfs on Trellis and on Debian's Linux in identical
QEMU settings, and turns the BENCH lines into a table, JSON and a chart.

  run.py bench  --out DIR --trellis ELF --linux VMLINUZ --initrd CPIO [--mode icount|wall]
  run.py mem    --out DIR --trellis ELF --linux VMLINUZ --initrd CPIO [--mode ...]
  run.py report --out DIR

`bench` writes DIR/runs-MODE.json (every boot, parsed), `mem` writes
DIR/mem.json (smallest -m that reaches /init), `report` combines the newest
of them into DIR/results.json, DIR/table.md and DIR/ratios.png.
Only the Python standard library and gnuplot are used.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

QEMU_COMMON = ["-M", "q35", "-accel", "tcg", "-cpu", "max", "-smp", "1", "-no-reboot",
               "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
ICOUNT = ["-icount", "shift=0,sleep=off"]
LINUX_APPEND = "console=ttyS0 quiet rdinit=/init panic=-1"
KERNELS = [
    # id, label, which image, command line
    ("trellis", "Trellis", "trellis", "console=ttyS0 rdinit=/init"),
    ("linux-mitoff", "Linux (mitigations=off)", "linux", LINUX_APPEND + " mitigations=off"),
    ("linux", "Linux (default)", "linux", LINUX_APPEND),
]
MEM_SIZES = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 80, 96, 128, 192, 256, 384, 512]  # MiB, ascending


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def qemu_cmd(args, image, append, initrd, mem, logfile):
    cmd = [args.qemu] + QEMU_COMMON + ["-m", mem, "-serial", "file:" + logfile]
    if args.mode == "icount":
        cmd += ICOUNT
    return cmd + ["-kernel", image, "-initrd", initrd, "-append", append]


def boot(cmd, logfile, timeout):
    """Runs QEMU; returns the serial log and host wall times (s) to BENCH-START and to the end."""
    if os.path.exists(logfile):
        os.remove(logfile)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    t_init = None
    timed_out = False
    while True:
        rc = p.poll()
        now = time.monotonic()
        if t_init is None:
            try:
                with open(logfile, "rb") as f:
                    if b"BENCH-START" in f.read():
                        t_init = now - t0
            except FileNotFoundError:
                pass
        if rc is not None:
            break
        if now - t0 > timeout:
            timed_out = True
            p.kill()
            p.wait()
            break
        time.sleep(0.005 if t_init is None else 0.1)
    total = time.monotonic() - t0
    err = p.stderr.read().decode(errors="replace")
    try:
        with open(logfile, "rb") as f:
            text = f.read().decode(errors="replace")
    except FileNotFoundError:
        text = ""
    return {"wall_to_init_s": t_init, "wall_total_s": total, "qemu_exit": p.returncode,
            "timed_out": timed_out, "qemu_stderr": err.strip()[-2000:], "log": text}


LINE = re.compile(r"^(BENCH-FAIL|BENCH-ERR|BENCH-START|BENCH-DONE|BENCH|BOOT|INFO)(?:\s+(.*))?$")


def parse(text):
    res = {"bench": {}, "fails": {}, "errors": [], "boot": {}, "info": [], "uname": None,
           "done": False}
    for raw in text.replace("\r", "").split("\n"):
        m = LINE.match(raw.strip())
        if not m:
            continue
        kind, rest = m.group(1), m.group(2) or ""
        f = rest.split()
        if kind == "BENCH" and len(f) >= 3:
            e = {"value": float(f[1]), "unit": f[2]}
            for kv in f[3:]:
                if "=" in kv:
                    k, v = kv.split("=", 1)
                    e[k] = float(v)
            res["bench"][f[0]] = e
        elif kind == "BENCH-FAIL" and f:
            res["fails"][f[0]] = " ".join(f[1:])
        elif kind == "BENCH-ERR":
            res["errors"].append(rest)
        elif kind == "BOOT" and len(f) == 2:
            res["boot"][f[0]] = float(f[1])
        elif kind == "INFO":
            res["info"].append(rest)
        elif kind == "BENCH-START":
            res["uname"] = rest
        elif kind == "BENCH-DONE":
            res["done"] = True
    return res


def images(args):
    return {"trellis": os.path.abspath(args.trellis), "linux": os.path.abspath(args.linux)}


def cmd_bench(args):
    os.makedirs(args.out, exist_ok=True)
    imgs = images(args)
    boots = args.boots or (1 if args.mode == "icount" else 5)
    jobs = args.jobs or (2 if args.mode == "icount" else 1)
    if args.mode == "wall":
        jobs = 1  # host noise: one QEMU at a time, kernels alternated
    order = [(i, k) for i in range(boots) for k in KERNELS]  # A B C A B C ...
    initrd = os.path.abspath(args.initrd)

    def one(item):
        i, (kid, label, img, append) = item
        logfile = os.path.join(os.path.abspath(args.out), "%s-%s-%d.log" % (args.mode, kid, i))
        cmd = qemu_cmd(args, imgs[img], append, initrd, args.mem, logfile)
        if args.reuse and os.path.exists(logfile):  # development: parse an earlier boot's log again
            with open(logfile, "rb") as f:
                r = {"wall_to_init_s": None, "wall_total_s": 0.0, "qemu_exit": None, "timed_out": False,
                     "qemu_stderr": "", "log": f.read().decode(errors="replace")}
        else:
            log("bench: boot %d/%d %s ..." % (i + 1, boots, label))
            r = boot(cmd, logfile, args.timeout)
        p = parse(r.pop("log"))
        r.update(p)
        r.update({"kernel": kid, "boot_index": i, "cmd": cmd})
        bad = "" if p["done"] else " (no BENCH-DONE: %s)" % (
            "timeout" if r["timed_out"] else "qemu exit %s" % r["qemu_exit"])
        log("bench: %s boot %d: %d results, %d failed, %.0f s%s" % (
            label, i + 1, len(p["bench"]), len(p["fails"]), r["wall_total_s"], bad))
        return r

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        runs = list(ex.map(one, order))
    data = {"mode": args.mode, "boots": boots, "jobs": jobs, "mem": args.mem,
            "qemu": subprocess.run([args.qemu, "--version"], capture_output=True,
                                   text=True).stdout.split("\n")[0],
            "qemu_args": QEMU_COMMON + (ICOUNT if args.mode == "icount" else []),
            "kernels": [{"id": k, "label": l, "image": imgs[i], "append": a}
                        for k, l, i, a in KERNELS],
            "elapsed_s": time.monotonic() - t0, "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "runs": runs}
    path = os.path.join(args.out, "runs-%s.json" % args.mode)
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
    log("bench: wrote %s (%.0f s)" % (path, data["elapsed_s"]))


def cmd_mem(args):
    """Smallest -m from MEM_SIZES with which each kernel reaches /init (binary search)."""
    os.makedirs(args.out, exist_ok=True)
    imgs = images(args)
    initrd = os.path.abspath(args.initrd)
    result = {"mode": args.mode, "sizes_mib": MEM_SIZES, "kernels": {}}
    for kid, label, img, append in KERNELS:
        if kid == "linux-mitoff":
            continue  # the same image and footprint as "linux"
        tried = {}

        def ok(mib):
            logfile = os.path.join(os.path.abspath(args.out), "mem-%s-%dM.log" % (kid, mib))
            r = boot(qemu_cmd(args, imgs[img], append, initrd, "%dM" % mib, logfile), logfile,
                     args.timeout)
            good = parse(r["log"])["done"]
            tried[mib] = good
            log("mem: %s -m %dM: %s (%.1f s)" % (label, mib, "reaches /init" if good else "fails",
                                                 r["wall_total_s"]))
            return good

        lo, hi = 0, len(MEM_SIZES) - 1  # invariant: answer in [lo, hi] if any
        if not ok(MEM_SIZES[hi]):
            result["kernels"][kid] = {"label": label, "min_mib": None, "tried": tried}
            continue
        while lo < hi:
            mid = (lo + hi) // 2
            if ok(MEM_SIZES[mid]):
                hi = mid
            else:
                lo = mid + 1
        result["kernels"][kid] = {"label": label, "min_mib": MEM_SIZES[lo],
                                  "next_smaller_failed_mib": MEM_SIZES[lo - 1] if lo else None,
                                  "tried": {str(k): v for k, v in sorted(tried.items())}}
    with open(os.path.join(args.out, "mem.json"), "w") as f:
        json.dump(result, f, indent=1)


# ---- report ----------------------------------------------------------------

def fmt(v, unit):
    if v is None:
        return "n/a"
    if unit == "MB/s":
        return "%.0f" % v if v >= 100 else "%.1f" % v
    return "%.0f" % v if v >= 100 else "%.1f" % v


def aggregate(data):
    """Per kernel and benchmark: median over boots, with min/max (over boots, or over rounds)."""
    out = {}
    for kid, _, _, _ in KERNELS:
        runs = [r for r in data["runs"] if r["kernel"] == kid]
        names = []
        for r in runs:
            names += [n for n in list(r["bench"]) + list(r["fails"]) if n not in names]
        agg = {}
        for n in names:
            vals = [r["bench"][n]["value"] for r in runs if n in r["bench"]]
            unit = next((r["bench"][n]["unit"] for r in runs if n in r["bench"]), None)
            fails = [r["fails"][n] for r in runs if n in r["fails"]]
            if not vals:
                agg[n] = {"value": None, "failed": fails[0] if fails else "no result"}
                continue
            e = {"value": statistics.median(vals), "unit": unit, "boots": len(vals),
                 "values": vals}
            if len(vals) > 1:
                e["min"], e["max"] = min(vals), max(vals)
                e["spread_pct"] = 100.0 * (max(vals) - min(vals)) / statistics.median(vals)
            else:
                b = next(r["bench"][n] for r in runs if n in r["bench"])
                e["min"], e["max"] = b.get("min"), b.get("max")
            if fails:
                e["failed_in_some_boots"] = fails
            agg[n] = e
        boot = {}
        for key in ("tsc_ns_at_init", "tsc_at_init", "monotonic_at_init", "tsc_ghz"):
            vals = [r["boot"][key] for r in runs if key in r["boot"]]
            if vals:
                boot[key] = statistics.median(vals)
        walls = [r["wall_to_init_s"] for r in runs if r["wall_to_init_s"] is not None]
        if walls:
            boot["wall_to_init_s"] = statistics.median(walls)
            boot["wall_to_init_s_all"] = walls
        info = next((r["info"] for r in runs if r["info"]), [])
        uname = next((r["uname"] for r in runs if r["uname"]), None)
        incomplete = [r["boot_index"] for r in runs if not r["done"]]
        out[kid] = {"bench": agg, "boot": boot, "info": info, "uname": uname,
                    "incomplete_boots": incomplete}
    return out


def cmd_report(args):
    mode = args.mode
    if not mode:  # the newest runs file
        cands = [m for m in ("icount", "wall")
                 if os.path.exists(os.path.join(args.out, "runs-%s.json" % m))]
        if not cands:
            memf = os.path.join(args.out, "mem.json")
            if os.path.exists(memf):  # `make bench-mem` alone
                with open(memf) as f:
                    for kid, k in json.load(f)["kernels"].items():
                        print("%s: smallest -m reaching /init: %s MiB" % (k["label"], k["min_mib"]))
                return
            sys.exit("report: no runs-*.json in %s: run `make bench` first" % args.out)
        mode = max(cands, key=lambda m: os.path.getmtime(os.path.join(args.out, "runs-%s.json" % m)))
    with open(os.path.join(args.out, "runs-%s.json" % mode)) as f:
        data = json.load(f)
    mem = None
    if os.path.exists(os.path.join(args.out, "mem.json")):
        with open(os.path.join(args.out, "mem.json")) as f:
            mem = json.load(f)
    agg = aggregate(data)
    T, LO, LD = agg["trellis"], agg["linux-mitoff"], agg["linux"]
    order = []
    for k in (T, LO, LD):
        order += [n for n in k["bench"] if n not in order]

    def cell(k, n):
        e = k["bench"].get(n)
        if not e:
            return "n/a", None
        if e["value"] is None:
            return "FAILED", None
        s = fmt(e["value"], e["unit"])
        if data["boots"] > 1 and "spread_pct" in e:
            s += " ±%.0f%%" % (e["spread_pct"] / 2)
        return s, e["value"]

    rows = []
    for n in order:
        unit = next((k["bench"][n]["unit"] for k in (T, LO, LD)
                     if n in k["bench"] and k["bench"][n].get("unit")), "ns")
        ct, vt = cell(T, n)
        co, vo = cell(LO, n)
        cd, vd = cell(LD, n)
        r_off = vt / vo if vt and vo else None
        r_def = vt / vd if vt and vd else None
        bw = unit == "MB/s"
        slower = r_off is not None and ((r_off < 1.0) if bw else (r_off > 1.0))
        if vt is None and n in T["bench"]:
            flag = "FAILS on Trellis"
        else:
            flag = "slower" if slower else ""
        rows.append({"name": n, "unit": "ns/op" if unit == "ns" else unit, "trellis": vt,
                     "linux_mitoff": vo, "linux_default": vd, "ratio_mitoff": r_off,
                     "ratio_default": r_def, "trellis_slower": slower, "flag": flag,
                     "cells": [ct, co, cd]})

    lines = []
    lines.append("Mode: %s (%s); %d boot(s) per kernel; QEMU: %s %s -m %s" % (
        mode, "guest ns = instructions" if mode == "icount" else "wall-clock TCG, medians",
        data["boots"], data["qemu"], " ".join(data["qemu_args"]), data["mem"]))
    lines.append("")
    lines.append("| benchmark | unit | Trellis | Linux (mitigations=off) | Linux (default) "
                 "| Trellis/Linux(off) | Trellis/Linux(default) | flag |")
    lines.append("|---|---|--:|--:|--:|--:|--:|---|")
    for r in rows:
        ro = "%.2f" % r["ratio_mitoff"] if r["ratio_mitoff"] is not None else "n/a"
        rd = "%.2f" % r["ratio_default"] if r["ratio_default"] is not None else "n/a"
        flag = ("**%s**" % r["flag"]) if r["flag"] else ""
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["name"], r["unit"], r["cells"][0], r["cells"][1], r["cells"][2], ro, rd, flag))
    lines.append("")
    lines.append("Ratios are Trellis/Linux of the reported value: for ns/op above 1.0 means "
                 "Trellis is slower, for MB/s below 1.0 means Trellis is slower (flagged).")
    fails = {n: e["failed"] for n, e in T["bench"].items() if e["value"] is None}
    for kid, k in agg.items():
        for n, e in k["bench"].items():
            if e["value"] is None:
                lines.append("- %s: %s FAILED: %s" % (kid, n, e["failed"]))
        if k["incomplete_boots"]:
            lines.append("- %s: boots %s did not reach BENCH-DONE" % (kid, k["incomplete_boots"]))
    lines.append("")
    lines.append("Boot: from QEMU start (machine reset, firmware included) to the first "
                 "instruction of /init's main()")
    lines.append("")
    lines.append("| kernel | guest TSC at /init (%s) | CLOCK_MONOTONIC at /init | host wall to /init "
                 "| smallest -m reaching /init |" % (
                     "instructions, = virtual ns" if mode == "icount" else "ns"))
    lines.append("|---|--:|--:|--:|--:|")
    for kid, label, _, _ in KERNELS:
        b = agg[kid]["boot"]
        memcell = "n/a (make bench-mem)"
        if mem:
            mk = mem["kernels"].get(kid) or (mem["kernels"].get("linux") if kid.startswith("linux") else None)
            if mk:
                memcell = ("%d MiB" % mk["min_mib"]) if mk["min_mib"] else "none of the sizes"
                if mk.get("next_smaller_failed_mib"):
                    memcell += " (%d MiB fails)" % mk["next_smaller_failed_mib"]
        tsc = ("%.1f M" % (b["tsc_ns_at_init"] / 1e6)) if "tsc_ns_at_init" in b else "n/a"
        mono = ("%.1f ms" % (b["monotonic_at_init"] / 1e6)) if "monotonic_at_init" in b else "n/a"
        wall = ("%.2f s" % b["wall_to_init_s"]) if "wall_to_init_s" in b else "n/a"
        if mode == "icount" and tsc != "n/a":
            tsc = tsc.replace(" M", " M instr")
        elif tsc != "n/a":
            tsc = "%.1f ms" % (b["tsc_ns_at_init"] / 1e6)
        lines.append("| %s | %s | %s | %s | %s |" % (label, tsc, mono, wall, memcell))
    if mode == "icount" and data.get("jobs", 1) > 1:
        lines.append("")
        lines.append("(host wall times under icount, %d QEMUs at once: indicative only)" % data["jobs"])
    for kid in ("linux-mitoff", "linux"):
        if agg[kid]["info"]:
            lines.append("")
            lines.append("%s reports: %s" % (kid, "; ".join(i.replace("vuln ", "") for i in agg[kid]["info"])))
    table = "\n".join(lines)

    results = {"mode": mode, "date": data["date"], "qemu": data["qemu"],
               "qemu_args": data["qemu_args"], "mem": data["mem"], "boots": data["boots"],
               "kernels": data["kernels"], "table": rows, "per_kernel": agg, "memory": mem}
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        f.write(table + "\n")
    print(table)
    chart(args.out, rows, mode)


def chart(out, rows, mode):
    """Bars: how many times Trellis's cost is Linux's (bandwidth rows inverted), log scale."""
    dat = os.path.join(out, "ratios.dat")
    with open(dat, "w") as f:
        f.write("# name  slowdown-vs-mitoff  slowdown-vs-default  (>1: Trellis slower)\n")
        for r in rows:
            def slow(x):
                if x is None:
                    return "NaN"
                return "%.4f" % ((1.0 / x) if r["unit"] == "MB/s" else x)
            label = r["name"] + (" (bw)" if r["unit"] == "MB/s" else "")
            f.write('"%s" %s %s\n' % (label, slow(r["ratio_mitoff"]), slow(r["ratio_default"])))
    if not shutil.which("gnuplot"):
        log("report: gnuplot not found, no chart (apt-get install gnuplot-nox)")
        return
    png = os.path.join(out, "ratios.png")
    top = max([1.0] + [(1.0 / x if r["unit"] == "MB/s" else x) for r in rows
                       for x in (r["ratio_mitoff"], r["ratio_default"]) if x])
    ymax = 2.0 ** __import__("math").ceil(__import__("math").log2(top * 1.25))
    bottom = min([1.0] + [(1.0 / x if r["unit"] == "MB/s" else x) for r in rows
                          for x in (r["ratio_mitoff"], r["ratio_default"]) if x])
    ymin = 2.0 ** __import__("math").floor(__import__("math").log2(bottom * 0.8))
    gp = os.path.join(out, "ratios.gp")
    with open(gp, "w") as f:
        f.write("""set terminal pngcairo noenhanced size 1100,600 font ",9"
set output '%s'
set title "Trellis cost / Linux cost (%s mode; >1 = Trellis slower; bandwidth rows inverted)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y 2
set yrange [%s:%s]
set ytics (0.015625, 0.03125, 0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128)
set grid ytics
set xtics rotate by -40 left nomirror
set key outside top center horizontal
set ylabel "Trellis / Linux (log scale)"
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb "black"
set bmargin 7
set rmargin 6
plot '%s' using 2:xtic(1) title "vs Linux (mitigations=off)" lc rgb "#d95f02", \\
     '' using 3 title "vs Linux (default)" lc rgb "#7570b3"
""" % (png, mode, ymin, ymax, dat))
    r = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
    if r.returncode:
        log("report: gnuplot failed: " + r.stderr)
    else:
        log("report: wrote %s" % png)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["bench", "mem", "report"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--trellis")
    ap.add_argument("--linux")
    ap.add_argument("--initrd")
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--mode", choices=["icount", "wall"])
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--boots", type=int, default=0, help="boots per kernel (icount 1, wall 5)")
    ap.add_argument("--jobs", type=int, default=0, help="QEMUs at once (icount only; default 2)")
    ap.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--timeout", type=int, default=900, help="seconds per boot")
    args = ap.parse_args()
    if args.what == "report":
        cmd_report(args)
        return
    args.mode = args.mode or "icount"
    for a in ("trellis", "linux", "initrd"):
        if not getattr(args, a):
            ap.error("--%s is needed" % a)
    if args.what == "bench":
        cmd_bench(args)
    else:
        cmd_mem(args)


if __name__ == "__main__":
    main()
