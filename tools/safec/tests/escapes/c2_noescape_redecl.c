#include <frame/types.h>
static uint64_t *kept;
void keep(uint64_t *p) { kept = p; }
void keep(uint64_t *p __noescape); /* expect: R8-noescape-decl */
void f(void)
{
	uint64_t x = 1;
	keep(&x);
}
