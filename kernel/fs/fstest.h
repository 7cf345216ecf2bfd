/*
 * Helpers for the file-system ktests: a private ramfs name space per test
 * (so tests never see each other's files) and one-line file operations.
 */
#ifndef KERNEL_FS_FSTEST_H
#define KERNEL_FS_FSTEST_H

#include <frame/bytes_buf.h>
#include "vfs.h"

struct fstest {
	struct vfs_ctx ctx; /* root and cwd: the root of a fresh ramfs mount tree */
	struct bytes_buf buf; /* 64 KiB of scratch space: see ft_buf */
};

/* The scratch space (empty when fstest_new ran out of memory for it). */
static inline struct bytes ft_buf(struct fstest *t)
{
	return bytes_buf_view(t->buf);
}

/* A fresh name space, or NULL when out of memory. */
struct fstest *fstest_new(void);
void fstest_free(struct fstest *t);

/* The path (counted) or NULL. */
struct vfs_path ft_lookup(struct fstest *t, struct bytes path, uint32_t flags, int *err __noescape);
/* Create/replace path with the given content. 0 or -E... */
int ft_write(struct fstest *t, struct bytes path, struct bytes content);
/* Read path into t->buf; the length or -E... */
ssize_t ft_read(struct fstest *t, struct bytes path);
/* Does t->buf[0..n) equal content? */
bool ft_buf_is(struct fstest *t, ssize_t n, struct bytes content);
/* stat(path) without following a final symlink. */
int ft_lstat(struct fstest *t, struct bytes path, struct vfs_stat *st __noescape);
/* Walk to path and return the error only. */
int ft_err(struct fstest *t, struct bytes path, uint32_t flags);
/* Is the inode at path (followed) the same as the inode at other? */
bool ft_same(struct fstest *t, struct bytes path, struct bytes other);

#endif /* KERNEL_FS_FSTEST_H */
