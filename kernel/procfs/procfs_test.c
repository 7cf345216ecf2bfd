/*
 * ktests for procfs: a procfs instance mounted in a private name space,
 * read through the VFS like user space would, with a made-up process (its
 * own address space, fd table and working directory) in the process table.
 */
#include <frame/alloc.h>
#include <frame/ktest.h>
#include <frame/meminfo.h>
#include "time/rtc.h"
#include <frame/task.h>
#include <frame/time.h>
#include "procfs/procfs.h"
#include "fs/fstest.h"
#include "process/process.h"
#include "vm/mm.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

struct ptest {
	struct fstest *t;
	struct process *p; /* in the process table */
	uint64_t map_addr; /* a 3-page anonymous mapping of p, one page touched */
	struct bytes_buf path; /* scratch for path names */
	struct bytes_buf other; /* a second read buffer */
};

/* The scratch buffers as slices (a heap object keeps handles: R15-shared-cap). */
static struct bytes pt_path(struct ptest *pt)
{
	return bytes_buf_view(pt->path);
}

static struct bytes pt_other(struct ptest *pt)
{
	return bytes_buf_view(pt->other);
}

/* Index of needle in hay, or -1. */
static ssize_t find_sub(struct bytes hay, struct bytes needle)
{
	size_t h = bytes_len(hay), n = bytes_len(needle);
	for (size_t i = 0; n <= h && i <= h - n; i++)
		if (bytes_equal(bytes_sub(hay, i, n), needle))
			return (ssize_t)i;
	return -1;
}

static bool contains(struct bytes hay, struct bytes needle)
{
	return find_sub(hay, needle) >= 0;
}

/* The decimal number starting at off (after blanks); 0 when none. */
static uint64_t number_at(struct bytes b, size_t off)
{
	while (off < bytes_len(b) && bytes_get(b, off) == ' ')
		off++;
	uint64_t v = 0;
	while (off < bytes_len(b) && bytes_get(b, off) >= '0' && bytes_get(b, off) <= '9')
		v = v * 10 + (bytes_get(b, off++) - '0');
	return v;
}

/* The number after `key` in text, or ~0 when key is absent. */
static uint64_t value_after(struct bytes text, struct bytes key)
{
	ssize_t at = find_sub(text, key);
	return at < 0 ? ~0ull : number_at(text, (size_t)at + bytes_len(key));
}

static struct process *fake_process(struct fstest *t, uint64_t *map_addr __noescape)
{
	struct process *p = process_alloc();
	if (!p)
		return NULL;
	p->files = fd_table_new();
	p->fs = fs_state_new(t->ctx.root, t->ctx.cwd);
	p->mm = mm_new();
	p->cmdline = bytes_buf_alloc(14);
	if (!p->files || !p->fs || !p->mm || bytes_len(bytes_buf_view(p->cmdline)) != 14)
		return p; /* the caller sees pid 0 and frees it */
	bytes_copy(bytes_buf_view(p->cmdline), P("ktestproc\0-x\0\0"));
	process_set_comm(p, P("ktestproc"));
	int64_t a = mm_mmap(p->mm, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	if (a < 0)
		return p;
	*map_addr = (uint64_t)a;
	mm_write(p->mm, (uint64_t)a, P("touch"));
	mutex_lock(&tasklist_lock);
	int pid = pid_alloc();
	if (pid > 0) {
		p->pid = p->pgid = p->sid = pid;
		p->state = PROC_RUNNING;
		p->nr_threads = 1;
		process_link(p);
	}
	mutex_unlock(&tasklist_lock);
	return p;
}

static void fake_free(struct process *p)
{
	if (!p)
		return;
	mutex_lock(&tasklist_lock);
	if (p->pid > 0)
		process_unlink(p);
	p->state = PROC_REAPED;
	mutex_unlock(&tasklist_lock);
	if (p->mm)
		mm_put(p->mm);
	if (p->files)
		fd_table_put(p->files);
	if (p->fs)
		fs_state_put(p->fs);
	bytes_buf_free(p->cmdline);
	FREE(p);
}

static struct ptest *ptest_new(void)
{
	if (procfs_init())
		return NULL;
	struct ptest *pt = NEW(struct ptest);
	if (!pt)
		return NULL;
	pt->t = fstest_new();
	pt->path = bytes_buf_alloc(256);
	pt->other = bytes_buf_alloc(65536);
	if (!pt->t || !bytes_len(pt_path(pt)) || !bytes_len(pt_other(pt)))
		return pt;
	vfs_mount_set_names(pt->t->ctx.root.mnt, P("rootfs"), P("rootfs"));
	if (vfs_mkdir(&pt->t->ctx, NOBASE, P("/proc"), 0555) ||
	    vfs_mount_named(&pt->t->ctx, P("proc"), P("proc"), P("/proc"), bytes_empty()))
		return pt;
	pt->p = fake_process(pt->t, &pt->map_addr);
	return pt;
}

static bool ptest_ok(struct ptest *pt)
{
	return pt && pt->t && pt->p && pt->p->pid > 0 && pt->map_addr;
}

static void ptest_free(struct ptest *pt)
{
	if (!pt)
		return;
	fake_free(pt->p);
	if (pt->t)
		fstest_free(pt->t);
	bytes_buf_free(pt->path);
	bytes_buf_free(pt->other);
	FREE(pt);
}

/* The decimal digits of n in pt_path(pt). */
static struct bytes decimal(struct ptest *pt, int64_t n)
{
	struct fmt f = fmt_into(pt_path(pt));
	fmt_i64(&f, n);
	return fmt_text(&f);
}

/* "/proc/<pid>/<rest>" in pt_path(pt). */
static struct bytes pid_path(struct ptest *pt, int pid, struct bytes rest)
{
	struct fmt f = fmt_into(pt_path(pt));
	fmt_lit(&f, "/proc/");
	fmt_i64(&f, pid);
	fmt_ch(&f, '/');
	fmt_str(&f, rest);
	return fmt_text(&f);
}

/* Read path into ft_buf(t); the text (empty on error). */
static struct bytes read_text(struct ptest *pt, struct bytes path)
{
	ssize_t n = ft_read(pt->t, path);
	return n < 0 ? bytes_empty() : bytes_sub(ft_buf(pt->t), 0, (size_t)n);
}

/* The names getdents gives for dir, NUL-separated, into pt_other(pt); their total length, or -E. */
static ssize_t list_dir(struct ptest *pt, struct bytes dir)
{
	struct file_ref fr = vfs_open(&pt->t->ctx, NOBASE, dir, O_RDONLY | O_DIRECTORY, 0);
	if (fr.err)
		return fr.err;
	size_t out = 0;
	struct bytes rec = bytes_alloc(4096);
	for (;;) {
		ssize_t n = vfs_getdents64(fr.file, uio_kernel(rec));
		if (n <= 0)
			break;
		for (size_t off = 0; off < (size_t)n;) {
			size_t reclen = bytes_get_le16(rec, off + 16);
			struct bytes name = bytes_sub(rec, off + 19, reclen - 19);
			ssize_t nul = bytes_find(name, 0);
			size_t len = nul < 0 ? bytes_len(name) : (size_t)nul;
			if (out + len + 1 <= bytes_len(pt_other(pt))) {
				bytes_copy(bytes_sub(pt_other(pt), out, len), bytes_sub(name, 0, len));
				bytes_set(pt_other(pt), out + len, 0);
				out += len + 1;
			}
			off += reclen;
		}
	}
	bytes_free(rec);
	file_put(fr.file);
	return (ssize_t)out;
}

/* Is `name` one of the NUL-separated names in list? */
static bool listed(struct bytes list, struct bytes name)
{
	size_t start = 0;
	for (size_t i = 0; i < bytes_len(list); i++) {
		if (bytes_get(list, i) == 0) {
			if (bytes_equal(bytes_sub(list, start, i - start), name))
				return true;
			start = i + 1;
		}
	}
	return false;
}

static ssize_t read_link(struct ptest *pt, struct bytes path)
{
	return vfs_readlink(&pt->t->ctx, NOBASE, path, uio_kernel(pt_other(pt)));
}

KTEST(procfs_meminfo_matches_the_frame)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes text = read_text(pt, P("/proc/meminfo"));
	KT_ASSERT(bytes_len(text) > 0);
	KT_ASSERT(find_sub(text, P("MemTotal:")) == 0);
	KT_EQ(value_after(text, P("MemTotal:")), mem_total_bytes() / 1024);
	uint64_t free_kb = value_after(text, P("MemFree:"));
	KT_ASSERT(free_kb <= mem_total_bytes() / 1024 && free_kb > 0);
	KT_ASSERT(contains(text, P("\nMemAvailable:")));
	KT_ASSERT(contains(text, P("\nCached:                0 kB\n")));
	KT_ASSERT(contains(text, P("\nSwapTotal:             0 kB\n")));
	KT_ASSERT(contains(text, P("\nShmem:")));
	KT_ASSERT(bytes_get(text, bytes_len(text) - 1) == '\n');
	ptest_free(pt);
}

KTEST(procfs_uptime_increases)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes a = read_text(pt, P("/proc/uptime"));
	KT_ASSERT(bytes_len(a) >= 10);
	ssize_t dot = bytes_find(a, '.');
	KT_ASSERT(dot > 0 && bytes_get(a, (size_t)dot + 3) == ' ');
	uint64_t first = number_at(a, 0) * 100 + number_at(a, (size_t)dot + 1);
	KT_ASSERT(first * 10 * NSEC_PER_MSEC <= clock_ns());
	ktest_sleep_ns(30 * NSEC_PER_MSEC);
	struct bytes b = read_text(pt, P("/proc/uptime"));
	dot = bytes_find(b, '.');
	KT_ASSERT(dot > 0);
	uint64_t second = number_at(b, 0) * 100 + number_at(b, (size_t)dot + 1);
	KT_ASSERT(second >= first + 2);
	ptest_free(pt);
}

KTEST(procfs_root_lists_fixed_entries_and_pids)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	ssize_t n = list_dir(pt, P("/proc"));
	KT_ASSERT(n > 0);
	struct bytes list = bytes_sub(pt_other(pt), 0, (size_t)n);
	KT_ASSERT(listed(list, P(".")) && listed(list, P("..")));
	KT_ASSERT(listed(list, P("self")) && listed(list, P("meminfo")) && listed(list, P("uptime")));
	KT_ASSERT(listed(list, P("mounts")) && listed(list, P("sys")) && listed(list, P("stat")));
	KT_ASSERT(listed(list, decimal(pt, pt->p->pid)));
	/* Every numeric entry names a live process directory. */
	KT_EQ(ft_err(pt->t, pid_path(pt, pt->p->pid, P("")), LOOKUP_DIRECTORY), 0);
	KT_EQ(ft_err(pt->t, P("/proc/0"), 0), -ENOENT);
	KT_EQ(ft_err(pt->t, P("/proc/032"), 0), -ENOENT);
	KT_EQ(ft_err(pt->t, P("/proc/nosuch"), 0), -ENOENT);
	ptest_free(pt);
}

KTEST(procfs_pid_stat_has_linux_layout)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes text = read_text(pt, pid_path(pt, pt->p->pid, P("stat")));
	KT_ASSERT(bytes_len(text) > 0);
	KT_EQ(number_at(text, 0), pt->p->pid);
	struct fmt f = fmt_into(pt_path(pt));
	fmt_i64(&f, pt->p->pid);
	fmt_lit(&f, " (ktestproc) S 0 ");
	fmt_i64(&f, pt->p->pid);
	fmt_ch(&f, ' ');
	fmt_i64(&f, pt->p->pid);
	fmt_ch(&f, ' ');
	KT_ASSERT(find_sub(text, fmt_text(&f)) == 0);
	/* At least 52 space-separated fields, one line. */
	unsigned fields = 1;
	for (size_t i = 0; i < bytes_len(text); i++)
		fields += bytes_get(text, i) == ' ';
	KT_ASSERT(fields >= 52);
	KT_EQ(bytes_find(text, '\n'), (ssize_t)bytes_len(text) - 1);
	/* Field 23 is vsize in bytes: the 3-page mapping. */
	ssize_t close_paren = bytes_find(text, ')');
	size_t off = (size_t)close_paren + 2;
	for (unsigned f = 3; f < 23; f++)
		off += (size_t)bytes_find(bytes_sub(text, off, bytes_len(text) - off), ' ') + 1;
	KT_EQ(number_at(text, off), 3 * PAGE_SIZE);
	ptest_free(pt);
}

KTEST(procfs_pid_status_reports_ids_and_memory)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes text = read_text(pt, pid_path(pt, pt->p->pid, P("status")));
	KT_ASSERT(find_sub(text, P("Name:\tktestproc\nUmask:\t0022\nState:\tS (sleeping)\n")) == 0);
	KT_EQ(value_after(text, P("\nPid:\t")), pt->p->pid);
	KT_EQ(value_after(text, P("\nTgid:\t")), pt->p->pid);
	KT_EQ(value_after(text, P("\nPPid:\t")), 0);
	KT_EQ(value_after(text, P("\nVmSize:\t")), 12);
	KT_EQ(value_after(text, P("\nVmRSS:\t")), 4); /* the one page mm_write touched */
	KT_EQ(value_after(text, P("\nThreads:\t")), 1);
	KT_ASSERT(contains(text, P("\nUid:\t0\t0\t0\t0\n")));
	KT_ASSERT(contains(text, P("\nSigBlk:\t0000000000000000\n")));
	KT_ASSERT(contains(text, P("\nSigCgt:\t")) && contains(text, P("\nFDSize:\t64\n")));
	ptest_free(pt);
}

KTEST(procfs_cmdline_comm_statm)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes text = read_text(pt, pid_path(pt, pt->p->pid, P("cmdline")));
	KT_ASSERT(bytes_equal(text, P("ktestproc\0-x\0\0")));
	text = read_text(pt, pid_path(pt, pt->p->pid, P("comm")));
	KT_ASSERT(bytes_equal(text, P("ktestproc\n")));
	text = read_text(pt, pid_path(pt, pt->p->pid, P("statm")));
	KT_ASSERT(find_sub(text, P("3 1 0 0 0 3 0\n")) == 0);
	ptest_free(pt);
}

KTEST(procfs_maps_lists_the_mappings)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes text = read_text(pt, pid_path(pt, pt->p->pid, P("maps")));
	struct fmt f = fmt_into(pt_path(pt));
	fmt_hex0(&f, pt->map_addr, 8);
	fmt_ch(&f, '-');
	fmt_hex0(&f, pt->map_addr + 3 * PAGE_SIZE, 8);
	fmt_lit(&f, " rw-p 00000000 00:00 0\n");
	KT_ASSERT(bytes_equal(text, fmt_text(&f)));
	ptest_free(pt);
}

KTEST(procfs_fd_directory_and_links)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	KT_EQ(vfs_mkdir(&pt->t->ctx, NOBASE, P("/etc"), 0755), 0);
	KT_EQ(ft_write(pt->t, P("/etc/motd"), P("hi")), 0);
	KT_EQ(ft_write(pt->t, P("/top"), P("x")), 0);
	struct file_ref a = vfs_open(&pt->t->ctx, NOBASE, P("/top"), O_RDONLY, 0);
	struct file_ref d = vfs_open(&pt->t->ctx, NOBASE, P("/etc"), O_RDONLY | O_DIRECTORY, 0);
	struct file_ref m = vfs_open(&pt->t->ctx, NOBASE, P("/etc/motd"), O_RDONLY, 0);
	KT_ASSERT(!a.err && !d.err && !m.err);
	KT_EQ(fd_install_at(pt->p, a.file, 0, false), 0);
	KT_EQ(fd_install_at(pt->p, d.file, 5, false), 5);
	KT_EQ(fd_install_at(pt->p, m.file, 7, false), 7);
	ssize_t n = list_dir(pt, pid_path(pt, pt->p->pid, P("fd")));
	KT_ASSERT(n > 0);
	struct bytes list = bytes_sub(pt_other(pt), 0, (size_t)n);
	KT_ASSERT(listed(list, P("0")) && listed(list, P("5")) && listed(list, P("7")) && !listed(list, P("1")));
	n = read_link(pt, pid_path(pt, pt->p->pid, P("fd/0")));
	KT_ASSERT(n == 4 && bytes_equal(bytes_sub(pt_other(pt), 0, 4), P("/top")));
	n = read_link(pt, pid_path(pt, pt->p->pid, P("fd/5")));
	KT_ASSERT(n == 4 && bytes_equal(bytes_sub(pt_other(pt), 0, 4), P("/etc")));
	/* Not in its mount's root nor in the cwd: the name is unknown, but the link still reads. */
	n = read_link(pt, pid_path(pt, pt->p->pid, P("fd/7")));
	KT_ASSERT(n > 0);
	KT_EQ(ft_err(pt->t, pid_path(pt, pt->p->pid, P("fd/1")), 0), -ENOENT);
	/* Following fd/0 reaches the file itself. */
	KT_ASSERT(ft_buf_is(pt->t, ft_read(pt->t, pid_path(pt, pt->p->pid, P("fd/0"))), P("x")));
	/* A directory of procfs itself (ls -l /proc/self/fd has it open). */
	struct file_ref pd =
	    vfs_open(&pt->t->ctx, NOBASE, pid_path(pt, pt->p->pid, P("fd")), O_RDONLY | O_DIRECTORY, 0);
	KT_ASSERT(!pd.err);
	KT_EQ(fd_install_at(pt->p, pd.file, 3, false), 3);
	n = read_link(pt, pid_path(pt, pt->p->pid, P("fd/3")));
	size_t want = bytes_len(pid_path(pt, pt->p->pid, P("fd")));
	KT_EQ(n, (ssize_t)want);
	KT_ASSERT(bytes_equal(bytes_sub(pt_other(pt), 0, want), bytes_sub(pt_path(pt), 0, want)));
	/* Following fd/5 (a directory) lands on /etc. */
	KT_ASSERT(ft_same(pt->t, pid_path(pt, pt->p->pid, P("fd/5")), P("/etc")));
	ptest_free(pt);
}

KTEST(procfs_cwd_root_and_self)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	ssize_t n = read_link(pt, pid_path(pt, pt->p->pid, P("cwd")));
	KT_ASSERT(n == 1 && bytes_get(pt_other(pt), 0) == '/');
	n = read_link(pt, pid_path(pt, pt->p->pid, P("root")));
	KT_ASSERT(n == 1 && bytes_get(pt_other(pt), 0) == '/');
	/* A kernel task has no process: /proc/self leads nowhere. */
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(pt->t, P("/proc/self"), &st), 0);
	KT_ASSERT(S_ISLNK(st.mode));
	KT_EQ(ft_err(pt->t, P("/proc/self/stat"), LOOKUP_FOLLOW), -ENOENT);
	ptest_free(pt);
}

KTEST(procfs_mounts_shows_the_tree)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	KT_EQ(vfs_mkdir(&pt->t->ctx, NOBASE, P("/my tmp"), 0755), 0);
	KT_EQ(vfs_mount(&pt->t->ctx, P("tmpfs"), P("/my tmp"), bytes_empty()), 0);
	struct bytes text = read_text(pt, pid_path(pt, pt->p->pid, P("mounts")));
	KT_ASSERT(bytes_equal(text, P("rootfs / rootfs rw 0 0\nproc /proc proc rw 0 0\n"
				      "tmpfs /my\\040tmp tmpfs rw 0 0\n")));
	ptest_free(pt);
}

KTEST(procfs_sys_kernel_files)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	KT_ASSERT(bytes_equal(read_text(pt, P("/proc/sys/kernel/ostype")), P("Linux\n")));
	KT_ASSERT(bytes_equal(read_text(pt, P("/proc/sys/kernel/osrelease")), P("6.1.0-trellis\n")));
	KT_ASSERT(bytes_equal(read_text(pt, P("/proc/sys/kernel/pid_max")), P("32768\n")));
	struct bytes host = read_text(pt, P("/proc/sys/kernel/hostname"));
	KT_ASSERT(bytes_len(host) > 1 && bytes_get(host, bytes_len(host) - 1) == '\n');
	ssize_t n = list_dir(pt, P("/proc/sys/kernel"));
	KT_ASSERT(n > 0 && listed(bytes_sub(pt_other(pt), 0, (size_t)n), P("hostname")));
	KT_EQ(ft_err(pt->t, P("/proc/sys/kernel/.."), LOOKUP_DIRECTORY), 0);
	KT_ASSERT(ft_same(pt->t, P("/proc/sys/kernel/../.."), P("/proc")));
	ptest_free(pt);
}

KTEST(procfs_stat_loadavg_version_filesystems)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes text = read_text(pt, P("/proc/stat"));
	KT_ASSERT(find_sub(text, P("cpu  ")) == 0 && contains(text, P("\ncpu0 ")));
	KT_EQ(value_after(text, P("\nbtime ")), rtc_boot_epoch_seconds());
	KT_ASSERT(value_after(text, P("\nprocesses ")) >= (uint64_t)pt->p->pid);
	KT_ASSERT(value_after(text, P("\nprocs_running ")) >= 1);
	text = read_text(pt, P("/proc/loadavg"));
	KT_ASSERT(find_sub(text, P("0.00 0.00 0.00 1/")) == 0);
	ssize_t slash = bytes_find(text, '/');
	KT_ASSERT(number_at(text, (size_t)slash + 1) >= 1);
	text = read_text(pt, P("/proc/version"));
	KT_ASSERT(find_sub(text, P("Linux version 6.1.0-trellis ")) == 0);
	text = read_text(pt, P("/proc/filesystems"));
	KT_ASSERT(contains(text, P("nodev\tproc\n")) && contains(text, P("nodev\ttmpfs\n")));
	text = read_text(pt, P("/proc/cpuinfo"));
	KT_ASSERT(find_sub(text, P("processor\t: 0\n")) == 0);
	ptest_free(pt);
}

KTEST(procfs_reads_in_pieces_see_one_snapshot)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	struct bytes whole = read_text(pt, pid_path(pt, pt->p->pid, P("status")));
	KT_ASSERT(bytes_len(whole) > 100);
	struct file_ref fr = vfs_open(&pt->t->ctx, NOBASE, pid_path(pt, pt->p->pid, P("status")), O_RDONLY, 0);
	KT_ASSERT(!fr.err);
	size_t got = 0;
	for (;;) {
		ssize_t n = vfs_read(fr.file, uio_kernel(bytes_sub(pt_other(pt), got, 7)));
		KT_ASSERT(n >= 0);
		if (n == 0)
			break;
		got += (size_t)n;
	}
	KT_ASSERT(bytes_equal(bytes_sub(pt_other(pt), 0, got), whole));
	/* Seeking back to 0 regenerates; pread in the middle uses the snapshot. */
	KT_EQ(vfs_lseek(fr.file, 0, SEEK_SET), 0);
	KT_EQ(vfs_read(fr.file, uio_kernel(bytes_sub(pt_other(pt), 0, 6))), 6);
	KT_ASSERT(bytes_equal(bytes_sub(pt_other(pt), 0, 6), P("Name:\t")));
	KT_EQ(vfs_pread(fr.file, uio_kernel(bytes_sub(pt_other(pt), 0, 9)), 6), 9);
	KT_ASSERT(bytes_equal(bytes_sub(pt_other(pt), 0, 9), P("ktestproc")));
	file_put(fr.file);
	ptest_free(pt);
}

KTEST(procfs_gone_process_vanishes)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	int pid = pt->p->pid;
	struct file_ref fr = vfs_open(&pt->t->ctx, NOBASE, pid_path(pt, pid, P("stat")), O_RDONLY, 0);
	KT_ASSERT(!fr.err);
	struct file_ref dir = vfs_open(&pt->t->ctx, NOBASE, pid_path(pt, pid, P("")), O_RDONLY | O_DIRECTORY, 0);
	KT_ASSERT(!dir.err);
	fake_free(pt->p);
	pt->p = NULL;
	KT_EQ(vfs_read(fr.file, uio_kernel(pt_other(pt))), -ESRCH);
	KT_EQ(ft_err(pt->t, pid_path(pt, pid, P("")), 0), -ENOENT);
	ssize_t n = list_dir(pt, P("/proc"));
	KT_ASSERT(n > 0 && !listed(bytes_sub(pt_other(pt), 0, (size_t)n), decimal(pt, pid)));
	/* The open directory of the dead process is still listable: its fixed entries, no fds. */
	KT_ASSERT(vfs_getdents64(dir.file, uio_kernel(pt_other(pt))) > 0);
	file_put(fr.file);
	file_put(dir.file);
	ptest_free(pt);
}

KTEST(procfs_is_read_only_and_consistent)
{
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	KT_ASSERT(vfs_mkdir(&pt->t->ctx, NOBASE, P("/proc/new"), 0755) != 0);
	KT_ASSERT(vfs_open(&pt->t->ctx, NOBASE, P("/proc/newfile"), O_RDWR | O_CREAT, 0644).err != 0);
	struct file_ref fr = vfs_open(&pt->t->ctx, NOBASE, P("/proc/meminfo"), O_RDWR, 0);
	if (!fr.err) { /* root may open it for writing; writes fail */
		KT_ASSERT(vfs_write(fr.file, uio_kernel(P("x"))) < 0);
		file_put(fr.file);
	}
	/* stat's inode number agrees with getdents' and the directory's own ".". */
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(pt->t, pid_path(pt, pt->p->pid, P("")), &st), 0);
	KT_ASSERT(S_ISDIR(st.mode) && st.ino == ((uint64_t)pt->p->pid + 1) << 16);
	KT_EQ(ft_lstat(pt->t, P("/proc/meminfo"), &st), 0);
	KT_ASSERT(S_ISREG(st.mode) && (st.mode & 0777) == 0444 && st.size == 0);
	ptest_free(pt);
}

KTEST(procfs_teardown_frees_every_inode)
{
	uint64_t before = vfs_live_inodes();
	struct ptest *pt = ptest_new();
	KT_ASSERT(ptest_ok(pt));
	KT_ASSERT(bytes_len(read_text(pt, pid_path(pt, pt->p->pid, P("fd/../status")))) > 0);
	KT_ASSERT(list_dir(pt, P("/proc/sys/kernel")) > 0);
	KT_ASSERT(read_link(pt, pid_path(pt, pt->p->pid, P("cwd"))) == 1);
	ptest_free(pt);
	KT_EQ(vfs_live_inodes(), before);
}
