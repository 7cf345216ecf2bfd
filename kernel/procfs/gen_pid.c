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

static void put_comm(struct fmt *pb __noescape, struct proc_snap *s)
{
	fmt_cstr(pb, BYTES_OF_FIELD(s, comm));
}

/* One number of a space-separated line, and its separator. */
static void num(struct fmt *pb __noescape, int64_t v)
{
	fmt_i64(pb, v);
	fmt_ch(pb, ' ');
}

static void unum(struct fmt *pb __noescape, uint64_t v)
{
	fmt_u64(pb, v);
	fmt_ch(pb, ' ');
}

static void gen_stat(struct fmt *pb __noescape, struct proc_snap *s, struct mm_stats st)
{
	fmt_i64(pb, s->pid);
	fmt_lit(pb, " (");
	put_comm(pb, s);
	fmt_lit(pb, ") ");
	fmt_ch(pb, s->state);
	fmt_ch(pb, ' ');
	num(pb, s->ppid);
	num(pb, s->pgid);
	num(pb, s->sid);
	unum(pb, s->ctty_dev);
	num(pb, ctty_foreground(s->ctty_dev));
	/* flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue */
	fmt_lit(pb, "0 0 0 0 0 ");
	unum(pb, ticks(s->user_ns));
	unum(pb, ticks(s->sys_ns));
	fmt_lit(pb, "0 0 20 0 ");
	unum(pb, s->nr_threads);
	fmt_lit(pb, "0 ");
	/* starttime vsize rss rsslim startcode endcode startstack kstkesp kstkeip */
	unum(pb, ticks(s->start_ns));
	unum(pb, st.vsize);
	unum(pb, st.rss_pages);
	unum(pb, RLIM_INFINITY);
	unum(pb, st.start_code);
	unum(pb, st.end_code);
	unum(pb, st.start_stack);
	fmt_lit(pb, "0 0 ");
	/* signal blocked sigignore sigcatch (decimal, obsolete) wchan nswap cnswap exit_signal processor */
	unum(pb, (s->sig_pending | s->sig_shared) & 0x7fffffffu);
	unum(pb, s->sig_blocked & 0x7fffffffu);
	unum(pb, s->sig_ignored & 0x7fffffffu);
	unum(pb, s->sig_caught & 0x7fffffffu);
	fmt_lit(pb, "0 0 0 ");
	num(pb, s->exit_signal);
	fmt_lit(pb, "0 ");
	/* rt_priority policy delayacct_blkio_ticks guest_time cguest_time start_data end_data start_brk */
	fmt_lit(pb, "0 0 0 0 0 0 0 ");
	unum(pb, st.start_brk);
	/* arg_start arg_end env_start env_end exit_code */
	fmt_lit(pb, "0 0 0 0 0\n");
}

/* "Name:\t" and the value in 8 columns, " kB". */
static void kb_line(struct fmt *pb __noescape, struct bytes name, uint64_t kb)
{
	fmt_str(pb, name);
	fmt_u64_w(pb, kb, 8);
	fmt_lit(pb, " kB\n");
}

static void status_kb(struct fmt *pb __noescape, struct mm_stats st)
{
	uint64_t size = st.vsize / 1024, rss = st.rss_pages * (PAGE_SIZE / 1024);
	kb_line(pb, BYTES_LIT("VmPeak:\t"), size);
	kb_line(pb, BYTES_LIT("VmSize:\t"), size);
	kb_line(pb, BYTES_LIT("VmLck:\t"), 0);
	kb_line(pb, BYTES_LIT("VmPin:\t"), 0);
	kb_line(pb, BYTES_LIT("VmHWM:\t"), rss);
	kb_line(pb, BYTES_LIT("VmRSS:\t"), rss);
	kb_line(pb, BYTES_LIT("RssAnon:\t"), rss);
	kb_line(pb, BYTES_LIT("RssFile:\t"), 0);
	kb_line(pb, BYTES_LIT("RssShmem:\t"), 0);
	kb_line(pb, BYTES_LIT("VmData:\t"), st.data / 1024);
	kb_line(pb, BYTES_LIT("VmStk:\t"), st.stack / 1024);
	kb_line(pb, BYTES_LIT("VmExe:\t"), st.text / 1024);
	kb_line(pb, BYTES_LIT("VmLib:\t"), 0);
	kb_line(pb, BYTES_LIT("VmPTE:\t"), 0);
	kb_line(pb, BYTES_LIT("VmSwap:\t"), 0);
}

/* "Name:\t<decimal>\n". */
static void dec_line(struct fmt *pb __noescape, struct bytes name, int64_t v)
{
	fmt_str(pb, name);
	fmt_i64(pb, v);
	fmt_ch(pb, '\n');
}

/* "Name:\t<16 hex digits>\n". */
static void hex_line(struct fmt *pb __noescape, struct bytes name, uint64_t v)
{
	fmt_str(pb, name);
	fmt_hex0(pb, v, 16);
	fmt_ch(pb, '\n');
}

/* "Name:\ta\tb\tc\td\n" (the real, effective, saved and file-system ids). */
static void ids_line(struct fmt *pb __noescape, struct bytes name, uint32_t r, uint32_t e, uint32_t s, uint32_t fs)
{
	fmt_str(pb, name);
	fmt_u64(pb, r);
	fmt_ch(pb, '\t');
	fmt_u64(pb, e);
	fmt_ch(pb, '\t');
	fmt_u64(pb, s);
	fmt_ch(pb, '\t');
	fmt_u64(pb, fs);
	fmt_ch(pb, '\n');
}

static void gen_status(struct fmt *pb __noescape, struct proc_snap *s, struct mm_stats st)
{
	fmt_str(pb, BYTES_LIT("Name:\t"));
	put_comm(pb, s);
	fmt_lit(pb, "\nUmask:\t");
	fmt_num(pb, s->umask, 8, 4, FMT_ZERO);
	fmt_lit(pb, "\nState:\t");
	switch (s->state) {
	case 'R':
		fmt_lit(pb, "R (running)\n");
		break;
	case 'Z':
		fmt_lit(pb, "Z (zombie)\n");
		break;
	case 'T':
		fmt_lit(pb, "T (stopped)\n");
		break;
	default:
		fmt_lit(pb, "S (sleeping)\n");
		break;
	}
	dec_line(pb, BYTES_LIT("Tgid:\t"), s->pid);
	fmt_lit(pb, "Ngid:\t0\n");
	dec_line(pb, BYTES_LIT("Pid:\t"), s->pid);
	dec_line(pb, BYTES_LIT("PPid:\t"), s->ppid);
	fmt_lit(pb, "TracerPid:\t0\n");
	ids_line(pb, BYTES_LIT("Uid:\t"), s->uid, s->euid, s->suid, s->euid);
	ids_line(pb, BYTES_LIT("Gid:\t"), s->gid, s->egid, s->sgid, s->egid);
	dec_line(pb, BYTES_LIT("FDSize:\t"), s->fd_size);
	fmt_lit(pb, "Groups:\t\n");
	dec_line(pb, BYTES_LIT("NStgid:\t"), s->pid);
	dec_line(pb, BYTES_LIT("NSpid:\t"), s->pid);
	dec_line(pb, BYTES_LIT("NSpgid:\t"), s->pgid);
	dec_line(pb, BYTES_LIT("NSsid:\t"), s->sid);
	if (s->mm)
		status_kb(pb, st);
	dec_line(pb, BYTES_LIT("Threads:\t"), s->nr_threads);
	fmt_lit(pb, "SigQ:\t");
	fmt_u64(pb, (unsigned)__builtin_popcountll(s->sig_pending | s->sig_shared));
	fmt_lit(pb, "/4096\n");
	hex_line(pb, BYTES_LIT("SigPnd:\t"), s->sig_pending);
	hex_line(pb, BYTES_LIT("ShdPnd:\t"), s->sig_shared);
	hex_line(pb, BYTES_LIT("SigBlk:\t"), s->sig_blocked);
	hex_line(pb, BYTES_LIT("SigIgn:\t"), s->sig_ignored);
	hex_line(pb, BYTES_LIT("SigCgt:\t"), s->sig_caught);
	uint64_t caps = s->euid == 0 ? 0x000001ffffffffffull : 0;
	hex_line(pb, BYTES_LIT("CapInh:\t"), 0);
	hex_line(pb, BYTES_LIT("CapPrm:\t"), caps);
	hex_line(pb, BYTES_LIT("CapEff:\t"), caps);
	hex_line(pb, BYTES_LIT("CapBnd:\t"), 0x000001ffffffffffull);
	hex_line(pb, BYTES_LIT("CapAmb:\t"), 0);
	fmt_lit(pb, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tunknown\n");
	fmt_lit(pb, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	fmt_lit(pb, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
}

/* The address-space columns of maps: pad to column 73 before a name, as Linux's seq_pad does. */
#define MAPS_NAME_COL 73

static void gen_maps(struct fmt *pb __noescape, struct mm *mm)
{
	uint64_t addr = 0;
	struct mm_vma_info v = { 0 };
	while (mm_vma_find(mm, addr, &v)) {
		size_t start = pb->len;
		fmt_hex0(pb, v.start, 8);
		fmt_ch(pb, '-');
		fmt_hex0(pb, v.end, 8);
		fmt_ch(pb, ' ');
		fmt_ch(pb, (v.prot & PROT_READ) ? 'r' : '-');
		fmt_ch(pb, (v.prot & PROT_WRITE) ? 'w' : '-');
		fmt_ch(pb, (v.prot & PROT_EXEC) ? 'x' : '-');
		fmt_ch(pb, (v.flags & MM_VMA_SHARED) ? 's' : 'p');
		fmt_ch(pb, ' ');
		fmt_hex0(pb, v.file ? v.offset : 0, 8);
		fmt_lit(pb, " 00:00 0");
		struct bytes name = bytes_empty();
		if (v.flags & MM_VMA_HEAP)
			name = BYTES_LIT("[heap]");
		else if (v.flags & MM_VMA_GROWSDOWN)
			name = BYTES_LIT("[stack]");
		if (bytes_len(name)) {
			size_t used = pb->len - start;
			for (size_t i = used; i < MAPS_NAME_COL; i++)
				fmt_str(pb, BYTES_LIT(" "));
			if (used >= MAPS_NAME_COL)
				fmt_str(pb, BYTES_LIT(" "));
			fmt_str(pb, name);
		}
		fmt_str(pb, BYTES_LIT("\n"));
		addr = v.end;
	}
}

static int gen_mounts(struct fmt *pb __noescape, struct proc_snap *s)
{
	struct vfs_path root = s ? s->root : vfs_root();
	if (s)
		vfs_path_get(root);
	ssize_t n = vfs_mounts_format(root, fmt_tail(pb));
	vfs_path_put(root);
	if (n < 0)
		return (int)n;
	/* vfs_mounts_format returns the full length: more than the tail sets overflow. */
	fmt_commit(pb, (size_t)n);
	return 0;
}

int procfs_gen_pid(int pid, unsigned id, struct fmt *pb __noescape)
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
		unum(pb, st.vsize / PAGE_SIZE);
		unum(pb, st.rss_pages);
		fmt_lit(pb, "0 ");
		unum(pb, st.text / PAGE_SIZE);
		fmt_lit(pb, "0 ");
		unum(pb, (st.data + st.stack) / PAGE_SIZE);
		fmt_lit(pb, "0\n");
		break;
	case PP_CMDLINE:
		fmt_str(pb, bytes_buf_view(s->cmdline));
		break;
	case PP_COMM:
		put_comm(pb, s);
		fmt_str(pb, BYTES_LIT("\n"));
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
	struct fmt t = fmt_into(buf);
	if (S_ISFIFO(ip->mode))
		fmt_lit(&t, "pipe:[");
	else if (S_ISSOCK(ip->mode))
		fmt_lit(&t, "socket:[");
	else
		fmt_lit(&t, "anon_inode:[");
	fmt_u64(&t, ip->ino);
	fmt_ch(&t, ']');
	return (ssize_t)t.len; /* cut short when buf is small, as readlink does */
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
