#include <frame/mem.h>
#include <frame/cpu.h>
int *f(int *p) { return PTR_OF(p + 1); } /* expect: R2-ptr-arith */
int *g(int *p) { return FW_ID(p - 2); } /* expect: R2-ptr-arith */
