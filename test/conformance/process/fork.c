/* fork, vfork, exit, exit_group, wait4, waitid. */
#include "harness.h"

#include <sys/resource.h>

TEST(fork_returns_child_pid)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	CHECK(pid > 0);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 7));
}

TEST(fork_child_sees_parent_as_ppid)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0)
		_exit(getppid() == parent ? 0 : 1);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(fork_child_pid_matches_return)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		pid_t me = getpid();
		_exit(write(p[1], &me, sizeof me) == sizeof me ? 0 : 1);
	}
	pid_t got = 0;
	CHECK_EQ(read(p[0], &got, sizeof got), sizeof got);
	CHECK_EQ(got, pid);
	CHECK(got != getpid());
	waitpid(pid, NULL, 0);
}

TEST(fork_memory_is_copied)
{
	static volatile int x = 1;
	pid_t pid = fork();
	if (pid == 0) {
		x = 2;
		_exit(x == 2 ? 0 : 1);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_EQ(x, 1);
}

TEST(fork_heap_is_copied)
{
	char *p = malloc(100000);
	CHECK(p != NULL);
	memset(p, 'a', 100000);
	pid_t pid = fork();
	if (pid == 0) {
		memset(p, 'b', 100000);
		_exit(p[99999] == 'b' ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_EQ(p[0], 'a');
	CHECK_EQ(p[99999], 'a');
}

TEST(fork_shares_file_offset)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(fd, "abc", 3) == 3 ? 0 : 1);
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);
}

TEST(vfork_shares_memory)
{
	static volatile int x = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		x = 5;
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK_EQ(x, 5);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(vfork_suspends_parent_until_exit)
{
	static volatile int done = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		struct timespec ts = {0, 50000000};
		nanosleep(&ts, NULL);
		done = 1;
		_exit(0);
	}
	CHECK_EQ(done, 1);
	waitpid(pid, NULL, 0);
}

TEST(vfork_then_execve)
{
	char *argv[] = {(char *)test_helper_path, "exit", "3", NULL};
	char *envp[] = {NULL};
	pid_t pid = vfork();
	if (pid == 0) {
		execve(argv[0], argv, envp);
		_exit(99);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 3));
}

static int exit_code_of(int code)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(code);
	int st;
	waitpid(pid, &st, 0);
	return st;
}

TEST(exit_status_is_low_byte)
{
	int st = exit_code_of(0);
	CHECK(WAIT_EXITED_WITH(st, 0));
	st = exit_code_of(1);
	CHECK(WAIT_EXITED_WITH(st, 1));
	st = exit_code_of(255);
	CHECK(WAIT_EXITED_WITH(st, 255));
	st = exit_code_of(256 + 4);
	CHECK(WAIT_EXITED_WITH(st, 4));
}

TEST(exit_group_status)
{
	pid_t pid = fork();
	if (pid == 0) {
		syscall(SYS_exit_group, 42);
		_exit(1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 42));
}

TEST(exit_raw_status)
{
	pid_t pid = fork();
	if (pid == 0) {
		raw_syscall(SYS_exit, 17, 0, 0);
		_exit(1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 17));
}

TEST(wait4_returns_rusage)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	struct rusage ru;
	memset(&ru, 0xff, sizeof ru);
	int st;
	CHECK_EQ(wait4(pid, &st, 0, &ru), pid);
	CHECK(ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK(ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);
}

TEST(wait4_no_children_echild)
{
	int st;
	CHECK_ERRNO(wait4(-1, &st, 0, NULL), ECHILD);
	CHECK_ERRNO(waitpid(getpid(), &st, 0), ECHILD);
}

TEST(wait4_wnohang_running_child)
{
	pid_t pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);
	kill(pid, SIGKILL);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_KILLED_BY(st, SIGKILL));
}

TEST(wait4_selects_pid)
{
	pid_t a = fork();
	if (a == 0) {
		test_sleep_ms(100);
		_exit(1);
	}
	pid_t b = fork();
	if (b == 0)
		_exit(2);
	int st;
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK(WAIT_EXITED_WITH(st, 1));
	CHECK_EQ(waitpid(-1, &st, 0), b);
	CHECK(WAIT_EXITED_WITH(st, 2));
}

TEST(wait4_any_collects_all)
{
	for (int i = 0; i < 5; i++)
		if (fork() == 0)
			_exit(10 + i);
	int seen = 0, st;
	for (int i = 0; i < 5; i++) {
		CHECK(waitpid(-1, &st, 0) > 0);
		CHECK(WIFEXITED(st));
		seen |= 1 << (WEXITSTATUS(st) - 10);
	}
	CHECK_EQ(seen, 0x1f);
	CHECK_ERRNO(waitpid(-1, &st, 0), ECHILD);
}

TEST(wait4_bad_status_pointer_efault)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK_ERRNO(syscall(SYS_wait4, pid, (int *)1, 0, NULL), EFAULT);
}

TEST(wait4_bad_options_einval)
{
	int st;
	CHECK_ERRNO(syscall(SYS_wait4, -1, &st, 0x10000000, NULL), EINVAL);
}

TEST(wait4_process_group)
{
	pid_t a = fork();
	if (a == 0) {
		setpgid(0, 0);
		test_sleep_ms(50);
		_exit(3);
	}
	setpgid(a, a);
	pid_t b = fork();
	if (b == 0)
		_exit(4);
	int st;
	CHECK_EQ(waitpid(-a, &st, 0), a);
	CHECK(WAIT_EXITED_WITH(st, 3));
	CHECK_EQ(waitpid(0, &st, 0), b);
}

TEST(waitid_exited_siginfo)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(9);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	CHECK_OK(waitid(P_PID, pid, &si, WEXITED));
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_signo, SIGCHLD);
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 9);
}

TEST(waitid_wnowait_leaves_zombie)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(5);
	siginfo_t si;
	CHECK_OK(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	CHECK_EQ(si.si_pid, pid);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 5));
}

TEST(waitid_no_state_flags_einval)
{
	siginfo_t si;
	CHECK_ERRNO(waitid(P_ALL, 0, &si, 0), EINVAL);
}

TEST(wait_status_killed_by_signal)
{
	pid_t pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_KILLED_BY(st, SIGKILL));
	CHECK(!WIFEXITED(st));
}

TEST(wait_stopped_and_continued)
{
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(6);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	CHECK_OK(kill(pid, SIGCONT));
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st) || WAIT_EXITED_WITH(st, 6));
	if (WIFCONTINUED(st))
		CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 6));
}

TEST(orphan_is_reparented)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t child = fork();
	if (child == 0) {
		pid_t me = getpid();
		if (fork() == 0) {
			/* Wait until our parent is gone, then report the new one. */
			for (int i = 0; i < 500 && getppid() == me; i++)
				test_sleep_ms(10);
			pid_t pp = getppid();
			ssize_t w = write(p[1], &pp, sizeof pp);
			_exit(w == sizeof pp ? 0 : 1);
		}
		_exit(0);
	}
	close(p[1]);
	int st;
	waitpid(child, &st, 0);
	pid_t pp = 0;
	CHECK_EQ(read(p[0], &pp, sizeof pp), sizeof pp);
	CHECK(pp != child);
	CHECK(pp > 0);
}

TEST(getppid_of_exited_parent_child)
{
	/* A zombie child still counts as ours until reaped. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	test_sleep_ms(50);
	CHECK_OK(kill(pid, 0));
	waitpid(pid, NULL, 0);
	CHECK_ERRNO(kill(pid, 0), ESRCH);
}
