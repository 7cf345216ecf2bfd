#include <frame/mem.h>
#include <frame/cpu.h>
void f(void) { asm volatile("" ::: "memory"); } /* expect: R1-asm R1-volatile */
