/*
 * The services' entry point, called by the framework once scheduling runs:
 * bring up the file systems and the console terminal, then start init
 * (`rdinit=` or `init=` from the command line, else /init, else /sbin/init)
 * with the console as its stdin, stdout and stderr, as Linux does.
 */
#include <frame/boot.h>
#include "lib/cmdline.h"
#include "lib/log.h"
#include <frame/wait.h>
#include "fs/vfs.h"
#include "fs/pipe.h"
#include "procfs/procfs.h"
#include "tty/tty.h"
#include "vm/mm.h"
#include "process/process.h"
#include "sched/sched.h"
#include "entry/entry.h"

static struct mm *current_mm(void)
{
	struct thread *t = current_thread();
	return t ? t->proc->mm : NULL;
}

static int open_console_for(struct process *p)
{
	struct vfs_path root = vfs_root();
	struct vfs_ctx ctx = { .root = root, .cwd = root };
	struct file_ref fr = vfs_open(&ctx, root, BYTES_LIT("/dev/console"), O_RDWR, 0);
	vfs_path_put(root);
	if (fr.err)
		return fr.err;
	for (int fd = 0; fd < 3; fd++) {
		file_get(fr.file);
		fd_install_at(p, fr.file, fd, false);
	}
	file_put(fr.file);
	return 0;
}

/* The init program to run: the command line's choice or the usual places. */
static int start_init(void)
{
	struct bytes chosen;
	if ((cmdline_value(BYTES_LIT("rdinit"), &chosen) || cmdline_value(BYTES_LIT("init"), &chosen)) &&
	    bytes_len(chosen))
		return process_start_init(chosen, open_console_for);
	int r = process_start_init(BYTES_LIT("/init"), open_console_for);
	if (r == -ENOENT)
		r = process_start_init(BYTES_LIT("/sbin/init"), open_console_for);
	return r;
}

void service_main(void)
{
	sched_round_robin_install();
	log_init();
	int r = vfs_init();
	if (!r)
		r = pipe_init();
	if (!r)
		r = procfs_init();
	if (!r)
		r = tty_console_init();
	if (r) {
		log_err_code(BYTES_LIT("services: start-up failed"), r);
		return;
	}
	mm_set_current_lookup(current_mm);
	mm_install_fault_handler();
	process_set_thread_loop(thread_main);
	r = start_init();
	if (r) {
		log_err_code(BYTES_LIT("services: cannot start init"), r);
		return;
	}
	static struct wait_queue forever = WAIT_QUEUE_INIT;
	wait_event(&forever, false); /* init runs on; the machine stops when it powers off */
}
