/*
 * The virtual file system: the objects every file system shares and the
 * calls the system-call layer makes.
 *
 * Objects (all reference-counted, because another task can find each one):
 *
 *   struct vfs_sb   one file-system instance (a ramfs, the devfs, later an
 *                   ext2 volume): its inode numbers and its rename lock.
 *   struct inode    a file of any type. The file system implements it with a
 *                   `const struct inode_ops` table and keeps its own data
 *                   behind a typed private pointer (no void *, no
 *                   container_of: each file system gets a member of its own).
 *   struct mount    an instance mounted somewhere: mounts form a tree, and a
 *                   path is always a (mount, inode) pair, so `..` at the root
 *                   of a mount can climb to the mount point.
 *   struct file     an open file: inode, offset, flags and `file_ops`.
 *
 * Path names arrive as `struct bytes` (not NUL-terminated; the syscall layer
 * copies them from user memory with user_read_str and passes the slice).
 *
 * Lock order (outer first):
 *   file->lock  >  sb->rename_lock  >  directory inode->lock (ancestor
 *   first, else lower ino first)  >  non-directory inode->lock
 *   mount_lock, ref_lock and the other spinlocks are leaves: nothing sleeps
 *   or takes a mutex under them.
 * The path walk holds at most one inode lock at a time.
 */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include <frame/types.h>
#include <frame/bytes.h>
#include "lib/errno.h"
#include <frame/wait.h>
#include <frame/spinlock.h>
#include "uio.h"

#define VFS_NAME_MAX 255 /* bytes in one path component */
#define VFS_PATH_MAX 4096 /* bytes in a path, counting the NUL as Linux does */
#define VFS_MAX_SYMLINKS 40 /* symlinks followed in one walk before ELOOP (Linux's MAXSYMLINKS) */

/* File types and permission bits: Linux's st_mode encoding. */
#define S_IFMT 0170000u
#define S_IFSOCK 0140000u
#define S_IFLNK 0120000u
#define S_IFREG 0100000u
#define S_IFBLK 0060000u
#define S_IFDIR 0040000u
#define S_IFCHR 0020000u
#define S_IFIFO 0010000u
#define S_ISUID 04000u
#define S_ISGID 02000u
#define S_ISVTX 01000u
#define S_IALLUGO 07777u
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* open(2) flags, x86-64 values. */
#define O_ACCMODE 03u
#define O_RDONLY 00u
#define O_WRONLY 01u
#define O_RDWR 02u
#define O_CREAT 0100u
#define O_EXCL 0200u
#define O_NOCTTY 0400u
#define O_TRUNC 01000u
#define O_APPEND 02000u
#define O_NONBLOCK 04000u
#define O_DSYNC 010000u
#define O_LARGEFILE 0100000u
#define O_DIRECTORY 0200000u
#define O_NOFOLLOW 0400000u
#define O_NOATIME 01000000u
#define O_CLOEXEC 02000000u
#define O_SYNC 04010000u
#define O_PATH 010000000u
#define O_TMPFILE 020200000u

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* d_type values of getdents64. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

/* poll(2) event bits. */
#define POLLIN 0x001u
#define POLLPRI 0x002u
#define POLLOUT 0x004u
#define POLLERR 0x008u
#define POLLHUP 0x010u
#define POLLNVAL 0x020u
#define POLLRDNORM 0x040u
#define POLLWRNORM 0x100u

/* Access checks (vfs_permission). */
#define MAY_EXEC 1u
#define MAY_WRITE 2u
#define MAY_READ 4u

/* Device numbers in Linux's 32-bit encoding (new_encode_dev), as stat shows them. */
static inline __unused uint32_t vfs_mkdev(uint32_t major, uint32_t minor)
{
	return (minor & 0xffu) | ((major & 0xfffu) << 8) | ((minor & ~0xffu) << 12);
}
static inline __unused uint32_t vfs_dev_major(uint32_t dev)
{
	return (dev >> 8) & 0xfffu;
}
static inline __unused uint32_t vfs_dev_minor(uint32_t dev)
{
	return (dev & 0xffu) | ((dev >> 12) & 0xfff00u);
}

struct vfs_sb;
struct inode;
struct file;
struct mount;
struct ramfs_sb;
struct procfs_file; /* procfs's per-open text */

struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* The result of an operation that yields a new reference to an inode. */
struct inode_ref {
	int err; /* 0 or -E... */
	struct inode *inode; /* a counted reference when err == 0, else NULL */
};

/* Attributes of an inode being created. */
struct inode_attr {
	uint32_t mode; /* type and permission bits */
	uint32_t uid, gid;
	uint32_t rdev; /* device nodes */
};

/* setattr requests: which fields of struct vfs_setattr to apply. */
#define ATTR_MODE 1u
#define ATTR_UID 2u
#define ATTR_GID 4u
#define ATTR_SIZE 8u
#define ATTR_ATIME 16u
#define ATTR_MTIME 32u
#define ATTR_CTIME 64u

struct vfs_setattr {
	uint32_t valid; /* ATTR_* */
	uint32_t mode; /* permission bits only; the type never changes */
	uint32_t uid, gid;
	uint64_t size;
	struct vfs_time atime, mtime;
};

/* One directory entry produced by inode_ops.readdir. */
struct vfs_dirent {
	int err; /* 0, or -E...; on error nothing else is valid */
	bool end; /* no entry at or after the position */
	uint64_t ino;
	uint8_t type; /* DT_* */
	size_t name_len; /* the name was copied into the caller's buffer */
	uint64_t next_pos; /* where the next entry starts (the d_off of this one) */
};

/* Positions 0 and 1 of a directory are "." and ".."; file systems number their entries from here. */
#define VFS_DIR_FIRST_POS 2

/*
 * Operations on an inode. Every directory op is called with dir->lock held
 * (the VFS takes it) and gets a name that is one component: 1..255 bytes,
 * no '/', never "." or "..". The VFS has already checked types, existence
 * and permissions as documented; the file system only changes its store.
 */
struct inode_ops {
	/* Find `name` in dir: a new reference, or -ENOENT. dir->lock held. */
	struct inode_ref (*lookup)(struct inode *dir, struct bytes name);
	/* Make a non-directory, non-symlink node (regular, device, fifo, socket). dir->lock held; name is absent. */
	struct inode_ref (*create)(struct inode *dir, struct bytes name, struct inode_attr attr);
	/* Make a directory. dir->lock held; name is absent. The VFS sets the new directory's parent. */
	struct inode_ref (*mkdir)(struct inode *dir, struct bytes name, struct inode_attr attr);
	/* Make a symlink to `target` (1..4095 bytes). dir->lock held; name is absent. */
	struct inode_ref (*symlink)(struct inode *dir, struct bytes name, struct bytes target, struct inode_attr attr);
	/* Add a name for `ip` (not a directory). dir->lock and ip->lock held; name is absent. */
	int (*link)(struct inode *dir, struct bytes name, struct inode *ip);
	/* Remove the entry `name`, which is `victim` (not a directory). dir->lock and victim->lock held. */
	int (*unlink)(struct inode *dir, struct bytes name, struct inode *victim);
	/* Remove the directory `victim` if it is empty, else -ENOTEMPTY. dir->lock and victim->lock held. */
	int (*rmdir)(struct inode *dir, struct bytes name, struct inode *victim);
	/*
	 * Move old_dir/old_name (which is `moved`) to new_dir/new_name, replacing
	 * `victim` (NULL when new_name is absent). The VFS holds sb->rename_lock,
	 * both directories' locks, moved->lock and victim->lock, and has checked
	 * that the types agree, that a victim directory is empty (by rmdir rules,
	 * so the file system reports -ENOTEMPTY) and that no directory moves into
	 * itself. Must succeed or change nothing.
	 */
	int (*rename)(struct inode *old_dir, struct bytes old_name, struct inode *new_dir, struct bytes new_name,
		      struct inode *moved, struct inode *victim);
	/* Copy the symlink's target into buf (as much as fits); returns its full length. ip->lock held. */
	ssize_t (*readlink)(struct inode *ip, struct bytes buf);
	/*
	 * Apply attribute changes; ATTR_SIZE truncates or extends (with a hole).
	 * ip->lock held. The VFS has already validated the request; the file
	 * system updates its store and the inode's fields, or fails with no change.
	 */
	int (*setattr)(struct inode *ip, struct vfs_setattr attr);
	/*
	 * The first entry at or after `pos` (>= VFS_DIR_FIRST_POS); its name is
	 * copied into name_buf (VFS_NAME_MAX bytes). dir->lock held. Positions
	 * must stay valid while entries come and go so getdents can resume.
	 */
	struct vfs_dirent (*readdir)(struct inode *dir, uint64_t pos, struct bytes name_buf);
	/*
	 * The page holding byte index * PAGE_SIZE of a regular file, with a new
	 * reference, for MAP_SHARED mappings that must see (and make) the file's
	 * own changes; NULL past the end of the file or out of memory. Optional:
	 * without it, shared file mappings fail with -ENODEV. No locks held.
	 */
	struct page *(*get_page)(struct inode *ip, uint64_t index);
};

/* The result of a read or write: bytes moved (or -E...) and the position after them. */
struct vfs_rw {
	ssize_t ret;
	uint64_t pos;
};

/*
 * Operations on an open file. Unless said otherwise they are called with no
 * VFS lock held; the file system takes what it needs. For seekable files
 * (regular, directory) the VFS holds file->lock around read, write, lseek
 * and getdents, which makes the offset update atomic (POSIX 2.9.7).
 */
struct file_ops {
	/* Called once when the file is opened, after f is set up. Optional. */
	int (*open)(struct inode *ip, struct file *f);
	/* Read into dst from `pos`. Returns bytes read (0 at end) and the new position. */
	struct vfs_rw (*read)(struct file *f, struct uio dst, uint64_t pos);
	/* Write src at `pos` (at the end with O_APPEND, under the inode lock). */
	struct vfs_rw (*write)(struct file *f, struct uio src, uint64_t pos);
	/* The new offset for (off, whence), or -E...; the VFS stores it. Optional: generic for seekable files. */
	int64_t (*lseek)(struct file *f, int64_t off, int whence);
	/* Fill dst with linux_dirent64 records from f->pos, advancing f->pos. file->lock held. */
	ssize_t (*getdents)(struct file *f, struct uio dst);
	/* Device control; -ENOTTY when the command is unknown. Optional. */
	int (*ioctl)(struct file *f, uint32_t cmd, uint64_t arg);
	/* The poll events (POLL*) ready now, among `events`. Waiting comes later. Optional. */
	uint32_t (*poll)(struct file *f, uint32_t events);
	/* The last reference went away. Optional. */
	void (*release)(struct file *f);
};

/* Operations on a file-system instance. */
struct super_ops {
	/*
	 * The inode's last reference went: free the file system's private data
	 * and the object holding the inode (the file system allocated it, see
	 * inode_init). Required. No locks held.
	 */
	void (*evict)(struct inode *ip);
	/*
	 * The instance's last mount went. In-memory file systems drop their tree
	 * here (directory entries and parent links reference each other, so the
	 * tree cannot free itself). Optional; no locks held.
	 */
	void (*kill)(struct vfs_sb *sb, struct inode *root);
	/* The instance's last reference went. Optional. */
	void (*put_super)(struct vfs_sb *sb);
};

struct vfs_sb {
	const struct super_ops *ops;
	uint32_t dev; /* st_dev of its inodes */
	uint32_t refs; /* guarded by ref_lock: one per inode and per mount */
	uint32_t active; /* guarded by ref_lock: one per mount */
	struct mutex rename_lock; /* serialises renames, which may change the tree's shape */
	struct spinlock ino_lock;
	uint64_t next_ino; /* guarded by ino_lock */
	struct ramfs_sb *ramfs; /* private to ramfs */
};

struct inode {
	/* Set at creation, then constant. */
	struct vfs_sb *sb;
	uint64_t ino;
	const struct inode_ops *ops;
	const struct file_ops *fops; /* what open() installs (device nodes: from the device table) */

	uint32_t refs; /* guarded by ref_lock */

	struct mutex lock; /* guards everything below */
	uint32_t mode; /* S_IFMT type (constant) and permission bits */
	uint32_t uid, gid;
	uint32_t nlink;
	uint64_t size;
	uint32_t rdev;
	struct vfs_time atime, mtime, ctime;
	/*
	 * Directories: a counted reference to the containing directory, NULL at
	 * a file system's root or once removed. Written only with both
	 * sb->rename_lock and this lock held (rename, rmdir) or before the
	 * directory is visible (mkdir), so either lock is enough to read it.
	 */
	struct inode *parent;
	bool dead; /* directory removed: lookups and creations in it fail */
	uint32_t mounted; /* mounts on this inode; guarded by mount_lock, not lock */
};

struct mount {
	struct vfs_sb *sb; /* counted */
	struct inode *root; /* counted */
	struct mount *parent; /* counted; NULL for the root of a mount tree */
	struct inode *mountpoint; /* counted, an inode of parent; NULL for a tree root */
	struct mount *children; /* guarded by mount_lock */
	struct mount *next_sibling; /* guarded by mount_lock */
	bool detached; /* unmounted; guarded by mount_lock */
	uint32_t refs; /* guarded by ref_lock */
	/* What /proc/mounts shows (NUL-padded; empty: "none"); guarded by mount_lock. */
	char source[64];
	char fstype[32];
};

/* A place in the name space. Both references are counted by whoever holds the path. */
struct vfs_path {
	struct mount *mnt;
	struct inode *inode;
};

struct path_ref {
	int err;
	struct vfs_path path;
};

/* Who is asking and from where: the process's root, working directory and credentials. */
struct vfs_ctx {
	struct vfs_path root;
	struct vfs_path cwd;
	uint32_t uid, gid;
	uint32_t umask;
};

struct file {
	struct inode *inode; /* counted; constant */
	struct mount *mnt; /* counted; constant */
	const struct file_ops *ops; /* constant after open */
	uint32_t flags; /* O_* (access mode and status flags); guarded by lock */
	uint32_t refs; /* guarded by ref_lock */
	struct mutex lock; /* guards pos and flags */
	uint64_t pos;
	bool seekable; /* pos is meaningful and updates are serialised */
	uint64_t dev_state; /* a device driver's per-open word (no pointer: typed members come as needed) */
	struct procfs_file *procfs; /* procfs: the text generated for this open (guarded by lock) */
};

struct file_ref {
	int err;
	struct file *file;
};

/* What stat(2) reports, before the syscall layer lays it out. */
struct vfs_stat {
	uint32_t dev;
	uint64_t ino;
	uint32_t mode;
	uint32_t nlink;
	uint32_t uid, gid;
	uint32_t rdev;
	uint64_t size;
	uint64_t blksize;
	uint64_t blocks; /* 512-byte units */
	struct vfs_time atime, mtime, ctime;
};

/* ---- references (ref.c) ---- */
void inode_get(struct inode *ip);
void inode_put(struct inode *ip);
void mount_get(struct mount *m);
void mount_put(struct mount *m);
void vfs_path_get(struct vfs_path p);
void vfs_path_put(struct vfs_path p);
bool vfs_path_equal(struct vfs_path a, struct vfs_path b);
void file_get(struct file *f);
void file_put(struct file *f);
void sb_get(struct vfs_sb *sb);
void sb_put(struct vfs_sb *sb);
/* Inodes allocated and not yet freed, in all file systems (diagnostics and leak tests). */
uint64_t vfs_live_inodes(void);

/* ---- inodes (inode.c) ---- */
/* A new superblock with one reference; NULL when out of memory. */
struct vfs_sb *vfs_sb_new(const struct super_ops *ops);
/*
 * Set up a new, zeroed inode of sb with one reference and a fresh number.
 * The file system allocates the inode inside its own object (with its
 * private data beside it), finds that object again with CONTAINER_OF
 * (frame/alloc.h), and frees it in super_ops.evict.
 */
void inode_init(struct inode *ip, struct vfs_sb *sb, const struct inode_ops *ops, const struct file_ops *fops,
		struct inode_attr attr);
struct vfs_time vfs_now(void);
/* Linux's generic_permission for `may` (MAY_*), with root overriding all but exec of non-executables. */
int vfs_permission(const struct vfs_ctx *ctx __noescape, struct inode *ip, uint32_t may);
uint8_t vfs_dtype(uint32_t mode);
void vfs_fill_stat(struct inode *ip, struct vfs_stat *st __noescape);
/* Lock two directories in the global order (ancestor first, else lower ino first). */
void vfs_lock_two_dirs(struct inode *a, struct inode *b);
void vfs_unlock_two_dirs(struct inode *a, struct inode *b);
/* True when `anc` is `ip` or one of its ancestors within one file system. */
bool vfs_is_ancestor(struct inode *anc, struct inode *ip);

/* ---- mounts (mount.c) ---- */
/* A new mount tree whose root is sb's root. A counted mount, or NULL when out of memory. */
struct mount *vfs_mount_tree(struct vfs_sb *sb, struct inode *root);
/* Mount sb (root `root`) on the directory `at`. 0, -ENOTDIR, -ENOMEM. */
int vfs_mount_at(struct vfs_path at, struct vfs_sb *sb, struct inode *root);
/* If a file system is mounted on p, the top-most root over it (p's references are moved); else p. */
struct vfs_path vfs_follow_mounts(struct vfs_path p);
/*
 * Detach every mount below top (a lazy unmount of the whole tree, for a
 * mount name space that goes away). Parents and children reference each
 * other, so a tree is only freed after this.
 */
void vfs_umount_all(struct mount *top);
/* Is anything mounted on ip (in any mount)? */
bool vfs_is_mountpoint(struct inode *ip);
/* Detach the mount whose root is p: -EINVAL unless p is a mount root, -EBUSY if it has mounts below or is in use. */
int vfs_umount(struct vfs_path p);

/* File-system types, for mount(2). */
struct sb_ref {
	int err;
	struct vfs_sb *sb; /* counted */
	struct inode *root; /* counted */
};
struct fs_type_ops {
	/* A new instance from mount(2)'s data string. No locks held. */
	struct sb_ref (*mount)(struct bytes data);
};
int vfs_register_fs(struct bytes name, const struct fs_type_ops *ops);
int vfs_mount(const struct vfs_ctx *ctx __noescape, struct bytes fstype, struct bytes target, struct bytes data);
/* mount(2) with the source string /proc/mounts shows (empty: the type's name). */
int vfs_mount_named(const struct vfs_ctx *ctx __noescape, struct bytes source, struct bytes fstype, struct bytes target,
		    struct bytes data);
/* vfs_mount_at, recording the source and type names /proc/mounts shows. */
int vfs_mount_at_named(struct vfs_path at, struct vfs_sb *sb, struct inode *root, struct bytes source,
		       struct bytes fstype);
/* Set the names of a mount (a tree root made with vfs_mount_tree). */
void vfs_mount_set_names(struct mount *m, struct bytes source, struct bytes fstype);
/*
 * /proc/mounts: one line "source target fstype rw 0 0" per mount at or below
 * root.mnt, parents before children, targets relative to root. Writes what
 * fits into out; returns the full length, or -ENOMEM.
 */
ssize_t vfs_mounts_format(struct vfs_path root, struct bytes out);
/* The name of the i-th registered file-system type, or an empty slice past the last. */
struct bytes vfs_fs_type_name(size_t i);

/* ---- path walk (namei.c) ---- */
#define LOOKUP_FOLLOW 1u /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2u /* the result must be a directory */
/*
 * Resolve `path` from ctx's root (absolute) or from base (relative; base.mnt
 * NULL means ctx->cwd). A counted path, or -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG, -EACCES.
 */
struct path_ref vfs_lookup(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path,
			   uint32_t flags);

/* ---- name-space operations (dirops.c, rename.c) ---- */
int vfs_mkdir(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t mode);
/* mknod(2): regular files, device nodes, fifos, sockets. */
int vfs_mknod(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t mode,
	      uint32_t rdev);
int vfs_unlink(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path);
int vfs_rmdir(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path);
int vfs_symlink(const struct vfs_ctx *ctx __noescape, struct bytes target, struct vfs_path base, struct bytes path);
/* link(2)/linkat(2): follow_last says whether a symlink `old` is followed (AT_SYMLINK_FOLLOW). */
int vfs_link(const struct vfs_ctx *ctx __noescape, struct vfs_path old_base, struct bytes old_path,
	     struct vfs_path new_base, struct bytes new_path, bool follow_last);
/* linkat(fd, "", ..., AT_EMPTY_PATH): a new name for an inode already held. */
int vfs_link_path(const struct vfs_ctx *ctx __noescape, struct vfs_path old, struct vfs_path new_base,
		  struct bytes new_path);
int vfs_rename(const struct vfs_ctx *ctx __noescape, struct vfs_path old_base, struct bytes old_path,
	       struct vfs_path new_base, struct bytes new_path);
/* Copy the target into buf (truncated to fit, no NUL); the bytes copied, or -EINVAL when not a symlink. */
ssize_t vfs_readlink(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, struct uio buf);

/* ---- attributes (attr.c) ---- */
int vfs_stat(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t flags,
	     struct vfs_stat *st __noescape);
int vfs_setattr(struct inode *ip, struct vfs_setattr attr);
int vfs_truncate(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, int64_t length);
int vfs_chmod(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t mode);
/* chdir(2): the new working directory (counted), checked to be a searchable directory. */
struct path_ref vfs_chdir(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path);
/*
 * getcwd(2): ctx->cwd as a path from ctx->root, NUL-terminated in buf.
 * The length with the NUL, -ERANGE when buf is too small, -ENOENT when the
 * working directory was removed.
 */
ssize_t vfs_getcwd(const struct vfs_ctx *ctx __noescape, struct bytes buf);
/* Lay a vfs_stat out as x86-64 `struct stat` (144 bytes) in out. */
void vfs_stat_to_linux(const struct vfs_stat *st __noescape, struct bytes out);
#define LINUX_STAT_SIZE 144

/* ---- open files (open.c, file.c) ---- */
/* open(2)/openat(2): O_CREAT uses mode & ~umask. A counted file. */
struct file_ref vfs_open(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path, uint32_t flags,
			 uint32_t mode);
/* A file over an inode already held (devices, pipes later); takes its own references. */
struct file_ref vfs_open_path(struct vfs_path p, uint32_t flags);
ssize_t vfs_read(struct file *f, struct uio dst);
ssize_t vfs_write(struct file *f, struct uio src);
ssize_t vfs_pread(struct file *f, struct uio dst, int64_t pos);
ssize_t vfs_pwrite(struct file *f, struct uio src, int64_t pos);
int64_t vfs_lseek(struct file *f, int64_t off, int whence);
ssize_t vfs_getdents64(struct file *f, struct uio dst);
int vfs_ioctl(struct file *f, uint32_t cmd, uint64_t arg);
uint32_t vfs_poll(struct file *f, uint32_t events);
int vfs_ftruncate(struct file *f, int64_t length);
void vfs_fstat(struct file *f, struct vfs_stat *st __noescape);
/* The file's place in the name space (counted), for fchdir and *at() with a dirfd. */
struct vfs_path vfs_file_path(struct file *f);

/* Generic pieces file systems plug into their tables. */
int64_t vfs_generic_lseek(struct file *f, int64_t off, int whence);
ssize_t vfs_generic_getdents(struct file *f, struct uio dst);
extern const struct file_ops vfs_dir_file_ops;

/* ---- character devices (chrdev.c) ---- */
/* Register the driver of (major, minor). -EEXIST when it is taken. */
int chrdev_register(uint32_t major, uint32_t minor, const struct file_ops *ops);
/* Reserve (major, minor) for a driver that registers later: opens fail with -ENXIO until then. */
int chrdev_reserve(uint32_t major, uint32_t minor);
/* The driver's ops, or NULL (-ENXIO for open). */
const struct file_ops *chrdev_lookup(uint32_t major, uint32_t minor);

/* ---- start-up (init.c) ---- */
/*
 * Mount a ramfs root, unpack the initramfs into it, mount devfs at /dev.
 * Returns 0 or -E...; vfs_root() is then the root every process starts with.
 */
int vfs_init(void);
struct vfs_path vfs_root(void); /* counted */

#endif /* KERNEL_FS_VFS_H */
