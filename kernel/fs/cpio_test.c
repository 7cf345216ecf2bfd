/* ktests for the newc cpio unpacker: every entry type, hard links, times, and malformed archives. */
#include <frame/ktest.h>
#include <frame/alloc.h>
#include "fstest.h"
#include "cpio.h"
#include "lib/fmt.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

struct cpio_builder {
	struct bytes_buf buf; /* 8 KiB; see buf_of */
	size_t off;
};

struct cpio_entry {
	uint32_t ino, mode, nlink, mtime, rmajor, rminor;
};

static struct cpio_builder *builder_new(void)
{
	struct cpio_builder *b = NEW(struct cpio_builder);
	if (b)
		b->buf = bytes_buf_alloc(8192);
	return b;
}

static struct bytes buf_of(struct cpio_builder *b)
{
	return bytes_buf_view(b->buf);
}

static void builder_free(struct cpio_builder *b)
{
	bytes_buf_free(b->buf);
	FREE(b);
}

static void add(struct cpio_builder *b, struct cpio_entry e, struct bytes name, struct bytes data)
{
	/* The newc header: the magic, then 13 fields of 8 upper-case hex digits. */
	uint64_t field[13] = { e.ino,	e.mode,	  1000u,	   100u,
			       e.nlink, e.mtime,  bytes_len(data), 0u,
			       0u,	e.rmajor, e.rminor,	   bytes_len(name) + 1,
			       0u };
	struct fmt f = fmt_into(bytes_sub(buf_of(b), b->off, 110));
	fmt_lit(&f, "070701");
	for (int i = 0; i < 13; i++)
		fmt_num(&f, field[i], 16, 8, FMT_ZERO | FMT_UPPER);
	b->off += 110;
	bytes_copy(bytes_sub(buf_of(b), b->off, bytes_len(name)), name);
	b->off += bytes_len(name);
	bytes_set(buf_of(b), b->off, 0);
	b->off = ALIGN_UP(b->off + 1, 4ul);
	bytes_copy(bytes_sub(buf_of(b), b->off, bytes_len(data)), data);
	b->off = ALIGN_UP(b->off + bytes_len(data), 4ul);
}

static void trailer(struct cpio_builder *b)
{
	add(b, (struct cpio_entry){ .nlink = 1 }, P("TRAILER!!!"), bytes_empty());
}

static struct bytes archive(struct cpio_builder *b)
{
	return bytes_sub(buf_of(b), 0, b->off);
}

static void build_sample(struct cpio_builder *b)
{
	add(b, (struct cpio_entry){ 1, S_IFDIR | 0755, 2, 0, 0, 0 }, P("."), bytes_empty());
	add(b, (struct cpio_entry){ 2, S_IFDIR | 0751, 2, 1000, 0, 0 }, P("bin"), bytes_empty());
	add(b, (struct cpio_entry){ 3, S_IFREG | 0755, 1, 1234, 0, 0 }, P("bin/hello"), P("hi there"));
	add(b, (struct cpio_entry){ 4, S_IFLNK | 0777, 1, 0, 0, 0 }, P("bin/link"), P("hello"));
	/* newc hard links: the same ino, the data with the last name. */
	add(b, (struct cpio_entry){ 50, S_IFREG | 0644, 2, 0, 0, 0 }, P("./a"), bytes_empty());
	add(b, (struct cpio_entry){ 50, S_IFREG | 0644, 2, 0, 0, 0 }, P("bin/b"), P("linked data"));
	add(b, (struct cpio_entry){ 6, S_IFCHR | 0666, 1, 0, 1, 3 }, P("null"), bytes_empty());
	add(b, (struct cpio_entry){ 7, S_IFIFO | 0600, 1, 0, 0, 0 }, P("fifo"), bytes_empty());
	trailer(b);
}

KTEST(cpio_unpacks_every_entry_type)
{
	struct fstest *t = fstest_new();
	struct cpio_builder *b = builder_new();
	KT_ASSERT(t && b && bytes_len(buf_of(b)));
	build_sample(b);
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bytes_readonly(archive(b))), 0);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/bin/hello")), P("hi there")));
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/bin/hello"), &st), 0);
	KT_EQ(st.mode, S_IFREG | 0755); /* exact: no umask */
	KT_EQ(st.mtime.sec, 1234);
	KT_EQ(st.uid, 1000);
	KT_EQ(st.gid, 100);
	KT_EQ(ft_lstat(t, P("/bin"), &st), 0);
	KT_EQ(st.mode, S_IFDIR | 0751);
	KT_EQ(st.mtime.sec, 1000); /* set after its entries were made */
	KT_ASSERT(ft_buf_is(t, vfs_readlink(&t->ctx, NOBASE, P("/bin/link"), uio_kernel(ft_buf(t))), P("hello")));
	KT_ASSERT(ft_same(t, P("/bin/link"), P("/bin/hello")));
	KT_ASSERT(ft_same(t, P("/a"), P("/bin/b")));
	KT_EQ(ft_lstat(t, P("/a"), &st), 0);
	KT_EQ(st.nlink, 2);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/a")), P("linked data")));
	KT_EQ(ft_lstat(t, P("/null"), &st), 0);
	KT_EQ(st.mode, S_IFCHR | 0666);
	KT_EQ(vfs_dev_major(st.rdev), 1);
	KT_EQ(vfs_dev_minor(st.rdev), 3);
	KT_EQ(ft_lstat(t, P("/fifo"), &st), 0);
	KT_ASSERT(S_ISFIFO(st.mode));
	builder_free(b);
	fstest_free(t);
}

KTEST(cpio_accepts_concatenated_archives_and_replaces_files)
{
	struct fstest *t = fstest_new();
	struct cpio_builder *b = builder_new();
	KT_ASSERT(t && b && bytes_len(buf_of(b)));
	add(b, (struct cpio_entry){ 1, S_IFREG | 0644, 1, 0, 0, 0 }, P("f"), P("first"));
	trailer(b);
	b->off += 512; /* zero padding between archives, as boot loaders leave it */
	add(b, (struct cpio_entry){ 1, S_IFREG | 0600, 1, 0, 0, 0 }, P("f"), P("second"));
	add(b, (struct cpio_entry){ 2, S_IFREG | 0644, 1, 0, 0, 0 }, P("g"), P("more"));
	trailer(b);
	b->off += 100;
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, archive(b)), 0);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/f")), P("second")));
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/g")), P("more")));
	builder_free(b);
	fstest_free(t);
}

KTEST(cpio_rejects_malformed_archives)
{
	struct fstest *t = fstest_new();
	struct cpio_builder *b = builder_new();
	KT_ASSERT(t && b && bytes_len(buf_of(b)));
	add(b, (struct cpio_entry){ 1, S_IFREG | 0644, 1, 0, 0, 0 }, P("file"), P("0123456789"));
	size_t one = b->off;
	trailer(b);
	struct bytes good = archive(b);
	struct bytes bad = bytes_alloc(bytes_len(good));
	KT_ASSERT(bytes_len(bad));
	/* No trailer: truncated after the first entry, or inside its header. */
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bytes_sub(good, 0, one)), -EINVAL);
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bytes_sub(good, 0, 50)), -EINVAL);
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bytes_sub(good, 0, one - 4)), -EINVAL); /* data cut short */
	/* A wrong magic, a non-hex digit, a name size past the end, a name without its NUL. */
	bytes_copy(bad, good);
	bytes_set(bad, 5, '7');
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bad), -EINVAL);
	bytes_copy(bad, good);
	bytes_set(bad, 20, 'g');
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bad), -EINVAL);
	bytes_copy(bad, good);
	bytes_copy(bytes_sub(bad, 6 + 8 * 11, 8), P("FFFFFFFF"));
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bad), -EINVAL);
	bytes_copy(bad, good);
	bytes_copy(bytes_sub(bad, 6 + 8 * 11, 8), P("00000004")); /* "file" has 4 bytes + NUL */
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bad), -EINVAL);
	bytes_copy(bad, good);
	bytes_copy(bytes_sub(bad, 6 + 8 * 6, 8), P("7FFFFFFF")); /* file size past the end */
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bad), -EINVAL);
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, bytes_empty()), -EINVAL);
	/* And the intact archive still unpacks. */
	KT_EQ(cpio_unpack(&t->ctx, t->ctx.root, good), 0);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/file")), P("0123456789")));
	bytes_free(bad);
	builder_free(b);
	fstest_free(t);
}
