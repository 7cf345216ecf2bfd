/*
 * Ending threads and processes, zombies, reparenting, and wait4.
 *
 * The last thread of a process to leave turns the process into a zombie:
 * its address space, files and fs context are released at once, its
 * children go to init, and the parent is told (exit signal, child_wait).
 * The zombie keeps only its pid and wait status until the parent reaps it,
 * or is reaped at once when the parent ignores SIGCHLD (or uses
 * SA_NOCLDWAIT), as POSIX allows.
 */
#include <frame/alloc.h>
#include <frame/atomic.h>
#include <frame/power.h>
#include "lib/log.h"
#include "lib/errno_restart.h"
#include "process/process.h"
#include "vm/mm.h"
#include "ipc/futex.h"

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define WNOWAIT 0x01000000
/* Linux spells these __WNOTHREAD, __WALL, __WCLONE: reserved names, which services may not define */
#define WAIT_NOTHREAD 0x20000000
#define WAIT_ALL 0x40000000
#define WAIT_CLONE 0x80000000
#define WAIT_KNOWN (WNOHANG | WUNTRACED | WCONTINUED | WAIT_NOTHREAD | WAIT_ALL | WAIT_CLONE)

void vfork_complete(struct process *p)
{
	struct vfork_done *v = p->vfork;
	if (!v)
		return;
	p->vfork = NULL;
	v->done = true;
	wake_up_all(&v->wq);
}

static void child_event(struct process *parent)
{
	atomic_add_u64(&parent->child_events, 1);
	wake_up_all(&parent->child_wait);
}

static bool parent_ignores_children(struct process *parent)
{
	struct k_sigaction *a = ELEM_PTR(parent->sighand->action, SIGCHLD - 1);
	return a->handler == SIG_IGN || (a->flags & SA_NOCLDWAIT);
}

static void process_free(struct process *p)
{
	sigqueue_free(p->shared_queue);
	bytes_buf_free(p->cmdline);
	bytes_buf_free(p->exe);
	if (p->sighand)
		sighand_put(p->sighand);
	FREE(p);
}

/* tasklist_lock held. */
void process_notify_parent(struct process *p)
{
	struct process *parent = p->parent;
	if (!parent)
		return;
	if (p->state == PROC_ZOMBIE && parent_ignores_children(parent) && p->exit_signal == SIGCHLD) {
		p->state = PROC_REAPED;
		process_unlink(p);
		process_free(p);
		child_event(parent);
		return;
	}
	if (p->exit_signal > 0 && p->exit_signal <= NSIG) {
		int ws = p->wait_status, code = CLD_EXITED, status = (ws >> 8) & 0xff;
		if (ws & 0x7f) {
			code = (ws & 0x80) ? CLD_DUMPED : CLD_KILLED;
			status = ws & 0x7f;
		}
		signal_send_process_info(
		    parent, p->exit_signal,
		    (struct sig_info){ .code = code, .pid = p->pid, .uid = p->uid, .status = status });
	}
	child_event(parent);
}

/* tasklist_lock held: every child goes to init, zombies included. */
static void reparent_children(struct process *p)
{
	struct process *init = init_process();
	while (p->children) {
		struct process *c = p->children;
		p->children = c->next_sibling;
		c->parent = init;
		atomic_store_u32(&c->ppid, (uint32_t)init->pid);
		c->next_sibling = init->children;
		init->children = c;
		if (c->state == PROC_ZOMBIE)
			process_notify_parent(c);
	}
}

static void process_release_resources(struct process *p)
{
	alarm_cancel(&p->alarm);
	task_set_vm(task_current(), NULL);
	/* Detached under tasklist_lock: /proc takes references to them under it. */
	mutex_lock(&tasklist_lock);
	struct mm *mm = p->mm;
	struct fd_table *files = p->files;
	struct fs_state *fs = p->fs;
	p->mm = NULL;
	p->files = NULL;
	p->fs = NULL;
	mutex_unlock(&tasklist_lock);
	if (mm)
		mm_put(mm);
	if (files)
		fd_table_put(files);
	if (fs)
		fs_state_put(fs);
}

__noreturn void thread_exit(struct thread *t, int status)
{
	struct process *p = t->proc;
	if (t->clear_child_tid) {
		uptr_t a = uptr(t->clear_child_tid);
		if (user_write_u32(a, 0) == 0)
			futex_wake_thread_exit(p->mm, a);
	}
	/* From here on no user memory is touched: give up the address space. */
	task_set_vm(task_current(), NULL);
	mutex_lock(&tasklist_lock);
	for (struct thread **pp = &p->threads; *pp; pp = &(*pp)->next_in_proc) {
		if (*pp == t) {
			*pp = t->next_in_proc;
			break;
		}
	}
	bool last = --p->nr_threads == 0;
	if (!last) {
		mutex_unlock(&tasklist_lock);
		thread_free(t);
		task_exit();
	}
	if (!p->group_exiting)
		p->group_exit_status = status;
	mutex_unlock(&tasklist_lock);

	process_release_resources(p);

	mutex_lock(&tasklist_lock);
	if (p == init_process()) {
		struct fmt f;
		if (log_begin(&f, LOG_ERR)) {
			fmt_lit(&f, "init exited with status 0x");
			fmt_hex(&f, (uint32_t)p->group_exit_status);
			fmt_lit(&f, "; powering off");
			log_end(&f);
		}
		machine_exit(p->group_exit_status ? 1 : 0);
	}
	if (p->sid == p->pid)
		session_leader_exited(p);
	reparent_children(p);
	p->wait_status = p->group_exit_status;
	p->state = PROC_ZOMBIE;
	vfork_complete(p);
	process_notify_parent(p);
	mutex_unlock(&tasklist_lock);
	thread_free(t);
	task_exit();
}

void process_group_exit(struct process *p, int wait_status)
{
	irqflags_t f = irq_save();
	spin_lock_irq(&sig_lock);
	bool first = !p->group_exiting;
	if (first) {
		p->group_exiting = true;
		p->group_exit_status = wait_status;
	}
	spin_unlock_irq(&sig_lock);
	irq_restore(f);
	if (!first)
		return;
	mutex_lock(&tasklist_lock);
	for (struct thread *t = p->threads; t; t = t->next_in_proc)
		if (t->task)
			task_interrupt(t->task);
	mutex_unlock(&tasklist_lock);
}

static bool child_matches(struct process *c, struct process *me, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == me->pgid;
	if (pid < -1)
		return c->pgid == -pid;
	return true;
}

static int64_t report(struct process *c, uptr_t status, uptr_t rusage, int wstatus)
{
	if (!uptr_is_null(status) && user_write_u32(status, (uint32_t)wstatus))
		return -EFAULT;
	if (!uptr_is_null(rusage) && user_clear(rusage, 144))
		return -EFAULT;
	return c->pid;
}

int64_t process_wait(struct thread *t, int pid, uptr_t status, int options, uptr_t rusage)
{
	struct process *me = t->proc;
	if (options & ~WAIT_KNOWN)
		return -EINVAL;
	if (pid == -2147483647 - 1)
		return -ESRCH;
	for (;;) {
		/* Read the event count before looking, so an exit after the scan still wakes us. */
		uint64_t seen = atomic_load_u64(&me->child_events);
		mutex_lock(&tasklist_lock);
		bool any = false;
		for (struct process *c = me->children; c; c = c->next_sibling) {
			if (!child_matches(c, me, pid))
				continue;
			any = true;
			if (c->state == PROC_ZOMBIE) {
				int ws = c->wait_status;
				int64_t r = report(c, status, rusage, ws);
				if (r > 0) {
					c->state = PROC_REAPED;
					process_unlink(c);
					process_free(c);
				}
				mutex_unlock(&tasklist_lock);
				return r;
			}
			if (c->stop_reported && c->stopped && (options & WUNTRACED)) {
				c->stop_reported = false;
				int64_t r = report(c, status, rusage, (c->wait_status << 8) | 0x7f);
				mutex_unlock(&tasklist_lock);
				return r;
			}
			if (c->stop_reported && !c->stopped && (options & WCONTINUED)) {
				c->stop_reported = false;
				int64_t r = report(c, status, rusage, 0xffff);
				mutex_unlock(&tasklist_lock);
				return r;
			}
		}
		mutex_unlock(&tasklist_lock);
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		/* Sleep until a child changes state; any wake-up rescans. */
		int r = wait_event_interruptible(&me->child_wait, atomic_load_u64(&me->child_events) != seen);
		if (r)
			return -ERESTARTSYS;
	}
}

#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define WEXITED 4
#define WSTOPPED 2

static int64_t put_child_info(uptr_t infop, struct process *c, int code, int status)
{
	if (uptr_is_null(infop))
		return 0;
	struct bytes out = bytes_alloc(SIGINFO_SIZE);
	sig_info_fill(out, SIGCHLD, (struct sig_info){ .code = code, .pid = c->pid, .uid = c->uid, .status = status });
	int r = user_write(infop, out);
	bytes_free(out);
	return r;
}

/* waitid(2): like wait4, but it reports through a siginfo and can leave the child waitable (WNOWAIT). */
int64_t process_waitid(struct thread *t, int idtype, int id, uptr_t infop, int options)
{
	struct process *me = t->proc;
	if (options & ~(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT | WAIT_NOTHREAD | WAIT_ALL | WAIT_CLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	int pid;
	if (idtype == P_ALL)
		pid = -1;
	else if (idtype == P_PID && id > 0)
		pid = id;
	else if (idtype == P_PGID && id >= 0)
		pid = id ? -id : 0;
	else
		return -EINVAL;
	bool keep = options & WNOWAIT;
	for (;;) {
		uint64_t seen = atomic_load_u64(&me->child_events);
		mutex_lock(&tasklist_lock);
		bool any = false;
		for (struct process *c = me->children; c; c = c->next_sibling) {
			if (!child_matches(c, me, pid))
				continue;
			any = true;
			int ws = c->wait_status;
			if (c->state == PROC_ZOMBIE && (options & WEXITED)) {
				int code = CLD_EXITED, status = (ws >> 8) & 0xff;
				if (ws & 0x7f) {
					code = (ws & 0x80) ? CLD_DUMPED : CLD_KILLED;
					status = ws & 0x7f;
				}
				int64_t r = put_child_info(infop, c, code, status);
				if (!r && !keep) {
					c->state = PROC_REAPED;
					process_unlink(c);
					process_free(c);
				}
				mutex_unlock(&tasklist_lock);
				return r;
			}
			if (c->stop_reported && c->stopped && (options & WSTOPPED)) {
				if (!keep)
					c->stop_reported = false;
				int64_t r = put_child_info(infop, c, CLD_STOPPED, ws);
				mutex_unlock(&tasklist_lock);
				return r;
			}
			if (c->stop_reported && !c->stopped && (options & WCONTINUED)) {
				if (!keep)
					c->stop_reported = false;
				int64_t r = put_child_info(infop, c, CLD_CONTINUED, SIGCONT);
				mutex_unlock(&tasklist_lock);
				return r;
			}
		}
		mutex_unlock(&tasklist_lock);
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return uptr_is_null(infop) ? 0 : user_clear(infop, SIGINFO_SIZE);
		int r = wait_event_interruptible(&me->child_wait, atomic_load_u64(&me->child_events) != seen);
		if (r)
			return -ERESTARTSYS;
	}
}
