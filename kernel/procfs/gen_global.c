/*
 * The system-wide files of /proc and /proc/sys/kernel, in the formats of
 * proc(5): meminfo, uptime, loadavg, stat, mounts, version, filesystems,
 * cpuinfo; hostname, domainname, ostype, osrelease, version, pid_max.
 */
#include <frame/meminfo.h>
#include "time/rtc.h"
#include <frame/time.h>
#include <frame/cpu.h>
#include "procfs/procfs.h"
#include "process/process.h"
#include "syscall/syscall.h"

#define OS_RELEASE "6.1.0-trellis"
#define OS_VERSION "#1 Trellis framekernel"
#define USER_HZ 100u

static uint64_t ticks(uint64_t ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* "Name:" padded to 16 columns, the value right-aligned in 8, " kB" (Linux's show_val_kb). */
#define MEMLINE(pb, name, kb) meminfo_line((pb), BYTES_LIT(name ":"), (kb), true)

static void meminfo_line(struct fmt *pb __noescape, struct bytes name, uint64_t v, bool kb)
{
	fmt_str_left(pb, name, 16);
	fmt_u64_w(pb, v, 8);
	if (kb)
		fmt_lit(pb, " kB");
	fmt_ch(pb, '\n');
}

/* Seconds with two decimals from hundredths: "12.34". */
static void centi(struct fmt *pb __noescape, uint64_t cs)
{
	fmt_u64(pb, cs / 100);
	fmt_ch(pb, '.');
	fmt_num(pb, cs % 100, 10, 2, FMT_ZERO);
}

/* A /proc/stat cpu line: user, nice (0), system, idle, then six zero columns. */
static void cpu_line(struct fmt *pb __noescape, struct bytes name, uint64_t user, uint64_t sys, uint64_t idle)
{
	fmt_str(pb, name);
	fmt_u64(pb, user);
	fmt_lit(pb, " 0 ");
	fmt_u64(pb, sys);
	fmt_ch(pb, ' ');
	fmt_u64(pb, idle);
	fmt_lit(pb, " 0 0 0 0 0 0\n");
}

static int gen_meminfo(struct fmt *pb __noescape)
{
	uint64_t total = mem_total_bytes() / 1024, avail = mem_free_bytes() / 1024;
	uint64_t used = total > avail ? total - avail : 0;
	MEMLINE(pb, "MemTotal", total);
	MEMLINE(pb, "MemFree", avail);
	MEMLINE(pb, "MemAvailable", avail);
	MEMLINE(pb, "Buffers", 0);
	MEMLINE(pb, "Cached", 0);
	MEMLINE(pb, "SwapCached", 0);
	MEMLINE(pb, "Active", used);
	MEMLINE(pb, "Inactive", 0);
	MEMLINE(pb, "Active(anon)", used);
	MEMLINE(pb, "Inactive(anon)", 0);
	MEMLINE(pb, "Active(file)", 0);
	MEMLINE(pb, "Inactive(file)", 0);
	MEMLINE(pb, "Unevictable", 0);
	MEMLINE(pb, "Mlocked", 0);
	MEMLINE(pb, "SwapTotal", 0);
	MEMLINE(pb, "SwapFree", 0);
	MEMLINE(pb, "Dirty", 0);
	MEMLINE(pb, "Writeback", 0);
	MEMLINE(pb, "AnonPages", used);
	MEMLINE(pb, "Mapped", 0);
	MEMLINE(pb, "Shmem", 0);
	MEMLINE(pb, "KReclaimable", 0);
	MEMLINE(pb, "Slab", 0);
	MEMLINE(pb, "SReclaimable", 0);
	MEMLINE(pb, "SUnreclaim", 0);
	MEMLINE(pb, "KernelStack", 0);
	MEMLINE(pb, "PageTables", 0);
	MEMLINE(pb, "NFS_Unstable", 0);
	MEMLINE(pb, "Bounce", 0);
	MEMLINE(pb, "WritebackTmp", 0);
	MEMLINE(pb, "CommitLimit", total);
	MEMLINE(pb, "Committed_AS", used);
	MEMLINE(pb, "VmallocTotal", 0);
	MEMLINE(pb, "VmallocUsed", 0);
	MEMLINE(pb, "VmallocChunk", 0);
	MEMLINE(pb, "Percpu", 0);
	meminfo_line(pb, BYTES_LIT("HugePages_Total:"), 0, false);
	meminfo_line(pb, BYTES_LIT("HugePages_Free:"), 0, false);
	meminfo_line(pb, BYTES_LIT("HugePages_Rsvd:"), 0, false);
	meminfo_line(pb, BYTES_LIT("HugePages_Surp:"), 0, false);
	MEMLINE(pb, "Hugepagesize", 2048);
	MEMLINE(pb, "Hugetlb", 0);
	return 0;
}

/* Seconds since boot with two decimals, and the idle time summed over CPUs. */
static int gen_uptime(struct fmt *pb __noescape)
{
	uint64_t now = clock_ns();
	struct procfs_counts c = procfs_count();
	uint64_t all = now * cpu_count(), busy = c.user_ns + c.sys_ns;
	uint64_t idle = all > busy ? all - busy : 0;
	uint64_t cs = now / (NSEC_PER_SEC / 100), ics = idle / (NSEC_PER_SEC / 100);
	centi(pb, cs);
	fmt_ch(pb, ' ');
	centi(pb, ics);
	fmt_ch(pb, '\n');
	return 0;
}

static int gen_loadavg(struct fmt *pb __noescape)
{
	struct procfs_counts c = procfs_count();
	/* No load tracking yet: the averages are 0; the reader itself is the one running entity. */
	fmt_lit(pb, "0.00 0.00 0.00 ");
	fmt_u64(pb, c.running);
	fmt_ch(pb, '/');
	fmt_u64(pb, c.threads);
	fmt_ch(pb, ' ');
	fmt_i64(pb, c.last_pid);
	fmt_ch(pb, '\n');
	return 0;
}

static int gen_stat(struct fmt *pb __noescape)
{
	struct procfs_counts c = procfs_count();
	unsigned ncpu = cpu_count();
	uint64_t now = clock_ns();
	uint64_t user = ticks(c.user_ns), sys = ticks(c.sys_ns), all = ticks(now) * ncpu;
	uint64_t idle = all > user + sys ? all - user - sys : 0;
	cpu_line(pb, BYTES_LIT("cpu  "), user, sys, idle);
	for (unsigned i = 0; i < ncpu; i++) {
		/* Per-CPU accounting does not exist yet: CPU 0 carries the busy time. */
		uint64_t u = i == 0 ? user : 0, s = i == 0 ? sys : 0, cpu_all = ticks(now);
		uint64_t ci = cpu_all > u + s ? cpu_all - u - s : 0;
		fmt_lit(pb, "cpu");
		fmt_u64(pb, i);
		cpu_line(pb, BYTES_LIT(" "), u, s, ci);
	}
	fmt_lit(pb, "intr 0\nctxt 0\nbtime ");
	fmt_u64(pb, rtc_boot_epoch_seconds());
	fmt_lit(pb, "\nprocesses ");
	fmt_i64(pb, c.last_pid);
	fmt_lit(pb, "\nprocs_running ");
	fmt_u64(pb, c.running);
	fmt_lit(pb, "\nprocs_blocked 0\n");
	fmt_lit(pb, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

static int gen_filesystems(struct fmt *pb __noescape)
{
	for (size_t i = 0;; i++) {
		struct bytes name = vfs_fs_type_name(i);
		if (!bytes_len(name))
			break;
		fmt_str(pb, BYTES_LIT("nodev\t"));
		fmt_str(pb, name);
		fmt_str(pb, BYTES_LIT("\n"));
	}
	return 0;
}

static int gen_cpuinfo(struct fmt *pb __noescape)
{
	unsigned n = cpu_count();
	for (unsigned i = 0; i < n; i++) {
		fmt_lit(pb, "processor\t: ");
		fmt_u64(pb, i);
		fmt_lit(pb, "\nvendor_id\t: unknown\ncpu family\t: 6\nmodel\t\t: 0\n");
		fmt_lit(pb, "model name\t: x86-64 processor\nphysical id\t: 0\nsiblings\t: ");
		fmt_u64(pb, n);
		fmt_lit(pb, "\ncore id\t\t: ");
		fmt_u64(pb, i);
		fmt_lit(pb, "\ncpu cores\t: ");
		fmt_u64(pb, n);
		fmt_lit(pb, "\napicid\t\t: ");
		fmt_u64(pb, i);
		fmt_lit(
		    pb,
		    "\nfpu\t\t: yes\nflags\t\t: fpu tsc msr pae cx8 apic sep pge cmov pat clflush mmx fxsr sse sse2 "
		    "syscall nx lm\n\n");
	}
	return 0;
}

int procfs_gen_global(unsigned id, struct fmt *pb __noescape)
{
	switch (id) {
	case PG_MEMINFO:
		return gen_meminfo(pb);
	case PG_UPTIME:
		return gen_uptime(pb);
	case PG_LOADAVG:
		return gen_loadavg(pb);
	case PG_MOUNTS:
		return procfs_gen_pid(0, PP_MOUNTS, pb); /* pid 0: the caller's view */
	case PG_STAT:
		return gen_stat(pb);
	case PG_VERSION:
		fmt_lit(pb, "Linux version " OS_RELEASE " (trellis@trellis) (clang 19) " OS_VERSION "\n");
		return 0;
	case PG_FILESYSTEMS:
		return gen_filesystems(pb);
	case PG_CPUINFO:
		return gen_cpuinfo(pb);
	default:
		return -EINVAL;
	}
}

int procfs_gen_sys(unsigned id, struct fmt *pb __noescape)
{
	switch (id) {
	case PS_HOSTNAME:
	case PS_DOMAINNAME: {
		struct bytes tmp = bytes_alloc(80);
		if (!bytes_len(tmp))
			return -ENOMEM;
		size_t n = uts_copy_name(tmp, id == PS_HOSTNAME);
		fmt_str(pb, bytes_sub(tmp, 0, n));
		fmt_str(pb, BYTES_LIT("\n"));
		bytes_free(tmp);
		return 0;
	}
	case PS_OSTYPE:
		fmt_str(pb, BYTES_LIT("Linux\n"));
		return 0;
	case PS_OSRELEASE:
		fmt_str(pb, BYTES_LIT(OS_RELEASE "\n"));
		return 0;
	case PS_VERSION:
		fmt_str(pb, BYTES_LIT(OS_VERSION "\n"));
		return 0;
	case PS_PID_MAX:
		fmt_i64(pb, PID_MAX);
		fmt_ch(pb, '\n');
		return 0;
	default:
		return -EINVAL;
	}
}
