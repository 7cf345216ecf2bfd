/*
 * The vDSO: clock_gettime, gettimeofday, time and getcpu answered in user
 * mode, without entering the kernel. Linked as a tiny shared object that
 * the kernel maps into every process (AT_SYSINFO_EHDR); the C libraries
 * find its functions by name and version (LINUX_2.6).
 *
 * The clock is the TSC, converted with the parameters the kernel left in the
 * page just below this image ("vvar"): the TSC at boot, a 32.32 ns-per-tick
 * multiplier and the wall-clock time at boot. Clocks it cannot answer fall
 * back to the real system call.
 */
struct vvar {
	unsigned long long tsc_base;
	unsigned long long ns_mult;
	unsigned long long epoch_ns;
};

struct timespec_k {
	long tv_sec;
	long tv_nsec;
};

struct timeval_k {
	long tv_sec;
	long tv_usec;
};

extern const struct vvar vvar __attribute__((visibility("hidden")));

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define NSEC_PER_SEC 1000000000ull

static inline unsigned long long now_ns(void)
{
	unsigned int lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	unsigned long long tsc = ((unsigned long long)hi << 32) | lo;
	return (unsigned long long)(((unsigned __int128)(tsc - vvar.tsc_base) * vvar.ns_mult) >> 32);
}

static long syscall2(long nr, long a, long b)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

int __vdso_clock_gettime(int clock, struct timespec_k *ts)
{
	unsigned long long ns;
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = vvar.epoch_ns + now_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = now_ns();
		break;
	default:
		return (int)syscall2(228, clock, (long)ts);
	}
	ts->tv_sec = (long)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return 0;
}

int __vdso_gettimeofday(struct timeval_k *tv, void *tz)
{
	if (tz)
		return (int)syscall2(96, (long)tv, (long)tz);
	if (tv) {
		unsigned long long ns = vvar.epoch_ns + now_ns();
		tv->tv_sec = (long)(ns / NSEC_PER_SEC);
		tv->tv_usec = (long)((ns % NSEC_PER_SEC) / 1000);
	}
	return 0;
}

long __vdso_time(long *t)
{
	long s = (long)((vvar.epoch_ns + now_ns()) / NSEC_PER_SEC);
	if (t)
		*t = s;
	return s;
}

long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	(void)unused;
	if (cpu)
		*cpu = 0;
	if (node)
		*node = 0;
	return 0;
}

int clock_gettime(int, struct timespec_k *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct timeval_k *, void *) __attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned *, unsigned *, void *) __attribute__((weak, alias("__vdso_getcpu")));
