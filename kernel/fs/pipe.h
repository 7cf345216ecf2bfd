/* Pipes (pipe(2)) and FIFOs (mkfifo). */
#ifndef KERNEL_FS_PIPE_H
#define KERNEL_FS_PIPE_H

#include "fs/vfs.h"

struct pipe_files {
	int err;
	struct file *read, *write; /* counted */
};

int pipe_init(void);
/* A new anonymous pipe; flags may hold O_NONBLOCK. */
struct pipe_files pipe_create(uint32_t flags);
/*
 * A FIFO inode for another file system (ramfs's mknod): pipe.c's object, so
 * that the pipe behind it is found from the inode. The file system's evict
 * hands it back to pipe_fifo_free, which frees the pipe and the inode.
 */
struct inode *pipe_fifo_new(struct vfs_sb *sb, const struct inode_ops *iops, struct inode_attr attr);
void pipe_fifo_free(struct inode *ip);
/* The ops of FIFOs opened by path. */
extern const struct file_ops pipe_fops;

#endif
