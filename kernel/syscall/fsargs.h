/*
 * Helpers for file-system system calls: copying a path in from user
 * memory, resolving a directory fd into a lookup base, getting the file
 * behind an fd.
 */
#ifndef KERNEL_SYSCALL_FSARGS_H
#define KERNEL_SYSCALL_FSARGS_H

#include "fs/vfs.h"
#include "process/process.h"

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_EACCESS 0x200

/* A path copied from user memory: `path` is a slice of `buf` (free buf with path_release). */
struct upath {
	int err;
	struct bytes buf;
	struct bytes path;
};

struct upath path_from_user(uptr_t p, bool allow_empty);
void path_release(struct upath u);

/* The base for *at() calls: empty (the cwd) for AT_FDCWD, else the directory of fd (counted). */
struct base_ref {
	int err;
	struct vfs_path path;
};
struct base_ref base_from_fd(struct thread *t, int dirfd, struct bytes path);
void base_release(struct base_ref b);

/* Both at once, for *at() calls: the path and where it starts. err is the first failure. */
struct at_path {
	int err;
	struct upath u;
	struct base_ref b;
};
struct at_path at_path_get(struct thread *t, int dirfd, uptr_t p, bool allow_empty);
void at_path_put(struct at_path a);

#endif
