/*
 * Reference counts of the VFS objects: superblocks, inodes, mounts, files.
 *
 * The framework has no atomics for services yet, so every count is guarded
 * by one spinlock, ref_lock. The critical sections are a compare and an
 * increment; nothing sleeps or allocates under it. When a count reaches
 * zero the object is torn down after the lock is dropped, because tearing
 * down puts other references (an inode its parent and superblock, a mount
 * its root) and may sleep in a file system's evict.
 */
#include <frame/alloc.h>
#include <frame/atomic.h>
#include "lib/log.h"
#include "vfs.h"

static struct spinlock ref_lock = SPINLOCK_INIT;
static uint64_t live_inodes; /* guarded by ref_lock; lets tests prove teardown frees everything */

void vfs_inode_born(void)
{
	spin_lock(&ref_lock);
	live_inodes += 1;
	spin_unlock(&ref_lock);
}

uint64_t vfs_live_inodes(void)
{
	spin_lock(&ref_lock);
	uint64_t n = live_inodes;
	spin_unlock(&ref_lock);
	return n;
}

/* Decrement *count under ref_lock; true when it reached zero. An underflow is a VFS bug: log, keep it at 0. */
static bool drop(uint32_t *count __noescape)
{
	bool last = false;
	spin_lock(&ref_lock);
	if (*count == 0) {
		spin_unlock(&ref_lock);
		log_text(LOG_ERR, BYTES_LIT("vfs: reference count underflow"));
		return false;
	}
	*count -= 1;
	last = *count == 0;
	spin_unlock(&ref_lock);
	return last;
}

static void take(uint32_t *count __noescape)
{
	spin_lock(&ref_lock);
	*count += 1;
	spin_unlock(&ref_lock);
}

void sb_get(struct vfs_sb *sb)
{
	take(&sb->refs);
}

void sb_put(struct vfs_sb *sb)
{
	if (!drop(&sb->refs))
		return;
	if (sb->ops->put_super)
		sb->ops->put_super(sb);
	FREE(sb);
}

void inode_get(struct inode *ip)
{
	take(&ip->refs);
}

void inode_put(struct inode *ip)
{
	if (!ip || !drop(&ip->refs))
		return;
	struct vfs_sb *sb = ip->sb;
	struct inode *parent = ip->parent;
	ip->parent = NULL;
	sb->ops->evict(ip); /* frees ip, with the file system's object around it */
	spin_lock(&ref_lock);
	live_inodes -= 1;
	spin_unlock(&ref_lock);
	/* Only directories hold a parent, so this recursion is bounded by the depth of removed trees. */
	if (parent)
		inode_put(parent);
	sb_put(sb);
}

void mount_get(struct mount *m)
{
	take(&m->refs);
}

/* A mount stops being active when its last reference goes; the instance dies with its last mount. */
static void sb_deactivate(struct vfs_sb *sb, struct inode *root)
{
	bool last = drop(&sb->active);
	if (last && sb->ops->kill)
		sb->ops->kill(sb, root);
}

void mount_put(struct mount *m)
{
	if (!m || !drop(&m->refs))
		return;
	struct vfs_sb *sb = m->sb;
	struct inode *root = m->root;
	sb_deactivate(sb, root);
	inode_put(root);
	inode_put(m->mountpoint);
	mount_put(m->parent);
	FREE(m);
	sb_put(sb);
}

void vfs_sb_activate(struct vfs_sb *sb)
{
	take(&sb->active);
}

void vfs_path_get(struct vfs_path p)
{
	if (p.mnt)
		mount_get(p.mnt);
	if (p.inode)
		inode_get(p.inode);
}

void vfs_path_put(struct vfs_path p)
{
	inode_put(p.inode);
	mount_put(p.mnt);
}

bool vfs_path_equal(struct vfs_path a, struct vfs_path b)
{
	return a.mnt == b.mnt && a.inode == b.inode;
}

/* Open files are counted on every system call: atomically, without ref_lock. */
void file_get(struct file *f)
{
	atomic_add_u32(&f->refs, 1);
}

void file_put(struct file *f)
{
	if (!f || atomic_sub_u32(&f->refs, 1) != 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	inode_put(f->inode);
	mount_put(f->mnt);
	FREE(f);
}

/* For the mount code: a count read under the same lock that guards it. */
uint32_t vfs_mount_refs(struct mount *m)
{
	spin_lock(&ref_lock);
	uint32_t n = m->refs;
	spin_unlock(&ref_lock);
	return n;
}
