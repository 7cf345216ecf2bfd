/* User and group ids (the initramfs runs everything as root). */
#include "harness.h"

TEST(getuid_geteuid_root)
{
	CHECK_EQ(getuid(), 0);
	CHECK_EQ(geteuid(), 0);
}

TEST(getgid_getegid_root)
{
	CHECK_EQ(getgid(), 0);
	CHECK_EQ(getegid(), 0);
}

TEST(getresuid_matches)
{
	uid_t r = 1, e = 1, s = 1;
	CHECK_OK(getresuid(&r, &e, &s));
	CHECK_EQ(r, getuid());
	CHECK_EQ(e, geteuid());
	CHECK_EQ(s, 0);
}

TEST(getresgid_matches)
{
	gid_t r = 1, e = 1, s = 1;
	CHECK_OK(getresgid(&r, &e, &s));
	CHECK_EQ(r, getgid());
	CHECK_EQ(e, getegid());
	CHECK_EQ(s, 0);
}

TEST(getresuid_bad_pointer_efault)
{
	uid_t r, e;
	CHECK_ERRNO(syscall(SYS_getresuid, &r, &e, (uid_t *)1), EFAULT);
}

TEST(setuid_in_child_drops_root)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(1);
		if (getuid() != 65534 || geteuid() != 65534 || getgid() != 65534)
			_exit(2);
		/* No way back. */
		_exit(setuid(0) == -1 && errno == EPERM ? 0 : 3);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(getgroups_count)
{
	gid_t g[64];
	int n = getgroups(64, g);
	CHECK(n >= 0);
	CHECK_EQ(getgroups(0, NULL), n);
}
