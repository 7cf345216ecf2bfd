#include <frame/mem.h>
#include <frame/cpu.h>
int f(int x)
{
	static void *tbl[2] = { &&a, &&b }; /* expect: R1-goto */
	goto *tbl[x & 1]; /* expect: R1-goto */
a:
	return 1;
b:
	return 2;
}
