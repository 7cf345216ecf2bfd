/* The system's names: uname, sethostname, setdomainname. */
#include "syscall/syscall.h"
#include "process/process.h"

#define UTS_LEN 65

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
