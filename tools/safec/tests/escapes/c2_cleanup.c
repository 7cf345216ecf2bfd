#include <frame/types.h>
struct holder { uint64_t *p; };
static uint64_t **kept;
static void keep(uint64_t **pp) { kept = pp; }
void f(void)
{
	uint64_t *x __attribute__((cleanup(keep))) = NULL; /* expect: R11-attr */
	(void)x;
}
