/* futex: wait/wake, timeouts, errors. */
#include "harness.h"



static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

TEST(futex_wait_value_mismatch_eagain)
{
	static volatile int w = 1;
	CHECK_ERRNO(futex(&w, FUTEX_WAIT, 2, NULL), EAGAIN);
	CHECK_ERRNO(futex(&w, FUTEX_WAIT_PRIVATE, 0, NULL), EAGAIN);
}

TEST(futex_wait_timeout_etimedout)
{
	static volatile int w = 0;
	struct timespec ts = {0, 50000000};
	long long t0 = test_now_ns();
	CHECK_ERRNO(futex(&w, FUTEX_WAIT, 0, &ts), ETIMEDOUT);
	CHECK(test_now_ns() - t0 >= 45000000LL);
}

TEST(futex_wake_without_waiters_returns_zero)
{
	static volatile int w = 0;
	CHECK_EQ(futex(&w, FUTEX_WAKE, 1, NULL), 0);
	CHECK_EQ(futex(&w, FUTEX_WAKE_PRIVATE, 10, NULL), 0);
}

TEST(futex_shared_mapping_across_fork)
{
	volatile int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(w != MAP_FAILED);
	w[0] = 0;
	w[1] = 0;
	pid_t pid = fork();
	if (pid == 0) {
		w[1] = 1; /* about to wait */
		while (w[0] == 0)
			futex(&w[0], FUTEX_WAIT, 0, NULL);
		_exit(w[0] == 7 ? 0 : 1);
	}
	while (w[1] == 0)
		test_sleep_ms(1);
	test_sleep_ms(30);
	w[0] = 7;
	long woken = 0;
	for (int i = 0; i < 200 && woken == 0; i++) {
		woken = futex(&w[0], FUTEX_WAKE, 1, NULL);
		if (woken == 0)
			test_sleep_ms(5); /* the child may not be asleep yet */
		int st;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			CHECK(WAIT_EXITED_WITH(st, 0));
			return;
		}
	}
	CHECK_EQ(woken, 1);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(futex_bad_address_efault)
{
	CHECK_ERRNO(futex((volatile int *)test_bad_ptr(), FUTEX_WAIT, 0, NULL), EFAULT);
}

TEST(futex_unaligned_einval)
{
	static int words[2];
	CHECK_ERRNO(futex((volatile int *)((char *)words + 1), FUTEX_WAIT, 0, NULL), EINVAL);
}

TEST(futex_bad_timeout_einval)
{
	static volatile int w = 0;
	struct timespec ts = {0, 1000000000L};
	CHECK_ERRNO(futex(&w, FUTEX_WAIT, 0, &ts), EINVAL);
}

TEST(futex_unknown_op_enosys)
{
	static volatile int w = 0;
	CHECK_ERRNO(futex(&w, 99, 0, NULL), ENOSYS);
}
