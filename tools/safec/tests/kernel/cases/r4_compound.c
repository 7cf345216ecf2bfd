#include <frame/mem.h>
#include <frame/cpu.h>
int f(int i) { return (int[3]){1, 2, 3}[i]; } /* expect: R4-subscript */
