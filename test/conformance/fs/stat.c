/* stat, fstat, lstat, newfstatat, utimensat, access, chmod, umask, truncate. */
#include "harness.h"

#include <sys/sysmacros.h>

TEST(stat_regular_file)
{
	test_write_file("f", "12345");
	struct stat st;
	CHECK_OK(stat("f", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, 0);
	CHECK(st.st_blksize > 0);
}

TEST(fstat_matches_stat)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	struct stat a, b;
	CHECK_OK(stat("f", &a));
	CHECK_OK(fstat(fd, &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_dev, b.st_dev);
	CHECK_EQ(a.st_mode, b.st_mode);
}

TEST(distinct_files_distinct_inodes)
{
	test_write_file("a", "x");
	test_write_file("b", "x");
	struct stat a, b;
	CHECK_OK(stat("a", &a));
	CHECK_OK(stat("b", &b));
	CHECK(a.st_ino != b.st_ino);
}

TEST(lstat_sees_symlink)
{
	test_write_file("target", "abc");
	CHECK_OK(symlink("target", "link"));
	struct stat st;
	CHECK_OK(lstat("link", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_size, 6); /* strlen("target") */
	CHECK_OK(stat("link", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 3);
}

TEST(stat_missing_enoent)
{
	struct stat st;
	CHECK_ERRNO(stat("missing", &st), ENOENT);
	CHECK_ERRNO(lstat("missing", &st), ENOENT);
}

TEST(stat_bad_pointers_efault)
{
	test_write_file("f", "x");
	struct stat st;
	CHECK_ERRNO(syscall(SYS_stat, (char *)1, &st), EFAULT);
	CHECK_ERRNO(syscall(SYS_stat, "f", test_bad_ptr()), EFAULT);
}

TEST(fstat_bad_buffer_efault)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_ERRNO(syscall(SYS_fstat, fd, (void *)1), EFAULT);
}

TEST(fstat_bad_fd_ebadf)
{
	struct stat st;
	CHECK_ERRNO(syscall(SYS_fstat, 12345, &st), EBADF);
}

TEST(newfstatat_relative_and_nofollow)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "abcd");
	CHECK_OK(symlink("f", "d/l"));
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	struct stat st;
	CHECK_OK(syscall(SYS_newfstatat, dfd, "f", &st, 0));
	CHECK_EQ(st.st_size, 4);
	CHECK_OK(syscall(SYS_newfstatat, dfd, "l", &st, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_OK(syscall(SYS_newfstatat, dfd, "l", &st, 0));
	CHECK(S_ISREG(st.st_mode));
}

TEST(newfstatat_empty_path)
{
	test_write_file("f", "abc");
	int fd = CHECK_OK(open("f", O_RDONLY));
	struct stat st;
	CHECK_OK(syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH));
	CHECK_EQ(st.st_size, 3);
	CHECK_ERRNO(syscall(SYS_newfstatat, fd, "", &st, 0), ENOENT);
}

TEST(newfstatat_bad_flags_einval)
{
	struct stat st;
	CHECK_ERRNO(syscall(SYS_newfstatat, AT_FDCWD, ".", &st, 0x1), EINVAL);
}

TEST(newfstatat_bad_dirfd_ebadf)
{
	struct stat st;
	CHECK_ERRNO(syscall(SYS_newfstatat, 12345, "x", &st, 0), EBADF);
}

TEST(stat_directory)
{
	CHECK_OK(mkdir("d", 0755));
	struct stat st;
	CHECK_OK(stat("d", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK(st.st_nlink >= 2);
}

TEST(stat_dev_null_is_char_device)
{
	struct stat st;
	CHECK_OK(stat("/dev/null", &st));
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(major(st.st_rdev), 1);
	CHECK_EQ(minor(st.st_rdev), 3);
}

TEST(stat_size_follows_writes)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	struct stat st;
	char buf[5000];
	memset(buf, 1, sizeof buf);
	CHECK_EQ(write(fd, buf, sizeof buf), sizeof buf);
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 5000);
}

TEST(utimensat_sets_times)
{
	test_write_file("f", "x");
	struct timespec ts[2] = {{1000000000, 0}, {1234567890, 500}};
	CHECK_OK(utimensat(AT_FDCWD, "f", ts, 0));
	struct stat st;
	CHECK_OK(stat("f", &st));
	CHECK_EQ(st.st_atim.tv_sec, 1000000000);
	CHECK_EQ(st.st_mtim.tv_sec, 1234567890);
}

TEST(write_updates_mtime)
{
	test_write_file("f", "x");
	struct timespec ts[2] = {{1000000000, 0}, {1000000000, 0}};
	CHECK_OK(utimensat(AT_FDCWD, "f", ts, 0));
	int fd = CHECK_OK(open("f", O_WRONLY));
	CHECK_EQ(write(fd, "y", 1), 1);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK(st.st_mtim.tv_sec > 1000000000);
}

TEST(access_modes)
{
	test_write_file("f", "x");
	CHECK_OK(access("f", F_OK));
	CHECK_OK(access("f", R_OK | W_OK));
	CHECK_ERRNO(access("missing", F_OK), ENOENT);
	CHECK_OK(chmod("f", 0644));
	CHECK_ERRNO(access("f", X_OK), EACCES); /* even root needs an x bit */
}

TEST(access_bad_mode_einval)
{
	CHECK_ERRNO(access(".", 0x100), EINVAL);
}

TEST(faccessat_relative)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "x");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(faccessat(dfd, "f", R_OK, 0));
	CHECK_ERRNO(faccessat(dfd, "g", R_OK, 0), ENOENT);
}

TEST(chmod_changes_mode)
{
	test_write_file("f", "x");
	CHECK_OK(chmod("f", 0600));
	struct stat st;
	CHECK_OK(stat("f", &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_OK(chmod("f", 04751));
	CHECK_OK(stat("f", &st));
	CHECK_EQ(st.st_mode & 07777, 04751);
	CHECK(S_ISREG(st.st_mode));
}

TEST(fchmod_changes_mode)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_OK(fchmod(fd, 0400));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 0400);
}

TEST(fchmodat_relative)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "x");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(fchmodat(dfd, "f", 0700, 0));
	struct stat st;
	CHECK_OK(stat("d/f", &st));
	CHECK_EQ(st.st_mode & 07777, 0700);
}

TEST(chmod_errors)
{
	CHECK_ERRNO(chmod("missing", 0644), ENOENT);
	CHECK_ERRNO(syscall(SYS_chmod, (char *)1, 0644), EFAULT);
	CHECK_ERRNO(fchmod(12345, 0644), EBADF);
}

TEST(umask_returns_previous)
{
	umask(022);
	CHECK_EQ(umask(077), 022);
	CHECK_EQ(umask(0), 077);
	CHECK_EQ(umask(01777), 0); /* only the permission bits are kept */
	CHECK_EQ(umask(022), 0777);
}

TEST(umask_applies_to_mkdir)
{
	umask(027);
	CHECK_OK(mkdir("d", 0777));
	struct stat st;
	CHECK_OK(stat("d", &st));
	CHECK_EQ(st.st_mode & 0777, 0750);
}

TEST(truncate_shrinks)
{
	test_write_file("f", "0123456789");
	CHECK_OK(truncate("f", 4));
	char buf[16] = "";
	CHECK_EQ(test_read_file("f", buf, sizeof buf), 4);
	CHECK_STR(buf, "0123");
}

TEST(truncate_extends_with_zeros)
{
	test_write_file("f", "ab");
	CHECK_OK(truncate("f", 10));
	char buf[16];
	CHECK_EQ(test_read_file("f", buf, sizeof buf), 10);
	CHECK_EQ(buf[1], 'b');
	CHECK_EQ(buf[2], 0);
	CHECK_EQ(buf[9], 0);
}

TEST(ftruncate_changes_size)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_OK(ftruncate(fd, 2));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6); /* the offset is not moved */
	CHECK_OK(ftruncate(fd, 0));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
}

TEST(truncate_errors)
{
	test_write_file("f", "x");
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(truncate("missing", 0), ENOENT);
	CHECK_ERRNO(truncate("d", 0), EISDIR);
	CHECK_ERRNO(truncate("f", -1), EINVAL);
	int fd = CHECK_OK(open("f", O_RDWR));
	CHECK_ERRNO(ftruncate(fd, -1), EINVAL);
	CHECK_ERRNO(ftruncate(12345, 0), EBADF);
}

TEST(ftruncate_readonly_fd_fails)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	errno = 0;
	CHECK_EQ(ftruncate(fd, 0), -1);
	CHECK(errno == EINVAL || errno == EBADF);
}
