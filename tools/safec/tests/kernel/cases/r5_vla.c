#include <frame/mem.h>
#include <frame/cpu.h>
int f(int n)
{
	int a[n]; /* expect: R5-vla */
	return a[0]; /* expect: R4-subscript */
}
