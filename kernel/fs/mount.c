/*
 * Mounts: the tree of mounted file-system instances, and the registry of
 * file-system types mount(2) can name.
 *
 * Each mount knows its parent mount and the inode it covers there; a parent
 * lists its children. The walk asks "is something mounted on (mount,
 * inode)?" by scanning the children of that mount, but only when the inode's
 * `mounted` count says there is something to find. Newer mounts are listed
 * first, so a stack of mounts on one directory shows the latest.
 *
 * mount_lock (a leaf spinlock) guards children lists, `detached` and each
 * inode's `mounted`; mount/inode references are taken under it (ref_lock
 * nests inside).
 */
#include <frame/alloc.h>
#include "vfs.h"
#include "vfs_internal.h"

static struct spinlock mount_lock = SPINLOCK_INIT;

static struct mount *mount_alloc(struct vfs_sb *sb, struct inode *root)
{
	struct mount *m = NEW(struct mount);
	if (!m)
		return NULL;
	sb_get(sb);
	vfs_sb_activate(sb);
	inode_get(root);
	m->sb = sb;
	m->root = root;
	m->refs = 1;
	return m;
}

struct mount *vfs_mount_tree(struct vfs_sb *sb, struct inode *root)
{
	return mount_alloc(sb, root);
}

int vfs_mount_at(struct vfs_path at, struct vfs_sb *sb, struct inode *root)
{
	if (!S_ISDIR(at.inode->mode) || !S_ISDIR(root->mode))
		return -ENOTDIR;
	struct mount *m = mount_alloc(sb, root);
	if (!m)
		return -ENOMEM;
	/* The parent's list holds m's first reference; m holds its parent and mount point. */
	vfs_path_get(at);
	m->parent = at.mnt;
	m->mountpoint = at.inode;
	spin_lock(&mount_lock);
	if (at.mnt->detached) {
		spin_unlock(&mount_lock);
		mount_put(m);
		return -ENOENT;
	}
	m->next_sibling = at.mnt->children;
	at.mnt->children = m;
	at.inode->mounted += 1;
	spin_unlock(&mount_lock);
	return 0;
}

/* The newest mount on (mnt, ip), counted, or NULL. */
static struct mount *mounted_on(struct mount *mnt, struct inode *ip)
{
	struct mount *found = NULL;
	spin_lock(&mount_lock);
	if (ip->mounted) {
		for (struct mount *c = mnt->children; c; c = c->next_sibling) {
			if (c->mountpoint == ip && !c->detached) {
				found = c;
				mount_get(c);
				break;
			}
		}
	}
	spin_unlock(&mount_lock);
	return found;
}

bool vfs_is_mountpoint(struct inode *ip)
{
	spin_lock(&mount_lock);
	bool yes = ip->mounted != 0;
	spin_unlock(&mount_lock);
	return yes;
}

struct vfs_path vfs_follow_mounts(struct vfs_path p)
{
	for (;;) {
		struct mount *c = mounted_on(p.mnt, p.inode);
		if (!c)
			return p;
		struct vfs_path top = { c, c->root };
		inode_get(top.inode); /* c's reference is the one mounted_on took */
		vfs_path_put(p);
		p = top;
	}
}

int vfs_umount(struct vfs_path p)
{
	struct mount *m = p.mnt;
	if (p.inode != m->root || !m->parent)
		return -EINVAL;
	spin_lock(&mount_lock);
	/* Busy: mounts below, or references beyond the parent's list and the caller's. */
	if (m->detached || m->children || vfs_mount_refs(m) > 2) {
		bool detached = m->detached;
		spin_unlock(&mount_lock);
		return detached ? -EINVAL : -EBUSY;
	}
	struct mount *parent = m->parent;
	if (parent->children == m) {
		parent->children = m->next_sibling;
	} else {
		for (struct mount *c = parent->children; c; c = c->next_sibling) {
			if (c->next_sibling == m) {
				c->next_sibling = m->next_sibling;
				break;
			}
		}
	}
	m->next_sibling = NULL;
	m->detached = true;
	m->mountpoint->mounted -= 1;
	spin_unlock(&mount_lock);
	mount_put(m); /* the parent's list's reference */
	return 0;
}

void vfs_umount_all(struct mount *top)
{
	for (;;) {
		spin_lock(&mount_lock);
		/* A leaf below top: always the first child of its parent, so unlinking it is O(1). */
		struct mount *m = top;
		while (m->children)
			m = m->children;
		if (m == top) {
			spin_unlock(&mount_lock);
			return;
		}
		m->parent->children = m->next_sibling;
		m->next_sibling = NULL;
		m->detached = true;
		m->mountpoint->mounted -= 1;
		spin_unlock(&mount_lock);
		mount_put(m); /* the parent's list's reference; m's reference to its parent goes when m does */
	}
}

/* ---- file-system types ---- */

#define MAX_FS_TYPES 16

struct fs_type_entry {
	struct bytes name;
	const struct fs_type_ops *ops;
};

static struct spinlock fs_types_lock = SPINLOCK_INIT;
static struct fs_type_entry fs_types[MAX_FS_TYPES];

int vfs_register_fs(struct bytes name, const struct fs_type_ops *ops)
{
	int err = -ENOSPC;
	spin_lock(&fs_types_lock);
	for (size_t i = 0; i < MAX_FS_TYPES; i++) {
		if (fs_types[i].ops && bytes_equal(fs_types[i].name, name)) {
			err = -EEXIST;
			break;
		}
		if (!fs_types[i].ops) {
			fs_types[i] = (struct fs_type_entry){ name, ops };
			err = 0;
			break;
		}
	}
	spin_unlock(&fs_types_lock);
	return err;
}

static const struct fs_type_ops *find_fs(struct bytes name)
{
	const struct fs_type_ops *ops = NULL;
	spin_lock(&fs_types_lock);
	for (size_t i = 0; i < MAX_FS_TYPES && fs_types[i].ops; i++) {
		if (bytes_equal(fs_types[i].name, name)) {
			ops = fs_types[i].ops;
			break;
		}
	}
	spin_unlock(&fs_types_lock);
	return ops;
}

int vfs_mount(const struct vfs_ctx *ctx __noescape, struct bytes fstype, struct bytes target, struct bytes data)
{
	const struct fs_type_ops *ops = find_fs(fstype);
	if (!ops)
		return -ENODEV;
	struct path_ref at = vfs_lookup(ctx, (struct vfs_path){ 0 }, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (at.err)
		return at.err;
	struct sb_ref sr = ops->mount(data);
	int err = sr.err;
	if (!err) {
		err = vfs_mount_at(at.path, sr.sb, sr.root);
		inode_put(sr.root);
		sb_put(sr.sb);
	}
	vfs_path_put(at.path);
	return err;
}
