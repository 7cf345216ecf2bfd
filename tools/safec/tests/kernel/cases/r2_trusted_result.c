#include <frame/mem.h>
#include <frame/cpu.h>
int *f(void) { return FW_BASE + 1; } /* expect: R2-ptr-arith */
int *g(void) { int *q = PTR_OF(FW_BASE) + 3; return q; } /* expect: R2-ptr-arith */
