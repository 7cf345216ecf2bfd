#include <frame/mem.h>
#include <frame/cpu.h>
int *f(int *p) { return p + 1; } /* expect: R2-ptr-arith */
int *g(int *p, int n) { return n + p; } /* expect: R2-ptr-arith */
