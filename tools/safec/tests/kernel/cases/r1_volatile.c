#include <frame/mem.h>
#include <frame/cpu.h>
static volatile int flag; /* expect: R1-volatile */
int f(void) { int * volatile p = 0; return p == 0; } /* expect: R1-volatile */
