/*
 * devfs instances: a ramfs filled with the standard device nodes, mounted
 * at /dev by vfs_init and available to mount(2) as "devtmpfs".
 */
#include "devfs.h"
#include "../ramfs/ramfs.h"

/* Make one node in the (not yet visible) root: a file-system-internal call, as Linux's devtmpfs does. */
static int add_node(struct inode *root, struct bytes name, uint32_t major, uint32_t minor, uint32_t perm)
{
	struct inode_attr attr = { .mode = S_IFCHR | perm, .rdev = vfs_mkdev(major, minor) };
	mutex_lock(&root->lock);
	struct inode_ref r = root->ops->create(root, name, attr);
	mutex_unlock(&root->lock);
	if (r.err)
		return r.err;
	inode_put(r.inode);
	return 0;
}

static int populate(struct inode *root)
{
	int err = add_node(root, BYTES_LIT("null"), MEM_MAJOR, DEV_NULL_MINOR, 0666);
	if (!err)
		err = add_node(root, BYTES_LIT("zero"), MEM_MAJOR, DEV_ZERO_MINOR, 0666);
	if (!err)
		err = add_node(root, BYTES_LIT("full"), MEM_MAJOR, DEV_FULL_MINOR, 0666);
	if (!err)
		err = add_node(root, BYTES_LIT("random"), MEM_MAJOR, DEV_RANDOM_MINOR, 0666);
	if (!err)
		err = add_node(root, BYTES_LIT("urandom"), MEM_MAJOR, DEV_URANDOM_MINOR, 0666);
	if (!err)
		err = add_node(root, BYTES_LIT("tty"), TTYAUX_MAJOR, DEV_TTY_MINOR, 0666);
	if (!err)
		err = add_node(root, BYTES_LIT("console"), TTYAUX_MAJOR, DEV_CONSOLE_MINOR, 0600);
	if (!err)
		err = add_node(root, BYTES_LIT("ttyS0"), 4, 64, 0660); /* the serial console's own name */
	return err;
}

struct sb_ref devfs_new_instance(void)
{
	int err = devfs_register_devices();
	if (err)
		return (struct sb_ref){ .err = err };
	struct sb_ref r = ramfs_new_instance(0755);
	if (r.err)
		return r;
	err = populate(r.root);
	if (err) {
		inode_put(r.root);
		sb_put(r.sb);
		return (struct sb_ref){ .err = err };
	}
	return r;
}

int devfs_mount(const struct vfs_ctx *ctx __noescape, struct bytes target)
{
	struct path_ref at = vfs_lookup(ctx, (struct vfs_path){ 0 }, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (at.err)
		return at.err;
	struct sb_ref r = devfs_new_instance();
	int err = r.err;
	if (!err) {
		err = vfs_mount_at_named(at.path, r.sb, r.root, BYTES_LIT("devtmpfs"), BYTES_LIT("devtmpfs"));
		inode_put(r.root);
		sb_put(r.sb);
	}
	vfs_path_put(at.path);
	return err;
}

static struct sb_ref devfs_mount_type(struct bytes data)
{
	return devfs_new_instance();
}

const struct fs_type_ops devfs_type = {
	.mount = devfs_mount_type,
};
