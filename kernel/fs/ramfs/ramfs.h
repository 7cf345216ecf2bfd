/*
 * ramfs: a file system that lives in memory only. It is the root file
 * system (filled from the initramfs) and the store behind devfs.
 *
 * Each ramfs inode lives in a `struct ramfs_inode` beside a `struct
 * ramfs_node` (ramfs_node_of) with what its type needs: directory entries,
 * file data, or a symlink target. Everything in it is guarded by the inode's
 * lock. FIFOs are pipe.c's inodes (pipe_fifo_new): they have no node.
 */
#ifndef KERNEL_FS_RAMFS_RAMFS_H
#define KERNEL_FS_RAMFS_RAMFS_H

#include <frame/bytes_buf.h>
#include "../vfs.h"

/* File data in pages behind a two-level table (data.c). */
#define RAMFS_CHUNK_SIZE PAGE_SIZE
#define RAMFS_LEAF_SLOTS 128
#define RAMFS_ROOT_SLOTS 256
/* The largest file: RAMFS_ROOT_SLOTS * RAMFS_LEAF_SLOTS chunks (128 MiB); writes beyond give EFBIG. */
#define RAMFS_MAX_FILE_SIZE ((uint64_t)RAMFS_ROOT_SLOTS * RAMFS_LEAF_SLOTS * RAMFS_CHUNK_SIZE)

struct page;

struct ramfs_leaf {
	struct page *chunk[RAMFS_LEAF_SLOTS]; /* NULL: a hole */
};

struct ramfs_data {
	struct ramfs_leaf *leaf[RAMFS_ROOT_SLOTS];
};

struct ramfs_dirent {
	struct ramfs_dirent *next; /* in position order */
	struct inode *inode; /* counted: a name keeps its inode alive */
	uint64_t pos; /* getdents position; never reused within the directory */
	struct bytes_buf name;
	uint32_t name_hash; /* name_hash(name): lookups view only the names that match it */
};

struct ramfs_node {
	/* directories */
	struct ramfs_dirent *first, *last;
	uint64_t next_pos;
	uint32_t nentries;
	/* regular files */
	struct ramfs_data *data;
	/* symlinks */
	struct bytes_buf target;
};

/* ---- super.c: inodes ---- */
/* The node of a ramfs directory, regular file or symlink (CONTAINER_OF: panics on any other inode). */
struct ramfs_node *ramfs_node_of(struct inode *ip);

/* ---- data.c: the page store ---- */
/* The page holding byte offset `idx * RAMFS_CHUNK_SIZE` (no new reference); NULL for a hole, or when out of memory with alloc. */
struct page *ramfs_chunk(struct ramfs_node *n, uint64_t idx, bool alloc);
/* Drop the data beyond `size` and zero the tail of the chunk that straddles it. */
void ramfs_data_truncate(struct ramfs_node *n, uint64_t size);
void ramfs_data_free(struct ramfs_node *n);
/* Pages allocated (holes take none). */
uint64_t ramfs_data_chunks(struct ramfs_node *n);

/* ---- file.c ---- */
extern const struct inode_ops ramfs_file_iops;
extern const struct inode_ops ramfs_symlink_iops;
extern const struct inode_ops ramfs_special_iops;
extern const struct file_ops ramfs_file_fops;
int ramfs_setattr(struct inode *ip, struct vfs_setattr attr);

/* ---- dir.c ---- */
extern const struct inode_ops ramfs_dir_iops;
/* Detach every entry below root, breaking the directory/parent cycles (teardown). */
void ramfs_kill_tree(struct inode *root);
void ramfs_dir_free(struct ramfs_node *n);

/* ---- super.c ---- */
/* A new ramfs inode of the type in attr.mode, with its node. A counted inode or NULL. */
struct inode *ramfs_new_inode(struct vfs_sb *sb, struct inode_attr attr);
/* A new ramfs instance: its superblock and root directory (both counted). */
struct sb_ref ramfs_new_instance(uint32_t root_mode);
/* Register "ramfs" and "tmpfs" with the VFS (once). */
int ramfs_register(void);

#endif /* KERNEL_FS_RAMFS_RAMFS_H */
