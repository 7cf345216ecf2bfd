/* The exec helper of the conformance tests (/test/helper): small actions
 * selected by argv[1], results on stdout or in the exit status. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 100;
	const char *op = argv[1];
	if (!strcmp(op, "exit") && argc > 2)
		return atoi(argv[2]);
	if (!strcmp(op, "argv")) { /* echo argv[2..], with argc first */
		printf("%d", argc);
		for (int i = 2; i < argc; i++)
			printf(" %s", argv[i]);
		printf("\n");
		return 0;
	}
	if (!strcmp(op, "env") && argc > 2) {
		const char *v = getenv(argv[2]);
		printf("%s\n", v ? v : "(unset)");
		return 0;
	}
	if (!strcmp(op, "fdopen") && argc > 2) /* 0: open, 1: closed */
		return fcntl(atoi(argv[2]), F_GETFD) >= 0 ? 0 : (errno == EBADF ? 1 : 2);
	if (!strcmp(op, "pid")) {
		printf("%d %d\n", (int)getpid(), (int)getppid());
		return 0;
	}
	if (!strcmp(op, "sigstate")) { /* SIGUSR1 blocked?, SIGUSR2 ignored?, SIGTERM default? */
		sigset_t m;
		struct sigaction a2, at;
		sigprocmask(SIG_BLOCK, NULL, &m);
		sigaction(SIGUSR2, NULL, &a2);
		sigaction(SIGTERM, NULL, &at);
		printf("%d %d %d\n", sigismember(&m, SIGUSR1), a2.sa_handler == SIG_IGN,
		       at.sa_handler == SIG_DFL);
		return 0;
	}
	if (!strcmp(op, "raise") && argc > 2) {
		signal(atoi(argv[2]), SIG_DFL);
		raise(atoi(argv[2]));
		return 101;
	}
	if (!strcmp(op, "cat")) { /* copies stdin to stdout */
		char buf[4096];
		ssize_t n;
		while ((n = read(0, buf, sizeof buf)) > 0)
			if (write(1, buf, n) != n)
				return 3;
		return n < 0 ? 2 : 0;
	}
	if (!strcmp(op, "readlink-exe")) {
		char buf[256];
		ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
		if (n < 0)
			return 2;
		buf[n] = 0;
		printf("%s\n", buf);
		return 0;
	}
	return 100;
}
