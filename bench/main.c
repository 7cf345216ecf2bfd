/*
 * trellis-bench: runs as /init of the benchmark initramfs (or as an ordinary
 * program). Prints
 *   BENCH-START <kernel>            first line, as early as possible
 *   BOOT <key> <value>              where the clocks stood when /init began
 *   BENCH <name> <value> <unit>     one per benchmark (median of ROUNDS)
 *   BENCH-FAIL <name> <why>         a benchmark that crashed, hung or erred
 *   BENCH-DONE
 * and powers the machine off when it is pid 1.
 *
 * Each benchmark runs in a child process of its own, under an alarm, so a
 * crash or a hang is reported for that benchmark and the rest still run.
 * If the file /bootonly exists, only the BOOT lines are printed (make bench-mem).
 * If /bench-only exists, it holds "name [n]": only that benchmark runs, with n
 * operations per round (bench/profile.sh uses this); argv[1] does the same by hand.
 */
#include "bench.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 5
#define TIMEOUT_S 40 /* guest seconds per benchmark (all rounds) */

static const struct bench benches[] = {
	{ "null_syscall", "ns", 20000, b_getppid, 0, "getppid()" },
	{ "clock_gettime", "ns", 20000, b_clock_gettime, 0, "clock_gettime(CLOCK_MONOTONIC)" },
	{ "read_1b_devzero", "ns", 20000, b_read1_zero, 0, "read 1 byte from /dev/zero" },
	{ "read_4k_devzero", "ns", 10000, b_read4k_zero, 0, "read 4 KiB from /dev/zero" },
	{ "write_4k_devnull", "ns", 20000, b_write4k_null, 0, "write 4 KiB to /dev/null" },
	{ "stat", "ns", 10000, b_stat, 0, "stat(\"/bench-dir/file\")" },
	{ "open_close", "ns", 10000, b_open_close, 0, "open(\"/bench-dir/file\", O_RDONLY) + close" },
	{ "sigaction", "ns", 20000, b_sigaction, 0, "sigaction(SIGUSR1) installing a handler" },
	{ "signal_self", "ns", 5000, b_signal_self, 0, "kill(getpid(), SIGUSR1) + handler run + sigreturn" },
	{ "fork_exit_wait", "ns", 300, b_fork_exit, 0, "fork, child _exit(0), parent waitpid" },
	{ "fork_exec_wait", "ns", 200, b_fork_exec, 0, "fork, child execve(/bench-helper), waitpid" },
	{ "vfork_exec_wait", "ns", 200, b_vfork_exec, 0, "vfork, child execve(/bench-helper), waitpid" },
	{ "pipe_rtt", "ns", 4000, b_pipe_rtt, 0, "1 byte there and back between two processes over two pipes" },
	{ "pipe_bw", "MB/s", 256, b_pipe_bw, PIPE_CHUNK, "64 KiB writes by a child, reads by the parent" },
	{ "ctxsw_yield", "ns", 8000, b_ctxsw_yield, 0, "sched_yield between two processes, per switch" },
	{ "page_fault", "ns", 20 * FAULT_PAGES, b_page_fault, 0,
	  "mmap 256 anon pages, write one byte in each, munmap; per page" },
	{ "mmap_munmap", "ns", 5000, b_mmap_munmap, 0, "mmap 64 KiB anon (untouched) + munmap" },
	{ "futex_rtt", "ns", 4000, b_futex_rtt, 0, "FUTEX_WAIT/WAKE there and back between two threads" },
	{ "file_4k", "ns", 2000, b_file_4k, 0, "create+write 4 KiB+close, open+read+close, unlink" },
	{ "file_1m", "ns", 20, b_file_1m, 0, "create+write 1 MiB+close, open+read+close, unlink" },
	{ "file_1m_write", "MB/s", 20, b_file_1m_write, MB1, "write 1 MiB (64 KiB writes) to a new file" },
	{ "file_1m_read", "MB/s", 40, b_file_1m_read, MB1, "read a 1 MiB file (64 KiB reads)" },
};

void out(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(buf, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (len > (int)sizeof buf - 2)
		len = sizeof buf - 2;
	buf[len++] = '\n';
	for (int off = 0; off < len;) {
		ssize_t w = write(1, buf + off, (size_t)(len - off));
		if (w <= 0)
			break;
		off += (int)w;
	}
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t clock_of(clockid_t c)
{
	struct timespec ts;
	if (clock_gettime(c, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Linux starts /init without stdin/out/err when the initramfs has no
 * /dev/console, and has no /dev/null or /dev/zero there either (Trellis
 * provides all three). The initramfs is built without root, so it cannot
 * carry device nodes: make them here.
 */
static void ensure_devices(void)
{
	mkdir("/dev", 0755);
	if (access("/dev/null", F_OK))
		mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3));
	if (access("/dev/zero", F_OK))
		mknod("/dev/zero", S_IFCHR | 0666, makedev(1, 5));
	if (fcntl(1, F_GETFD) >= 0)
		return;
	mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* In the child: warm up, run ROUNDS rounds, print the median. Exit status 0 = printed. */
static int run_one(const struct bench *b)
{
	uint64_t ns[ROUNDS];
	long warm = b->n / 4 > 0 ? b->n / 4 : 1;
	if (!b->run(warm))
		return 2;
	for (int r = 0; r < ROUNDS; r++) {
		ns[r] = b->run(b->n);
		if (!ns[r])
			return 2;
	}
	qsort(ns, ROUNDS, sizeof ns[0], cmp_u64);
	double med = (double)ns[ROUNDS / 2], lo = (double)ns[0], hi = (double)ns[ROUNDS - 1];
	if (!strcmp(b->unit, "MB/s")) {
		double bytes = b->bytes_per_op * (double)b->n;
		/* bytes per ns * 1000 = 10^6 bytes per s; the fastest round is the highest bandwidth */
		out("BENCH %s %.1f MB/s min=%.1f max=%.1f", b->name, bytes / med * 1000.0, bytes / hi * 1000.0,
		    bytes / lo * 1000.0);
	} else {
		out("BENCH %s %.1f ns min=%.1f max=%.1f", b->name, med / (double)b->n, lo / (double)b->n,
		    hi / (double)b->n);
	}
	return 0;
}

static void run_isolated(const struct bench *b)
{
	pid_t pid = fork();
	if (pid < 0) {
		out("BENCH-FAIL %s fork: %s", b->name, strerror(errno));
		return;
	}
	if (pid == 0) {
		alarm(TIMEOUT_S);
		_exit(run_one(b));
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			out("BENCH-FAIL %s waitpid: %s", b->name, strerror(errno));
			return;
		}
	if (WIFSIGNALED(st))
		out("BENCH-FAIL %s killed by signal %d%s", b->name, WTERMSIG(st),
		    WTERMSIG(st) == SIGALRM ? " (timeout)" : "");
	else if (WEXITSTATUS(st))
		out("BENCH-FAIL %s exit status %d", b->name, WEXITSTATUS(st));
}

/* The TSC rate, measured against CLOCK_MONOTONIC over ~20 ms (1.000 GHz under -icount shift=0). */
static double tsc_ghz(void)
{
	uint64_t t0 = now_ns(), c0 = rdtsc(), t1;
	do
		t1 = now_ns();
	while (t1 - t0 < 20000000);
	uint64_t c1 = rdtsc();
	return (double)(c1 - c0) / (double)(t1 - t0);
}

/* On Linux: which CPU-bug mitigations the kernel chose (from sysfs). */
static void linux_info(void)
{
	static const char *const v[] = { "meltdown", "spectre_v1", "spectre_v2", "spec_store_bypass", "mds",
					 "retbleed", "srbds", "mmio_stale_data", "l1tf", "tsx_async_abort" };
	mkdir("/sys", 0755);
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) && errno != EBUSY)
		return;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char path[128], buf[200];
		snprintf(path, sizeof path, "/sys/devices/system/cpu/vulnerabilities/%s", v[i]);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		buf[strcspn(buf, "\n")] = 0;
		out("INFO vuln %s: %s", v[i], buf);
	}
	umount("/sys");
}

int main(int argc, char **argv)
{
	uint64_t tsc0 = rdtsc();
	uint64_t mono0 = clock_of(CLOCK_MONOTONIC), boot0 = clock_of(CLOCK_BOOTTIME);
	ensure_devices();
	struct utsname u;
	uname(&u);
	out("BENCH-START %s %s", u.sysname, u.release);
	/* (skipped for bench/profile.py runs, whose kernel trace it would swell) */
	double ghz = access("/bench-only", F_OK) ? tsc_ghz() : 1.0;
	out("BOOT tsc_at_init %llu", (unsigned long long)tsc0);
	out("BOOT tsc_ghz %.4f", ghz);
	out("BOOT tsc_ns_at_init %.0f", (double)tsc0 / ghz);
	out("BOOT monotonic_at_init %llu", (unsigned long long)mono0);
	out("BOOT boottime_at_init %llu", (unsigned long long)boot0);

	if (access("/bootonly", F_OK) != 0) {
		static char only_buf[64];
		const char *only = argc > 1 ? argv[1] : NULL;
		long only_n = argc > 2 ? atol(argv[2]) : 0;
		int of = open("/bench-only", O_RDONLY);
		if (of >= 0) {
			ssize_t k = read(of, only_buf, sizeof only_buf - 1);
			close(of);
			if (k > 0) {
				only_buf[k] = 0;
				char *sp = strpbrk(only_buf, " \n");
				if (sp) {
					only_n = atol(sp + 1);
					*sp = 0;
				}
				only = only_buf;
			}
		}
		mkdir("/bench-dir", 0755);
		int fd = open("/bench-dir/file", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd >= 0) {
			write(fd, "trellis-bench\n", 14);
			close(fd);
		}
		for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++)
			if (!only || !strcmp(only, benches[i].name)) {
				struct bench b = benches[i];
				if (only && only_n > 0)
					b.n = only_n;
				run_isolated(&b);
			}
		if (!strcmp(u.sysname, "Linux") && getpid() == 1)
			linux_info();
	}
	out("BENCH-DONE");
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
		for (;;)
			pause();
	}
	return 0;
}
