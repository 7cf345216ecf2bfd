/*
 * newc cpio archives: "070701" (or "070702", with checksums we do not
 * verify), then 13 fields of 8 hex digits, the NUL-terminated name padded
 * to 4 bytes, the data padded to 4 bytes. Every offset is checked against
 * the archive's length before use, so a malformed archive is -EINVAL, never
 * a bounds panic.
 *
 * As Linux's init/initramfs.c: an existing non-directory is replaced;
 * regular files with nlink >= 2 are remembered by (device, inode) and later
 * entries with the same number become hard links (newc stores the data with
 * the last of them); directory times are set at the end, after their
 * contents stopped changing them.
 */
#include <frame/alloc.h>
#include "cpio.h"

#define CPIO_HDR_LEN 110
#define CPIO_FIELDS 13

enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK
};

struct cpio_hdr {
	uint32_t f[CPIO_FIELDS];
};

/* A regular file with more than one name, waiting for its other names. */
struct cpio_link {
	struct cpio_link *next;
	uint32_t ino, major, minor;
	struct vfs_path path; /* counted */
};

/* A directory whose mtime is set once the archive is done. */
struct cpio_dirtime {
	struct cpio_dirtime *next;
	struct inode *dir; /* counted */
	int64_t mtime;
};

struct cpio_state {
	struct vfs_ctx ctx; /* the caller's, with umask 0 */
	struct vfs_path dest;
	struct cpio_link *links;
	struct cpio_dirtime *dirtimes;
};

static int hex_digit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse the header at off (the caller checked it is in bounds). */
static int parse_header(struct bytes a, size_t off, struct cpio_hdr *h __noescape)
{
	static const uint8_t magic[6] = { '0', '7', '0', '7', '0', '1' };
	for (size_t i = 0; i < 6; i++) {
		uint8_t c = bytes_get(a, off + i);
		if (c != magic[i] && !(i == 5 && c == '2'))
			return -EINVAL;
	}
	for (size_t k = 0; k < CPIO_FIELDS; k++) {
		uint32_t v = 0;
		for (size_t i = 0; i < 8; i++) {
			int d = hex_digit(bytes_get(a, off + 6 + 8 * k + i));
			if (d < 0)
				return -EINVAL;
			v = (v << 4) | (uint32_t)d;
		}
		h->f[k] = v;
	}
	return 0;
}

/* Strip leading "/" and "./": archive names are relative to dest. Empty means the directory itself. */
static struct bytes relative_name(struct bytes name)
{
	for (;;) {
		size_t n = bytes_len(name);
		if (n >= 1 && bytes_get(name, 0) == '/')
			name = bytes_sub(name, 1, n - 1);
		else if (n >= 2 && bytes_get(name, 0) == '.' && bytes_get(name, 1) == '/')
			name = bytes_sub(name, 2, n - 2);
		else if (n == 1 && bytes_get(name, 0) == '.')
			return bytes_sub(name, 0, 0);
		else
			return name;
	}
}

/* Make room for a new entry: remove an existing non-directory, or an empty directory when a file replaces it. */
static int clear_name(struct cpio_state *st, struct bytes name, bool making_dir)
{
	struct path_ref r = vfs_lookup(&st->ctx, st->dest, name, 0);
	if (r.err)
		return r.err == -ENOENT ? 0 : r.err;
	bool is_dir = S_ISDIR(r.path.inode->mode);
	vfs_path_put(r.path);
	if (is_dir)
		return making_dir ? 0 : vfs_rmdir(&st->ctx, st->dest, name);
	return vfs_unlink(&st->ctx, st->dest, name);
}

/* Owner and mtime of a new entry (not following a final symlink). */
static int set_attrs(struct cpio_state *st, struct bytes name, struct cpio_hdr *h __noescape, bool with_mtime)
{
	struct path_ref r = vfs_lookup(&st->ctx, st->dest, name, 0);
	if (r.err)
		return r.err;
	struct vfs_setattr a = { .valid = ATTR_UID | ATTR_GID, .uid = h->f[F_UID], .gid = h->f[F_GID] };
	if (with_mtime) {
		a.valid |= ATTR_MTIME;
		a.mtime = (struct vfs_time){ .sec = h->f[F_MTIME] };
	}
	int err = vfs_setattr(r.path.inode, a);
	vfs_path_put(r.path);
	return err;
}

static int write_data(struct cpio_state *st, struct bytes name, struct bytes data)
{
	struct file_ref fr = vfs_open(&st->ctx, st->dest, name, O_WRONLY | O_TRUNC | O_NOFOLLOW, 0);
	if (fr.err)
		return fr.err;
	ssize_t n = vfs_write(fr.file, uio_kernel(data));
	file_put(fr.file);
	if (n < 0)
		return (int)n;
	return (size_t)n == bytes_len(data) ? 0 : -ENOSPC;
}

static struct cpio_link *find_link(struct cpio_state *st, struct cpio_hdr *h __noescape)
{
	for (struct cpio_link *l = st->links; l; l = l->next)
		if (l->ino == h->f[F_INO] && l->major == h->f[F_DEVMAJOR] && l->minor == h->f[F_DEVMINOR])
			return l;
	return NULL;
}

static int make_regular(struct cpio_state *st, struct bytes name, struct cpio_hdr *h __noescape, struct bytes data)
{
	uint32_t perm = h->f[F_MODE] & S_IALLUGO;
	if (h->f[F_NLINK] >= 2) {
		struct cpio_link *l = find_link(st, h);
		if (l) {
			int err = vfs_link_path(&st->ctx, l->path, st->dest, name);
			if (!err && bytes_len(data))
				err = write_data(st, name, data);
			return err;
		}
	}
	struct file_ref fr = vfs_open(&st->ctx, st->dest, name, O_WRONLY | O_CREAT | O_EXCL, perm);
	if (fr.err)
		return fr.err;
	ssize_t n = vfs_write(fr.file, uio_kernel(data));
	int err = n < 0 ? (int)n : ((size_t)n == bytes_len(data) ? 0 : -ENOSPC);
	if (!err && h->f[F_NLINK] >= 2) {
		struct cpio_link *l = NEW(struct cpio_link);
		if (l) {
			l->ino = h->f[F_INO];
			l->major = h->f[F_DEVMAJOR];
			l->minor = h->f[F_DEVMINOR];
			l->path = vfs_file_path(fr.file);
			l->next = st->links;
			st->links = l;
		} else {
			err = -ENOMEM;
		}
	}
	file_put(fr.file);
	return err;
}

static int make_dir(struct cpio_state *st, struct bytes name, struct cpio_hdr *h __noescape)
{
	uint32_t perm = h->f[F_MODE] & S_IALLUGO;
	int err = vfs_mkdir(&st->ctx, st->dest, name, perm);
	if (err == -EEXIST)
		err = vfs_chmod(&st->ctx, st->dest, name, perm);
	if (err)
		return err;
	struct path_ref r = vfs_lookup(&st->ctx, st->dest, name, 0);
	if (r.err)
		return r.err;
	struct cpio_dirtime *dt = NEW(struct cpio_dirtime);
	if (dt) {
		dt->dir = r.path.inode;
		inode_get(dt->dir);
		dt->mtime = h->f[F_MTIME];
		dt->next = st->dirtimes;
		st->dirtimes = dt;
	}
	vfs_path_put(r.path);
	return dt ? 0 : -ENOMEM;
}

static int make_entry(struct cpio_state *st, struct bytes name, struct cpio_hdr *h __noescape, struct bytes data)
{
	uint32_t mode = h->f[F_MODE];
	uint32_t type = mode & S_IFMT;
	int err = clear_name(st, name, type == S_IFDIR);
	if (err)
		return err;
	switch (type) {
	case S_IFDIR:
		err = make_dir(st, name, h);
		return err ? err : set_attrs(st, name, h, false);
	case S_IFREG:
		err = make_regular(st, name, h, data);
		break;
	case S_IFLNK:
		if (bytes_len(data) == 0 || bytes_len(data) >= VFS_PATH_MAX)
			return -EINVAL;
		err = vfs_symlink(&st->ctx, data, st->dest, name);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = vfs_mknod(&st->ctx, st->dest, name, mode, vfs_mkdev(h->f[F_RDEVMAJOR], h->f[F_RDEVMINOR]));
		break;
	default:
		return -EINVAL;
	}
	return err ? err : set_attrs(st, name, h, true);
}

static void finish(struct cpio_state *st)
{
	while (st->dirtimes) {
		struct cpio_dirtime *dt = st->dirtimes;
		st->dirtimes = dt->next;
		vfs_setattr(dt->dir, (struct vfs_setattr){ .valid = ATTR_MTIME, .mtime = { .sec = dt->mtime } });
		inode_put(dt->dir);
		FREE(dt);
	}
	while (st->links) {
		struct cpio_link *l = st->links;
		st->links = l->next;
		vfs_path_put(l->path);
		FREE(l);
	}
}

/* Parse and apply the entries from off; returns 0 at the end of the data after a trailer. */
static int unpack(struct cpio_state *st, struct bytes a)
{
	size_t len = bytes_len(a), off = 0;
	bool in_archive = false;
	for (;;) {
		if (!in_archive) {
			/* Between archives: NUL padding, then another archive or the end. */
			while (off < len && bytes_get(a, off) == 0)
				off += 1;
			if (off == len)
				return 0;
			in_archive = true;
		}
		if (len - off < CPIO_HDR_LEN)
			return -EINVAL;
		struct cpio_hdr h = { 0 };
		if (parse_header(a, off, &h))
			return -EINVAL;
		size_t namesize = h.f[F_NAMESIZE], filesize = h.f[F_FILESIZE];
		size_t name_off = off + CPIO_HDR_LEN;
		if (namesize == 0 || namesize > len - name_off || bytes_get(a, name_off + namesize - 1) != 0)
			return -EINVAL;
		struct bytes name = bytes_sub(a, name_off, namesize - 1);
		size_t data_off = ALIGN_UP(name_off + namesize, 4ul);
		if (data_off > len || filesize > len - data_off)
			return -EINVAL;
		struct bytes data = bytes_sub(a, data_off, filesize);
		off = MIN(ALIGN_UP(data_off + filesize, 4ul), len);
		if (bytes_equal(name, BYTES_LIT("TRAILER!!!"))) {
			in_archive = false;
			continue;
		}
		if (namesize - 1 >= VFS_PATH_MAX)
			return -EINVAL;
		struct bytes rel = relative_name(name);
		if (bytes_len(rel) == 0)
			continue; /* "." itself: dest exists already */
		int err = make_entry(st, rel, &h, data);
		if (err)
			return err;
	}
}

int cpio_unpack(const struct vfs_ctx *ctx __noescape, struct vfs_path dest, struct bytes archive)
{
	if (bytes_len(archive) == 0)
		return -EINVAL;
	struct cpio_state *st = NEW(struct cpio_state);
	if (!st)
		return -ENOMEM;
	st->ctx = *ctx;
	st->ctx.umask = 0;
	st->dest = dest;
	int err = unpack(st, archive);
	finish(st);
	FREE(st);
	return err;
}
