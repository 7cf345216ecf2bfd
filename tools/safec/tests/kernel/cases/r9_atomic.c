#include <frame/mem.h>
#include <frame/cpu.h>
static int g;
int f(void) { return __atomic_load_n(&g, 0); } /* expect: R9-symbol */
