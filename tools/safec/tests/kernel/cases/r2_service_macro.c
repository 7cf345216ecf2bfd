#include <frame/mem.h>
#include <frame/cpu.h>
#define NEXT(p) ((p) + 1) /* expect: R2-ptr-arith */
int *f(int *p) { return NEXT(p); }
int *g(int *p) { return NEXT(NEXT(p)); }
