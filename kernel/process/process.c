/*
 * The process table, pid allocation, and starting a thread's task on the
 * user-mode loop (entry/thread_loop.c, which sits above the system-call
 * layer and so is handed in at start-up rather than named here).
 */
#include <frame/alloc.h>
#include <frame/time.h>
#include "process/process.h"
#include "vm/mm.h"

struct mutex tasklist_lock = MUTEX_INIT;
struct spinlock_irq sig_lock = SPINLOCK_IRQ_INIT;

static struct process *all_processes; /* tasklist_lock */
static struct process *the_init;
static int last_pid;

struct process *init_process(void)
{
	return the_init;
}

struct process *process_find(int pid)
{
	for (struct process *p = all_processes; p; p = p->next_all)
		if (p->pid == pid && p->state != PROC_REAPED)
			return p;
	return NULL;
}

struct thread *thread_find(int tid)
{
	for (struct process *p = all_processes; p; p = p->next_all)
		for (struct thread *t = p->threads; t; t = t->next_in_proc)
			if (t->tid == tid)
				return t;
	return NULL;
}

static bool pid_in_use(int pid)
{
	for (struct process *p = all_processes; p; p = p->next_all) {
		if (p->pid == pid || p->pgid == pid || p->sid == pid)
			return true;
		for (struct thread *t = p->threads; t; t = t->next_in_proc)
			if (t->tid == pid)
				return true;
	}
	return false;
}

int pid_alloc(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid >= PID_MAX - 1 ? 2 : last_pid + 1;
		if (!pid_in_use(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

/* tasklist_lock held. */
void process_link(struct process *p)
{
	p->next_all = all_processes;
	all_processes = p;
	if (p->parent) {
		p->next_sibling = p->parent->children;
		p->parent->children = p;
	}
}

/* tasklist_lock held; p is reaped and has no threads left. */
void process_unlink(struct process *p)
{
	for (struct process **pp = &all_processes; *pp; pp = &(*pp)->next_all) {
		if (*pp == p) {
			*pp = p->next_all;
			break;
		}
	}
	if (p->parent) {
		for (struct process **pp = &p->parent->children; *pp; pp = &(*pp)->next_sibling) {
			if (*pp == p) {
				*pp = p->next_sibling;
				break;
			}
		}
	}
}

struct process *process_list(void)
{
	return all_processes;
}

void process_set_comm(struct process *p, struct bytes name)
{
	struct bytes comm = BYTES_OF_FIELD(p, comm);
	bytes_fill(comm, 0);
	size_t n = MIN(bytes_len(name), bytes_len(comm) - 1);
	bytes_copy(comm, bytes_sub(name, 0, n));
}

/* The user-mode loop every thread runs (entry/thread_loop.c), set once at start-up. */
static void (*thread_loop)(struct service_task *st);

void process_set_thread_loop(void (*loop)(struct service_task *st))
{
	thread_loop = loop;
}

int thread_start(struct thread *t)
{
	if (!thread_loop)
		return -ENOSYS;
	t->task = task_spawn_service("user", thread_loop, t->st);
	if (!t->task)
		return -ENOMEM;
	return 0;
}

static void rlimits_default(struct process *p)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		p->rlim[i] = (struct rlimit_pair){ RLIM_INFINITY, RLIM_INFINITY };
	p->rlim[RLIMIT_STACK] = (struct rlimit_pair){ 8ull << 20, RLIM_INFINITY };
	p->rlim[RLIMIT_NOFILE] = (struct rlimit_pair){ MAX_FDS, MAX_FDS };
	p->rlim[RLIMIT_CORE] = (struct rlimit_pair){ 0, RLIM_INFINITY };
	p->rlim[RLIMIT_NPROC] = (struct rlimit_pair){ 4096, 4096 };
}

/* IRQ context: the real-time timer of p ran out. */
static void alarm_expired(struct process *p)
{
	signal_send_process(p, SIGALRM);
}

struct process *process_alloc(void)
{
	struct process *p = NEW(struct process);
	if (!p)
		return NULL;
	p->exit_signal = SIGCHLD;
	alarm_init(&p->alarm, p, alarm_expired);
	p->start_ns = clock_ns();
	rlimits_default(p);
	return p;
}

struct thread *thread_alloc(struct process *p)
{
	struct thread *t = NEW(struct thread);
	struct service_task *st = NEW(struct service_task);
	if (!t || !st) {
		FREE(t);
		FREE(st);
		return NULL;
	}
	st->thread = t;
	t->st = st;
	t->proc = p;
	return t;
}

void thread_free(struct thread *t)
{
	sigqueue_free(t->queue);
	user_ctx_release(&t->ctx);
	FREE(t->st);
	FREE(t);
}

int process_start_init(struct bytes path, int (*setup)(struct process *p))
{
	struct process *p = process_alloc();
	struct thread *t = p ? thread_alloc(p) : NULL;
	if (!t)
		return -ENOMEM;
	struct vfs_path root = vfs_root();
	p->fs = fs_state_new(root, root);
	vfs_path_put(root);
	p->files = fd_table_new();
	p->sighand = sighand_new();
	if (!p->fs || !p->files || !p->sighand)
		return -ENOMEM;
	int err = setup(p);
	if (err)
		return err;
	mutex_lock(&tasklist_lock);
	p->pid = p->pgid = p->sid = t->tid = 1;
	last_pid = 1;
	p->threads = t;
	p->nr_threads = 1;
	process_link(p);
	the_init = p;
	mutex_unlock(&tasklist_lock);
	user_ctx_init(&t->ctx);
	int r = exec_first(t, path);
	if (r)
		return r;
	return thread_start(t);
}
