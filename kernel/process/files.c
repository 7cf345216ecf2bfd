/*
 * File descriptor tables and file-system contexts (root, cwd, umask), each
 * shareable between threads (CLONE_FILES, CLONE_FS) and copied by fork.
 */
#include <frame/alloc.h>
#include "process/process.h"

struct fd_table *fd_table_new(void)
{
	struct fd_table *t = NEW(struct fd_table);
	if (!t)
		return NULL;
	t->refs = 1;
	return t;
}

struct fd_table *fd_table_copy(struct fd_table *src)
{
	struct fd_table *t = fd_table_new();
	if (!t)
		return NULL;
	mutex_lock(&src->lock);
	for (int i = 0; i < MAX_FDS; i++) {
		if (src->files[i]) {
			file_get(src->files[i]);
			t->files[i] = src->files[i];
		}
	}
	for (int i = 0; i < MAX_FDS / 64; i++)
		t->cloexec[i] = src->cloexec[i];
	mutex_unlock(&src->lock);
	return t;
}

void fd_table_put(struct fd_table *t)
{
	mutex_lock(&t->lock);
	bool last = --t->refs == 0;
	mutex_unlock(&t->lock);
	if (!last)
		return;
	for (int i = 0; i < MAX_FDS; i++) {
		if (t->files[i]) {
			file_put(t->files[i]);
			t->files[i] = NULL;
		}
	}
	FREE(t);
}

static bool cloexec_bit(struct fd_table *t, int fd)
{
	return t->cloexec[fd / 64] & (1ull << (fd % 64));
}

static void set_cloexec_bit(struct fd_table *t, int fd, bool on)
{
	if (on)
		t->cloexec[fd / 64] |= 1ull << (fd % 64);
	else
		t->cloexec[fd / 64] &= ~(1ull << (fd % 64));
}

void fd_table_close_on_exec(struct fd_table *t)
{
	mutex_lock(&t->lock);
	for (int i = 0; i < MAX_FDS; i++) {
		if (t->files[i] && cloexec_bit(t, i)) {
			file_put(t->files[i]);
			t->files[i] = NULL;
			set_cloexec_bit(t, i, false);
		}
	}
	mutex_unlock(&t->lock);
}

static bool fd_valid(int fd)
{
	return fd >= 0 && fd < MAX_FDS;
}

struct file *fd_get(struct process *p, int fd)
{
	if (!fd_valid(fd))
		return NULL;
	struct fd_table *t = p->files;
	mutex_lock(&t->lock);
	struct file *f = t->files[fd];
	if (f)
		file_get(f);
	mutex_unlock(&t->lock);
	return f;
}

static uint64_t nofile_limit(struct process *p)
{
	return MIN(p->rlim[RLIMIT_NOFILE].cur, (uint64_t)MAX_FDS);
}

int fd_install(struct process *p, struct file *f, int min, bool cloexec)
{
	struct fd_table *t = p->files;
	if (min < 0)
		return -EINVAL;
	int limit = (int)nofile_limit(p);
	mutex_lock(&t->lock);
	for (int i = min; i < limit; i++) {
		if (!t->files[i]) {
			t->files[i] = f;
			set_cloexec_bit(t, i, cloexec);
			mutex_unlock(&t->lock);
			return i;
		}
	}
	mutex_unlock(&t->lock);
	return -EMFILE;
}

int fd_install_at(struct process *p, struct file *f, int fd, bool cloexec)
{
	if (!fd_valid(fd) || (uint64_t)fd >= nofile_limit(p))
		return -EBADF;
	struct fd_table *t = p->files;
	mutex_lock(&t->lock);
	struct file *old = t->files[fd];
	t->files[fd] = f;
	set_cloexec_bit(t, fd, cloexec);
	mutex_unlock(&t->lock);
	if (old)
		file_put(old);
	return fd;
}

int fd_close(struct process *p, int fd)
{
	if (!fd_valid(fd))
		return -EBADF;
	struct fd_table *t = p->files;
	mutex_lock(&t->lock);
	struct file *f = t->files[fd];
	t->files[fd] = NULL;
	set_cloexec_bit(t, fd, false);
	mutex_unlock(&t->lock);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

bool fd_get_cloexec(struct process *p, int fd)
{
	if (!fd_valid(fd))
		return false;
	mutex_lock(&p->files->lock);
	bool on = cloexec_bit(p->files, fd);
	mutex_unlock(&p->files->lock);
	return on;
}

void fd_set_cloexec(struct process *p, int fd, bool on)
{
	if (!fd_valid(fd))
		return;
	mutex_lock(&p->files->lock);
	set_cloexec_bit(p->files, fd, on);
	mutex_unlock(&p->files->lock);
}

struct fs_state *fs_state_new(struct vfs_path root, struct vfs_path cwd)
{
	struct fs_state *fs = NEW(struct fs_state);
	if (!fs)
		return NULL;
	fs->refs = 1;
	vfs_path_get(root);
	vfs_path_get(cwd);
	fs->root = root;
	fs->cwd = cwd;
	fs->umask = 022;
	return fs;
}

struct fs_state *fs_state_copy(struct fs_state *src)
{
	mutex_lock(&src->lock);
	struct fs_state *fs = fs_state_new(src->root, src->cwd);
	if (fs)
		fs->umask = src->umask;
	mutex_unlock(&src->lock);
	return fs;
}

void fs_state_put(struct fs_state *fs)
{
	mutex_lock(&fs->lock);
	bool last = --fs->refs == 0;
	mutex_unlock(&fs->lock);
	if (!last)
		return;
	vfs_path_put(fs->root);
	vfs_path_put(fs->cwd);
	FREE(fs);
}

struct vfs_ctx process_vfs_ctx(struct process *p)
{
	struct fs_state *fs = p->fs;
	return (struct vfs_ctx){
		.root = fs->root,
		.cwd = fs->cwd,
		.uid = p->euid,
		.gid = p->egid,
		.umask = fs->umask,
	};
}
