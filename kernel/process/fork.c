/*
 * fork, vfork and clone: new processes and new threads.
 *
 * A new thread shares everything with its process; a new process gets a
 * copy (or, by clone flag, a share) of the address space, fd table, fs
 * context and handler table. The child's registers are the parent's with
 * rax = 0, and a new stack pointer and TLS base when asked.
 */
#include <frame/alloc.h>
#include "process/process.h"
#include "vm/mm.h"

#define CSIGNAL 0x000000ffull
#define CLONE_VM 0x00000100ull
#define CLONE_FS 0x00000200ull
#define CLONE_FILES 0x00000400ull
#define CLONE_SIGHAND 0x00000800ull
#define CLONE_PIDFD 0x00001000ull
#define CLONE_PTRACE 0x00002000ull
#define CLONE_VFORK 0x00004000ull
#define CLONE_PARENT 0x00008000ull
#define CLONE_THREAD 0x00010000ull
#define CLONE_NEWNS 0x00020000ull
#define CLONE_SYSVSEM 0x00040000ull
#define CLONE_SETTLS 0x00080000ull
#define CLONE_PARENT_SETTID 0x00100000ull
#define CLONE_CHILD_CLEARTID 0x00200000ull
#define CLONE_DETACHED 0x00400000ull
#define CLONE_UNTRACED 0x00800000ull
#define CLONE_CHILD_SETTID 0x01000000ull

#define CLONE_SUPPORTED                                                                                                \
	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD |     \
	 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | \
	 CLONE_CHILD_SETTID)

static int check_flags(uint64_t flags)
{
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL; /* namespaces, pidfds, ptrace: not supported, say so */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & CSIGNAL))
		return -EINVAL;
	if ((flags & CSIGNAL) > NSIG)
		return -EINVAL;
	return 0;
}

static void setup_child_regs(struct thread *child, uint64_t flags, uint64_t new_sp, uint64_t tls)
{
	child->ctx.regs.rax = 0;
	if (new_sp)
		child->ctx.regs.rsp = new_sp;
	if (flags & CLONE_SETTLS)
		child->ctx.regs.fs_base = tls;
}

static int share_or_copy(struct process *child, struct process *parent, uint64_t flags)
{
	if (flags & CLONE_VM) {
		mm_get(parent->mm);
		child->mm = parent->mm;
	} else {
		child->mm = mm_clone(parent->mm);
	}
	if (flags & CLONE_FILES) {
		mutex_lock(&parent->files->lock);
		parent->files->refs++;
		mutex_unlock(&parent->files->lock);
		child->files = parent->files;
	} else {
		child->files = fd_table_copy(parent->files);
	}
	if (flags & CLONE_FS) {
		mutex_lock(&parent->fs->lock);
		parent->fs->refs++;
		mutex_unlock(&parent->fs->lock);
		child->fs = parent->fs;
	} else {
		child->fs = fs_state_copy(parent->fs);
	}
	if (flags & CLONE_SIGHAND) {
		spin_lock(&parent->sighand->lock);
		parent->sighand->refs++;
		spin_unlock(&parent->sighand->lock);
		child->sighand = parent->sighand;
	} else {
		child->sighand = sighand_copy(parent->sighand);
	}
	return child->mm && child->files && child->fs && child->sighand ? 0 : -ENOMEM;
}

static void undo_process(struct process *c)
{
	if (c->mm)
		mm_put(c->mm);
	if (c->files)
		fd_table_put(c->files);
	if (c->fs)
		fs_state_put(c->fs);
	if (c->sighand)
		sighand_put(c->sighand);
	bytes_buf_free(c->cmdline);
	bytes_buf_free(c->exe);
	FREE(c);
}

static struct process *new_process(struct process *parent, uint64_t flags)
{
	struct process *c = process_alloc();
	if (!c)
		return NULL;
	if (share_or_copy(c, parent, flags)) {
		undo_process(c);
		return NULL;
	}
	c->uid = parent->uid, c->euid = parent->euid, c->suid = parent->suid;
	c->gid = parent->gid, c->egid = parent->egid, c->sgid = parent->sgid;
	for (int i = 0; i < RLIM_NLIMITS; i++)
		c->rlim[i] = parent->rlim[i];
	bytes_copy(BYTES_OF_FIELD(c, comm), BYTES_OF_FIELD(parent, comm));
	c->cmdline = bytes_buf_dup(bytes_buf_view(parent->cmdline));
	c->exe = bytes_buf_dup(bytes_buf_view(parent->exe));
	c->exit_signal = (int)(flags & CSIGNAL);
	return c;
}

int64_t process_clone(struct thread *t, uint64_t flags, uint64_t new_sp, uptr_t parent_tid, uptr_t child_tid,
		      uint64_t tls)
{
	int r = check_flags(flags);
	if (r)
		return r;
	struct process *p = t->proc;
	struct process *cp = (flags & CLONE_THREAD) ? p : new_process(p, flags);
	if (!cp)
		return -ENOMEM;
	struct thread *ct = thread_alloc(cp);
	if (!ct || user_ctx_clone(&ct->ctx, &t->ctx)) {
		if (ct)
			thread_free(ct);
		if (cp != p)
			undo_process(cp);
		return -ENOMEM;
	}
	setup_child_regs(ct, flags, new_sp, tls);
	ct->sigmask = t->sigmask;
	if (flags & CLONE_CHILD_CLEARTID)
		ct->clear_child_tid = uptr_value(child_tid);
	if (flags & CLONE_CHILD_SETTID)
		ct->set_child_tid = uptr_value(child_tid);

	struct vfork_done *vfork = NULL;
	if (flags & CLONE_VFORK) {
		vfork = NEW(struct vfork_done);
		if (!vfork) {
			thread_free(ct);
			if (cp != p)
				undo_process(cp);
			return -ENOMEM;
		}
	}

	mutex_lock(&tasklist_lock);
	int tid = pid_alloc();
	if (tid < 0) {
		mutex_unlock(&tasklist_lock);
		FREE(vfork);
		thread_free(ct);
		if (cp != p)
			undo_process(cp);
		return tid;
	}
	ct->tid = tid;
	ct->next_in_proc = cp->threads;
	cp->threads = ct;
	cp->nr_threads++;
	if (cp != p) {
		cp->pid = tid;
		cp->pgid = p->pgid;
		cp->sid = p->sid;
		cp->ctty_dev = p->ctty_dev; /* the controlling terminal is inherited */
		cp->parent = (flags & CLONE_PARENT) && p->parent ? p->parent : p;
		cp->ppid = (uint32_t)cp->parent->pid;
		cp->vfork = vfork;
		process_link(cp);
	}
	mutex_unlock(&tasklist_lock);

	if (flags & CLONE_PARENT_SETTID)
		user_write_u32(parent_tid, (uint32_t)tid);
	if (thread_start(ct)) {
		/* Out of memory for the task itself: the child never ran; let it exit through the normal path later. */
		return -ENOMEM;
	}
	if (vfork) {
		mutex_lock(&tasklist_lock);
		wait_event_mutex(&vfork->wq, &tasklist_lock, vfork->done);
		mutex_unlock(&tasklist_lock);
		FREE(vfork);
	}
	return tid;
}
