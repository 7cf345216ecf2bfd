/*
 * Pieces shared between the VFS's own files and not meant for file systems
 * or the syscall layer: the path walker's state and a few lock helpers.
 */
#ifndef KERNEL_FS_VFS_INTERNAL_H
#define KERNEL_FS_VFS_INTERNAL_H

#include <frame/bytes_buf.h>
#include "vfs.h"

void vfs_sb_activate(struct vfs_sb *sb);
void vfs_inode_born(void);
uint32_t vfs_mount_refs(struct mount *m);
int vfs_permission_locked(const struct vfs_ctx *ctx __noescape, struct inode *ip, uint32_t may);
void vfs_lock_two_nodes(struct inode *a, struct inode *b);
void vfs_unlock_two_nodes(struct inode *a, struct inode *b);
/* A new open file over p (references taken) using ops; calls ops->open. */
struct file_ref vfs_file_new(struct vfs_path p, uint32_t flags, const struct file_ops *ops);

/* ---- the path walker (namei.c) ---- */

enum last_type {
	LAST_NONE, /* the path named a directory with no last component ("/", or a symlink to "/") */
	LAST_NORM, /* an ordinary name, in nd->name */
	LAST_DOT, /* "." */
	LAST_DOTDOT, /* ".." */
};

/* Pending path text: a copy of the original path or a symlink's target (the first `len` bytes of buf, owned). */
struct nd_frame {
	struct bytes_buf buf; /* a symlink target it owns; null: the caller's path (R15-shared-cap) */
	size_t len;
	size_t off;
	bool slash_after; /* the symlink that pushed this frame was followed by '/' */
};

/* The state of one walk. Heap-allocated: it is too big for a kernel stack frame. */
struct nameidata {
	struct vfs_ctx ctx; /* a copy; its references are the caller's and outlive the walk */
	struct vfs_path cur; /* counted: the directory reached so far */
	struct nd_frame frames[VFS_MAX_SYMLINKS + 1];
	unsigned nframes;
	unsigned links; /* symlinks followed */
	/* The component being resolved (after nd_walk_parent: the last one). */
	char name[VFS_NAME_MAX + 1];
	size_t name_len;
	bool comp_slash; /* slashes follow it */
	enum last_type last_type;
};

/*
 * A walker for path from base (or cwd, or root for an absolute path). NULL when
 * out of memory. The walker, a heap object, keeps only offsets into path (a
 * slice may not live in shared memory): every walking call below takes the
 * same path again.
 */
struct nameidata *nd_new(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path,
			 int *err __noescape);
void nd_free(struct nameidata *nd);
/* Walk all but the last component: nd->cur is its directory, nd->name the last name. */
int nd_walk_parent(struct nameidata *nd, struct bytes path);
/* Walk the whole path (LOOKUP_* flags): nd->cur is the result. */
int nd_walk(struct nameidata *nd, uint32_t flags, struct bytes path);
/* The last component as a slice of nd->name. */
struct bytes nd_last(struct nameidata *nd);
/* Follow the symlink `link` found as the last component: push its target and walk to its parent. */
int nd_follow_last(struct nameidata *nd, struct inode *link, struct bytes path);
/* Look up `name` in dir; dir->lock held. A counted inode, -ENOENT, or another error. */
struct inode_ref vfs_lookup_locked(struct inode *dir, struct bytes name);

#endif /* KERNEL_FS_VFS_INTERNAL_H */
