#include <frame/mem.h>
#include <frame/cpu.h>
static void *env[5];
int f(void) { return __builtin_setjmp(env); } /* expect: R9-symbol */
