/*
 * Pipes and FIFOs: a 64 KiB ring buffer between readers and writers.
 *
 * Reads block until data arrives or every writer is gone (then 0, EOF);
 * writes block until there is room or every reader is gone (then EPIPE,
 * and the syscall layer raises SIGPIPE). Writes of at most PIPE_BUF bytes
 * are atomic. Anonymous pipes live on an internal file system so they have
 * inodes and can be fstat'ed like on Linux.
 */
#include <frame/alloc.h>
#include <frame/bytes_buf.h>
#include "lib/errno_restart.h"
#include "fs/vfs_internal.h"
#include "fs/pipe.h"
#include "fs/pollwait.h"

#define PIPE_SIZE 65536
#define PIPE_BUF 4096

struct pipe {
	struct mutex lock;
	struct bytes_buf buf; /* PIPE_SIZE bytes; its contents: lock */
	size_t head, len; /* the ring's data: lock */
	unsigned readers, writers; /* open ends: lock */
	struct wait_queue wq; /* woken after any change of the fields above (sleepers hold lock to test them) */
};

/*
 * The inode of a pipe or FIFO, with the pipe behind it (NULL until a FIFO is
 * first opened). pipe_sb's inodes and other file systems' FIFOs
 * (pipe_fifo_new) are all of this type; pipe_of finds the pipe again.
 */
struct pipe_inode {
	struct inode vfs;
	struct pipe *pipe; /* written once, under vfs.lock */
};

static struct pipe_inode *pipe_inode_of(struct inode *ip)
{
	return CONTAINER_OF(ip, struct pipe_inode, vfs);
}

static struct pipe *pipe_of(struct inode *ip)
{
	return pipe_inode_of(ip)->pipe;
}

static struct vfs_sb *pipe_sb;
static struct mount *pipe_mnt;

static struct pipe *pipe_new(void)
{
	struct pipe *p = NEW(struct pipe);
	if (!p)
		return NULL;
	p->buf = bytes_buf_alloc(PIPE_SIZE);
	if (bytes_buf_is_null(p->buf)) {
		FREE(p);
		return NULL;
	}
	return p;
}

static bool is_reader(const struct file *f)
{
	uint32_t acc = f->flags & O_ACCMODE;
	return acc == O_RDONLY || acc == O_RDWR;
}

static bool is_writer(const struct file *f)
{
	uint32_t acc = f->flags & O_ACCMODE;
	return acc == O_WRONLY || acc == O_RDWR;
}

static int pipe_open(struct inode *ip, struct file *f)
{
	struct pipe_inode *pi = pipe_inode_of(ip);
	struct pipe *p = pi->pipe;
	if (!p) {
		mutex_lock(&ip->lock);
		if (!pi->pipe)
			pi->pipe = pipe_new();
		p = pi->pipe;
		mutex_unlock(&ip->lock);
		if (!p)
			return -ENOMEM;
	}
	mutex_lock(&p->lock);
	if (is_reader(f))
		p->readers++;
	if (is_writer(f))
		p->writers++;
	mutex_unlock(&p->lock);
	wake_up_all(&p->wq);
	/* A FIFO opened for one direction waits for the other end (unless O_NONBLOCK). */
	if (ip->sb == pipe_sb || (f->flags & O_ACCMODE) == O_RDWR)
		return 0; /* anonymous pipes are born with both ends */
	mutex_lock(&p->lock);
	int r = 0;
	if (f->flags & O_NONBLOCK)
		r = is_writer(f) && !p->readers ? -ENXIO : 0;
	else if (is_reader(f) ? wait_event_mutex_interruptible(&p->wq, &p->lock, p->writers > 0)
			      : wait_event_mutex_interruptible(&p->wq, &p->lock, p->readers > 0))
		r = -ERESTARTSYS;
	mutex_unlock(&p->lock);
	return r;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = pipe_of(f->inode);
	if (!p)
		return;
	mutex_lock(&p->lock);
	if (is_reader(f))
		p->readers--;
	if (is_writer(f))
		p->writers--;
	mutex_unlock(&p->lock);
	wake_up_all(&p->wq);
	poll_notify();
}

static struct vfs_rw pipe_read(struct file *f, struct uio dst, uint64_t pos)
{
	struct pipe *p = pipe_of(f->inode);
	size_t want = uio_len(dst);
	if (!want)
		return (struct vfs_rw){ 0, pos };
	mutex_lock(&p->lock);
	if (!p->len && p->writers && !(f->flags & O_NONBLOCK) &&
	    wait_event_mutex_interruptible(&p->wq, &p->lock, p->len > 0 || p->writers == 0)) {
		mutex_unlock(&p->lock);
		return (struct vfs_rw){ -ERESTARTSYS, pos };
	}
	if (!p->len) {
		bool eof = p->writers == 0;
		mutex_unlock(&p->lock);
		return (struct vfs_rw){ eof ? 0 : -EAGAIN, pos };
	}
	size_t done = 0;
	while (done < want && p->len) {
		size_t chunk = MIN(MIN(want - done, p->len), PIPE_SIZE - p->head);
		int err = uio_copy_to(dst, done, bytes_sub(bytes_buf_view(p->buf), p->head, chunk));
		if (err) {
			mutex_unlock(&p->lock);
			return (struct vfs_rw){ done ? (ssize_t)done : err, pos };
		}
		p->head = (p->head + chunk) % PIPE_SIZE;
		p->len -= chunk;
		done += chunk;
	}
	mutex_unlock(&p->lock);
	wake_up_all(&p->wq);
	poll_notify();
	return (struct vfs_rw){ (ssize_t)done, pos };
}

static struct vfs_rw pipe_write(struct file *f, struct uio src, uint64_t pos)
{
	struct pipe *p = pipe_of(f->inode);
	size_t total = uio_len(src), done = 0;
	bool atomic = total <= PIPE_BUF;
	while (done < total) {
		mutex_lock(&p->lock);
		size_t need = atomic ? total - done : 1;
		if (p->readers && PIPE_SIZE - p->len < need) {
			int r = -EAGAIN;
			if (!(f->flags & O_NONBLOCK))
				r = wait_event_mutex_interruptible(&p->wq, &p->lock,
								   PIPE_SIZE - p->len >= need || p->readers == 0);
			if (r) {
				mutex_unlock(&p->lock);
				return (struct vfs_rw){ done ? (ssize_t)done : r == -EINTR ? -ERESTARTSYS : r, pos };
			}
		}
		if (!p->readers) {
			mutex_unlock(&p->lock);
			return (struct vfs_rw){ done ? (ssize_t)done : -EPIPE, pos };
		}
		while (done < total && p->len < PIPE_SIZE) {
			size_t tail = (p->head + p->len) % PIPE_SIZE;
			size_t chunk = MIN(MIN(total - done, PIPE_SIZE - p->len), PIPE_SIZE - tail);
			int err = uio_copy_from(src, done, bytes_sub(bytes_buf_view(p->buf), tail, chunk));
			if (err) {
				mutex_unlock(&p->lock);
				return (struct vfs_rw){ done ? (ssize_t)done : err, pos };
			}
			p->len += chunk;
			done += chunk;
		}
		mutex_unlock(&p->lock);
		wake_up_all(&p->wq);
		poll_notify();
	}
	return (struct vfs_rw){ (ssize_t)done, pos };
}

static uint32_t pipe_poll(struct file *f, uint32_t events)
{
	struct pipe *p = pipe_of(f->inode);
	uint32_t ready = 0;
	mutex_lock(&p->lock);
	if (is_reader(f)) {
		if (p->len)
			ready |= POLLIN | POLLRDNORM;
		if (!p->writers)
			ready |= POLLHUP;
	}
	if (is_writer(f)) {
		if (PIPE_SIZE - p->len >= PIPE_BUF)
			ready |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			ready |= POLLERR;
	}
	mutex_unlock(&p->lock);
	return ready & (events | POLLERR | POLLHUP);
}

static int pipe_ioctl(struct file *f, uint32_t cmd, uint64_t arg)
{
	if (cmd != 0x541b) /* FIONREAD */
		return -ENOTTY;
	return user_write_u32(uptr(arg), (uint32_t)pipe_of(f->inode)->len);
}

const struct file_ops pipe_fops = {
	.open = pipe_open,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

void pipe_fifo_free(struct inode *ip)
{
	struct pipe_inode *pi = pipe_inode_of(ip);
	if (pi->pipe) {
		bytes_buf_free(pi->pipe->buf);
		FREE(pi->pipe);
	}
	FREE(pi);
}

struct inode *pipe_fifo_new(struct vfs_sb *sb, const struct inode_ops *iops, struct inode_attr attr)
{
	struct pipe_inode *pi = NEW(struct pipe_inode);
	if (!pi)
		return NULL;
	inode_init(&pi->vfs, sb, iops, NULL, attr);
	return &pi->vfs;
}

static const struct super_ops pipe_super_ops = {
	.evict = pipe_fifo_free,
};

static const struct inode_ops pipe_iops = { 0 };

int pipe_init(void)
{
	pipe_sb = vfs_sb_new(&pipe_super_ops);
	if (!pipe_sb)
		return -ENOMEM;
	struct inode *root = pipe_fifo_new(pipe_sb, &pipe_iops, (struct inode_attr){ .mode = S_IFDIR | 0500 });
	if (!root)
		return -ENOMEM;
	pipe_mnt = vfs_mount_tree(pipe_sb, root);
	inode_put(root);
	return pipe_mnt ? 0 : -ENOMEM;
}

struct pipe_files pipe_create(uint32_t flags)
{
	struct pipe_files out = { 0 };
	struct pipe_inode *pi = NEW(struct pipe_inode);
	if (!pi) {
		out.err = -ENOMEM;
		return out;
	}
	inode_init(&pi->vfs, pipe_sb, &pipe_iops, &pipe_fops, (struct inode_attr){ .mode = S_IFIFO | 0600 });
	struct inode *ip = &pi->vfs;
	pi->pipe = pipe_new();
	struct vfs_path p = { pipe_mnt, ip };
	struct file_ref r = pi->pipe ? vfs_file_new(p, O_RDONLY | (flags & O_NONBLOCK), &pipe_fops)
				     : (struct file_ref){ .err = -ENOMEM };
	struct file_ref w = r.err ? r : vfs_file_new(p, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops);
	inode_put(ip);
	if (w.err) {
		if (!r.err)
			file_put(r.file);
		out.err = w.err;
		return out;
	}
	out.read = r.file;
	out.write = w.file;
	return out;
}
