/*
 * The memory devices: /dev/null, /dev/zero, /dev/full, /dev/random and
 * /dev/urandom (Linux's drivers/char/mem.c and random.c semantics).
 *
 *   null     reads end of file, writes vanish
 *   zero     reads zeroes, writes vanish
 *   full     reads zeroes, writes fail with ENOSPC
 *   random   reads the kernel's random source (frame/random.h); writes are
 *            copied in and dropped (RDRAND needs no stirring)
 *   urandom  the same (there is no entropy accounting to block on)
 * They never block, so poll always reports them ready.
 */
#include <frame/random.h>
#include "devfs.h"

static struct vfs_rw rw_none(uint64_t pos)
{
	return (struct vfs_rw){ .ret = 0, .pos = pos };
}

static struct vfs_rw rw_all(struct uio u, uint64_t pos)
{
	return (struct vfs_rw){ .ret = (ssize_t)uio_len(u), .pos = pos + uio_len(u) };
}

static struct vfs_rw null_read(struct file *f, struct uio dst, uint64_t pos)
{
	return rw_none(pos);
}

static struct vfs_rw sink_write(struct file *f, struct uio src, uint64_t pos)
{
	return rw_all(src, pos);
}

static struct vfs_rw zero_read(struct file *f, struct uio dst, uint64_t pos)
{
	int err = uio_zero(dst, 0, uio_len(dst));
	if (err)
		return (struct vfs_rw){ .ret = err, .pos = pos };
	return rw_all(dst, pos);
}

static struct vfs_rw full_write(struct file *f, struct uio src, uint64_t pos)
{
	return (struct vfs_rw){ .ret = uio_len(src) ? -ENOSPC : 0, .pos = pos };
}

#define RANDOM_CHUNK 256

static struct vfs_rw random_read(struct file *f, struct uio dst, uint64_t pos)
{
	struct bytes buf = bytes_alloc(RANDOM_CHUNK);
	if (bytes_len(buf) == 0)
		return (struct vfs_rw){ .ret = -ENOMEM, .pos = pos };
	size_t done = 0, n = uio_len(dst);
	int err = 0;
	while (done < n) {
		size_t len = MIN((size_t)RANDOM_CHUNK, n - done);
		struct bytes part = bytes_sub(buf, 0, len);
		random_fill(part);
		err = uio_copy_to(dst, done, part);
		if (err)
			break;
		done += len;
	}
	bytes_fill(buf, 0); /* do not leave generator output in freed memory */
	bytes_free(buf);
	if (err && done == 0)
		return (struct vfs_rw){ .ret = err, .pos = pos };
	return (struct vfs_rw){ .ret = (ssize_t)done, .pos = pos + done };
}

static struct vfs_rw random_write(struct file *f, struct uio src, uint64_t pos)
{
	struct bytes buf = bytes_alloc(RANDOM_CHUNK);
	if (bytes_len(buf) == 0)
		return (struct vfs_rw){ .ret = -ENOMEM, .pos = pos };
	size_t done = 0, n = uio_len(src);
	int err = 0;
	while (done < n) {
		size_t len = MIN((size_t)RANDOM_CHUNK, n - done);
		struct bytes part = bytes_sub(buf, 0, len);
		err = uio_copy_from(src, done, part);
		if (err)
			break;
		done += len;
	}
	bytes_free(buf);
	if (err && done == 0)
		return (struct vfs_rw){ .ret = err, .pos = pos };
	return (struct vfs_rw){ .ret = (ssize_t)done, .pos = pos + done };
}

/* Seeking these devices is allowed and meaningless, as on Linux: the offset stays 0. */
static int64_t mem_lseek(struct file *f, int64_t off, int whence)
{
	return 0;
}

static uint32_t mem_poll(struct file *f, uint32_t events)
{
	return events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
}

static const struct file_ops null_fops = {
	.read = null_read,
	.write = sink_write,
	.lseek = mem_lseek,
	.poll = mem_poll,
};

static const struct file_ops zero_fops = {
	.read = zero_read,
	.write = sink_write,
	.lseek = mem_lseek,
	.poll = mem_poll,
};

static const struct file_ops full_fops = {
	.read = zero_read,
	.write = full_write,
	.lseek = mem_lseek,
	.poll = mem_poll,
};

static const struct file_ops random_fops = {
	.read = random_read,
	.write = random_write,
	.lseek = mem_lseek,
	.poll = mem_poll,
};

static struct spinlock once_lock = SPINLOCK_INIT;
static bool registered;

int devfs_register_devices(void)
{
	spin_lock(&once_lock);
	bool first = !registered;
	registered = true;
	spin_unlock(&once_lock);
	if (!first)
		return 0;
	int err = chrdev_register(MEM_MAJOR, DEV_NULL_MINOR, &null_fops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, DEV_ZERO_MINOR, &zero_fops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, DEV_FULL_MINOR, &full_fops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, DEV_RANDOM_MINOR, &random_fops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, DEV_URANDOM_MINOR, &random_fops);
	/* The TTY service registers these later with chrdev_register. */
	if (!err)
		err = chrdev_reserve(TTYAUX_MAJOR, DEV_TTY_MINOR);
	if (!err)
		err = chrdev_reserve(TTYAUX_MAJOR, DEV_CONSOLE_MINOR);
	return err;
}
