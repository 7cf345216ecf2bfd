#include <frame/log.h>
/* through a function pointer, the call is still variadic */
typedef void (*printer)(const char *fmt, ...);
void f(printer pr, const char *s)
{
	pr("%s", s); /* expect: R7-vararg-ptr */
	void (*q)(const char *, ...) = console_printf;
	q("%s", s); /* expect: R7-vararg-ptr */
	q(s); /* expect: R7-format */
}
