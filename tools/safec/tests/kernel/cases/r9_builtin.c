#include <frame/mem.h>
#include <frame/cpu.h>
static int a, b;
void f(void) { __builtin_memcpy(&a, &b, sizeof(a)); } /* expect: R9-builtin */
void g(void) { __builtin_unreachable(); } /* expect: R9-builtin */
