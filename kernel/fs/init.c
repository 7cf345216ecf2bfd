/*
 * Bringing the name space up: a ramfs root, the initramfs unpacked into it,
 * devfs on /dev. vfs_root() is where every process's root and working
 * directory start.
 */
#include <frame/boot.h>
#include "lib/log.h"
#include "vfs.h"
#include "cpio.h"
#include "ramfs/ramfs.h"
#include "devfs/devfs.h"

static struct spinlock root_lock = SPINLOCK_INIT;
static struct vfs_path root_path; /* counted; guarded by root_lock */

struct vfs_path vfs_root(void)
{
	spin_lock(&root_lock);
	struct vfs_path p = root_path;
	vfs_path_get(p);
	spin_unlock(&root_lock);
	return p;
}

int vfs_init(void)
{
	int err = ramfs_register();
	if (!err)
		err = vfs_register_fs(BYTES_LIT("devtmpfs"), &devfs_type);
	if (err && err != -EEXIST)
		return err;
	struct sb_ref sr = ramfs_new_instance(0755);
	if (sr.err)
		return sr.err;
	struct mount *m = vfs_mount_tree(sr.sb, sr.root);
	sb_put(sr.sb);
	if (!m) {
		inode_put(sr.root);
		return -ENOMEM;
	}
	vfs_mount_set_names(m, BYTES_LIT("rootfs"), BYTES_LIT("rootfs"));
	struct vfs_path root = { m, sr.root }; /* takes the references of m and sr.root */
	struct vfs_ctx ctx = { .root = root, .cwd = root };

	struct bytes initrd = boot_initrd();
	int unpack_err = 0;
	if (bytes_len(initrd)) {
		unpack_err = cpio_unpack(&ctx, root, initrd);
		if (unpack_err)
			log_err_code(BYTES_LIT("vfs: initramfs: unpacking failed, keeping what was unpacked"),
				     unpack_err);
	}
	err = vfs_mkdir(&ctx, root, BYTES_LIT("dev"), 0755);
	if (!err || err == -EEXIST)
		err = devfs_mount(&ctx, BYTES_LIT("/dev"));
	if (err)
		log_err_code(BYTES_LIT("vfs: cannot mount devfs on /dev"), err);

	spin_lock(&root_lock);
	struct vfs_path old = root_path;
	root_path = root;
	spin_unlock(&root_lock);
	vfs_path_put(old);
	log_text(LOG_INFO, bytes_len(initrd) ? BYTES_LIT("vfs: root is ramfs from the initramfs, devfs on /dev")
					     : BYTES_LIT("vfs: root is ramfs, devfs on /dev"));
	return err ? err : unpack_err;
}
