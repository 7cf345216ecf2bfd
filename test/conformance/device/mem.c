/* /dev/null, /dev/zero, /dev/full, /dev/urandom, getrandom. */
#include "harness.h"

#include <sys/random.h>

TEST(dev_null_reads_eof)
{
	int fd = CHECK_OK(open("/dev/null", O_RDWR));
	char buf[16];
	CHECK_EQ(read(fd, buf, sizeof buf), 0);
}

TEST(dev_null_swallows_writes)
{
	int fd = CHECK_OK(open("/dev/null", O_WRONLY));
	char big[65536];
	memset(big, 1, sizeof big);
	CHECK_EQ(write(fd, big, sizeof big), sizeof big);
	CHECK_EQ(write(fd, "x", 1), 1);
}

TEST(dev_zero_reads_zeros)
{
	int fd = CHECK_OK(open("/dev/zero", O_RDONLY));
	char buf[10000];
	memset(buf, 0x77, sizeof buf);
	CHECK_EQ(read(fd, buf, sizeof buf), sizeof buf);
	for (size_t i = 0; i < sizeof buf; i++)
		if (buf[i])
			FAIL("byte %zu is %d", i, buf[i]);
}

TEST(dev_zero_accepts_writes)
{
	int fd = CHECK_OK(open("/dev/zero", O_WRONLY));
	CHECK_EQ(write(fd, "abc", 3), 3);
}

TEST(dev_zero_mmap_private)
{
	int fd = CHECK_OK(open("/dev/zero", O_RDWR));
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0] + p[8191], 0);
	p[5] = 3;
	CHECK_EQ(p[5], 3);
}

TEST(dev_full_write_enospc)
{
	int fd = CHECK_OK(open("/dev/full", O_WRONLY));
	CHECK_ERRNO(write(fd, "x", 1), ENOSPC);
}

TEST(dev_full_reads_zeros)
{
	int fd = CHECK_OK(open("/dev/full", O_RDONLY));
	char buf[64];
	memset(buf, 1, sizeof buf);
	CHECK_EQ(read(fd, buf, sizeof buf), sizeof buf);
	CHECK_EQ(buf[0], 0);
	CHECK_EQ(buf[63], 0);
}

TEST(dev_urandom_reads_random)
{
	int fd = CHECK_OK(open("/dev/urandom", O_RDONLY));
	unsigned char a[64], b[64];
	CHECK_EQ(read(fd, a, sizeof a), sizeof a);
	CHECK_EQ(read(fd, b, sizeof b), sizeof b);
	CHECK(memcmp(a, b, sizeof a) != 0);
	int zeros = 0;
	for (size_t i = 0; i < sizeof a; i++)
		zeros += a[i] == 0;
	CHECK(zeros < 16);
}

TEST(dev_random_reads)
{
	int fd = CHECK_OK(open("/dev/random", O_RDONLY));
	unsigned char a[16];
	CHECK_EQ(read(fd, a, sizeof a), sizeof a);
}

TEST(dev_urandom_bad_buffer_efault)
{
	int fd = CHECK_OK(open("/dev/urandom", O_RDONLY));
	CHECK_ERRNO(read(fd, test_bad_ptr(), 16), EFAULT);
}

TEST(getrandom_fills_buffer)
{
	unsigned char a[32], b[32];
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	CHECK_EQ(getrandom(a, sizeof a, 0), sizeof a);
	CHECK_EQ(getrandom(b, sizeof b, GRND_NONBLOCK), sizeof b);
	CHECK(memcmp(a, b, sizeof a) != 0);
}

TEST(getrandom_bad_flags_einval)
{
	unsigned char a[8];
	CHECK_ERRNO(syscall(SYS_getrandom, a, sizeof a, 0x100), EINVAL);
}

TEST(getrandom_bad_buffer_efault)
{
	CHECK_ERRNO(syscall(SYS_getrandom, test_bad_ptr(), 16, 0), EFAULT);
}

TEST(getrandom_zero_length)
{
	unsigned char a[1];
	CHECK_EQ(syscall(SYS_getrandom, a, 0, 0), 0);
}

TEST(dev_fstat_types)
{
	const char *names[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/urandom"};
	for (int i = 0; i < 4; i++) {
		struct stat st;
		CHECK_OK(stat(names[i], &st));
		CHECK(S_ISCHR(st.st_mode));
	}
}

TEST(dev_null_lseek_ok)
{
	int fd = CHECK_OK(open("/dev/null", O_RDWR));
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 0);
}
