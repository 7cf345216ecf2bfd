/* ktests for open files: read, write, lseek, truncate with holes, O_APPEND, O_TRUNC, access modes. */
#include <frame/ktest.h>
#include "fstest.h"
#include "ramfs/ramfs.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

static struct file *open_or_null(struct fstest *t, struct bytes path, uint32_t flags)
{
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, path, flags, 0644);
	return fr.err ? NULL : fr.file;
}

KTEST(vfs_read_write_lseek)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	struct file *f = open_or_null(t, P("/f"), O_RDWR | O_CREAT);
	KT_ASSERT(f);
	KT_EQ(vfs_write(f, uio_kernel(P("hello, world"))), 12);
	KT_EQ(vfs_read(f, uio_kernel(ft_buf(t))), 0); /* at the end */
	KT_EQ(vfs_lseek(f, 7, SEEK_SET), 7);
	KT_ASSERT(ft_buf_is(t, vfs_read(f, uio_kernel(ft_buf(t))), P("world")));
	KT_EQ(vfs_lseek(f, -5, SEEK_END), 7);
	KT_EQ(vfs_lseek(f, -2, SEEK_CUR), 5);
	KT_ASSERT(ft_buf_is(t, vfs_read(f, uio_kernel(bytes_sub(ft_buf(t), 0, 2))), P(", ")));
	KT_EQ(vfs_lseek(f, -100, SEEK_CUR), -EINVAL);
	KT_EQ(vfs_lseek(f, 0, 99), -EINVAL);
	KT_EQ(vfs_lseek(f, 0, SEEK_CUR), 7); /* failed seeks leave the offset alone */
	KT_EQ(vfs_lseek(f, 3, SEEK_DATA), 3);
	KT_EQ(vfs_lseek(f, 3, SEEK_HOLE), 12);
	KT_EQ(vfs_lseek(f, 12, SEEK_DATA), -ENXIO);
	/* pread/pwrite leave the offset alone. */
	KT_EQ(vfs_pwrite(f, uio_kernel(P("W")), 7), 1);
	KT_ASSERT(ft_buf_is(t, vfs_pread(f, uio_kernel(bytes_sub(ft_buf(t), 0, 5)), 7), P("World")));
	KT_EQ(vfs_lseek(f, 0, SEEK_CUR), 12); /* where SEEK_HOLE left it */
	KT_EQ(vfs_pread(f, uio_kernel(ft_buf(t)), -1), -EINVAL);
	file_put(f);
	fstest_free(t);
}

KTEST(vfs_sparse_files_read_zeroes_in_holes)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	struct file *f = open_or_null(t, P("/sparse"), O_RDWR | O_CREAT);
	KT_ASSERT(f);
	uint64_t far = 5 * PAGE_SIZE + 10;
	KT_EQ(vfs_pwrite(f, uio_kernel(P("end")), (int64_t)far), 3);
	struct vfs_stat st = { 0 };
	vfs_fstat(f, &st);
	KT_EQ(st.size, far + 3);
	KT_EQ(ramfs_data_chunks(ramfs_node_of(f->inode)), 1); /* the hole takes no pages */
	bytes_fill(ft_buf(t), 0xff);
	KT_EQ(vfs_pread(f, uio_kernel(bytes_sub(ft_buf(t), 0, 8192)), 4000), 8192);
	for (size_t i = 0; i < 8192; i++)
		KT_EQ(bytes_get(ft_buf(t), i), 0);
	KT_ASSERT(ft_buf_is(t, vfs_pread(f, uio_kernel(bytes_sub(ft_buf(t), 0, 3)), (int64_t)far), P("end")));
	file_put(f);
	fstest_free(t);
}

KTEST(vfs_truncate_shrinks_and_extends_with_zeroes)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	struct file *f = open_or_null(t, P("/t"), O_RDWR | O_CREAT);
	KT_ASSERT(f);
	struct bytes data = bytes_sub(ft_buf(t), 0, 10000);
	bytes_fill(data, 'x');
	KT_EQ(vfs_write(f, uio_kernel(data)), 10000);
	KT_EQ(ramfs_data_chunks(ramfs_node_of(f->inode)), 3);
	KT_EQ(vfs_ftruncate(f, 5000), 0);
	KT_EQ(ramfs_data_chunks(ramfs_node_of(f->inode)), 2);
	KT_EQ(vfs_truncate(&t->ctx, NOBASE, P("/t"), 9000), 0);
	struct vfs_stat st = { 0 };
	vfs_fstat(f, &st);
	KT_EQ(st.size, 9000);
	bytes_fill(ft_buf(t), 0xff);
	KT_EQ(vfs_pread(f, uio_kernel(bytes_sub(ft_buf(t), 0, 9000)), 0), 9000);
	KT_EQ(bytes_get(ft_buf(t), 4999), 'x');
	for (size_t i = 5000; i < 9000; i++)
		KT_EQ(bytes_get(ft_buf(t), i), 0);
	KT_EQ(vfs_ftruncate(f, -1), -EINVAL);
	KT_EQ(vfs_truncate(&t->ctx, NOBASE, P("/"), 0), -EISDIR);
	KT_EQ(vfs_ftruncate(f, 0), 0);
	KT_EQ(ramfs_data_chunks(ramfs_node_of(f->inode)), 0);
	file_put(f);
	f = open_or_null(t, P("/t"), O_RDONLY);
	KT_ASSERT(f);
	KT_EQ(vfs_ftruncate(f, 0), -EINVAL); /* not open for writing */
	file_put(f);
	fstest_free(t);
}

KTEST(vfs_large_writes_cross_pages)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	struct bytes data = bytes_sub(ft_buf(t), 0, 3 * PAGE_SIZE + 123);
	for (size_t i = 0; i < bytes_len(data); i++)
		bytes_set(data, i, (uint8_t)(i * 7 + i / 4096));
	KT_EQ(ft_write(t, P("/big"), data), 0);
	struct bytes back = bytes_alloc(bytes_len(data));
	KT_ASSERT(bytes_len(back));
	struct file *f = open_or_null(t, P("/big"), O_RDONLY);
	KT_ASSERT(f);
	/* Read in odd-sized pieces so copies straddle page boundaries. */
	size_t got = 0;
	while (got < bytes_len(back)) {
		size_t want = MIN((size_t)1000, bytes_len(back) - got);
		ssize_t n = vfs_read(f, uio_kernel(bytes_sub(back, got, want)));
		KT_ASSERT(n > 0);
		got += (size_t)n;
	}
	KT_ASSERT(bytes_equal(back, data));
	file_put(f);
	bytes_free(back);
	fstest_free(t);
}

KTEST(vfs_append_and_trunc_flags)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/log"), P("one ")), 0);
	struct file *f = open_or_null(t, P("/log"), O_WRONLY | O_APPEND);
	KT_ASSERT(f);
	KT_EQ(vfs_lseek(f, 0, SEEK_SET), 0);
	KT_EQ(vfs_write(f, uio_kernel(P("two "))), 4);
	KT_EQ(vfs_write(f, uio_kernel(P("three"))), 5);
	file_put(f);
	KT_ASSERT(ft_buf_is(t, ft_read(t, P("/log")), P("one two three")));
	f = open_or_null(t, P("/log"), O_WRONLY | O_TRUNC);
	KT_ASSERT(f);
	file_put(f);
	KT_EQ(ft_read(t, P("/log")), 0);
	fstest_free(t);
}

KTEST(vfs_access_modes_are_enforced)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/f"), P("data")), 0);
	struct file *r = open_or_null(t, P("/f"), O_RDONLY);
	struct file *w = open_or_null(t, P("/f"), O_WRONLY);
	struct file *d = open_or_null(t, P("/"), O_RDONLY | O_DIRECTORY);
	struct file *p = open_or_null(t, P("/f"), O_PATH);
	KT_ASSERT(r && w && d && p);
	KT_EQ(vfs_write(r, uio_kernel(P("x"))), -EBADF);
	KT_EQ(vfs_read(w, uio_kernel(ft_buf(t))), -EBADF);
	KT_EQ(vfs_read(d, uio_kernel(ft_buf(t))), -EISDIR);
	KT_EQ(vfs_read(p, uio_kernel(ft_buf(t))), -EBADF);
	KT_EQ(vfs_getdents64(r, uio_kernel(ft_buf(t))), -ENOTDIR);
	KT_EQ(vfs_ioctl(r, 0x5401, 0), -ENOTTY);
	KT_EQ(vfs_poll(r, POLLIN | POLLOUT), POLLIN | POLLOUT);
	/* A user without write permission cannot open for writing. */
	KT_EQ(vfs_chmod(&t->ctx, NOBASE, P("/f"), 0444), 0);
	t->ctx.uid = 1000;
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/f"), O_WRONLY, 0).err, -EACCES);
	KT_EQ(vfs_chmod(&t->ctx, NOBASE, P("/f"), 0777), -EPERM);
	struct file_ref ok = vfs_open(&t->ctx, NOBASE, P("/f"), O_RDONLY, 0);
	KT_EQ(ok.err, 0);
	file_put(ok.file);
	file_put(r);
	file_put(w);
	file_put(d);
	file_put(p);
	fstest_free(t);
}

KTEST(vfs_stat_layout_matches_linux)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/f"), P("12345")), 0);
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/f"), &st), 0);
	struct bytes out = bytes_alloc(LINUX_STAT_SIZE);
	KT_ASSERT(bytes_len(out));
	vfs_stat_to_linux(&st, out);
	KT_EQ(bytes_get_le64(out, 8), st.ino);
	KT_EQ(bytes_get_le64(out, 16), 1); /* st_nlink */
	KT_EQ(bytes_get_le32(out, 24), S_IFREG | 0644); /* st_mode */
	KT_EQ(bytes_get_le64(out, 48), 5); /* st_size */
	KT_EQ(bytes_get_le64(out, 56), PAGE_SIZE); /* st_blksize */
	KT_EQ(bytes_get_le64(out, 64), 1); /* st_blocks */
	bytes_free(out);
	fstest_free(t);
}
