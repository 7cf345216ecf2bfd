/*
 * Processes and threads.
 *
 * A process is what Linux calls a thread group: an address space (struct mm),
 * an fd table, a file-system context (root, cwd, umask), a signal-handler
 * table and credentials, any of which threads created with clone() may
 * share. Each thread is one framework task running thread_main(): the loop
 * around user_run() that dispatches system calls, turns exceptions into
 * signals and delivers signals before going back to user mode.
 *
 * Locking: `tasklist_lock` (a mutex) guards the process tree (parent,
 * children, siblings), the thread lists, pids, process groups and sessions,
 * and process state changes (running -> zombie -> reaped). Per-object locks
 * guard the shared pieces (fd_table.lock, fs_state.lock, sighand.lock);
 * `sig_lock` (IRQ-safe spinlock) guards pending sets and masks so signals can
 * be raised from any context.
 */
#ifndef KERNEL_PROCESS_PROCESS_H
#define KERNEL_PROCESS_PROCESS_H

#include <frame/bytes_buf.h>
#include <frame/types.h>
#include <frame/user.h>
#include <frame/wait.h>
#include <frame/task.h>
#include "fs/vfs.h"
#include "process/signal/signal.h"
#include "time/alarm.h"

struct mm;

/* A vfork parent sleeps on this until the child execs or exits. */
struct vfork_done {
	struct wait_queue wq; /* woken when done is set */
	bool done; /* tasklist_lock */
};

#define MAX_FDS 1024
#define PID_MAX 32768

struct fd_table {
	struct mutex lock;
	uint32_t refs; /* shared by CLONE_FILES; guarded by lock */
	struct file *files[MAX_FDS];
	uint64_t cloexec[MAX_FDS / 64];
};

struct fs_state {
	struct mutex lock;
	uint32_t refs; /* shared by CLONE_FS; guarded by lock */
	struct vfs_path root, cwd;
	uint32_t umask;
};

enum proc_state {
	PROC_RUNNING,
	PROC_ZOMBIE, /* exited; the parent has not waited yet */
	PROC_REAPED,
};

struct rlimit_pair {
	uint64_t cur, max;
};

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ull)

struct process {
	int pid, pgid, sid; /* tasklist_lock */
	enum proc_state state; /* tasklist_lock */
	struct process *parent; /* tasklist_lock */
	uint32_t ppid; /* parent->pid, readable without the lock (getppid); changed under tasklist_lock */
	struct process *children; /* tasklist_lock */
	struct process *next_sibling; /* tasklist_lock */
	struct process *next_all; /* tasklist_lock */
	struct thread *threads; /* tasklist_lock */
	unsigned nr_threads; /* tasklist_lock */
	int exit_signal; /* sent to the parent at exit (SIGCHLD usually) */

	struct mm *mm;
	struct fd_table *files;
	struct fs_state *fs;
	struct sighand *sighand;
	uint64_t shared_pending; /* process-directed signals; sig_lock */
	struct sig_info shared_info[NSIG]; /* where each pending one came from; sig_lock */
	struct sigqueue_entry *shared_queue; /* queued real-time signals; sig_lock */
	bool did_exec; /* has exec'd since fork (setpgid by the parent: EACCES) */

	uint32_t uid, euid, suid, gid, egid, sgid;

	bool group_exiting; /* exit_group or a fatal signal; sig_lock */
	int group_exit_status; /* the wait status once all threads are gone */
	int wait_status; /* tasklist_lock: what wait4 reports */
	bool stop_reported; /* a stop or continue waits to be reported; tasklist_lock */
	bool stopped; /* job-control stopped: set under tasklist_lock (do_stop), cleared under sig_lock (SIGCONT) */
	uint32_t ctty_dev; /* the session's controlling terminal (device number), 0 if none; tasklist_lock */

	uint64_t start_ns;
	uint64_t user_ns, sys_ns; /* approximations for /proc and times() */
	char comm[16];
	struct bytes_buf cmdline; /* argv joined with NULs */
	struct bytes_buf exe; /* the absolute path of the program (/proc/pid/exe); tasklist_lock */
	struct rlimit_pair rlim[RLIM_NLIMITS];
	struct wait_queue child_wait; /* a child of this process changed state */
	uint64_t child_events; /* bumped with every child_wait wake-up */
	struct wait_queue stop_wait; /* stopped threads wait here for SIGCONT */
	struct vfork_done *vfork; /* set while a vfork parent waits for us */
	struct alarm alarm; /* ITIMER_REAL / alarm(2): SIGALRM; its fields are time/alarm.c's */
};

struct thread {
	struct process *proc;
	struct service_task *st;
	struct task *task;
	int tid;
	struct user_ctx ctx;
	uint64_t sigmask; /* blocked; sig_lock */
	uint64_t pending; /* thread-directed; sig_lock */
	struct sig_info info[NSIG]; /* where each pending one came from; sig_lock */
	struct sigqueue_entry *queue; /* queued real-time signals; sig_lock */
	uint64_t saved_sigmask; /* restored after a handler (sigsuspend, ppoll) */
	bool restore_sigmask;
	uint64_t clear_child_tid;
	uint64_t set_child_tid; /* written by the new thread itself before it first runs */
	uint64_t robust_list, robust_len;
	uint64_t altstack_sp, altstack_size;
	uint32_t altstack_flags;
	struct thread *next_in_proc; /* tasklist_lock */
	uint64_t syscall_nr; /* the number of the system call being handled (orig_rax) */
	bool in_syscall; /* regs.rax holds a system call's result */
};

/* The framework's per-task service object: just the thread. */
struct service_task {
	struct thread *thread;
};

extern struct mutex tasklist_lock;
extern struct spinlock_irq sig_lock;

static inline struct thread *current_thread(void)
{
	struct service_task *st = service_task_current();
	return st ? st->thread : NULL;
}

/* process.c */
struct process *process_alloc(void);
/* The first of all processes, linked by next_all. tasklist_lock held. */
struct process *process_list(void);
struct thread *thread_alloc(struct process *p);
void thread_free(struct thread *t);
void process_link(struct process *p); /* tasklist_lock held */
void process_unlink(struct process *p); /* tasklist_lock held */
struct process *process_find(int pid); /* tasklist_lock held */
struct thread *thread_find(int tid); /* tasklist_lock held */
int pid_alloc(void); /* tasklist_lock held; -EAGAIN when none */
struct process *init_process(void);
/* Start pid 1 from `path` (argv[0] = path), after setup(p) gave it its first files. 0 or -E... */
int process_start_init(struct bytes path, int (*setup)(struct process *p));
/* The loop each thread's task runs (entry/thread_loop.c: thread_main); set before the first process. */
void process_set_thread_loop(void (*loop)(struct service_task *st));
/* Spawn the framework task of a fully built thread. 0 or -ENOMEM. */
int thread_start(struct thread *t);
void process_set_comm(struct process *p, struct bytes name);

/* exit.c */
__noreturn void thread_exit(struct thread *t, int code);
void process_group_exit(struct process *p, int wait_status);
int64_t process_wait(struct thread *t, int pid, uptr_t status, int options, uptr_t rusage);
int64_t process_waitid(struct thread *t, int idtype, int id, uptr_t infop, int options);

/* fork.c */
int64_t process_clone(struct thread *t, uint64_t flags, uint64_t new_sp, uptr_t parent_tid, uptr_t child_tid,
		      uint64_t tls);

/* files.c */
struct fd_table *fd_table_new(void);
struct fd_table *fd_table_copy(struct fd_table *src);
void fd_table_put(struct fd_table *t);
void fd_table_close_on_exec(struct fd_table *t);
/* A counted reference to the open file behind fd, or NULL. */
struct file *fd_get(struct process *p, int fd);
/* Install f (the reference moves in) at the lowest free fd >= min. The fd or -EMFILE. */
int fd_install(struct process *p, struct file *f, int min, bool cloexec);
int fd_install_at(struct process *p, struct file *f, int fd, bool cloexec);
int fd_close(struct process *p, int fd);
bool fd_get_cloexec(struct process *p, int fd);
void fd_set_cloexec(struct process *p, int fd, bool on);

struct fs_state *fs_state_new(struct vfs_path root, struct vfs_path cwd);
struct fs_state *fs_state_copy(struct fs_state *src);
void fs_state_put(struct fs_state *fs);
/* The caller's view for path lookups: references are borrowed from fs, valid while fs lives. */
struct vfs_ctx process_vfs_ctx(struct process *p);

/* exec.c */
/* Load the program at path into t's process (the first exec of init). */
int exec_first(struct thread *t, struct bytes path);
int64_t process_execve(struct thread *t, uptr_t path, uptr_t argv, uptr_t envp);

/*
 * session.c: sessions, process groups and controlling terminals. A terminal
 * embeds a struct ctty, registers it once, and asks these functions; its
 * fields are guarded by tasklist_lock.
 */
struct ctty {
	uint32_t dev; /* the terminal's device number; set by ctty_register */
	int sid; /* the session it controls, 0 if none; tasklist_lock */
	int fg_pgrp; /* its foreground process group, 0 if none; tasklist_lock */
	struct ctty *next; /* the registered terminals; tasklist_lock */
};
void ctty_register(struct ctty *c, uint32_t dev);
/* p reads c from a background group of c's session: SIGTTIN to p's group, and true. */
bool ctty_stop_background_reader(struct ctty *c, struct process *p);
/* sig to c's foreground group, if any (^C ^\ ^Z, SIGWINCH). */
void ctty_signal_foreground(struct ctty *c, int sig);
/* TIOCGPGRP: the foreground group, or -ENOTTY when p is not of c's session. */
int ctty_get_pgrp(struct ctty *c, struct process *p);
/* TIOCSPGRP: 0, -EINVAL, -ENOTTY, -ESRCH (no such group) or -EPERM (a group of another session). */
int ctty_set_pgrp(struct ctty *c, struct process *p, int pgrp);
/* TIOCGSID: the session c controls, or -ENOTTY. */
int ctty_get_sid(struct ctty *c);
/* TIOCSCTTY: a session leader takes c (from another session only when steal). 0 or -EPERM. */
int ctty_acquire(struct ctty *c, struct process *p, bool steal);
/* open(2) of a terminal: a session leader without one acquires c if c is free. */
void ctty_acquire_on_open(struct ctty *c, struct process *p);
/* TIOCNOTTY: p gives c up (a leader frees it for the session). 0 or -ENOTTY. */
int ctty_release(struct ctty *c, struct process *p);
/* c is p's controlling terminal. */
bool ctty_controls(struct ctty *c, struct process *p);
/* The foreground group of the terminal dev (/proc/N/stat's tpgid), -1 if none. */
int ctty_foreground(uint32_t dev);
/* The leader's session ended: its terminal is free, its foreground group gets SIGHUP. tasklist_lock held. */
void session_leader_exited(struct process *leader);

/* exit.c: tell the parent (SIGCHLD, wake wait4). tasklist_lock held. */
void process_notify_parent(struct process *p);
/* exit.c: a vfork child released its parent (exec or exit). tasklist_lock held. */
void vfork_complete(struct process *p);

#endif /* KERNEL_PROCESS_PROCESS_H */
