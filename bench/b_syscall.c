/* Single system calls: the entry/exit path plus a little work in the kernel. */
#include "bench.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char buf4k[4096] __attribute__((aligned(4096)));

uint64_t b_getppid(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid); /* never cached by the libc */
	return now_ns() - t0;
}

uint64_t b_clock_gettime(long n)
{
	struct timespec ts;
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return now_ns() - t0;
}

static uint64_t read_loop(long n, size_t len)
{
	int fd = open("/dev/zero", O_RDONLY);
	if (fd < 0)
		return FAIL("open /dev/zero: %s", strerror(errno));
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (read(fd, buf4k, len) != (ssize_t)len)
			return FAIL("read /dev/zero: %s", strerror(errno));
	uint64_t t = now_ns() - t0;
	close(fd);
	return t;
}

uint64_t b_read1_zero(long n)
{
	return read_loop(n, 1);
}

uint64_t b_read4k_zero(long n)
{
	return read_loop(n, 4096);
}

uint64_t b_write4k_null(long n)
{
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return FAIL("open /dev/null: %s", strerror(errno));
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (write(fd, buf4k, 4096) != 4096)
			return FAIL("write /dev/null: %s", strerror(errno));
	uint64_t t = now_ns() - t0;
	close(fd);
	return t;
}

uint64_t b_stat(long n)
{
	struct stat st;
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (stat("/bench-dir/file", &st))
			return FAIL("stat: %s", strerror(errno));
	return now_ns() - t0;
}

uint64_t b_open_close(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		int fd = open("/bench-dir/file", O_RDONLY);
		if (fd < 0)
			return FAIL("open: %s", strerror(errno));
		close(fd);
	}
	return now_ns() - t0;
}

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	(void)sig;
	caught++;
}

static void on_usr1_other(int sig)
{
	(void)sig;
}

uint64_t b_sigaction(long n)
{
	struct sigaction a = { .sa_handler = on_usr1 }, b = { .sa_handler = on_usr1_other };
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (sigaction(SIGUSR1, (i & 1) ? &a : &b, NULL))
			return FAIL("sigaction: %s", strerror(errno));
	return now_ns() - t0;
}

uint64_t b_signal_self(long n)
{
	struct sigaction a = { .sa_handler = on_usr1 };
	if (sigaction(SIGUSR1, &a, NULL))
		return FAIL("sigaction: %s", strerror(errno));
	pid_t me = getpid();
	caught = 0;
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		kill(me, SIGUSR1);
	uint64_t t = now_ns() - t0;
	if (caught != n)
		return FAIL("signal_self: %d of %ld signals handled", (int)caught, n);
	return t;
}
