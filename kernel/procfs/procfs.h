/*
 * procfs: the /proc file system (proc(5)). Nothing is stored: directories
 * are listed from the live process table when read, and a file's text is
 * generated when it is read from offset 0 (a snapshot per open file, so a
 * reader that reads in pieces sees one consistent text, as with Linux's
 * seq_file; seeking back to 0 regenerates it).
 *
 * Every procfs inode lives in a `struct procfs_inode` beside a `struct procfs_node` saying
 * what it stands for: a kind, a pid, a file id, an fd. Inodes are made on
 * each lookup and freed with their last reference; their numbers are
 * derived from the node so getdents and stat agree.
 *
 * Locks: procfs has no locks of its own. Generators take tasklist_lock to
 * find a process and take references to what they need (mm, files, fs),
 * then drop it before doing anything slow. Reading a link under /proc/N/fd
 * may scan a directory of another file system (to name the file) while the
 * link's own inode lock is held; procfs link inodes are private to the walk
 * that made them, so nobody can wait for that lock in the other order.
 */
#ifndef KERNEL_PROCFS_PROCFS_H
#define KERNEL_PROCFS_PROCFS_H

#include "fs/vfs.h"
#include "lib/fmt.h"

/* Register the "proc" file-system type (idempotent). 0 or -E... */
int procfs_init(void);
/* A new procfs instance: its superblock and root directory, counted. */
struct sb_ref procfs_new_instance(void);

enum procfs_kind {
	PROCFS_ROOT,
	PROCFS_SELF, /* symlink to the caller's pid */
	PROCFS_GLOBAL, /* a file in /proc itself; id: PG_* */
	PROCFS_SYS_DIR, /* id: PSD_* */
	PROCFS_SYS_FILE, /* id: PS_* */
	PROCFS_PID_DIR, /* /proc/N */
	PROCFS_PID_FILE, /* /proc/N/x; id: PP_* */
	PROCFS_PID_LINK, /* /proc/N/{cwd,root,exe}; id: PP_* */
	PROCFS_FD_DIR, /* /proc/N/fd */
	PROCFS_FD_LINK, /* /proc/N/fd/M */
};

/* Files in /proc. */
enum {
	PG_MEMINFO,
	PG_UPTIME,
	PG_LOADAVG,
	PG_MOUNTS,
	PG_STAT,
	PG_VERSION,
	PG_FILESYSTEMS,
	PG_CPUINFO,
	PG_COUNT,
};

/* Directories under /proc/sys. */
enum {
	PSD_SYS,
	PSD_KERNEL,
};

/* Files in /proc/sys/kernel. */
enum {
	PS_HOSTNAME,
	PS_DOMAINNAME,
	PS_OSTYPE,
	PS_OSRELEASE,
	PS_VERSION,
	PS_PID_MAX,
	PS_COUNT,
};

/* Entries of /proc/N. */
enum {
	PP_STAT,
	PP_STATUS,
	PP_STATM,
	PP_CMDLINE,
	PP_COMM,
	PP_MAPS,
	PP_MOUNTS,
	PP_FD,
	PP_CWD,
	PP_ROOT,
	PP_EXE,
	PP_COUNT,
};

struct procfs_node {
	enum procfs_kind kind;
	unsigned id;
	int pid;
	int fd;
};

/* Generated text is built with lib/fmt.h; `overflow` means "retry with a bigger buffer". */

/* ---- gen_global.c: /proc/meminfo and co, the files of /proc/sys/kernel ---- */
int procfs_gen_global(unsigned id, struct fmt *pb __noescape);
int procfs_gen_sys(unsigned id, struct fmt *pb __noescape);

/* ---- gen_pid.c: the files of /proc/N ---- */
int procfs_gen_pid(int pid, unsigned id, struct fmt *pb __noescape);
/* Is there a live (not reaped) process N? */
bool procfs_pid_alive(int pid);
/* The owner of process N (for its directory's inodes); false when it is gone. */
bool procfs_pid_owner(int pid, uint32_t *uid __noescape, uint32_t *gid __noescape);
/* The first live pid >= from, or -1. */
int procfs_next_pid(int from);
/* The first open fd >= from of process pid, or -1. */
int procfs_next_fd(int pid, int from);
/* Totals over the process table for /proc/stat, loadavg, uptime. */
struct procfs_counts {
	unsigned procs, threads, running;
	int last_pid;
	uint64_t user_ns, sys_ns;
};
struct procfs_counts procfs_count(void);
/* The caller's pid (thread-group id), or 0 when called from a kernel task. */
int procfs_caller_pid(void);
/* The target of /proc/N/{cwd,root} and /proc/N/fd/M into buf: its length, or -E... */
ssize_t procfs_pid_link(int pid, unsigned id, struct bytes buf);
ssize_t procfs_fd_link(int pid, int fd, struct bytes buf);

#endif /* KERNEL_PROCFS_PROCFS_H */
