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
#include <frame/bytes_buf.h>
#include "vfs.h"
#include "vfs_internal.h"
#include "lib/fmt.h"

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

/* Copy a name into a NUL-padded field, truncated to leave a NUL. */
static void set_name(struct bytes field, struct bytes name)
{
	bytes_fill(field, 0);
	bytes_copy(field, bytes_sub(name, 0, MIN(bytes_len(name), bytes_len(field) - 1)));
}

void vfs_mount_set_names(struct mount *m, struct bytes source, struct bytes fstype)
{
	spin_lock(&mount_lock);
	set_name(BYTES_OF_FIELD(m, source), source);
	set_name(BYTES_OF_FIELD(m, fstype), fstype);
	spin_unlock(&mount_lock);
}

int vfs_mount_at(struct vfs_path at, struct vfs_sb *sb, struct inode *root)
{
	return vfs_mount_at_named(at, sb, root, bytes_empty(), bytes_empty());
}

int vfs_mount_at_named(struct vfs_path at, struct vfs_sb *sb, struct inode *root, struct bytes source,
		       struct bytes fstype)
{
	if (!S_ISDIR(at.inode->mode) || !S_ISDIR(root->mode))
		return -ENOTDIR;
	struct mount *m = mount_alloc(sb, root);
	if (!m)
		return -ENOMEM;
	/* Not visible yet: no lock needed. */
	set_name(BYTES_OF_FIELD(m, source), bytes_len(source) ? source : fstype);
	set_name(BYTES_OF_FIELD(m, fstype), fstype);
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
	struct bytes_buf name; /* a copy, kept for good (R15-shared-cap: no slices in statics) */
	const struct fs_type_ops *ops;
};

static struct spinlock fs_types_lock = SPINLOCK_INIT;
static struct fs_type_entry fs_types[MAX_FS_TYPES];

int vfs_register_fs(struct bytes name, const struct fs_type_ops *ops)
{
	struct bytes_buf copy = bytes_buf_dup(name);
	if (bytes_buf_is_null(copy))
		return -ENOMEM;
	int err = -ENOSPC;
	spin_lock(&fs_types_lock);
	for (size_t i = 0; i < MAX_FS_TYPES; i++) {
		if (fs_types[i].ops && bytes_equal(bytes_buf_view(fs_types[i].name), name)) {
			err = -EEXIST;
			break;
		}
		if (!fs_types[i].ops) {
			fs_types[i] = (struct fs_type_entry){ copy, ops };
			err = 0;
			break;
		}
	}
	spin_unlock(&fs_types_lock);
	if (err)
		bytes_buf_free(copy);
	return err;
}

static const struct fs_type_ops *find_fs(struct bytes name)
{
	const struct fs_type_ops *ops = NULL;
	spin_lock(&fs_types_lock);
	for (size_t i = 0; i < MAX_FS_TYPES && fs_types[i].ops; i++) {
		if (bytes_equal(bytes_buf_view(fs_types[i].name), name)) {
			ops = fs_types[i].ops;
			break;
		}
	}
	spin_unlock(&fs_types_lock);
	return ops;
}

int vfs_mount(const struct vfs_ctx *ctx __noescape, struct bytes fstype, struct bytes target, struct bytes data)
{
	return vfs_mount_named(ctx, bytes_empty(), fstype, target, data);
}

struct bytes vfs_fs_type_name(size_t i)
{
	struct bytes name = bytes_empty();
	spin_lock(&fs_types_lock);
	if (i < MAX_FS_TYPES && fs_types[i].ops)
		name = bytes_buf_view(fs_types[i].name);
	spin_unlock(&fs_types_lock);
	return name;
}

int vfs_mount_named(const struct vfs_ctx *ctx __noescape, struct bytes source, struct bytes fstype, struct bytes target,
		    struct bytes data)
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
		err = vfs_mount_at_named(at.path, sr.sb, sr.root, source, fstype);
		inode_put(sr.root);
		sb_put(sr.sb);
	}
	vfs_path_put(at.path);
	return err;
}

/* ---- /proc/mounts ---- */

#define MOUNTS_LIST_MAX 128

struct mount_snap {
	struct mount *m; /* counted */
	char source[64];
	char fstype[32];
};

struct mounts_list {
	struct mount_snap e[MOUNTS_LIST_MAX];
	size_t n;
	struct mount *stack[MOUNTS_LIST_MAX];
};

/* Append src to out at *len, as much as fits; *len counts it all. */
static void put(struct bytes out, size_t *len __noescape, struct bytes src)
{
	size_t at = *len, room = at < bytes_len(out) ? bytes_len(out) - at : 0;
	size_t n = MIN(room, bytes_len(src));
	if (n)
		bytes_copy(bytes_sub(out, at, n), bytes_sub(src, 0, n));
	*len = at + bytes_len(src);
}

/* A name field up to its NUL, with space, tab, newline and backslash escaped as \ooo (as Linux does). */
static void put_escaped(struct bytes out, size_t *len __noescape, struct bytes name, struct bytes tmp)
{
	for (size_t i = 0; i < bytes_len(name); i++) {
		uint8_t c = bytes_get(name, i);
		if (c == 0)
			break;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
			struct fmt f = fmt_into(tmp);
			fmt_ch(&f, '\\');
			fmt_num(&f, c, 8, 3, FMT_ZERO);
			put(out, len, fmt_text(&f));
		} else {
			bytes_set(tmp, 0, c);
			put(out, len, bytes_sub(tmp, 0, 1));
		}
	}
}

ssize_t vfs_mounts_format(struct vfs_path root, struct bytes out)
{
	struct mounts_list *l = NEW(struct mounts_list);
	struct bytes path = bytes_alloc(VFS_PATH_MAX);
	struct bytes tmp = bytes_alloc(8);
	ssize_t ret = -ENOMEM;
	if (!l || !bytes_len(path) || !bytes_len(tmp))
		goto out_free;
	/* Parents before children, older siblings first (children lists are newest first). */
	size_t depth = 0;
	spin_lock(&mount_lock);
	l->stack[depth++] = root.mnt;
	while (depth && l->n < MOUNTS_LIST_MAX) {
		struct mount *m = l->stack[--depth];
		struct mount_snap *e = ELEM_PTR(l->e, l->n++);
		mount_get(m);
		e->m = m;
		bytes_copy(BYTES_OF_FIELD(e, source), BYTES_OF_FIELD(m, source));
		bytes_copy(BYTES_OF_FIELD(e, fstype), BYTES_OF_FIELD(m, fstype));
		for (struct mount *c = m->children; c && depth < MOUNTS_LIST_MAX; c = c->next_sibling)
			if (!c->detached)
				l->stack[depth++] = c;
	}
	spin_unlock(&mount_lock);

	size_t len = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct mount_snap *e = ELEM_PTR(l->e, i);
		struct vfs_ctx ctx = { .root = root, .cwd = { e->m, e->m->root } };
		ssize_t n = vfs_getcwd(&ctx, path);
		struct bytes src = BYTES_OF_FIELD(e, source), type = BYTES_OF_FIELD(e, fstype);
		bool unnamed = bytes_get(type, 0) == 0;
		if (bytes_get(src, 0) == 0)
			src = unnamed ? BYTES_LIT("none") : type;
		put_escaped(out, &len, src, tmp);
		put(out, &len, BYTES_LIT(" "));
		if (n > 1)
			put_escaped(out, &len, bytes_sub(path, 0, (size_t)n - 1), tmp);
		else
			put(out, &len, BYTES_LIT("/"));
		put(out, &len, BYTES_LIT(" "));
		put_escaped(out, &len, unnamed ? BYTES_LIT("none") : type, tmp);
		put(out, &len, BYTES_LIT(" rw 0 0\n"));
	}
	ret = (ssize_t)len;
	for (size_t i = 0; i < l->n; i++)
		mount_put(l->e[i].m);
out_free:
	bytes_free(tmp);
	bytes_free(path);
	if (l)
		FREE(l);
	return ret;
}
