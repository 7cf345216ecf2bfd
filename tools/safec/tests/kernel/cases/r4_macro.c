#include <frame/mem.h>
#include <frame/cpu.h>
int f(int *p, int i) { return PTR_OF(p)[i]; } /* expect: R4-subscript */
