/*
 * procfs instances, inodes, directories, links and the generated files'
 * file operations. What each file says is in gen_global.c and gen_pid.c.
 */
#include <frame/alloc.h>
#include <frame/bytes_buf.h>
#include "procfs/procfs.h"
#include "process/process.h"

/* ---- inode numbers and names ---- */

#define INO_ROOT 1u
#define INO_SELF 2u
#define INO_GLOBAL 16u
#define INO_SYS_DIR 64u
#define INO_SYS_FILE 96u
#define INO_FD_BASE 0x1000u

static uint64_t node_ino(struct procfs_node n)
{
	uint64_t pid_base = ((uint64_t)(uint32_t)n.pid + 1) << 16;
	switch (n.kind) {
	case PROCFS_ROOT:
		return INO_ROOT;
	case PROCFS_SELF:
		return INO_SELF;
	case PROCFS_GLOBAL:
		return INO_GLOBAL + n.id;
	case PROCFS_SYS_DIR:
		return INO_SYS_DIR + n.id;
	case PROCFS_SYS_FILE:
		return INO_SYS_FILE + n.id;
	case PROCFS_PID_DIR:
		return pid_base;
	case PROCFS_PID_FILE:
	case PROCFS_PID_LINK:
	case PROCFS_FD_DIR:
		return pid_base | (n.id + 1);
	case PROCFS_FD_LINK:
		return pid_base | (INO_FD_BASE + (uint32_t)n.fd);
	}
	return 0;
}

static uint32_t node_mode(struct procfs_node n)
{
	switch (n.kind) {
	case PROCFS_ROOT:
	case PROCFS_SYS_DIR:
	case PROCFS_PID_DIR:
		return S_IFDIR | 0555;
	case PROCFS_FD_DIR:
		return S_IFDIR | 0500;
	case PROCFS_SELF:
		return S_IFLNK | 0777;
	case PROCFS_PID_LINK:
	case PROCFS_FD_LINK:
		return S_IFLNK | (n.kind == PROCFS_FD_LINK ? 0700 : 0777);
	case PROCFS_SYS_FILE:
		return S_IFREG | (n.id == PS_HOSTNAME || n.id == PS_DOMAINNAME ? 0644 : 0444);
	case PROCFS_GLOBAL:
		return S_IFREG | 0444;
	case PROCFS_PID_FILE:
		return S_IFREG | 0444;
	}
	return S_IFREG | 0444;
}

static struct bytes global_name(unsigned id)
{
	switch (id) {
	case PG_MEMINFO:
		return BYTES_LIT("meminfo");
	case PG_UPTIME:
		return BYTES_LIT("uptime");
	case PG_LOADAVG:
		return BYTES_LIT("loadavg");
	case PG_MOUNTS:
		return BYTES_LIT("mounts");
	case PG_STAT:
		return BYTES_LIT("stat");
	case PG_VERSION:
		return BYTES_LIT("version");
	case PG_FILESYSTEMS:
		return BYTES_LIT("filesystems");
	case PG_CPUINFO:
		return BYTES_LIT("cpuinfo");
	default:
		return bytes_empty();
	}
}

static struct bytes sys_name(unsigned id)
{
	switch (id) {
	case PS_HOSTNAME:
		return BYTES_LIT("hostname");
	case PS_DOMAINNAME:
		return BYTES_LIT("domainname");
	case PS_OSTYPE:
		return BYTES_LIT("ostype");
	case PS_OSRELEASE:
		return BYTES_LIT("osrelease");
	case PS_VERSION:
		return BYTES_LIT("version");
	case PS_PID_MAX:
		return BYTES_LIT("pid_max");
	default:
		return bytes_empty();
	}
}

static struct bytes pid_entry_name(unsigned id)
{
	switch (id) {
	case PP_STAT:
		return BYTES_LIT("stat");
	case PP_STATUS:
		return BYTES_LIT("status");
	case PP_STATM:
		return BYTES_LIT("statm");
	case PP_CMDLINE:
		return BYTES_LIT("cmdline");
	case PP_COMM:
		return BYTES_LIT("comm");
	case PP_MAPS:
		return BYTES_LIT("maps");
	case PP_MOUNTS:
		return BYTES_LIT("mounts");
	case PP_FD:
		return BYTES_LIT("fd");
	case PP_CWD:
		return BYTES_LIT("cwd");
	case PP_ROOT:
		return BYTES_LIT("root");
	case PP_EXE:
		return BYTES_LIT("exe");
	default:
		return bytes_empty();
	}
}

static enum procfs_kind pid_entry_kind(unsigned id)
{
	if (id == PP_FD)
		return PROCFS_FD_DIR;
	if (id == PP_CWD || id == PP_ROOT || id == PP_EXE)
		return PROCFS_PID_LINK;
	return PROCFS_PID_FILE;
}

/*
 * The i-th fixed entry of a directory (after "." and ".."): its name and
 * node; an empty name past the last. Numeric entries (pids, fds) follow.
 */
struct fixed_entry {
	struct bytes name;
	struct procfs_node node;
};

#define ROOT_FIXED (2u + PG_COUNT)

static struct fixed_entry fixed_entry(struct procfs_node dir, unsigned i)
{
	struct fixed_entry e = { .name = bytes_empty(), .node = { .pid = dir.pid } };
	switch (dir.kind) {
	case PROCFS_ROOT:
		if (i == 0) {
			e.name = BYTES_LIT("self");
			e.node.kind = PROCFS_SELF;
		} else if (i == 1) {
			e.name = BYTES_LIT("sys");
			e.node = (struct procfs_node){ .kind = PROCFS_SYS_DIR, .id = PSD_SYS };
		} else if (i < ROOT_FIXED) {
			e.node = (struct procfs_node){ .kind = PROCFS_GLOBAL, .id = i - 2 };
			e.name = global_name(i - 2);
		}
		break;
	case PROCFS_SYS_DIR:
		if (dir.id == PSD_SYS && i == 0) {
			e.name = BYTES_LIT("kernel");
			e.node = (struct procfs_node){ .kind = PROCFS_SYS_DIR, .id = PSD_KERNEL };
		} else if (dir.id == PSD_KERNEL && i < PS_COUNT) {
			e.node = (struct procfs_node){ .kind = PROCFS_SYS_FILE, .id = i };
			e.name = sys_name(i);
		}
		break;
	case PROCFS_PID_DIR:
		if (i < PP_COUNT) {
			e.node.kind = pid_entry_kind(i);
			e.node.id = i;
			e.name = pid_entry_name(i);
		}
		break;
	default:
		break;
	}
	return e;
}

/* A decimal number without sign or leading zeros, below limit; -1 otherwise. */
static int parse_num(struct bytes name, int limit)
{
	size_t n = bytes_len(name);
	if (n == 0 || n > 9 || (n > 1 && bytes_get(name, 0) == '0'))
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = bytes_get(name, i);
		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	return v < limit ? v : -1;
}

/* ---- inodes ---- */

extern const struct inode_ops procfs_dir_iops;
extern const struct inode_ops procfs_link_iops;
extern const struct inode_ops procfs_file_iops;
extern const struct file_ops procfs_file_fops;

/* A procfs inode and what it shows: allocated and found again only in this file. */
struct procfs_inode {
	struct inode vfs;
	struct procfs_node node;
};

static struct procfs_node *node_of(struct inode *ip)
{
	return &CONTAINER_OF(ip, struct procfs_inode, vfs)->node;
}

static void procfs_evict(struct inode *ip)
{
	struct procfs_inode *pi = CONTAINER_OF(ip, struct procfs_inode, vfs);
	FREE(pi);
}

static const struct super_ops procfs_super_ops = {
	.evict = procfs_evict,
};

/* A new inode for node (dir: the directory it is found in, NULL for the root). Counted, or NULL. */
static struct inode *node_inode(struct vfs_sb *sb, struct procfs_node node, struct inode *dir)
{
	struct inode_attr attr = { .mode = node_mode(node) };
	if (node.kind == PROCFS_PID_DIR || node.kind == PROCFS_PID_FILE || node.kind == PROCFS_PID_LINK ||
	    node.kind == PROCFS_FD_DIR || node.kind == PROCFS_FD_LINK) {
		if (!procfs_pid_owner(node.pid, &attr.uid, &attr.gid))
			return NULL;
	}
	const struct inode_ops *iops = &procfs_file_iops;
	const struct file_ops *fops = &procfs_file_fops;
	if (S_ISDIR(attr.mode)) {
		iops = &procfs_dir_iops;
		fops = &vfs_dir_file_ops;
	} else if (S_ISLNK(attr.mode)) {
		iops = &procfs_link_iops;
		fops = NULL;
	}
	struct procfs_inode *pi = NEW(struct procfs_inode);
	if (!pi)
		return NULL;
	pi->node = node;
	struct inode *ip = &pi->vfs;
	inode_init(ip, sb, iops, fops, attr);
	ip->ino = node_ino(node); /* not visible yet: the number says what it is, so getdents and stat agree */
	if (S_ISDIR(attr.mode)) {
		ip->nlink = 2;
		if (dir) {
			inode_get(dir);
			ip->parent = dir;
		}
	}
	return ip;
}

/* ---- directories ---- */

static struct inode_ref procfs_lookup(struct inode *dir, struct bytes name)
{
	struct procfs_node d = *node_of(dir);
	for (unsigned i = 0;; i++) {
		struct fixed_entry e = fixed_entry(d, i);
		if (!bytes_len(e.name))
			break;
		if (bytes_equal(e.name, name)) {
			struct inode *ip = node_inode(dir->sb, e.node, dir);
			return ip ? (struct inode_ref){ .inode = ip } : (struct inode_ref){ .err = -ENOENT };
		}
	}
	struct procfs_node node = { .pid = d.pid };
	if (d.kind == PROCFS_ROOT) {
		node.pid = parse_num(name, PID_MAX);
		if (node.pid <= 0 || !procfs_pid_alive(node.pid))
			return (struct inode_ref){ .err = -ENOENT };
		node.kind = PROCFS_PID_DIR;
	} else if (d.kind == PROCFS_FD_DIR) {
		node.fd = parse_num(name, MAX_FDS);
		if (node.fd < 0 || procfs_next_fd(d.pid, node.fd) != node.fd)
			return (struct inode_ref){ .err = -ENOENT };
		node.kind = PROCFS_FD_LINK;
	} else {
		return (struct inode_ref){ .err = -ENOENT };
	}
	struct inode *ip = node_inode(dir->sb, node, dir);
	/* No memory, or the process went away in between: both look like a vanished entry. */
	return ip ? (struct inode_ref){ .inode = ip } : (struct inode_ref){ .err = -ENOENT };
}

/*
 * Positions: VFS_DIR_FIRST_POS + i for the i-th fixed entry, then
 * NUM_POS + n for the number n (pid or fd), so a listing resumes correctly
 * while processes come and go.
 */
#define NUM_POS 0x10000u

static struct vfs_dirent procfs_readdir(struct inode *dir, uint64_t pos, struct bytes name_buf)
{
	struct procfs_node d = *node_of(dir);
	if (pos < NUM_POS) {
		for (uint64_t i = pos - VFS_DIR_FIRST_POS;; i++) {
			struct fixed_entry e = fixed_entry(d, (unsigned)i);
			if (!bytes_len(e.name))
				break;
			bytes_copy(name_buf, e.name);
			return (struct vfs_dirent){ .ino = node_ino(e.node),
						    .type = vfs_dtype(node_mode(e.node)),
						    .name_len = bytes_len(e.name),
						    .next_pos = VFS_DIR_FIRST_POS + i + 1 };
		}
		pos = NUM_POS;
	}
	if (pos - NUM_POS >= PID_MAX)
		return (struct vfs_dirent){ .end = true };
	int from = (int)(pos - NUM_POS), n = -1;
	struct procfs_node node = { .pid = d.pid };
	if (d.kind == PROCFS_ROOT) {
		n = procfs_next_pid(from);
		node.kind = PROCFS_PID_DIR;
		node.pid = n;
	} else if (d.kind == PROCFS_FD_DIR) {
		n = procfs_next_fd(d.pid, from);
		node.kind = PROCFS_FD_LINK;
		node.fd = n;
	}
	if (n < 0)
		return (struct vfs_dirent){ .end = true };
	struct fmt name = fmt_into(name_buf);
	fmt_i64(&name, n);
	size_t len = name.len;
	return (struct vfs_dirent){ .ino = node_ino(node),
				    .type = vfs_dtype(node_mode(node)),
				    .name_len = len,
				    .next_pos = NUM_POS + (uint64_t)n + 1 };
}

const struct inode_ops procfs_dir_iops = {
	.lookup = procfs_lookup,
	.readdir = procfs_readdir,
};

/* ---- links ---- */

static ssize_t procfs_readlink(struct inode *ip, struct bytes buf)
{
	struct procfs_node n = *node_of(ip);
	switch (n.kind) {
	case PROCFS_SELF: {
		int pid = procfs_caller_pid();
		if (pid <= 0)
			return -ENOENT;
		struct fmt f = fmt_into(buf);
		fmt_i64(&f, pid);
		return (ssize_t)f.len;
	}
	case PROCFS_PID_LINK:
		return procfs_pid_link(n.pid, n.id, buf);
	case PROCFS_FD_LINK:
		return procfs_fd_link(n.pid, n.fd, buf);
	default:
		return -EINVAL;
	}
}

const struct inode_ops procfs_link_iops = {
	.readlink = procfs_readlink,
};

const struct inode_ops procfs_file_iops = { 0 };

/* ---- generated files ---- */

#define PROCFS_TEXT_FIRST 4096u
#define PROCFS_TEXT_MAX (4u << 20)

struct procfs_file {
	struct bytes_buf text; /* the snapshot: [0, len) */
	size_t len;
};

static int generate(struct procfs_node n, struct fmt *pb __noescape)
{
	switch (n.kind) {
	case PROCFS_GLOBAL:
		return procfs_gen_global(n.id, pb);
	case PROCFS_SYS_FILE:
		return procfs_gen_sys(n.id, pb);
	case PROCFS_PID_FILE:
		return procfs_gen_pid(n.pid, n.id, pb);
	default:
		return -EINVAL;
	}
}

/* Regenerate f's text, growing the buffer until it fits. */
static int refill(struct file *f)
{
	struct procfs_file *pf = f->procfs;
	struct procfs_node n = *node_of(f->inode);
	size_t have = bytes_len(bytes_buf_view(pf->text));
	size_t size = have ? have : PROCFS_TEXT_FIRST;
	for (;;) {
		if (have != size) {
			bytes_buf_free(pf->text);
			pf->text = bytes_buf_alloc(size);
			have = bytes_len(bytes_buf_view(pf->text));
			if (have != size) {
				pf->len = 0;
				return -ENOMEM;
			}
		}
		struct fmt pb = fmt_into(bytes_buf_view(pf->text));
		int err = generate(n, &pb);
		if (err) {
			pf->len = 0;
			return err;
		}
		if (!pb.overflow) {
			pf->len = pb.len;
			return 0;
		}
		if (size >= PROCFS_TEXT_MAX) {
			pf->len = 0;
			return -EFBIG;
		}
		size *= 2;
	}
}

static int procfs_open(struct inode *ip, struct file *f)
{
	struct procfs_file *pf = NEW(struct procfs_file);
	if (!pf)
		return -ENOMEM;
	f->procfs = pf;
	return 0;
}

static struct vfs_rw procfs_read(struct file *f, struct uio dst, uint64_t pos)
{
	struct procfs_file *pf = f->procfs;
	if (!pf)
		return (struct vfs_rw){ .ret = -EBADF, .pos = pos };
	if (pos == 0 || bytes_buf_is_null(pf->text)) {
		int err = refill(f);
		if (err)
			return (struct vfs_rw){ .ret = err, .pos = pos };
	}
	if (pos >= pf->len)
		return (struct vfs_rw){ .ret = 0, .pos = pos };
	size_t n = (size_t)MIN((uint64_t)uio_len(dst), pf->len - pos);
	int err = uio_copy_to(dst, 0, bytes_sub(bytes_buf_view(pf->text), (size_t)pos, n));
	if (err)
		return (struct vfs_rw){ .ret = err, .pos = pos };
	return (struct vfs_rw){ .ret = (ssize_t)n, .pos = pos + n };
}

static void procfs_release(struct file *f)
{
	struct procfs_file *pf = f->procfs;
	if (!pf)
		return;
	f->procfs = NULL;
	bytes_buf_free(pf->text);
	FREE(pf);
}

const struct file_ops procfs_file_fops = {
	.open = procfs_open,
	.read = procfs_read,
	.lseek = vfs_generic_lseek,
	.release = procfs_release,
};

/* ---- instances ---- */

struct sb_ref procfs_new_instance(void)
{
	struct vfs_sb *sb = vfs_sb_new(&procfs_super_ops);
	if (!sb)
		return (struct sb_ref){ .err = -ENOMEM };
	struct inode *root = node_inode(sb, (struct procfs_node){ .kind = PROCFS_ROOT }, NULL);
	if (!root) {
		sb_put(sb);
		return (struct sb_ref){ .err = -ENOMEM };
	}
	return (struct sb_ref){ .sb = sb, .root = root };
}

static struct sb_ref procfs_mount(struct bytes data)
{
	/* No options yet (hidepid=, gid=): refuse rather than ignore them. */
	if (bytes_len(data) && bytes_get(data, 0) != 0)
		return (struct sb_ref){ .err = -EINVAL };
	return procfs_new_instance();
}

static const struct fs_type_ops procfs_type = {
	.mount = procfs_mount,
};

int procfs_init(void)
{
	int err = vfs_register_fs(BYTES_LIT("proc"), &procfs_type);
	return err == -EEXIST ? 0 : err;
}
