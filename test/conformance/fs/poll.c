/* poll and select on pipes, with timeouts. */
#include "harness.h"

#include <poll.h>
#include <sys/select.h>

TEST(poll_readable_pipe)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "x", 1), 1);
	struct pollfd fds[1] = {{p[0], POLLIN, 0}};
	CHECK_EQ(poll(fds, 1, 0), 1);
	CHECK_EQ(fds[0].revents, POLLIN);
}

TEST(poll_empty_pipe_times_out)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct pollfd fds[1] = {{p[0], POLLIN, 0x7fff}};
	long long t0 = test_now_ns();
	CHECK_EQ(poll(fds, 1, 100), 0);
	long long dt = test_now_ns() - t0;
	CHECK(dt >= 90000000LL);
	CHECK_EQ(fds[0].revents, 0);
}

TEST(poll_zero_timeout_returns_at_once)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct pollfd fds[1] = {{p[0], POLLIN, 0}};
	long long t0 = test_now_ns();
	CHECK_EQ(poll(fds, 1, 0), 0); /* a blocking poll would never return: the harness catches that */
	(void)t0;
}

TEST(poll_writable_pipe)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct pollfd fds[1] = {{p[1], POLLOUT, 0}};
	CHECK_EQ(poll(fds, 1, 0), 1);
	CHECK_EQ(fds[0].revents, POLLOUT);
}

TEST(poll_full_pipe_not_writable)
{
	int p[2];
	CHECK_OK(pipe2(p, O_NONBLOCK));
	char buf[4096];
	memset(buf, 0, sizeof buf);
	while (write(p[1], buf, sizeof buf) > 0)
		;
	struct pollfd fds[1] = {{p[1], POLLOUT, 0}};
	CHECK_EQ(poll(fds, 1, 50), 0);
}

TEST(poll_hup_after_writer_closes)
{
	int p[2];
	CHECK_OK(pipe(p));
	close(p[1]);
	struct pollfd fds[1] = {{p[0], POLLIN, 0}};
	CHECK_EQ(poll(fds, 1, 1000), 1);
	CHECK(fds[0].revents & POLLHUP);
}

TEST(poll_err_on_write_end_without_reader)
{
	int p[2];
	CHECK_OK(pipe(p));
	close(p[0]);
	struct pollfd fds[1] = {{p[1], POLLOUT, 0}};
	CHECK_EQ(poll(fds, 1, 1000), 1);
	CHECK(fds[0].revents & POLLERR);
}

TEST(poll_bad_fd_pollnval)
{
	struct pollfd fds[1] = {{12345, POLLIN, 0}};
	CHECK_EQ(poll(fds, 1, 0), 1);
	CHECK_EQ(fds[0].revents, POLLNVAL);
}

TEST(poll_negative_fd_ignored)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "x", 1), 1);
	struct pollfd fds[2] = {{-1, POLLIN, 0x55}, {p[0], POLLIN, 0}};
	CHECK_EQ(poll(fds, 2, 0), 1);
	CHECK_EQ(fds[0].revents, 0);
	CHECK_EQ(fds[1].revents, POLLIN);
}

TEST(poll_many_fds_counts_ready)
{
	int a[2], b[2], c[2];
	CHECK_OK(pipe(a));
	CHECK_OK(pipe(b));
	CHECK_OK(pipe(c));
	CHECK_EQ(write(a[1], "x", 1), 1);
	CHECK_EQ(write(c[1], "x", 1), 1);
	struct pollfd fds[3] = {{a[0], POLLIN, 0}, {b[0], POLLIN, 0}, {c[0], POLLIN, 0}};
	CHECK_EQ(poll(fds, 3, 0), 2);
	CHECK_EQ(fds[1].revents, 0);
}

TEST(poll_wakes_when_child_writes)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		test_sleep_ms(100);
		_exit(write(p[1], "x", 1) == 1 ? 0 : 1);
	}
	struct pollfd fds[1] = {{p[0], POLLIN, 0}};
	long long t0 = test_now_ns();
	CHECK_EQ(poll(fds, 1, 5000), 1);
	long long dt = test_now_ns() - t0;
	CHECK(dt >= 80000000LL); /* readiness, not the 5 s timeout, ended it: poll returned 1 */
	waitpid(pid, NULL, 0);
}

TEST(poll_no_fds_sleeps)
{
	long long t0 = test_now_ns();
	CHECK_EQ(poll(NULL, 0, 50), 0);
	CHECK(test_now_ns() - t0 >= 45000000LL);
}

TEST(poll_bad_array_efault)
{
	CHECK_ERRNO(poll(test_bad_ptr(), 1, 0), EFAULT);
}

TEST(poll_too_many_fds_einval)
{
	struct pollfd fds[1] = {{0, POLLIN, 0}};
	CHECK_ERRNO(syscall(SYS_poll, fds, 1UL << 30, 0), EINVAL);
}

TEST(select_readable_pipe)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "x", 1), 1);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timeval tv = {0, 0};
	CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(p[0], &r));
}

TEST(select_timeout_clears_sets)
{
	int p[2];
	CHECK_OK(pipe(p));
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timeval tv = {0, 100000};
	long long t0 = test_now_ns();
	CHECK_EQ(syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv), 0);
	CHECK(test_now_ns() - t0 >= 90000000LL);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK_EQ(tv.tv_sec, 0);
	CHECK_EQ(tv.tv_usec, 0); /* Linux updates the timeout */
}

TEST(select_readable_and_writable)
{
	int p[2];
	CHECK_OK(pipe(p));
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	struct timeval tv = {1, 0};
	CHECK_EQ(select(p[1] + 1, &r, &w, NULL, &tv), 1);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK(FD_ISSET(p[1], &w));
}

TEST(select_eof_is_readable)
{
	int p[2];
	CHECK_OK(pipe(p));
	close(p[1]);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timeval tv = {1, 0};
	CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(p[0], &r));
}

TEST(select_bad_fd_ebadf)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_OK(close(fd));
	fd_set r;
	FD_ZERO(&r);
	FD_SET(fd, &r);
	struct timeval tv = {0, 0};
	CHECK_ERRNO(select(fd + 1, &r, NULL, NULL, &tv), EBADF);
}

TEST(select_negative_nfds_einval)
{
	struct timeval tv = {0, 0};
	CHECK_ERRNO(syscall(SYS_select, -1, NULL, NULL, NULL, &tv), EINVAL);
}

TEST(select_bad_timeout_einval)
{
	struct timeval tv = {0, -1};
	CHECK_ERRNO(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), EINVAL);
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	CHECK_ERRNO(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), EINVAL);
}

TEST(select_bad_set_efault)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct timeval tv = {0, 0};
	CHECK_ERRNO(syscall(SYS_select, p[0] + 1, test_bad_ptr(), NULL, NULL, &tv), EFAULT);
}

TEST(pselect6_with_timespec)
{
	int p[2];
	CHECK_OK(pipe(p));
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timespec ts = {0, 50000000};
	long long t0 = test_now_ns();
	CHECK_EQ(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL), 0);
	CHECK(test_now_ns() - t0 >= 45000000LL);
}

TEST(ppoll_with_timespec)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "x", 1), 1);
	struct pollfd fds[1] = {{p[0], POLLIN, 0}};
	struct timespec ts = {1, 0};
	CHECK_EQ(ppoll(fds, 1, &ts, NULL), 1);
	CHECK_EQ(fds[0].revents, POLLIN);
}
