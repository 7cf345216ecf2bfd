/* /proc: self/stat, self/status, self/cmdline, meminfo, uptime, mounts. */
#include "harness.h"

static char buf[65536];

TEST(proc_self_stat_fields)
{
	CHECK(test_read_file("/proc/self/stat", buf, sizeof buf) > 0);
	int pid = 0, ppid = 0, pgrp = 0, sid = 0;
	char comm[64] = "", state = 0;
	CHECK_EQ(sscanf(buf, "%d (%63[^)]) %c %d %d %d", &pid, comm, &state, &ppid, &pgrp, &sid), 6);
	CHECK_EQ(pid, getpid());
	CHECK_EQ(ppid, getppid());
	CHECK_EQ(pgrp, getpgrp());
	CHECK_EQ(sid, getsid(0));
	CHECK_EQ(state, 'R');
	CHECK(comm[0] != 0);
}

TEST(proc_child_stat_state)
{
	pid_t pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	test_sleep_ms(100);
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	CHECK(test_read_file(path, buf, sizeof buf) > 0);
	int p = 0, pp = 0;
	char state = 0;
	CHECK_EQ(sscanf(buf, "%d (%*[^)]) %c %d", &p, &state, &pp), 3);
	CHECK_EQ(p, pid);
	CHECK_EQ(pp, getpid());
	CHECK_EQ(state, 'S');
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK_EQ(test_read_file(path, buf, sizeof buf), -1);
}

static const char *field(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == ':')
			return p + n + 1;
	return NULL;
}

TEST(proc_self_status_fields)
{
	CHECK(test_read_file("/proc/self/status", buf, sizeof buf) > 0);
	const char *f = field(buf, "Pid");
	CHECK(f != NULL);
	CHECK_EQ(atoi(f), getpid());
	f = field(buf, "PPid");
	CHECK(f != NULL);
	CHECK_EQ(atoi(f), getppid());
	f = field(buf, "Name");
	CHECK(f != NULL);
	f = field(buf, "Uid");
	CHECK(f != NULL);
	CHECK_EQ(atoi(f), 0);
	f = field(buf, "State");
	CHECK(f != NULL);
	CHECK(strchr(f, 'R') != NULL);
}

TEST(proc_self_status_name_after_exec)
{
	char *argv[] = {"/bin/cat", "/proc/self/status", NULL};
	if (access(argv[0], X_OK) != 0)
		argv[0] = "/usr/bin/cat";
	char out[4096];
	int st = test_run_capture(argv, NULL, out, sizeof out);
	CHECK(WAIT_EXITED_WITH(st, 0));
	const char *f = field(out, "Name");
	CHECK(f != NULL);
	while (*f == ' ' || *f == '\t')
		f++;
	CHECK(!strncmp(f, "cat\n", 4));
}

TEST(proc_self_cmdline_is_argv)
{
	/* The helper prints nothing of it; read ours instead: argv[0] and no more. */
	ssize_t n = test_read_file("/proc/self/cmdline", buf, sizeof buf);
	CHECK(n > 1);
	CHECK_EQ(buf[n - 1], 0);
	CHECK(strstr(buf, "fs") != NULL); /* this binary is .../bin/fs */
}

TEST(proc_child_cmdline_after_exec)
{
	int sync[2], in[2];
	CHECK_OK(pipe2(sync, O_CLOEXEC));
	CHECK_OK(pipe(in));
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		close(in[1]);
		char *argv[] = {(char *)test_helper_path, "cat", "arg two", NULL};
		execv(argv[0], argv);
		_exit(127);
	}
	close(sync[1]);
	char c;
	CHECK_EQ(read(sync[0], &c, 1), 0);
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	ssize_t n = test_read_file(path, buf, sizeof buf);
	size_t hl = strlen(test_helper_path);
	CHECK_EQ(n, hl + 1 + 4 + 8);
	CHECK(!memcmp(buf, test_helper_path, hl + 1));
	CHECK(!memcmp(buf + hl + 1, "cat\0arg two\0", 12));
	close(in[1]);
	waitpid(pid, NULL, 0);
}

TEST(proc_meminfo)
{
	CHECK(test_read_file("/proc/meminfo", buf, sizeof buf) > 0);
	const char *t = field(buf, "MemTotal");
	const char *f = field(buf, "MemFree");
	CHECK(t != NULL && f != NULL);
	long total = atol(t), free_ = atol(f);
	CHECK(total > 16 * 1024); /* kB */
	CHECK(free_ > 0 && free_ <= total);
	CHECK(strstr(t, "kB") != NULL);
}

TEST(proc_uptime_increases)
{
	CHECK(test_read_file("/proc/uptime", buf, sizeof buf) > 0);
	double up1 = 0, idle = 0;
	CHECK_EQ(sscanf(buf, "%lf %lf", &up1, &idle), 2);
	CHECK(up1 > 0);
	CHECK(idle >= 0);
	test_sleep_ms(200);
	double up2 = 0;
	CHECK(test_read_file("/proc/uptime", buf, sizeof buf) > 0);
	CHECK_EQ(sscanf(buf, "%lf", &up2), 1);
	CHECK(up2 >= up1 + 0.1);
	CHECK(up2 < up1 + 10);
}

TEST(proc_mounts_lists_proc)
{
	CHECK(test_read_file("/proc/mounts", buf, sizeof buf) > 0);
	int found = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char dev[256], dir[256], type[64];
		if (sscanf(line, "%255s %255s %63s", dev, dir, type) == 3 && !strcmp(dir, "/proc") &&
		    !strcmp(type, "proc"))
			found = 1;
	}
	CHECK(found);
}

TEST(proc_self_is_link_to_pid)
{
	char link[64], want[64];
	ssize_t n = readlink("/proc/self", link, sizeof link - 1);
	CHECK(n > 0);
	link[n] = 0;
	snprintf(want, sizeof want, "%d", getpid());
	CHECK_STR(link, want);
}

TEST(proc_self_fd_links)
{
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	char path[64], link[256];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, link, sizeof link - 1);
	CHECK(n > 0);
	link[n] = 0;
	CHECK_STR(link, "/dev/null");
}

TEST(proc_self_exe_link)
{
	char link[4096];
	ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
	CHECK(n > 0);
	link[n] = 0;
	CHECK(link[0] == '/');
	CHECK(strstr(link, "/fs") != NULL);
}

TEST(proc_missing_pid_enoent)
{
	CHECK_ERRNO(open("/proc/1073741000/stat", O_RDONLY), ENOENT);
}

TEST(proc_lists_pid_directories)
{
	char self[32];
	snprintf(self, sizeof self, "/proc/%d", getpid());
	struct stat st;
	CHECK_OK(stat(self, &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_OK(stat("/proc/1", &st));
}
