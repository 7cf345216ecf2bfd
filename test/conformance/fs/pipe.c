/* pipe, pipe2: data, EOF, EPIPE/SIGPIPE, flags, capacity. */
#include "harness.h"

#include <limits.h>
#include <sys/ioctl.h>

TEST(pipe_write_then_read)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "hello", 5), 5);
	char buf[16] = "";
	CHECK_EQ(read(p[0], buf, sizeof buf), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
}

TEST(pipe_preserves_order)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(write(p[1], "cd", 2), 2);
	char buf[4];
	CHECK_EQ(read(p[0], buf, 3), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(read(p[0], buf, 3), 1);
	CHECK_EQ(buf[0], 'd');
}

TEST(pipe_eof_after_writer_closes)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_OK(close(p[1]));
	char buf[4];
	CHECK_EQ(read(p[0], buf, 4), 1);
	CHECK_EQ(read(p[0], buf, 4), 0);
	CHECK_EQ(read(p[0], buf, 4), 0);
}

TEST(pipe_eof_when_child_writer_exits)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		test_sleep_ms(50);
		_exit(write(p[1], "bye", 3) == 3 ? 0 : 1);
	}
	close(p[1]);
	char buf[8];
	size_t got = 0;
	ssize_t n;
	while ((n = read(p[0], buf + got, sizeof buf - got)) > 0)
		got += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(got, 3);
	waitpid(pid, NULL, 0);
}

TEST(pipe_read_blocks_until_data)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		test_sleep_ms(100);
		_exit(write(p[1], "late", 4) == 4 ? 0 : 1);
	}
	long long t0 = test_now_ns();
	char buf[8];
	CHECK_EQ(read(p[0], buf, sizeof buf), 4);
	CHECK(test_now_ns() - t0 >= 80000000LL);
	waitpid(pid, NULL, 0);
}

static void write_to_closed_pipe(void)
{
	int p[2];
	if (pipe(p) < 0)
		_exit(10);
	close(p[0]);
	ssize_t r = write(p[1], "x", 1);
	(void)r;
	_exit(11); /* not reached: SIGPIPE kills */
}

TEST(pipe_write_without_reader_sigpipe)
{
	int st = test_run_child(write_to_closed_pipe);
	CHECK(WAIT_KILLED_BY(st, SIGPIPE));
}

TEST(pipe_write_without_reader_epipe_when_ignored)
{
	signal(SIGPIPE, SIG_IGN);
	int p[2];
	CHECK_OK(pipe(p));
	close(p[0]);
	CHECK_ERRNO(write(p[1], "x", 1), EPIPE);
}

static volatile int got_sigpipe;
static void on_sigpipe(int s) { got_sigpipe = s; }

TEST(pipe_sigpipe_handler_then_epipe)
{
	signal(SIGPIPE, on_sigpipe);
	int p[2];
	CHECK_OK(pipe(p));
	close(p[0]);
	CHECK_ERRNO(write(p[1], "x", 1), EPIPE);
	CHECK_EQ(got_sigpipe, SIGPIPE);
}

TEST(pipe_ends_have_right_modes)
{
	int p[2];
	CHECK_OK(pipe(p));
	char c = 0;
	CHECK_ERRNO(write(p[0], &c, 1), EBADF);
	CHECK_ERRNO(read(p[1], &c, 1), EBADF);
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
}

TEST(pipe_fstat_is_fifo)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct stat st;
	CHECK_OK(fstat(p[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
}

TEST(pipe2_cloexec)
{
	int p[2];
	CHECK_OK(pipe2(p, O_CLOEXEC));
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	CHECK_OK(pipe2(p, 0));
	CHECK_EQ(fcntl(p[0], F_GETFD), 0);
}

TEST(pipe2_nonblock_eagain)
{
	int p[2];
	CHECK_OK(pipe2(p, O_NONBLOCK));
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	char c;
	CHECK_ERRNO(read(p[0], &c, 1), EAGAIN);
}

TEST(pipe2_bad_flags_einval)
{
	int p[2];
	CHECK_ERRNO(pipe2(p, O_RDWR | 0x4000000), EINVAL);
	CHECK_ERRNO(pipe2(p, O_APPEND), EINVAL);
}

TEST(pipe_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_pipe, (int *)1), EFAULT);
	CHECK_ERRNO(syscall(SYS_pipe2, test_bad_ptr(), 0), EFAULT);
}

TEST(pipe_capacity_then_eagain)
{
	int p[2];
	CHECK_OK(pipe2(p, O_NONBLOCK));
	char buf[1024];
	memset(buf, 'p', sizeof buf);
	long total = 0;
	for (;;) {
		ssize_t n = write(p[1], buf, sizeof buf);
		if (n < 0) {
			CHECK_EQ(errno, EAGAIN);
			break;
		}
		total += n;
		CHECK(total <= 16 << 20);
	}
	CHECK(total >= 4096);
	int avail = 0;
	CHECK_OK(ioctl(p[0], FIONREAD, &avail));
	CHECK_EQ(avail, total);
	/* Draining frees room again. */
	for (int i = 0; i < 8; i++)
		CHECK_EQ(read(p[0], buf, sizeof buf), sizeof buf);
	CHECK_EQ(write(p[1], buf, 1), 1);
}

TEST(pipe_small_write_is_atomic)
{
	int p[2];
	CHECK_OK(pipe(p));
	for (int k = 0; k < 2; k++) {
		if (fork() == 0) {
			char buf[PIPE_BUF];
			memset(buf, 'a' + k, sizeof buf);
			for (int i = 0; i < 8; i++)
				if (write(p[1], buf, sizeof buf) != sizeof buf)
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	char buf[PIPE_BUF];
	int chunks = 0;
	for (;;) {
		size_t got = 0;
		ssize_t n = 0;
		while (got < sizeof buf && (n = read(p[0], buf + got, sizeof buf - got)) > 0)
			got += n;
		if (got == 0)
			break;
		CHECK_EQ(got, sizeof buf);
		for (size_t i = 1; i < sizeof buf; i++)
			if (buf[i] != buf[0])
				FAIL("interleaved write at byte %zu of chunk %d", i, chunks);
		chunks++;
	}
	CHECK_EQ(chunks, 16);
	while (wait(NULL) > 0)
		;
}

TEST(pipe_large_transfer_between_processes)
{
	int p[2];
	CHECK_OK(pipe(p));
	size_t total = 1 << 20;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		char buf[3000];
		size_t sent = 0;
		unsigned char v = 0;
		while (sent < total) {
			size_t n = total - sent < sizeof buf ? total - sent : sizeof buf;
			for (size_t i = 0; i < n; i++)
				buf[i] = v++;
			if (write(p[1], buf, n) != (ssize_t)n)
				_exit(1);
			sent += n;
		}
		_exit(0);
	}
	close(p[1]);
	char buf[5000];
	size_t got = 0;
	unsigned char v = 0;
	ssize_t n;
	while ((n = read(p[0], buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if ((unsigned char)buf[i] != v++)
				FAIL("byte %zu corrupted", got + i);
		got += n;
	}
	CHECK_EQ(got, total);
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}
