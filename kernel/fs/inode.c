/*
 * Inodes and superblocks: creation, numbering, time stamps, permission
 * checks, stat, and the lock order between two directories.
 */
#include <frame/alloc.h>
#include <frame/time.h>
#include "time/rtc.h"
#include "vfs.h"
#include "vfs_internal.h"

/* st_dev numbers for instances without a device: Linux's anonymous major 0. */
static struct spinlock dev_lock = SPINLOCK_INIT;
static uint32_t next_anon_minor = 1;

struct vfs_sb *vfs_sb_new(const struct super_ops *ops)
{
	struct vfs_sb *sb = NEW(struct vfs_sb);
	if (!sb)
		return NULL;
	sb->ops = ops;
	sb->refs = 1;
	sb->next_ino = 1;
	spin_lock(&dev_lock);
	sb->dev = vfs_mkdev(0, next_anon_minor);
	next_anon_minor += 1;
	spin_unlock(&dev_lock);
	return sb;
}

struct vfs_time vfs_now(void)
{
	/* Wall-clock time: the RTC's reading at boot plus the monotonic clock since. */
	uint64_t ns = rtc_boot_epoch_seconds() * NSEC_PER_SEC + clock_ns();
	return (struct vfs_time){ .sec = (int64_t)(ns / NSEC_PER_SEC), .nsec = (uint32_t)(ns % NSEC_PER_SEC) };
}

void inode_init(struct inode *ip, struct vfs_sb *sb, const struct inode_ops *ops, const struct file_ops *fops,
		struct inode_attr attr)
{
	sb_get(sb);
	vfs_inode_born();
	ip->sb = sb;
	spin_lock(&sb->ino_lock);
	ip->ino = sb->next_ino;
	sb->next_ino += 1;
	spin_unlock(&sb->ino_lock);
	ip->ops = ops;
	ip->fops = fops;
	ip->refs = 1;
	ip->mode = attr.mode;
	ip->uid = attr.uid;
	ip->gid = attr.gid;
	ip->rdev = attr.rdev;
	ip->nlink = 1;
	struct vfs_time now = vfs_now();
	ip->atime = now;
	ip->mtime = now;
	ip->ctime = now;
}

uint8_t vfs_dtype(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return DT_REG;
	case S_IFDIR:
		return DT_DIR;
	case S_IFLNK:
		return DT_LNK;
	case S_IFCHR:
		return DT_CHR;
	case S_IFBLK:
		return DT_BLK;
	case S_IFIFO:
		return DT_FIFO;
	case S_IFSOCK:
		return DT_SOCK;
	default:
		return DT_UNKNOWN;
	}
}

/*
 * mode, uid and gid are read under the inode lock; callers may not hold it,
 * except through vfs_permission_locked.
 */
static int check_bits(const struct vfs_ctx *ctx __noescape, uint32_t mode, uint32_t uid, uint32_t gid, uint32_t may)
{
	if (ctx->uid == 0) {
		/* Root may do anything but execute a file nobody may execute. */
		if ((may & MAY_EXEC) && !S_ISDIR(mode) && !(mode & 0111u))
			return -EACCES;
		return 0;
	}
	uint32_t bits = mode;
	if (ctx->uid == uid)
		bits = mode >> 6;
	else if (ctx->gid == gid)
		bits = mode >> 3;
	if (may & ~bits & 7u)
		return -EACCES;
	return 0;
}

int vfs_permission(const struct vfs_ctx *ctx __noescape, struct inode *ip, uint32_t may)
{
	mutex_lock(&ip->lock);
	uint32_t mode = ip->mode, uid = ip->uid, gid = ip->gid;
	mutex_unlock(&ip->lock);
	return check_bits(ctx, mode, uid, gid, may);
}

int vfs_permission_locked(const struct vfs_ctx *ctx __noescape, struct inode *ip, uint32_t may)
{
	return check_bits(ctx, ip->mode, ip->uid, ip->gid, may);
}

void vfs_fill_stat(struct inode *ip, struct vfs_stat *st __noescape)
{
	mutex_lock(&ip->lock);
	st->dev = ip->sb->dev;
	st->ino = ip->ino;
	st->mode = ip->mode;
	st->nlink = ip->nlink;
	st->uid = ip->uid;
	st->gid = ip->gid;
	st->rdev = ip->rdev;
	st->size = ip->size;
	st->blksize = PAGE_SIZE;
	st->blocks = ALIGN_UP(ip->size, 512ull) / 512;
	st->atime = ip->atime;
	st->mtime = ip->mtime;
	st->ctime = ip->ctime;
	mutex_unlock(&ip->lock);
}

/*
 * Is `anc` equal to `ip` or above it? Follows parent links, which do not
 * change while the caller holds sb->rename_lock (see struct inode).
 */
bool vfs_is_ancestor(struct inode *anc, struct inode *ip)
{
	struct inode *p = ip;
	while (p) {
		if (p == anc)
			return true;
		p = p->parent;
	}
	return false;
}

/* Two directories in the lock order: ancestor first, else the lower inode number. rename_lock held. */
void vfs_lock_two_dirs(struct inode *a, struct inode *b)
{
	if (a == b) {
		mutex_lock(&a->lock);
		return;
	}
	bool a_first = vfs_is_ancestor(a, b) || (!vfs_is_ancestor(b, a) && a->ino < b->ino);
	if (a_first) {
		mutex_lock(&a->lock);
		mutex_lock(&b->lock);
	} else {
		mutex_lock(&b->lock);
		mutex_lock(&a->lock);
	}
}

void vfs_unlock_two_dirs(struct inode *a, struct inode *b)
{
	mutex_unlock(&a->lock);
	if (a != b)
		mutex_unlock(&b->lock);
}

/* Lock two non-directory inodes (either may be NULL or equal) in inode-number order. */
void vfs_lock_two_nodes(struct inode *a, struct inode *b)
{
	if (!a || !b || a == b) {
		if (a)
			mutex_lock(&a->lock);
		else if (b)
			mutex_lock(&b->lock);
		return;
	}
	if (a->ino < b->ino) {
		mutex_lock(&a->lock);
		mutex_lock(&b->lock);
	} else {
		mutex_lock(&b->lock);
		mutex_lock(&a->lock);
	}
}

void vfs_unlock_two_nodes(struct inode *a, struct inode *b)
{
	if (a)
		mutex_unlock(&a->lock);
	if (b && b != a)
		mutex_unlock(&b->lock);
}
