/* ktests for getdents64: the record layout, resuming, and listing while the directory changes. */
#include <frame/ktest.h>
#include "fstest.h"
#include "lib/fmt.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

struct dent {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	size_t name_off, name_len;
};

/* Decode the record at off of buf; false when malformed. */
static bool decode(struct bytes buf, size_t off, struct dent *d __noescape)
{
	d->ino = bytes_get_le64(buf, off);
	d->off = (int64_t)bytes_get_le64(buf, off + 8);
	d->reclen = bytes_get_le16(buf, off + 16);
	d->type = bytes_get(buf, off + 18);
	d->name_off = off + 19;
	ssize_t nul = bytes_find(bytes_sub(buf, d->name_off, d->reclen - 19), 0);
	if (nul < 0)
		return false;
	d->name_len = (size_t)nul;
	return d->reclen % 8 == 0 && d->reclen >= 24;
}

static bool name_is(struct bytes buf, struct dent *d __noescape, struct bytes name)
{
	return bytes_equal(bytes_sub(buf, d->name_off, d->name_len), name);
}

KTEST(vfs_getdents64_record_layout)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(ft_write(t, P("/a"), P("x")), 0);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/sub"), 0755), 0);
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/"), O_RDONLY | O_DIRECTORY, 0);
	KT_EQ(fr.err, 0);
	ssize_t n = vfs_getdents64(fr.file, uio_kernel(ft_buf(t)));
	KT_EQ(n, 24 + 24 + 24 + 24); /* ".", "..", "a", "sub": 19 + name + NUL rounded up to 8 */
	struct dent d = { 0 };
	KT_ASSERT(decode(ft_buf(t), 0, &d));
	KT_ASSERT(name_is(ft_buf(t), &d, P(".")));
	KT_EQ(d.type, DT_DIR);
	KT_EQ(d.ino, fr.file->inode->ino);
	KT_EQ(d.off, 1);
	KT_ASSERT(decode(ft_buf(t), 24, &d));
	KT_ASSERT(name_is(ft_buf(t), &d, P("..")));
	KT_ASSERT(decode(ft_buf(t), 48, &d));
	KT_ASSERT(name_is(ft_buf(t), &d, P("a")));
	KT_EQ(d.type, DT_REG);
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/a"), &st), 0);
	KT_EQ(d.ino, st.ino);
	KT_ASSERT(decode(ft_buf(t), 72, &d));
	KT_ASSERT(name_is(ft_buf(t), &d, P("sub")));
	KT_EQ(d.type, DT_DIR);
	KT_EQ(bytes_get(ft_buf(t), 72 + 19 + 3), 0);
	/* The end: 0, and again after that. */
	KT_EQ(vfs_getdents64(fr.file, uio_kernel(ft_buf(t))), 0);
	/* Seeking back to a record's d_off resumes after it. */
	KT_EQ(vfs_lseek(fr.file, 2, SEEK_SET), 2);
	n = vfs_getdents64(fr.file, uio_kernel(ft_buf(t)));
	KT_EQ(n, 48);
	KT_ASSERT(decode(ft_buf(t), 0, &d));
	KT_ASSERT(name_is(ft_buf(t), &d, P("a")));
	file_put(fr.file);
	fstest_free(t);
}

KTEST(vfs_getdents64_resumes_with_small_buffers)
{
	struct fstest *t = fstest_new();
	KT_ASSERT(t);
	KT_EQ(vfs_mkdir(&t->ctx, NOBASE, P("/d"), 0755), 0);
	struct bytes name = bytes_alloc(16);
	KT_ASSERT(bytes_len(name));
	for (int i = 0; i < 20; i++) {
		struct fmt f = fmt_into(name);
		fmt_lit(&f, "/d/file");
		fmt_num(&f, (uint64_t)i, 10, 2, FMT_ZERO);
		KT_EQ(ft_write(t, fmt_text(&f), P("")), 0);
	}
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, P("/d"), O_RDONLY, 0);
	KT_EQ(fr.err, 0);
	/* Room for one 32-byte record at a time ("fileNN" needs 19 + 7 -> 32). */
	struct bytes small = bytes_sub(ft_buf(t), 0, 40);
	KT_EQ(vfs_getdents64(fr.file, uio_kernel(bytes_sub(ft_buf(t), 0, 16))), -EINVAL);
	int seen = 0, calls = 0;
	bool removed = false;
	for (;;) {
		ssize_t n = vfs_getdents64(fr.file, uio_kernel(small));
		KT_ASSERT(n >= 0);
		if (n == 0)
			break;
		calls += 1;
		struct dent d = { 0 };
		KT_ASSERT(decode(small, 0, &d));
		KT_EQ((ssize_t)d.reclen, n);
		if (d.name_len == 6)
			seen += 1;
		/* Halfway through, remove a later entry and add a new one: the rest still come once each. */
		if (seen == 10 && !removed) {
			KT_EQ(vfs_unlink(&t->ctx, NOBASE, P("/d/file15")), 0);
			KT_EQ(ft_write(t, P("/d/file99"), P("")), 0);
			removed = true;
		}
	}
	KT_EQ(calls, 2 + 20);
	KT_EQ(seen, 20); /* 19 originals left, plus the new one */
	file_put(fr.file);
	bytes_free(name);
	fstest_free(t);
}
