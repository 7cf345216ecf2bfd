/*
 * The path walk: from a path name to a (mount, inode) pair.
 *
 * The walker consumes components from a stack of frames: the original path
 * at the bottom, and above it the target of each symlink being followed.
 * Every frame left on the stack still holds at least one component (a frame
 * is popped as soon as its last component is taken), so "the last
 * component" is simply the one taken when the stack becomes empty. Each
 * component is copied into nd->name, so frames can be freed early.
 *
 * Rules (POSIX, as Linux applies them):
 *   - "." stays, ".." climbs, but never above the caller's root; at the root
 *     of a mount ".." continues from the mount point in the parent mount;
 *   - a symlink met before the end is always followed; the last one only
 *     with LOOKUP_FOLLOW or when slashes follow it; more than
 *     VFS_MAX_SYMLINKS symlinks in one walk gives ELOOP;
 *   - a trailing slash requires a directory (ENOTDIR);
 *   - a component longer than 255 bytes gives ENAMETOOLONG, as does a path
 *     of 4096 bytes or more (PATH_MAX counts the NUL);
 *   - searching a directory needs exec permission (EACCES).
 * Only one inode lock is held at a time.
 */
#include <frame/alloc.h>
#include "vfs.h"
#include "vfs_internal.h"

/* A frame's text: a symlink target in the buffer it owns, or (no buffer)
 * the caller's path, which the walker only ever holds as offsets. */
static struct bytes frame_text(struct nd_frame *f __noescape, struct bytes path)
{
	if (bytes_buf_is_null(f->buf))
		return bytes_sub(path, 0, f->len);
	return bytes_sub(bytes_buf_view(f->buf), 0, f->len);
}

static bool frame_has_more(struct nd_frame *f __noescape)
{
	return f->off < f->len;
}

static void skip_slashes(struct nd_frame *f __noescape, struct bytes text, bool *saw __noescape)
{
	while (f->off < bytes_len(text) && bytes_get(text, f->off) == '/') {
		f->off += 1;
		*saw = true;
	}
}

static void pop_frame(struct nameidata *nd)
{
	nd->nframes -= 1;
	struct nd_frame *f = ELEM_PTR(nd->frames, nd->nframes);
	bytes_buf_free(f->buf);
	*f = (struct nd_frame){ 0 };
}

/*
 * Push path text (len > 0 bytes): those of buf, which the frame owns and frees
 * once it is consumed, or with a null buf the caller's path. `text` is that
 * text. An absolute one restarts from the root. The caller checked there is
 * room.
 */
static void push_frame(struct nameidata *nd, struct bytes_buf buf, struct bytes text, bool slash_after)
{
	nd->frames[nd->nframes] = (struct nd_frame){ .buf = buf, .len = bytes_len(text), .slash_after = slash_after };
	nd->nframes += 1;
	if (bytes_get(text, 0) == '/') {
		vfs_path_put(nd->cur);
		nd->cur = nd->ctx.root;
		vfs_path_get(nd->cur);
	}
	bool saw = false;
	struct nd_frame *f = ELEM_PTR(nd->frames, nd->nframes - 1);
	skip_slashes(f, text, &saw);
	if (!frame_has_more(f))
		pop_frame(nd); /* only slashes: nothing to walk, and a frame must hold a component */
}

/* Take the next component into nd->name. 1 taken, 0 none left, or -ENAMETOOLONG. */
static int next_component(struct nameidata *nd, struct bytes path)
{
	if (nd->nframes == 0)
		return 0;
	struct nd_frame *f = ELEM_PTR(nd->frames, nd->nframes - 1);
	struct bytes text = frame_text(f, path);
	size_t start = f->off;
	while (f->off < bytes_len(text) && bytes_get(text, f->off) != '/')
		f->off += 1;
	size_t len = f->off - start;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	bytes_copy(BYTES_OF_FIELD(nd, name), bytes_sub(text, start, len));
	nd->name_len = len;
	bool slash = false;
	skip_slashes(f, text, &slash);
	if (!frame_has_more(f)) {
		slash = slash || f->slash_after;
		pop_frame(nd);
	}
	nd->comp_slash = slash;
	if (len == 1 && nd->name[0] == '.')
		nd->last_type = LAST_DOT;
	else if (len == 2 && nd->name[0] == '.' && nd->name[1] == '.')
		nd->last_type = LAST_DOTDOT;
	else
		nd->last_type = LAST_NORM;
	return 1;
}

struct bytes nd_last(struct nameidata *nd)
{
	return bytes_sub(BYTES_OF_FIELD(nd, name), 0, nd->name_len);
}

struct nameidata *nd_new(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path,
			 int *err __noescape)
{
	/* The syscall layer's slice may include the terminating NUL; the name ends there. */
	ssize_t nul = bytes_find(path, 0);
	if (nul >= 0)
		path = bytes_sub(path, 0, (size_t)nul);
	if (bytes_len(path) == 0) {
		*err = -ENOENT;
		return NULL;
	}
	if (bytes_len(path) >= VFS_PATH_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	struct nameidata *nd = NEW(struct nameidata);
	if (!nd) {
		*err = -ENOMEM;
		return NULL;
	}
	nd->ctx = *ctx;
	nd->cur = base.mnt ? base : ctx->cwd;
	vfs_path_get(nd->cur);
	nd->last_type = LAST_NONE;
	push_frame(nd, bytes_buf_null(), path, false);
	*err = 0;
	return nd;
}

void nd_free(struct nameidata *nd)
{
	if (!nd)
		return;
	while (nd->nframes > 0)
		pop_frame(nd);
	vfs_path_put(nd->cur);
	FREE(nd);
}

struct inode_ref vfs_lookup_locked(struct inode *dir, struct bytes name)
{
	if (dir->dead)
		return (struct inode_ref){ .err = -ENOENT };
	if (!dir->ops->lookup)
		return (struct inode_ref){ .err = -ENOTDIR };
	return dir->ops->lookup(dir, name);
}

/* ".." from nd->cur. */
static int step_up(struct nameidata *nd)
{
	for (;;) {
		if (vfs_path_equal(nd->cur, nd->ctx.root))
			return 0;
		struct mount *m = nd->cur.mnt;
		if (nd->cur.inode == m->root) {
			if (!m->parent)
				return 0;
			struct vfs_path up = { m->parent, m->mountpoint };
			vfs_path_get(up);
			vfs_path_put(nd->cur);
			nd->cur = up;
			continue; /* the mount point may itself be the root of a mount */
		}
		struct inode *ip = nd->cur.inode;
		mutex_lock(&ip->lock);
		struct inode *parent = ip->parent;
		if (parent)
			inode_get(parent);
		mutex_unlock(&ip->lock);
		if (!parent)
			return -ENOENT; /* a removed directory has no ".." */
		struct vfs_path up = { m, parent };
		mount_get(m);
		vfs_path_put(nd->cur);
		nd->cur = vfs_follow_mounts(up);
		return 0;
	}
}

/* Replace the symlink `link` by its target on the frame stack. */
static int follow_link(struct nameidata *nd, struct inode *link, bool slash_after)
{
	nd->links += 1;
	if (nd->links > VFS_MAX_SYMLINKS || nd->nframes >= ARRAY_SIZE(nd->frames))
		return -ELOOP;
	if (!link->ops->readlink)
		return -EINVAL;
	struct bytes_buf buf = bytes_buf_alloc(VFS_PATH_MAX);
	if (bytes_buf_is_null(buf))
		return -ENOMEM;
	mutex_lock(&link->lock);
	ssize_t n = link->ops->readlink(link, bytes_buf_view(buf));
	mutex_unlock(&link->lock);
	if (n < 0 || (size_t)n >= VFS_PATH_MAX) {
		bytes_buf_free(buf);
		return n < 0 ? (int)n : -ENAMETOOLONG;
	}
	if (n == 0) {
		bytes_buf_free(buf);
		return -ENOENT;
	}
	push_frame(nd, buf, bytes_sub(bytes_buf_view(buf), 0, (size_t)n), slash_after);
	return 0;
}

/* Resolve the LAST_NORM component in nd->name from nd->cur; a followed symlink pushes its target instead. */
static int step_into(struct nameidata *nd, bool follow, bool *pushed __noescape)
{
	struct inode *dir = nd->cur.inode;
	mutex_lock(&dir->lock);
	struct inode_ref r = vfs_lookup_locked(dir, nd_last(nd));
	mutex_unlock(&dir->lock);
	if (r.err)
		return r.err;
	/* The type bits of mode never change, so reading them needs no lock. */
	if (follow && S_ISLNK(r.inode->mode)) {
		int err = follow_link(nd, r.inode, nd->comp_slash);
		inode_put(r.inode);
		*pushed = err == 0;
		return err;
	}
	struct vfs_path next = { nd->cur.mnt, r.inode };
	mount_get(next.mnt);
	vfs_path_put(nd->cur);
	nd->cur = vfs_follow_mounts(next);
	return 0;
}

/* Resolve the component in nd->name from the directory nd->cur. */
static int step(struct nameidata *nd, bool follow, bool *pushed __noescape)
{
	if (!S_ISDIR(nd->cur.inode->mode))
		return -ENOTDIR;
	int err = vfs_permission(&nd->ctx, nd->cur.inode, MAY_EXEC);
	if (err)
		return err;
	switch (nd->last_type) {
	case LAST_DOT:
		return 0;
	case LAST_DOTDOT:
		return step_up(nd);
	case LAST_NORM:
		return step_into(nd, follow, pushed);
	case LAST_NONE:
		break;
	}
	return 0;
}

int nd_walk_parent(struct nameidata *nd, struct bytes path)
{
	for (;;) {
		int r = next_component(nd, path);
		if (r < 0)
			return r;
		if (r == 0) {
			nd->last_type = LAST_NONE;
			nd->name_len = 0;
			return 0;
		}
		if (!S_ISDIR(nd->cur.inode->mode))
			return -ENOTDIR;
		if (nd->nframes == 0)
			return 0; /* that was the last component */
		bool pushed = false;
		int err = step(nd, true, &pushed);
		if (err)
			return err;
	}
}

int nd_follow_last(struct nameidata *nd, struct inode *link, struct bytes path)
{
	int err = follow_link(nd, link, nd->comp_slash);
	return err ? err : nd_walk_parent(nd, path);
}

int nd_walk(struct nameidata *nd, uint32_t flags, struct bytes path)
{
	int err = nd_walk_parent(nd, path);
	while (!err && nd->last_type != LAST_NONE) {
		bool follow = (flags & LOOKUP_FOLLOW) || nd->comp_slash;
		bool pushed = false;
		err = step(nd, follow, &pushed);
		if (err || !pushed)
			break;
		err = nd_walk_parent(nd, path);
	}
	if (err)
		return err;
	if (((flags & LOOKUP_DIRECTORY) || nd->comp_slash) && !S_ISDIR(nd->cur.inode->mode))
		return -ENOTDIR;
	return 0;
}

struct path_ref vfs_lookup(const struct vfs_ctx *ctx __noescape, struct vfs_path base, struct bytes path,
			   uint32_t flags)
{
	int err = 0;
	struct nameidata *nd = nd_new(ctx, base, path, &err);
	if (!nd)
		return (struct path_ref){ .err = err };
	err = nd_walk(nd, flags, path);
	struct path_ref r = { .err = err };
	if (!err) {
		r.path = nd->cur;
		vfs_path_get(r.path);
	}
	nd_free(nd);
	return r;
}
