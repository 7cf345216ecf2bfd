#include <frame/mem.h>
#include <frame/cpu.h>
void f(int *p)
{
	p++; /* expect: R2-ptr-arith */
	--p; /* expect: R2-ptr-arith */
	p += 2; /* expect: R2-ptr-arith */
	p -= 1; /* expect: R2-ptr-arith */
	(void)p;
}
