#include <frame/mem.h>
#include <frame/cpu.h>
void mylog(const char *f, ...); /* expect: R7-variadic */
