#include <frame/mem.h>
#include <frame/cpu.h>
int sum(int n, ...) /* expect: R7-variadic */
{
	__builtin_va_list ap; /* expect: R7-va */
	__builtin_va_start(ap, n); /* expect: R7-va */
	int x = __builtin_va_arg(ap, int); /* expect: R7-va R8-noescape */
	__builtin_va_end(ap); /* expect: R7-va */
	return x;
}
