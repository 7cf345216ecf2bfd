/*
 * ramfs directories: a list of entries in position order.
 *
 * Positions come from a per-directory counter and are never reused, so a
 * getdents that stopped at position p resumes at the first entry >= p even
 * when entries were added or removed in between (each entry that stays is
 * returned exactly once). Lookups scan the list: directories here are small,
 * and a hash can be added beside the list without changing the interface.
 *
 * Every op runs with the directory's lock held by the VFS (see inode_ops).
 */
#include <frame/alloc.h>
#include "ramfs.h"

/* FNV-1a over the name's bytes, with its length: cheap to compare first. */
static uint32_t name_hash(struct bytes name)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < bytes_len(name); i++)
		h = (h ^ bytes_get(name, i)) * 16777619u;
	return h ^ (uint32_t)bytes_len(name);
}

static struct ramfs_dirent *find(struct ramfs_node *d, struct bytes name)
{
	uint32_t h = name_hash(name);
	for (struct ramfs_dirent *e = d->first; e; e = e->next)
		if (e->name_hash == h && bytes_equal(bytes_buf_view(e->name), name))
			return e;
	return NULL;
}

static void touch_dir(struct inode *dir)
{
	struct vfs_time now = vfs_now();
	dir->mtime = now;
	dir->ctime = now;
}

/* A detached entry for ip named `name`, or NULL when out of memory. */
static struct ramfs_dirent *new_entry(struct bytes name, struct inode *ip)
{
	struct ramfs_dirent *e = NEW(struct ramfs_dirent);
	if (!e)
		return NULL;
	e->name = bytes_buf_dup(name);
	e->name_hash = name_hash(name);
	if (bytes_buf_is_null(e->name) && bytes_len(name)) {
		FREE(e);
		return NULL;
	}
	e->inode = ip;
	return e;
}

static void free_entry(struct ramfs_dirent *e)
{
	bytes_buf_free(e->name);
	FREE(e);
}

/* Append e, taking a reference on its inode for the name. */
static void append(struct inode *dir, struct ramfs_dirent *e)
{
	struct ramfs_node *d = ramfs_node_of(dir);
	if (d->next_pos < VFS_DIR_FIRST_POS)
		d->next_pos = VFS_DIR_FIRST_POS;
	e->pos = d->next_pos;
	d->next_pos += 1;
	e->next = NULL;
	if (d->last)
		d->last->next = e;
	else
		d->first = e;
	d->last = e;
	d->nentries += 1;
	inode_get(e->inode);
	touch_dir(dir);
}

/* Unlink e from dir's list; the caller puts e->inode and frees e. */
static void detach(struct inode *dir, struct ramfs_dirent *e)
{
	struct ramfs_node *d = ramfs_node_of(dir);
	struct ramfs_dirent *prev = NULL;
	for (struct ramfs_dirent *c = d->first; c && c != e; c = c->next)
		prev = c;
	if (prev)
		prev->next = e->next;
	else
		d->first = e->next;
	if (d->last == e)
		d->last = prev;
	d->nentries -= 1;
	touch_dir(dir);
}

static struct inode_ref ramfs_lookup(struct inode *dir, struct bytes name)
{
	struct ramfs_dirent *e = find(ramfs_node_of(dir), name);
	if (!e)
		return (struct inode_ref){ .err = -ENOENT };
	inode_get(e->inode);
	return (struct inode_ref){ .inode = e->inode };
}

/* Make an inode and give it the name; the new inode is returned counted. */
static struct inode_ref make(struct inode *dir, struct bytes name, struct inode_attr attr, struct bytes target)
{
	struct inode *ip = ramfs_new_inode(dir->sb, attr);
	if (!ip)
		return (struct inode_ref){ .err = -ENOMEM };
	if (S_ISLNK(attr.mode)) {
		ramfs_node_of(ip)->target = bytes_buf_dup(target);
		if (bytes_buf_is_null(ramfs_node_of(ip)->target) && bytes_len(target))
			goto err_put;
		ip->size = bytes_len(target);
	}
	struct ramfs_dirent *e = new_entry(name, ip);
	if (!e)
		goto err_put;
	if (S_ISDIR(attr.mode)) {
		ip->nlink = 2; /* its entry and its own "." */
		dir->nlink += 1; /* its ".." */
	}
	append(dir, e);
	return (struct inode_ref){ .inode = ip };
err_put:
	ip->nlink = 0;
	inode_put(ip);
	return (struct inode_ref){ .err = -ENOMEM };
}

static struct inode_ref ramfs_create(struct inode *dir, struct bytes name, struct inode_attr attr)
{
	return make(dir, name, attr, bytes_empty());
}

static struct inode_ref ramfs_mkdir(struct inode *dir, struct bytes name, struct inode_attr attr)
{
	return make(dir, name, attr, bytes_empty());
}

static struct inode_ref ramfs_symlink(struct inode *dir, struct bytes name, struct bytes target, struct inode_attr attr)
{
	return make(dir, name, attr, target);
}

static int ramfs_link(struct inode *dir, struct bytes name, struct inode *ip)
{
	struct ramfs_dirent *e = new_entry(name, ip);
	if (!e)
		return -ENOMEM;
	append(dir, e);
	ip->nlink += 1;
	ip->ctime = vfs_now();
	return 0;
}

static int ramfs_unlink(struct inode *dir, struct bytes name, struct inode *victim)
{
	struct ramfs_dirent *e = find(ramfs_node_of(dir), name);
	if (!e || e->inode != victim)
		return -ENOENT;
	detach(dir, e);
	victim->nlink -= 1;
	victim->ctime = vfs_now();
	inode_put(e->inode); /* the VFS still holds one, so this never frees under the locks */
	free_entry(e);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, struct bytes name, struct inode *victim)
{
	struct ramfs_dirent *e = find(ramfs_node_of(dir), name);
	if (!e || e->inode != victim)
		return -ENOENT;
	if (ramfs_node_of(victim)->nentries)
		return -ENOTEMPTY;
	detach(dir, e);
	victim->nlink = 0;
	victim->ctime = vfs_now();
	dir->nlink -= 1;
	inode_put(e->inode);
	free_entry(e);
	return 0;
}

static int ramfs_rename(struct inode *old_dir, struct bytes old_name, struct inode *new_dir, struct bytes new_name,
			struct inode *moved, struct inode *victim)
{
	struct ramfs_dirent *e = find(ramfs_node_of(old_dir), old_name);
	if (!e || e->inode != moved)
		return -ENOENT;
	struct ramfs_dirent *ve = NULL;
	if (victim) {
		ve = find(ramfs_node_of(new_dir), new_name);
		if (!ve || ve->inode != victim)
			return -ENOENT;
		if (S_ISDIR(victim->mode) && ramfs_node_of(victim)->nentries)
			return -ENOTEMPTY;
	}
	/* Allocate before changing anything, so running out of memory changes nothing. */
	struct bytes_buf name = bytes_buf_dup(new_name);
	if (bytes_buf_is_null(name) && bytes_len(new_name))
		return -ENOMEM;
	bool is_dir = S_ISDIR(moved->mode);
	if (ve) {
		detach(new_dir, ve);
		if (S_ISDIR(victim->mode)) {
			victim->nlink = 0;
			new_dir->nlink -= 1;
		} else {
			victim->nlink -= 1;
		}
		victim->ctime = vfs_now();
		inode_put(ve->inode);
		free_entry(ve);
	}
	detach(old_dir, e);
	bytes_buf_free(e->name);
	e->name = name;
	e->name_hash = name_hash(new_name);
	append(new_dir, e);
	inode_put(moved); /* append took a reference for the name; the entry already had one */
	if (is_dir && old_dir != new_dir) {
		old_dir->nlink -= 1;
		new_dir->nlink += 1;
	}
	moved->ctime = vfs_now();
	return 0;
}

static struct vfs_dirent ramfs_readdir(struct inode *dir, uint64_t pos, struct bytes name_buf)
{
	for (struct ramfs_dirent *e = ramfs_node_of(dir)->first; e; e = e->next) {
		if (e->pos < pos)
			continue;
		struct bytes name = bytes_buf_view(e->name);
		size_t n = bytes_len(name);
		bytes_copy(name_buf, name);
		return (struct vfs_dirent){
			.ino = e->inode->ino, .type = vfs_dtype(e->inode->mode), .name_len = n, .next_pos = e->pos + 1
		};
	}
	return (struct vfs_dirent){ .end = true };
}

const struct inode_ops ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.setattr = ramfs_setattr,
	.readdir = ramfs_readdir,
};

void ramfs_dir_free(struct ramfs_node *n)
{
	/* Only reached at teardown or for an empty removed directory: drop whatever names are left. */
	while (n->first) {
		struct ramfs_dirent *e = n->first;
		n->first = e->next;
		inode_put(e->inode);
		free_entry(e);
	}
	n->last = NULL;
	n->nentries = 0;
}

/* Does dir have entries? Takes its lock: the caller holds only dir's parent's lock (parent before child). */
static bool has_entries(struct inode *dir)
{
	mutex_lock(&dir->lock);
	bool yes = ramfs_node_of(dir)->nentries != 0;
	mutex_unlock(&dir->lock);
	return yes;
}

/*
 * Remove every name under root, deepest first, without recursion (a tree
 * can be deeper than a kernel stack allows). Inodes still open elsewhere
 * survive with no names, as after unlink.
 */
void ramfs_kill_tree(struct inode *root)
{
	struct vfs_sb *sb = root->sb;
	mutex_lock(&sb->rename_lock);
	struct inode *cur = root;
	inode_get(cur);
	for (;;) {
		mutex_lock(&cur->lock);
		struct ramfs_dirent *e = ramfs_node_of(cur)->first;
		if (!e) {
			struct inode *up = cur == root ? NULL : cur->parent;
			if (up)
				inode_get(up);
			mutex_unlock(&cur->lock);
			inode_put(cur);
			if (!up)
				break;
			cur = up;
			continue;
		}
		struct inode *child = e->inode;
		if (S_ISDIR(child->mode) && has_entries(child)) {
			inode_get(child);
			mutex_unlock(&cur->lock);
			inode_put(cur);
			cur = child;
			continue;
		}
		detach(cur, e);
		struct inode *child_parent = NULL;
		mutex_lock(&child->lock);
		if (S_ISDIR(child->mode)) {
			child->nlink = 0;
			child->dead = true;
			child_parent = child->parent;
			child->parent = NULL;
			cur->nlink -= 1;
		} else {
			child->nlink -= 1;
		}
		mutex_unlock(&child->lock);
		mutex_unlock(&cur->lock);
		inode_put(child_parent); /* cur: we hold it too */
		inode_put(child); /* the name's reference */
		free_entry(e);
	}
	mutex_unlock(&sb->rename_lock);
}
