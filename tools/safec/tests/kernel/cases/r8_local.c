#include <frame/mem.h>
#include <frame/cpu.h>
static int *gp;
void f(void)
{
	u32 x = 0;
	keep_ptr(&x); /* expect: R8-noescape */
	u32 *p = &x; /* expect: R8-noescape */
	(void)p;
	int y = 1;
	gp = &y; /* expect: R8-noescape */
}
