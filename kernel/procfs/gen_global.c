/*
 * The system-wide files of /proc and /proc/sys/kernel, in the formats of
 * proc(5): meminfo, uptime, loadavg, stat, mounts, version, filesystems,
 * cpuinfo; hostname, domainname, ostype, osrelease, version, pid_max.
 */
#include <frame/sysinfo.h>
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
#define MEMLINE(pb, name, kb) PB_FMT((pb), "%-16s%8lu kB\n", name ":", (unsigned long)(kb))

static int gen_meminfo(struct pbuf *pb __noescape)
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
	PB_FMT(pb, "%-16s%8u\n", "HugePages_Total:", 0u);
	PB_FMT(pb, "%-16s%8u\n", "HugePages_Free:", 0u);
	PB_FMT(pb, "%-16s%8u\n", "HugePages_Rsvd:", 0u);
	PB_FMT(pb, "%-16s%8u\n", "HugePages_Surp:", 0u);
	MEMLINE(pb, "Hugepagesize", 2048);
	MEMLINE(pb, "Hugetlb", 0);
	return 0;
}

/* Seconds since boot with two decimals, and the idle time summed over CPUs. */
static int gen_uptime(struct pbuf *pb __noescape)
{
	uint64_t now = clock_ns();
	struct procfs_counts c = procfs_count();
	uint64_t all = now * cpu_count(), busy = c.user_ns + c.sys_ns;
	uint64_t idle = all > busy ? all - busy : 0;
	uint64_t cs = now / (NSEC_PER_SEC / 100), ics = idle / (NSEC_PER_SEC / 100);
	PB_FMT(pb, "%lu.%02lu %lu.%02lu\n", cs / 100, cs % 100, ics / 100, ics % 100);
	return 0;
}

static int gen_loadavg(struct pbuf *pb __noescape)
{
	struct procfs_counts c = procfs_count();
	/* No load tracking yet: the averages are 0; the reader itself is the one running entity. */
	PB_FMT(pb, "0.00 0.00 0.00 %u/%u %d\n", c.running, c.threads, c.last_pid);
	return 0;
}

static int gen_stat(struct pbuf *pb __noescape)
{
	struct procfs_counts c = procfs_count();
	unsigned ncpu = cpu_count();
	uint64_t now = clock_ns();
	uint64_t user = ticks(c.user_ns), sys = ticks(c.sys_ns), all = ticks(now) * ncpu;
	uint64_t idle = all > user + sys ? all - user - sys : 0;
	PB_FMT(pb, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", user, sys, idle);
	for (unsigned i = 0; i < ncpu; i++) {
		/* Per-CPU accounting does not exist yet: CPU 0 carries the busy time. */
		uint64_t u = i == 0 ? user : 0, s = i == 0 ? sys : 0, cpu_all = ticks(now);
		uint64_t ci = cpu_all > u + s ? cpu_all - u - s : 0;
		PB_FMT(pb, "cpu%u %lu 0 %lu %lu 0 0 0 0 0 0\n", i, u, s, ci);
	}
	PB_FMT(pb, "intr 0\nctxt 0\nbtime %lu\nprocesses %d\nprocs_running %u\nprocs_blocked 0\n",
	       rtc_boot_epoch_seconds(), c.last_pid, c.running);
	PB_FMT(pb, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

static int gen_filesystems(struct pbuf *pb __noescape)
{
	for (size_t i = 0;; i++) {
		struct bytes name = vfs_fs_type_name(i);
		if (!bytes_len(name))
			break;
		pb_put(pb, BYTES_LIT("nodev\t"));
		pb_put(pb, name);
		pb_put(pb, BYTES_LIT("\n"));
	}
	return 0;
}

static int gen_cpuinfo(struct pbuf *pb __noescape)
{
	unsigned n = cpu_count();
	for (unsigned i = 0; i < n; i++) {
		PB_FMT(pb, "processor\t: %u\nvendor_id\t: unknown\ncpu family\t: 6\nmodel\t\t: 0\n", i);
		PB_FMT(pb, "model name\t: x86-64 processor\nphysical id\t: 0\nsiblings\t: %u\n", n);
		PB_FMT(pb, "core id\t\t: %u\ncpu cores\t: %u\napicid\t\t: %u\n", i, n, i);
		PB_FMT(pb,
		       "fpu\t\t: yes\nflags\t\t: fpu tsc msr pae cx8 apic sep pge cmov pat clflush mmx fxsr sse sse2 "
		       "syscall nx lm\n\n");
	}
	return 0;
}

int procfs_gen_global(unsigned id, struct pbuf *pb __noescape)
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
		PB_FMT(pb, "Linux version %s (trellis@trellis) (clang 19) %s\n", OS_RELEASE, OS_VERSION);
		return 0;
	case PG_FILESYSTEMS:
		return gen_filesystems(pb);
	case PG_CPUINFO:
		return gen_cpuinfo(pb);
	default:
		return -EINVAL;
	}
}

int procfs_gen_sys(unsigned id, struct pbuf *pb __noescape)
{
	switch (id) {
	case PS_HOSTNAME:
	case PS_DOMAINNAME: {
		struct bytes tmp = bytes_alloc(80);
		if (!bytes_len(tmp))
			return -ENOMEM;
		size_t n = uts_copy_name(tmp, id == PS_HOSTNAME);
		pb_put(pb, bytes_sub(tmp, 0, n));
		pb_put(pb, BYTES_LIT("\n"));
		bytes_free(tmp);
		return 0;
	}
	case PS_OSTYPE:
		pb_put(pb, BYTES_LIT("Linux\n"));
		return 0;
	case PS_OSRELEASE:
		pb_put(pb, BYTES_LIT(OS_RELEASE "\n"));
		return 0;
	case PS_VERSION:
		pb_put(pb, BYTES_LIT(OS_VERSION "\n"));
		return 0;
	case PS_PID_MAX:
		PB_FMT(pb, "%d\n", PID_MAX);
		return 0;
	default:
		return -EINVAL;
	}
}
