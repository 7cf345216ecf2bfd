/*
 * execve: replace the calling process's program.
 *
 * Everything that can fail happens first, against a new address space: the
 * file is opened and checked, argv/envp are copied out of the old address
 * space, the ELF image is loaded. Only then does the process switch over:
 * new mm, close-on-exec files closed, handled signals reset, registers
 * reset to the new entry point. A failed exec leaves the caller untouched.
 */
#include "lib/log.h"
#include "process/process.h"
#include "elf/elf.h"
#include "vm/mm.h"
#include "fs/file_backing.h"
#include "vdso/vdso.h"

#define MAX_ARG_STRLEN (32u * 4096u)
#define MAX_ARGS 65536

/* Copy a NULL-terminated array of user strings. */
static int copy_strings(uptr_t array, struct exec_strings *out __noescape, struct bytes tmp)
{
	if (uptr_is_null(array))
		return 0;
	for (uint64_t i = 0; i < MAX_ARGS; i++) {
		uint64_t p = 0;
		if (user_read_u64(uptr_add(array, 8 * i), &p))
			return -EFAULT;
		if (!p)
			return 0;
		ssize_t n = user_read_str(tmp, uptr(p));
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
		int r = exec_strings_add(out, bytes_sub(tmp, 0, (size_t)n));
		if (r)
			return r;
	}
	return -E2BIG;
}

static struct bytes basename_of(struct bytes path)
{
	size_t len = bytes_len(path), start = 0;
	for (size_t i = 0; i < len; i++)
		if (bytes_get(path, i) == '/')
			start = i + 1;
	return bytes_sub(path, start, len - start);
}

/* path made absolute against p's working directory (for /proc/pid/exe). */
static struct bytes absolute_path(struct process *p, struct bytes path)
{
	if (bytes_len(path) && bytes_get(path, 0) == '/') {
		struct bytes b = bytes_alloc(bytes_len(path));
		bytes_copy(b, path);
		return b;
	}
	struct bytes cwd = bytes_alloc(VFS_PATH_MAX);
	struct vfs_ctx ctx = process_vfs_ctx(p);
	ssize_t n = bytes_len(cwd) ? vfs_getcwd(&ctx, cwd) : -ENOMEM;
	struct bytes b = bytes_empty();
	if (n > 0) {
		size_t dir = (size_t)n - 1; /* without the NUL */
		bool root = dir == 1;
		b = bytes_alloc(dir + (root ? 0 : 1) + bytes_len(path));
		if (bytes_len(b)) {
			bytes_copy(b, bytes_sub(cwd, 0, dir));
			if (!root)
				bytes_set(b, dir, '/');
			bytes_copy(bytes_sub(b, dir + (root ? 0 : 1), bytes_len(path)), path);
		}
	}
	bytes_free(cwd);
	return b;
}

/* The point of no return: t's process takes the loaded image. */
static void commit(struct thread *t, struct mm *mm, const struct exec_image *img __noescape, struct bytes path,
		   const struct exec_strings *argv __noescape)
{
	struct process *p = t->proc;
	/* p->mm, p->files and p->cmdline change under tasklist_lock: /proc reads them under it. */
	mutex_lock(&tasklist_lock);
	struct mm *old = p->mm;
	p->mm = mm;
	mutex_unlock(&tasklist_lock);
	task_set_vm(task_current(), mm_vm_space(mm));
	if (old)
		mm_put(old);

	if (p->files->refs > 1) {
		struct fd_table *own = fd_table_copy(p->files);
		if (own) {
			mutex_lock(&tasklist_lock);
			struct fd_table *shared = p->files;
			p->files = own;
			mutex_unlock(&tasklist_lock);
			fd_table_put(shared);
		}
	}
	fd_table_close_on_exec(p->files);
	if (p->sighand->refs > 1) {
		struct sighand *own = sighand_copy(p->sighand);
		if (own) {
			sighand_put(p->sighand);
			p->sighand = own;
		}
	}
	sighand_reset_for_exec(p->sighand);

	struct bytes_buf cmdline = bytes_buf_dup(bytes_sub(argv->data, 0, argv->used));
	struct bytes abs = absolute_path(p, path);
	struct bytes_buf exe = bytes_buf_dup(abs);
	bytes_free(abs);
	mutex_lock(&tasklist_lock);
	struct bytes_buf old_exe = p->exe;
	p->exe = exe;
	p->did_exec = true;
	process_set_comm(p, basename_of(path));
	struct bytes_buf old_cmdline = p->cmdline;
	p->cmdline = cmdline;
	mutex_unlock(&tasklist_lock);
	bytes_buf_free(old_cmdline);
	bytes_buf_free(old_exe);

	user_ctx_init(&t->ctx);
	t->ctx.regs.rip = img->entry;
	t->ctx.regs.rsp = img->stack_pointer;
	t->altstack_sp = t->altstack_size = 0;
	t->altstack_flags = 0;
	t->clear_child_tid = 0;
	t->in_syscall = false;
	mutex_lock(&tasklist_lock);
	vfork_complete(p);
	mutex_unlock(&tasklist_lock);
}

#define SHEBANG_MAX 256
#define INTERP_DEPTH 4

static int exec_core(struct thread *t, struct bytes path, struct exec_strings *argv __noescape,
		     struct exec_strings *envp __noescape, unsigned depth);

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/*
 * A "#!interpreter [arg]" script: run the interpreter with argv
 * [interpreter, arg?, path, argv[1..]], as Linux's binfmt_script does.
 * -ENOEXEC when the file is not a script.
 */
static int exec_script(struct thread *t, struct file *f, struct bytes path, struct exec_strings *argv __noescape,
		       struct exec_strings *envp __noescape, unsigned depth)
{
	struct bytes head = bytes_alloc(SHEBANG_MAX);
	ssize_t n = vfs_pread(f, uio_kernel(head), 0);
	int r = -ENOEXEC;
	if (n < 3 || bytes_get(head, 0) != '#' || bytes_get(head, 1) != '!')
		goto out;
	size_t end = 2;
	while (end < (size_t)n && bytes_get(head, end) != '\n')
		end++;
	size_t i = 2;
	while (i < end && is_blank(bytes_get(head, i)))
		i++;
	size_t interp = i;
	while (i < end && !is_blank(bytes_get(head, i)))
		i++;
	size_t interp_len = i - interp;
	while (i < end && is_blank(bytes_get(head, i)))
		i++;
	size_t arg = i, arg_end = end;
	while (arg_end > arg && is_blank(bytes_get(head, arg_end - 1)))
		arg_end--;
	if (!interp_len)
		goto out;
	if (depth >= INTERP_DEPTH) {
		r = -ELOOP;
		goto out;
	}
	struct exec_strings nargv = { 0 };
	r = exec_strings_add(&nargv, bytes_sub(head, interp, interp_len));
	if (!r && arg_end > arg)
		r = exec_strings_add(&nargv, bytes_sub(head, arg, arg_end - arg));
	if (!r)
		r = exec_strings_add(&nargv, path);
	/* The original argv[1..]: skip the first string of the packed list. */
	size_t pos = 0, used = argv->used;
	bool first = true;
	while (!r && pos < used) {
		size_t e = pos;
		while (e < used && bytes_get(argv->data, e))
			e++;
		if (!first)
			r = exec_strings_add(&nargv, bytes_sub(argv->data, pos, e - pos));
		first = false;
		pos = e + 1;
	}
	if (!r)
		r = exec_core(t, bytes_sub(nargv.data, 0, interp_len), &nargv, envp, depth + 1);
	exec_strings_free(&nargv);
out:
	bytes_free(head);
	return r;
}

static int exec_core(struct thread *t, struct bytes path, struct exec_strings *argv __noescape,
		     struct exec_strings *envp __noescape, unsigned depth)
{
	struct process *p = t->proc;
	if (p->nr_threads > 1)
		return -EAGAIN; /* exec from a multi-threaded process: not supported yet */
	struct vfs_ctx ctx = process_vfs_ctx(p);
	struct file_ref fr = vfs_open(&ctx, (struct vfs_path){ 0 }, path, O_RDONLY, 0);
	if (fr.err)
		return fr.err;
	struct file *f = fr.file;
	int r = 0;
	if (!S_ISREG(f->inode->mode))
		r = -EACCES;
	else
		r = vfs_permission(&ctx, f->inode, MAY_EXEC);
	if (!r) {
		int s = exec_script(t, f, path, argv, envp, depth);
		if (s != -ENOEXEC) {
			file_put(f);
			return s;
		}
	}
	struct vm_backing *b = r ? NULL : file_backing_new(f);
	file_put(f);
	if (r)
		return r;
	if (!b)
		return -ENOMEM;
	struct mm *mm = mm_new();
	if (!mm) {
		b->ops->put(b);
		return -ENOMEM;
	}
	mm_set_stack_limit(mm, p->rlim[RLIMIT_STACK].cur);
	struct exec_args args = {
		.file = b,
		.filename = path,
		.argv = *argv,
		.envp = *envp,
		.uid = p->uid,
		.euid = p->euid,
		.gid = p->gid,
		.egid = p->egid,
	};
	int64_t vdso = vdso_map(mm);
	if (vdso > 0)
		args.sysinfo_ehdr = (uint64_t)vdso; /* without it, the C library just makes system calls */
	struct exec_image img = { 0 };
	r = exec_load(mm, &args, &img);
	b->ops->put(b);
	if (r) {
		if (img.needs_interp)
			log_text(LOG_INFO, BYTES_LIT("exec: dynamically linked programs are not supported yet"));
		mm_put(mm);
		return r;
	}
	commit(t, mm, &img, path, argv);
	return 0;
}

int64_t process_execve(struct thread *t, uptr_t upath, uptr_t uargv, uptr_t uenvp)
{
	struct bytes path = bytes_alloc(VFS_PATH_MAX), tmp = bytes_alloc(MAX_ARG_STRLEN);
	struct exec_strings argv = { 0 }, envp = { 0 };
	int64_t r = bytes_len(path) && bytes_len(tmp) ? 0 : -ENOMEM;
	ssize_t n = r ? r : user_read_str(path, upath);
	if (n == 0)
		r = -ENOENT;
	else if (n < 0)
		r = n;
	if (!r)
		r = copy_strings(uargv, &argv, tmp);
	if (!r)
		r = copy_strings(uenvp, &envp, tmp);
	if (!r)
		r = exec_core(t, bytes_sub(path, 0, (size_t)n), &argv, &envp, 0);
	exec_strings_free(&argv);
	exec_strings_free(&envp);
	bytes_free(path);
	bytes_free(tmp);
	return r;
}

int exec_first(struct thread *t, struct bytes path)
{
	struct exec_strings argv = { 0 }, envp = { 0 };
	int r = exec_strings_add(&argv, path);
	if (!r)
		r = exec_strings_add(&envp, BYTES_LIT("HOME=/"));
	if (!r)
		r = exec_strings_add(&envp, BYTES_LIT("TERM=linux"));
	if (!r)
		r = exec_strings_add(&envp, BYTES_LIT("PATH=/sbin:/usr/sbin:/bin:/usr/bin"));
	if (!r)
		r = exec_core(t, path, &argv, &envp, 0);
	exec_strings_free(&argv);
	exec_strings_free(&envp);
	return r;
}
