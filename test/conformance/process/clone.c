/* clone: threads (CLONE_VM|CLONE_THREAD|CLONE_SETTLS|CLONE_CHILD_CLEARTID...),
 * set_tid_address, set_robust_list, exit_group with threads. */
#include "harness.h"


#include <sched.h>

#define THREAD_FLAGS                                                                            \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |        \
	 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

struct tls_block {
	struct tls_block *self; /* %fs:0 on x86-64 */
	long pad[15];
};

struct thread_arg {
	volatile long result[4];
	volatile int ctid;
	volatile int ptid;
	volatile int go;
	struct tls_block tls;
};

static char *new_stack(void)
{
	char *s = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		FAIL("mmap stack: %s", strerror(errno));
	return s + 65536;
}

/* Waits (futex) until the kernel clears *ctid at the thread's exit. */
static void join(volatile int *ctid)
{
	long long until = test_now_ns() + 5000000000LL;
	while (*ctid != 0) {
		int v = *ctid;
		if (v == 0)
			break;
		struct timespec ts = {0, 100000000};
		syscall(SYS_futex, ctid, FUTEX_WAIT, v, &ts, NULL, 0);
		if (test_now_ns() > until)
			FAIL("thread did not exit (ctid %d)", *ctid);
	}
}

/* Thread bodies use raw system calls only: libc's TLS is not theirs. */
static int body_basic(void *p)
{
	struct thread_arg *a = p;
	unsigned long fs0;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(fs0));
	a->result[0] = raw_syscall(SYS_getpid, 0, 0, 0);
	a->result[1] = raw_syscall(SYS_gettid, 0, 0, 0);
	a->result[2] = (long)fs0;
	a->result[3] = 1;
	return 0;
}

static pid_t start_thread(int (*fn)(void *), struct thread_arg *a, int flags)
{
	a->tls.self = &a->tls;
	a->ctid = -1;
	pid_t tid = clone(fn, new_stack(), flags, a, &a->ptid, &a->tls, &a->ctid);
	if (tid < 0)
		FAIL("clone: %s", strerror(errno));
	return tid;
}

TEST(clone_thread_shares_memory)
{
	static struct thread_arg a;
	start_thread(body_basic, &a, THREAD_FLAGS | CLONE_SETTLS);
	join(&a.ctid);
	CHECK_EQ(a.result[3], 1);
}

TEST(clone_thread_same_tgid_new_tid)
{
	static struct thread_arg a;
	pid_t tid = start_thread(body_basic, &a, THREAD_FLAGS | CLONE_SETTLS);
	join(&a.ctid);
	CHECK_EQ(a.result[0], getpid());
	CHECK_EQ(a.result[1], tid);
	CHECK(tid != getpid());
}

TEST(clone_settls_sets_fs_base)
{
	static struct thread_arg a;
	start_thread(body_basic, &a, THREAD_FLAGS | CLONE_SETTLS);
	join(&a.ctid);
	CHECK_EQ(a.result[2], (long)&a.tls);
}

TEST(clone_parent_settid_stores_tid)
{
	static struct thread_arg a;
	pid_t tid = start_thread(body_basic, &a, THREAD_FLAGS | CLONE_SETTLS);
	join(&a.ctid);
	CHECK_EQ(a.ptid, tid);
}

TEST(clone_child_cleartid_clears_and_wakes)
{
	static struct thread_arg a;
	start_thread(body_basic, &a, THREAD_FLAGS | CLONE_SETTLS | CLONE_CHILD_SETTID);
	/* join() only returns once the kernel wrote 0 (it started as -1 or the tid). */
	join(&a.ctid);
	CHECK_EQ(a.ctid, 0);
}

static int body_wait_go(void *p)
{
	struct thread_arg *a = p;
	while (!a->go)
		raw_syscall6(SYS_futex, (long)&a->go, FUTEX_WAIT, 0, 0, 0, 0);
	a->result[0] = 99;
	return 0;
}

TEST(futex_wake_wakes_waiting_thread)
{
	static struct thread_arg a;
	start_thread(body_wait_go, &a, THREAD_FLAGS | CLONE_SETTLS);
	test_sleep_ms(50);
	CHECK_EQ(a.result[0], 0);
	a.go = 1;
	syscall(SYS_futex, &a.go, FUTEX_WAKE, 1, NULL, NULL, 0);
	join(&a.ctid);
	CHECK_EQ(a.result[0], 99);
}

static int body_close_fd(void *p)
{
	struct thread_arg *a = p;
	a->result[0] = raw_syscall(SYS_close, a->result[1], 0, 0);
	return 0;
}

TEST(clone_files_shares_fd_table)
{
	static struct thread_arg a;
	int fd = CHECK_OK(open("/dev/null", O_RDONLY));
	a.result[1] = fd;
	start_thread(body_close_fd, &a, THREAD_FLAGS | CLONE_SETTLS);
	join(&a.ctid);
	CHECK_EQ(a.result[0], 0);
	CHECK_ERRNO(fcntl(fd, F_GETFD), EBADF);
}

static int body_vm_child(void *p)
{
	struct thread_arg *a = p;
	a->result[0] = 1234;
	return 7;
}

TEST(clone_vm_process_shares_memory)
{
	static struct thread_arg a;
	pid_t pid = clone(body_vm_child, new_stack(), CLONE_VM | SIGCHLD, &a);
	CHECK(pid > 0);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 7));
	CHECK_EQ(a.result[0], 1234);
}

static int body_spin(void *p)
{
	struct thread_arg *a = p;
	a->result[0] = 1;
	for (;;)
		raw_syscall6(SYS_futex, (long)&a->go, FUTEX_WAIT, 0, 0, 0, 0);
	return 0;
}

TEST(exit_group_ends_all_threads)
{
	pid_t pid = fork();
	if (pid == 0) {
		static struct thread_arg a;
		start_thread(body_spin, &a, THREAD_FLAGS | CLONE_SETTLS);
		while (!a.result[0])
			sched_yield();
		syscall(SYS_exit_group, 5);
		_exit(1);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WAIT_EXITED_WITH(st, 5));
}

TEST(thread_exit_does_not_end_process)
{
	static struct thread_arg a;
	start_thread(body_basic, &a, THREAD_FLAGS | CLONE_SETTLS);
	join(&a.ctid);
	/* The thread is gone; we are still here and can make threads again. */
	static struct thread_arg b;
	start_thread(body_basic, &b, THREAD_FLAGS | CLONE_SETTLS);
	join(&b.ctid);
	CHECK_EQ(b.result[0], getpid());
}

TEST(clone_thread_without_sighand_einval)
{
	CHECK_ERRNO(syscall(SYS_clone, CLONE_THREAD | CLONE_VM, NULL, NULL, NULL, 0), EINVAL);
}

TEST(clone_sighand_without_vm_einval)
{
	CHECK_ERRNO(syscall(SYS_clone, CLONE_SIGHAND, NULL, NULL, NULL, 0), EINVAL);
}

TEST(set_tid_address_returns_tid)
{
	static int word;
	CHECK_EQ(syscall(SYS_set_tid_address, &word), syscall(SYS_gettid));
}

TEST(gettid_equals_getpid_single_thread)
{
	CHECK_EQ(syscall(SYS_gettid), getpid());
}

struct robust_list_head_ {
	void *next;
	long futex_offset;
	void *pending;
};

TEST(set_robust_list_accepts_head)
{
	static struct robust_list_head_ head = {&head, 0, NULL};
	CHECK_EQ(syscall(SYS_set_robust_list, &head, sizeof head), 0);
	void *got = NULL;
	size_t len = 0;
	CHECK_EQ(syscall(SYS_get_robust_list, 0, &got, &len), 0);
	CHECK_EQ((long)got, (long)&head);
	CHECK_EQ(len, sizeof head);
}

TEST(set_robust_list_bad_len_einval)
{
	static struct robust_list_head_ head = {&head, 0, NULL};
	CHECK_ERRNO(syscall(SYS_set_robust_list, &head, sizeof head + 1), EINVAL);
}
