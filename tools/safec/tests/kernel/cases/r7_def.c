#include <frame/mem.h>
#include <frame/cpu.h>
int sum(int n, ...) { return n; } /* expect: R7-variadic */
