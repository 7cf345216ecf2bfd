#include <frame/log.h>
#include <frame/cpu.h>
#include <frame/slice.h>
void f(int x, bool ok, long v)
{
	log_info("x=%d", x);
	log_info("%s", "literal");
	log_warn("%s and %s", "a" "b", ok ? "yes" : "no");
	console_printf("%s: %d\n", __func__, x);
	log_info("%s", FW_BANNER);
	log_info("%p", NULL);
	LOG("hi %d %s %ld", 1, "there", v);
	long r;
	if (__builtin_add_overflow(v, 1, &r))
		return;
}
void t(int x)
{
	KT_ASSERT(x == 1);
	KT_EQ(x, 2);
	ktest_fail(__FILE__, __LINE__, "value %d", x);
}
size_t fmt(struct bytes dst, int x) { return bytes_format(dst, "%d-%s", x, "k"); }
