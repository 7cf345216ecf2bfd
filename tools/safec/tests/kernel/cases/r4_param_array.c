#include <frame/mem.h>
#include <frame/cpu.h>
int f(int a[4]) { return a[1]; } /* expect: R4-subscript */
