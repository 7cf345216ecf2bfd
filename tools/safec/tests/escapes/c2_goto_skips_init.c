#include <frame/types.h>
/* clang sees no read of p (only its address is taken), so it does not warn */
void sink(uint64_t **pp __noescape);
void f(int n)
{
	if (n)
		goto use; /* expect: R8-jump-init */
	uint64_t *p = NULL;
use:
	sink(&p); /* *pp is whatever the stack held: an old pointer */
}
