#include <frame/mem.h>
#include <frame/cpu.h>
void f(unsigned long n)
{
	void *m = __builtin_alloca(n); /* expect: R5-alloca */
	(void)m;
}
