/* rt_sigaction, rt_sigprocmask, kill, tgkill, default actions, SIGCHLD,
 * SA_RESTART vs EINTR, sigaltstack, sigsuspend, sigtimedwait. */
#include "harness.h"

#include <sys/time.h>

static volatile sig_atomic_t hits;
static volatile int last_sig;
static void on_sig(int s)
{
	hits++;
	last_sig = s;
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) < 0)
		FAIL("sigaction(%d): %s", sig, strerror(errno));
}

TEST(sigaction_handler_runs_on_raise)
{
	install(SIGUSR1, on_sig, 0);
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR1);
}

TEST(sigaction_returns_old_action)
{
	install(SIGUSR2, on_sig, SA_RESTART);
	struct sigaction old;
	CHECK_OK(sigaction(SIGUSR2, NULL, &old));
	CHECK(old.sa_handler == on_sig);
	CHECK(old.sa_flags & SA_RESTART);
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	CHECK_OK(sigaction(SIGUSR2, &dfl, &old));
	CHECK(old.sa_handler == on_sig);
	CHECK_OK(sigaction(SIGUSR2, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
}

TEST(sigaction_sigkill_sigstop_einval)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sig;
	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
}

TEST(rt_sigaction_bad_signal_einval)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, 0, NULL, &sa, 8), EINVAL);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, 65, NULL, &sa, 8), EINVAL);
}

TEST(rt_sigaction_bad_sigsetsize_einval)
{
	char old[64];
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, NULL, old, 4), EINVAL);
}

TEST(rt_sigaction_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, (void *)1, NULL, 8), EFAULT);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, NULL, test_bad_ptr(), 8), EFAULT);
}

TEST(sigprocmask_blocks_delivery)
{
	install(SIGUSR1, on_sig, 0);
	sigset_t m, pend;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &m, NULL));
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(hits, 0);
	CHECK_OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGUSR1));
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &m, NULL));
	CHECK_EQ(hits, 1);
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR1));
}

TEST(sigprocmask_standard_signals_coalesce)
{
	install(SIGUSR1, on_sig, 0);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	CHECK_EQ(hits, 1);
}

TEST(realtime_signals_queue)
{
	install(SIGRTMIN + 1, on_sig, 0);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	union sigval v = {0};
	for (int i = 0; i < 3; i++)
		CHECK_OK(sigqueue(getpid(), SIGRTMIN + 1, v));
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	CHECK_EQ(hits, 3);
}

TEST(sigprocmask_setmask_and_query)
{
	sigset_t m, old, cur;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	sigaddset(&m, SIGTERM);
	CHECK_OK(sigprocmask(SIG_SETMASK, &m, &old));
	CHECK(!sigismember(&old, SIGUSR2));
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR2));
	CHECK(sigismember(&cur, SIGTERM));
	CHECK(!sigismember(&cur, SIGUSR1));
}

TEST(sigprocmask_cannot_block_sigkill_sigstop)
{
	sigset_t m, cur;
	sigfillset(&m);
	CHECK_OK(sigprocmask(SIG_SETMASK, &m, NULL));
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(!sigismember(&cur, SIGKILL));
	CHECK(!sigismember(&cur, SIGSTOP));
	CHECK(sigismember(&cur, SIGTERM));
}

TEST(rt_sigprocmask_bad_how_einval)
{
	unsigned long set = 0;
	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, 99, &set, NULL, 8), EINVAL);
}

TEST(rt_sigprocmask_bad_size_einval)
{
	unsigned long set = 0;
	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
}

TEST(rt_sigprocmask_bad_pointer_efault)
{
	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)1, NULL, 8), EFAULT);
}

TEST(kill_child_with_sigterm)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_OK(kill(pid, SIGTERM));
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_KILLED_BY(st, SIGTERM));
}

TEST(kill_signal_zero_probes)
{
	CHECK_OK(kill(getpid(), 0));
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	CHECK_ERRNO(kill(pid, 0), ESRCH);
	CHECK_ERRNO(kill(0x3ffffff0, 0), ESRCH);
}

TEST(kill_bad_signal_einval)
{
	CHECK_ERRNO(kill(getpid(), 999), EINVAL);
	CHECK_ERRNO(kill(getpid(), -1), EINVAL);
}

TEST(kill_self_handler_runs_before_return)
{
	install(SIGUSR1, on_sig, 0);
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(hits, 1);
}

TEST(tgkill_self)
{
	install(SIGUSR2, on_sig, 0);
	CHECK_OK(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR2));
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR2);
}

TEST(tgkill_errors)
{
	CHECK_ERRNO(syscall(SYS_tgkill, getpid(), 0x3ffffff0, SIGUSR1), ESRCH);
	CHECK_ERRNO(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), 999), EINVAL);
	CHECK_ERRNO(syscall(SYS_tgkill, 0, syscall(SYS_gettid), SIGUSR1), EINVAL);
	CHECK_ERRNO(syscall(SYS_tgkill, getpid() + 0x10000000, syscall(SYS_gettid), SIGUSR1), ESRCH);
}

TEST(tkill_self)
{
	install(SIGUSR1, on_sig, 0);
	CHECK_OK(syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1));
	CHECK_EQ(hits, 1);
}

static int killed_by(void (*fn)(void))
{
	int st = test_run_child(fn);
	return WIFSIGNALED(st) ? WTERMSIG(st) : -(WIFEXITED(st) ? WEXITSTATUS(st) : 1000);
}

static int *volatile bad_int_ptr = (int *)8;
static void do_segv(void) { *bad_int_ptr = 1; }
static void do_abort(void) { abort(); }
static void do_ill(void) { __asm__ volatile("ud2"); }
static volatile int zero = 0;
static void do_fpe(void)
{
	int q = 1, d = zero;
	__asm__ volatile("cltd\n\tidivl %1" : "+a"(q) : "r"(d) : "edx");
}
static void do_int3(void) { __asm__ volatile("int3"); }
static void raise_int(void) { raise(SIGINT); }
static void raise_quit(void) { raise(SIGQUIT); }
static void raise_hup(void) { raise(SIGHUP); }
static void raise_usr1(void) { raise(SIGUSR1); }
static void raise_alrm(void) { raise(SIGALRM); }

TEST(default_action_sigsegv_on_bad_access)
{
	CHECK_EQ(killed_by(do_segv), SIGSEGV);
}

TEST(default_action_sigabrt)
{
	CHECK_EQ(killed_by(do_abort), SIGABRT);
}

TEST(default_action_sigill_on_ud2)
{
	CHECK_EQ(killed_by(do_ill), SIGILL);
}

TEST(default_action_sigfpe_on_divide_by_zero)
{
	CHECK_EQ(killed_by(do_fpe), SIGFPE);
}

TEST(default_action_sigtrap_on_int3)
{
	CHECK_EQ(killed_by(do_int3), SIGTRAP);
}

TEST(default_action_terminates)
{
	CHECK_EQ(killed_by(raise_int), SIGINT);
	CHECK_EQ(killed_by(raise_quit), SIGQUIT);
	CHECK_EQ(killed_by(raise_hup), SIGHUP);
	CHECK_EQ(killed_by(raise_usr1), SIGUSR1);
	CHECK_EQ(killed_by(raise_alrm), SIGALRM);
}

static void raise_ignored(void)
{
	raise(SIGCHLD);
	raise(SIGURG);
	raise(SIGWINCH);
	_exit(33);
}

TEST(default_action_ignores)
{
	CHECK_EQ(killed_by(raise_ignored), -33);
}

static void ignore_then_raise(void)
{
	signal(SIGTERM, SIG_IGN);
	raise(SIGTERM);
	sigset_t p;
	sigpending(&p);
	_exit(sigismember(&p, SIGTERM) ? 1 : 34);
}

TEST(sig_ign_discards)
{
	CHECK_EQ(killed_by(ignore_then_raise), -34);
}

static volatile pid_t chld_pid;
static volatile int chld_code, chld_status;
static void on_chld(int s, siginfo_t *si, void *uc)
{
	(void)s;
	(void)uc;
	hits++;
	chld_pid = si->si_pid;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

TEST(sigchld_on_child_exit_with_siginfo)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGCHLD, &sa, NULL));
	pid_t pid = fork();
	if (pid == 0)
		_exit(12);
	while (!hits)
		test_sleep_ms(5);
	CHECK_EQ(chld_pid, pid);
	CHECK_EQ(chld_code, CLD_EXITED);
	CHECK_EQ(chld_status, 12);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
}

TEST(sigchld_on_child_killed)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGCHLD, &sa, NULL));
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	while (!hits)
		test_sleep_ms(5);
	CHECK_EQ(chld_pid, pid);
	CHECK_EQ(chld_code, CLD_KILLED);
	CHECK_EQ(chld_status, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(sigchld_ignored_autoreaps)
{
	signal(SIGCHLD, SIG_IGN);
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	int st;
	/* No zombie is left: wait blocks until the child is gone, then ECHILD. */
	CHECK_ERRNO(waitpid(pid, &st, 0), ECHILD);
}

static volatile int info_pid, info_code, info_uid;
static void on_info(int s, siginfo_t *si, void *uc)
{
	(void)s;
	(void)uc;
	info_pid = si->si_pid;
	info_code = si->si_code;
	info_uid = si->si_uid + 1;
}

TEST(siginfo_from_kill)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(info_pid, getpid());
	CHECK_EQ(info_code, SI_USER);
	CHECK_EQ(info_uid, 1);
}

TEST(siginfo_from_tgkill)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	CHECK_OK(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1));
	CHECK_EQ(info_pid, getpid());
	CHECK_EQ(info_code, SI_TKILL);
}

static volatile int mask_in_handler;
static void on_check_mask(int s)
{
	sigset_t cur;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	mask_in_handler = sigismember(&cur, s) * 2 + sigismember(&cur, SIGUSR2);
}

TEST(handler_runs_with_signal_and_sa_mask_blocked)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_check_mask;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	CHECK_EQ(mask_in_handler, 3);
	sigset_t cur;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	CHECK(!sigismember(&cur, SIGUSR1)); /* restored by sigreturn */
	CHECK(!sigismember(&cur, SIGUSR2));
}

TEST(sa_nodefer_leaves_signal_unblocked)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_check_mask;
	sa.sa_flags = SA_NODEFER;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	CHECK_EQ(mask_in_handler, 0);
}

TEST(sa_resethand_one_shot)
{
	install(SIGUSR1, on_sig, SA_RESETHAND);
	raise(SIGUSR1);
	CHECK_EQ(hits, 1);
	struct sigaction cur;
	CHECK_OK(sigaction(SIGUSR1, NULL, &cur));
	CHECK(cur.sa_handler == SIG_DFL);
}

static void on_clobber(int s)
{
	(void)s;
	/* Clobber what we can; the interrupted code must not notice. */
	volatile char junk[256];
	memset((void *)junk, 0xee, sizeof junk);
	volatile double d = 3.3;
	d = d * d + 1.7;
	(void)d;
}

TEST(handler_preserves_interrupted_state)
{
	install(SIGALRM, on_clobber, 0);
	struct itimerval it = {{0, 1000}, {0, 1000}};
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	long long t0 = test_now_ns();
	unsigned long a = 1, b = 0;
	double f = 1.0;
	long n = 0;
	while (test_now_ns() - t0 < 300000000LL) {
		for (int i = 0; i < 1000; i++) {
			a = a * 6364136223846793005UL + 1442695040888963407UL;
			b += a >> 60;
			f = f * 1.0000001;
		}
		n += 1000;
	}
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	/* Recompute the same sequence without signals. */
	unsigned long a2 = 1, b2 = 0;
	double f2 = 1.0;
	for (long i = 0; i < n; i++) {
		a2 = a2 * 6364136223846793005UL + 1442695040888963407UL;
		b2 += a2 >> 60;
		f2 = f2 * 1.0000001;
	}
	CHECK(a2 == a);
	CHECK(b2 == b);
	CHECK(f2 == f);
}

/* SA_RESTART: a read on a pipe interrupted by a handled signal restarts. */
static void pipe_read_with_signal(int flags, ssize_t *ret, int *err)
{
	install(SIGUSR1, on_sig, flags);
	int p[2];
	if (pipe(p) < 0)
		FAIL("pipe");
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		test_sleep_ms(100);
		kill(me, SIGUSR1);
		test_sleep_ms(100);
		_exit(write(p[1], "r", 1) == 1 ? 0 : 1);
	}
	char c;
	errno = 0;
	*ret = read(p[0], &c, 1);
	*err = errno;
	waitpid(pid, NULL, 0);
}

TEST(sa_restart_restarts_pipe_read)
{
	ssize_t r;
	int e;
	pipe_read_with_signal(SA_RESTART, &r, &e);
	CHECK_EQ(hits, 1);
	CHECK_EQ(r, 1);
}

TEST(no_sa_restart_read_eintr)
{
	ssize_t r;
	int e;
	pipe_read_with_signal(0, &r, &e);
	CHECK_EQ(hits, 1);
	CHECK_EQ(r, -1);
	CHECK_EQ(e, EINTR);
}

TEST(sa_restart_wait4_restarts)
{
	install(SIGUSR1, on_sig, SA_RESTART);
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		test_sleep_ms(100);
		kill(me, SIGUSR1);
		test_sleep_ms(100);
		_exit(8);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 8));
	CHECK_EQ(hits, 1);
}

TEST(sigsuspend_waits_for_signal)
{
	install(SIGUSR1, on_sig, 0);
	sigset_t m, old;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, &old);
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		test_sleep_ms(50);
		kill(me, SIGUSR1);
		_exit(0);
	}
	sigset_t wait_mask;
	sigemptyset(&wait_mask);
	CHECK_ERRNO(sigsuspend(&wait_mask), EINTR);
	CHECK_EQ(hits, 1);
	sigset_t cur;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	CHECK(sigismember(&cur, SIGUSR1)); /* the old mask is back */
	waitpid(pid, NULL, 0);
}

TEST(pause_returns_eintr)
{
	install(SIGALRM, on_sig, 0);
	struct itimerval it = {{0, 0}, {0, 50000}};
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERRNO(pause(), EINTR);
	CHECK_EQ(hits, 1);
}

TEST(sigtimedwait_takes_pending)
{
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGUSR1);
	siginfo_t si;
	struct timespec ts = {1, 0};
	CHECK_EQ(sigtimedwait(&m, &si, &ts), SIGUSR1);
	CHECK_EQ(si.si_signo, SIGUSR1);
	CHECK_EQ(si.si_pid, getpid());
	sigset_t pend;
	sigpending(&pend);
	CHECK(!sigismember(&pend, SIGUSR1));
}

TEST(sigtimedwait_timeout_eagain)
{
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	struct timespec ts = {0, 50000000};
	long long t0 = test_now_ns();
	CHECK_ERRNO(sigtimedwait(&m, NULL, &ts), EAGAIN);
	CHECK(test_now_ns() - t0 >= 45000000LL);
}

TEST(pending_signals_not_inherited_by_fork)
{
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGUSR1);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t p, cur;
		sigpending(&p);
		sigprocmask(SIG_SETMASK, NULL, &cur);
		_exit(!sigismember(&p, SIGUSR1) && sigismember(&cur, SIGUSR1) ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

TEST(handlers_inherited_by_fork)
{
	install(SIGUSR1, on_sig, 0);
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGUSR1);
		_exit(hits == 1 ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
}

static char *alt_base;
static volatile int on_alt;
static void on_altstack(int s)
{
	(void)s;
	char here;
	on_alt = &here >= alt_base && &here < alt_base + 65536;
}

TEST(sigaltstack_handler_runs_on_it)
{
	alt_base = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(alt_base != MAP_FAILED);
	stack_t ss = {.ss_sp = alt_base, .ss_size = 65536, .ss_flags = 0};
	CHECK_OK(sigaltstack(&ss, NULL));
	install(SIGUSR1, on_altstack, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK_EQ(on_alt, 1);
	stack_t cur;
	CHECK_OK(sigaltstack(NULL, &cur));
	CHECK(cur.ss_sp == alt_base);
	CHECK_EQ(cur.ss_size, 65536);
	CHECK_EQ(cur.ss_flags, 0);
}

TEST(sigaltstack_errors)
{
	char small[64];
	stack_t ss = {.ss_sp = small, .ss_size = sizeof small, .ss_flags = 0};
	CHECK_ERRNO(sigaltstack(&ss, NULL), ENOMEM);
	static char big[65536];
	ss.ss_sp = big;
	ss.ss_size = sizeof big;
	ss.ss_flags = 0x1234;
	CHECK_ERRNO(syscall(SYS_sigaltstack, &ss, NULL), EINVAL);
	CHECK_ERRNO(syscall(SYS_sigaltstack, (void *)1, NULL), EFAULT);
}

static void seg_on_altstack_child(void)
{
	/* Stack overflow is caught only on an alternate stack. */
	static char alt[65536];
	stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = (void (*)(int))_exit;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	char *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* The handler is _exit itself: status = the signal number. */
	__asm__ volatile("mov %0, %%rsp\n\tpush $1" ::"r"(p + 4096) : "memory");
	_exit(0);
}

TEST(sigsegv_with_bad_stack_uses_altstack)
{
	int st = test_run_child(seg_on_altstack_child);
	CHECK(WAIT_EXITED_WITH(st, SIGSEGV));
}
