/* An open file as the backing of memory mappings (mmap of a file, exec). */
#ifndef KERNEL_FS_FILE_BACKING_H
#define KERNEL_FS_FILE_BACKING_H

#include "fs/vfs.h"
#include "vm/mm.h"

/* A backing holding its own reference to f; NULL when f cannot be mapped or memory is short. */
struct vm_backing *file_backing_new(struct file *f);

#endif
