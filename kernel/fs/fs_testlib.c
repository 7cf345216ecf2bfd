/*
 * Helpers for the file-system ktests (see fstest.h). Linked into the test
 * image only, like the tests themselves (*_testlib.c).
 */
#include <frame/alloc.h>
#include "fstest.h"
#include "ramfs/ramfs.h"

#define FSTEST_BUF_SIZE 65536

struct fstest *fstest_new(void)
{
	struct fstest *t = NEW(struct fstest);
	if (!t)
		return NULL;
	struct sb_ref sr = ramfs_new_instance(0755);
	if (sr.err) {
		FREE(t);
		return NULL;
	}
	struct mount *m = vfs_mount_tree(sr.sb, sr.root);
	sb_put(sr.sb);
	t->ctx.root = (struct vfs_path){ m, sr.root };
	t->ctx.cwd = t->ctx.root;
	vfs_path_get(t->ctx.cwd);
	t->ctx.umask = 022;
	t->buf = bytes_buf_alloc(FSTEST_BUF_SIZE);
	return t;
}

void fstest_free(struct fstest *t)
{
	vfs_umount_all(t->ctx.root.mnt);
	vfs_path_put(t->ctx.cwd);
	vfs_path_put(t->ctx.root);
	bytes_buf_free(t->buf);
	FREE(t);
}

struct vfs_path ft_lookup(struct fstest *t, struct bytes path, uint32_t flags, int *err __noescape)
{
	struct path_ref r = vfs_lookup(&t->ctx, (struct vfs_path){ 0 }, path, flags);
	*err = r.err;
	return r.path;
}

int ft_err(struct fstest *t, struct bytes path, uint32_t flags)
{
	struct path_ref r = vfs_lookup(&t->ctx, (struct vfs_path){ 0 }, path, flags);
	if (!r.err)
		vfs_path_put(r.path);
	return r.err;
}

int ft_write(struct fstest *t, struct bytes path, struct bytes content)
{
	struct file_ref fr = vfs_open(&t->ctx, (struct vfs_path){ 0 }, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fr.err)
		return fr.err;
	ssize_t n = vfs_write(fr.file, uio_kernel(content));
	file_put(fr.file);
	if (n < 0)
		return (int)n;
	return (size_t)n == bytes_len(content) ? 0 : -EIO;
}

ssize_t ft_read(struct fstest *t, struct bytes path)
{
	struct file_ref fr = vfs_open(&t->ctx, (struct vfs_path){ 0 }, path, O_RDONLY, 0);
	if (fr.err)
		return fr.err;
	ssize_t n = vfs_read(fr.file, uio_kernel(ft_buf(t)));
	file_put(fr.file);
	return n;
}

bool ft_buf_is(struct fstest *t, ssize_t n, struct bytes content)
{
	return n >= 0 && (size_t)n == bytes_len(content) && bytes_equal(bytes_sub(ft_buf(t), 0, (size_t)n), content);
}

int ft_lstat(struct fstest *t, struct bytes path, struct vfs_stat *st __noescape)
{
	return vfs_stat(&t->ctx, (struct vfs_path){ 0 }, path, 0, st);
}

bool ft_same(struct fstest *t, struct bytes path, struct bytes other)
{
	struct path_ref a = vfs_lookup(&t->ctx, (struct vfs_path){ 0 }, path, LOOKUP_FOLLOW);
	struct path_ref b = vfs_lookup(&t->ctx, (struct vfs_path){ 0 }, other, LOOKUP_FOLLOW);
	bool same = !a.err && !b.err && vfs_path_equal(a.path, b.path);
	if (!a.err)
		vfs_path_put(a.path);
	if (!b.err)
		vfs_path_put(b.path);
	return same;
}
