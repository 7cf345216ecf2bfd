#include <frame/mem.h>
#include <frame/cpu.h>
long d(int *a, int *b) { return a - b; } /* expect: R2-ptr-arith */
