#include <frame/mem.h>
#include <frame/cpu.h>
int f(int *a, int *b)
{
	if (a < b) /* expect: R2-ptr-cmp */
		return 1;
	return a >= b; /* expect: R2-ptr-cmp */
}
