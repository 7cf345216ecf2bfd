#include <frame/mem.h>
#include <frame/cpu.h>
int f(int *p) { return p[1]; } /* expect: R4-subscript */
int g(int *p, int i) { return i[p]; } /* expect: R4-subscript */
