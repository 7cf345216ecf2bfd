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
/* The ops of FIFOs opened by path. */
extern const struct file_ops pipe_fops;

#endif
