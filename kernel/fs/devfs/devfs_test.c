/* ktests for devfs and the memory devices, and for the character-device table. */
#include <frame/ktest.h>
#include "devfs.h"
#include "../fstest.h"

#define P(s) BYTES_LIT(s)
#define NOBASE ((struct vfs_path){ 0 })

static struct fstest *with_dev(void)
{
	struct fstest *t = fstest_new();
	if (!t)
		return NULL;
	if (vfs_mkdir(&t->ctx, NOBASE, P("/dev"), 0755) || devfs_mount(&t->ctx, P("/dev"))) {
		fstest_free(t);
		return NULL;
	}
	return t;
}

static struct file *dev_open(struct fstest *t, struct bytes path, uint32_t flags)
{
	struct file_ref fr = vfs_open(&t->ctx, NOBASE, path, flags, 0);
	return fr.err ? NULL : fr.file;
}

KTEST(devfs_null_zero_full)
{
	struct fstest *t = with_dev();
	KT_ASSERT(t);
	struct file *null = dev_open(t, P("/dev/null"), O_RDWR);
	struct file *zero = dev_open(t, P("/dev/zero"), O_RDWR);
	struct file *full = dev_open(t, P("/dev/full"), O_RDWR);
	KT_ASSERT(null && zero && full);
	struct bytes b = bytes_sub(ft_buf(t), 0, 100);
	KT_EQ(vfs_read(null, uio_kernel(b)), 0);
	KT_EQ(vfs_write(null, uio_kernel(P("gone"))), 4);
	bytes_fill(b, 0xff);
	KT_EQ(vfs_read(zero, uio_kernel(b)), 100);
	for (size_t i = 0; i < 100; i++)
		KT_EQ(bytes_get(b, i), 0);
	KT_EQ(vfs_write(zero, uio_kernel(P("gone"))), 4);
	KT_EQ(vfs_write(full, uio_kernel(P("x"))), -ENOSPC);
	bytes_fill(b, 0xff);
	KT_EQ(vfs_read(full, uio_kernel(b)), 100);
	KT_EQ(bytes_get(b, 99), 0);
	KT_EQ(vfs_lseek(null, 100, SEEK_SET), 0);
	KT_EQ(vfs_pread(zero, uio_kernel(b), 0), -ESPIPE);
	KT_EQ(vfs_poll(zero, POLLIN), POLLIN);
	file_put(null);
	file_put(zero);
	file_put(full);
	fstest_free(t);
}

KTEST(devfs_random_gives_varied_bytes)
{
	struct fstest *t = with_dev();
	KT_ASSERT(t);
	struct file *r = dev_open(t, P("/dev/urandom"), O_RDWR);
	struct file *r2 = dev_open(t, P("/dev/random"), O_RDONLY);
	KT_ASSERT(r && r2);
	struct bytes a = bytes_sub(ft_buf(t), 0, 600), c = bytes_sub(ft_buf(t), 1000, 600);
	KT_EQ(vfs_read(r, uio_kernel(a)), 600);
	KT_EQ(vfs_write(r, uio_kernel(P("stir"))), 4);
	KT_EQ(vfs_read(r2, uio_kernel(c)), 600);
	KT_ASSERT(!bytes_equal(a, c));
	unsigned zeroes = 0;
	for (size_t i = 0; i < 600; i++)
		zeroes += bytes_get(a, i) == 0;
	KT_ASSERT(zeroes < 30);
	file_put(r);
	file_put(r2);
	fstest_free(t);
}

KTEST(devfs_nodes_have_linux_numbers)
{
	struct fstest *t = with_dev();
	KT_ASSERT(t);
	struct vfs_stat st = { 0 };
	KT_EQ(ft_lstat(t, P("/dev/null"), &st), 0);
	KT_EQ(st.mode, S_IFCHR | 0666);
	KT_EQ(st.rdev, 0x103);
	KT_EQ(ft_lstat(t, P("/dev/console"), &st), 0);
	KT_EQ(st.mode, S_IFCHR | 0600);
	KT_EQ(vfs_dev_major(st.rdev), 5);
	KT_EQ(vfs_dev_minor(st.rdev), 1);
	KT_ASSERT(ft_same(t, P("/dev/.."), P("/")));
	fstest_free(t);
}

static struct vfs_rw fake_read(struct file *f, struct uio dst, uint64_t pos)
{
	return (struct vfs_rw){ .ret = uio_copy_to(dst, 0, P("!")) ? -EFAULT : 1, .pos = pos };
}

static const struct file_ops fake_fops = { .read = fake_read };

KTEST(devfs_reserved_numbers_open_once_registered)
{
	struct fstest *t = with_dev();
	KT_ASSERT(t);
	/* /dev/tty waits for the TTY service. */
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/dev/tty"), O_RDWR, 0).err, -ENXIO);
	KT_EQ(chrdev_reserve(TTYAUX_MAJOR, DEV_TTY_MINOR), -EEXIST);
	/* The same sequence on an experimental number (240, Linux's "local use"). */
	KT_EQ(chrdev_reserve(240, 7), 0);
	KT_EQ(vfs_mknod(&t->ctx, NOBASE, P("/dev/fake"), S_IFCHR | 0600, vfs_mkdev(240, 7)), 0);
	KT_EQ(vfs_open(&t->ctx, NOBASE, P("/dev/fake"), O_RDONLY, 0).err, -ENXIO);
	KT_EQ(chrdev_register(240, 7, &fake_fops), 0);
	KT_EQ(chrdev_register(240, 7, &fake_fops), -EEXIST);
	struct file *f = dev_open(t, P("/dev/fake"), O_RDONLY);
	KT_ASSERT(f);
	KT_ASSERT(ft_buf_is(t, vfs_read(f, uio_kernel(ft_buf(t))), P("!")));
	file_put(f);
	fstest_free(t);
}
