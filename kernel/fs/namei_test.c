/* ktests for the path walk: ".", "..", symlinks, trailing slashes, length limits, permissions. */
#include <frame/ktest.h>
#include "fstest.h"
#include "lib/fmt.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

KTEST(vfs_walk_absolute_and_relative)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("a/b"), 0755), 0);
	int err = 0;
	struct vfs_path a = ft_lookup(t, P("/a"), LOOKUP_FOLLOW, &err);
	KT_EQ(err, 0);
	struct path_ref rel = vfs_lookup(&t->ctx, a, P("b"), LOOKUP_FOLLOW);
	KT_EQ(rel.err, 0);
	struct path_ref abs = vfs_lookup(&t->ctx, NOBASE, P("/a/b"), LOOKUP_FOLLOW);
	KT_EQ(abs.err, 0);
	KT_ASSERT(vfs_path_equal(rel.path, abs.path));
	KT_ASSERT(S_ISDIR(abs.path.inode->mode));
	vfs_path_put(rel.path);
	vfs_path_put(abs.path);
	vfs_path_put(a);
	fstest_free(t);
}

KTEST(vfs_walk_dotdot_at_root_stays_at_root)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_ASSERT(ft_same(t, P("/.."), P("/")));
	KT_ASSERT(ft_same(t, P("/../../.."), P("/")));
	KT_ASSERT(ft_same(t, P("/../a/../../a"), P("/a")));
	KT_ASSERT(ft_same(t, P(".."), P("/")));
	fstest_free(t);
}

KTEST(vfs_walk_dots_and_repeated_slashes)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/b"), 0755), 0);
	KT_ASSERT(ft_same(t, P("//a///b/./"), P("/a/b")));
	KT_ASSERT(ft_same(t, P("/a/./b/../b/."), P("/a/b")));
	KT_ASSERT(ft_same(t, P("///"), P("/")));
	KT_EQ(ft_err(t, P(""), 0), -ENOENT);
	KT_EQ(ft_err(t, P("/a/nope"), 0), -ENOENT);
	KT_EQ(ft_err(t, P("/nope/b"), 0), -ENOENT);
	fstest_free(t);
}

KTEST(vfs_walk_follows_symlinks_by_the_rules)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/a/b"), 0755), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("a/b"), NOBASE, P("/rel")), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("/a"), NOBASE, P("/a/b/abs")), 0);
	/* Followed in the middle always, at the end only with LOOKUP_FOLLOW or a trailing slash. */
	KT_ASSERT(ft_same(t, P("/rel"), P("/a/b")));
	KT_ASSERT(ft_same(t, P("/rel/abs/b"), P("/a/b")));
	int err = 0;
	struct vfs_path l = ft_lookup(t, P("/rel"), 0, &err);
	KT_EQ(err, 0);
	KT_ASSERT(S_ISLNK(l.inode->mode));
	vfs_path_put(l);
	l = ft_lookup(t, P("/rel/"), 0, &err);
	KT_EQ(err, 0);
	KT_ASSERT(S_ISDIR(l.inode->mode));
	vfs_path_put(l);
	/* ".." after a symlink is the target's parent, not the link's. */
	KT_ASSERT(ft_same(t, P("/a/b/abs/.."), P("/")));
	KT_ASSERT(ft_same(t, P("/rel/.."), P("/a")));
	fstest_free(t);
}

KTEST(vfs_walk_symlink_loops_give_eloop)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_symlink(&t->ctx, P("y"), NOBASE, P("/x")), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("x"), NOBASE, P("/y")), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("self/more"), NOBASE, P("/self")), 0);
	KT_EQ(ft_err(t, P("/x"), LOOKUP_FOLLOW), -ELOOP);
	KT_EQ(ft_err(t, P("/x/z"), 0), -ELOOP);
	KT_EQ(ft_err(t, P("/self"), LOOKUP_FOLLOW), -ELOOP);
	/* Not following the last component is not a loop. */
	KT_EQ(ft_err(t, P("/x"), 0), 0);
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/x"), O_RDONLY, 0);
	KT_EQ(fr.err, -ELOOP);
	fstest_free(t);
}

KTEST(vfs_walk_follows_exactly_forty_symlinks)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/target"), P("end")), 0);
	struct bytes name = bytes_alloc(16), prev = bytes_alloc(16);
	KT_ASSERT(bytes_len(name) && bytes_len(prev));
	/* l0 -> target, l(i) -> l(i-1): opening l(i) follows i + 1 links. */
	struct fmt pf = fmt_into(prev);
	fmt_lit(&pf, "target");
	for (int i = 0; i <= VFS_MAX_SYMLINKS; i++) {
		struct fmt nf = fmt_into(name);
		fmt_ch(&nf, 'l');
		fmt_i64(&nf, i);
		KT_EQ(vfs_symlink(&t->ctx, fmt_text(&pf), NOBASE, fmt_text(&nf)), 0);
		pf = fmt_into(prev);
		fmt_str(&pf, fmt_text(&nf));
	}
	struct fmt nf = fmt_into(name);
	fmt_lit(&nf, "/l");
	fmt_i64(&nf, VFS_MAX_SYMLINKS - 1);
	KT_EQ(ft_err(t, fmt_text(&nf), LOOKUP_FOLLOW), 0);
	nf = fmt_into(name);
	fmt_lit(&nf, "/l");
	fmt_i64(&nf, VFS_MAX_SYMLINKS);
	KT_EQ(ft_err(t, fmt_text(&nf), LOOKUP_FOLLOW), -ELOOP);
	bytes_free(name);
	bytes_free(prev);
	fstest_free(t);
}

KTEST(vfs_walk_trailing_slash_on_a_file_is_enotdir)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/f"), P("data")), 0);
	KT_EQ(vfs_symlink(&t->ctx, P("f"), NOBASE, P("/lf")), 0);
	KT_EQ(ft_err(t, P("/f"), 0), 0);
	KT_EQ(ft_err(t, P("/f/"), 0), -ENOTDIR);
	KT_EQ(ft_err(t, P("/f/."), 0), -ENOTDIR);
	KT_EQ(ft_err(t, P("/f/x"), 0), -ENOTDIR);
	KT_EQ(ft_err(t, P("/lf/"), 0), -ENOTDIR);
	KT_EQ(ft_err(t, P("/f"), LOOKUP_DIRECTORY), -ENOTDIR);
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/f/"), O_RDONLY, 0);
	KT_EQ(fr.err, -ENOTDIR);
	fstest_free(t);
}

KTEST(vfs_walk_rejects_long_names)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	struct bytes p = bytes_alloc(VFS_PATH_MAX + 8);
	KT_ASSERT(bytes_len(p));
	bytes_fill(p, 'a');
	bytes_set(p, 0, '/');
	/* A 255-byte component is fine (and absent); 256 is too long. */
	KT_EQ(ft_err(t, bytes_sub(p, 0, 1 + 255), 0), -ENOENT);
	KT_EQ(ft_err(t, bytes_sub(p, 0, 1 + 256), 0), -ENAMETOOLONG);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, bytes_sub(p, 0, 1 + 256), 0755), -ENAMETOOLONG);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, bytes_sub(p, 0, 1 + 255), 0755), 0);
	/* Paths of PATH_MAX bytes or more, even of short components. */
	for (size_t i = 2; i < VFS_PATH_MAX + 8; i += 2)
		bytes_set(p, i, '/');
	KT_EQ(ft_err(t, bytes_sub(p, 0, VFS_PATH_MAX), 0), -ENAMETOOLONG);
	KT_EQ(ft_err(t, bytes_sub(p, 0, VFS_PATH_MAX - 1), 0), -ENOENT);
	bytes_free(p);
	fstest_free(t);
}

KTEST(vfs_walk_needs_search_permission)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/private"), 0700), 0);
	KT_EQ(ft_write(t, P("/private/f"), P("x")), 0);
	t->ctx.uid = 1000;
	t->ctx.gid = 1000;
	KT_EQ(ft_err(t, P("/private/f"), 0), -EACCES);
	KT_EQ(ft_err(t, P("/private"), 0), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/mine"), 0755), -EACCES); /* / is 0755 root's */
	t->ctx.uid = 0;
	KT_EQ(ft_err(t, P("/private/f"), 0), 0);
	fstest_free(t);
}

KTEST(vfs_walk_dotdot_stops_at_the_callers_root)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/jail"), 0755), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/jail/in"), 0755), 0);
	int err = 0;
	struct vfs_path jail = ft_lookup(t, P("/jail"), 0, &err);
	KT_EQ(err, 0);
	struct vfs_ctx c = t->ctx;
	c.root = jail;
	c.cwd = jail;
	struct path_ref r = vfs_lookup(&c, NOBASE, P("/../../in/../.."), 0);
	KT_EQ(r.err, 0);
	KT_ASSERT(vfs_path_equal(r.path, jail));
	vfs_path_put(r.path);
	vfs_path_put(jail);
	fstest_free(t);
}
