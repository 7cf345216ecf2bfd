/* mkdir, rmdir, unlink, rename, link, symlink, readlink, the *at family,
 * chdir, getcwd, getdents64. */
#include "harness.h"

#include <dirent.h>

TEST(mkdir_creates_directory)
{
	CHECK_OK(mkdir("d", 0755));
	struct stat st;
	CHECK_OK(stat("d", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0755);
}

TEST(mkdir_existing_eexist)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(mkdir("d", 0755), EEXIST);
	test_write_file("f", "x");
	CHECK_ERRNO(mkdir("f", 0755), EEXIST);
}

TEST(mkdir_missing_parent_enoent)
{
	CHECK_ERRNO(mkdir("no/such", 0755), ENOENT);
}

TEST(mkdir_parent_is_file_enotdir)
{
	test_write_file("f", "x");
	CHECK_ERRNO(mkdir("f/sub", 0755), ENOTDIR);
}

TEST(mkdir_bad_path_efault)
{
	CHECK_ERRNO(syscall(SYS_mkdir, (char *)1, 0755), EFAULT);
}

TEST(mkdir_updates_parent_nlink)
{
	CHECK_OK(mkdir("d", 0755));
	struct stat a, b;
	CHECK_OK(stat("d", &a));
	CHECK_OK(mkdir("d/sub", 0755));
	CHECK_OK(stat("d", &b));
	CHECK_EQ(b.st_nlink, a.st_nlink + 1);
}

TEST(mkdirat_relative)
{
	CHECK_OK(mkdir("d", 0755));
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(mkdirat(dfd, "sub", 0700));
	struct stat st;
	CHECK_OK(stat("d/sub", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_ERRNO(mkdirat(12345, "x", 0700), EBADF);
}

TEST(rmdir_removes_empty)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_OK(rmdir("d"));
	CHECK_ERRNO(access("d", F_OK), ENOENT);
}

TEST(rmdir_nonempty_enotempty)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "x");
	CHECK_ERRNO(rmdir("d"), ENOTEMPTY);
}

TEST(rmdir_file_enotdir)
{
	test_write_file("f", "x");
	CHECK_ERRNO(rmdir("f"), ENOTDIR);
}

TEST(rmdir_dot_einval)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(rmdir("d/."), EINVAL);
}

TEST(rmdir_missing_enoent)
{
	CHECK_ERRNO(rmdir("missing"), ENOENT);
}

TEST(unlink_removes_file)
{
	test_write_file("f", "x");
	CHECK_OK(unlink("f"));
	CHECK_ERRNO(access("f", F_OK), ENOENT);
	CHECK_ERRNO(unlink("f"), ENOENT);
}

TEST(unlink_directory_eisdir)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(unlink("d"), EISDIR);
}

TEST(unlink_open_file_stays_readable)
{
	test_write_file("f", "still here");
	int fd = CHECK_OK(open("f", O_RDONLY));
	CHECK_OK(unlink("f"));
	char buf[16] = "";
	CHECK_EQ(read(fd, buf, sizeof buf), 10);
	CHECK(memcmp(buf, "still here", 10) == 0);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_nlink, 0);
}

TEST(unlink_symlink_not_target)
{
	test_write_file("t", "x");
	CHECK_OK(symlink("t", "l"));
	CHECK_OK(unlink("l"));
	CHECK_OK(access("t", F_OK));
}

TEST(unlinkat_removedir)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_OK(mkdir("d/sub", 0755));
	test_write_file("d/f", "x");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_ERRNO(unlinkat(dfd, "sub", 0), EISDIR);
	CHECK_OK(unlinkat(dfd, "sub", AT_REMOVEDIR));
	CHECK_ERRNO(unlinkat(dfd, "f", AT_REMOVEDIR), ENOTDIR);
	CHECK_OK(unlinkat(dfd, "f", 0));
}

TEST(unlinkat_bad_flags_einval)
{
	test_write_file("f", "x");
	CHECK_ERRNO(unlinkat(AT_FDCWD, "f", 0x1), EINVAL);
}

TEST(rename_file)
{
	test_write_file("a", "content");
	CHECK_OK(rename("a", "b"));
	CHECK_ERRNO(access("a", F_OK), ENOENT);
	char buf[16] = "";
	test_read_file("b", buf, sizeof buf);
	CHECK_STR(buf, "content");
}

TEST(rename_replaces_target)
{
	test_write_file("a", "new");
	test_write_file("b", "old");
	struct stat sa, sb;
	CHECK_OK(stat("a", &sa));
	CHECK_OK(rename("a", "b"));
	CHECK_OK(stat("b", &sb));
	CHECK_EQ(sa.st_ino, sb.st_ino);
}

TEST(rename_directory)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "x");
	CHECK_OK(mkdir("e", 0755));
	CHECK_OK(rename("d", "e/moved"));
	CHECK_OK(access("e/moved/f", F_OK));
}

TEST(rename_dir_over_nonempty_dir_fails)
{
	CHECK_OK(mkdir("a", 0755));
	CHECK_OK(mkdir("b", 0755));
	test_write_file("b/f", "x");
	errno = 0;
	CHECK_EQ(rename("a", "b"), -1);
	CHECK(errno == ENOTEMPTY || errno == EEXIST);
}

TEST(rename_dir_over_empty_dir)
{
	CHECK_OK(mkdir("a", 0755));
	test_write_file("a/f", "x");
	CHECK_OK(mkdir("b", 0755));
	CHECK_OK(rename("a", "b"));
	CHECK_OK(access("b/f", F_OK));
}

TEST(rename_file_over_dir_eisdir)
{
	test_write_file("f", "x");
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(rename("f", "d"), EISDIR);
}

TEST(rename_dir_over_file_enotdir)
{
	test_write_file("f", "x");
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(rename("d", "f"), ENOTDIR);
}

TEST(rename_into_own_subdir_einval)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_OK(mkdir("d/sub", 0755));
	CHECK_ERRNO(rename("d", "d/sub/x"), EINVAL);
}

TEST(rename_missing_enoent)
{
	CHECK_ERRNO(rename("missing", "x"), ENOENT);
}

TEST(rename_same_file_noop)
{
	test_write_file("a", "x");
	CHECK_OK(link("a", "b"));
	CHECK_OK(rename("a", "b")); /* same inode: nothing happens */
	CHECK_OK(access("a", F_OK));
	CHECK_OK(access("b", F_OK));
}

TEST(renameat_relative)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "x");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(renameat(dfd, "f", AT_FDCWD, "g"));
	CHECK_OK(access("g", F_OK));
	CHECK_ERRNO(renameat(12345, "f", AT_FDCWD, "h"), EBADF);
}

TEST(link_creates_hard_link)
{
	test_write_file("a", "shared");
	CHECK_OK(link("a", "b"));
	struct stat sa, sb;
	CHECK_OK(stat("a", &sa));
	CHECK_OK(stat("b", &sb));
	CHECK_EQ(sa.st_ino, sb.st_ino);
	CHECK_EQ(sa.st_nlink, 2);
	CHECK_OK(unlink("a"));
	CHECK_OK(stat("b", &sb));
	CHECK_EQ(sb.st_nlink, 1);
}

TEST(link_existing_eexist)
{
	test_write_file("a", "x");
	test_write_file("b", "y");
	CHECK_ERRNO(link("a", "b"), EEXIST);
}

TEST(link_directory_eperm)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(link("d", "e"), EPERM);
}

TEST(link_missing_enoent)
{
	CHECK_ERRNO(link("missing", "e"), ENOENT);
}

TEST(linkat_relative)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/f", "x");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(linkat(dfd, "f", AT_FDCWD, "g", 0));
	struct stat st;
	CHECK_OK(stat("g", &st));
	CHECK_EQ(st.st_nlink, 2);
	CHECK_ERRNO(linkat(dfd, "f", AT_FDCWD, "h", 0x1234), EINVAL);
}

TEST(symlink_and_readlink)
{
	CHECK_OK(symlink("some/target", "l"));
	char buf[64];
	CHECK_EQ(readlink("l", buf, sizeof buf), 11);
	CHECK(memcmp(buf, "some/target", 11) == 0);
}

TEST(readlink_truncates_without_nul)
{
	CHECK_OK(symlink("abcdefgh", "l"));
	char buf[8];
	memset(buf, 'X', sizeof buf);
	CHECK_EQ(readlink("l", buf, 4), 4);
	CHECK(memcmp(buf, "abcdX", 5) == 0);
}

TEST(readlink_not_symlink_einval)
{
	test_write_file("f", "x");
	char buf[16];
	CHECK_ERRNO(readlink("f", buf, sizeof buf), EINVAL);
}

TEST(readlink_bad_size_einval)
{
	CHECK_OK(symlink("t", "l"));
	char buf[16];
	CHECK_ERRNO(syscall(SYS_readlink, "l", buf, 0), EINVAL);
	CHECK_ERRNO(syscall(SYS_readlink, "l", buf, -1), EINVAL);
}

TEST(readlink_bad_buffer_efault)
{
	CHECK_OK(symlink("t", "l"));
	CHECK_ERRNO(syscall(SYS_readlink, "l", test_bad_ptr(), 16), EFAULT);
}

TEST(symlink_existing_eexist)
{
	test_write_file("f", "x");
	CHECK_ERRNO(symlink("t", "f"), EEXIST);
}

TEST(symlink_empty_target_enoent)
{
	CHECK_ERRNO(symlink("", "l"), ENOENT);
}

TEST(symlinkat_readlinkat)
{
	CHECK_OK(mkdir("d", 0755));
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(symlinkat("../x", dfd, "l"));
	char buf[16];
	CHECK_EQ(readlinkat(dfd, "l", buf, sizeof buf), 4);
	CHECK(memcmp(buf, "../x", 4) == 0);
	CHECK_EQ(readlink("d/l", buf, sizeof buf), 4);
}

TEST(symlink_in_middle_of_path)
{
	CHECK_OK(mkdir("real", 0755));
	test_write_file("real/f", "deep");
	CHECK_OK(symlink("real", "alias"));
	char buf[8] = "";
	CHECK_EQ(test_read_file("alias/f", buf, sizeof buf), 4);
	CHECK_OK(symlink("/dev", "abs"));
	struct stat st;
	CHECK_OK(stat("abs/null", &st));
	CHECK(S_ISCHR(st.st_mode));
}

TEST(chdir_and_getcwd)
{
	char start[4096], buf[4096];
	CHECK(getcwd(start, sizeof start) != NULL);
	CHECK_OK(mkdir("d", 0755));
	CHECK_OK(chdir("d"));
	CHECK(getcwd(buf, sizeof buf) != NULL);
	strcat(start, "/d");
	CHECK_STR(buf, start);
	CHECK_OK(chdir(".."));
	CHECK(getcwd(buf, sizeof buf) != NULL);
	start[strlen(start) - 2] = 0;
	CHECK_STR(buf, start);
}

TEST(chdir_root)
{
	char buf[64];
	CHECK_OK(chdir("/"));
	CHECK(getcwd(buf, sizeof buf) != NULL);
	CHECK_STR(buf, "/");
	CHECK_OK(chdir(".."));
	CHECK(getcwd(buf, sizeof buf) != NULL);
	CHECK_STR(buf, "/");
}

TEST(chdir_errors)
{
	test_write_file("f", "x");
	CHECK_ERRNO(chdir("missing"), ENOENT);
	CHECK_ERRNO(chdir("f"), ENOTDIR);
	CHECK_ERRNO(syscall(SYS_chdir, (char *)1), EFAULT);
}

TEST(fchdir_to_directory_fd)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/inside", "x");
	int dfd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_OK(fchdir(dfd));
	CHECK_OK(access("inside", F_OK));
	int fd = CHECK_OK(open("inside", O_RDONLY));
	CHECK_ERRNO(fchdir(fd), ENOTDIR);
	CHECK_ERRNO(fchdir(12345), EBADF);
}

TEST(getcwd_small_buffer_erange)
{
	char buf[2];
	CHECK_ERRNO(syscall(SYS_getcwd, buf, 2), ERANGE);
	CHECK_ERRNO(syscall(SYS_getcwd, buf, 0), ERANGE);
}

TEST(getcwd_returns_length)
{
	char buf[4096];
	long n = syscall(SYS_getcwd, buf, sizeof buf);
	CHECK(n > 1);
	CHECK_EQ(n, strlen(buf) + 1);
	CHECK_EQ(buf[0], '/');
}

TEST(getcwd_bad_buffer_efault)
{
	CHECK_ERRNO(syscall(SYS_getcwd, test_bad_ptr(), 4096), EFAULT);
}

TEST(chdir_then_relative_paths)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_OK(chdir("d"));
	test_write_file("here", "x");
	CHECK_OK(chdir(".."));
	CHECK_OK(access("d/here", F_OK));
}

struct linux_dirent64_ {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Reads a directory with getdents64; returns a '|'-separated "name:type" list. */
static int list_dir(int fd, char *out, size_t size, int bufsize)
{
	char buf[8192];
	int count = 0;
	out[0] = 0;
	for (;;) {
		long n = syscall(SYS_getdents64, fd, buf, bufsize);
		if (n < 0)
			FAIL("getdents64: %s", strerror(errno));
		if (n == 0)
			break;
		for (long off = 0; off < n;) {
			struct linux_dirent64_ *d = (void *)(buf + off);
			if (d->d_reclen == 0 || off + d->d_reclen > n)
				FAIL("bad d_reclen %d", d->d_reclen);
			if (d->d_ino == 0)
				FAIL("d_ino 0 for %s", d->d_name);
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s:%d", len ? "|" : "", d->d_name, d->d_type);
			count++;
			off += d->d_reclen;
		}
	}
	return count;
}

static int has_entry(const char *list, const char *entry)
{
	size_t n = strlen(entry);
	for (const char *p = list; (p = strstr(p, entry)) != NULL; p++)
		if ((p == list || p[-1] == '|') && (p[n] == '|' || p[n] == 0))
			return 1;
	return 0;
}

TEST(getdents64_lists_entries_with_types)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/file", "x");
	CHECK_OK(mkdir("d/sub", 0755));
	CHECK_OK(symlink("file", "d/link"));
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	char list[1024];
	CHECK_EQ(list_dir(fd, list, sizeof list, 8192), 5);
	CHECK(has_entry(list, ".:4"));
	CHECK(has_entry(list, "..:4"));
	CHECK(has_entry(list, "file:8"));
	CHECK(has_entry(list, "sub:4"));
	CHECK(has_entry(list, "link:10"));
}

TEST(getdents64_small_buffers_see_all)
{
	CHECK_OK(mkdir("d", 0755));
	char name[32];
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof name, "d/entry-%02d", i);
		test_write_file(name, "x");
	}
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	static char list[8192];
	CHECK_EQ(list_dir(fd, list, sizeof list, 64), 52);
	CHECK(has_entry(list, "entry-00:8"));
	CHECK(has_entry(list, "entry-49:8"));
}

TEST(getdents64_eof_and_rewind)
{
	CHECK_OK(mkdir("d", 0755));
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	char list[256];
	CHECK_EQ(list_dir(fd, list, sizeof list, 8192), 2);
	char buf[512];
	CHECK_EQ(syscall(SYS_getdents64, fd, buf, sizeof buf), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof buf) > 0);
}

TEST(getdents64_after_unlink)
{
	CHECK_OK(mkdir("d", 0755));
	test_write_file("d/a", "x");
	test_write_file("d/b", "x");
	CHECK_OK(unlink("d/a"));
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	char list[256];
	CHECK_EQ(list_dir(fd, list, sizeof list, 8192), 3);
	CHECK(!has_entry(list, "a:8"));
	CHECK(has_entry(list, "b:8"));
}

TEST(getdents64_tiny_buffer_einval)
{
	CHECK_OK(mkdir("d", 0755));
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	char buf[8];
	CHECK_ERRNO(syscall(SYS_getdents64, fd, buf, sizeof buf), EINVAL);
}

TEST(getdents64_on_file_enotdir)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	char buf[512];
	CHECK_ERRNO(syscall(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR);
}

TEST(getdents64_bad_fd_ebadf)
{
	char buf[512];
	CHECK_ERRNO(syscall(SYS_getdents64, 12345, buf, sizeof buf), EBADF);
}

TEST(getdents64_bad_buffer_efault)
{
	CHECK_OK(mkdir("d", 0755));
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_ERRNO(syscall(SYS_getdents64, fd, test_bad_ptr(), 512), EFAULT);
}

TEST(opendir_readdir_root_has_dev_and_proc)
{
	DIR *d = opendir("/");
	CHECK(d != NULL);
	int dev = 0, proc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		dev |= !strcmp(e->d_name, "dev");
		proc |= !strcmp(e->d_name, "proc");
	}
	closedir(d);
	CHECK(dev && proc);
}
