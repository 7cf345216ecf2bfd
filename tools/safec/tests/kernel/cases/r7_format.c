#include <frame/log.h>
#include <frame/cpu.h>
/* a format string that is not a literal escapes -Wformat: %s could read any address */
struct obj { char fmt[8]; };
static const char fmt_var[] = "%s";
void f(struct obj *o, const char *fmt, const char *file)
{
	log_info(fmt, 0x1000ul); /* expect: R7-format */
	log_warn(o->fmt); /* expect: R7-format */
	console_printf(fmt_var, 1ul); /* expect: R7-format */
	ktest_fail(file, 1, "x"); /* expect: R7-format */
}
