/* /test/run-tests: the conformance runner.  Runs as init (rdinit=/test/run-tests)
 * or from a shell.  Mounts what the tests need (failures ignored), runs every
 * binary under /test/bin (sorted), forwards their "PASS x/y" / "FAIL x/y: why"
 * lines, ends with exactly "N passed, M failed", then syncs and powers off.
 * Powering off happens when it runs as PID 1 (or with -p): run by hand on a
 * development host it just exits with status 0 when all passed.
 *   usage: run-tests [-p] [-d DIR]   -p: power off even if not PID 1; -d: binaries' dir
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void setup(void)
{
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	if (access("/dev/null", F_OK) != 0)
		mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777");
	/* Device nodes the tests use, when /dev lacks them (e.g. no devtmpfs). */
	static const struct { const char *p; int maj, min; } nodes[] = {
		{"/dev/null", 1, 3}, {"/dev/zero", 1, 5}, {"/dev/full", 1, 7},
		{"/dev/random", 1, 8}, {"/dev/urandom", 1, 9}, {"/dev/tty", 5, 0},
		{"/dev/console", 5, 1},
	};
	for (unsigned i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		if (access(nodes[i].p, F_OK) != 0)
			mknod(nodes[i].p, S_IFCHR | 0666, makedev(nodes[i].maj, nodes[i].min));
}

static void forward(const char *line, int *pass, int *fail, int *seen, int *bad)
{
	if (!strncmp(line, "PASS ", 5)) {
		(*pass)++;
		(*seen)++;
	} else if (!strncmp(line, "FAIL ", 5)) {
		(*fail)++;
		(*seen)++;
		(*bad)++;
	} else {
		/* Anything else a test printed: shown, marked as such. */
		fputs("# ", stdout);
	}
	fputs(line, stdout);
	fflush(stdout);
}

/* Runs one binary, forwarding its lines; counts into pass and fail. */
static void run_one(const char *dir, const char *name, int *pass, int *fail)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int p[2];
	if (pipe(p) < 0) {
		printf("FAIL %s: pipe: %s\n", name, strerror(errno));
		(*fail)++;
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[1]);
		execl(path, path, (char *)NULL);
		printf("FAIL %s: exec %s: %s\n", name, path, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		printf("FAIL %s: fork: %s\n", name, strerror(errno));
		close(p[0]);
		(*fail)++;
		return;
	}
	/* Forward its lines until it has exited and the pipe is drained; a
	 * straggler (an orphaned grandchild) holding the pipe open must not
	 * stall us, so EOF is not awaited once the binary is gone. */
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	char line[2048];
	size_t len = 0;
	int seen = 0, bad = 0, st = 0, exited = 0, eof = 0;
	long quiet_after_exit = 0;
	while (!eof && !(exited && quiet_after_exit >= 2)) {
		struct pollfd pfd = {p[0], POLLIN, 0};
		int r = poll(&pfd, 1, 100);
		if (r > 0) {
			char buf[1024];
			ssize_t n = read(p[0], buf, sizeof buf);
			if (n == 0)
				eof = 1;
			for (ssize_t i = 0; i < n; i++) {
				if (len < sizeof line - 2)
					line[len++] = buf[i];
				if (buf[i] != '\n')
					continue;
				line[len] = 0;
				forward(line, pass, fail, &seen, &bad);
				len = 0;
			}
		} else if (exited) {
			quiet_after_exit++;
		}
		/* Reap: the binary, and (as init) any orphan. */
		pid_t w;
		int s2;
		while ((w = waitpid(-1, &s2, WNOHANG)) > 0)
			if (w == pid) {
				st = s2;
				exited = 1;
			}
		if (w < 0 && errno == ECHILD && !exited) {
			exited = 1; /* should not happen */
			st = 0x7f00;
		}
	}
	if (len) {
		line[len++] = '\n';
		line[len] = 0;
		forward(line, pass, fail, &seen, &bad);
	}
	close(p[0]);
	while (!exited) {
		pid_t w = waitpid(-1, &st, 0);
		if (w == pid || (w < 0 && errno != EINTR))
			exited = 1;
	}
	if (!(WIFEXITED(st) && (WEXITSTATUS(st) == 0 || (WEXITSTATUS(st) == 1 && bad))) ||
	    seen == 0) {
		printf("FAIL %s: binary ended abnormally (status 0x%x, %d cases reported)\n", name, st,
		       seen);
		(*fail)++;
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *dir = "/test/bin";
	int poweroff = getpid() == 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-p"))
			poweroff = 1;
		else if (!strcmp(argv[i], "-d") && i + 1 < argc)
			dir = argv[++i];
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getpid() == 1) {
		setup();
		setenv("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", 1);
	}
	printf("run-tests: running %s/*\n", dir);

	char *names[256];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL && n < 256)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	if (d)
		closedir(d);
	qsort(names, n, sizeof names[0], cmp);

	int pass = 0, fail = 0;
	if (n == 0) {
		printf("FAIL run-tests: no test binaries in %s\n", dir);
		fail++;
	}
	for (int i = 0; i < n; i++)
		run_one(dir, names[i], &pass, &fail);
	printf("%d passed, %d failed\n", pass, fail);
	fflush(stdout);
	if (poweroff) {
		sync();
		reboot(RB_POWER_OFF);
		/* Init must not exit; without power off, wait forever. */
		if (getpid() == 1)
			for (;;)
				pause();
	}
	return fail ? 1 : 0;
}
