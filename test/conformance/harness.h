/* Trellis conformance tests: a tiny harness.
 *
 * Each subsystem directory (process/, fs/, ...) links into one static binary
 * that runs its cases.  A case is declared with TEST(name) { ... } and asserts
 * with the CHECK macros; a failed check reports file, line and reason and ends
 * the case.  Every case runs in its own forked child (its own process group,
 * its own fresh working directory under /tmp, SIGALRM timeout), so a hang or a
 * crash fails only that case.  The binary prints one line per case:
 *     PASS subsys/name
 *     FAIL subsys/name: reason
 * Usage: <binary> [-l] [name...]   (-l lists the cases; names select some.)
 *
 * Tests are written against the Linux man pages: a case that fails on Linux
 * is a wrong test.
 */
#ifndef TRELLIS_CONFORMANCE_HARNESS_H
#define TRELLIS_CONFORMANCE_HARNESS_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct test_case {
	const char *name;
	void (*fn)(void);
	int timeout; /* seconds */
	const char *file;
	int line; /* cases run in file, then line order */
};

#define TEST_SECTION __attribute__((used, section("trellis_tests"), aligned(8)))
#define TEST_DEFAULT_TIMEOUT 10

#define TEST_T(tname, secs)                                                       \
	static void test_fn_##tname(void);                                        \
	static const struct test_case test_case_##tname TEST_SECTION = {         \
		#tname, test_fn_##tname, secs, __FILE__, __LINE__};                                   \
	static void test_fn_##tname(void)
#define TEST(tname) TEST_T(tname, TEST_DEFAULT_TIMEOUT)

/* Ends the current case as failed (never returns). */
__attribute__((noreturn, format(printf, 3, 4))) void test_fail(const char *file, int line,
							      const char *fmt, ...);

#define FAIL(...) test_fail(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond)                                                                   \
	do {                                                                          \
		int e_ = errno;                                                       \
		if (!(cond))                                                          \
			test_fail(__FILE__, __LINE__, "CHECK(%s) (errno %d %s)", #cond, \
				  e_, strerror(e_));                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                                \
	do {                                                                          \
		long long a_ = (long long)(a), b_ = (long long)(b);                   \
		int e_ = errno;                                                       \
		if (a_ != b_)                                                         \
			test_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld (errno %d)", \
				  #a, a_, #b, b_, e_);                                \
	} while (0)

#define CHECK_NE(a, b)                                                                \
	do {                                                                          \
		long long a_ = (long long)(a), b_ = (long long)(b);                   \
		if (a_ == b_)                                                         \
			test_fail(__FILE__, __LINE__, "%s == %lld, expected != %s", #a, a_, #b); \
	} while (0)

#define CHECK_STR(a, b)                                                               \
	do {                                                                          \
		const char *a_ = (a), *b_ = (b);                                      \
		if (a_ == NULL || strcmp(a_, b_) != 0)                                \
			test_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", #a, \
				  a_ ? a_ : "(null)", b_);                            \
	} while (0)

/* The call must fail with -1 and errno == err. */
#define CHECK_ERRNO(call, err)                                                        \
	do {                                                                          \
		errno = 0;                                                            \
		long r_ = (long)(call);                                               \
		int e_ = errno;                                                       \
		if (r_ != -1 || e_ != (err))                                          \
			test_fail(__FILE__, __LINE__, "%s returned %ld errno %d (%s), expected -1 errno %s", \
				  #call, r_, e_, strerror(e_), #err);                 \
	} while (0)

/* The call must not return -1; yields its value. */
#define CHECK_OK(call)                                                                \
	({                                                                            \
		errno = 0;                                                            \
		long r_ = (long)(call);                                               \
		if (r_ == -1) {                                                       \
			int e_ = errno;                                               \
			test_fail(__FILE__, __LINE__, "%s failed: errno %d (%s)", #call, e_, \
				  strerror(e_));                                      \
		}                                                                     \
		r_;                                                                   \
	})

/* Linux ABI constants musl's headers do not carry. */
#ifndef FUTEX_WAIT
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#endif
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* Helpers. */
extern const char *test_helper_path; /* the exec helper binary (/test/helper) */
void *test_bad_ptr(void);            /* an address that is not mapped */
int test_run_child(void (*fn)(void)); /* runs fn in a child, returns its wait status */
void test_write_file(const char *path, const char *data);
ssize_t test_read_file(const char *path, char *buf, size_t size); /* NUL-terminated */
void test_sleep_ms(long ms);
long long test_now_ns(void); /* CLOCK_MONOTONIC */

/* A system call without libc (no errno, no TLS): for code running on a
 * foreign thread pointer or a raw clone()d thread.  Returns -errno on error. */
static inline long raw_syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define raw_syscall(n, a, b, c) raw_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* Runs argv (argv[0] is the program) with stdout captured into out (NUL
 * terminated, at most size-1 bytes); returns the wait status. */
int test_run_capture(char *const argv[], char *const envp[], char *out, size_t size);

#define WAIT_EXITED_WITH(st, code) (WIFEXITED(st) && WEXITSTATUS(st) == (code))
#define WAIT_KILLED_BY(st, sig) (WIFSIGNALED(st) && WTERMSIG(st) == (sig))

#endif
