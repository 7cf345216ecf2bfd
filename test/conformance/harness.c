/* The conformance harness: runs the TEST cases of one binary, each in a
 * forked child with a timeout.  See harness.h. */
#include "harness.h"

#include <dirent.h>
#include <libgen.h>
#include <time.h>

extern const struct test_case __start_trellis_tests[];
extern const struct test_case __stop_trellis_tests[];

const char *test_helper_path = "/test/helper";
static int report_fd = -1; /* write end of the case's report pipe */

void test_fail(const char *file, int line, const char *fmt, ...)
{
	char buf[512];
	const char *base = strrchr(file, '/');
	int n = snprintf(buf, sizeof buf, "%s:%d: ", base ? base + 1 : file, line);
	va_list ap;
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof buf)
		vsnprintf(buf + n, sizeof buf - n, fmt, ap);
	va_end(ap);
	if (report_fd >= 0) {
		ssize_t w = write(report_fd, buf, strlen(buf));
		(void)w;
	} else {
		fprintf(stderr, "%s\n", buf);
	}
	_exit(1);
}

void *test_bad_ptr(void)
{
	/* Two pages reserved and released: nothing is mapped there afterwards
	 * (the case maps nothing else in between). */
	void *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		test_fail(__FILE__, __LINE__, "mmap for bad pointer failed");
	munmap(p, 8192);
	return (char *)p + 4096;
}

int test_run_child(void (*fn)(void))
{
	pid_t pid = fork();
	if (pid < 0)
		test_fail(__FILE__, __LINE__, "fork: %s", strerror(errno));
	if (pid == 0) {
		fn();
		_exit(0);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			test_fail(__FILE__, __LINE__, "waitpid: %s", strerror(errno));
	return st;
}

int test_run_capture(char *const argv[], char *const envp[], char *out, size_t size)
{
	int p[2];
	if (pipe(p) < 0)
		test_fail(__FILE__, __LINE__, "pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		test_fail(__FILE__, __LINE__, "fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		extern char **environ;
		execve(argv[0], argv, envp ? envp : environ);
		_exit(127);
	}
	close(p[1]);
	size_t got = 0;
	for (;;) {
		ssize_t r = read(p[0], out + got, size - 1 - got);
		if (r <= 0 || got + r >= size - 1) {
			if (r > 0)
				got += r;
			break;
		}
		got += r;
	}
	out[got] = 0;
	close(p[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			test_fail(__FILE__, __LINE__, "waitpid: %s", strerror(errno));
	return st;
}

void test_write_file(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		test_fail(__FILE__, __LINE__, "open %s: %s", path, strerror(errno));
	size_t len = strlen(data);
	if (write(fd, data, len) != (ssize_t)len)
		test_fail(__FILE__, __LINE__, "write %s: %s", path, strerror(errno));
	close(fd);
}

ssize_t test_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got + 1 < size) {
		ssize_t r = read(fd, buf + got, size - 1 - got);
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		got += r;
	}
	buf[got] = 0;
	close(fd);
	return got;
}

void test_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

long long test_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Removes a tree (the case's scratch directory). */
static void remove_tree(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd >= 0) {
		DIR *d = fdopendir(fd);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				if (unlinkat(fd, e->d_name, 0) < 0)
					remove_tree(fd, e->d_name);
			}
			closedir(d);
		} else {
			close(fd);
		}
	}
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0)
		unlinkat(dirfd, name, 0);
}

static const char *subsystem = "?";

static int run_case(const struct test_case *tc)
{
	char reason[600] = "";
	char dir[64];
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		printf("FAIL %s/%s: harness pipe: %s\n", subsystem, tc->name, strerror(errno));
		return 0;
	}
	snprintf(dir, sizeof dir, "/tmp/conf.%d.%s", (int)getpid(), tc->name);
	dir[sizeof dir - 1] = 0;
	remove_tree(AT_FDCWD, dir);
	if (mkdir(dir, 0777) < 0) {
		printf("FAIL %s/%s: harness mkdir %s: %s\n", subsystem, tc->name, dir, strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return 0;
	}
	fflush(stdout);

	sigset_t chld, old;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid_t pid = fork();
	if (pid < 0) {
		printf("FAIL %s/%s: harness fork: %s\n", subsystem, tc->name, strerror(errno));
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(pfd[0]);
		close(pfd[1]);
		return 0;
	}
	if (pid == 0) {
		close(pfd[0]);
		report_fd = pfd[1];
		setpgid(0, 0);
		/* A clean slate: default dispositions, nothing blocked. */
		for (int s = 1; s < 65; s++)
			if (s != SIGKILL && s != SIGSTOP)
				signal(s, SIG_DFL);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		umask(022);
		if (chdir(dir) < 0)
			test_fail(__FILE__, __LINE__, "chdir %s: %s", dir, strerror(errno));
		alarm(tc->timeout);
		tc->fn();
		fflush(NULL);
		_exit(0);
	}
	setpgid(pid, pid);
	close(pfd[1]);

	int st = 0, done = 0;
	long long deadline = test_now_ns() + (tc->timeout + 3) * 1000000000LL;
	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid) {
			done = 1;
			break;
		}
		long long left = deadline - test_now_ns();
		if (left <= 0)
			break;
		struct timespec ts = {left / 1000000000LL, left % 1000000000LL};
		if (ts.tv_sec > 0) {
			ts.tv_sec = 0;
			ts.tv_nsec = 200000000L;
		}
		sigtimedwait(&chld, NULL, &ts);
	}
	kill(-pid, SIGKILL); /* stragglers of the case's process group */
	if (!done) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* Reap any other child that died (grandchildren are not ours). */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;

	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	ssize_t n = read(pfd[0], reason, sizeof reason - 1);
	reason[n > 0 ? n : 0] = 0;
	close(pfd[0]);
	remove_tree(AT_FDCWD, dir);

	if (!done) {
		printf("FAIL %s/%s: hung (killed after %d s)\n", subsystem, tc->name, tc->timeout + 3);
	} else if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && reason[0] == 0) {
		printf("PASS %s/%s\n", subsystem, tc->name);
		fflush(stdout);
		return 1;
	} else if (reason[0]) {
		printf("FAIL %s/%s: %s\n", subsystem, tc->name, reason);
	} else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM) {
		printf("FAIL %s/%s: timed out after %d s\n", subsystem, tc->name, tc->timeout);
	} else if (WIFSIGNALED(st)) {
		printf("FAIL %s/%s: killed by signal %d (%s)\n", subsystem, tc->name, WTERMSIG(st),
		       strsignal(WTERMSIG(st)));
	} else {
		printf("FAIL %s/%s: exited with status %d\n", subsystem, tc->name, WEXITSTATUS(st));
	}
	fflush(stdout);
	return 0;
}

static int case_order(const void *a, const void *b)
{
	const struct test_case *x = *(const struct test_case *const *)a;
	const struct test_case *y = *(const struct test_case *const *)b;
	int c = strcmp(x->file, y->file);
	return c ? c : x->line - y->line;
}

int main(int argc, char **argv)
{
	static char self[4096], helper[4096 + 16];
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(self, sizeof self, "%s", argv[0]);
	subsystem = basename(self);
	/* The helper lives at <dir of this binary>/../helper. */
	char dirbuf[4096];
	snprintf(dirbuf, sizeof dirbuf, "%s", argv[0]);
	char *d = dirname(dirbuf);
	snprintf(helper, sizeof helper, "%s/../helper", d);
	static char abs_helper[4096];
	if (getenv("TEST_HELPER"))
		test_helper_path = getenv("TEST_HELPER");
	else if (realpath(helper, abs_helper) && access(abs_helper, X_OK) == 0)
		test_helper_path = abs_helper;

	/* The cases, in source order. */
	size_t ncases = __stop_trellis_tests - __start_trellis_tests;
	const struct test_case **cases = calloc(ncases + 1, sizeof *cases);
	for (size_t i = 0; i < ncases; i++)
		cases[i] = &__start_trellis_tests[i];
	qsort(cases, ncases, sizeof *cases, case_order);

	int list = argc > 1 && !strcmp(argv[1], "-l");
	int failed = 0, passed = 0;
	for (size_t i = 0; i < ncases; i++) {
		const struct test_case *tc = cases[i];
		if (list) {
			printf("%s/%s\n", subsystem, tc->name);
			continue;
		}
		if (argc > 1) {
			int want = 0;
			for (int i = 1; i < argc; i++)
				if (!strcmp(argv[i], tc->name))
					want = 1;
			if (!want)
				continue;
		}
		if (run_case(tc))
			passed++;
		else
			failed++;
	}
	return failed ? 1 : 0;
}
