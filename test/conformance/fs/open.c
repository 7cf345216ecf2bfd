/* open, openat, creat, close. */
#include "harness.h"

#include <limits.h>

TEST(open_creat_creates_regular_file)
{
	int fd = CHECK_OK(open("new", O_WRONLY | O_CREAT, 0644));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK_EQ(st.st_size, 0);
	CHECK_OK(access("new", F_OK));
}

TEST(open_creat_applies_umask)
{
	umask(077);
	int fd = CHECK_OK(open("masked", O_WRONLY | O_CREAT, 0666));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
}

TEST(open_creat_excl_eexist)
{
	CHECK_OK(open("x", O_WRONLY | O_CREAT | O_EXCL, 0644));
	CHECK_ERRNO(open("x", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
}

TEST(open_creat_excl_symlink_eexist)
{
	CHECK_OK(symlink("target-missing", "l"));
	CHECK_ERRNO(open("l", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
}

TEST(open_creat_existing_keeps_content)
{
	test_write_file("f", "keep");
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	char buf[8] = "";
	CHECK_EQ(read(fd, buf, sizeof buf), 4);
	CHECK(memcmp(buf, "keep", 4) == 0);
}

TEST(open_missing_enoent)
{
	CHECK_ERRNO(open("missing", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("missing/dir/file", O_RDONLY | O_CREAT, 0644), ENOENT);
}

TEST(open_empty_path_enoent)
{
	CHECK_ERRNO(open("", O_RDONLY), ENOENT);
}

TEST(open_through_file_enotdir)
{
	test_write_file("f", "x");
	CHECK_ERRNO(open("f/x", O_RDONLY), ENOTDIR);
}

TEST(open_o_directory_on_file_enotdir)
{
	test_write_file("f", "x");
	CHECK_ERRNO(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
}

TEST(open_o_directory_on_dir)
{
	CHECK_OK(mkdir("d", 0755));
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISDIR(st.st_mode));
}

TEST(open_dir_for_writing_eisdir)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(open("d", O_WRONLY), EISDIR);
	CHECK_ERRNO(open("d", O_RDWR), EISDIR);
}

TEST(open_trunc_truncates)
{
	test_write_file("f", "0123456789");
	int fd = CHECK_OK(open("f", O_WRONLY | O_TRUNC));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
}

TEST(open_append_writes_at_end)
{
	test_write_file("f", "abc");
	int fd = CHECK_OK(open("f", O_WRONLY | O_APPEND));
	CHECK_OK(lseek(fd, 0, SEEK_SET));
	CHECK_EQ(write(fd, "de", 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	char buf[8] = "";
	test_read_file("f", buf, sizeof buf);
	CHECK_STR(buf, "abcde");
}

TEST(open_rdonly_write_ebadf)
{
	test_write_file("f", "abc");
	int fd = CHECK_OK(open("f", O_RDONLY));
	CHECK_ERRNO(write(fd, "x", 1), EBADF);
}

TEST(open_wronly_read_ebadf)
{
	int fd = CHECK_OK(open("f", O_WRONLY | O_CREAT, 0644));
	char c;
	CHECK_ERRNO(read(fd, &c, 1), EBADF);
}

TEST(open_bad_path_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_open, (char *)1, O_RDONLY), EFAULT);
	CHECK_ERRNO(syscall(SYS_openat, AT_FDCWD, test_bad_ptr(), O_RDONLY), EFAULT);
}

TEST(open_long_component_enametoolong)
{
	char name[300];
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = 0;
	CHECK_ERRNO(open(name, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
}

TEST(open_long_path_enametoolong)
{
	static char path[PATH_MAX + 10];
	for (size_t i = 0; i < sizeof path - 1; i++)
		path[i] = (i % 2) ? '/' : 'a';
	path[sizeof path - 1] = 0;
	CHECK_ERRNO(open(path, O_RDONLY), ENAMETOOLONG);
}

TEST(open_returns_lowest_free_fd)
{
	int a = CHECK_OK(open("/dev/null", O_RDONLY));
	int b = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK(b > a);
	CHECK_OK(close(a));
	CHECK_EQ(open("/dev/null", O_RDONLY), a);
	CHECK_OK(close(0));
	CHECK_EQ(open("/dev/null", O_RDONLY), 0);
}

TEST(open_follows_symlink)
{
	test_write_file("target", "via link");
	CHECK_OK(symlink("target", "link"));
	char buf[16] = "";
	CHECK_EQ(test_read_file("link", buf, sizeof buf), 8);
	CHECK_STR(buf, "via link");
}

TEST(open_nofollow_symlink_eloop)
{
	test_write_file("target", "x");
	CHECK_OK(symlink("target", "link"));
	CHECK_ERRNO(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_OK(open("target", O_RDONLY | O_NOFOLLOW));
}

TEST(open_symlink_loop_eloop)
{
	CHECK_OK(symlink("b", "a"));
	CHECK_OK(symlink("a", "b"));
	CHECK_ERRNO(open("a", O_RDONLY), ELOOP);
}

TEST(open_dangling_symlink_creat_creates_target)
{
	CHECK_OK(symlink("made", "link"));
	CHECK_OK(open("link", O_WRONLY | O_CREAT, 0644));
	CHECK_OK(access("made", F_OK));
}

TEST(openat_relative_to_dirfd)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "in d");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	int fd = CHECK_OK(openat(dfd, "f", O_RDONLY));
	char buf[8] = "";
	CHECK_EQ(read(fd, buf, sizeof buf), 4);
	CHECK(memcmp(buf, "in d", 4) == 0);
	CHECK_OK(openat(dfd, "g", O_WRONLY | O_CREAT, 0644));
	CHECK_OK(access("d/g", F_OK));
}

TEST(openat_at_fdcwd)
{
	test_write_file("f", "x");
	CHECK_OK(openat(AT_FDCWD, "f", O_RDONLY));
}

TEST(openat_absolute_ignores_dirfd)
{
	CHECK_OK(openat(12345, "/dev/null", O_RDONLY));
}

TEST(openat_bad_dirfd_ebadf)
{
	CHECK_ERRNO(openat(12345, "f", O_RDONLY), EBADF);
	CHECK_ERRNO(openat(-5, "f", O_RDONLY), EBADF);
}

TEST(openat_file_dirfd_enotdir)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	CHECK_ERRNO(openat(fd, "g", O_RDONLY), ENOTDIR);
}

TEST(creat_truncates_and_writes)
{
	test_write_file("f", "long old content");
	int fd = CHECK_OK(syscall(SYS_creat, "f", 0644));
	CHECK_EQ(write(fd, "new", 3), 3);
	char c;
	CHECK_ERRNO(read(fd, &c, 1), EBADF); /* O_WRONLY */
	char buf[32] = "";
	test_read_file("f", buf, sizeof buf);
	CHECK_STR(buf, "new");
}

TEST(close_bad_fd_ebadf)
{
	CHECK_ERRNO(close(12345), EBADF);
	CHECK_ERRNO(close(-1), EBADF);
}

TEST(close_twice_ebadf)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_OK(close(fd));
	CHECK_ERRNO(close(fd), EBADF);
}

TEST(open_dotdot_of_root_is_root)
{
	struct stat a, b;
	CHECK_OK(stat("/..", &a));
	CHECK_OK(stat("/", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_dev, b.st_dev);
}

TEST(open_many_files)
{
	int fds[200];
	for (int i = 0; i < 200; i++)
		fds[i] = CHECK_OK(open("/dev/null", O_RDONLY));
	for (int i = 1; i < 200; i++)
		CHECK(fds[i] > fds[i - 1]);
	for (int i = 0; i < 200; i++)
		CHECK_OK(close(fds[i]));
}
