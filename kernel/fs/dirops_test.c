/* ktests for name-space operations: mkdir, rmdir, unlink, link, symlink, rename, open(O_CREAT). */
#include <frame/ktest.h>
#include "fstest.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

static uint32_t nlink_of(struct fstest *t, struct bytes path)
{
	struct vfs_stat st = { 0 };
	return ft_lstat(t, path, &st) ? 0 : st.nlink;
}

KTEST(vfs_mkdir_errors)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0777), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0755), -EEXIST);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d/."), 0755), -EEXIST);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d/.."), 0755), -EEXIST);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/"), 0755), -EEXIST);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/no/d"), 0755), -ENOENT);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/e/"), 0755), 0); /* a trailing slash is fine for mkdir */
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/d"), &st), 0);
	KT_EQ(st.mode, S_IFDIR | 0755); /* umask 022 applied */
	KT_EQ(st.nlink, 2);
	KT_EQ(nlink_of(t, P("/")), 4); /* ".", "..", and the ".." of d and e */
	fstest_free(t);
}

KTEST(vfs_rmdir_rules)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d/sub"), 0755), 0);
	KT_EQ(ft_write(t, P("/f"), P("x")), 0);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/d")), -ENOTEMPTY);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/f")), -ENOTDIR);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/d/sub/.")), -EINVAL);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/d/sub/..")), -ENOTEMPTY);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/")), -EBUSY);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/nope")), -ENOENT);
	KT_EQ(nlink_of(t, P("/d")), 3);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/d/sub/")), 0);
	KT_EQ(nlink_of(t, P("/d")), 2);
	KT_EQ(ft_err(t, P("/d/sub"), 0), -ENOENT);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/d")), 0);
	fstest_free(t);
}

KTEST(vfs_removed_directory_refuses_new_entries)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/gone"), 0755), 0);
	int err = 0;
	struct vfs_path gone = ft_lookup(t, P("/gone"), 0, &err);
	KT_EQ(err, 0);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/gone")), 0);
	/* A process whose cwd was removed can neither create there nor climb out with "..". */
	KT_EQ(vfs_mkdir(&t->ctx, gone, P("x"), 0755), -ENOENT);
	struct file_ref fr = vfs_open(&t->ctx, gone, P("f"), O_CREAT | O_WRONLY, 0644);
	KT_EQ(fr.err, -ENOENT);
	KT_EQ(vfs_lookup(&t->ctx, gone, P(".."), 0).err, -ENOENT);
	struct vfs_stat st = { 0 };
	vfs_fill_stat(gone.inode, &st);
	KT_EQ(st.nlink, 0);
	vfs_path_put(gone);
	fstest_free(t);
}

KTEST(vfs_unlink_rules)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0755), 0);
	KT_EQ(ft_write(t, P("/f"), P("x")), 0);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/d")), -EISDIR);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/d/.")), -EISDIR);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/f/")), -ENOTDIR);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/nope")), -ENOENT);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/f")), 0);
	KT_EQ(ft_err(t, P("/f"), 0), -ENOENT);
	fstest_free(t);
}

KTEST(vfs_hard_links_share_the_inode_and_count)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0755), 0);
	KT_EQ(ft_write(t, P("/a"), P("shared")), 0);
	KT_EQ(nlink_of(t, P("/a")), 1);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/a"), NOBASE, P("/b"), false), 0);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/b"), NOBASE, P("/d/c"), false), 0);
	KT_EQ(nlink_of(t, P("/a")), 3);
	KT_ASSERT(ft_same(t, P("/a"), P("/d/c")));
	KT_EQ(ft_write(t, P("/d/c"), P("changed")), 0);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/a")), P("changed")));
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/a"), NOBASE, P("/b"), false), -EEXIST);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/d"), NOBASE, P("/dl"), false), -EPERM);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/nope"), NOBASE, P("/x"), false), -ENOENT);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/a")), 0);
	KT_EQ(nlink_of(t, P("/b")), 2);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/b")), 0);
	KT_EQ(nlink_of(t, P("/d/c")), 1);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/d/c")), P("changed")));
	fstest_free(t);
}

KTEST(vfs_unlinked_open_file_stays_readable)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/tmp"), P("still here")), 0);
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/tmp"), O_RDWR, 0);
	KT_EQ(fr.err, 0);
	KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/tmp")), 0);
	KT_EQ(ft_err(t, P("/tmp"), 0), -ENOENT);
	ssize_t n = vfs_read(fr.file, uio_kernel(ft_buf(t)));
	KT_ASSERT(ft_buf_is(t, n, P("still here")));
	struct vfs_stat st = { 0 };
	vfs_fstat(fr.file, &st);
	KT_EQ(st.nlink, 0);
	/* It cannot be linked back (Linux: ENOENT without O_TMPFILE). */
	struct vfs_path p = vfs_file_path(fr.file);
	KT_EQ(vfs_link_path(&t->ctx, p, NOBASE, P("/back")), -ENOENT);
	vfs_path_put(p);
	file_put(fr.file);
	fstest_free(t);
}

KTEST(vfs_symlink_and_readlink)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/f"), P("x")), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("../some/where"), NOBASE, P("/l")), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("x"), NOBASE, P("/l")), -EEXIST);
	KT_EQ(vfs_symlink(&t->ctx, P(""), NOBASE, P("/empty")), -ENOENT);
	ssize_t n = vfs_readlink(&t->ctx, NOBASE, P("/l"), uio_kernel(ft_buf(t)));
	KT_ASSERT(ft_buf_is(t, n, P("../some/where")));
	/* A short buffer truncates silently, as readlink(2) does. */
	KT_EQ(vfs_readlink(&t->ctx, NOBASE, P("/l"), uio_kernel(bytes_sub(ft_buf(t), 0, 3))), 3);
	KT_EQ(vfs_readlink(&t->ctx, NOBASE, P("/f"), uio_kernel(ft_buf(t))), -EINVAL);
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/l"), &st), 0);
	KT_EQ(st.mode, S_IFLNK | 0777);
	KT_EQ(st.size, 13);
	/* Dangling: following gives ENOENT. */
	KT_EQ(ft_err(t, P("/l"), LOOKUP_FOLLOW), -ENOENT);
	fstest_free(t);
}

KTEST(vfs_rename_replaces_an_existing_file)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/src"), P("new")), 0);
	KT_EQ(ft_write(t, P("/dst"), P("old")), 0);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/dst"), NOBASE, P("/keep"), false), 0);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/src"), NOBASE, P("/dst")), 0);
	KT_EQ(ft_err(t, P("/src"), 0), -ENOENT);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/dst")), P("new")));
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/keep")), P("old")));
	KT_EQ(nlink_of(t, P("/keep")), 1);
	/* Renaming onto another name of the same inode does nothing. */
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/dst"), NOBASE, P("/same"), false), 0);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/dst"), NOBASE, P("/same")), 0);
	KT_EQ(ft_err(t, P("/dst"), 0), 0);
	KT_EQ(nlink_of(t, P("/same")), 2);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/nope"), NOBASE, P("/x")), -ENOENT);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/dst/"), NOBASE, P("/x")), -ENOTDIR);
	fstest_free(t);
}

KTEST(vfs_rename_directory_rules)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/sub"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/full"), 0755), 0);
	KT_EQ(ft_write(t, P("/full/f"), P("x")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/empty"), 0755), 0);
	KT_EQ(ft_write(t, P("/file"), P("x")), 0);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a"), NOBASE, P("/a/sub/a")), -EINVAL);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a"), NOBASE, P("/a/x")), -EINVAL);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a/sub"), NOBASE, P("/a")), -ENOTEMPTY);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a"), NOBASE, P("/full")), -ENOTEMPTY);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a"), NOBASE, P("/file")), -ENOTDIR);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/file"), NOBASE, P("/empty")), -EISDIR);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a/."), NOBASE, P("/b")), -EBUSY);
	/* Over an empty directory: replaced; the moved directory's ".." follows it. */
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a/sub"), NOBASE, P("/empty/")), 0);
	KT_EQ(ft_err(t, P("/a/sub"), 0), -ENOENT);
	KT_EQ(nlink_of(t, P("/a")), 2);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/empty/inner"), 0755), 0);
	KT_ASSERT(ft_same(t, P("/empty/inner/../.."), P("/")));
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/empty/inner"), NOBASE, P("/a/moved")), 0);
	KT_ASSERT(ft_same(t, P("/a/moved/.."), P("/a")));
	KT_EQ(nlink_of(t, P("/a")), 3);
	KT_EQ(nlink_of(t, P("/empty")), 2);
	fstest_free(t);
}

KTEST(vfs_open_creat_semantics)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0755), 0);
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/new"), O_CREAT | O_EXCL | O_WRONLY, 0666);
	KT_EQ(fr.err, 0);
	file_put(fr.file);
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/new"), &st), 0);
	KT_EQ(st.mode, S_IFREG | 0644);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/new"), O_CREAT | O_EXCL | O_WRONLY, 0666).err, -EEXIST);
	/* A dangling symlink is followed and its target created, unless O_EXCL. */
	KT_EQ(vfs_symlink(&t->ctx, P("d/made"), NOBASE, P("/dangling")), 0);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/dangling"), O_CREAT | O_EXCL | O_WRONLY, 0644).err, -EEXIST);
	fr = vfs_open(&t->ctx, NOBASE, P("/dangling"), O_CREAT | O_WRONLY, 0644);
	KT_EQ(fr.err, 0);
	file_put(fr.file);
	KT_EQ(ft_err(t, P("/d/made"), 0), 0);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/dangling"), O_RDONLY | O_NOFOLLOW, 0).err, -ELOOP);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/new"), O_RDONLY | O_DIRECTORY, 0).err, -ENOTDIR);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/d"), O_WRONLY, 0).err, -EISDIR);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/d"), O_CREAT | O_RDONLY, 0644).err, -EISDIR);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/x/"), O_CREAT | O_WRONLY, 0644).err, -EISDIR);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/nope"), O_RDONLY, 0).err, -ENOENT);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/new"), O_ACCMODE, 0).err, -EINVAL);
	fstest_free(t);
}

KTEST(vfs_getcwd_climbs_directories_and_mounts)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/bb"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/bb/ccc"), 0755), 0);
	KT_EQ(vfs_getcwd(&t->ctx, ft_buf(t)), 2);
	KT_ASSERT(ft_buf_is(t, 2, P("/\0")));
	struct path_ref r = vfs_chdir(&t->ctx, NOBASE, P("/a/bb/ccc"));
	KT_EQ(r.err, 0);
	struct vfs_ctx c = t->ctx;
	c.cwd = r.path;
	KT_EQ(vfs_getcwd(&c, ft_buf(t)), 10);
	KT_ASSERT(ft_buf_is(t, 9, P("/a/bb/ccc")));
	KT_EQ(vfs_getcwd(&c, bytes_sub(ft_buf(t), 0, 9)), -ERANGE);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/a/bb/ccc")), 0);
	KT_EQ(vfs_getcwd(&c, ft_buf(t)), -ENOENT);
	KT_EQ(vfs_chdir(&t->ctx, NOBASE, P("/a/bb/x")).err, -ENOENT);
	vfs_path_put(r.path);
	fstest_free(t);
}
