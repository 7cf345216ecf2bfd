#include <frame/mem.h>
#include <frame/cpu.h>
void f(void)
{
	u32 buf[4] = {0};
	keep_ptr(buf); /* expect: R8-noescape */
	u32 *q = buf; /* expect: R8-noescape */
	(void)q;
}
