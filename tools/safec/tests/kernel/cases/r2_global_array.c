#include <frame/mem.h>
#include <frame/cpu.h>
static int g[4];
int *h(void) { return g + 1; } /* expect: R2-ptr-arith */
