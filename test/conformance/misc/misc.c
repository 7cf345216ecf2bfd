/* uname, prlimit64, arch_prctl, sysinfo, sched_yield, getpid/getppid, prctl. */
#include "harness.h"

#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

TEST(uname_fields)
{
	struct utsname u;
	CHECK_OK(uname(&u));
	CHECK(u.sysname[0] != 0);
	CHECK(u.release[0] != 0);
	CHECK(u.version[0] != 0);
	CHECK_STR(u.machine, "x86_64");
	CHECK(memchr(u.nodename, 0, sizeof u.nodename) != NULL);
}

TEST(uname_sysname_linux)
{
	/* Linux ABI: programs (and libcs) look for "Linux". */
	struct utsname u;
	CHECK_OK(uname(&u));
	CHECK_STR(u.sysname, "Linux");
}

TEST(uname_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_uname, (void *)1), EFAULT);
}

TEST(sethostname_changes_nodename)
{
	struct utsname u;
	CHECK_OK(uname(&u));
	pid_t pid = fork();
	if (pid == 0) {
		/* In a child, but the name is system-wide: set it back after. */
		if (sethostname("conftest", 8) < 0)
			_exit(1);
		struct utsname v;
		uname(&v);
		int ok = !strcmp(v.nodename, "conftest");
		sethostname(u.nodename, strlen(u.nodename));
		_exit(ok ? 0 : 2);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_ERRNO(sethostname("x", 1000), EINVAL);
}

struct rlimit64_ {
	unsigned long long cur, max;
};

TEST(prlimit64_nofile_get)
{
	struct rlimit64_ r;
	CHECK_OK(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &r));
	CHECK(r.cur > 3);
	CHECK(r.cur <= r.max);
	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ(rl.rlim_cur, r.cur);
}

TEST(prlimit64_nofile_lower_enforced)
{
	struct rlimit64_ r = {16, 64}, old;
	CHECK_OK(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, &old));
	CHECK(old.cur > 16);
	int last = -1;
	for (;;) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0) {
			CHECK_EQ(errno, EMFILE);
			break;
		}
		last = fd;
	}
	CHECK_EQ(last, 15);
	CHECK_ERRNO(dup(0), EMFILE);
	CHECK_ERRNO(dup2(0, 16), EBADF);
	struct rlimit64_ now;
	CHECK_OK(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &now));
	CHECK_EQ(now.cur, 16);
	CHECK_EQ(now.max, 64);
}

TEST(prlimit64_soft_above_hard_einval)
{
	struct rlimit64_ r = {100, 50};
	CHECK_ERRNO(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, NULL), EINVAL);
}

TEST(prlimit64_bad_resource_einval)
{
	struct rlimit64_ r;
	CHECK_ERRNO(syscall(SYS_prlimit64, 0, 999, NULL, &r), EINVAL);
}

TEST(prlimit64_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, (void *)1), EFAULT);
	CHECK_ERRNO(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, test_bad_ptr(), NULL), EFAULT);
}

TEST(prlimit64_no_such_process_esrch)
{
	struct rlimit64_ r;
	CHECK_ERRNO(syscall(SYS_prlimit64, 0x3ffffff0, RLIMIT_NOFILE, NULL, &r), ESRCH);
}

TEST(prlimit64_stack)
{
	struct rlimit64_ r;
	CHECK_OK(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &r));
	CHECK(r.cur >= 128 * 1024);
	CHECK(r.cur <= r.max);
	struct rlimit64_ lower = {r.cur / 2, r.max};
	CHECK_OK(syscall(SYS_prlimit64, 0, RLIMIT_STACK, &lower, NULL));
	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_STACK, &rl));
	CHECK_EQ(rl.rlim_cur, r.cur / 2);
}

TEST(prlimit64_of_child)
{
	pid_t pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	struct rlimit64_ r = {20, 30}, got;
	CHECK_OK(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &r, NULL));
	CHECK_OK(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &got));
	CHECK_EQ(got.cur, 20);
	CHECK_EQ(got.max, 30);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(rlimit_inherited_by_fork)
{
	struct rlimit rl = {32, 32};
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit c;
		getrlimit(RLIMIT_NOFILE, &c);
		_exit(c.rlim_cur == 32 && c.rlim_max == 32 ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(arch_prctl_get_fs_is_thread_pointer)
{
	unsigned long fs = 0, self;
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	__asm__ volatile("mov %%fs:0, %0" : "=r"(self));
	CHECK(fs != 0);
	CHECK_EQ(fs, self);
}

static unsigned long tls_area[16];

static void set_fs_child(void)
{
	/* After ARCH_SET_FS, libc's TLS is gone: raw calls only. */
	unsigned long old = 0;
	raw_syscall(SYS_arch_prctl, ARCH_GET_FS, &old, 0);
	tls_area[0] = (unsigned long)tls_area;
	tls_area[1] = 0x1234;
	if (raw_syscall(SYS_arch_prctl, ARCH_SET_FS, tls_area, 0) != 0)
		raw_syscall(SYS_exit_group, 1, 0, 0);
	unsigned long got = 0, v;
	raw_syscall(SYS_arch_prctl, ARCH_GET_FS, &got, 0);
	__asm__ volatile("mov %%fs:8, %0" : "=r"(v));
	raw_syscall(SYS_arch_prctl, ARCH_SET_FS, old, 0);
	raw_syscall(SYS_exit_group, got == (unsigned long)tls_area && v == 0x1234 ? 0 : 2, 0, 0);
}

TEST(arch_prctl_set_fs)
{
	int st = test_run_child(set_fs_child);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(arch_prctl_set_get_gs)
{
	static unsigned long area[4] = {0, 0x5678, 0, 0};
	unsigned long got = 1;
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_SET_GS, area));
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_GS, &got));
	CHECK_EQ(got, (unsigned long)area);
	unsigned long v;
	__asm__ volatile("mov %%gs:8, %0" : "=r"(v));
	CHECK_EQ(v, 0x5678);
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_SET_GS, 0));
}

TEST(arch_prctl_fs_survives_fork)
{
	unsigned long fs = 0;
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	pid_t pid = fork();
	if (pid == 0) {
		unsigned long c = 0;
		syscall(SYS_arch_prctl, ARCH_GET_FS, &c);
		_exit(c == fs ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(arch_prctl_bad_code_einval)
{
	unsigned long v;
	CHECK_ERRNO(syscall(SYS_arch_prctl, 0x9999, &v), EINVAL);
}

TEST(arch_prctl_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_arch_prctl, ARCH_GET_FS, (void *)1), EFAULT);
}

TEST(arch_prctl_noncanonical_fs_eperm)
{
	CHECK_ERRNO(syscall(SYS_arch_prctl, ARCH_SET_FS, 0x8000000000000000UL), EPERM);
}

TEST(sysinfo_values)
{
	struct sysinfo si;
	CHECK_OK(sysinfo(&si));
	CHECK(si.uptime >= 0);
	CHECK(si.totalram > 0);
	CHECK(si.freeram <= si.totalram);
	CHECK(si.procs >= 1);
	CHECK(si.mem_unit >= 1);
	CHECK_ERRNO(syscall(SYS_sysinfo, (void *)1), EFAULT);
}

TEST(sched_yield_returns_zero)
{
	for (int i = 0; i < 100; i++)
		CHECK_EQ(sched_yield(), 0);
}

TEST(getpid_stable_getppid_parent)
{
	pid_t p = getpid();
	CHECK(p > 0);
	CHECK_EQ(getpid(), p);
	CHECK(getppid() > 0);
	CHECK(getppid() != p);
}

TEST(prctl_set_get_name)
{
	char name[16] = "";
	CHECK_OK(prctl(PR_SET_NAME, "conf-name", 0, 0, 0));
	CHECK_OK(prctl(PR_GET_NAME, name, 0, 0, 0));
	CHECK_STR(name, "conf-name");
	char buf[512];
	CHECK(test_read_file("/proc/self/comm", buf, sizeof buf) > 0);
	CHECK_STR(buf, "conf-name\n");
}

TEST(unknown_syscall_enosys)
{
	CHECK_ERRNO(syscall(1000), ENOSYS);
	CHECK_ERRNO(syscall(-1L), ENOSYS);
}
