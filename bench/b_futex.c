/* Two threads of one process hand a token back and forth with FUTEX_WAIT/FUTEX_WAKE. */
#include "bench.h"
#include <errno.h>
#define FUTEX_WAIT_PRIVATE 128 /* FUTEX_WAIT | FUTEX_PRIVATE_FLAG (musl-tools ships no <linux/futex.h>) */
#define FUTEX_WAKE_PRIVATE 129
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int token; /* 0: main's turn, 1: the partner's turn */
static long rounds;

static void fwait(volatile int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void fwake(volatile int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	(void)arg;
	for (long i = 0; i < rounds; i++) {
		while (__atomic_load_n(&token, __ATOMIC_ACQUIRE) != 1)
			fwait(&token, 0);
		__atomic_store_n(&token, 0, __ATOMIC_RELEASE);
		fwake(&token);
	}
	return NULL;
}

uint64_t b_futex_rtt(long n)
{
	pthread_t th;
	token = 0;
	rounds = n;
	int e = pthread_create(&th, NULL, partner, NULL);
	if (e)
		return FAIL("pthread_create: %s", strerror(e));
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		__atomic_store_n(&token, 1, __ATOMIC_RELEASE);
		fwake(&token);
		while (__atomic_load_n(&token, __ATOMIC_ACQUIRE) != 0)
			fwait(&token, 1);
	}
	uint64_t t = now_ns() - t0;
	pthread_join(th, NULL);
	return t;
}
