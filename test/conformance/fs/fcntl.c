/* dup, dup2, dup3, fcntl. */
#include "harness.h"

#include <sys/resource.h>

TEST(dup_returns_lowest_and_shares_offset)
{
	test_write_file("f", "abcdef");
	int fd = CHECK_OK(open("f", O_RDONLY));
	int d = CHECK_OK(dup(fd));
	CHECK(d != fd);
	char c;
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(read(d, &c, 1), 1);
	CHECK_EQ(c, 'b');
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
}

TEST(dup_bad_fd_ebadf)
{
	CHECK_ERRNO(dup(12345), EBADF);
	CHECK_ERRNO(dup(-1), EBADF);
}

TEST(dup_clears_cloexec)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY | O_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	int d = CHECK_OK(dup(fd));
	CHECK_EQ(fcntl(d, F_GETFD), 0);
}

TEST(dup2_to_chosen_fd)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_EQ(dup2(fd, 50), 50);
	CHECK_OK(fcntl(50, F_GETFD));
}

TEST(dup2_replaces_open_target)
{
	test_write_file("a", "A");
	test_write_file("b", "B");
	int a = CHECK_OK(open("a", O_RDONLY));
	int b = CHECK_OK(open("b", O_RDONLY));
	CHECK_EQ(dup2(a, b), b);
	char c;
	CHECK_EQ(read(b, &c, 1), 1);
	CHECK_EQ(c, 'A');
}

TEST(dup2_same_fd_returns_it)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY | O_CLOEXEC));
	CHECK_EQ(dup2(fd, fd), fd);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC); /* untouched */
	CHECK_ERRNO(dup2(12345, 12345), EBADF);
}

TEST(dup2_bad_fds_ebadf)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_ERRNO(dup2(12345, 60), EBADF);
	CHECK_ERRNO(dup2(fd, -1), EBADF);
	CHECK_ERRNO(dup2(fd, 1 << 30), EBADF);
}

TEST(dup3_sets_cloexec)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_EQ(syscall(SYS_dup3, fd, 40, O_CLOEXEC), 40);
	CHECK_EQ(fcntl(40, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(syscall(SYS_dup3, fd, 41, 0), 41);
	CHECK_EQ(fcntl(41, F_GETFD), 0);
}

TEST(dup3_same_fd_einval)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_ERRNO(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	CHECK_ERRNO(syscall(SYS_dup3, fd, fd, O_CLOEXEC), EINVAL);
}

TEST(dup3_bad_flags_einval)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_ERRNO(syscall(SYS_dup3, fd, 40, O_NONBLOCK), EINVAL);
	CHECK_ERRNO(fcntl(40, F_GETFD), EBADF);
}

TEST(fcntl_getfd_setfd)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_OK(fcntl(fd, F_SETFD, 0));
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
}

TEST(fcntl_getfl_reports_access_and_status)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT | O_APPEND, 0644));
	int fl = CHECK_OK(fcntl(fd, F_GETFL));
	CHECK_EQ(fl & O_ACCMODE, O_RDWR);
	CHECK(fl & O_APPEND);
	CHECK(!(fl & O_NONBLOCK));
	int r = CHECK_OK(open("f", O_RDONLY));
	CHECK_EQ(fcntl(r, F_GETFL) & O_ACCMODE, O_RDONLY);
	int w = CHECK_OK(open("f", O_WRONLY));
	CHECK_EQ(fcntl(w, F_GETFL) & O_ACCMODE, O_WRONLY);
}

TEST(fcntl_setfl_nonblock_and_append)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND));
	int fl = fcntl(fd, F_GETFL);
	CHECK(fl & O_NONBLOCK);
	CHECK(fl & O_APPEND);
	CHECK_OK(fcntl(fd, F_SETFL, 0));
	fl = fcntl(fd, F_GETFL);
	CHECK(!(fl & (O_NONBLOCK | O_APPEND)));
}

TEST(fcntl_setfl_keeps_access_mode)
{
	int fd = CHECK_OK(open("f", O_RDONLY | O_CREAT, 0644));
	CHECK_OK(fcntl(fd, F_SETFL, O_RDWR));
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_ERRNO(write(fd, "x", 1), EBADF);
}

TEST(fcntl_setfl_nonblock_pipe_eagain)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_OK(fcntl(p[0], F_SETFL, O_NONBLOCK));
	char c;
	CHECK_ERRNO(read(p[0], &c, 1), EAGAIN);
}

TEST(fcntl_status_flags_shared_by_dup)
{
	int p[2];
	CHECK_OK(pipe(p));
	int d = CHECK_OK(dup(p[0]));
	CHECK_OK(fcntl(p[0], F_SETFL, O_NONBLOCK));
	CHECK(fcntl(d, F_GETFL) & O_NONBLOCK);
	CHECK_OK(fcntl(p[0], F_SETFD, FD_CLOEXEC));
	CHECK_EQ(fcntl(d, F_GETFD), 0); /* descriptor flags are not shared */
}

TEST(fcntl_dupfd_minimum)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_EQ(fcntl(fd, F_DUPFD, 30), 30);
	CHECK_EQ(fcntl(fd, F_DUPFD, 30), 31);
	CHECK_EQ(fcntl(31, F_GETFD), 0);
}

TEST(fcntl_dupfd_cloexec)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	int d = CHECK_OK(fcntl(fd, F_DUPFD_CLOEXEC, 10));
	CHECK(d >= 10);
	CHECK_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
}

TEST(fcntl_dupfd_bad_minimum_einval)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_ERRNO(fcntl(fd, F_DUPFD, -1), EINVAL);
	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_ERRNO(fcntl(fd, F_DUPFD, (long)rl.rlim_cur), EINVAL);
}

TEST(fcntl_bad_fd_ebadf)
{
	CHECK_ERRNO(fcntl(12345, F_GETFD), EBADF);
	CHECK_ERRNO(fcntl(-1, F_GETFL), EBADF);
	CHECK_ERRNO(fcntl(12345, F_DUPFD, 0), EBADF);
}

TEST(fcntl_bad_command_einval)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_ERRNO(syscall(SYS_fcntl, fd, 9999, 0), EINVAL);
}
