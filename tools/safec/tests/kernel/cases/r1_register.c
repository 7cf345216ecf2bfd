#include <frame/mem.h>
#include <frame/cpu.h>
int f(void) { register int i = 0; return i; } /* expect: R1-register */
