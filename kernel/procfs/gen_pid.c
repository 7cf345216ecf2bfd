/*
 * The per-process files of /proc/N (proc(5)): stat, status, statm, cmdline,
 * comm, maps, mounts, and the cwd, root and fd/M links.
 *
 * A generator first takes a snapshot of the process under tasklist_lock
 * (numbers copied, references taken on its mm and fs paths), drops the
 * lock, and only then walks the address space or formats text. exit and
 * exec change p->mm, p->files, p->fs and p->cmdline under tasklist_lock,
 * and reaping frees the process under it, so the snapshot never sees a
 * freed object.
 */
#include <frame/alloc.h>
#include <frame/time.h>
#include "procfs/procfs.h"
#include "process/process.h"
#include "vm/mm.h"

#define USER_HZ 100u
/* RSS is counted page by page; beyond this many pages per process it is not counted further. */
#define RSS_SCAN_MAX_PAGES (1u << 18)

static uint64_t ticks(uint64_t ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* What the generators need of a process, copied under tasklist_lock. */
struct proc_snap {
	int pid, ppid, pgid, sid;
	unsigned nr_threads;
	int exit_signal;
	char state;
	uint32_t uid, euid, suid, gid, egid, sgid;
	uint32_t ctty_dev;
	uint64_t start_ns, user_ns, sys_ns;
	uint64_t sig_pending, sig_shared, sig_blocked, sig_ignored, sig_caught;
	char comm[16];
	struct bytes_buf cmdline; /* a copy (SNAP_CMDLINE) */
	struct mm *mm; /* counted (SNAP_MM), NULL for a zombie */
	bool have_fs; /* SNAP_FS: root and cwd are counted */
	struct vfs_path root, cwd;
	uint32_t umask;
	int fd_size; /* open-file slots in use, rounded up to 64 as Linux's FDSize */
};

#define SNAP_MM 1u
#define SNAP_FS 2u
#define SNAP_CMDLINE 4u

int procfs_caller_pid(void)
{
	struct thread *t = current_thread();
	return t ? t->proc->pid : 0;
}

static struct process *caller_process(void)
{
	struct thread *t = current_thread();
	return t ? t->proc : NULL;
}

static char state_of(struct process *p)
{
	if (p->state == PROC_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	return p == caller_process() ? 'R' : 'S';
}

static void copy_signals(struct process *p, struct proc_snap *s __noescape)
{
	spin_lock_irq(&sig_lock);
	s->sig_shared = p->shared_pending;
	for (struct thread *t = p->threads; t; t = t->next_in_proc) {
		s->sig_pending |= t->pending;
		if (t == p->threads)
			s->sig_blocked = t->sigmask;
	}
	spin_unlock_irq(&sig_lock);
	struct sighand *sh = p->sighand;
	if (!sh)
		return;
	spin_lock(&sh->lock);
	for (int i = 0; i < NSIG; i++) {
		uint64_t h = sh->action[i].handler;
		if (h == SIG_IGN)
			s->sig_ignored |= 1ull << i;
		else if (h != SIG_DFL)
			s->sig_caught |= 1ull << i;
	}
	spin_unlock(&sh->lock);
}

static int fd_slots(struct fd_table *ft)
{
	int top = 0;
	mutex_lock(&ft->lock);
	for (int i = 0; i < MAX_FDS; i++)
		if (ft->files[i])
			top = i + 1;
	mutex_unlock(&ft->lock);
	return top <= 64 ? 64 : (top + 63) / 64 * 64;
}

/* Fill s for process pid (0: the caller); -ESRCH when there is none. s must be zeroed. */
static int snap_take(int pid, unsigned want, struct proc_snap *s)
{
	mutex_lock(&tasklist_lock);
	struct process *p = pid ? process_find(pid) : caller_process();
	if (!p) {
		mutex_unlock(&tasklist_lock);
		return -ESRCH;
	}
	s->pid = p->pid;
	s->ppid = p->parent ? p->parent->pid : 0;
	s->pgid = p->pgid;
	s->sid = p->sid;
	s->nr_threads = p->nr_threads;
	s->exit_signal = p->exit_signal;
	s->state = state_of(p);
	s->uid = p->uid;
	s->euid = p->euid;
	s->suid = p->suid;
	s->gid = p->gid;
	s->egid = p->egid;
	s->sgid = p->sgid;
	s->ctty_dev = p->ctty_dev;
	s->start_ns = p->start_ns;
	s->user_ns = p->user_ns;
	s->sys_ns = p->sys_ns;
	bytes_copy(BYTES_OF_FIELD(s, comm), BYTES_OF_FIELD(p, comm));
	copy_signals(p, s);
	if (want & SNAP_CMDLINE)
		s->cmdline = bytes_buf_dup(bytes_buf_view(p->cmdline));
	if ((want & SNAP_MM) && p->mm) {
		mm_get(p->mm);
		s->mm = p->mm;
	}
	if (p->files)
		s->fd_size = fd_slots(p->files);
	if (p->fs) {
		struct fs_state *fs = p->fs;
		mutex_lock(&fs->lock);
		s->umask = fs->umask;
		if (want & SNAP_FS) {
			s->root = fs->root;
			s->cwd = fs->cwd;
			vfs_path_get(s->root);
			vfs_path_get(s->cwd);
			s->have_fs = true;
		}
		mutex_unlock(&fs->lock);
	}
	mutex_unlock(&tasklist_lock);
	return 0;
}

static void snap_release(struct proc_snap *s)
{
	if (s->mm)
		mm_put(s->mm);
	if (s->have_fs) {
		vfs_path_put(s->root);
		vfs_path_put(s->cwd);
	}
	bytes_buf_free(s->cmdline);
	FREE(s);
}

/* A zeroed snapshot of pid, or NULL with *err set. */
static struct proc_snap *snap_new(int pid, unsigned want, int *err __noescape)
{
	struct proc_snap *s = NEW(struct proc_snap);
	if (!s) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = snap_take(pid, want, s);
	if (*err) {
		FREE(s);
		return NULL;
	}
	return s;
}

bool procfs_pid_alive(int pid)
{
	mutex_lock(&tasklist_lock);
	bool yes = process_find(pid) != NULL;
	mutex_unlock(&tasklist_lock);
	return yes;
}

bool procfs_pid_owner(int pid, uint32_t *uid __noescape, uint32_t *gid __noescape)
{
	mutex_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	if (p) {
		*uid = p->euid;
		*gid = p->egid;
	}
	mutex_unlock(&tasklist_lock);
	return p != NULL;
}

int procfs_next_pid(int from)
{
	int best = -1;
	mutex_lock(&tasklist_lock);
	for (struct process *p = process_list(); p; p = p->next_all)
		if (p->state != PROC_REAPED && p->pid >= from && (best < 0 || p->pid < best))
			best = p->pid;
	mutex_unlock(&tasklist_lock);
	return best;
}

int procfs_next_fd(int pid, int from)
{
	int found = -1;
	mutex_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	if (p && p->files && from >= 0) {
		struct fd_table *ft = p->files;
		mutex_lock(&ft->lock);
		for (int i = from; i < MAX_FDS; i++) {
			if (ft->files[i]) {
				found = i;
				break;
			}
		}
		mutex_unlock(&ft->lock);
	}
	mutex_unlock(&tasklist_lock);
	return found;
}

struct procfs_counts procfs_count(void)
{
	struct procfs_counts c = { 0 };
	mutex_lock(&tasklist_lock);
	for (struct process *p = process_list(); p; p = p->next_all) {
		if (p->state == PROC_REAPED)
			continue;
		c.procs += 1;
		c.threads += p->nr_threads;
		c.user_ns += p->user_ns;
		c.sys_ns += p->sys_ns;
		if (p->pid > c.last_pid)
			c.last_pid = p->pid;
	}
	mutex_unlock(&tasklist_lock);
	c.running = 1; /* the reader */
	if (c.threads < c.running)
		c.threads = c.running;
	return c;
}

/* ---- the address space ---- */

struct mm_stats {
	uint64_t vsize, rss_pages;
	uint64_t data, stack, text;
	uint64_t start_code, end_code, start_stack, start_brk;
};

static void mm_stats_of(struct mm *mm, struct mm_stats *st __noescape)
{
	struct vm_space *vm = mm_vm_space(mm);
	uint64_t scanned = 0, addr = 0;
	struct mm_vma_info v = { 0 };
	while (mm_vma_find(mm, addr, &v)) {
		uint64_t len = v.end - v.start;
		st->vsize += len;
		if (v.flags & MM_VMA_GROWSDOWN) {
			st->stack += len;
			st->start_stack = v.end;
		} else if ((v.prot & PROT_EXEC) && v.file) {
			st->text += len;
			if (!st->start_code) {
				st->start_code = v.start;
				st->end_code = v.end;
			}
		} else if ((v.prot & PROT_WRITE) && !(v.flags & MM_VMA_SHARED)) {
			st->data += len;
		}
		for (uint64_t va = v.start; v.prot && va < v.end && scanned < RSS_SCAN_MAX_PAGES; va += PAGE_SIZE) {
			unsigned prot = 0;
			scanned += 1;
			if (vm_query(vm, va, &prot))
				st->rss_pages += 1;
		}
		addr = v.end;
	}
	st->start_brk = mm_brk_start(mm);
}

/* ---- the files ---- */

static void put_comm(struct pbuf *pb __noescape, struct proc_snap *s)
{
	pb_put_cstr(pb, BYTES_OF_FIELD(s, comm));
}

static void gen_stat(struct pbuf *pb __noescape, struct proc_snap *s, struct mm_stats st)
{
	PB_FMT(pb, "%d (", s->pid);
	put_comm(pb, s);
	PB_FMT(pb, ") %c %d %d %d %u %d ", s->state, s->ppid, s->pgid, s->sid, s->ctty_dev,
	       ctty_foreground(s->ctty_dev));
	/* flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue */
	PB_FMT(pb, "0 0 0 0 0 %lu %lu 0 0 20 0 %u 0 ", ticks(s->user_ns), ticks(s->sys_ns), s->nr_threads);
	/* starttime vsize rss rsslim startcode endcode startstack kstkesp kstkeip */
	PB_FMT(pb, "%lu %lu %lu %lu %lu %lu %lu 0 0 ", ticks(s->start_ns), st.vsize, st.rss_pages,
	       (unsigned long)RLIM_INFINITY, st.start_code, st.end_code, st.start_stack);
	/* signal blocked sigignore sigcatch (decimal, obsolete) wchan nswap cnswap exit_signal processor */
	PB_FMT(pb, "%lu %lu %lu %lu 0 0 0 %d 0 ", (s->sig_pending | s->sig_shared) & 0x7fffffffu,
	       s->sig_blocked & 0x7fffffffu, s->sig_ignored & 0x7fffffffu, s->sig_caught & 0x7fffffffu, s->exit_signal);
	/* rt_priority policy delayacct_blkio_ticks guest_time cguest_time start_data end_data start_brk */
	PB_FMT(pb, "0 0 0 0 0 0 0 %lu ", st.start_brk);
	/* arg_start arg_end env_start env_end exit_code */
	PB_FMT(pb, "0 0 0 0 0\n");
}

static void status_kb(struct pbuf *pb __noescape, struct mm_stats st)
{
	uint64_t size = st.vsize / 1024, rss = st.rss_pages * (PAGE_SIZE / 1024);
	PB_FMT(pb, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n", size, size, 0ul, 0ul);
	PB_FMT(pb, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n", rss,
	       rss, rss, 0ul, 0ul);
	PB_FMT(pb, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\nVmPTE:\t%8lu kB\n",
	       st.data / 1024, st.stack / 1024, st.text / 1024, 0ul, 0ul);
	PB_FMT(pb, "VmSwap:\t%8lu kB\n", 0ul);
}

static void gen_status(struct pbuf *pb __noescape, struct proc_snap *s, struct mm_stats st)
{
	pb_put(pb, BYTES_LIT("Name:\t"));
	put_comm(pb, s);
	/* %s takes literals only (R7-vararg-ptr): one call per state. */
	switch (s->state) {
	case 'R':
		PB_FMT(pb, "\nUmask:\t%04o\nState:\t%s\n", s->umask, "R (running)");
		break;
	case 'Z':
		PB_FMT(pb, "\nUmask:\t%04o\nState:\t%s\n", s->umask, "Z (zombie)");
		break;
	case 'T':
		PB_FMT(pb, "\nUmask:\t%04o\nState:\t%s\n", s->umask, "T (stopped)");
		break;
	default:
		PB_FMT(pb, "\nUmask:\t%04o\nState:\t%s\n", s->umask, "S (sleeping)");
		break;
	}
	PB_FMT(pb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", s->pid, s->pid, s->ppid);
	PB_FMT(pb, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", s->uid, s->euid, s->suid, s->euid, s->gid, s->egid,
	       s->sgid, s->egid);
	PB_FMT(pb, "FDSize:\t%d\nGroups:\t\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", s->fd_size, s->pid,
	       s->pid, s->pgid, s->sid);
	if (s->mm)
		status_kb(pb, st);
	PB_FMT(pb, "Threads:\t%u\nSigQ:\t%u/%lu\n", s->nr_threads,
	       (unsigned)__builtin_popcountll(s->sig_pending | s->sig_shared), 4096ul);
	PB_FMT(pb, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
	       s->sig_pending, s->sig_shared, s->sig_blocked, s->sig_ignored, s->sig_caught);
	uint64_t caps = s->euid == 0 ? 0x000001ffffffffffull : 0;
	PB_FMT(pb, "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\nCapBnd:\t%016lx\nCapAmb:\t%016lx\n", 0ul, caps,
	       caps, (uint64_t)0x000001ffffffffffull, 0ul);
	PB_FMT(pb, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tunknown\n");
	PB_FMT(pb, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	PB_FMT(pb, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
}

/* The address-space columns of maps: pad to column 73 before a name, as Linux's seq_pad does. */
#define MAPS_NAME_COL 73

static void gen_maps(struct pbuf *pb __noescape, struct mm *mm)
{
	uint64_t addr = 0;
	struct mm_vma_info v = { 0 };
	while (mm_vma_find(mm, addr, &v)) {
		size_t start = pb->len;
		PB_FMT(pb, "%08lx-%08lx %c%c%c%c %08lx 00:00 0", v.start, v.end, (v.prot & PROT_READ) ? 'r' : '-',
		       (v.prot & PROT_WRITE) ? 'w' : '-', (v.prot & PROT_EXEC) ? 'x' : '-',
		       (v.flags & MM_VMA_SHARED) ? 's' : 'p', v.file ? v.offset : 0ul);
		struct bytes name = bytes_empty();
		if (v.flags & MM_VMA_HEAP)
			name = BYTES_LIT("[heap]");
		else if (v.flags & MM_VMA_GROWSDOWN)
			name = BYTES_LIT("[stack]");
		if (bytes_len(name)) {
			size_t used = pb->len - start;
			for (size_t i = used; i < MAPS_NAME_COL; i++)
				pb_put(pb, BYTES_LIT(" "));
			if (used >= MAPS_NAME_COL)
				pb_put(pb, BYTES_LIT(" "));
			pb_put(pb, name);
		}
		pb_put(pb, BYTES_LIT("\n"));
		addr = v.end;
	}
}

static int gen_mounts(struct pbuf *pb __noescape, struct proc_snap *s)
{
	struct vfs_path root = s ? s->root : vfs_root();
	if (s)
		vfs_path_get(root);
	ssize_t n = vfs_mounts_format(root, pb_tail(pb));
	vfs_path_put(root);
	if (n < 0)
		return (int)n;
	/* vfs_mounts_format writes no NUL: it fits when n <= room. */
	size_t room = bytes_len(pb_tail(pb));
	if ((size_t)n > room)
		pb->overflow = true;
	else
		pb->len += (size_t)n;
	return 0;
}

int procfs_gen_pid(int pid, unsigned id, struct pbuf *pb __noescape)
{
	unsigned want = 0;
	if (id == PP_STAT || id == PP_STATUS || id == PP_STATM || id == PP_MAPS)
		want |= SNAP_MM;
	if (id == PP_MOUNTS)
		want |= SNAP_FS;
	if (id == PP_CMDLINE)
		want |= SNAP_CMDLINE;
	int err = 0;
	struct proc_snap *s = snap_new(pid, want, &err);
	if (!s) {
		/* /proc/mounts read by a kernel task (tests): the initial name space. */
		if (pid == 0 && id == PP_MOUNTS && err == -ESRCH)
			return gen_mounts(pb, NULL);
		return err;
	}
	struct mm_stats st = { 0 };
	if (s->mm && id != PP_MAPS)
		mm_stats_of(s->mm, &st);
	switch (id) {
	case PP_STAT:
		gen_stat(pb, s, st);
		break;
	case PP_STATUS:
		gen_status(pb, s, st);
		break;
	case PP_STATM:
		PB_FMT(pb, "%lu %lu 0 %lu 0 %lu 0\n", st.vsize / PAGE_SIZE, st.rss_pages, st.text / PAGE_SIZE,
		       (st.data + st.stack) / PAGE_SIZE);
		break;
	case PP_CMDLINE:
		pb_put(pb, bytes_buf_view(s->cmdline));
		break;
	case PP_COMM:
		put_comm(pb, s);
		pb_put(pb, BYTES_LIT("\n"));
		break;
	case PP_MAPS:
		if (s->mm)
			gen_maps(pb, s->mm);
		break;
	case PP_MOUNTS:
		err = s->have_fs ? gen_mounts(pb, s) : 0;
		break;
	default:
		err = -EINVAL;
		break;
	}
	snap_release(s);
	return err;
}

/* ---- links ---- */

/* The name under which dir lists the inode numbered ino, into name; its length or -ENOENT. */
static ssize_t name_in_dir(struct inode *dir, uint64_t ino, struct bytes name)
{
	if (!dir->ops->readdir)
		return -ENOENT;
	ssize_t ret = -ENOENT;
	mutex_lock(&dir->lock);
	uint64_t pos = VFS_DIR_FIRST_POS;
	for (unsigned guard = 0; guard < 100000; guard++) {
		struct vfs_dirent d = dir->ops->readdir(dir, pos, name);
		if (d.err || d.end)
			break;
		if (d.ino == ino) {
			ret = (ssize_t)d.name_len;
			break;
		}
		pos = d.next_pos;
	}
	mutex_unlock(&dir->lock);
	return ret;
}

/* The path of dir (a directory) seen from root, without its NUL, into buf: its length or -E... */
static ssize_t dir_path(struct vfs_path root, struct vfs_path dir, struct bytes buf)
{
	struct vfs_ctx ctx = { .root = root, .cwd = dir };
	ssize_t n = vfs_getcwd(&ctx, buf);
	return n > 0 ? n - 1 : n;
}

/* dir's path, a '/', then name. */
static ssize_t join(struct vfs_path root, struct vfs_path dir, struct bytes name, struct bytes buf)
{
	ssize_t n = dir_path(root, dir, buf);
	if (n < 0)
		return n;
	size_t at = (size_t)n;
	if (at != 1) {
		if (at >= bytes_len(buf))
			return -ENAMETOOLONG;
		bytes_set(buf, at, '/');
		at += 1;
	} /* else the directory is "/" itself */
	if (bytes_len(name) > bytes_len(buf) - at)
		return -ENAMETOOLONG;
	bytes_copy(bytes_sub(buf, at, bytes_len(name)), name);
	return (ssize_t)(at + bytes_len(name));
}

/*
 * A name for an open file, as /proc/N/fd/M shows it: the path of a
 * directory; for other files the name they have in the root of their mount
 * or in the process's working directory (the VFS keeps no parent links for
 * non-directories); "pipe:[ino]" and the like for files outside the tree.
 */
static ssize_t file_name(struct file *f, struct proc_snap *s, struct bytes buf)
{
	struct inode *ip = f->inode;
	struct mount *m = f->mnt;
	bool anonymous = !m || (!m->parent && m != s->root.mnt);
	if (!anonymous && S_ISDIR(ip->mode))
		return dir_path(s->root, (struct vfs_path){ m, ip }, buf);
	if (!anonymous) {
		struct bytes name = bytes_alloc(VFS_NAME_MAX);
		if (!bytes_len(name))
			return -ENOMEM;
		ssize_t r = -ENOENT;
		struct vfs_path mroot = { m, m->root };
		ssize_t n = name_in_dir(m->root, ip->ino, name);
		if (n > 0) {
			r = join(s->root, mroot, bytes_sub(name, 0, (size_t)n), buf);
		} else if (s->cwd.mnt == m) {
			n = name_in_dir(s->cwd.inode, ip->ino, name);
			if (n > 0)
				r = join(s->root, s->cwd, bytes_sub(name, 0, (size_t)n), buf);
		}
		bytes_free(name);
		if (r >= 0)
			return r;
	}
	if (S_ISFIFO(ip->mode))
		return (ssize_t)MIN(bytes_format(buf, "pipe:[%lu]", ip->ino), bytes_len(buf));
	if (S_ISSOCK(ip->mode))
		return (ssize_t)MIN(bytes_format(buf, "socket:[%lu]", ip->ino), bytes_len(buf));
	return (ssize_t)MIN(bytes_format(buf, "anon_inode:[%lu]", ip->ino), bytes_len(buf));
}

/* exe: the absolute path the process was last exec'd from. */
static ssize_t exe_link(int pid, struct bytes buf)
{
	ssize_t n = -ENOENT;
	mutex_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	if (!p)
		n = -ESRCH;
	else if (bytes_len(bytes_buf_view(p->exe))) {
		struct bytes exe = bytes_buf_view(p->exe);
		n = (ssize_t)MIN(bytes_len(exe), bytes_len(buf));
		bytes_copy(bytes_sub(buf, 0, (size_t)n), bytes_sub(exe, 0, (size_t)n));
	}
	mutex_unlock(&tasklist_lock);
	return n;
}

ssize_t procfs_pid_link(int pid, unsigned id, struct bytes buf)
{
	if (id == PP_EXE)
		return exe_link(pid, buf);
	int err = 0;
	struct proc_snap *s = snap_new(pid, SNAP_FS, &err);
	if (!s)
		return err;
	ssize_t n = -ENOENT; /* a zombie has no file-system context */
	if (s->have_fs)
		n = dir_path(s->root, id == PP_CWD ? s->cwd : s->root, buf);
	snap_release(s);
	return n;
}

ssize_t procfs_fd_link(int pid, int fd, struct bytes buf)
{
	int err = 0;
	struct proc_snap *s = snap_new(pid, SNAP_FS, &err);
	if (!s)
		return err;
	struct file *f = NULL;
	mutex_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	if (p && p->files)
		f = fd_get(p, fd);
	mutex_unlock(&tasklist_lock);
	ssize_t n = -ENOENT;
	if (f && s->have_fs) {
		n = file_name(f, s, buf);
	}
	if (f)
		file_put(f);
	snap_release(s);
	return n;
}
