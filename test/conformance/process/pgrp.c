/* Process groups and sessions. */
#include "harness.h"

#define NO_SUCH_PID 0x3ffffff0 /* above PID_MAX_LIMIT */

static pid_t paused_child(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

TEST(getpgid_zero_is_getpgrp)
{
	CHECK_EQ(getpgid(0), getpgrp());
	CHECK_EQ(getpgid(getpid()), getpgrp());
}

TEST(setpgid_moves_child_to_new_group)
{
	pid_t pid = paused_child();
	CHECK_OK(setpgid(pid, pid));
	CHECK_EQ(getpgid(pid), pid);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(setpgid_self_zero_zero)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (setpgid(0, 0) != 0)
			_exit(1);
		_exit(getpgrp() == getpid() ? 0 : 2);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(setpgid_join_existing_group)
{
	pid_t a = paused_child();
	pid_t b = paused_child();
	CHECK_OK(setpgid(a, a));
	CHECK_OK(setpgid(b, a));
	CHECK_EQ(getpgid(b), a);
	kill(-a, SIGKILL);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
}

TEST(setpgid_no_such_process_esrch)
{
	CHECK_ERRNO(setpgid(NO_SUCH_PID, 0), ESRCH);
}

TEST(setpgid_negative_pgid_einval)
{
	CHECK_ERRNO(setpgid(0, -1), EINVAL);
}

TEST(setpgid_nonexistent_group_eperm)
{
	pid_t pid = paused_child();
	/* A group that does not exist in our session (and is not pid). */
	CHECK_ERRNO(setpgid(pid, NO_SUCH_PID - 1), EPERM);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(setpgid_after_child_exec_eacces)
{
	int sync[2], in[2];
	CHECK_OK(pipe2(sync, O_CLOEXEC));
	CHECK_OK(pipe(in));
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		close(in[1]);
		char *argv[] = {(char *)test_helper_path, "cat", NULL};
		execv(argv[0], argv);
		_exit(127);
	}
	close(sync[1]);
	char c;
	CHECK_EQ(read(sync[0], &c, 1), 0); /* closed by the exec */
	CHECK_ERRNO(setpgid(pid, pid), EACCES);
	close(in[1]);
	waitpid(pid, NULL, 0);
}

TEST(setpgid_child_in_other_session_eperm)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		ssize_t w = write(p[1], "x", 1);
		(void)w;
		for (;;)
			pause();
	}
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_ERRNO(setpgid(pid, getpgrp()), EPERM);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(setsid_creates_session)
{
	pid_t pid = fork();
	if (pid == 0) {
		pid_t s = setsid();
		if (s != getpid())
			_exit(1);
		if (getsid(0) != getpid())
			_exit(2);
		if (getpgrp() != getpid())
			_exit(3);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(setsid_group_leader_eperm)
{
	if (getpgrp() != getpid())
		CHECK_OK(setpgid(0, 0));
	CHECK_ERRNO(setsid(), EPERM);
}

TEST(setsid_twice_eperm)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (setsid() < 0)
			_exit(1);
		_exit(setsid() == -1 && errno == EPERM ? 0 : 2);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(getsid_child_inherits_session)
{
	pid_t pid = paused_child();
	CHECK_EQ(getsid(pid), getsid(0));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(getsid_no_such_process_esrch)
{
	CHECK_ERRNO(getsid(NO_SUCH_PID), ESRCH);
}

TEST(getpgid_no_such_process_esrch)
{
	CHECK_ERRNO(getpgid(NO_SUCH_PID), ESRCH);
}

TEST(kill_negative_pid_signals_group)
{
	pid_t a = paused_child();
	pid_t b = paused_child();
	CHECK_OK(setpgid(a, a));
	CHECK_OK(setpgid(b, a));
	CHECK_OK(kill(-a, SIGTERM));
	int st;
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK(WAIT_KILLED_BY(st, SIGTERM));
	CHECK_EQ(waitpid(b, &st, 0), b);
	CHECK(WAIT_KILLED_BY(st, SIGTERM));
}

TEST(kill_empty_group_esrch)
{
	CHECK_ERRNO(kill(-(NO_SUCH_PID), SIGTERM), ESRCH);
}

TEST(fork_inherits_process_group)
{
	pid_t pid = paused_child();
	CHECK_EQ(getpgid(pid), getpgrp());
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
