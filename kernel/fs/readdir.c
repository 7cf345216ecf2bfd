/*
 * getdents64: directory entries as Linux `struct linux_dirent64` records.
 *
 *   offset 0   u64 d_ino
 *          8   s64 d_off     position of the next entry (lseek/telldir cookie)
 *         16   u16 d_reclen  record length, a multiple of 8
 *         18   u8  d_type    DT_*
 *         19   char d_name[] NUL-terminated, zero-padded to d_reclen
 *
 * Position 0 is ".", 1 is "..", and from VFS_DIR_FIRST_POS on the file
 * system's own positions. The file offset is the position of the next
 * record, so a listing resumes where it stopped.
 */
#include "vfs.h"
#include "vfs_internal.h"

#define DIRENT64_NAME_OFF 19
#define DIRENT64_MAX_RECLEN ALIGN_UP(DIRENT64_NAME_OFF + VFS_NAME_MAX + 1, 8)

static void put_le(struct bytes b, size_t off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		bytes_set(b, off + i, (uint8_t)(v >> (8 * i)));
}

/* Lay out one record in rec (zeroed first); returns its length. */
static size_t format_dirent(struct bytes rec, uint64_t ino, uint64_t next, uint8_t type, struct bytes name)
{
	size_t reclen = ALIGN_UP(DIRENT64_NAME_OFF + bytes_len(name) + 1, 8);
	bytes_fill(bytes_sub(rec, 0, reclen), 0);
	put_le(rec, 0, ino, 8);
	put_le(rec, 8, next, 8);
	put_le(rec, 16, reclen, 2);
	bytes_set(rec, 18, type);
	bytes_copy(bytes_sub(rec, DIRENT64_NAME_OFF, bytes_len(name)), name);
	return reclen;
}

ssize_t vfs_generic_getdents(struct file *f, struct uio dst)
{
	struct inode *dir = f->inode;
	struct bytes rec = bytes_alloc(DIRENT64_MAX_RECLEN);
	struct bytes name = bytes_alloc(VFS_NAME_MAX);
	ssize_t ret = 0;
	if (bytes_len(rec) == 0 || bytes_len(name) == 0) {
		ret = -ENOMEM;
		goto out_free;
	}
	size_t written = 0;
	mutex_lock(&dir->lock);
	if (dir->dead) {
		ret = -ENOENT;
		goto out_unlock;
	}
	for (;;) {
		uint64_t pos = f->pos;
		struct vfs_dirent d = { 0 };
		struct bytes this_name = BYTES_LIT(".");
		if (pos == 0) {
			d = (struct vfs_dirent){ .ino = dir->ino, .type = DT_DIR, .next_pos = 1 };
		} else if (pos == 1) {
			this_name = BYTES_LIT("..");
			uint64_t up = dir->parent ? dir->parent->ino : dir->ino;
			d = (struct vfs_dirent){ .ino = up, .type = DT_DIR, .next_pos = VFS_DIR_FIRST_POS };
		} else {
			if (!dir->ops->readdir)
				break;
			d = dir->ops->readdir(dir, pos, name);
			if (d.err) {
				ret = written ? (ssize_t)written : d.err;
				goto out_unlock;
			}
			if (d.end)
				break;
			this_name = bytes_sub(name, 0, d.name_len);
		}
		size_t reclen = format_dirent(rec, d.ino, d.next_pos, d.type, this_name);
		if (reclen > uio_len(dst) - written) {
			if (written == 0)
				ret = -EINVAL; /* the buffer cannot hold even one record */
			break;
		}
		int err = uio_copy_to(dst, written, bytes_sub(rec, 0, reclen));
		if (err) {
			ret = written ? 0 : err;
			break;
		}
		written += reclen;
		f->pos = d.next_pos;
	}
	if (ret == 0)
		ret = (ssize_t)written;
out_unlock:
	mutex_unlock(&dir->lock);
out_free:
	bytes_free(rec);
	bytes_free(name);
	return ret;
}

const struct file_ops vfs_dir_file_ops = {
	.lseek = vfs_generic_lseek,
	.getdents = vfs_generic_getdents,
};
