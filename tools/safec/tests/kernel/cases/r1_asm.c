#include <frame/mem.h>
#include <frame/cpu.h>
void f(void) { __asm__("nop"); } /* expect: R1-asm */
