/* Miscellaneous system calls: uname, hostname, randomness, sysinfo, reboot. */
#include <frame/power.h>
#include <frame/time.h>
#include <frame/meminfo.h>
#include <frame/random.h>
#include "lib/log.h"
#include "syscall/syscall.h"
#include "process/process.h"

#define UTS_LEN 65
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

static struct {
	struct mutex lock;
	char hostname[UTS_LEN];
	char domainname[UTS_LEN];
} uts = { MUTEX_INIT, "trellis", "(none)" };

static void put_field(struct bytes buf, size_t index, struct bytes value)
{
	struct bytes field = bytes_sub(buf, index * UTS_LEN, UTS_LEN);
	bytes_copy(field, bytes_sub(value, 0, MIN(bytes_len(value), (size_t)UTS_LEN - 1)));
}

static size_t cstr_len(struct bytes b)
{
	ssize_t n = bytes_find(b, 0);
	return n < 0 ? bytes_len(b) : (size_t)n;
}

size_t uts_copy_name(struct bytes dst, bool host)
{
	mutex_lock(&uts.lock);
	struct bytes name = host ? BYTES_OF_FIELD(&uts, hostname) : BYTES_OF_FIELD(&uts, domainname);
	size_t n = MIN(cstr_len(name), bytes_len(dst));
	bytes_copy(dst, bytes_sub(name, 0, n));
	mutex_unlock(&uts.lock);
	return n;
}

int64_t sys_uname(struct thread *t, struct syscall_args a)
{
	(void)t;
	struct bytes buf = bytes_alloc(6 * UTS_LEN);
	if (!bytes_len(buf))
		return -ENOMEM;
	put_field(buf, 0, BYTES_LIT("Linux"));
	mutex_lock(&uts.lock);
	struct bytes host = BYTES_OF_FIELD(&uts, hostname), domain = BYTES_OF_FIELD(&uts, domainname);
	put_field(buf, 1, bytes_sub(host, 0, cstr_len(host)));
	put_field(buf, 5, bytes_sub(domain, 0, cstr_len(domain)));
	mutex_unlock(&uts.lock);
	/* A release glibc accepts; the version says who we are. */
	put_field(buf, 2, BYTES_LIT("6.1.0-trellis"));
	put_field(buf, 3, BYTES_LIT("#1 Trellis framekernel"));
	put_field(buf, 4, BYTES_LIT("x86_64"));
	int r = user_write(arg_ptr(a, 0), buf);
	bytes_free(buf);
	return r;
}

static int64_t set_uts(struct thread *t, struct syscall_args a, bool host)
{
	size_t len = a.a[1];
	if (t->proc->euid != 0)
		return -EPERM;
	if (len >= UTS_LEN)
		return -EINVAL;
	struct bytes tmp = bytes_alloc(UTS_LEN);
	int r = user_read(bytes_sub(tmp, 0, len), arg_ptr(a, 0));
	if (!r) {
		mutex_lock(&uts.lock);
		struct bytes dst = host ? BYTES_OF_FIELD(&uts, hostname) : BYTES_OF_FIELD(&uts, domainname);
		bytes_copy(dst, tmp);
		mutex_unlock(&uts.lock);
	}
	bytes_free(tmp);
	return r;
}

int64_t sys_sethostname(struct thread *t, struct syscall_args a)
{
	return set_uts(t, a, true);
}
int64_t sys_setdomainname(struct thread *t, struct syscall_args a)
{
	return set_uts(t, a, false);
}

int64_t sys_getrandom(struct thread *t, struct syscall_args a)
{
	(void)t;
	size_t len = MIN(a.a[1], (uint64_t)(32u << 20));
	if (a.a[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((a.a[2] & GRND_RANDOM) && (a.a[2] & GRND_INSECURE))
		return -EINVAL;
	struct bytes chunk = bytes_alloc(256);
	size_t done = 0;
	while (done < len) {
		size_t n = MIN(len - done, (size_t)256);
		random_fill(bytes_sub(chunk, 0, n));
		if (user_write(uptr_add(arg_ptr(a, 0), done), bytes_sub(chunk, 0, n))) {
			bytes_free(chunk);
			return done ? (int64_t)done : -EFAULT;
		}
		done += n;
	}
	bytes_free(chunk);
	return (int64_t)done;
}

int64_t sys_sysinfo(struct thread *t, struct syscall_args a)
{
	(void)t;
	struct bytes s = bytes_alloc(112);
	unsigned procs = 0;
	mutex_lock(&tasklist_lock);
	for (struct process *p = process_list(); p; p = p->next_all)
		procs += p->state == PROC_RUNNING;
	mutex_unlock(&tasklist_lock);
	bytes_set_le64(s, 0, clock_ns() / NSEC_PER_SEC);
	bytes_set_le64(s, 32, mem_total_bytes());
	bytes_set_le64(s, 40, mem_free_bytes());
	bytes_set_le16(s, 80, (uint16_t)procs);
	bytes_set_le32(s, 104, 1); /* mem_unit */
	int r = user_write(arg_ptr(a, 0), s);
	bytes_free(s);
	return r;
}

#define REBOOT_MAGIC1 0xfee1deadu
#define REBOOT_MAGIC2 672274793u
#define REBOOT_MAGIC2A 85072278u
#define REBOOT_MAGIC2B 369367448u
#define REBOOT_MAGIC2C 537993216u
#define RB_AUTOBOOT 0x01234567u
#define RB_HALT_SYSTEM 0xcdef0123u
#define RB_POWER_OFF 0x4321fedcu
#define RB_ENABLE_CAD 0x89abcdefu
#define RB_DISABLE_CAD 0u

static void log_power_off(uint32_t cmd)
{
	struct fmt f;
	if (log_begin(&f, LOG_INFO)) {
		fmt_lit(&f, "reboot(0x");
		fmt_hex(&f, cmd);
		fmt_lit(&f, "): powering off");
		log_end(&f);
	}
}

int64_t sys_reboot(struct thread *t, struct syscall_args a)
{
	uint32_t m1 = (uint32_t)a.a[0], m2 = (uint32_t)a.a[1], cmd = (uint32_t)a.a[2];
	if (m1 != REBOOT_MAGIC1 ||
	    (m2 != REBOOT_MAGIC2 && m2 != REBOOT_MAGIC2A && m2 != REBOOT_MAGIC2B && m2 != REBOOT_MAGIC2C))
		return -EINVAL;
	if (t->proc->euid != 0)
		return -EPERM;
	switch (cmd) {
	case RB_ENABLE_CAD:
	case RB_DISABLE_CAD:
		return 0;
	case RB_POWER_OFF:
	case RB_HALT_SYSTEM:
	case RB_AUTOBOOT:
		log_power_off(cmd);
		machine_exit(0);
	default:
		return -EINVAL;
	}
}

int64_t sys_sched_getaffinity(struct thread *t, struct syscall_args a)
{
	(void)t;
	size_t len = a.a[1];
	if (len < 8 || (len & 7))
		return -EINVAL;
	if (user_clear(arg_ptr(a, 2), len) || user_write_u64(arg_ptr(a, 2), 1))
		return -EFAULT;
	return 8;
}

int64_t sys_getcpu(struct thread *t, struct syscall_args a)
{
	(void)t;
	if (!uptr_is_null(arg_ptr(a, 0)) && user_write_u32(arg_ptr(a, 0), 0))
		return -EFAULT;
	if (!uptr_is_null(arg_ptr(a, 1)) && user_write_u32(arg_ptr(a, 1), 0))
		return -EFAULT;
	return 0;
}

int64_t sys_umask(struct thread *t, struct syscall_args a)
{
	struct fs_state *fs = t->proc->fs;
	mutex_lock(&fs->lock);
	uint32_t old = fs->umask;
	fs->umask = (uint32_t)a.a[0] & 0777;
	mutex_unlock(&fs->lock);
	return old;
}
