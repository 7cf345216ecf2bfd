#include <frame/mem.h>
#include <frame/cpu.h>
void f(int *p __attribute__((annotate("trusted")))); /* expect: R11-attr */
void g(int x __attribute__((__optimize__("O0")))); /* expect: R11-attr */
