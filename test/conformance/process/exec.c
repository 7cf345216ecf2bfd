/* execve: arguments, environment, errors, what survives exec. */
#include "harness.h"

static int helper(char *out, size_t size, const char *a1, const char *a2, const char *a3)
{
	char *argv[] = {(char *)test_helper_path, (char *)a1, (char *)a2, (char *)a3, NULL};
	return test_run_capture(argv, NULL, out, size);
}

TEST(execve_runs_helper_exit_code)
{
	char out[64];
	int st = helper(out, sizeof out, "exit", "42", NULL);
	CHECK(WAIT_EXITED_WITH(st, 42));
}

TEST(execve_passes_argv)
{
	char out[128];
	int st = helper(out, sizeof out, "argv", "hello", "world");
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_STR(out, "4 hello world\n");
}

TEST(execve_passes_envp)
{
	char *argv[] = {(char *)test_helper_path, "env", "FOO", NULL};
	char *envp[] = {"A=1", "FOO=bar baz", NULL};
	char out[128];
	int st = test_run_capture(argv, envp, out, sizeof out);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_STR(out, "bar baz\n");
}

TEST(execve_empty_envp)
{
	char *argv[] = {(char *)test_helper_path, "env", "PATH", NULL};
	char *envp[] = {NULL};
	char out[128];
	int st = test_run_capture(argv, envp, out, sizeof out);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_STR(out, "(unset)\n");
}

TEST(execve_keeps_pid_and_ppid)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		char *argv[] = {(char *)test_helper_path, "pid", NULL};
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	char buf[64] = "";
	ssize_t n = read(p[0], buf, sizeof buf - 1);
	CHECK(n > 0);
	buf[n] = 0;
	int a = 0, b = 0;
	CHECK_EQ(sscanf(buf, "%d %d", &a, &b), 2);
	CHECK_EQ(a, pid);
	CHECK_EQ(b, me);
	waitpid(pid, NULL, 0);
}

TEST(execve_enoent)
{
	char *argv[] = {"x", NULL};
	CHECK_ERRNO(execve("/nonexistent/program", argv, argv + 1), ENOENT);
}

TEST(execve_not_executable_eacces)
{
	test_write_file("plain", "#!/bin/sh\nexit 0\n");
	CHECK_OK(chmod("plain", 0644));
	char *argv[] = {"plain", NULL};
	CHECK_ERRNO(execve("plain", argv, argv + 1), EACCES);
}

TEST(execve_directory_eacces)
{
	char *argv[] = {"/", NULL};
	CHECK_ERRNO(execve("/", argv, argv + 1), EACCES);
}

TEST(execve_garbage_enoexec)
{
	test_write_file("garbage", "\x01\x02\x03 this is not a program\n");
	CHECK_OK(chmod("garbage", 0755));
	char *argv[] = {"garbage", NULL};
	CHECK_ERRNO(execve("./garbage", argv, argv + 1), ENOEXEC);
}

TEST(execve_bad_path_efault)
{
	char *argv[] = {"x", NULL};
	CHECK_ERRNO(syscall(SYS_execve, (char *)1, argv, argv + 1), EFAULT);
}

TEST(execve_bad_argv_efault)
{
	char *envp[] = {NULL};
	CHECK_ERRNO(syscall(SYS_execve, test_helper_path, (char **)test_bad_ptr(), envp), EFAULT);
}

TEST(execve_shebang_script)
{
	char script[512];
	snprintf(script, sizeof script, "#!%s argv\n", test_helper_path);
	test_write_file("script", script);
	CHECK_OK(chmod("script", 0755));
	char *argv[] = {"./script", "x", NULL};
	char out[256];
	int st = test_run_capture(argv, NULL, out, sizeof out);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_STR(out, "4 ./script x\n");
}

static int fd_open_in_helper(int fd)
{
	char num[16], out[16];
	snprintf(num, sizeof num, "%d", fd);
	int st = helper(out, sizeof out, "fdopen", num, NULL);
	CHECK(WIFEXITED(st));
	return WEXITSTATUS(st); /* 0 open, 1 closed */
}

TEST(execve_o_cloexec_closes_fd)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY | O_CLOEXEC));
	CHECK_EQ(fd_open_in_helper(fd), 1);
}

TEST(execve_keeps_fd_without_cloexec)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_EQ(fd_open_in_helper(fd), 0);
}

TEST(execve_fd_cloexec_set_by_fcntl)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK_EQ(fd_open_in_helper(fd), 1);
	CHECK_OK(fcntl(fd, F_SETFD, 0));
	CHECK_EQ(fd_open_in_helper(fd), 0);
}

TEST(execve_pipe2_cloexec_closes)
{
	int p[2];
	CHECK_OK(pipe2(p, O_CLOEXEC));
	CHECK_EQ(fd_open_in_helper(p[0]), 1);
	CHECK_EQ(fd_open_in_helper(p[1]), 1);
}

TEST(execve_dup3_cloexec_closes)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK_EQ(dup3(fd, 20, O_CLOEXEC), 20);
	CHECK_EQ(fd_open_in_helper(20), 1);
	CHECK_EQ(fd_open_in_helper(fd), 0);
}

static void on_term(int s) { (void)s; }

TEST(execve_signal_state)
{
	/* Mask and ignored dispositions survive exec; handlers become default. */
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGTERM, on_term);
	char out[64];
	int st = helper(out, sizeof out, "sigstate", NULL, NULL);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_STR(out, "1 1 1\n");
}

TEST(execve_proc_self_exe)
{
	char want[4096], out[4096];
	CHECK(realpath(test_helper_path, want) != NULL);
	int st = helper(out, sizeof out, "readlink-exe", NULL, NULL);
	CHECK(WAIT_EXITED_WITH(st, 0));
	strcat(want, "\n");
	CHECK_STR(out, want);
}

TEST(execve_child_killed_by_signal)
{
	char out[16];
	int st = helper(out, sizeof out, "raise", "15", NULL);
	CHECK(WAIT_KILLED_BY(st, SIGTERM));
}

TEST(execve_stdin_stdout_inherited)
{
	int in[2], outp[2];
	CHECK_OK(pipe(in));
	CHECK_OK(pipe(outp));
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(outp[1], 1);
		close(in[1]);
		close(outp[0]);
		char *argv[] = {(char *)test_helper_path, "cat", NULL};
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(outp[1]);
	CHECK_EQ(write(in[1], "piped data", 10), 10);
	close(in[1]);
	char buf[32] = "";
	size_t got = 0;
	ssize_t n;
	while ((n = read(outp[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += n;
	buf[got] = 0;
	CHECK_STR(buf, "piped data");
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}
