/* Processes: creation, exec, pipes and switching between two processes. */
#include "bench.h"
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static char *const helper_argv[] = { HELPER_PATH, NULL };
static char *const helper_envp[] = { NULL };

static int reap(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

uint64_t b_fork_exit(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0)
			return FAIL("fork: %s", strerror(errno));
		if (p == 0)
			_exit(0);
		if (reap(p))
			return FAIL("fork child did not exit 0");
	}
	return now_ns() - t0;
}

uint64_t b_fork_exec(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0)
			return FAIL("fork: %s", strerror(errno));
		if (p == 0) {
			execve(HELPER_PATH, helper_argv, helper_envp);
			_exit(127);
		}
		if (reap(p))
			return FAIL("fork+execve %s failed", HELPER_PATH);
	}
	return now_ns() - t0;
}

uint64_t b_vfork_exec(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		pid_t p = vfork();
		if (p < 0)
			return FAIL("vfork: %s", strerror(errno));
		if (p == 0) {
			execve(HELPER_PATH, helper_argv, helper_envp);
			_exit(127);
		}
		if (reap(p))
			return FAIL("vfork+execve %s failed", HELPER_PATH);
	}
	return now_ns() - t0;
}

uint64_t b_pipe_rtt(long n)
{
	int there[2], back[2];
	if (pipe(there) || pipe(back))
		return FAIL("pipe: %s", strerror(errno));
	pid_t p = fork();
	if (p < 0)
		return FAIL("fork: %s", strerror(errno));
	char c = 'x';
	if (p == 0) {
		for (long i = 0; i < n; i++)
			if (read(there[0], &c, 1) != 1 || write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			return FAIL("pipe ping-pong: %s", strerror(errno));
	uint64_t t = now_ns() - t0;
	int bad = reap(p);
	close(there[0]), close(there[1]), close(back[0]), close(back[1]);
	return bad ? FAIL("pipe ping-pong child failed") : t;
}

uint64_t b_pipe_bw(long n)
{
	static char buf[PIPE_CHUNK];
	int fds[2];
	if (pipe(fds))
		return FAIL("pipe: %s", strerror(errno));
	memset(buf, 'b', sizeof buf);
	pid_t p = fork();
	if (p < 0)
		return FAIL("fork: %s", strerror(errno));
	if (p == 0) {
		close(fds[0]);
		for (long i = 0; i < n; i++)
			for (size_t off = 0; off < sizeof buf;) {
				ssize_t w = write(fds[1], buf + off, sizeof buf - off);
				if (w <= 0)
					_exit(1);
				off += (size_t)w;
			}
		_exit(0);
	}
	close(fds[1]);
	uint64_t t0 = now_ns();
	size_t total = 0, want = (size_t)n * sizeof buf;
	while (total < want) {
		ssize_t r = read(fds[0], buf, sizeof buf);
		if (r <= 0)
			return FAIL("pipe read: %s", r ? strerror(errno) : "early EOF");
		total += (size_t)r;
	}
	uint64_t t = now_ns() - t0;
	close(fds[0]);
	return reap(p) ? FAIL("pipe writer failed") : t;
}

/*
 * Two processes call sched_yield() in turn. A counter in a shared page
 * records who ran last, so the benchmark can check that the yields really
 * alternated (a yield that returns to the same process is not a switch).
 * Result: time per sched_yield() that switched (all yields' time divided by
 * the switches). Under icount nearly every yield switches; under wall-clock
 * TCG, Linux's CFS sometimes returns to the caller, and that is reported.
 */
uint64_t b_ctxsw_yield(long n)
{
	struct shared {
		volatile long turn_changes[2];
		volatile int last;
		volatile int ready;
	} *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return FAIL("mmap shared: %s", strerror(errno));
	long half = n / 2;
	s->last = -1;
	s->ready = 0;
	pid_t p = fork();
	if (p < 0)
		return FAIL("fork: %s", strerror(errno));
	int me = p == 0;
	if (me) {
		s->ready = 1;
	} else {
		while (!s->ready)
			sched_yield();
	}
	uint64_t t0 = now_ns();
	for (long i = 0; i < half; i++) {
		if (s->last != me)
			s->turn_changes[me]++;
		s->last = me;
		sched_yield();
	}
	uint64_t t = now_ns() - t0;
	if (me)
		_exit(0);
	if (reap(p))
		return FAIL("yield child failed");
	long changes = s->turn_changes[0] + s->turn_changes[1];
	munmap((void *)s, 4096);
	if (changes < 2 * half / 10)
		return FAIL("ctxsw_yield: only %ld of %ld yields switched process", changes, 2 * half);
	if (changes < 2 * half * 9 / 10)
		out("INFO ctxsw_yield: %ld of %ld yields switched process", changes, 2 * half);
	return t * (uint64_t)n / (uint64_t)changes;
}
