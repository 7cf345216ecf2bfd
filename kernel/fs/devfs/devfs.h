/*
 * devfs: the /dev file system. An instance is a ramfs holding a device node
 * for every character device the kernel knows; opening a node reaches its
 * driver through the chrdev table (chrdev.c).
 */
#ifndef KERNEL_FS_DEVFS_DEVFS_H
#define KERNEL_FS_DEVFS_DEVFS_H

#include "../vfs.h"

/* Standard device numbers (Linux's devices.txt). */
#define MEM_MAJOR 1
#define DEV_NULL_MINOR 3
#define DEV_ZERO_MINOR 5
#define DEV_FULL_MINOR 7
#define DEV_RANDOM_MINOR 8
#define DEV_URANDOM_MINOR 9
#define TTYAUX_MAJOR 5
#define DEV_TTY_MINOR 0
#define DEV_CONSOLE_MINOR 1

/* Register the memory devices and reserve /dev/tty and /dev/console (idempotent). */
int devfs_register_devices(void);
/* A new devfs instance with its nodes: superblock and root, counted. */
struct sb_ref devfs_new_instance(void);
/* Mount a new devfs instance on the directory `target`. */
int devfs_mount(const struct vfs_ctx *ctx __noescape, struct bytes target);

/* "devtmpfs" for mount(2). */
extern const struct fs_type_ops devfs_type;

#endif /* KERNEL_FS_DEVFS_DEVFS_H */
