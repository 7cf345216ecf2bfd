/*
 * Unpacking "newc" cpio archives (the initramfs format) into a directory.
 */
#ifndef KERNEL_FS_CPIO_H
#define KERNEL_FS_CPIO_H

#include "vfs.h"

/*
 * Unpack every entry of the archive (or of several concatenated archives,
 * each ending with TRAILER!!!) below `dest`, as ctx (usually root; modes are
 * applied exactly, without umask). Regular files, directories, symlinks,
 * device nodes, fifos and hard links (entries sharing an inode number), with
 * their owners and modification times. 0; -EINVAL for a malformed or
 * truncated archive; or the error of the first entry that could not be made.
 */
int cpio_unpack(const struct vfs_ctx *ctx __noescape, struct vfs_path dest, struct bytes archive);

#endif /* KERNEL_FS_CPIO_H */
