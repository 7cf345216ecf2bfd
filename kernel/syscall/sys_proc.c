/* Process and thread system calls: ids, creation, exit, waiting, groups, limits. */
#include <frame/atomic.h>
#include "syscall/syscall.h"
#include "process/process.h"
#include "vm/mm.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define USER_ADDR_LIMIT 0x00007ffffffff000ull

int64_t sys_getpid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->proc->pid;
}

int64_t sys_gettid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->tid;
}

int64_t sys_getppid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return atomic_load_u32(&t->proc->ppid);
}

int64_t sys_getuid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->proc->uid;
}
int64_t sys_geteuid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->proc->euid;
}
int64_t sys_getgid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->proc->gid;
}
int64_t sys_getegid(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->proc->egid;
}

static int64_t write_three(uptr_t a, uptr_t b, uptr_t c, uint32_t x, uint32_t y, uint32_t z)
{
	if (user_write_u32(a, x) || user_write_u32(b, y) || user_write_u32(c, z))
		return -EFAULT;
	return 0;
}

int64_t sys_getresuid(struct thread *t, struct syscall_args a)
{
	struct process *p = t->proc;
	return write_three(arg_ptr(a, 0), arg_ptr(a, 1), arg_ptr(a, 2), p->uid, p->euid, p->suid);
}

int64_t sys_getresgid(struct thread *t, struct syscall_args a)
{
	struct process *p = t->proc;
	return write_three(arg_ptr(a, 0), arg_ptr(a, 1), arg_ptr(a, 2), p->gid, p->egid, p->sgid);
}

/* Credentials: everyone is root for now, so the set* calls may set anything. */
int64_t sys_setuid(struct thread *t, struct syscall_args a)
{
	uint32_t id = (uint32_t)a.a[0];
	if (id == 0xffffffffu)
		return -EINVAL;
	if (t->proc->euid != 0 && id != t->proc->uid)
		return -EPERM;
	t->proc->uid = t->proc->euid = t->proc->suid = id;
	return 0;
}

int64_t sys_setgid(struct thread *t, struct syscall_args a)
{
	uint32_t id = (uint32_t)a.a[0];
	if (id == 0xffffffffu)
		return -EINVAL;
	if (t->proc->euid != 0 && id != t->proc->gid)
		return -EPERM;
	t->proc->gid = t->proc->egid = t->proc->sgid = id;
	return 0;
}

static int64_t set_res(uint32_t *r __noescape, uint32_t *e __noescape, uint32_t *s __noescape, struct syscall_args a,
		       bool privileged)
{
	uint32_t v[3] = { (uint32_t)a.a[0], (uint32_t)a.a[1], (uint32_t)a.a[2] };
	if (!privileged)
		return -EPERM;
	if (v[0] != 0xffffffffu)
		*r = v[0];
	if (v[1] != 0xffffffffu)
		*e = v[1];
	if (v[2] != 0xffffffffu)
		*s = v[2];
	return 0;
}

int64_t sys_setresuid(struct thread *t, struct syscall_args a)
{
	struct process *p = t->proc;
	return set_res(&p->uid, &p->euid, &p->suid, a, p->euid == 0);
}

int64_t sys_setresgid(struct thread *t, struct syscall_args a)
{
	struct process *p = t->proc;
	return set_res(&p->gid, &p->egid, &p->sgid, a, p->euid == 0);
}

int64_t sys_setgroups(struct thread *t, struct syscall_args a)
{
	if ((int64_t)a.a[0] < 0 || a.a[0] > 65536)
		return -EINVAL;
	return t->proc->euid == 0 ? 0 : -EPERM;
}

int64_t sys_getgroups(struct thread *t, struct syscall_args a)
{
	(void)t;
	if ((int)a.a[0] < 0)
		return -EINVAL;
	return 0;
}

int64_t sys_fork(struct thread *t, struct syscall_args a)
{
	(void)a;
	return process_clone(t, SIGCHLD, 0, uptr(0), uptr(0), 0);
}

int64_t sys_vfork(struct thread *t, struct syscall_args a)
{
	(void)a;
	return process_clone(t, 0x00004000ull | 0x00000100ull | SIGCHLD, 0, uptr(0), uptr(0), 0);
}

int64_t sys_clone(struct thread *t, struct syscall_args a)
{
	/* x86-64 order: flags, newsp, parent_tid, child_tid, tls. */
	return process_clone(t, a.a[0], a.a[1], arg_ptr(a, 2), arg_ptr(a, 3), a.a[4]);
}

int64_t sys_exit(struct thread *t, struct syscall_args a)
{
	thread_exit(t, (arg_int(a, 0) & 0xff) << 8);
}

int64_t sys_exit_group(struct thread *t, struct syscall_args a)
{
	process_group_exit(t->proc, (arg_int(a, 0) & 0xff) << 8);
	thread_exit(t, (arg_int(a, 0) & 0xff) << 8);
}

int64_t sys_wait4(struct thread *t, struct syscall_args a)
{
	return process_wait(t, arg_int(a, 0), arg_ptr(a, 1), arg_int(a, 2), arg_ptr(a, 3));
}

int64_t sys_waitid(struct thread *t, struct syscall_args a)
{
	int64_t r = process_waitid(t, arg_int(a, 0), arg_int(a, 1), arg_ptr(a, 2), arg_int(a, 3));
	if (r == 0 && !uptr_is_null(arg_ptr(a, 4)) && user_clear(arg_ptr(a, 4), 144))
		return -EFAULT;
	return r;
}

int64_t sys_set_tid_address(struct thread *t, struct syscall_args a)
{
	t->clear_child_tid = a.a[0];
	return t->tid;
}

int64_t sys_set_robust_list(struct thread *t, struct syscall_args a)
{
	if (a.a[1] != 24) /* sizeof(struct robust_list_head) */
		return -EINVAL;
	t->robust_list = a.a[0];
	t->robust_len = a.a[1];
	return 0;
}

int64_t sys_get_robust_list(struct thread *t, struct syscall_args a)
{
	if (a.a[0] != 0 && a.a[0] != (uint64_t)t->tid)
		return -EPERM;
	if (user_write_u64(arg_ptr(a, 1), t->robust_list) || user_write_u64(arg_ptr(a, 2), t->robust_len))
		return -EFAULT;
	return 0;
}

int64_t sys_arch_prctl(struct thread *t, struct syscall_args a)
{
	struct user_regs *r = &t->ctx.regs;
	switch (arg_int(a, 0)) {
	case ARCH_SET_FS:
		if (a.a[1] >= USER_ADDR_LIMIT)
			return -EPERM;
		r->fs_base = a.a[1];
		return 0;
	case ARCH_SET_GS:
		if (a.a[1] >= USER_ADDR_LIMIT)
			return -EPERM;
		r->gs_base = a.a[1];
		return 0;
	case ARCH_GET_FS:
		return user_write_u64(arg_ptr(a, 1), r->fs_base);
	case ARCH_GET_GS:
		return user_write_u64(arg_ptr(a, 1), r->gs_base);
	default:
		return -EINVAL;
	}
}

int64_t sys_sched_yield(struct thread *t, struct syscall_args a)
{
	(void)t;
	(void)a;
	task_yield();
	return 0;
}

/* ---- process groups and sessions ---- */

static bool session_has_pgrp(int sid, int pgid)
{
	for (struct process *p = process_list(); p; p = p->next_all)
		if (p->state != PROC_REAPED && p->sid == sid && p->pgid == pgid)
			return true;
	return false;
}

int64_t sys_setpgid(struct thread *t, struct syscall_args a)
{
	int pid = arg_int(a, 0), pgid = arg_int(a, 1);
	struct process *me = t->proc;
	if (pgid < 0)
		return -EINVAL;
	mutex_lock(&tasklist_lock);
	struct process *p = pid ? process_find(pid) : me;
	int64_t r = 0;
	if (!p || (p != me && p->parent != me))
		r = -ESRCH;
	else if (p != me && p->did_exec)
		r = -EACCES; /* a child that has exec'd is on its own */
	else if (p->sid == p->pid)
		r = -EPERM; /* a session leader */
	else if (p->sid != me->sid)
		r = -EPERM;
	else {
		if (!pgid)
			pgid = p->pid;
		if (pgid != p->pid && !session_has_pgrp(me->sid, pgid))
			r = -EPERM;
		else
			p->pgid = pgid;
	}
	mutex_unlock(&tasklist_lock);
	return r;
}

int64_t sys_getpgid(struct thread *t, struct syscall_args a)
{
	int pid = arg_int(a, 0);
	mutex_lock(&tasklist_lock);
	struct process *p = pid ? process_find(pid) : t->proc;
	int64_t r = p ? p->pgid : -ESRCH;
	mutex_unlock(&tasklist_lock);
	return r;
}

int64_t sys_getpgrp(struct thread *t, struct syscall_args a)
{
	(void)a;
	return t->proc->pgid;
}

int64_t sys_getsid(struct thread *t, struct syscall_args a)
{
	int pid = arg_int(a, 0);
	mutex_lock(&tasklist_lock);
	struct process *p = pid ? process_find(pid) : t->proc;
	int64_t r = p ? p->sid : -ESRCH;
	mutex_unlock(&tasklist_lock);
	return r;
}

int64_t sys_setsid(struct thread *t, struct syscall_args a)
{
	(void)a;
	struct process *p = t->proc;
	mutex_lock(&tasklist_lock);
	int64_t r;
	bool leader_exists = false;
	for (struct process *q = process_list(); q; q = q->next_all)
		if (q->state != PROC_REAPED && q->pgid == p->pid)
			leader_exists = true;
	if (leader_exists) {
		r = -EPERM;
	} else {
		p->sid = p->pgid = p->pid;
		p->ctty_dev = 0;
		r = p->sid;
	}
	mutex_unlock(&tasklist_lock);
	return r;
}

/* ---- resource limits ---- */

int64_t sys_prlimit64(struct thread *t, struct syscall_args a)
{
	int pid = arg_int(a, 0);
	unsigned res = (unsigned)a.a[1];
	uptr_t new_lim = arg_ptr(a, 2), old_lim = arg_ptr(a, 3);
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	mutex_lock(&tasklist_lock);
	struct process *p = pid ? process_find(pid) : t->proc;
	mutex_unlock(&tasklist_lock);
	if (!p)
		return -ESRCH;
	struct rlimit_pair want = { 0, 0 };
	if (!uptr_is_null(new_lim)) {
		if (user_read_u64(new_lim, &want.cur) || user_read_u64(uptr_add(new_lim, 8), &want.max))
			return -EFAULT;
		if (want.cur > want.max)
			return -EINVAL;
		if (want.max > p->rlim[res].max && t->proc->euid != 0)
			return -EPERM;
		if (res == RLIMIT_NOFILE && want.max > MAX_FDS)
			return -EPERM;
	}
	if (!uptr_is_null(old_lim)) {
		if (user_write_u64(old_lim, p->rlim[res].cur) || user_write_u64(uptr_add(old_lim, 8), p->rlim[res].max))
			return -EFAULT;
	}
	if (!uptr_is_null(new_lim))
		p->rlim[res] = want;
	return 0;
}

int64_t sys_getrlimit(struct thread *t, struct syscall_args a)
{
	struct syscall_args b = { { 0, a.a[0], 0, a.a[1], 0, 0 } };
	return sys_prlimit64(t, b);
}

int64_t sys_setrlimit(struct thread *t, struct syscall_args a)
{
	struct syscall_args b = { { 0, a.a[0], a.a[1], 0, 0, 0 } };
	return sys_prlimit64(t, b);
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_PDEATHSIG 1
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4

int64_t sys_prctl(struct thread *t, struct syscall_args a)
{
	struct process *p = t->proc;
	switch (arg_int(a, 0)) {
	case PR_SET_NAME: {
		struct bytes buf = bytes_alloc(16);
		ssize_t n = user_read_str(buf, arg_ptr(a, 1));
		if (n == -ENAMETOOLONG) {
			n = 15; /* truncated like Linux */
			if (user_read(bytes_sub(buf, 0, 15), arg_ptr(a, 1)))
				n = -EFAULT;
		}
		if (n >= 0)
			process_set_comm(p, bytes_sub(buf, 0, (size_t)n));
		bytes_free(buf);
		return n < 0 ? n : 0;
	}
	case PR_GET_NAME:
		return user_write(arg_ptr(a, 1), BYTES_OF_FIELD(p, comm));
	case PR_SET_PDEATHSIG:
		return a.a[1] <= NSIG ? 0 : -EINVAL;
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return a.a[1] <= 1 ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

int64_t sys_execve(struct thread *t, struct syscall_args a)
{
	return process_execve(t, arg_ptr(a, 0), arg_ptr(a, 1), arg_ptr(a, 2));
}
