/* The machine as a whole: getrandom (random_fill), sysinfo (memory and process totals), reboot (power off). */
#include <frame/power.h>
#include <frame/time.h>
#include <frame/meminfo.h>
#include <frame/random.h>
#include "lib/log.h"
#include "syscall/syscall.h"
#include "process/process.h"

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

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
