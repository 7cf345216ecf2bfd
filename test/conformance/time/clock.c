/* clock_gettime, clock_getres, nanosleep, clock_nanosleep, gettimeofday,
 * time, setitimer/getitimer, alarm. */
#include "harness.h"

#include <sys/time.h>

static long long ts_ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

TEST(clock_monotonic_never_decreases)
{
	struct timespec a, b;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &a));
	for (int i = 0; i < 10000; i++) {
		CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &b));
		CHECK(ts_ns(b) >= ts_ns(a));
		a = b;
	}
	CHECK(b.tv_nsec >= 0 && b.tv_nsec < 1000000000L);
}

TEST(clock_monotonic_advances_over_sleep)
{
	struct timespec a, b;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &a));
	test_sleep_ms(100);
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &b));
	long long d = ts_ns(b) - ts_ns(a);
	CHECK(d >= 100000000LL);
}

TEST(clock_realtime_is_plausible)
{
	struct timespec t;
	CHECK_OK(clock_gettime(CLOCK_REALTIME, &t));
	CHECK(t.tv_sec > 1577836800); /* 2020-01-01 */
	CHECK(t.tv_sec < 4102444800); /* 2100-01-01 */
}

TEST(clock_raw_syscall_matches_vdso)
{
	struct timespec a, b, c;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &a));
	CHECK_OK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b));
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &c));
	CHECK(ts_ns(a) <= ts_ns(b));
	CHECK(ts_ns(b) <= ts_ns(c));
}

TEST(clock_boottime_at_least_monotonic)
{
	struct timespec m, b;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &m));
	CHECK_OK(clock_gettime(CLOCK_BOOTTIME, &b));
	CHECK(ts_ns(b) >= ts_ns(m));
}

TEST(clock_coarse_clocks)
{
	struct timespec m0, m, c;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &m0));
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC_COARSE, &c));
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &m));
	CHECK(ts_ns(c) <= ts_ns(m));
	/* Read after m0, the coarse clock lags it by at most a tick, whatever the host's load. */
	CHECK(ts_ns(c) + 1000000000LL > ts_ns(m0));
	CHECK_OK(clock_gettime(CLOCK_REALTIME_COARSE, &c));
	CHECK(c.tv_sec > 1577836800);
}

TEST(clock_process_cputime_advances)
{
	struct timespec a, b;
	CHECK_OK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
	volatile unsigned long x = 0;
	long long t0 = test_now_ns();
	while (test_now_ns() - t0 < 100000000LL)
		x++;
	CHECK_OK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b));
	CHECK(ts_ns(b) - ts_ns(a) >= 20000000LL);
	CHECK_OK(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b));
	CHECK(ts_ns(b) > 0);
}

TEST(clock_gettime_bad_clock_einval)
{
	struct timespec t;
	CHECK_ERRNO(syscall(SYS_clock_gettime, 12345, &t), EINVAL);
	CHECK_ERRNO(clock_gettime(12345, &t), EINVAL);
}

TEST(clock_gettime_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1), EFAULT);
	CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_REALTIME, test_bad_ptr()), EFAULT);
}

TEST(clock_getres_values)
{
	struct timespec r;
	CHECK_OK(clock_getres(CLOCK_MONOTONIC, &r));
	CHECK_EQ(r.tv_sec, 0);
	CHECK(r.tv_nsec > 0 && r.tv_nsec <= 10000000L);
	CHECK_OK(clock_getres(CLOCK_REALTIME, &r));
	CHECK(r.tv_nsec > 0);
	CHECK_OK(clock_getres(CLOCK_MONOTONIC, NULL));
	CHECK_ERRNO(clock_getres(12345, &r), EINVAL);
}

TEST(nanosleep_sleeps_at_least)
{
	struct timespec req = {0, 50000000}, rem = {9, 9};
	long long t0 = test_now_ns();
	CHECK_OK(nanosleep(&req, &rem));
	long long d = test_now_ns() - t0;
	CHECK(d >= 50000000LL);
}

TEST(nanosleep_zero_returns)
{
	struct timespec req = {0, 0};
	CHECK_OK(nanosleep(&req, NULL));
}

TEST(nanosleep_bad_values_einval)
{
	struct timespec req = {0, 1000000000L};
	CHECK_ERRNO(syscall(SYS_nanosleep, &req, NULL), EINVAL);
	req.tv_nsec = -1;
	CHECK_ERRNO(syscall(SYS_nanosleep, &req, NULL), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK_ERRNO(syscall(SYS_nanosleep, &req, NULL), EINVAL);
}

TEST(nanosleep_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_nanosleep, (void *)1, NULL), EFAULT);
}

static void on_alarm(int s) { (void)s; }

TEST(nanosleep_interrupted_reports_remaining)
{
	signal(SIGALRM, on_alarm);
	struct itimerval it = {{0, 0}, {0, 100000}};
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	struct timespec req = {3, 0}, rem = {0, 0};
	CHECK_ERRNO(nanosleep(&req, &rem), EINTR);
	long long left = ts_ns(rem);
	CHECK(left > 0); /* a 3 s sleep ended by a 100 ms alarm: some, but not all, is left */
	CHECK(left < 3000000000LL);
}

TEST(clock_nanosleep_absolute)
{
	struct timespec now, until;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &now));
	until = now;
	until.tv_nsec += 60000000;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL), 0);
	struct timespec after;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &after));
	CHECK(ts_ns(after) >= ts_ns(until));
	/* A time in the past returns at once. */
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL), 0);
}

TEST(clock_nanosleep_bad_clock_einval)
{
	struct timespec t = {0, 1000};
	CHECK_EQ(clock_nanosleep(12345, 0, &t, NULL), EINVAL);
}

TEST(gettimeofday_matches_realtime)
{
	struct timeval tv;
	struct timespec before, ts;
	CHECK_OK(clock_gettime(CLOCK_REALTIME, &before));
	CHECK_OK(gettimeofday(&tv, NULL));
	CHECK_OK(clock_gettime(CLOCK_REALTIME, &ts));
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	/* Bracketed by two clock_gettime calls: no bound on how long the host took between them. */
	long long a = tv.tv_sec * 1000000LL + tv.tv_usec, b = ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
	CHECK(b >= a);
	CHECK(a >= before.tv_sec * 1000000LL + before.tv_nsec / 1000);
}

TEST(gettimeofday_raw_and_efault)
{
	struct timeval tv;
	CHECK_OK(syscall(SYS_gettimeofday, &tv, NULL));
	CHECK(tv.tv_sec > 1577836800);
	CHECK_ERRNO(syscall(SYS_gettimeofday, (void *)1, NULL), EFAULT);
}

TEST(time_matches_realtime)
{
	time_t t0 = (time_t)syscall(SYS_time, NULL);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	CHECK(ts.tv_sec - t0 >= 0 && ts.tv_sec - t0 <= 1);
	time_t t1 = 0;
	CHECK_EQ(syscall(SYS_time, &t1), t1);
	CHECK(t1 >= t0);
}

TEST(setitimer_real_fires_sigalrm)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGALRM);
	sigprocmask(SIG_BLOCK, &m, NULL);
	struct itimerval it = {{0, 0}, {0, 50000}};
	long long t0 = test_now_ns();
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	int sig = 0;
	CHECK_EQ(sigwait(&m, &sig), 0);
	CHECK_EQ(sig, SIGALRM);
	CHECK(test_now_ns() - t0 >= 45000000LL);
}

TEST(getitimer_reports_remaining)
{
	struct itimerval it = {{0, 0}, {10, 0}}, cur;
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_OK(getitimer(ITIMER_REAL, &cur));
	CHECK(cur.it_value.tv_sec <= 10);
	CHECK(cur.it_value.tv_sec >= 8);
	struct itimerval off = {{0, 0}, {0, 0}}, old;
	CHECK_OK(setitimer(ITIMER_REAL, &off, &old));
	CHECK(old.it_value.tv_sec >= 8);
	CHECK_OK(getitimer(ITIMER_REAL, &cur));
	CHECK_EQ(cur.it_value.tv_sec, 0);
	CHECK_EQ(cur.it_value.tv_usec, 0);
}

TEST(setitimer_bad_which_einval)
{
	struct itimerval it = {{0, 0}, {0, 0}};
	CHECK_ERRNO(setitimer(99, &it, NULL), EINVAL);
}

TEST(alarm_returns_previous_seconds)
{
	alarm(0); /* the harness's own alarm */
	CHECK_EQ(alarm(100), 0);
	/* What is left, not how fast the host is: no bound on the time between the calls. */
	unsigned left = alarm(50);
	CHECK(left > 0 && left <= 100);
	left = alarm(0);
	CHECK(left > 0 && left <= 50);
	CHECK_EQ(alarm(0), 0);
	alarm(10);
}

static void alarm_kills(void)
{
	alarm(1);
	for (;;)
		pause();
}

TEST_T(alarm_default_action_kills, 15)
{
	int st = test_run_child(alarm_kills);
	CHECK(WAIT_KILLED_BY(st, SIGALRM));
}
