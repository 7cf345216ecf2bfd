#include <frame/mem.h>
#include <frame/cpu.h>
int bits(unsigned x, int a, int b)
{
	int r;
	if (__builtin_add_overflow(a, b, &r))
		return -1;
	if (likely(x))
		return __builtin_clz(x) + __builtin_popcount(x) + r;
	return __builtin_constant_p(a) + (int)ARRAY_SIZE("abc");
}
