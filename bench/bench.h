/*
 * trellis-bench: microbenchmarks for Trellis and Linux, one static binary.
 *
 * Every benchmark is a function that performs `n` operations and returns
 * the nanoseconds (CLOCK_MONOTONIC) its timed part took; the harness in
 * main.c runs it ROUNDS times after a warm-up and prints the median as
 *   BENCH <name> <value> <unit>
 * where unit is "ns" (per operation) or "MB/s" (10^6 bytes per second).
 */
#ifndef BENCH_H
#define BENCH_H
#define _GNU_SOURCE
#include <stdint.h>
#include <stddef.h>
#include <time.h>

#define HELPER_PATH "/bench-helper"

static inline uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Print a line on stdout with write(2) (no stdio buffer to duplicate at fork). */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A benchmark that cannot run says why and returns 0. */
#define FAIL(...) (out("BENCH-ERR " __VA_ARGS__), (uint64_t)0)

struct bench {
	const char *name;
	const char *unit;    /* "ns" or "MB/s" */
	long n;              /* operations per round */
	uint64_t (*run)(long n);
	double bytes_per_op; /* for MB/s */
	const char *what;
};

/* b_syscall.c */
uint64_t b_getppid(long n);
uint64_t b_clock_gettime(long n);
uint64_t b_read1_zero(long n);
uint64_t b_read4k_zero(long n);
uint64_t b_write4k_null(long n);
uint64_t b_stat(long n);
uint64_t b_open_close(long n);
uint64_t b_sigaction(long n);
uint64_t b_signal_self(long n);
/* b_proc.c */
uint64_t b_fork_exit(long n);
uint64_t b_fork_exec(long n);
uint64_t b_vfork_exec(long n);
uint64_t b_pipe_rtt(long n);
uint64_t b_pipe_bw(long n);
uint64_t b_ctxsw_yield(long n);
/* b_mem.c */
uint64_t b_page_fault(long n);
uint64_t b_mmap_munmap(long n);
/* b_file.c */
uint64_t b_file_4k(long n);
uint64_t b_file_1m(long n);
uint64_t b_file_1m_write(long n);
uint64_t b_file_1m_read(long n);
/* b_futex.c */
uint64_t b_futex_rtt(long n);

#define PIPE_CHUNK (64 * 1024)
#define FAULT_PAGES 256
#define MB1 (1024 * 1024)

#endif
