/*
 * Copies between the kernel and user memory (F6).
 *
 * Every function checks that the whole user range lies in the user half and
 * that the current task has an address space; the copy itself is done by
 * the fault-tolerant instructions in arch/x86_64/usercopy.S. A fault on a
 * user address first goes to the service's page-fault policy (demand paging,
 * copy-on-write, see user.c); if it cannot resolve it, the copy returns
 * -EFAULT. Kernel-side memory always comes from a slice, never from the
 * service as a raw pointer.
 */
#include <frame/user.h>
#include <frame/vm.h>
#include <frame/errno.h>
#include "../mm/layout.h"
#include "../cpu/percpu.h"
#include "../task/task_internal.h"

long copy_user_raw(void *dst, const void *src, size_t n);
long clear_user_raw(void *dst, size_t n);
long strncpy_user_raw(char *dst, const char *src, size_t max);
long load_user_u32(const uint32_t *src, uint32_t *out);

/* Inline: user copies are on every system call that moves data. */
static inline bool current_has_vm(void)
{
	return current_task()->vm != NULL;
}

static bool user_range_ok(uptr_t p, size_t len)
{
	uint64_t a = uptr_value(p);
	return current_has_vm() && a < USER_TOP && len <= USER_TOP - a;
}

/* SAFETY: only called after user_range_ok; the value is a user address. */
static void *user_ptr(uptr_t p)
{
	return (void *)uptr_value(p);
}

int user_read(struct bytes dst, uptr_t src)
{
	size_t n = bytes_len(dst);
	if (!n)
		return 0;
	if (!user_range_ok(src, n) || dst.__fw_readonly)
		return -EFAULT;
	return (int)copy_user_raw(dst.__fw_ptr, user_ptr(src), n);
}

int user_write(uptr_t dst, struct bytes src)
{
	size_t n = bytes_len(src);
	if (!n)
		return 0;
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return (int)copy_user_raw(user_ptr(dst), src.__fw_ptr, n);
}

int user_clear(uptr_t dst, size_t len)
{
	if (!len)
		return 0;
	if (!user_range_ok(dst, len))
		return -EFAULT;
	return (int)clear_user_raw(user_ptr(dst), len);
}

ssize_t user_read_str(struct bytes dst, uptr_t src)
{
	size_t cap = bytes_len(dst);
	uint64_t a = uptr_value(src);
	if (!current_has_vm() || a >= USER_TOP || dst.__fw_readonly)
		return -EFAULT;
	if (cap == 0)
		return -ENAMETOOLONG;
	/* Never read past the user half: a string running into it is a fault. */
	size_t limit = MIN(cap, USER_TOP - a);
	long r = strncpy_user_raw((char *)dst.__fw_ptr, user_ptr(src), limit);
	if (r == -ENAMETOOLONG && limit < cap)
		return -EFAULT;
	return r;
}

static int read_exact(uptr_t src, void *out, size_t n)
{
	if (!user_range_ok(src, n))
		return -EFAULT;
	return (int)copy_user_raw(out, user_ptr(src), n);
}

static int write_exact(uptr_t dst, const void *in, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return (int)copy_user_raw(user_ptr(dst), in, n);
}

int user_words_in(uptr_t src, uint64_t *dst, size_t n)
{
	return read_exact(src, dst, 8 * n);
}

int user_words_out(uptr_t dst, const uint64_t *src, size_t n)
{
	return write_exact(dst, src, 8 * n);
}

/* For page.c: copies between user memory and framework-owned kernel memory. */
int user_write_raw(uptr_t dst, const void *src, size_t n)
{
	return n ? write_exact(dst, src, n) : 0;
}

int user_read_raw(void *dst, uptr_t src, size_t n)
{
	return n ? read_exact(src, dst, n) : 0;
}

int user_read_u32(uptr_t src, uint32_t *out)
{
	return read_exact(src, out, 4);
}
int user_read_u64(uptr_t src, uint64_t *out)
{
	return read_exact(src, out, 8);
}
int user_write_u32(uptr_t dst, uint32_t v)
{
	return write_exact(dst, &v, 4);
}
int user_write_u64(uptr_t dst, uint64_t v)
{
	return write_exact(dst, &v, 8);
}

int user_atomic_load_u32(uptr_t src, uint32_t *out)
{
	if (uptr_value(src) & 3)
		return -EINVAL;
	if (!user_range_ok(src, 4))
		return -EFAULT;
	return (int)load_user_u32(user_ptr(src), out);
}
