/* read, write, readv, writev, pread, pwrite, lseek. */
#include "harness.h"

#include <sys/uio.h>

static int file_with(const char *data)
{
	test_write_file("f", data);
	return CHECK_OK(open("f", O_RDWR));
}

TEST(write_then_read_back)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "hello, world", 12), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	char buf[32] = "";
	CHECK_EQ(read(fd, buf, sizeof buf), 12);
	CHECK(memcmp(buf, "hello, world", 12) == 0);
}

TEST(read_advances_offset)
{
	int fd = file_with("abcdef");
	char buf[4] = "";
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, "cd", 2) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
}

TEST(read_at_eof_returns_zero)
{
	int fd = file_with("ab");
	char buf[8];
	CHECK_EQ(read(fd, buf, 8), 2);
	CHECK_EQ(read(fd, buf, 8), 0);
}

TEST(read_zero_bytes)
{
	int fd = file_with("ab");
	char buf[1];
	CHECK_EQ(read(fd, buf, 0), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	CHECK_EQ(write(fd, buf, 0), 0);
}

TEST(large_write_and_read)
{
	size_t n = 1 << 20;
	char *a = malloc(n), *b = malloc(n);
	CHECK(a && b);
	for (size_t i = 0; i < n; i++)
		a[i] = (char)(i * 7);
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, a, n), n);
	CHECK_EQ(pread(fd, b, n, 0), n);
	CHECK(memcmp(a, b, n) == 0);
}

TEST(read_bad_buffer_efault)
{
	int fd = file_with("abcdef");
	CHECK_ERRNO(read(fd, test_bad_ptr(), 4), EFAULT);
}

TEST(write_bad_buffer_efault)
{
	int fd = file_with("");
	CHECK_ERRNO(write(fd, test_bad_ptr(), 4), EFAULT);
	CHECK_ERRNO(write(fd, (void *)1, 4), EFAULT);
}

TEST(read_write_bad_fd_ebadf)
{
	char c = 0;
	CHECK_ERRNO(read(12345, &c, 1), EBADF);
	CHECK_ERRNO(write(12345, &c, 1), EBADF);
	CHECK_ERRNO(read(-1, &c, 1), EBADF);
}

TEST(read_directory_eisdir)
{
	CHECK_OK(mkdir("d", 0755));
	int fd = CHECK_OK(open("d", O_RDONLY));
	char buf[16];
	CHECK_ERRNO(read(fd, buf, sizeof buf), EISDIR);
}

TEST(readv_scatters)
{
	int fd = file_with("abcdefghij");
	char a[3], b[4], c[10];
	struct iovec iov[3] = {{a, 3}, {b, 4}, {c, 10}};
	CHECK_EQ(readv(fd, iov, 3), 10);
	CHECK(memcmp(a, "abc", 3) == 0);
	CHECK(memcmp(b, "defg", 4) == 0);
	CHECK(memcmp(c, "hij", 3) == 0);
}

TEST(writev_gathers)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	struct iovec iov[3] = {{"one ", 4}, {"", 0}, {"two", 3}};
	CHECK_EQ(writev(fd, iov, 3), 7);
	char buf[16] = "";
	test_read_file("f", buf, sizeof buf);
	CHECK_STR(buf, "one two");
}

TEST(readv_bad_count_einval)
{
	int fd = file_with("abc");
	char a[4];
	struct iovec iov[1] = {{a, 4}};
	CHECK_ERRNO(readv(fd, iov, -1), EINVAL);
	CHECK_ERRNO(syscall(SYS_readv, fd, iov, 1025), EINVAL);
}

TEST(writev_bad_iov_pointer_efault)
{
	int fd = file_with("");
	CHECK_ERRNO(syscall(SYS_writev, fd, test_bad_ptr(), 1), EFAULT);
}

TEST(writev_bad_buffer_efault)
{
	int fd = file_with("");
	struct iovec iov[1] = {{test_bad_ptr(), 8}};
	CHECK_ERRNO(writev(fd, iov, 1), EFAULT);
}

TEST(pread_keeps_offset)
{
	int fd = file_with("0123456789");
	char buf[4] = "";
	CHECK_EQ(pread(fd, buf, 3, 5), 3);
	CHECK(memcmp(buf, "567", 3) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
}

TEST(pwrite_keeps_offset)
{
	int fd = file_with("0123456789");
	CHECK_EQ(pwrite(fd, "XY", 2, 3), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	char buf[16] = "";
	test_read_file("f", buf, sizeof buf);
	CHECK_STR(buf, "012XY56789");
}

TEST(pread_past_eof_returns_zero)
{
	int fd = file_with("abc");
	char buf[4];
	CHECK_EQ(pread(fd, buf, 4, 100), 0);
}

TEST(pread_negative_offset_einval)
{
	int fd = file_with("abc");
	char buf[4];
	CHECK_ERRNO(pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERRNO(pwrite(fd, buf, 1, -1), EINVAL);
}

TEST(pread_on_pipe_espipe)
{
	int p[2];
	CHECK_OK(pipe(p));
	char buf[4];
	CHECK_ERRNO(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERRNO(pwrite(p[1], buf, 1, 0), ESPIPE);
}

TEST(lseek_set_cur_end)
{
	int fd = file_with("0123456789");
	CHECK_EQ(lseek(fd, 4, SEEK_SET), 4);
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 6);
	CHECK_EQ(lseek(fd, -3, SEEK_CUR), 3);
	CHECK_EQ(lseek(fd, -1, SEEK_END), 9);
	char c;
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, '9');
}

TEST(lseek_past_end_makes_hole)
{
	int fd = file_with("ab");
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
	CHECK_EQ(write(fd, "z", 1), 1);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 101);
	char buf[101];
	CHECK_EQ(pread(fd, buf, 101, 0), 101);
	CHECK_EQ(buf[2], 0);
	CHECK_EQ(buf[99], 0);
	CHECK_EQ(buf[100], 'z');
}

TEST(lseek_negative_result_einval)
{
	int fd = file_with("ab");
	CHECK_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERRNO(lseek(fd, -10, SEEK_END), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
}

TEST(lseek_bad_whence_einval)
{
	int fd = file_with("ab");
	CHECK_ERRNO(lseek(fd, 0, 77), EINVAL);
}

TEST(lseek_on_pipe_espipe)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE);
}

TEST(lseek_bad_fd_ebadf)
{
	CHECK_ERRNO(lseek(12345, 0, SEEK_SET), EBADF);
}

TEST(append_after_lseek_goes_to_end)
{
	test_write_file("f", "abc");
	int fd = CHECK_OK(open("f", O_RDWR | O_APPEND));
	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
	CHECK_EQ(write(fd, "Z", 1), 1);
	char buf[8] = "";
	CHECK_EQ(pread(fd, buf, 8, 0), 4);
	CHECK(memcmp(buf, "abcZ", 4) == 0);
}

TEST(overwrite_middle_keeps_size)
{
	int fd = file_with("0123456789");
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
	CHECK_EQ(write(fd, "ab", 2), 2);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 10);
	char buf[16] = "";
	test_read_file("f", buf, sizeof buf);
	CHECK_STR(buf, "01ab456789");
}
