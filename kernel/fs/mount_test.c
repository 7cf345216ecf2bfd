/* ktests for mounts: crossing mount points both ways, EXDEV, busy mounts, mount(2) by type name, vfs_init. */
#include <frame/ktest.h>
#include "fstest.h"
#include "ramfs/ramfs.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

/* Mount a fresh ramfs on path. */
static int mount_ramfs(struct fstest *t, struct bytes path)
{
	int err = 0;
	struct vfs_path at = ft_lookup(t, path, LOOKUP_FOLLOW, &err);
	if (err)
		return err;
	struct sb_ref sr = ramfs_new_instance(0755);
	err = sr.err;
	if (!err) {
		err = vfs_mount_at(at, sr.sb, sr.root);
		inode_put(sr.root);
		sb_put(sr.sb);
	}
	vfs_path_put(at);
	return err;
}

KTEST(vfs_mount_crossing_both_ways)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/mnt"), 0755), 0);
	KT_EQ(ft_write(t, P("/mnt/hidden"), P("under")), 0);
	KT_EQ(mount_ramfs(t, P("/mnt")), 0);
	KT_EQ(ft_err(t, P("/mnt/hidden"), 0), -ENOENT); /* covered by the mount */
	KT_EQ(ft_write(t, P("/mnt/x"), P("over")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/mnt/sub"), 0755), 0);
	struct vfs_stat a = { 0 }, b = { 0 };
	KT_EQ(ft_lstat(t, P("/"), &a), 0);
	KT_EQ(ft_lstat(t, P("/mnt/x"), &b), 0);
	KT_ASSERT(a.dev != b.dev);
	/* ".." at the mount's root continues in the parent mount. */
	KT_ASSERT(ft_same(t, P("/mnt/.."), P("/")));
	KT_ASSERT(ft_same(t, P("/mnt/sub/../../mnt/sub"), P("/mnt/sub")));
	KT_EQ(vfs_symlink(&t->ctx, P("/mnt/sub"), NOBASE, P("/to_sub")), 0);
	KT_ASSERT(ft_same(t, P("/to_sub/.."), P("/mnt")));
	/* Nothing moves or links across mounts. */
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/mnt/x"), NOBASE, P("/x")), -EXDEV);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/mnt/x"), NOBASE, P("/x"), false), -EXDEV);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/mnt")), -EBUSY);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/mnt"), NOBASE, P("/elsewhere")), -EBUSY);
	/* Unmount: the old directory shows again. */
	int err = 0;
	struct vfs_path m = ft_lookup(t, P("/mnt"), 0, &err);
	KT_EQ(err, 0);
	KT_EQ(vfs_umount(m), 0);
	vfs_path_put(m);
	KT_EQ(ft_err(t, P("/mnt/x"), 0), -ENOENT);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/mnt/hidden")), P("under")));
	fstest_free(t);
}

KTEST(vfs_umount_refuses_busy_or_wrong_targets)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/m"), 0755), 0);
	KT_EQ(mount_ramfs(t, P("/m")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/m/inner"), 0755), 0);
	KT_EQ(mount_ramfs(t, P("/m/inner")), 0);
	int err = 0;
	struct vfs_path m = ft_lookup(t, P("/m"), 0, &err);
	KT_EQ(err, 0);
	KT_EQ(vfs_umount(m), -EBUSY); /* a mount below it */
	struct vfs_path inner = ft_lookup(t, P("/m/inner"), 0, &err);
	KT_EQ(err, 0);
	KT_EQ(ft_write(t, P("/m/inner/f"), P("x")), 0);
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/m/inner/f"), O_RDONLY, 0);
	KT_EQ(fr.err, 0);
	KT_EQ(vfs_umount(inner), -EBUSY); /* an open file in it */
	file_put(fr.file);
	KT_EQ(vfs_umount(inner), 0);
	KT_EQ(vfs_umount(inner), -EINVAL); /* already detached */
	vfs_path_put(inner);
	KT_EQ(vfs_umount(m), 0);
	vfs_path_put(m);
	KT_EQ(vfs_umount(t->ctx.root), -EINVAL); /* the root of the tree */
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/plain"), 0755), 0);
	struct vfs_path plain = ft_lookup(t, P("/plain"), 0, &err);
	KT_EQ(vfs_umount(plain), -EINVAL); /* not a mount */
	vfs_path_put(plain);
	fstest_free(t);
}

KTEST(vfs_mount_by_type_name_and_stacking)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ramfs_register(), 0);
	KT_EQ(ft_write(t, P("/file"), P("x")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/s"), 0755), 0);
	KT_EQ(vfs_mount(&t->ctx, P("nosuchfs"), P("/s"), bytes_empty()), -ENODEV);
	KT_EQ(vfs_mount(&t->ctx, P("tmpfs"), P("/file"), bytes_empty()), -ENOTDIR);
	KT_EQ(vfs_mount(&t->ctx, P("tmpfs"), P("/s"), bytes_empty()), 0);
	KT_EQ(ft_write(t, P("/s/first"), P("1")), 0);
	KT_EQ(vfs_mount(&t->ctx, P("ramfs"), P("/s"), bytes_empty()), 0);
	/* The newest mount on a directory is the one seen. */
	KT_EQ(ft_err(t, P("/s/first"), 0), -ENOENT);
	KT_ASSERT(ft_same(t, P("/s/.."), P("/")));
	fstest_free(t);
}

KTEST(vfs_init_builds_root_and_dev)
{
	KT_EQ(vfs_init(), 0);
	struct vfs_path root = vfs_root();
	KT_ASSERT(root.mnt && root.inode);
	struct vfs_ctx ctx = { .root = root, .cwd = root };
	struct path_ref r = vfs_lookup(&ctx, NOBASE, P("/dev/null"), LOOKUP_FOLLOW);
	KT_EQ(r.err, 0);
	KT_ASSERT(S_ISCHR(r.path.inode->mode));
	vfs_path_put(r.path);
	struct file_ref fr = vfs_open(&ctx, NOBASE, P("/dev/zero"), O_RDONLY, 0);
	KT_EQ(fr.err, 0);
	file_put(fr.file);
	r = vfs_lookup(&ctx, NOBASE, P("/dev/.."), 0);
	KT_EQ(r.err, 0);
	KT_ASSERT(vfs_path_equal(r.path, root));
	vfs_path_put(r.path);
	vfs_path_put(root);
}

KTEST(vfs_teardown_frees_every_inode)
{
	uint64_t before = vfs_live_inodes();
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/b"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/b/c"), 0755), 0);
	KT_EQ(ft_write(t, P("/a/b/c/f"), P("data")), 0);
	KT_EQ(vfs_link(&t->ctx, NOBASE, P("/a/b/c/f"), NOBASE, P("/a/g"), false), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("/a/b"), NOBASE, P("/l")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/m"), 0755), 0);
	KT_EQ(mount_ramfs(t, P("/m")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/m/x"), 0755), 0);
	KT_EQ(vfs_rename(&t->ctx, NOBASE, P("/a/b/c"), NOBASE, P("/c2")), 0);
	KT_EQ(vfs_rmdir(&t->ctx, NOBASE, P("/a/b")), 0);
	KT_ASSERT(vfs_live_inodes() > before);
	fstest_free(t);
	KT_EQ(vfs_live_inodes(), before);
}
