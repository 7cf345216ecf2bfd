/*
 * The process table, pid allocation, and the user-mode loop every thread
 * runs (thread_main).
 */
#include <frame/alloc.h>
#include <frame/time.h>
#include "process/process.h"
#include "syscall/syscall.h"
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

/* A page fault the address space could not resolve: SIGBUS for a mapped file's missing page, else SIGSEGV. */
static void bad_page_fault(struct thread *t, uint64_t addr, int err)
{
	if (err == -EIO) {
		signal_force(t, SIGBUS, BUS_ADRERR, addr);
		return;
	}
	struct mm_vma_info v = { 0 };
	bool mapped = t->proc->mm && mm_vma_find(t->proc->mm, addr, &v) && v.start <= addr;
	signal_force(t, SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, addr);
}

static void handle_exception(struct thread *t, const struct user_exception *exc __noescape)
{
	int sig;
	switch (exc->vector) {
	case 14: { /* page fault */
		int r = t->proc->mm ? mm_fault(t->proc->mm, exc->fault_addr, (unsigned)exc->error_code) : -EFAULT;
		if (r)
			bad_page_fault(t, exc->fault_addr, r);
		return;
	}
	case USER_EXC_NOMEM: /* no memory to run the thread at all */
		process_group_exit(t->proc, SIGKILL);
		return;
	case 0: /* divide error */
	case 16: /* x87 */
	case 19: /* SIMD */
		sig = SIGFPE;
		break;
	case 1:
	case 3:
		sig = SIGTRAP;
		break;
	case 6:
		sig = SIGILL;
		break;
	case 17:
		sig = SIGBUS;
		break;
	default: /* general protection, stack fault, ... */
		sig = SIGSEGV;
		break;
	}
	signal_force(t, sig, SI_KERNEL, exc->fault_addr);
}

void thread_main(struct service_task *st)
{
	struct thread *t = st->thread;
	task_set_vm(task_current(), mm_vm_space(t->proc->mm));
	if (t->set_child_tid)
		user_write_u32(uptr(t->set_child_tid), (uint32_t)t->tid);
	for (;;) {
		struct user_exception exc = { 0 };
		enum user_exit why = user_run(&t->ctx, &exc);
		if (why == USER_EXIT_SYSCALL)
			syscall_dispatch(t);
		else if (why == USER_EXIT_EXCEPTION)
			handle_exception(t, &exc);
		signal_deliver(t);
		if (t->proc->group_exiting)
			thread_exit(t, t->proc->group_exit_status);
	}
}

int thread_start(struct thread *t)
{
	t->task = task_spawn_service("user", thread_main, t->st);
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

struct process *process_alloc(void)
{
	struct process *p = NEW(struct process);
	if (!p)
		return NULL;
	p->exit_signal = SIGCHLD;
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
