/* The console tty: isatty, termios (TCGETS/TCSETS), window size, and the
 * controlling terminal (TIOCSCTTY, TIOCGPGRP/TIOCSPGRP, TIOCGSID, /dev/tty).
 * Cases that need a controlling terminal take the console in a new session;
 * they expect nobody else to hold it (the runner is init and holds none). */
#include "harness.h"

#include <sys/ioctl.h>
#include <termios.h>

static int open_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		FAIL("open /dev/console: %s", strerror(errno));
	return fd;
}

TEST(console_isatty)
{
	int fd = open_console();
	CHECK_EQ(isatty(fd), 1);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISCHR(st.st_mode));
}

TEST(regular_file_not_a_tty)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	CHECK_EQ(isatty(fd), 0);
	struct termios t;
	CHECK_ERRNO(ioctl(fd, TCGETS, &t), ENOTTY);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERRNO(ioctl(p[0], TCGETS, &t), ENOTTY);
	CHECK_ERRNO(ioctl(open("/dev/null", O_RDONLY), TCGETS, &t), ENOTTY);
}

TEST(tty_ioctl_bad_fd_ebadf)
{
	struct termios t;
	CHECK_ERRNO(ioctl(12345, TCGETS, &t), EBADF);
}

TEST(tcgets_reasonable)
{
	int fd = open_console();
	struct termios t;
	CHECK_OK(ioctl(fd, TCGETS, &t));
	CHECK(t.c_cflag & CREAD);
	CHECK((t.c_cflag & CSIZE) == CS8 || (t.c_cflag & CSIZE) == CS7);
}

TEST(tcgets_bad_pointer_efault)
{
	int fd = open_console();
	CHECK_ERRNO(ioctl(fd, TCGETS, (void *)1), EFAULT);
}

TEST(tcsets_round_trip)
{
	int fd = open_console();
	struct termios orig, t, back;
	CHECK_OK(ioctl(fd, TCGETS, &orig));
	t = orig;
	t.c_lflag ^= ECHO;
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 7;
	CHECK_OK(ioctl(fd, TCSETS, &t));
	CHECK_OK(ioctl(fd, TCGETS, &back));
	CHECK_EQ(back.c_lflag & ECHO, t.c_lflag & ECHO);
	CHECK_EQ(back.c_cc[VMIN], 3);
	CHECK_EQ(back.c_cc[VTIME], 7);
	CHECK_OK(ioctl(fd, TCSETS, &orig));
	CHECK_OK(ioctl(fd, TCGETS, &back));
	CHECK_EQ(back.c_lflag, orig.c_lflag);
}

TEST(tcsetattr_drain_variants)
{
	int fd = open_console();
	struct termios orig;
	CHECK_OK(tcgetattr(fd, &orig));
	CHECK_OK(tcsetattr(fd, TCSADRAIN, &orig));
	CHECK_OK(tcsetattr(fd, TCSAFLUSH, &orig));
	CHECK_OK(tcsetattr(fd, TCSANOW, &orig));
}

TEST(tiocgwinsz_and_tiocswinsz)
{
	int fd = open_console();
	struct winsize orig, w = {.ws_row = 33, .ws_col = 101}, back;
	CHECK_OK(ioctl(fd, TIOCGWINSZ, &orig));
	CHECK_OK(ioctl(fd, TIOCSWINSZ, &w));
	CHECK_OK(ioctl(fd, TIOCGWINSZ, &back));
	CHECK_EQ(back.ws_row, 33);
	CHECK_EQ(back.ws_col, 101);
	CHECK_OK(ioctl(fd, TIOCSWINSZ, &orig));
}

TEST(tiocgwinsz_bad_pointer_efault)
{
	int fd = open_console();
	CHECK_ERRNO(ioctl(fd, TIOCGWINSZ, test_bad_ptr()), EFAULT);
}

TEST(tty_unknown_ioctl_enotty)
{
	int fd = open_console();
	CHECK_ERRNO(ioctl(fd, 0x5499, 0), ENOTTY);
}

TEST(console_write)
{
	int fd = open_console();
	CHECK_EQ(write(fd, "", 0), 0);
	CHECK_EQ(write(fd, "\r", 1), 1);
}

/* Runs fn in a child that is a new session leader with the console as its
 * controlling terminal; fn returns 0 for success or a failing line. */
static int in_console_session(int (*fn)(int fd))
{
	pid_t pid = fork();
	if (pid == 0) {
		int r = 1;
		if (setsid() < 0) {
			r = 2;
		} else {
			int fd = open("/dev/console", O_RDWR | O_NOCTTY);
			if (fd < 0)
				r = 3;
			else if (ioctl(fd, TIOCSCTTY, 0) < 0)
				r = 4;
			else
				r = fn(fd);
		}
		_exit(r);
	}
	int st;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st))
		FAIL("session child died: status 0x%x", st);
	return WEXITSTATUS(st);
}

static int ctty_pgrp(int fd)
{
	pid_t pg = -1;
	if (ioctl(fd, TIOCGPGRP, &pg) < 0)
		return 10;
	if (pg != getpid())
		return 11;
	if (tcgetpgrp(fd) != getpid())
		return 12;
	return 0;
}

TEST(tiocsctty_then_tiocgpgrp)
{
	CHECK_EQ(in_console_session(ctty_pgrp), 0);
}

static int ctty_sid(int fd)
{
	pid_t sid = -1;
	if (ioctl(fd, TIOCGSID, &sid) < 0)
		return 10;
	return sid == getpid() ? 0 : 11;
}

TEST(tiocgsid_is_session)
{
	CHECK_EQ(in_console_session(ctty_sid), 0);
}

static int ctty_setpgrp(int fd)
{
	pid_t child = fork();
	if (child == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	setpgid(child, child);
	signal(SIGTTOU, SIG_IGN);
	int r = 0;
	if (tcsetpgrp(fd, child) < 0)
		r = 10;
	else if (tcgetpgrp(fd) != child)
		r = 11;
	else if (tcsetpgrp(fd, getpid()) < 0)
		r = 12;
	else if (tcsetpgrp(fd, 0x3ffffff0) == 0 || errno != ESRCH)
		r = 13; /* no such group */
	else if (tcsetpgrp(fd, getpgid(getppid())) == 0 || errno != EPERM)
		r = 14; /* a group of another session */
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return r;
}

TEST(tiocspgrp_changes_foreground)
{
	CHECK_EQ(in_console_session(ctty_setpgrp), 0);
}

static int ctty_dev_tty(int fd)
{
	(void)fd;
	int t = open("/dev/tty", O_RDWR);
	if (t < 0)
		return 10;
	if (!isatty(t))
		return 11;
	pid_t pg;
	if (ioctl(t, TIOCGPGRP, &pg) < 0 || pg != getpid())
		return 12;
	return 0;
}

TEST(dev_tty_is_controlling_terminal)
{
	CHECK_EQ(in_console_session(ctty_dev_tty), 0);
}

static int background_read_sigttin(int fd)
{
	(void)fd;
	pid_t child = fork();
	if (child == 0) {
		setpgid(0, 0);
		alarm(5);
		/* Through /dev/tty: Linux exempts /dev/console from job control. */
		int t = open("/dev/tty", O_RDONLY);
		char c;
		ssize_t r = read(t, &c, 1); /* background: SIGTTIN stops us */
		(void)r;
		_exit(50);
	}
	setpgid(child, child);
	int st;
	waitpid(child, &st, WUNTRACED);
	int r = WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN ? 0 : 10;
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return r;
}

TEST(background_read_gets_sigttin)
{
	CHECK_EQ(in_console_session(background_read_sigttin), 0);
}

TEST(tiocgpgrp_without_ctty_enotty)
{
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		int fd = open("/dev/console", O_RDWR | O_NOCTTY);
		pid_t pg;
		int ok = fd >= 0 && ioctl(fd, TIOCGPGRP, &pg) == -1 && errno == ENOTTY;
		int ok2 = open("/dev/tty", O_RDWR) == -1 && errno == ENXIO;
		_exit(ok && ok2 ? 0 : (ok ? 2 : 1));
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(tiocsctty_needs_session_leader)
{
	pid_t pid = fork();
	if (pid == 0) {
		/* A group leader that is not a session leader. */
		setpgid(0, 0);
		int fd = open("/dev/console", O_RDWR | O_NOCTTY);
		_exit(fd >= 0 && ioctl(fd, TIOCSCTTY, 0) == -1 && errno == EPERM ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}
